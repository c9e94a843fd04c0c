package grading

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// seedScorecard is the seed 000 cut-offs (≥75 A, 60–75 B, <60 C) with S ≥ 90
// on one banded and one linear criterion.
const seedScorecard = `{
  "criteria": [
    {"name": "cumulative sales", "metric": "cumulative_revenue", "weight": 60, "bands": [
      {"max": 1000, "points": 0},
      {"min": 1000, "max": 5000, "points": 50},
      {"min": 5000, "points": 100}
    ]},
    {"name": "collection health", "metric": "overdue_receivable_ratio", "weight": 40,
     "linear": {"zero_at": 0.5, "full_at": 0}}
  ],
  "thresholds": [
    {"level": "S", "min_score": 90},
    {"level": "A", "min_score": 75},
    {"level": "B", "min_score": 60},
    {"level": "C", "min_score": 0}
  ],
  "class_mapping": {"S": "S", "A": "A", "B": "B", "C": "C"}
}`

func TestWeightedScorecardEvaluate(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindWeightedScorecard, seedScorecard)
	require.Equal(t, []string{"S", "A", "B", "C"}, model.Levels())

	tests := []struct {
		name       string
		cumulative int64
		overdue    float64
		wantScore  float64
		wantLevel  string
		wantText   string
	}{
		// 60 × 100% + 40 × (1 − overdue/0.5)
		{name: "top", cumulative: 5000, overdue: 0, wantScore: 100, wantLevel: "S", wantText: "score 100 ≥ 90 → S"},
		{name: "exactly 90 is S", cumulative: 5000, overdue: 0.125, wantScore: 90, wantLevel: "S"},
		{name: "just below 90 is A", cumulative: 5000, overdue: 0.126, wantScore: 89.92, wantLevel: "A", wantText: "score 89.92 ≥ 75 → A"},
		{name: "exactly 75 is A", cumulative: 5000, overdue: 0.3125, wantScore: 75, wantLevel: "A"},
		{name: "just below 75 is B", cumulative: 5000, overdue: 0.3126, wantScore: 74.992, wantLevel: "B"},
		{name: "band edge belongs to the upper band", cumulative: 1000, overdue: 0, wantScore: 70, wantLevel: "B"},
		{name: "just below a band edge", cumulative: 4999, overdue: 0.25, wantScore: 50, wantLevel: "C"},
		{name: "60 from the top band alone", cumulative: 5000, overdue: 0.5, wantScore: 60, wantLevel: "B"},
		{name: "linear clamps beyond zero_at", cumulative: 5000, overdue: 0.9, wantScore: 60, wantLevel: "B"},
		{name: "below 60 is C", cumulative: 999, overdue: 0.01, wantScore: 39.2, wantLevel: "C", wantText: "score 39.2 < 60 → C"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			result := evaluateOne(t, model, Metrics{AccountID: 7, CumulativeRevenueMinor: tt.cumulative, OverdueReceivableRatio: tt.overdue})
			require.Equal(t, int64(7), result.AccountID)
			require.True(t, result.HasScore)
			require.InDelta(t, tt.wantScore, result.Score, 1e-9)
			require.Equal(t, tt.wantLevel, result.Level)
			require.Equal(t, Class(tt.wantLevel), result.Class)
			if tt.wantText != "" {
				require.Equal(t, tt.wantText, result.Explanation.Decision.Text)
			}
			contributions := 0.0
			for _, criterion := range result.Explanation.Criteria {
				contributions += criterion.Contribution
			}
			require.InDelta(t, result.Score, contributions, 1e-6, "contributions add up to the score")
		})
	}
}

func TestWeightedScorecardExplanation(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindWeightedScorecard, seedScorecard)
	result := evaluateOne(t, model, Metrics{AccountID: 1, CumulativeRevenueMinor: 1200, OverdueReceivableRatio: 0.1})

	explanation := result.Explanation
	require.Equal(t, KindWeightedScorecard, explanation.ModelKind)
	require.Equal(t, map[MetricName]float64{MetricCumulativeRevenue: 1200, MetricOverdueReceivableRatio: 0.1}, explanation.Inputs)
	require.Equal(t, []CriterionExplanation{
		{Name: "cumulative sales", Metric: MetricCumulativeRevenue, RawValue: 1200, Points: 50, Weight: 60, Contribution: 30, Rule: "bands[1]: [1000, 5000) → 50 points"},
		{Name: "collection health", Metric: MetricOverdueReceivableRatio, RawValue: 0.1, Points: 80, Weight: 40, Contribution: 32, Rule: "linear: 0 points at 0.5, 100 points at 0"},
	}, explanation.Criteria)
	require.Equal(t, Decision{Text: "score 62 ≥ 60 → B", Rule: "thresholds[2]", Level: "B", Class: ClassB}, explanation.Decision)
	require.Nil(t, explanation.Position)
}

