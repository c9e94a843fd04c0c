package grading

import (
	"testing"

	"github.com/stretchr/testify/require"
)

const testRevenueBlend = `{
  "periods": [
    {"metric": "revenue_year_1", "weight": 50},
    {"metric": "revenue_year_2", "weight": 30},
    {"metric": "revenue_year_3", "weight": 20}
  ],
  "thresholds": [
    {"level": "A", "min": 1000},
    {"level": "B", "min": 500},
    {"level": "C"}
  ],
  "class_mapping": {"A": "A", "B": "B", "C": "C"}
}`

func TestSingleFactorBlend(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindSingleFactor, testRevenueBlend)
	require.Equal(t, KindSingleFactor, model.Kind())
	require.Equal(t, []string{"A", "B", "C"}, model.Levels())

	tests := []struct {
		name   string
		years  [3]int64
		blend  float64
		level  string
		reason string
	}{
		{name: "steady", years: [3]int64{1000, 1000, 1000}, blend: 1000, level: "A", reason: "blend 1000 ≥ 1000 → A"},
		{name: "just below A", years: [3]int64{1000, 1000, 995}, blend: 999, level: "B", reason: "blend 999 ≥ 500 → B"},
		{name: "one-off spike is damped", years: [3]int64{1800, 100, 100}, blend: 950, level: "B"},
		{name: "exactly B", years: [3]int64{400, 600, 600}, blend: 500, level: "B"},
		{name: "just below B", years: [3]int64{400, 600, 595}, blend: 499, level: "C", reason: "blend 499 < 500 → C"},
		{name: "negative year", years: [3]int64{-100, 0, 0}, blend: -50, level: "C"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			result := evaluateOne(t, model, Metrics{AccountID: 9, RevenueByYearMinor: tt.years})
			require.Equal(t, tt.blend, result.Score)
			require.Equal(t, tt.level, result.Level)
			require.Equal(t, Class(tt.level), result.Class)
			if tt.reason != "" {
				require.Equal(t, tt.reason, result.Explanation.Decision.Text)
			}
		})
	}

	result := evaluateOne(t, model, Metrics{RevenueByYearMinor: [3]int64{1200, 800, 500}})
	require.Equal(t, []CriterionExplanation{
		{Name: "revenue_year_1", Metric: MetricRevenueYear1, RawValue: 1200, Points: 1200, Weight: 50, Contribution: 600, Rule: "weight 50%"},
		{Name: "revenue_year_2", Metric: MetricRevenueYear2, RawValue: 800, Points: 800, Weight: 30, Contribution: 240, Rule: "weight 30%"},
		{Name: "revenue_year_3", Metric: MetricRevenueYear3, RawValue: 500, Points: 500, Weight: 20, Contribution: 100, Rule: "weight 20%"},
	}, result.Explanation.Criteria)
	require.Equal(t, 940.0, result.Score)
}

func TestSingleFactorMissingPeriodCountsAsZero(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindSingleFactor, `{
  "periods": [{"metric": "extra.collections_y1", "weight": 60}, {"metric": "extra.collections_y2", "weight": 40}],
  "thresholds": [{"level": "A", "min": 100}, {"level": "C"}],
  "class_mapping": {"A": "A", "C": "C"}
}`)
	result := evaluateOne(t, model, Metrics{Extra: map[string]float64{"collections_y1": 200}})
	require.Equal(t, 120.0, result.Score)
	require.Equal(t, "A", result.Level)
	require.Equal(t, []MetricName{"extra.collections_y2"}, result.Explanation.Missing)
	require.True(t, result.Explanation.Criteria[1].Missing)
}

func TestSingleFactorValidate(t *testing.T) {
	t.Parallel()

	const tail = `"thresholds": [{"level": "A", "min": 1000}, {"level": "C"}], "class_mapping": {"A": "A", "C": "C"}`
	requireFieldError(t, KindSingleFactor, `{"periods": [{"metric": "revenue_year_1", "weight": 50}, {"metric": "revenue_year_2", "weight": 30}], `+tail+`}`,
		"periods", "weights must sum to 100, got 80")
	requireFieldError(t, KindSingleFactor, `{"periods": [{"metric": "revenue_year_1", "weight": 50}, {"metric": "revenue_year_1", "weight": 50}], `+tail+`}`,
		"periods[1].metric", "duplicate metric")
	requireFieldError(t, KindSingleFactor, `{"periods": [{"metric": "revenue_year_1", "weight": -10}, {"metric": "revenue_year_2", "weight": 110}], `+tail+`}`,
		"periods[0].weight", "greater than 0")
	requireFieldError(t, KindSingleFactor, `{"periods": [], `+tail+`}`, "periods", "at least one period")

	const periods = `"periods": [{"metric": "revenue_year_1", "weight": 100}]`
	requireFieldError(t, KindSingleFactor, `{`+periods+`, "thresholds": [{"level": "A", "min": 10}, {"level": "B", "min": 20}, {"level": "C"}],
	  "class_mapping": {"A": "A", "B": "B", "C": "C"}}`, "thresholds[1].min", "must be less than thresholds[0].min (10)")
	requireFieldError(t, KindSingleFactor, `{`+periods+`, "thresholds": [{"level": "A", "min": 10}, {"level": "C", "min": 0}],
	  "class_mapping": {"A": "A", "C": "C"}}`, "thresholds[1].min", "must be omitted on the last threshold")
	requireFieldError(t, KindSingleFactor, `{`+periods+`, "thresholds": [{"level": "A"}, {"level": "C"}],
	  "class_mapping": {"A": "A", "C": "C"}}`, "thresholds[0].min", "is required")
	requireFieldError(t, KindSingleFactor, `{`+periods+`, "thresholds": [{"level": " A", "min": 1}, {"level": "C"}],
	  "class_mapping": {" A": "A", "C": "C"}}`, "thresholds[0].level", "whitespace")
	requireFieldError(t, KindSingleFactor, `{`+periods+`, "thresholds": [{"level": "C"}],
	  "class_mapping": {"C": "C"}}`, "thresholds", "at least 2 thresholds")
}

const testLadder = `{
  "metric": "cumulative_revenue",
  "thresholds": [
    {"level": "diamond", "min": 5000},
    {"level": "gold", "min": 2000},
    {"level": "new"}
  ],
  "class_mapping": {"diamond": "S", "gold": "A", "new": "C"}
}`

func TestTieredLadder(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindTieredLadder, testLadder)
	require.Equal(t, KindTieredLadder, model.Kind())
	require.Equal(t, []string{"diamond", "gold", "new"}, model.Levels())

	result := evaluateOne(t, model, Metrics{CumulativeRevenueMinor: 5000})
	require.Equal(t, "diamond", result.Level)
	require.Equal(t, ClassS, result.Class)
	require.Equal(t, KindTieredLadder, result.Explanation.ModelKind)
	require.Equal(t, "cumulative_revenue 5000 ≥ 5000 → diamond", result.Explanation.Decision.Text)

	result = evaluateOne(t, model, Metrics{CumulativeRevenueMinor: 1999})
	require.Equal(t, "new", result.Level)
	require.Equal(t, "cumulative_revenue 1999 < 2000 → new", result.Explanation.Decision.Text)
	require.Equal(t, "thresholds[2]", result.Explanation.Decision.Rule)

	requireFieldError(t, KindTieredLadder, `{"metric": "spend", "thresholds": [{"level": "a", "min": 1}, {"level": "b"}], "class_mapping": {"a": "A", "b": "B"}}`,
		"metric", `unknown metric "spend"`)
}
