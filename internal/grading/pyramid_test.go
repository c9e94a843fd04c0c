package grading

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

const testPyramid = `{
  "metric": "revenue_12m",
  "tiers": [
    {"level": "platinum", "percent": 1},
    {"level": "gold", "percent": 19},
    {"level": "iron", "percent": 30},
    {"level": "lead", "percent": 50}
  ],
  "class_mapping": {"platinum": "S", "gold": "A", "iron": "B", "lead": "C"}
}`

// descendingPopulation returns n accounts with revenue n, n-1, …, 1, so the
// account with ID k has rank k.
func descendingPopulation(n int) []Metrics {
	population := make([]Metrics, n)
	for i := range population {
		population[i] = Metrics{AccountID: int64(i + 1), Revenue12mMinor: int64(n - i)}
	}
	return population
}

func TestPyramidAccountCount(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindPyramid, testPyramid)
	require.Equal(t, []string{"platinum", "gold", "iron", "lead"}, model.Levels())

	results, err := model.Evaluate(testAsOf, descendingPopulation(1000))
	require.NoError(t, err)
	want := map[int]string{
		1: "platinum", 10: "platinum", 11: "gold",
		199: "gold", 200: "gold", 201: "iron",
		499: "iron", 500: "iron", 501: "lead",
		1000: "lead",
	}
	for rank, level := range want {
		result := results[rank-1]
		require.Equal(t, level, result.Level, "rank %d", rank)
		require.Equal(t, rank, result.Explanation.Position.Rank)
		require.Equal(t, 1000, result.Explanation.Position.Of)
	}
	counts := map[string]int{}
	for _, result := range results {
		counts[result.Level]++
	}
	require.Equal(t, map[string]int{"platinum": 10, "gold": 190, "iron": 300, "lead": 500}, counts)

	explanation := results[10].Explanation
	require.Equal(t, "revenue_12m 990 is rank 11 of 1000 (top 1.1%) within ranks 11–200 of tiers[1] (top 20% cumulative) → gold", explanation.Decision.Text)
	require.Equal(t, "tiers[1]", explanation.Decision.Rule)
	require.Equal(t, &Position{Rank: 11, Of: 1000, TopPercent: 1.1, Percentile: 98.9}, explanation.Position)
	require.Equal(t, 990.0, results[10].Score)
	requireJSONMarshals(t, results)
}

func TestPyramidKeepsPopulationOrder(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindPyramid, testPyramid)
	population := descendingPopulation(100)
	// Reverse: results must still line up with the input, not the ranking.
	for i, j := 0, len(population)-1; i < j; i, j = i+1, j-1 {
		population[i], population[j] = population[j], population[i]
	}
	results, err := model.Evaluate(testAsOf, population)
	require.NoError(t, err)
	for i, result := range results {
		require.Equal(t, population[i].AccountID, result.AccountID)
		require.Equal(t, int(population[i].AccountID), result.Explanation.Position.Rank)
	}
	require.Equal(t, "platinum", results[99].Level)
}

func TestPyramidSmallPopulationsRoundUp(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindPyramid, testPyramid)
	results, err := model.Evaluate(testAsOf, descendingPopulation(50))
	require.NoError(t, err)
	// ceil(0.5) = 1 platinum, ceil(10) = 10 within gold, ceil(25) = 25 within iron.
	levels := []string{results[0].Level, results[1].Level, results[9].Level, results[10].Level, results[24].Level, results[25].Level}
	require.Equal(t, []string{"platinum", "gold", "gold", "iron", "iron", "lead"}, levels)

	results, err = model.Evaluate(testAsOf, descendingPopulation(1))
	require.NoError(t, err)
	require.Equal(t, "platinum", results[0].Level)

	results, err = model.Evaluate(testAsOf, nil)
	require.NoError(t, err)
	require.Empty(t, results)
}

func TestPyramidTiesShareALevel(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindPyramid, testPyramid)
	population := descendingPopulation(100)
	// Ranks 1 and 2 tie: platinum holds one account, but ties never split.
	population[1].Revenue12mMinor = population[0].Revenue12mMinor
	results, err := model.Evaluate(testAsOf, population)
	require.NoError(t, err)
	require.Equal(t, "platinum", results[0].Level)
	require.Equal(t, "platinum", results[1].Level)
	require.Equal(t, 1, results[1].Explanation.Position.Rank)
	require.Equal(t, 3, results[2].Explanation.Position.Rank, "competition ranking skips after a tie")
}