func TestWeightedScorecardMissingAndOutsideBands(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindWeightedScorecard, `{
  "criteria": [
    {"name": "satisfaction", "metric": "avg_satisfaction", "weight": 50, "bands": [{"min": 5, "max": 9, "points": 100}]},
    {"name": "growth", "metric": "revenue_growth_yoy", "weight": 50, "linear": {"zero_at": 0, "full_at": 0.5}}
  ],
  "thresholds": [{"level": "good", "min_score": 50}, {"level": "poor", "min_score": 0}],
  "class_mapping": {"good": "A", "poor": "C"}
}`)

	t.Run("missing values score 0 and are listed", func(t *testing.T) {
		t.Parallel()
		result := evaluateOne(t, model, Metrics{AccountID: 1})
		require.Zero(t, result.Score)
		require.Equal(t, "poor", result.Level)
		require.Equal(t, ClassC, result.Class)
		require.Equal(t, []MetricName{MetricAvgSatisfaction, MetricRevenueGrowthYoY}, result.Explanation.Missing)
		require.Empty(t, result.Explanation.Inputs)
		for _, criterion := range result.Explanation.Criteria {
			require.True(t, criterion.Missing)
			require.Equal(t, ruleMissingValue, criterion.Rule)
		}
	})
	t.Run("values outside bounded bands score 0", func(t *testing.T) {
		t.Parallel()
		for _, satisfaction := range []float64{4.9, 9} {
			result := evaluateOne(t, model, Metrics{AccountID: 1, AvgSatisfaction: new(satisfaction)})
			require.Zero(t, result.Explanation.Criteria[0].Points)
			require.Equal(t, ruleOutsideBands, result.Explanation.Criteria[0].Rule)
		}
		result := evaluateOne(t, model, Metrics{AccountID: 1, AvgSatisfaction: new(5.0)})
		require.Equal(t, 100.0, result.Explanation.Criteria[0].Points)
		require.Equal(t, "good", result.Level)
	})
}

