package grading

import (
	"fmt"
	"time"
)

// MatrixAxis splits a metric into high (value ≥ Threshold) and low. An
// account lacking the metric is low on that axis.
type MatrixAxis struct {
	Metric    MetricName `json:"metric"`
	Threshold float64    `json:"threshold"`
}

// InfluenceVolumeMatrixConfig is seed 003's influence × business-volume
// matrix. Its native levels are the seed's own S/A/B/C:
//
//	S  high influence, high volume — focus, tilt resources
//	A  high influence, low volume  — guide, win recognition, convert
//	B  low influence, high volume  — fast response, profit-oriented
//	C  low influence, low volume   — maintain, mine for chances
type InfluenceVolumeMatrixConfig struct {
	Influence    MatrixAxis   `json:"influence"`
	Volume       MatrixAxis   `json:"volume"`
	ClassMapping ClassMapping `json:"class_mapping"`
}

// Native levels of the influence × volume matrix.
const (
	LevelInfluenceVolumeS = "S"
	LevelInfluenceVolumeA = "A"
	LevelInfluenceVolumeB = "B"
	LevelInfluenceVolumeC = "C"
)

// ValueMatrixConfig is seed 003's current value × potential value matrix.
// Native levels are the tiers "1" (high now, high later — focus), "2" (high
// now, low later — retain, prolong the stable period), "3" (low now, high
// later — nurture) and "4" (low, low — convert or drop).
type ValueMatrixConfig struct {
	Current      MatrixAxis   `json:"current"`
	Potential    MatrixAxis   `json:"potential"`
	ClassMapping ClassMapping `json:"class_mapping"`
}

// Native levels of the value matrix.
const (
	LevelValueTier1 = "1"
	LevelValueTier2 = "2"
	LevelValueTier3 = "3"
	LevelValueTier4 = "4"
)

// Kind implements Config.
func (c *InfluenceVolumeMatrixConfig) Kind() Kind { return KindInfluenceVolumeMatrix }

// Validate implements Config.
func (c *InfluenceVolumeMatrixConfig) Validate() error {
	v := &validator{kind: KindInfluenceVolumeMatrix}
	validateAxis(v, "influence", c.Influence)
	validateAxis(v, "volume", c.Volume)
	c.ClassMapping.validate(v, influenceVolumeLevels[:])
	return v.err()
}

// Compile implements Config.
func (c *InfluenceVolumeMatrixConfig) Compile() (Model, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return newQuadrantModel(KindInfluenceVolumeMatrix,
		"influence", c.Influence, "volume", c.Volume, influenceVolumeLevels, c.ClassMapping)
}

// Kind implements Config.
func (c *ValueMatrixConfig) Kind() Kind { return KindValueMatrix }

// Validate implements Config.
func (c *ValueMatrixConfig) Validate() error {
	v := &validator{kind: KindValueMatrix}
	validateAxis(v, "current", c.Current)
	validateAxis(v, "potential", c.Potential)
	c.ClassMapping.validate(v, valueMatrixLevels[:])
	return v.err()
}

// Compile implements Config.
func (c *ValueMatrixConfig) Compile() (Model, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return newQuadrantModel(KindValueMatrix,
		"current", c.Current, "potential", c.Potential, valueMatrixLevels, c.ClassMapping)
}

func validateAxis(v *validator, path string, axis MatrixAxis) {
	v.metric(path+".metric", axis.Metric)
	v.finite(path+".threshold", axis.Threshold)
}

// Quadrant levels in the order high/high, high/low, low/high, low/low of
// (first axis, second axis) — which is also best first.
var (
	influenceVolumeLevels = [4]string{LevelInfluenceVolumeS, LevelInfluenceVolumeA, LevelInfluenceVolumeB, LevelInfluenceVolumeC}
	valueMatrixLevels     = [4]string{LevelValueTier1, LevelValueTier2, LevelValueTier3, LevelValueTier4}
)

// quadrantModel is the shared engine of both 2×2 matrices.
type quadrantModel struct {
	kind    Kind
	axes    [2]compiledAxis
	levels  [4]string
	mapping ClassMapping
}

type compiledAxis struct {
	name      string
	metric    MetricName
	threshold float64
	get       metricAccessor
	// Rule texts, built once.
	highRule, lowRule, missingRule string
}

func newQuadrantModel(kind Kind, firstName string, first MatrixAxis, secondName string, second MatrixAxis, levels [4]string, mapping ClassMapping) (Model, error) {
	model := &quadrantModel{kind: kind, levels: levels, mapping: mapping.clone()}
	for i, axis := range []struct {
		name string
		axis MatrixAxis
	}{{firstName, first}, {secondName, second}} {
		get, err := accessorFor(axis.axis.Metric)
		if err != nil {
			return nil, fmt.Errorf("compile %s axis: %w", axis.name, err)
		}
		threshold := formatNumber(axis.axis.Threshold)
		model.axes[i] = compiledAxis{
			name:        axis.name,
			metric:      axis.axis.Metric,
			threshold:   axis.axis.Threshold,
			get:         get,
			highRule:    "≥ " + threshold + " → high",
			lowRule:     "< " + threshold + " → low",
			missingRule: "missing value → low",
		}
	}
	return model, nil
}

func (m *quadrantModel) Kind() Kind { return m.kind }

func (m *quadrantModel) Levels() []string { return m.levels[:] }

func (m *quadrantModel) Evaluate(_ time.Time, population []Metrics) ([]Result, error) {
	results := make([]Result, len(population))
	criteria := make([]CriterionExplanation, 2*len(population))
	forEachChunk(len(population), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			account := &population[i]
			inputs := make(map[MetricName]float64, 2)
			var missing []MetricName
			var high [2]bool
			var sides [2]string
			explained := criteria[2*i : 2*i+2 : 2*i+2]
			for a, axis := range m.axes {
				entry := CriterionExplanation{Name: axis.name, Metric: axis.metric}
				value, ok := axis.get(account)
				switch {
				case !ok:
					entry.Missing = true
					entry.Rule = axis.missingRule
					sides[a] = axis.name + " missing → low"
					if len(missing) == 0 || missing[0] != axis.metric {
						missing = append(missing, axis.metric)
					}
				case value >= axis.threshold:
					high[a] = true
					inputs[axis.metric] = value
					entry.RawValue, entry.Points = value, 1
					entry.Rule = axis.highRule
					sides[a] = axis.name + " " + formatNumber(value) + " " + axis.highRule
				default:
					inputs[axis.metric] = value
					entry.RawValue = value
					entry.Rule = axis.lowRule
					sides[a] = axis.name + " " + formatNumber(value) + " " + axis.lowRule
				}
				explained[a] = entry
			}
			quadrant := 0
			if !high[0] {
				quadrant += 2
			}
			if !high[1] {
				quadrant++
			}
			level := m.levels[quadrant]
			class := m.mapping.classFor(level)
			results[i] = Result{
				AccountID: account.AccountID,
				Level:     level,
				Class:     class,
				Explanation: Explanation{
					ModelKind: m.kind,
					Inputs:    inputs,
					Missing:   missing,
					Criteria:  explained,
					Decision: Decision{
						Text:  sides[0] + "; " + sides[1] + " ⇒ " + level,
						Rule:  fmt.Sprintf("%s=%s,%s=%s", m.axes[0].name, highLow(high[0]), m.axes[1].name, highLow(high[1])),
						Level: level,
						Class: class,
					},
				},
			}
		}
	})
	return results, nil
}

func highLow(high bool) string {
	if high {
		return "high"
	}
	return "low"
}
