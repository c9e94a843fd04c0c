package graph_test

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Admins configure seed 000's either-or rules and seed 002's HP top-N tiers
// through the API: validation names the offending field, a valid config is
// saved and simulates on live data.
func TestGradingRulesAndTopNOverHTTP(t *testing.T) {
	t.Parallel()
	f := newGradingFixture(t)

	var validation struct {
		ValidateGradingModelConfig struct {
			Valid    bool
			Problems []struct{ Path, Message string }
		}
	}
	const validate = `query($k: GradingModelKind!, $c: JSON!) { validateGradingModelConfig(kind: $k, config: $c) { valid problems { path message } } }`
	badRules := map[string]any{
		"rules":         []any{map[string]any{"level": "diamond", "when": map[string]any{"any": []any{map[string]any{"metric": "revenue_12m", "op": "=>", "value": 1}}}}},
		"default_level": "silver",
		"class_mapping": map[string]any{"diamond": "S", "silver": "B"},
	}
	gradingData(t, f, gradingAdmin, validate, map[string]any{"k": "RULES", "c": badRules}, &validation)
	require.False(t, validation.ValidateGradingModelConfig.Valid)
	require.Equal(t, "rules[0].when.any[0].op", validation.ValidateGradingModelConfig.Problems[0].Path)

	badTopN := map[string]any{"metric": "revenue_12m", "basis": "top_n",
		"tiers": []any{map[string]any{"level": "global", "count": 0}, map[string]any{"level": "named"}}, "class_mapping": map[string]any{"global": "S", "named": "B"}}
	gradingData(t, f, gradingAdmin, validate, map[string]any{"k": "PYRAMID", "c": badTopN}, &validation)
	require.False(t, validation.ValidateGradingModelConfig.Valid)
	require.Equal(t, "tiers[0].count", validation.ValidateGradingModelConfig.Problems[0].Path)

	rules := map[string]any{
		"rules": []any{map[string]any{"level": "diamond", "when": map[string]any{"any": []any{
			map[string]any{"metric": "revenue_12m", "op": ">=", "value": 1},
			map[string]any{"metric": "extra.industry_heavyweight", "op": ">=", "value": 1},
		}}}},
		"default_level": "silver",
		"class_mapping": map[string]any{"diamond": "S", "silver": "B"},
	}
	gradingData(t, f, gradingAdmin, validate, map[string]any{"k": "RULES", "c": rules}, &validation)
	require.True(t, validation.ValidateGradingModelConfig.Valid, "%v", validation.ValidateGradingModelConfig.Problems)

	var created struct {
		CreateGradingModel struct {
			Kind     string
			Versions []struct{ ID string }
		}
	}
	gradingData(t, f, gradingAdmin, `mutation($in: CreateGradingModelInput!) { createGradingModel(input: $in) { kind versions { id } } }`,
		map[string]any{"in": map[string]any{"key": "vip_rules", "name": "VIP 规则", "kind": "RULES", "config": rules}}, &created)
	require.Equal(t, "RULES", created.CreateGradingModel.Kind)

	var sim struct {
		SimulateGradingModel struct {
			Total  int
			Sample []struct {
				Level       string
				Explanation struct {
					ModelKind string `json:"model_kind"`
					Decision  struct{ Rule string }
				}
			}
		}
	}
	gradingData(t, f, gradingAdmin, `query($v: ID!) { simulateGradingModel(versionID: $v, sample: 200) { total sample { level explanation } } }`,
		map[string]any{"v": created.CreateGradingModel.Versions[0].ID}, &sim)
	require.Positive(t, sim.SimulateGradingModel.Total)
	require.NotEmpty(t, sim.SimulateGradingModel.Sample)
	for _, move := range sim.SimulateGradingModel.Sample {
		require.Equal(t, "rules", move.Explanation.ModelKind)
		if move.Level == "diamond" {
			require.Equal(t, "rules[0]", move.Explanation.Decision.Rule)
		} else {
			require.Equal(t, "default_level", move.Explanation.Decision.Rule)
		}
	}
}