func TestPyramidMissingValuesRankLast(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindPyramid, `{
  "metric": "extra.wallet_share",
  "tiers": [{"level": "top", "percent": 50}, {"level": "rest", "percent": 50}],
  "class_mapping": {"top": "A", "rest": "C"}
}`)
	population := []Metrics{
		{AccountID: 1},
		{AccountID: 2, Extra: map[string]float64{"wallet_share": 0.1}},
		{AccountID: 3, Extra: map[string]float64{"wallet_share": 0.3}},
		{AccountID: 4},
	}
	results, err := model.Evaluate(testAsOf, population)
	require.NoError(t, err)
	require.Equal(t, []string{"rest", "top", "top", "rest"}, []string{results[0].Level, results[1].Level, results[2].Level, results[3].Level})
	require.Equal(t, 3, results[0].Explanation.Position.Rank)
	require.Equal(t, 3, results[3].Explanation.Position.Rank)
	require.False(t, results[0].HasScore)
	require.Equal(t, []MetricName{"extra.wallet_share"}, results[0].Explanation.Missing)
	require.Equal(t, "no extra.wallet_share value: ranked last, rank 3 of 4 → rest", results[0].Explanation.Decision.Text)
}

func TestPyramidValueShare(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindPyramid, `{
  "metric": "revenue_12m",
  "basis": "value_share",
  "boundary": "include_crossing",
  "tiers": [
    {"level": "diamond", "percent": 50},
    {"level": "gold", "percent": 25},
    {"level": "silver", "percent": 20},
    {"level": "other", "percent": 5}
  ],
  "class_mapping": {"diamond": "S", "gold": "A", "silver": "B", "other": "C"}
}`)

	tests := []struct {
		name     string
		revenues []int64
		want     []string
	}{
		{
			// Shares above each account: 0, 40, 40 (tied), 80, 95.
			name:     "tied accounts share the upper tier",
			revenues: []int64{40, 20, 20, 15, 5},
			want:     []string{"diamond", "diamond", "diamond", "silver", "other"},
		},
		{
			name:     "non-positive values hold no share",
			revenues: []int64{10, 0, -5},
			want:     []string{"diamond", "other", "other"},
		},
		{
			name:     "nothing to share",
			revenues: []int64{0, 0},
			want:     []string{"other", "other"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			population := make([]Metrics, len(tt.revenues))
			for i, revenue := range tt.revenues {
				population[i] = Metrics{AccountID: int64(i + 1), Revenue12mMinor: revenue}
			}
			results, err := model.Evaluate(testAsOf, population)
			require.NoError(t, err)
			got := make([]string, len(results))
			for i, result := range results {
				got[i] = result.Level
			}
			require.Equal(t, tt.want, got)
			requireJSONMarshals(t, results)
		})
	}

	// For each cumulative line L (‰ of a 1000 total), accounts with
	// L-10, 10, 9, 8 and filler of 1s put the second account just below the
	// line, the third exactly at it and the fourth just above it.
	lines := []struct {
		perMille              int64
		below, at, above, top string
	}{
		{perMille: 500, top: "diamond", below: "diamond", at: "gold", above: "gold"},
		{perMille: 750, top: "diamond", below: "gold", at: "silver", above: "silver"},
		{perMille: 950, top: "diamond", below: "silver", at: "other", above: "other"},
	}
	for _, line := range lines {
		population := []Metrics{
			{AccountID: 1, Revenue12mMinor: line.perMille - 10},
			{AccountID: 2, Revenue12mMinor: 10},
			{AccountID: 3, Revenue12mMinor: 9},
			{AccountID: 4, Revenue12mMinor: 8},
		}
		for len(population) < int(1000-line.perMille-17)+4 {
			population = append(population, Metrics{AccountID: int64(len(population) + 1), Revenue12mMinor: 1})
		}
		results, err := model.Evaluate(testAsOf, population)
		require.NoError(t, err)
		got := []string{results[0].Level, results[1].Level, results[2].Level, results[3].Level}
		require.Equal(t, []string{line.top, line.below, line.at, line.above}, got, "line %d‰", line.perMille)
		require.Equal(t, float64(line.perMille)/10, *results[2].Explanation.Position.ShareAbovePercent)
	}

	results, err := model.Evaluate(testAsOf, []Metrics{{AccountID: 1, Revenue12mMinor: 60}, {AccountID: 2, Revenue12mMinor: 40}})
	require.NoError(t, err)
	require.Equal(t, "accounts ranked above hold 60% of revenue_12m; 60% < 75% (tiers[1] cumulative) → gold", results[1].Explanation.Decision.Text)
	require.Equal(t, 60.0, *results[1].Explanation.Position.ShareAbovePercent)
}

