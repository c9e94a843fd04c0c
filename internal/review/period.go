package review

import (
	"fmt"
	"time"
)

// Cadence is how often scheduled reviews run. It implements River's
// PeriodicSchedule: Next is the start of the next period, at midnight UTC.
type Cadence string

// Cadences.
const (
	// Quarterly reviews run on the first day of each quarter (seed 000:
	// "grade every quarter"). The default.
	Quarterly Cadence = "quarterly"
	// Monthly reviews run on the first day of each month.
	Monthly Cadence = "monthly"
	// Off disables scheduled reviews; cycles start on demand only.
	Off Cadence = "off"
)

// ParseCadence parses a cadence name.
func ParseCadence(s string) (Cadence, error) {
	switch c := Cadence(s); c {
	case Quarterly, Monthly, Off:
		return c, nil
	}
	return "", fmt.Errorf("unknown review schedule %q: want quarterly, monthly or off", s)
}

// Period is one review period: its cycle's name (unique) and first and last
// day.
type Period struct {
	Name       string
	Start, End time.Time
}

// PeriodOf returns the period that contains t.
func (c Cadence) PeriodOf(t time.Time) Period {
	d := Day(t)
	if c == Monthly {
		start := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
		return Period{Name: start.Format("2006-01"), Start: start, End: start.AddDate(0, 1, -1)}
	}
	return QuarterOf(d)
}

// QuarterOf returns the calendar quarter that contains t, named like 2026-Q4.
func QuarterOf(t time.Time) Period {
	d := Day(t)
	q := (int(d.Month()) - 1) / 3
	start := time.Date(d.Year(), time.Month(q*3+1), 1, 0, 0, 0, 0, time.UTC)
	return Period{Name: fmt.Sprintf("%d-Q%d", d.Year(), q+1), Start: start, End: start.AddDate(0, 3, -1)}
}

// Next returns the start of the period after the one containing t (River
// asks for the next run after each run). Off never runs.
func (c Cadence) Next(t time.Time) time.Time {
	if c == Off {
		return time.Date(9999, time.January, 1, 0, 0, 0, 0, time.UTC)
	}
	return c.PeriodOf(t).End.AddDate(0, 0, 1)
}