func TestWeightedScorecardValidate(t *testing.T) {
	t.Parallel()

	const thresholds = `"thresholds": [{"level": "A", "min_score": 75}, {"level": "C", "min_score": 0}],
  "class_mapping": {"A": "A", "C": "C"}`
	tests := []struct {
		name    string
		raw     string
		path    string
		message string
	}{
		{
			name:    "band min not below max",
			raw:     `{"criteria": [{"name": "x", "metric": "revenue_12m", "weight": 100, "bands": [{"min": 5, "max": 5, "points": 10}]}], ` + thresholds + `}`,
			path:    "criteria[0].bands[0].min",
			message: "must be less than max",
		},
		{
			name: "gap between bands",
			raw: `{"criteria": [{"name": "a", "metric": "revenue_12m", "weight": 50, "linear": {"zero_at": 0, "full_at": 1}},
			  {"name": "b", "metric": "orders_12m", "weight": 20, "linear": {"zero_at": 0, "full_at": 1}},
			  {"name": "c", "metric": "touchpoints", "weight": 30, "bands": [{"max": 3, "points": 0}, {"min": 4, "points": 100}]}], ` + thresholds + `}`,
			path:    "criteria[2].bands[1].min",
			message: "must equal criteria[2].bands[0].max (3)",
		},
		{
			name:    "open band in the middle",
			raw:     `{"criteria": [{"name": "x", "metric": "revenue_12m", "weight": 100, "bands": [{"points": 0}, {"min": 4, "points": 100}]}], ` + thresholds + `}`,
			path:    "criteria[0].bands[0].max",
			message: "only the last band may be open above",
		},
		{
			name:    "points above 100",
			raw:     `{"criteria": [{"name": "x", "metric": "revenue_12m", "weight": 100, "bands": [{"points": 120}]}], ` + thresholds + `}`,
			path:    "criteria[0].bands[0].points",
			message: "between 0 and 100",
		},
		{
			name:    "weights not summing to 100",
			raw:     `{"criteria": [{"name": "x", "metric": "revenue_12m", "weight": 90, "linear": {"zero_at": 0, "full_at": 1}}], ` + thresholds + `}`,
			path:    "criteria",
			message: "weights must sum to 100, got 90",
		},
		{
			name:    "unknown metric",
			raw:     `{"criteria": [{"name": "x", "metric": "revenue_13m", "weight": 100, "linear": {"zero_at": 0, "full_at": 1}}], ` + thresholds + `}`,
			path:    "criteria[0].metric",
			message: `unknown metric "revenue_13m"`,
		},
		{
			name:    "neither bands nor linear",
			raw:     `{"criteria": [{"name": "x", "metric": "revenue_12m", "weight": 100}], ` + thresholds + `}`,
			path:    "criteria[0]",
			message: "needs bands or linear",
		},
		{
			name:    "both bands and linear",
			raw:     `{"criteria": [{"name": "x", "metric": "revenue_12m", "weight": 100, "bands": [{"points": 1}], "linear": {"zero_at": 0, "full_at": 1}}], ` + thresholds + `}`,
			path:    "criteria[0]",
			message: "not both",
		},
		{
			name:    "flat linear scale",
			raw:     `{"criteria": [{"name": "x", "metric": "revenue_12m", "weight": 100, "linear": {"zero_at": 1, "full_at": 1}}], ` + thresholds + `}`,
			path:    "criteria[0].linear.full_at",
			message: "must differ from zero_at",
		},
		{
			name: "duplicate criterion name",
			raw: `{"criteria": [{"name": "x", "metric": "revenue_12m", "weight": 50, "linear": {"zero_at": 0, "full_at": 1}},
			  {"name": "x", "metric": "orders_12m", "weight": 50, "linear": {"zero_at": 0, "full_at": 1}}], ` + thresholds + `}`,
			path:    "criteria[1].name",
			message: "duplicate criterion name",
		},
		{
			name: "thresholds out of order",
			raw: `{"criteria": [{"name": "x", "metric": "revenue_12m", "weight": 100, "linear": {"zero_at": 0, "full_at": 1}}],
			  "thresholds": [{"level": "B", "min_score": 60}, {"level": "A", "min_score": 75}, {"level": "C", "min_score": 0}],
			  "class_mapping": {"A": "A", "B": "B", "C": "C"}}`,
			path:    "thresholds[1].min_score",
			message: "must be less than thresholds[0].min_score (60)",
		},
		{
			name: "last threshold not 0",
			raw: `{"criteria": [{"name": "x", "metric": "revenue_12m", "weight": 100, "linear": {"zero_at": 0, "full_at": 1}}],
			  "thresholds": [{"level": "A", "min_score": 75}, {"level": "B", "min_score": 60}],
			  "class_mapping": {"A": "A", "B": "B"}}`,
			path:    "thresholds[1].min_score",
			message: "must be 0",
		},
		{
			name: "duplicate level",
			raw: `{"criteria": [{"name": "x", "metric": "revenue_12m", "weight": 100, "linear": {"zero_at": 0, "full_at": 1}}],
			  "thresholds": [{"level": "A", "min_score": 75}, {"level": "A", "min_score": 0}],
			  "class_mapping": {"A": "A"}}`,
			path:    "thresholds[1].level",
			message: `duplicate level "A"`,
		},
		{
			name: "mapping misses a level",
			raw: `{"criteria": [{"name": "x", "metric": "revenue_12m", "weight": 100, "linear": {"zero_at": 0, "full_at": 1}}],
			  "thresholds": [{"level": "A", "min_score": 75}, {"level": "C", "min_score": 0}],
			  "class_mapping": {"A": "A"}}`,
			path:    "class_mapping.C",
			message: "missing",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			requireFieldError(t, KindWeightedScorecard, tt.raw, tt.path, tt.message)
		})
	}
}

func TestWeightedScorecardValidateReportsEveryProblem(t *testing.T) {
	t.Parallel()

	cfg := &WeightedScorecardConfig{}
	err := cfg.Validate()
	require.Equal(t, []string{"criteria", "thresholds", "class_mapping"}, fieldPaths(t, err))
	require.EqualError(t, err, "invalid weighted_scorecard config: criteria: needs at least one criterion; "+
		"thresholds: needs at least 2 thresholds; class_mapping: is required: map every level () to S, A, B or C")

	_, err = cfg.Compile()
	require.Error(t, err, "Compile validates")
}

func TestWeightedScorecardCompileCopiesConfig(t *testing.T) {
	t.Parallel()

	var cfg WeightedScorecardConfig
	require.NoError(t, json.Unmarshal([]byte(seedScorecard), &cfg))
	model, err := cfg.Compile()
	require.NoError(t, err)

	cfg.ClassMapping["A"] = ClassC
	*cfg.Criteria[0].Bands[2].Min = 1e12
	result := evaluateOne(t, model, Metrics{CumulativeRevenueMinor: 5000, OverdueReceivableRatio: 0.3125})
	require.Equal(t, ClassA, result.Class, "a compiled model does not change with its config")
}
