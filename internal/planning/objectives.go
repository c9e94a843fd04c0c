package planning

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/summitkam/summit/internal/refusal"
)

// Metrics an objective can measure. The values equal the ent enum
// objectives.metric.
const (
	MetricRevenue     = "REVENUE"
	MetricGrossMargin = "GROSS_MARGIN"
	MetricOrderCount  = "ORDER_COUNT"
	MetricCollections = "COLLECTIONS"
	MetricWalletShare = "WALLET_SHARE"
	MetricNewProducts = "NEW_PRODUCTS"
	MetricCustom      = "CUSTOM"
)

// Units of an objective's target and actual. The values equal the ent enum
// objectives.unit.
const (
	UnitMoneyMinor = "MONEY_MINOR"
	UnitCount      = "COUNT"
	UnitPercentBP  = "PERCENT_BP"
)

// metricUnits is the unit each metric is read in; CUSTOM takes any unit.
var metricUnits = map[string]string{
	MetricRevenue:     UnitMoneyMinor,
	MetricGrossMargin: UnitMoneyMinor,
	MetricCollections: UnitMoneyMinor,
	MetricOrderCount:  UnitCount,
	MetricWalletShare: UnitPercentBP,
	MetricNewProducts: UnitCount,
	MetricCustom:      "",
}

// Source says where an objective's actual value comes from.
type Source string

// Sources of an actual value.
const (
	// SourceOrders: shipped orders dated within the plan period.
	SourceOrders Source = "ORDERS"
	// SourceCollections: payments received within the plan period.
	SourceCollections Source = "COLLECTIONS"
	// SourceManual: the latest reading recorded for the objective.
	SourceManual Source = "MANUAL"
)

// SourceOf returns where the actual of metric is read from. Revenue, gross
// margin and order count come from shipped orders, collections from
// collections; the rest cannot be derived from facts and use the latest
// recorded reading.
func SourceOf(metric string) Source {
	switch metric {
	case MetricRevenue, MetricGrossMargin, MetricOrderCount:
		return SourceOrders
	case MetricCollections:
		return SourceCollections
	}
	return SourceManual
}

// ResolveUnit returns the unit an objective of metric is read in: the given
// unit when it fits the metric, the metric's unit when none is given. A unit
// that contradicts the metric (REVENUE in COUNT) is refused, field "unit".
func ResolveUnit(metric, unit string) (string, error) {
	want, known := metricUnits[metric]
	switch {
	case !known:
		return "", refusal.Invalidf("metric", "unknown metric %q", metric)
	case unit == "" && want == "":
		return UnitCount, nil
	case unit == "":
		return want, nil
	case want != "" && unit != want:
		return "", refusal.Invalidf("unit", "%s is measured in %s, not %s", metric, want, unit)
	}
	return unit, nil
}

// ObjectiveDraft is an objective about to be written; Check validates it.
type ObjectiveDraft struct {
	Title  string
	Metric string
	Unit   string
	Target int64
	Weight int
}

// Check validates d and fills in its unit. Field names are relative to the
// objective input ("title", "targetValue" …).
func (d *ObjectiveDraft) Check() error {
	d.Title = strings.TrimSpace(d.Title)
	switch {
	case d.Title == "":
		return refusal.Invalidf("title", "a title is required")
	case len([]rune(d.Title)) > 300:
		return refusal.Invalidf("title", "at most 300 characters")
	case d.Target < 0:
		return refusal.Invalidf("targetValue", "a target cannot be negative")
	case d.Weight < 1:
		return refusal.Invalidf("weight", "a weight must be at least 1")
	}
	unit, err := ResolveUnit(d.Metric, d.Unit)
	if err != nil {
		return err
	}
	d.Unit = unit
	return nil
}

// ObjectiveTemplate is one default objective of a class policy
// (class_policies.objective_templates), e.g.
// {"title":"年度收入目标","metric":"REVENUE","unit":"MONEY_MINOR","weight":3}.
// Target is optional; without it the new objective's target is 0 and the
// KAM sets it.
type ObjectiveTemplate struct {
	Title  string `json:"title"`
	Metric string `json:"metric"`
	Unit   string `json:"unit"`
	Weight int    `json:"weight"`
	Target int64  `json:"target"`
}

