package grading

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// RulesConfig grades by ordered either-or rules (seed 000: diamond customers
// "spend a great deal in a year, OR are industry heavyweights who bring new
// customers and resources"). Rules are tried top to bottom; the first whose
// condition holds decides the level; when none holds the account gets
// DefaultLevel. Several rules may give the same level (two separate routes
// into diamond). A scorecard cannot express this: it only adds points, so a
// heavyweight with little spend never reaches the top.
type RulesConfig struct {
	Rules        []LevelRule  `json:"rules"`
	DefaultLevel string       `json:"default_level"`
	ClassMapping ClassMapping `json:"class_mapping"`
}

// LevelRule gives Level to accounts for which When holds.
type LevelRule struct {
	// Name is shown in explanations, e.g. "big spender or heavyweight".
	Name  string    `json:"name,omitempty"`
	Level string    `json:"level"`
	When  Condition `json:"when"`
}

// Condition is exactly one of: all (AND), any (OR), not (NOT) or a
// comparison of one metric with a value. A comparison on a metric the
// account lacks does not hold (whatever the operator) and the metric is
// listed as missing, so an unassessed heavyweight flag never promotes
// anyone; "not" of such a comparison therefore holds.
type Condition struct {
	All    []Condition `json:"all,omitempty"`
	Any    []Condition `json:"any,omitempty"`
	Not    *Condition  `json:"not,omitempty"`
	Metric MetricName  `json:"metric,omitempty"`
	// Op is one of >=, >, <=, <, ==, !=.
	Op    string   `json:"op,omitempty"`
	Value *float64 `json:"value,omitempty"`
}

// Comparison operators of a Condition.
var conditionOps = []string{">=", ">", "<=", "<", "==", "!="}

// maxConditionDepth bounds nesting so a pasted config cannot recurse without
// end; real schemes need two or three levels.
const maxConditionDepth = 8

// Kind implements Config.
func (c *RulesConfig) Kind() Kind { return KindRules }

// Validate implements Config.
func (c *RulesConfig) Validate() error {
	v := &validator{kind: KindRules}
	if len(c.Rules) == 0 {
		v.addf("rules", "needs at least 1 rule")
	}
	for i, rule := range c.Rules {
		path := fmt.Sprintf("rules[%d]", i)
		v.levelName(path+".level", rule.Level)
		if len(rule.Name) > 200 {
			v.addf(path+".name", "must be at most 200 characters")
		}
		validateCondition(v, path+".when", rule.When, 1)
	}
	v.levelName("default_level", c.DefaultLevel)
	c.ClassMapping.validate(v, c.levels())
	return v.err()
}

func validateCondition(v *validator, path string, c Condition, depth int) {
	if depth > maxConditionDepth {
		v.addf(path, "nested deeper than %d levels", maxConditionDepth)
		return
	}
	set := 0
	if c.All != nil {
		set++
	}
	if c.Any != nil {
		set++
	}
	if c.Not != nil {
		set++
	}
	comparison := c.Metric != "" || c.Op != "" || c.Value != nil
	if comparison {
		set++
	}
	if set != 1 {
		v.addf(path, "must be exactly one of all, any, not or a comparison (metric, op, value)")
		return
	}
	switch {
	case c.All != nil:
		validateConditionList(v, path+".all", c.All, depth)
	case c.Any != nil:
		validateConditionList(v, path+".any", c.Any, depth)
	case c.Not != nil:
		validateCondition(v, path+".not", *c.Not, depth+1)
	default:
		v.metric(path+".metric", c.Metric)
		if !slices.Contains(conditionOps, c.Op) {
			v.addf(path+".op", "must be one of %s", strings.Join(conditionOps, ", "))
		}
		if c.Value == nil {
			v.addf(path+".value", "is required")
		} else {
			v.finite(path+".value", *c.Value)
		}
	}
}

func validateConditionList(v *validator, path string, list []Condition, depth int) {
	if len(list) == 0 {
		v.addf(path, "needs at least 1 condition")
	}
	for i, child := range list {
		validateCondition(v, fmt.Sprintf("%s[%d]", path, i), child, depth+1)
	}
}

// levels lists the distinct levels in rule order, the default last unless a
// rule already gives it.
func (c *RulesConfig) levels() []string {
	var levels []string
	for _, rule := range c.Rules {
		if rule.Level != "" && !slices.Contains(levels, rule.Level) {
			levels = append(levels, rule.Level)
		}
	}
	if c.DefaultLevel != "" && !slices.Contains(levels, c.DefaultLevel) {
		levels = append(levels, c.DefaultLevel)
	}
	return levels
}

// Compile implements Config.
func (c *RulesConfig) Compile() (Model, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	model := &rulesModel{defaultLevel: c.DefaultLevel, levels: c.levels(), mapping: c.ClassMapping.clone()}
	for i, rule := range c.Rules {
		path := fmt.Sprintf("rules[%d]", i)
		cond, err := compileCondition(path+".when", rule.When)
		if err != nil {
			return nil, err
		}
		model.rules = append(model.rules, compiledRule{name: rule.Name, level: rule.Level, path: path, when: cond})
	}
	return model, nil
}

type compiledCondition struct {
	path   string
	op     string // "all", "any", "not" or a comparison operator
	parts  []compiledCondition
	metric MetricName
	get    metricAccessor
	value  float64
}