func TestPyramidValidate(t *testing.T) {
	t.Parallel()

	tiers := func(percents ...string) string {
		raw := `{"metric": "revenue_12m", "tiers": [`
		mapping := `"class_mapping": {`
		for i, percent := range percents {
			if i > 0 {
				raw += ", "
				mapping += ", "
			}
			raw += fmt.Sprintf(`{"level": "t%d", "percent": %s}`, i, percent)
			mapping += fmt.Sprintf(`"t%d": "C"`, i)
		}
		return raw + "], " + mapping + "}}"
	}
	requireFieldError(t, KindPyramid, tiers("1", "19", "30", "40"), "tiers", "percentages must sum to 100, got 90")
	requireFieldError(t, KindPyramid, tiers("0", "100"), "tiers[0].percent", "greater than 0")
	requireFieldError(t, KindPyramid, tiers("0.125", "99.875"), "tiers[0].percent", "at most two decimals")
	requireFieldError(t, KindPyramid, tiers("100"), "tiers", "at least 2 tiers")
	requireFieldError(t, KindPyramid, `{"metric": "revenue_12m", "basis": "revenue", "tiers": [{"level": "a", "percent": 50}, {"level": "b", "percent": 50}],
	  "class_mapping": {"a": "A", "b": "C"}}`, "basis", `unknown basis "revenue"`)

	_, err := ParseModel(KindPyramid, []byte(tiers("0.5", "19.5", "80")))
	require.NoError(t, err, "two decimals are fine and sum exactly")
}

// ibmTiers is seed 002's IBM segmentation: diamond ≈ 50% of revenue, gold
// 25%, silver 20%, other 5%.
func ibmTiers(boundary string) string {
	return `{"metric": "revenue_12m", "basis": "value_share", ` + boundary + `
  "tiers": [
    {"level": "diamond", "percent": 50},
    {"level": "gold", "percent": 25},
    {"level": "silver", "percent": 20},
    {"level": "other", "percent": 5}
  ],
  "class_mapping": {"diamond": "S", "gold": "A", "silver": "B", "other": "C"}
}`
}

func levelsAndShares(t *testing.T, model Model, revenues []int64) ([]string, map[string]int64) {
	t.Helper()
	population := make([]Metrics, len(revenues))
	for i, revenue := range revenues {
		population[i] = Metrics{AccountID: int64(i + 1), Revenue12mMinor: revenue}
	}
	results, err := model.Evaluate(testAsOf, population)
	require.NoError(t, err)
	requireJSONMarshals(t, results)
	levels := make([]string, len(results))
	shares := map[string]int64{}
	for i, result := range results {
		levels[i] = result.Level
		shares[result.Level] += revenues[i]
	}
	return levels, shares
}

func TestPyramidValueShareNearestKeepsIBMShares(t *testing.T) {
	t.Parallel()

	// Revenue 45, 28, 10, 8, 5, 4 of 100. Crossing the 50% line drags the
	// second account into diamond: the top tier holds 73%.
	revenues := []int64{45, 28, 10, 8, 5, 4}
	crossing := mustParseModel(t, KindPyramid, ibmTiers(`"boundary": "include_crossing",`))
	levels, shares := levelsAndShares(t, crossing, revenues)
	require.Equal(t, []string{"diamond", "diamond", "gold", "silver", "silver", "other"}, levels)
	require.Equal(t, int64(73), shares["diamond"])

	// Nearest (the default): 45% is 5 points from 50%, 73% is 23 points.
	// Gold stops at 73% (2 from 75%, 83% would be 8); silver at 96% (1 from
	// 95%; 91% is 4).
	nearest := mustParseModel(t, KindPyramid, ibmTiers(""))
	levels, shares = levelsAndShares(t, nearest, revenues)
	require.Equal(t, []string{"diamond", "gold", "silver", "silver", "silver", "other"}, levels)
	require.Equal(t, map[string]int64{"diamond": 45, "gold": 28, "silver": 23, "other": 4}, shares)

	results, err := nearest.Evaluate(testAsOf, []Metrics{{AccountID: 1, Revenue12mMinor: 45}, {AccountID: 2, Revenue12mMinor: 28}, {AccountID: 3, Revenue12mMinor: 27}})
	require.NoError(t, err)
	require.Equal(t, "revenue_12m 45 at position 1 of 3; tiers[0] holds positions 1–1, 45% of revenue_12m cumulative, the cut nearest the 50% line; one more account would make 73% → diamond",
		results[0].Explanation.Decision.Text)
	require.Equal(t, 45.0, *results[1].Explanation.Position.ShareAbovePercent)

	// Below: no tier ever exceeds its line.
	below := mustParseModel(t, KindPyramid, ibmTiers(`"boundary": "below",`))
	levels, shares = levelsAndShares(t, below, revenues)
	require.Equal(t, []string{"diamond", "gold", "silver", "silver", "other", "other"}, levels)
	require.Equal(t, map[string]int64{"diamond": 45, "gold": 28, "silver": 18, "other": 9}, shares)
}

