package grading

import (
	"math"
	"strconv"
)

// Explanation says why an account got its level. It is stored as JSONB next
// to the class decision, so it must always marshal: it holds no NaN or ±Inf
// and its maps marshal with sorted keys, giving byte-stable output.
type Explanation struct {
	ModelKind Kind `json:"model_kind"`
	// Inputs are the raw metric values the model read (minor units for
	// money). A few kinds add derived inputs that are not registry metrics,
	// e.g. prospect_close's "days_to_expected_close".
	Inputs map[MetricName]float64 `json:"inputs"`
	// Missing lists metrics the account lacked; each was scored as the worst
	// outcome for that input.
	Missing  []MetricName           `json:"missing,omitempty"`
	Criteria []CriterionExplanation `json:"criteria,omitempty"`
	Decision Decision               `json:"decision"`
	// Position is set by the pyramid, whose decision is the account's rank;
	// it has no criteria.
	Position *Position `json:"position,omitempty"`
}

// CriterionExplanation is one input's part in the decision. Per kind:
//   - weighted_scorecard: Points 0–100 from the band or linear scale, Weight
//     in percent, Contribution = Points × Weight / 100 (sums to the score).
//   - single_factor / tiered_ladder: Points is the period's value, Weight its
//     blend weight, Contribution its share of the blend.
//   - rfm: Points is the 1–5 quintile score; Weight 1, so the contributions
//     sum to R+F+M.
//   - matrices: Points is 1 for the high side of the axis and 0 for low.
//   - rules: one entry per comparison evaluated, Name its config path,
//     Points 1 when it held, Held set; rules after the deciding one are not
//     evaluated.
//   - pyramid and prospect_close have no criteria: the rank (Position) or
//     the close date (Inputs, Decision) is the whole story.
type CriterionExplanation struct {
	Name         string     `json:"name"`
	Metric       MetricName `json:"metric"`
	RawValue     float64    `json:"raw_value"`
	Missing      bool       `json:"missing,omitempty"`
	Points       float64    `json:"points"`
	Weight       float64    `json:"weight"`
	Contribution float64    `json:"contribution"`
	// Rule is the part of the config that scored this input, e.g.
	// "bands[2]: [60, 80) → 80 points".
	Rule string `json:"rule"`
	// Held is set by the rules kind: whether this comparison held.
	Held *bool `json:"held,omitempty"`
}

// Decision is the rule that picked the level.
type Decision struct {
	// Text is for people: "score 78.5 ≥ 75 → A".
	Text string `json:"text"`
	// Rule is the config path of the deciding rule, e.g. "thresholds[1]".
	Rule  string `json:"rule"`
	Level string `json:"level"`
	Class Class  `json:"class"`
}

// Position is an account's place in the population of a relative model.
type Position struct {
	// Rank is 1 for the best account; tied accounts share a rank.
	Rank int `json:"rank"`
	// Of is the population size.
	Of int `json:"of"`
	// TopPercent is Rank / Of × 100: the account is within the top
	// TopPercent percent.
	TopPercent float64 `json:"top_percent"`
	// Percentile is the share of the population ranked below the account's
	// rank, in percent.
	Percentile float64 `json:"percentile"`
	// ShareAbovePercent is set by value-share pyramids: the share of the
	// total value held by accounts ranked above this one, in percent.
	ShareAbovePercent *float64 `json:"share_above_percent,omitempty"`
}

func newPosition(rank, of int) *Position {
	return &Position{
		Rank:       rank,
		Of:         of,
		TopPercent: roundTo(float64(rank)/float64(of)*100, 4),
		Percentile: roundTo(float64(of-rank)/float64(of)*100, 4),
	}
}

// roundScore rounds totals and blends before they are compared with
// thresholds so that float noise cannot flip a level.
func roundScore(v float64) float64 { return roundTo(v, 6) }

func roundTo(v float64, places int) float64 {
	scale := math.Pow10(places)
	rounded := math.Round(v*scale) / scale
	if math.IsInf(rounded, 0) || math.IsNaN(rounded) {
		return v // too large to scale; already an integer in practice
	}
	return rounded
}

// formatNumber renders a value for decision texts without exponents or
// trailing zeros: 78.5, 500000000, 0.05.
func formatNumber(v float64) string {
	return strconv.FormatFloat(roundTo(v, 4), 'f', -1, 64)
}

func formatPercent(v float64) string {
	return formatNumber(v) + "%"
}