func compileCondition(path string, c Condition) (compiledCondition, error) {
	var out compiledCondition
	out.path = path
	switch {
	case c.All != nil, c.Any != nil:
		list, op := c.All, "all"
		if c.Any != nil {
			list, op = c.Any, "any"
		}
		out.op = op
		for i, child := range list {
			part, err := compileCondition(fmt.Sprintf("%s.%s[%d]", path, op, i), child)
			if err != nil {
				return out, err
			}
			out.parts = append(out.parts, part)
		}
	case c.Not != nil:
		part, err := compileCondition(path+".not", *c.Not)
		if err != nil {
			return out, err
		}
		out.op = "not"
		out.parts = []compiledCondition{part}
	default:
		get, err := accessorFor(c.Metric)
		if err != nil {
			return out, fmt.Errorf("compile %s: %w", path, err)
		}
		out.op, out.metric, out.get, out.value = c.Op, c.Metric, get, *c.Value
	}
	return out, nil
}

type compiledRule struct {
	name  string
	level string
	path  string
	when  compiledCondition
}

type rulesModel struct {
	rules        []compiledRule
	defaultLevel string
	levels       []string
	mapping      ClassMapping
}

func (m *rulesModel) Kind() Kind { return KindRules }

func (m *rulesModel) Levels() []string { return slices.Clone(m.levels) }

// ruleTrace collects what one account's evaluation read.
type ruleTrace struct {
	inputs   map[MetricName]float64
	missing  []MetricName
	criteria []CriterionExplanation
}

// eval evaluates every part without short-circuit, so the explanation shows
// each condition's value and outcome, not just the first that settled it.
func (c *compiledCondition) eval(m *Metrics, trace *ruleTrace) (bool, string) {
	switch c.op {
	case "all", "any":
		held := c.op == "all"
		texts := make([]string, len(c.parts))
		for i := range c.parts {
			partHeld, text := c.parts[i].eval(m, trace)
			texts[i] = text
			if c.op == "all" {
				held = held && partHeld
			} else {
				held = held || partHeld
			}
		}
		joiner := " AND "
		if c.op == "any" {
			joiner = " OR "
		}
		return held, "(" + strings.Join(texts, joiner) + ")"
	case "not":
		held, text := c.parts[0].eval(m, trace)
		return !held, "NOT " + text
	}
	value, present := c.get(m)
	held := present && compare(value, c.op, c.value)
	valueText := "missing"
	if present {
		trace.inputs[c.metric] = value
		valueText = formatNumber(value)
	} else if !slices.Contains(trace.missing, c.metric) {
		trace.missing = append(trace.missing, c.metric)
	}
	outcome := "does not hold"
	points := 0.0
	if held {
		outcome, points = "holds", 1
	}
	rule := fmt.Sprintf("%s %s %s: %s is %s, %s", c.metric, c.op, formatNumber(c.value), c.metric, valueText, outcome)
	trace.criteria = append(trace.criteria, CriterionExplanation{
		Name: c.path, Metric: c.metric, RawValue: value, Missing: !present,
		Points: points, Rule: rule, Held: &held,
	})
	return held, fmt.Sprintf("%s %s %s %s", c.metric, valueText, symbolFor(held, c.op), formatNumber(c.value))
}

// symbolFor shows the comparison as it came out: "revenue_12m 5 ≥ 3" when it
// holds, "revenue_12m 2 not ≥ 3" when not.
func symbolFor(held bool, op string) string {
	symbol := map[string]string{">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠"}[op]
	if held {
		return symbol
	}
	return "not " + symbol
}

func compare(value float64, op string, threshold float64) bool {
	switch op {
	case ">=":
		return value >= threshold
	case ">":
		return value > threshold
	case "<=":
		return value <= threshold
	case "<":
		return value < threshold
	case "==":
		return value == threshold
	case "!=":
		return value != threshold
	}
	return false
}

func (m *rulesModel) Evaluate(_ time.Time, population []Metrics) ([]Result, error) {
	results := make([]Result, len(population))
	forEachChunk(len(population), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			results[i] = m.evaluateOne(&population[i])
		}
	})
	return results, nil
}

func (m *rulesModel) evaluateOne(account *Metrics) Result {
	trace := ruleTrace{inputs: map[MetricName]float64{}}
	level, rulePath := m.defaultLevel, "default_level"
	text := ""
	var tried []string
	for _, rule := range m.rules {
		held, condText := rule.when.eval(account, &trace)
		label := rule.path
		if rule.name != "" {
			label += " " + rule.name
		}
		if held {
			level, rulePath = rule.level, rule.path
			text = label + ": " + condText + " holds → " + rule.level
			break
		}
		tried = append(tried, label)
	}
	if rulePath == "default_level" {
		text = "no rule holds (" + strings.Join(tried, ", ") + ") → default " + level
	}
	class := m.mapping.classFor(level)
	return Result{
		AccountID: account.AccountID,
		Level:     level,
		Class:     class,
		Explanation: Explanation{
			ModelKind: KindRules,
			Inputs:    trace.inputs,
			Missing:   trace.missing,
			Criteria:  trace.criteria,
			Decision:  Decision{Text: text, Rule: rulePath, Level: level, Class: class},
		},
	}
}