func TestPyramidValueShareNearestBoundaries(t *testing.T) {
	t.Parallel()
	model := mustParseModel(t, KindPyramid, ibmTiers(""))

	// An exact tie in distance (40% and 60% are both 10 from 50%) takes the
	// account in, as the crossing rule always did.
	levels, _ := levelsAndShares(t, model, []int64{40, 20, 15, 15, 10})
	require.Equal(t, "diamond", levels[1])
	// One fen nearer below the line keeps it out: 4001 (999.5 from
	// 5000.5) against 6001 (1000.5) of 10001.
	levels, _ = levelsAndShares(t, model, []int64{4001, 2000, 1500, 1500, 1000})
	require.Equal(t, "gold", levels[1])

	// The best account is diamond even when it alone overshoots the line
	// by more than the line itself (90% vs a 50% line: 40 off, 0% is 50).
	levels, _ = levelsAndShares(t, model, []int64{90, 10})
	require.Equal(t, "diamond", levels[0])
	levels, _ = levelsAndShares(t, mustParseModel(t, KindPyramid, `{"metric": "revenue_12m", "basis": "value_share",
	  "tiers": [{"level": "top", "percent": 10}, {"level": "rest", "percent": 90}], "class_mapping": {"top": "S", "rest": "C"}}`), []int64{80, 20})
	require.Equal(t, []string{"top", "rest"}, levels)

	// Non-positive values hold no share; nothing to share puts everyone last.
	levels, _ = levelsAndShares(t, model, []int64{10, 0, -5})
	require.Equal(t, []string{"diamond", "other", "other"}, levels)
	levels, _ = levelsAndShares(t, model, []int64{0, 0})
	require.Equal(t, []string{"other", "other"}, levels)
}

func TestPyramidValueShareTiesSplitByAccountID(t *testing.T) {
	t.Parallel()
	model := mustParseModel(t, KindPyramid, ibmTiers(""))

	// 30, 20, 20, 20, 10 of 100: diamond's nearest cut is 50% (30+20), so the
	// three tied 20s are split: the lowest account id goes first, whatever
	// the input order.
	population := []Metrics{
		{AccountID: 9, Revenue12mMinor: 20},
		{AccountID: 1, Revenue12mMinor: 30},
		{AccountID: 7, Revenue12mMinor: 20},
		{AccountID: 3, Revenue12mMinor: 20},
		{AccountID: 5, Revenue12mMinor: 10},
	}
	results, err := model.Evaluate(testAsOf, population)
	require.NoError(t, err)
	byID := map[int64]Result{}
	for _, result := range results {
		byID[result.AccountID] = result
	}
	require.Equal(t, "diamond", byID[1].Level)
	require.Equal(t, "diamond", byID[3].Level)
	require.Equal(t, "gold", byID[7].Level)
	require.Equal(t, "silver", byID[9].Level)
	require.Contains(t, byID[3].Explanation.Decision.Text, "(tied with the account across the cut; the lower account id goes first)")
	require.Contains(t, byID[7].Explanation.Decision.Text, "(tied with the account across the cut; the lower account id goes first)")
	// Tied accounts still share a rank.
	require.Equal(t, byID[3].Explanation.Position.Rank, byID[9].Explanation.Position.Rank)
}

