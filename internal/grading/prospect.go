package grading

import (
	"errors"
	"fmt"
	"time"
)

// ProspectCloseConfig grades prospects by how soon they are expected to
// close, which for a one-off purchase is really an opportunity grade (seed
// 000's computer maker: A within 3 months, B 4–6, C 7–12, D beyond 12).
//
// Bands are listed nearest first; an account falls in the first band whose
// window, as-of date plus within_months calendar months, contains its
// expected close date. The last band omits within_months and catches
// everything later. Months are calendar months clamped to the month's end
// (as of 30 Nov, 3 months is 28/29 Feb), and only dates count, not times of
// day, so a close "today" and one "on the 3-month day" are both inside.
//
// A close date before the as-of date is overdue but still open, so it falls
// in the nearest band; a prospect without an expected close date falls in
// the last band and is reported missing.
type ProspectCloseConfig struct {
	Bands        []CloseBand  `json:"bands"`
	ClassMapping ClassMapping `json:"class_mapping"`
}

// CloseBand is one prospect grade.
type CloseBand struct {
	Level        string `json:"level"`
	WithinMonths *int   `json:"within_months,omitempty"`
}

// InputDaysToExpectedClose is the explanation input prospect_close adds:
// calendar days from the as-of date to the expected close (negative when
// overdue). It depends on the as-of date, so it is not a registry metric.
const InputDaysToExpectedClose MetricName = "days_to_expected_close"

// metricExpectedCloseDate names the missing input in explanations.
const metricExpectedCloseDate MetricName = "expected_close_date"

const maxWithinMonths = 120

// Kind implements Config.
func (c *ProspectCloseConfig) Kind() Kind { return KindProspectClose }

// Validate implements Config.
func (c *ProspectCloseConfig) Validate() error {
	v := &validator{kind: KindProspectClose}
	if len(c.Bands) < 2 {
		v.addf("bands", "needs at least 2 bands")
	}
	levels := make([]string, len(c.Bands))
	previous := 0
	for i, band := range c.Bands {
		levels[i] = band.Level
		path := fmt.Sprintf("bands[%d].within_months", i)
		last := i == len(c.Bands)-1
		switch {
		case last && band.WithinMonths != nil:
			v.addf(path, "must be omitted on the last band, which catches every later close")
		case !last && band.WithinMonths == nil:
			v.addf(path, "is required (only the last band omits it)")
		case band.WithinMonths != nil:
			months := *band.WithinMonths
			switch {
			case months < 1 || months > maxWithinMonths:
				v.addf(path, "must be between 1 and %d", maxWithinMonths)
			case months <= previous:
				v.addf(path, "must be greater than bands[%d].within_months (%d): list bands nearest first", i-1, previous)
			}
			previous = months
		}
	}
	v.uniqueLevels("bands", levels, "level")
	c.ClassMapping.validate(v, levels)
	return v.err()
}

// Compile implements Config.
func (c *ProspectCloseConfig) Compile() (Model, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	model := &prospectCloseModel{mapping: c.ClassMapping.clone()}
	for i, band := range c.Bands {
		compiled := prospectBand{level: band.Level, rule: fmt.Sprintf("bands[%d]", i)}
		if band.WithinMonths != nil {
			compiled.withinMonths = *band.WithinMonths
		}
		model.bands = append(model.bands, compiled)
	}
	return model, nil
}

type prospectCloseModel struct {
	bands   []prospectBand
	mapping ClassMapping
}

type prospectBand struct {
	level        string
	withinMonths int // 0 on the last band
	rule         string
}

func (m *prospectCloseModel) Kind() Kind { return KindProspectClose }

func (m *prospectCloseModel) Levels() []string {
	levels := make([]string, len(m.bands))
	for i, band := range m.bands {
		levels[i] = band.level
	}
	return levels
}

const isoDate = "2006-01-02"

func (m *prospectCloseModel) Evaluate(asOf time.Time, population []Metrics) ([]Result, error) {
	if asOf.IsZero() {
		return nil, errors.New("evaluate prospect_close: as-of date is required")
	}
	today := civilDate(asOf)
	// Band window ends are the same for every account.
	windowEnds := make([]time.Time, len(m.bands)-1)
	for i := range windowEnds {
		windowEnds[i] = addMonthsClamped(today, m.bands[i].withinMonths)
	}
	last := len(m.bands) - 1

	results := make([]Result, len(population))
	forEachChunk(len(population), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			account := &population[i]
			inputs := make(map[MetricName]float64, 1)
			var missing []MetricName
			bandIndex := last
			var text string
			if account.ExpectedCloseDate.IsZero() {
				missing = []MetricName{metricExpectedCloseDate}
				text = fmt.Sprintf("no expected close date → %s", m.bands[last].level)
			} else {
				closeDate := civilDate(account.ExpectedCloseDate)
				days := int(closeDate.Sub(today).Hours() / 24)
				inputs[InputDaysToExpectedClose] = float64(days)
				for b, end := range windowEnds {
					if !closeDate.After(end) {
						bandIndex = b
						break
					}
				}
				switch {
				case closeDate.Before(today):
					text = fmt.Sprintf("expected close %s is before as-of %s: overdue, treated as due now → %s",
						closeDate.Format(isoDate), today.Format(isoDate), m.bands[bandIndex].level)
				case bandIndex < last:
					text = fmt.Sprintf("expected close %s is within %d months of %s (by %s) → %s",
						closeDate.Format(isoDate), m.bands[bandIndex].withinMonths, today.Format(isoDate), windowEnds[bandIndex].Format(isoDate), m.bands[bandIndex].level)
				default:
					text = fmt.Sprintf("expected close %s is after %s (%d months from %s) → %s",
						closeDate.Format(isoDate), windowEnds[last-1].Format(isoDate), m.bands[last-1].withinMonths, today.Format(isoDate), m.bands[last].level)
				}
			}
			band := m.bands[bandIndex]
			class := m.mapping.classFor(band.level)
			results[i] = Result{
				AccountID: account.AccountID,
				Level:     band.level,
				Class:     class,
				Explanation: Explanation{
					ModelKind: KindProspectClose,
					Inputs:    inputs,
					Missing:   missing,
					Decision:  Decision{Text: text, Rule: band.rule, Level: band.level, Class: class},
				},
			}
		}
	})
	return results, nil
}

// civilDate keeps the calendar date as seen in t's own location, so a close
// date stored as midnight in Asia/Shanghai is not pulled into the previous
// day by a UTC conversion.
func civilDate(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// addMonthsClamped adds calendar months, clamping the day to the target
// month's length; time.AddDate would roll 30 Nov + 3 months over to 2 Mar.
func addMonthsClamped(date time.Time, months int) time.Time {
	y, m, d := date.Date()
	firstOfTarget := time.Date(y, m+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
	lastDay := firstOfTarget.AddDate(0, 1, -1).Day()
	return time.Date(firstOfTarget.Year(), firstOfTarget.Month(), min(d, lastDay), 0, 0, 0, 0, time.UTC)
}
