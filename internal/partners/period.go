package partners

import (
	"fmt"
	"time"
)

// Cadence is how often partners are re-evaluated. It implements River's
// PeriodicSchedule: Next is the start of the next period, 00:00 UTC.
type Cadence string

// Cadences.
const (
	// Semiannual runs on 1 January and 1 July; periods are named 2026-H2.
	// The default.
	Semiannual Cadence = "semiannual"
	// Quarterly runs on the first day of each quarter (2026-Q4).
	Quarterly Cadence = "quarterly"
	// Annual runs on 1 January (2026).
	Annual Cadence = "annual"
	// Off runs no scheduled re-evaluation; admins start runs on demand.
	Off Cadence = "off"
)

// ParseCadence parses a cadence name.
func ParseCadence(s string) (Cadence, error) {
	switch c := Cadence(s); c {
	case Semiannual, Quarterly, Annual, Off:
		return c, nil
	}
	return "", fmt.Errorf("unknown partner re-evaluation schedule %q: want semiannual, quarterly, annual or off", s)
}

// Period is one re-evaluation period: its run key and first day.
type Period struct {
	Key   string
	Start time.Time
}

// PeriodOf returns the period containing t (Off: the semiannual one, for
// on-demand runs).
func (c Cadence) PeriodOf(t time.Time) Period {
	d := Day(t)
	y, m := d.Year(), int(d.Month())
	switch c {
	case Quarterly:
		q := (m - 1) / 3
		return Period{Key: fmt.Sprintf("%d-Q%d", y, q+1), Start: time.Date(y, time.Month(q*3+1), 1, 0, 0, 0, 0, time.UTC)}
	case Annual:
		return Period{Key: fmt.Sprintf("%d", y), Start: time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC)}
	}
	h := (m - 1) / 6
	return Period{Key: fmt.Sprintf("%d-H%d", y, h+1), Start: time.Date(y, time.Month(h*6+1), 1, 0, 0, 0, 0, time.UTC)}
}

// Next returns the start of the period after the one containing t. Off
// never runs.
func (c Cadence) Next(t time.Time) time.Time {
	if c == Off {
		return time.Date(9999, time.January, 1, 0, 0, 0, 0, time.UTC)
	}
	start := c.PeriodOf(t).Start
	switch c {
	case Quarterly:
		return start.AddDate(0, 3, 0)
	case Annual:
		return start.AddDate(1, 0, 0)
	}
	return start.AddDate(0, 6, 0)
}

// Daily is River's schedule of the probation sweep: every day at 00:00 UTC.
type Daily struct{}

// Next returns the next midnight UTC after t.
func (Daily) Next(t time.Time) time.Time { return Day(t).AddDate(0, 0, 1) }
