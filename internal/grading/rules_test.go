package grading

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// seed000VIP is seed 000's 超级VIP/重要/普通/潜在 scheme: diamond when the
// customer spends a great deal in a year OR is an industry heavyweight,
// gold when they come often, silver when they bought at all, bronze
// (potential) otherwise.
const seed000VIP = `{
  "rules": [
    {"name": "big spender or heavyweight", "level": "diamond", "when": {"any": [
      {"metric": "revenue_12m", "op": ">=", "value": 100000000},
      {"metric": "extra.industry_heavyweight", "op": ">=", "value": 1}
    ]}},
    {"name": "comes often", "level": "gold", "when": {"metric": "orders_12m", "op": ">=", "value": 6}},
    {"name": "has bought", "level": "silver", "when": {"metric": "cumulative_revenue", "op": ">", "value": 0}}
  ],
  "default_level": "bronze",
  "class_mapping": {"diamond": "S", "gold": "A", "silver": "B", "bronze": "C"}
}`

func TestRulesFirstMatchDecides(t *testing.T) {
	t.Parallel()
	model := mustParseModel(t, KindRules, seed000VIP)
	require.Equal(t, []string{"diamond", "gold", "silver", "bronze"}, model.Levels())

	cases := []struct {
		name    string
		account Metrics
		level   string
		rule    string
	}{
		{"spend exactly at the line", Metrics{Revenue12mMinor: 100000000, CumulativeRevenueMinor: 100000000}, "diamond", "rules[0]"},
		{"one fen below the line, rare buyer", Metrics{Revenue12mMinor: 99999999, CumulativeRevenueMinor: 99999999, Orders12m: 5}, "silver", "rules[2]"},
		{"heavyweight with little spend", Metrics{Revenue12mMinor: 1000, CumulativeRevenueMinor: 1000, Extra: map[string]float64{"industry_heavyweight": 1}}, "diamond", "rules[0]"},
		{"not a heavyweight, frequent at the line", Metrics{Orders12m: 6, CumulativeRevenueMinor: 600, Extra: map[string]float64{"industry_heavyweight": 0}}, "gold", "rules[1]"},
		{"never bought", Metrics{}, "bronze", "default_level"},
	}
	for _, tc := range cases {
		result := evaluateOne(t, model, tc.account)
		require.Equal(t, tc.level, result.Level, tc.name)
		require.Equal(t, tc.rule, result.Explanation.Decision.Rule, tc.name)
	}

	heavy := evaluateOne(t, model, Metrics{Revenue12mMinor: 1000, CumulativeRevenueMinor: 1000, Extra: map[string]float64{"industry_heavyweight": 1}})
	require.Equal(t, Class("S"), heavy.Class)
	require.Equal(t, "rules[0] big spender or heavyweight: (revenue_12m 1000 not ≥ 100000000 OR extra.industry_heavyweight 1 ≥ 1) holds → diamond", heavy.Explanation.Decision.Text)
	require.Len(t, heavy.Explanation.Criteria, 2)
	require.False(t, *heavy.Explanation.Criteria[0].Held)
	require.True(t, *heavy.Explanation.Criteria[1].Held)
	require.Equal(t, "rules[0].when.any[1]", heavy.Explanation.Criteria[1].Name)
	require.Equal(t, map[MetricName]float64{"revenue_12m": 1000, "extra.industry_heavyweight": 1}, heavy.Explanation.Inputs)

	never := evaluateOne(t, model, Metrics{})
	require.Equal(t, "no rule holds (rules[0] big spender or heavyweight, rules[1] comes often, rules[2] has bought) → default bronze", never.Explanation.Decision.Text)
	// The heavyweight flag was never assessed: listed as missing, never held.
	require.Equal(t, []MetricName{"extra.industry_heavyweight"}, never.Explanation.Missing)
	require.Len(t, never.Explanation.Criteria, 4)
	requireJSONMarshals(t, []Result{heavy, never})
}

