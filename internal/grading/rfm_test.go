package grading

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func presetModel(t testing.TB, key string) Model {
	t.Helper()
	preset, ok := LookupPreset(key)
	require.True(t, ok, key)
	return mustParseModel(t, preset.Kind, string(preset.Config))
}

// rfmGrid returns 125 accounts, one per (r, f, m) combination, whose values
// are built so that each dimension's quintiles come out as designed: every
// score appears 25 times and values order by score first.
func rfmGrid() (population []Metrics, want map[int64][3]int) {
	want = make(map[int64][3]int)
	id := int64(0)
	for r := 1; r <= 5; r++ {
		for f := 1; f <= 5; f++ {
			for m := 1; m <= 5; m++ {
				id++
				population = append(population, Metrics{
					AccountID: id,
					// Fewer days is better, so a higher r means fewer days.
					DaysSinceLastOrder: new(int((6-r)*1000) + int(id)),
					Orders12m:          int64(f*1000) + id,
					Revenue12mMinor:    int64(m*1000) + id,
				})
				want[id] = [3]int{r, f, m}
			}
		}
	}
	return population, want
}

func TestRFMQuintiles(t *testing.T) {
	t.Parallel()

	model := presetModel(t, PresetRFM)
	population, want := rfmGrid()
	results, err := model.Evaluate(testAsOf, population)
	require.NoError(t, err)
	for _, result := range results {
		criteria := result.Explanation.Criteria
		got := [3]int{int(criteria[0].Points), int(criteria[1].Points), int(criteria[2].Points)}
		require.Equal(t, want[result.AccountID], got, "account %d", result.AccountID)
		require.Equal(t, float64(got[0]+got[1]+got[2]), result.Score)
	}
	requireJSONMarshals(t, results)
}

func TestQuintileScores(t *testing.T) {
	t.Parallel()

	scoresOf := func(values []int64, higherIsBetter bool) []int8 {
		population := make([]Metrics, len(values))
		for i, value := range values {
			population[i] = Metrics{Orders12m: value}
		}
		get, err := accessorFor(MetricOrders12m)
		require.NoError(t, err)
		scores, _, _ := quintileScores(population, rfmDimension{get: get, higherIsBetter: higherIsBetter})
		return scores
	}

	// Ten distinct values: two per quintile, boundary between positions 1|2, 3|4, …
	require.Equal(t, []int8{1, 1, 2, 2, 3, 3, 4, 4, 5, 5}, scoresOf([]int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, true))
	require.Equal(t, []int8{5, 5, 4, 4, 3, 3, 2, 2, 1, 1}, scoresOf([]int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, false))
	// A block of ties takes the quintile of its middle: six zeros of ten sit
	// at mid-rank 3/10 → 2, not split across 1, 2 and 3.
	require.Equal(t, []int8{2, 2, 2, 2, 2, 2, 4, 4, 5, 5}, scoresOf([]int64{0, 0, 0, 0, 0, 0, 7, 8, 9, 10}, true))
	require.Equal(t, []int8{3, 3, 3}, scoresOf([]int64{4, 4, 4}, true), "no information → middle")
	require.Equal(t, []int8{3}, scoresOf([]int64{4}, true))
	require.Empty(t, scoresOf(nil, true))
}

func TestRFMNeverOrderedScoresOne(t *testing.T) {
	t.Parallel()

	model := presetModel(t, PresetRFM)
	population := []Metrics{
		{AccountID: 1, DaysSinceLastOrder: new(400), Orders12m: 0, Revenue12mMinor: 0},
		{AccountID: 2},
		{AccountID: 3, DaysSinceLastOrder: new(3), Orders12m: 30, Revenue12mMinor: 9000},
	}
	results, err := model.Evaluate(testAsOf, population)
	require.NoError(t, err)
	never := results[1]
	require.Equal(t, 1.0, never.Explanation.Criteria[0].Points)
	require.True(t, never.Explanation.Criteria[0].Missing)
	require.Equal(t, []MetricName{MetricDaysSinceLastOrder}, never.Explanation.Missing)
	// The two accounts that did order split the recency scale between them.
	require.Equal(t, 2.0, results[0].Explanation.Criteria[0].Points)
	require.Equal(t, 4.0, results[2].Explanation.Criteria[0].Points)
}

