package grading

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// SingleFactorConfig grades on one factor (orders, collections or revenue)
// blended over several periods, e.g. revenue_year_1..3 weighted 50/30/20,
// so that one exceptional year does not move an account two levels (seed
// 003). Weights are percentages summing to exactly 100; a period whose value
// is missing counts as 0. The blend is compared with value thresholds listed
// from the highest level down (see ValueThreshold).
type SingleFactorConfig struct {
	Periods      []WeightedPeriod `json:"periods"`
	Thresholds   []ValueThreshold `json:"thresholds"`
	ClassMapping ClassMapping     `json:"class_mapping"`
}

// WeightedPeriod is one period's metric and its weight in the blend.
type WeightedPeriod struct {
	Metric MetricName `json:"metric"`
	Weight float64    `json:"weight"`
}

const maxBlendPeriods = 5

// Kind implements Config.
func (c *SingleFactorConfig) Kind() Kind { return KindSingleFactor }

// Validate implements Config.
func (c *SingleFactorConfig) Validate() error {
	v := &validator{kind: KindSingleFactor}
	switch {
	case len(c.Periods) == 0:
		v.addf("periods", "needs at least one period")
	case len(c.Periods) > maxBlendPeriods:
		v.addf("periods", "allows at most %d periods", maxBlendPeriods)
	}
	sum := 0.0
	for i, period := range c.Periods {
		path := fmt.Sprintf("periods[%d]", i)
		v.metric(path+".metric", period.Metric)
		for j := range i {
			if c.Periods[j].Metric == period.Metric && period.Metric != "" {
				v.addf(path+".metric", "duplicate metric %q (also periods[%d])", period.Metric, j)
			}
		}
		if v.finite(path+".weight", period.Weight) {
			if period.Weight <= 0 || period.Weight > weightTotal {
				v.addf(path+".weight", "must be greater than 0 and at most 100")
			}
			sum += period.Weight
		}
	}
	if len(c.Periods) > 0 && math.Abs(sum-weightTotal) > 1e-9 {
		v.addf("periods", "weights must sum to 100, got %s", formatNumber(sum))
	}
	validateValueThresholds(v, "thresholds", c.Thresholds)
	c.ClassMapping.validate(v, valueThresholdLevels(c.Thresholds))
	return v.err()
}

// Compile implements Config.
func (c *SingleFactorConfig) Compile() (Model, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return newBlendModel(KindSingleFactor, c.Periods, c.Thresholds, c.ClassMapping)
}

// blendModel is the engine of single_factor and tiered_ladder.
type blendModel struct {
	kind       Kind
	periods    []blendPeriod
	thresholds ladder
	label      string
	mapping    ClassMapping
}

type blendPeriod struct {
	metric MetricName
	weight float64
	get    metricAccessor
	rule   string
}

func newBlendModel(kind Kind, periods []WeightedPeriod, thresholds []ValueThreshold, mapping ClassMapping) (*blendModel, error) {
	model := &blendModel{
		kind:       kind,
		thresholds: compileValueThresholds("thresholds", thresholds),
		label:      "blend",
		mapping:    mapping.clone(),
	}
	if len(periods) == 1 {
		model.label = string(periods[0].Metric)
	}
	for i, period := range periods {
		get, err := accessorFor(period.Metric)
		if err != nil {
			return nil, fmt.Errorf("compile periods[%d]: %w", i, err)
		}
		model.periods = append(model.periods, blendPeriod{
			metric: period.Metric,
			weight: period.Weight,
			get:    get,
			rule:   "weight " + formatPercent(period.Weight),
		})
	}
	return model, nil
}

func (m *blendModel) Kind() Kind { return m.kind }

func (m *blendModel) Levels() []string { return m.thresholds.levels() }

func (m *blendModel) Evaluate(_ time.Time, population []Metrics) ([]Result, error) {
	results := make([]Result, len(population))
	k := len(m.periods)
	criteria := make([]CriterionExplanation, k*len(population))
	forEachChunk(len(population), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			account := &population[i]
			inputs := make(map[MetricName]float64, k)
			var missing []MetricName
			explained := criteria[i*k : (i+1)*k : (i+1)*k]
			// Sum weight × value first and divide once: for integer minor units
			// the numerator is exact, so a value sitting exactly on a threshold
			// compares as equal.
			weighted := 0.0
			for j, period := range m.periods {
				entry := CriterionExplanation{Name: string(period.metric), Metric: period.metric, Weight: period.weight}
				if value, ok := period.get(account); ok {
					inputs[period.metric] = value
					entry.RawValue, entry.Points = value, value
					entry.Contribution = roundScore(value * period.weight / weightTotal)
					entry.Rule = period.rule
					weighted += value * period.weight
				} else {
					entry.Missing = true
					entry.Rule = "missing value → 0"
					if !slices.Contains(missing, period.metric) {
						missing = append(missing, period.metric)
					}
				}
				explained[j] = entry
			}
			value := roundScore(weighted / weightTotal)
			step := m.thresholds.decide(value)
			level := m.thresholds.steps[step].level
			class := m.mapping.classFor(level)
			results[i] = Result{
				AccountID: account.AccountID,
				Level:     level,
				Class:     class,
				Score:     value,
				HasScore:  true,
				Explanation: Explanation{
					ModelKind: m.kind,
					Inputs:    inputs,
					Missing:   missing,
					Criteria:  explained,
					Decision: Decision{
						Text:  m.thresholds.explain(m.label, value, step),
						Rule:  m.thresholds.steps[step].rule,
						Level: level,
						Class: class,
					},
				},
			}
		}
	})
	return results, nil
}