// hpCoverage is seed 002's HP coverage table: about 100 global accounts run
// by a dedicated team, about 70 key accounts in China with a dedicated owner,
// the rest local named accounts.
const hpCoverage = `{
  "metric": "revenue_12m",
  "basis": "top_n",
  "tiers": [
    {"level": "global", "count": 100},
    {"level": "key", "count": 70},
    {"level": "named"}
  ],
  "class_mapping": {"global": "S", "key": "A", "named": "B"}
}`

func TestPyramidTopN(t *testing.T) {
	t.Parallel()
	model := mustParseModel(t, KindPyramid, hpCoverage)

	results, err := model.Evaluate(testAsOf, descendingPopulation(1000))
	require.NoError(t, err)
	for rank, level := range map[int]string{1: "global", 100: "global", 101: "key", 170: "key", 171: "named", 1000: "named"} {
		require.Equal(t, level, results[rank-1].Level, "rank %d", rank)
	}
	require.Equal(t, "revenue_12m 900 at position 101 of 1000; tiers[1] holds positions 101–170 (top 170 cumulative) → key", results[100].Explanation.Decision.Text)

	// Exactly 100 global accounts even when accounts tie at the cut.
	population := descendingPopulation(300)
	for i := 95; i < 105; i++ {
		population[i].Revenue12mMinor = 205 // ten accounts tie across the 100th place
	}
	results, err = model.Evaluate(testAsOf, population)
	require.NoError(t, err)
	counts := map[string]int{}
	for _, result := range results {
		counts[result.Level]++
	}
	require.Equal(t, map[string]int{"global": 100, "key": 70, "named": 130}, counts)
	require.Equal(t, "global", results[99].Level)
	require.Equal(t, "key", results[100].Level)
	require.Contains(t, results[99].Explanation.Decision.Text, "lower account id goes first")

	// Fewer accounts than the counts: the top tiers fill in order; an
	// account lacking the metric never takes a global slot.
	byExtra := mustParseModel(t, KindPyramid, `{"metric": "extra.wallet", "basis": "top_n",
	  "tiers": [{"level": "global", "count": 100}, {"level": "named"}], "class_mapping": {"global": "S", "named": "B"}}`)
	results, err = byExtra.Evaluate(testAsOf, []Metrics{{AccountID: 1, Extra: map[string]float64{"wallet": 5}}, {AccountID: 2}})
	require.NoError(t, err)
	require.Equal(t, "global", results[0].Level)
	require.Equal(t, "named", results[1].Level)
	require.Equal(t, []MetricName{"extra.wallet"}, results[1].Explanation.Missing)
}

func TestPyramidTopNAndBoundaryValidate(t *testing.T) {
	t.Parallel()
	requireFieldError(t, KindPyramid, `{"metric": "revenue_12m", "basis": "top_n", "tiers": [{"level": "a", "count": 0}, {"level": "b"}], "class_mapping": {"a": "A", "b": "C"}}`,
		"tiers[0].count", "at least 1")
	requireFieldError(t, KindPyramid, `{"metric": "revenue_12m", "basis": "top_n", "tiers": [{"level": "a", "count": 5}, {"level": "b", "count": 5}], "class_mapping": {"a": "A", "b": "C"}}`,
		"tiers[1].count", "last tier takes the rest")
	requireFieldError(t, KindPyramid, `{"metric": "revenue_12m", "basis": "top_n", "tiers": [{"level": "a", "count": 5, "percent": 10}, {"level": "b"}], "class_mapping": {"a": "A", "b": "C"}}`,
		"tiers[0].percent", "give a count")
	requireFieldError(t, KindPyramid, `{"metric": "revenue_12m", "tiers": [{"level": "a", "percent": 50, "count": 3}, {"level": "b", "percent": 50}], "class_mapping": {"a": "A", "b": "C"}}`,
		"tiers[0].count", "top_n")
	requireFieldError(t, KindPyramid, `{"metric": "revenue_12m", "boundary": "nearest", "tiers": [{"level": "a", "percent": 50}, {"level": "b", "percent": 50}], "class_mapping": {"a": "A", "b": "C"}}`,
		"boundary", "value_share")
	requireFieldError(t, KindPyramid, `{"metric": "revenue_12m", "basis": "value_share", "boundary": "up", "tiers": [{"level": "a", "percent": 50}, {"level": "b", "percent": 50}], "class_mapping": {"a": "A", "b": "C"}}`,
		"boundary", `unknown boundary "up"`)
}