func TestRFMSegments(t *testing.T) {
	t.Parallel()

	model := presetModel(t, PresetRFM)
	population, want := rfmGrid()
	results, err := model.Evaluate(testAsOf, population)
	require.NoError(t, err)
	byScores := make(map[[3]int]Result, len(results))
	for _, result := range results {
		byScores[want[result.AccountID]] = result
	}

	// Each rule on its edges: just below, at and above the bound.
	tests := []struct {
		r, f, m int
		level   string
		class   Class
	}{
		{5, 5, 5, SegmentChampions, ClassS},
		{4, 4, 4, SegmentChampions, ClassS},
		{3, 4, 4, SegmentLoyal, ClassA},
		{4, 3, 4, SegmentPotentialLoyalists, ClassB},
		{4, 4, 3, SegmentLoyal, ClassA},
		{3, 5, 1, SegmentLoyal, ClassA},
		{2, 4, 4, SegmentAtRisk, ClassB},
		{1, 4, 4, SegmentCantLose, ClassA},
		{1, 4, 3, SegmentAtRisk, ClassB},
		{1, 3, 5, SegmentAtRisk, ClassB},
		{2, 3, 1, SegmentAtRisk, ClassB},
		{2, 2, 5, SegmentHibernating, ClassC},
		{5, 2, 1, SegmentPotentialLoyalists, ClassB},
		{5, 1, 5, SegmentNewCustomers, ClassC},
		{3, 3, 5, SegmentNeedAttention, ClassC},
		{3, 1, 1, SegmentNeedAttention, ClassC},
		{1, 1, 1, SegmentHibernating, ClassC},
	}
	for _, tt := range tests {
		result := byScores[[3]int{tt.r, tt.f, tt.m}]
		require.Equal(t, tt.level, result.Level, "R%d F%d M%d", tt.r, tt.f, tt.m)
		require.Equal(t, tt.class, result.Class, "R%d F%d M%d", tt.r, tt.f, tt.m)
	}

	champion := byScores[[3]int{4, 4, 5}].Explanation.Decision
	require.Equal(t, "R4 F4 M5 matches segments[0] (R≥4 F≥4 M≥4) → champions", champion.Text)
	require.Equal(t, "segments[0]", champion.Rule)
	hibernating := byScores[[3]int{2, 1, 3}].Explanation.Decision
	require.Equal(t, "R2 F1 M3 matches no segment → hibernating", hibernating.Text)
	require.Equal(t, "default_segment", hibernating.Rule)
	need := byScores[[3]int{3, 2, 2}].Explanation.Decision
	require.Equal(t, "R3 F2 M2 matches segments[6] (R=3 F≤3) → need_attention", need.Text)
	potential := byScores[[3]int{5, 2, 2}].Explanation.Decision
	require.Contains(t, potential.Text, "(R≥4 2≤F≤3)")
}

func TestRFMPresetMatchesDefaultSegments(t *testing.T) {
	t.Parallel()

	preset, ok := LookupPreset(PresetRFM)
	require.True(t, ok)
	var cfg RFMConfig
	require.NoError(t, json.Unmarshal(preset.Config, &cfg))
	require.Equal(t, DefaultRFMSegments(), cfg.Segments)
	require.Equal(t, SegmentHibernating, cfg.DefaultSegment)
}

func TestRFMValidate(t *testing.T) {
	t.Parallel()

	config := func(segments, defaultSegment, mapping string) string {
		return fmt.Sprintf(`{"recency_metric": "days_since_last_order", "frequency_metric": "orders_12m", "monetary_metric": "revenue_12m",
		  "segments": %s, "default_segment": %q, "class_mapping": %s}`, segments, defaultSegment, mapping)
	}
	requireFieldError(t, KindRFM, config(`[{"name": "best", "r": {"min": 6}}]`, "rest", `{"best": "S", "rest": "C"}`),
		"segments[0].r.min", "between 1 and 5")
	requireFieldError(t, KindRFM, config(`[{"name": "best", "f": {"min": 4, "max": 2}}]`, "rest", `{"best": "S", "rest": "C"}`),
		"segments[0].f.min", "must not exceed max")
	requireFieldError(t, KindRFM, config(`[{"name": "best", "r": {"min": 4}}, {"name": "good", "r": {"min": 5}}]`, "rest", `{"best": "S", "good": "A", "rest": "C"}`),
		"segments[1]", "unreachable")
	requireFieldError(t, KindRFM, config(`[{"name": "best", "r": {"min": 4}}]`, "best", `{"best": "S"}`),
		"default_segment", "must differ")
	requireFieldError(t, KindRFM, config(`[{"name": "best", "r": {"min": 4}}]`, "rest", `{"best": "S"}`),
		"class_mapping.rest", "missing")
	requireFieldError(t, KindRFM, config(`[]`, "rest", `{"rest": "C"}`), "segments", "at least one segment")
	requireFieldError(t, KindRFM, `{"recency_metric": "recency", "frequency_metric": "orders_12m", "monetary_metric": "revenue_12m",
	  "segments": [{"name": "best"}], "default_segment": "rest", "class_mapping": {"best": "S", "rest": "C"}}`,
		"recency_metric", "unknown metric")

	model := mustParseModel(t, KindRFM, config(`[{"name": "everyone"}]`, "nobody", `{"everyone": "B", "nobody": "C"}`))
	require.Equal(t, []string{"everyone", "nobody"}, model.Levels())
}
