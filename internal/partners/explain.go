package partners

import (
	"fmt"
	"strings"

	"github.com/summitkam/summit/internal/grading"
)

// ModelKind names the tier ladder in explanations.
const ModelKind grading.Kind = "partner_tier_ladder"

// Explanation is what a tier evaluation stores: the grading engine's
// explanation (inputs, one criterion per requirement of every tier, the
// decision) plus the tier the numbers support and the gaps to the next.
type Explanation struct {
	grading.Explanation
	SupportedTier string `json:"supported_tier,omitempty"`
	NextTier      string `json:"next_tier,omitempty"`
	// CurrentTier is the tier held when evaluated.
	CurrentTier string `json:"current_tier,omitempty"`
	// Standing is ABOVE, LEVEL or BELOW the tier held.
	Standing string `json:"standing"`
	Gaps     []Gap  `json:"gaps,omitempty"`
	// GapsToCurrent are what a partner below its tier misses to keep it.
	GapsToCurrent []Gap `json:"gaps_to_current,omitempty"`
}

// Metric names of the figures in explanations.
const (
	MetricRegisteredCapital grading.MetricName = "registered_capital"
	MetricPerformance       grading.MetricName = "performance_12m_rolled_up"
	MetricOwnPerformance    grading.MetricName = "performance_12m_own"
	MetricCertifiedStaff    grading.MetricName = "certified_staff"
	MetricTotalStaff        grading.MetricName = "total_staff"
	MetricSalesStaff        grading.MetricName = "sales_staff"
)

func metricOf(r Requirement) grading.MetricName {
	switch r.Criterion {
	case RegisteredCapital:
		return MetricRegisteredCapital
	case AnnualPerformance:
		return MetricPerformance
	case CertifiedStaff:
		return MetricCertifiedStaff
	case TotalStaff:
		return MetricTotalStaff
	case SalesStaff:
		return MetricSalesStaff
	}
	return grading.ExtraMetric(r.CustomCode)
}

// Explain renders e for a partner holding current (nil: no tier).
func (e Evaluation) Explain(current *Tier) Explanation {
	f := e.Figures
	inputs := map[grading.MetricName]float64{
		MetricRegisteredCapital: float64(f.RegisteredCapital),
		MetricPerformance:       float64(f.Performance),
		MetricOwnPerformance:    float64(f.OwnPerformance),
		MetricCertifiedStaff:    float64(f.CertifiedStaff),
		MetricTotalStaff:        float64(f.TotalStaff),
		MetricSalesStaff:        float64(f.SalesStaff),
	}
	for code, v := range f.Custom {
		inputs[grading.ExtraMetric(code)] = float64(v)
	}
	x := Explanation{
		Explanation: grading.Explanation{ModelKind: ModelKind, Inputs: inputs},
		Standing:    string(Compare(current, e.Supported)),
		Gaps:        e.Gaps,
	}
	missing := map[grading.MetricName]bool{}
	for _, check := range e.Checks {
		for _, c := range check.Criteria {
			points := 0.0
			mark := "✗"
			if c.Passed {
				points, mark = 1, "✓"
			}
			if c.Missing && !missing[metricOf(c.Requirement)] {
				missing[metricOf(c.Requirement)] = true
				x.Missing = append(x.Missing, metricOf(c.Requirement))
			}
			x.Criteria = append(x.Criteria, grading.CriterionExplanation{
				Name:         check.Tier.Code + ": " + c.LabelEN(),
				Metric:       metricOf(c.Requirement),
				RawValue:     float64(c.Value),
				Missing:      c.Missing,
				Points:       points,
				Weight:       1,
				Contribution: points,
				Rule:         fmt.Sprintf("tiers[%s].%s ≥ %s %s", check.Tier.Code, c.Key(), formatValue(c.Requirement, c.Min), mark),
			})
		}
	}
	if e.Supported != nil {
		x.SupportedTier = e.Supported.Code
		x.Decision = grading.Decision{Level: e.Supported.Code, Rule: "tiers[" + e.Supported.Code + "]",
			Text: fmt.Sprintf("meets every minimum of %s (rank %d) → %s", e.Supported.NameEN, e.Supported.Rank, e.Supported.Code)}
	} else {
		x.Decision = grading.Decision{Text: "meets the minimums of no tier → none"}
	}
	if e.Next != nil {
		x.NextTier = e.Next.Code
		texts := make([]string, len(e.Gaps))
		for i, g := range e.Gaps {
			texts[i] = g.TextEN
		}
		x.Decision.Text += fmt.Sprintf("; %s needs %s", e.Next.Code, strings.Join(texts, ", "))
	}
	if current != nil {
		x.CurrentTier = current.Code
		if Compare(current, e.Supported) == Below {
			x.GapsToCurrent = e.GapsTo(current)
		}
	}
	return x
}

// formatValue renders a requirement's value: money as yuan, counts plainly.
func formatValue(r Requirement, v int64) string {
	if r.Criterion.IsMoney() {
		return FormatMoneyEN(v)
	}
	return groupDigits(v)
}
