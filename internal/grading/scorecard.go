package grading

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// WeightedScorecardConfig is the weighted scorecard of seed 000's
// computer-maker case: each criterion turns a metric into 0–100 points, the
// weighted sum is a 0–100 score, and thresholds turn the score into a level
// (≥75 A, 60–75 B, <60 C; with S on top, e.g. ≥90).
//
// Weights are percentages and must sum to exactly 100 (see the package doc
// for why they are not normalised).
type WeightedScorecardConfig struct {
	Criteria     []ScorecardCriterion `json:"criteria"`
	Thresholds   []ScoreThreshold     `json:"thresholds"`
	ClassMapping ClassMapping         `json:"class_mapping"`
}

// ScorecardCriterion scores one metric with either Bands or Linear.
type ScorecardCriterion struct {
	Name   string       `json:"name"`
	Metric MetricName   `json:"metric"`
	Weight float64      `json:"weight"`
	Bands  []ScoreBand  `json:"bands,omitempty"`
	Linear *LinearScale `json:"linear,omitempty"`
}

// ScoreBand gives Points to values in [Min, Max). Bands are listed in
// ascending order and must touch (each min equals the previous max) so a
// value can never fall between two bands. Only the first band may omit min
// (open below) and only the last may omit max (open above); a value outside
// a bounded first or last band scores 0 points.
type ScoreBand struct {
	Min    *float64 `json:"min"`
	Max    *float64 `json:"max"`
	Points float64  `json:"points"`
}

// LinearScale gives 0 points at ZeroAt, 100 points at FullAt and
// interpolates between, clamping outside. ZeroAt > FullAt expresses "lower is
// better" (e.g. overdue ratio 0.3 → 0 points, 0 → 100 points).
type LinearScale struct {
	ZeroAt float64 `json:"zero_at"`
	FullAt float64 `json:"full_at"`
}

const weightTotal = 100

// Kind implements Config.
func (c *WeightedScorecardConfig) Kind() Kind { return KindWeightedScorecard }

// Validate implements Config.
func (c *WeightedScorecardConfig) Validate() error {
	v := &validator{kind: KindWeightedScorecard}
	if len(c.Criteria) == 0 {
		v.addf("criteria", "needs at least one criterion")
	}
	weightSum := 0.0
	names := make(map[string]int, len(c.Criteria))
	for i, criterion := range c.Criteria {
		path := fmt.Sprintf("criteria[%d]", i)
		switch criterion.Name {
		case "":
			v.addf(path+".name", "is required")
		default:
			if first, ok := names[criterion.Name]; ok {
				v.addf(path+".name", "duplicate criterion name %q (also criteria[%d])", criterion.Name, first)
			}
			names[criterion.Name] = i
		}
		v.metric(path+".metric", criterion.Metric)
		if v.finite(path+".weight", criterion.Weight) {
			if criterion.Weight <= 0 || criterion.Weight > weightTotal {
				v.addf(path+".weight", "must be greater than 0 and at most 100")
			}
			weightSum += criterion.Weight
		}
		switch {
		case len(criterion.Bands) > 0 && criterion.Linear != nil:
			v.addf(path, "set either bands or linear, not both")
		case len(criterion.Bands) > 0:
			validateBands(v, path+".bands", criterion.Bands)
		case criterion.Linear != nil:
			validateLinear(v, path+".linear", *criterion.Linear)
		default:
			v.addf(path, "needs bands or linear to turn the metric into points")
		}
	}
	if len(c.Criteria) > 0 && math.Abs(weightSum-weightTotal) > 1e-9 {
		v.addf("criteria", "weights must sum to 100, got %s", formatNumber(weightSum))
	}
	validateScoreThresholds(v, "thresholds", c.Thresholds)
	c.ClassMapping.validate(v, scoreThresholdLevels(c.Thresholds))
	return v.err()
}

func validateBands(v *validator, path string, bands []ScoreBand) {
	for i, band := range bands {
		bandPath := fmt.Sprintf("%s[%d]", path, i)
		if band.Min != nil {
			v.finite(bandPath+".min", *band.Min)
		}
		if band.Max != nil {
			v.finite(bandPath+".max", *band.Max)
		}
		if v.finite(bandPath+".points", band.Points) && (band.Points < 0 || band.Points > 100) {
			v.addf(bandPath+".points", "must be between 0 and 100")
		}
		if band.Min != nil && band.Max != nil && *band.Min >= *band.Max {
			v.addf(bandPath+".min", "must be less than max")
		}
		if i > 0 {
			previous := bands[i-1]
			switch {
			case band.Min == nil:
				v.addf(bandPath+".min", "is required: only the first band may be open below")
			case previous.Max == nil:
				v.addf(fmt.Sprintf("%s[%d].max", path, i-1), "is required: only the last band may be open above")
			case *band.Min != *previous.Max:
				v.addf(bandPath+".min", "must equal %s[%d].max (%s): bands are listed in ascending order without gaps or overlaps", path, i-1, formatNumber(*previous.Max))
			}
		}
	}
}

