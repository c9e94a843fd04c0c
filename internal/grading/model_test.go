package grading

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseModelStrictDecoding(t *testing.T) {
	t.Parallel()

	const valid = `{"influence": {"metric": "influence_score", "threshold": 60},
	  "volume": {"metric": "revenue_12m", "threshold": 100},
	  "class_mapping": {"S": "S", "A": "A", "B": "B", "C": "C"}}`

	_, err := ParseModel(KindInfluenceVolumeMatrix, json.RawMessage(valid))
	require.NoError(t, err)

	tests := []struct {
		name    string
		kind    Kind
		raw     string
		message string
	}{
		{name: "unknown kind", kind: "decision_tree", raw: valid, message: `unknown model kind "decision_tree"`},
		{name: "empty", kind: KindInfluenceVolumeMatrix, raw: "  ", message: "empty config"},
		{name: "unknown field", kind: KindInfluenceVolumeMatrix, raw: `{"influence": {"metric": "influence_score", "threshold": 60, "inclusive": true}}`, message: `unknown field "inclusive"`},
		{name: "trailing data", kind: KindInfluenceVolumeMatrix, raw: valid + ` {}`, message: "unexpected data after the config object"},
		{name: "wrong type", kind: KindInfluenceVolumeMatrix, raw: `{"influence": {"metric": "influence_score", "threshold": "60"}}`, message: "cannot unmarshal string"},
		{name: "not an object", kind: KindInfluenceVolumeMatrix, raw: `[]`, message: "cannot unmarshal array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseModel(tt.kind, json.RawMessage(tt.raw))
			require.ErrorContains(t, err, tt.message)
			require.ErrorContains(t, err, "parse model", "errors say what was being done")
		})
	}
}

func TestParseModelValidationErrorIsReachable(t *testing.T) {
	t.Parallel()

	_, err := ParseModel(KindValueMatrix, json.RawMessage(`{"current": {"metric": "nope", "threshold": 1},
	  "potential": {"metric": "potential_value", "threshold": 1},
	  "class_mapping": {"1": "S", "2": "A", "3": "B", "4": "X", "5": "C"}}`))
	var validationErr *ValidationError
	require.True(t, errors.As(err, &validationErr))
	require.Equal(t, KindValueMatrix, validationErr.Kind)
	require.Equal(t, []FieldError{
		{Path: "current.metric", Message: `unknown metric "nope"`},
		{Path: "class_mapping.4", Message: `invalid class "X": want one of S, A, B, C`},
		{Path: "class_mapping.5", Message: `unknown level "5": the model produces 1, 2, 3, 4`},
	}, validationErr.Fields)
}

func TestKinds(t *testing.T) {
	t.Parallel()

	for _, kind := range Kinds() {
		parsed, err := ParseKind(string(kind))
		require.NoError(t, err)
		require.Equal(t, kind, parsed)
		require.NotEmpty(t, kind.LabelZH(), kind)
		require.NotEmpty(t, kind.LabelEN(), kind)

		cfg, err := NewConfig(kind)
		require.NoError(t, err)
		require.Equal(t, kind, cfg.Kind())
		require.Error(t, cfg.Validate(), "an empty %s config is invalid", kind)
	}
	_, err := ParseKind("Pyramid")
	require.Error(t, err)
}

func TestClassMappingValidation(t *testing.T) {
	t.Parallel()

	levels := []string{"gold", "silver"}
	tests := []struct {
		name    string
		mapping ClassMapping
		want    []FieldError
	}{
		{name: "complete", mapping: ClassMapping{"gold": ClassS, "silver": ClassB}},
		{name: "absent", mapping: nil, want: []FieldError{{Path: "class_mapping", Message: "is required: map every level (gold, silver) to S, A, B or C"}}},
		{name: "lower-case class", mapping: ClassMapping{"gold": "s", "silver": ClassB}, want: []FieldError{{Path: "class_mapping.gold", Message: `invalid class "s": want one of S, A, B, C`}}},
		{name: "missing level", mapping: ClassMapping{"gold": ClassS}, want: []FieldError{{Path: "class_mapping.silver", Message: "missing: every level the model can produce needs a class"}}},
		{name: "typo", mapping: ClassMapping{"gold": ClassS, "silver": ClassB, "sliver": ClassC}, want: []FieldError{{Path: "class_mapping.sliver", Message: `unknown level "sliver": the model produces gold, silver`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := &validator{kind: KindPyramid}
			tt.mapping.validate(v, levels)
			require.Equal(t, tt.want, v.fields)
		})
	}
}

func TestValidationErrorMessage(t *testing.T) {
	t.Parallel()

	err := &ValidationError{Kind: KindRFM, Fields: []FieldError{
		{Path: "segments[0].r.min", Message: "must be between 1 and 5 (or omitted)"},
		{Path: "default_segment", Message: "is required"},
	}}
	require.EqualError(t, err, "invalid rfm config: segments[0].r.min: must be between 1 and 5 (or omitted); default_segment: is required")
}

func TestConfigsBuiltInGoRejectNonFiniteNumbers(t *testing.T) {
	t.Parallel()

	// JSON cannot carry NaN, but configs built in Go (tests, migrations) can.
	cfg := &SingleFactorConfig{
		Periods: []WeightedPeriod{{Metric: MetricRevenueYear1, Weight: math.NaN()}},
		Thresholds: []ValueThreshold{
			{Level: strings.Repeat("级", maxLevelNameLength+1), Min: new(math.Inf(1))},
			{Level: "C"},
		},
		ClassMapping: ClassMapping{"C": ClassC},
	}
	paths := fieldPaths(t, cfg.Validate())
	require.Contains(t, paths, "periods[0].weight")
	require.Contains(t, paths, "thresholds[0].min")
	require.Contains(t, paths, "thresholds[0].level")
}
