package grading

import (
	"fmt"
	"math"
)

// ScoreThreshold assigns Level to scores ≥ MinScore. A scorecard lists its
// thresholds from the highest level down; the last must have min_score 0 so
// every score in 0–100 gets a level.
type ScoreThreshold struct {
	Level    string  `json:"level"`
	MinScore float64 `json:"min_score"`
}

// ValueThreshold assigns Level to values ≥ Min. Lists run from the highest
// level down; the last entry omits min and catches everything below the
// others (values can be negative, e.g. net of credit notes, so there is no
// natural floor like a score's 0).
type ValueThreshold struct {
	Level string   `json:"level"`
	Min   *float64 `json:"min,omitempty"`
}

// ladder is the compiled form of both threshold lists: descending minimums,
// the last one -Inf.
type ladder struct {
	steps []ladderStep
}

type ladderStep struct {
	level string
	min   float64
	rule  string
	// because completes the decision text after the value, e.g. " ≥ 75 → A";
	// it is built once so a million decisions cost one concatenation each.
	because string
}

// newLadder fills in the decision texts of the steps.
func newLadder(steps []ladderStep) ladder {
	for i := range steps {
		step := &steps[i]
		switch {
		case i == len(steps)-1 && i > 0:
			step.because = " < " + formatNumber(steps[i-1].min) + " → " + step.level
		case math.IsInf(step.min, -1):
			step.because = " → " + step.level
		default:
			step.because = " ≥ " + formatNumber(step.min) + " → " + step.level
		}
	}
	return ladder{steps: steps}
}

func (l ladder) levels() []string {
	levels := make([]string, len(l.steps))
	for i, step := range l.steps {
		levels[i] = step.level
	}
	return levels
}

// decide returns the index of the first step whose minimum the value meets.
func (l ladder) decide(value float64) int {
	for i, step := range l.steps {
		if value >= step.min {
			return i
		}
	}
	return len(l.steps) - 1 // unreachable: the last step is -Inf or 0 with value ≥ 0
}

// explain renders "score 78.5 ≥ 75 → A", or for the bottom step "score 42 <
// 60 → C", which reads better than "≥ 0" or "≥ -∞".
func (l ladder) explain(label string, value float64, i int) string {
	return label + " " + formatNumber(value) + l.steps[i].because
}

func validateScoreThresholds(v *validator, path string, thresholds []ScoreThreshold) {
	if len(thresholds) < 2 {
		v.addf(path, "needs at least 2 thresholds")
	}
	levels := make([]string, len(thresholds))
	for i, threshold := range thresholds {
		levels[i] = threshold.Level
		minPath := fmt.Sprintf("%s[%d].min_score", path, i)
		if !v.finite(minPath, threshold.MinScore) {
			continue
		}
		if threshold.MinScore < 0 || threshold.MinScore > 100 {
			v.addf(minPath, "must be between 0 and 100")
		}
		if i > 0 && threshold.MinScore >= thresholds[i-1].MinScore {
			v.addf(minPath, "must be less than thresholds[%d].min_score (%s): list thresholds from the highest level down", i-1, formatNumber(thresholds[i-1].MinScore))
		}
	}
	if n := len(thresholds); n > 0 && thresholds[n-1].MinScore != 0 {
		v.addf(fmt.Sprintf("%s[%d].min_score", path, n-1), "must be 0 so that every score gets a level")
	}
	v.uniqueLevels(path, levels, "level")
}

func compileScoreThresholds(path string, thresholds []ScoreThreshold) ladder {
	steps := make([]ladderStep, len(thresholds))
	for i, threshold := range thresholds {
		steps[i] = ladderStep{level: threshold.Level, min: threshold.MinScore, rule: fmt.Sprintf("%s[%d]", path, i)}
	}
	return newLadder(steps)
}

func validateValueThresholds(v *validator, path string, thresholds []ValueThreshold) {
	if len(thresholds) < 2 {
		v.addf(path, "needs at least 2 thresholds")
	}
	levels := make([]string, len(thresholds))
	previous := math.Inf(1)
	for i, threshold := range thresholds {
		levels[i] = threshold.Level
		minPath := fmt.Sprintf("%s[%d].min", path, i)
		last := i == len(thresholds)-1
		switch {
		case last && threshold.Min != nil:
			v.addf(minPath, "must be omitted on the last threshold, which catches every lower value")
		case !last && threshold.Min == nil:
			v.addf(minPath, "is required (only the last threshold omits it)")
		case threshold.Min != nil && v.finite(minPath, *threshold.Min):
			if *threshold.Min >= previous {
				v.addf(minPath, "must be less than %s[%d].min (%s): list thresholds from the highest level down", path, i-1, formatNumber(previous))
			}
			previous = *threshold.Min
		}
	}
	v.uniqueLevels(path, levels, "level")
}

func compileValueThresholds(path string, thresholds []ValueThreshold) ladder {
	steps := make([]ladderStep, len(thresholds))
	for i, threshold := range thresholds {
		minimum := math.Inf(-1)
		if threshold.Min != nil {
			minimum = *threshold.Min
		}
		steps[i] = ladderStep{level: threshold.Level, min: minimum, rule: fmt.Sprintf("%s[%d]", path, i)}
	}
	return newLadder(steps)
}

func valueThresholdLevels(thresholds []ValueThreshold) []string {
	levels := make([]string, len(thresholds))
	for i, threshold := range thresholds {
		levels[i] = threshold.Level
	}
	return levels
}

func scoreThresholdLevels(thresholds []ScoreThreshold) []string {
	levels := make([]string, len(thresholds))
	for i, threshold := range thresholds {
		levels[i] = threshold.Level
	}
	return levels
}