// ParseObjectiveTemplates reads a class policy's objective templates. An
// entry that does not make a valid objective (unknown metric, no title) is
// skipped rather than failing plan creation over an admin's typo; skipped
// counts them so the caller can record it.
func ParseObjectiveTemplates(raw []byte) (templates []ObjectiveTemplate, skipped int) {
	if len(raw) == 0 {
		return nil, 0
	}
	var entries []json.RawMessage
	if err := json.Unmarshal(raw, &entries); err != nil {
		return nil, 1
	}
	for _, e := range entries {
		var t ObjectiveTemplate
		if err := json.Unmarshal(e, &t); err != nil {
			skipped++
			continue
		}
		if t.Weight == 0 {
			t.Weight = 1
		}
		if t.Metric == "" {
			t.Metric = MetricCustom
		}
		d := ObjectiveDraft{Title: t.Title, Metric: t.Metric, Unit: t.Unit, Target: t.Target, Weight: t.Weight}
		if d.Check() != nil {
			skipped++
			continue
		}
		t.Title, t.Unit = d.Title, d.Unit
		templates = append(templates, t)
	}
	return templates, skipped
}

// SWOT is a plan's strengths, weaknesses, opportunities and threats, stored
// as JSON on the plan.
type SWOT struct {
	Strengths     []string `json:"strengths"`
	Weaknesses    []string `json:"weaknesses"`
	Opportunities []string `json:"opportunities"`
	Threats       []string `json:"threats"`
}

// Normalize trims entries, drops blank ones and turns nil lists into empty
// ones so the stored document always has all four keys.
func (s SWOT) Normalize() SWOT {
	clean := func(in []string) []string {
		out := []string{}
		for _, x := range in {
			if x = strings.TrimSpace(x); x != "" {
				out = append(out, x)
			}
		}
		return out
	}
	return SWOT{clean(s.Strengths), clean(s.Weaknesses), clean(s.Opportunities), clean(s.Threats)}
}

// Period is a plan's period: a name (e.g. "FY2026") and its first and last
// days.
type Period struct {
	Name       string
	Start, End time.Time
}

// Check validates p and truncates its days to UTC dates. Field names are
// prefixed with prefix ("input." or "").
func (p *Period) Check(prefix string) error {
	p.Name = strings.TrimSpace(p.Name)
	p.Start, p.End = Day(p.Start), Day(p.End)
	switch {
	case p.Name == "":
		return refusal.Invalidf(prefix+"period", "a period name is required, e.g. FY2026")
	case len([]rune(p.Name)) > 32:
		return refusal.Invalidf(prefix+"period", "at most 32 characters")
	case p.Start.IsZero():
		return refusal.Invalidf(prefix+"periodStart", "a first day is required")
	case p.End.Before(p.Start):
		return refusal.Invalidf(prefix+"periodEnd", "the period ends (%s) before it starts (%s)", p.End.Format(time.DateOnly), p.Start.Format(time.DateOnly))
	case p.End.Sub(p.Start) > 3*366*24*time.Hour:
		return refusal.Invalidf(prefix+"periodEnd", "a plan period is at most three years")
	}
	return nil
}

// Day truncates t to its UTC calendar day. Plan periods, due dates and
// "today" are UTC days throughout.
func Day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ShiftDue moves a due date of a plan that started on from into the plan
// that starts on to: by whole months when both periods start on the same day
// of the month (FY2026 → FY2027 keeps 31 March), by days otherwise.
func ShiftDue(due, from, to time.Time) time.Time {
	due, from, to = Day(due), Day(from), Day(to)
	if from.Day() == to.Day() {
		months := (to.Year()-from.Year())*12 + int(to.Month()) - int(from.Month())
		return due.AddDate(0, months, 0)
	}
	return due.AddDate(0, 0, int(to.Sub(from).Hours()/24))
}