func TestRulesAllAndNot(t *testing.T) {
	t.Parallel()
	model := mustParseModel(t, KindRules, `{
  "rules": [{"level": "key", "when": {"all": [
    {"metric": "revenue_12m", "op": ">", "value": 500},
    {"not": {"metric": "overdue_receivable_ratio", "op": ">=", "value": 0.3}}
  ]}}],
  "default_level": "other",
  "class_mapping": {"key": "A", "other": "C"}
}`)
	require.Equal(t, "key", evaluateOne(t, model, Metrics{Revenue12mMinor: 501, OverdueReceivableRatio: 0.29}).Level)
	require.Equal(t, "other", evaluateOne(t, model, Metrics{Revenue12mMinor: 501, OverdueReceivableRatio: 0.3}).Level)
	require.Equal(t, "other", evaluateOne(t, model, Metrics{Revenue12mMinor: 500}).Level)
	key := evaluateOne(t, model, Metrics{Revenue12mMinor: 501, OverdueReceivableRatio: 0.1})
	require.Equal(t, "rules[0]: (revenue_12m 501 > 500 AND NOT overdue_receivable_ratio 0.1 not ≥ 0.3) holds → key", key.Explanation.Decision.Text)
}

func TestRulesOperatorsAtTheBoundary(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		op   string
		at   bool
		over bool
	}{{">=", true, true}, {">", false, true}, {"<=", true, false}, {"<", false, false}, {"==", true, false}, {"!=", false, true}} {
		model := mustParseModel(t, KindRules, `{"rules": [{"level": "yes", "when": {"metric": "orders_12m", "op": "`+tc.op+`", "value": 3}}], "default_level": "no", "class_mapping": {"yes": "A", "no": "C"}}`)
		require.Equal(t, tc.at, evaluateOne(t, model, Metrics{Orders12m: 3}).Level == "yes", "%s at 3", tc.op)
		require.Equal(t, tc.over, evaluateOne(t, model, Metrics{Orders12m: 4}).Level == "yes", "%s at 4", tc.op)
	}
}

func TestRulesValidation(t *testing.T) {
	t.Parallel()
	requireFieldError(t, KindRules, `{"rules": [], "default_level": "x", "class_mapping": {"x": "C"}}`, "rules", "at least 1 rule")
	requireFieldError(t, KindRules, `{"rules": [{"level": "a", "when": {"metric": "orders_12m", "op": "=>", "value": 1}}], "default_level": "b", "class_mapping": {"a": "A", "b": "C"}}`, "rules[0].when.op", "must be one of")
	requireFieldError(t, KindRules, `{"rules": [{"level": "a", "when": {"metric": "orders_12m", "op": ">="}}], "default_level": "b", "class_mapping": {"a": "A", "b": "C"}}`, "rules[0].when.value", "is required")
	requireFieldError(t, KindRules, `{"rules": [{"level": "a", "when": {"any": [{"metric": "nope", "op": ">=", "value": 1}]}}], "default_level": "b", "class_mapping": {"a": "A", "b": "C"}}`, "rules[0].when.any[0].metric", "unknown metric")
	requireFieldError(t, KindRules, `{"rules": [{"level": "a", "when": {"any": [], "metric": "orders_12m", "op": ">=", "value": 1}}], "default_level": "b", "class_mapping": {"a": "A", "b": "C"}}`, "rules[0].when", "exactly one of")
	requireFieldError(t, KindRules, `{"rules": [{"level": "a", "when": {"all": []}}], "default_level": "b", "class_mapping": {"a": "A", "b": "C"}}`, "rules[0].when.all", "at least 1 condition")
	requireFieldError(t, KindRules, `{"rules": [{"level": "a", "when": {"metric": "orders_12m", "op": ">=", "value": 1}}], "default_level": "", "class_mapping": {"a": "A"}}`, "default_level", "is required")
	requireFieldError(t, KindRules, `{"rules": [{"level": "a", "when": {"metric": "orders_12m", "op": ">=", "value": 1}}], "default_level": "b", "class_mapping": {"a": "A"}}`, "class_mapping.b", "missing")

	deep := `{"metric": "orders_12m", "op": ">=", "value": 1}`
	for range maxConditionDepth {
		deep = `{"not": ` + deep + `}`
	}
	requireFieldError(t, KindRules, `{"rules": [{"level": "a", "when": `+deep+`}], "default_level": "b", "class_mapping": {"a": "A", "b": "C"}}`, "rules[0].when.not.not.not.not.not.not.not.not", "nested deeper")

	// Two routes into one level are allowed and listed once.
	model := mustParseModel(t, KindRules, `{"rules": [
    {"level": "a", "when": {"metric": "orders_12m", "op": ">=", "value": 10}},
    {"level": "a", "when": {"metric": "revenue_12m", "op": ">=", "value": 10}}
  ], "default_level": "b", "class_mapping": {"a": "A", "b": "C"}}`)
	require.Equal(t, []string{"a", "b"}, model.Levels())
	require.Equal(t, "rules[1]", evaluateOne(t, model, Metrics{Revenue12mMinor: 10}).Explanation.Decision.Rule)
}
