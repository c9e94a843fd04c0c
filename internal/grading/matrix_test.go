package grading

import (
	"testing"

	"github.com/stretchr/testify/require"
)

const testInfluenceVolume = `{
  "influence": {"metric": "influence_score", "threshold": 60},
  "volume": {"metric": "revenue_12m", "threshold": 1000},
  "class_mapping": {"S": "S", "A": "A", "B": "B", "C": "C"}
}`

func TestInfluenceVolumeMatrix(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindInfluenceVolumeMatrix, testInfluenceVolume)
	require.Equal(t, KindInfluenceVolumeMatrix, model.Kind())
	require.Equal(t, []string{"S", "A", "B", "C"}, model.Levels())

	tests := []struct {
		name      string
		influence *float64
		revenue   int64
		want      string
	}{
		{name: "high high", influence: new(80.0), revenue: 5000, want: "S"},
		{name: "both exactly at threshold", influence: new(60.0), revenue: 1000, want: "S"},
		{name: "high influence low volume", influence: new(60.0), revenue: 999, want: "A"},
		{name: "low influence high volume", influence: new(59.9), revenue: 1000, want: "B"},
		{name: "low low", influence: new(10.0), revenue: 10, want: "C"},
		{name: "unassessed influence is low", influence: nil, revenue: 5000, want: "B"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			result := evaluateOne(t, model, Metrics{AccountID: 3, InfluenceScore: tt.influence, Revenue12mMinor: tt.revenue})
			require.Equal(t, tt.want, result.Level)
			require.Equal(t, Class(tt.want), result.Class)
			require.False(t, result.HasScore)
		})
	}
}

func TestInfluenceVolumeMatrixExplanation(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindInfluenceVolumeMatrix, testInfluenceVolume)

	result := evaluateOne(t, model, Metrics{InfluenceScore: new(72.0), Revenue12mMinor: 400})
	require.Equal(t, Decision{
		Text:  "influence 72 ≥ 60 → high; volume 400 < 1000 → low ⇒ A",
		Rule:  "influence=high,volume=low",
		Level: "A",
		Class: ClassA,
	}, result.Explanation.Decision)
	require.Equal(t, 1.0, result.Explanation.Criteria[0].Points)
	require.Equal(t, 0.0, result.Explanation.Criteria[1].Points)

	result = evaluateOne(t, model, Metrics{Revenue12mMinor: 400})
	require.Equal(t, []MetricName{MetricInfluenceScore}, result.Explanation.Missing)
	require.Equal(t, "influence missing → low; volume 400 < 1000 → low ⇒ C", result.Explanation.Decision.Text)
	require.Equal(t, map[MetricName]float64{MetricRevenue12m: 400}, result.Explanation.Inputs)
}

func TestValueMatrix(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindValueMatrix, `{
  "current": {"metric": "revenue_12m", "threshold": 100},
  "potential": {"metric": "potential_value", "threshold": 500},
  "class_mapping": {"1": "S", "2": "A", "3": "B", "4": "C"}
}`)
	require.Equal(t, []string{"1", "2", "3", "4"}, model.Levels())

	tests := []struct {
		current, potential int64
		want               string
	}{
		{current: 100, potential: 500, want: "1"},
		{current: 100, potential: 499, want: "2"},
		{current: 99, potential: 500, want: "3"},
		{current: 99, potential: 499, want: "4"},
	}
	for _, tt := range tests {
		result := evaluateOne(t, model, Metrics{Revenue12mMinor: tt.current, PotentialValueMinor: tt.potential})
		require.Equal(t, tt.want, result.Level, "current %d potential %d", tt.current, tt.potential)
		require.Equal(t, KindValueMatrix, result.Explanation.ModelKind)
	}
}

func TestMatrixValidate(t *testing.T) {
	t.Parallel()

	requireFieldError(t, KindInfluenceVolumeMatrix, `{"influence": {"metric": "influence", "threshold": 60},
	  "volume": {"metric": "revenue_12m", "threshold": 1},
	  "class_mapping": {"S": "S", "A": "A", "B": "B", "C": "C"}}`, "influence.metric", `unknown metric "influence"`)
	requireFieldError(t, KindInfluenceVolumeMatrix, `{"influence": {"metric": "influence_score", "threshold": 60},
	  "volume": {"metric": "revenue_12m", "threshold": 1},
	  "class_mapping": {"S": "S", "A": "A", "B": "B"}}`, "class_mapping.C", "missing")
	requireFieldError(t, KindValueMatrix, `{"current": {"metric": "revenue_12m", "threshold": 1},
	  "class_mapping": {"1": "S", "2": "A", "3": "B", "4": "C"}}`, "potential.metric", "metric is required")
}