func validateLinear(v *validator, path string, scale LinearScale) {
	zeroOK := v.finite(path+".zero_at", scale.ZeroAt)
	fullOK := v.finite(path+".full_at", scale.FullAt)
	if zeroOK && fullOK && scale.ZeroAt == scale.FullAt {
		v.addf(path+".full_at", "must differ from zero_at")
	}
}

// Compile implements Config.
func (c *WeightedScorecardConfig) Compile() (Model, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	model := &weightedScorecardModel{
		thresholds: compileScoreThresholds("thresholds", c.Thresholds),
		mapping:    c.ClassMapping.clone(),
	}
	for i, criterion := range c.Criteria {
		get, err := accessorFor(criterion.Metric)
		if err != nil {
			return nil, fmt.Errorf("compile criteria[%d]: %w", i, err)
		}
		compiled := compiledCriterion{
			name:   criterion.Name,
			metric: criterion.Metric,
			get:    get,
			weight: criterion.Weight,
		}
		if criterion.Linear != nil {
			scale := *criterion.Linear
			compiled.linear = &scale
			compiled.linearRule = fmt.Sprintf("linear: 0 points at %s, 100 points at %s", formatNumber(scale.ZeroAt), formatNumber(scale.FullAt))
		}
		for j, band := range criterion.Bands {
			compiled.bands = append(compiled.bands, compileBand(j, band))
		}
		model.criteria = append(model.criteria, compiled)
	}
	return model, nil
}

func compileBand(i int, band ScoreBand) compiledBand {
	compiled := compiledBand{min: math.Inf(-1), max: math.Inf(1), points: band.Points}
	low, high := "(-∞", "+∞)"
	if band.Min != nil {
		compiled.min = *band.Min
		low = "[" + formatNumber(*band.Min)
	}
	if band.Max != nil {
		compiled.max = *band.Max
		high = formatNumber(*band.Max) + ")"
	}
	compiled.rule = fmt.Sprintf("bands[%d]: %s, %s → %s points", i, low, high, formatNumber(band.Points))
	return compiled
}

type weightedScorecardModel struct {
	criteria   []compiledCriterion
	thresholds ladder
	mapping    ClassMapping
}

type compiledCriterion struct {
	name       string
	metric     MetricName
	get        metricAccessor
	weight     float64
	bands      []compiledBand
	linear     *LinearScale
	linearRule string
}

type compiledBand struct {
	min, max float64
	points   float64
	rule     string
}

const (
	ruleOutsideBands = "outside all bands → 0 points"
	ruleMissingValue = "missing value → 0 points"
)

func (c *compiledCriterion) points(value float64) (float64, string) {
	if c.linear != nil {
		fraction := (value - c.linear.ZeroAt) / (c.linear.FullAt - c.linear.ZeroAt)
		return roundScore(100 * min(max(fraction, 0), 1)), c.linearRule
	}
	for _, band := range c.bands {
		if value >= band.min && value < band.max {
			return band.points, band.rule
		}
	}
	return 0, ruleOutsideBands
}

func (m *weightedScorecardModel) Kind() Kind { return KindWeightedScorecard }

func (m *weightedScorecardModel) Levels() []string { return m.thresholds.levels() }

func (m *weightedScorecardModel) Evaluate(_ time.Time, population []Metrics) ([]Result, error) {
	results := make([]Result, len(population))
	k := len(m.criteria)
	// One backing array for every account's criteria keeps a 1M-account
	// review at one allocation here instead of a million.
	criteria := make([]CriterionExplanation, len(population)*k)
	forEachChunk(len(population), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			account := &population[i]
			explained := criteria[i*k : (i+1)*k : (i+1)*k]
			inputs := make(map[MetricName]float64, k)
			var missing []MetricName
			total := 0.0
			for j := range m.criteria {
				criterion := &m.criteria[j]
				entry := CriterionExplanation{Name: criterion.name, Metric: criterion.metric, Weight: criterion.weight}
				if value, ok := criterion.get(account); ok {
					inputs[criterion.metric] = value
					entry.RawValue = value
					entry.Points, entry.Rule = criterion.points(value)
				} else {
					entry.Missing = true
					entry.Rule = ruleMissingValue
					if !slices.Contains(missing, criterion.metric) {
						missing = append(missing, criterion.metric)
					}
				}
				contribution := entry.Points * criterion.weight / weightTotal
				entry.Contribution = roundScore(contribution)
				total += contribution
				explained[j] = entry
			}
			score := roundScore(total)
			step := m.thresholds.decide(score)
			level := m.thresholds.steps[step].level
			class := m.mapping.classFor(level)
			results[i] = Result{
				AccountID: account.AccountID,
				Level:     level,
				Class:     class,
				Score:     score,
				HasScore:  true,
				Explanation: Explanation{
					ModelKind: KindWeightedScorecard,
					Inputs:    inputs,
					Missing:   missing,
					Criteria:  explained,
					Decision: Decision{
						Text:  m.thresholds.explain("score", score, step),
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
