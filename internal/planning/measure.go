package planning

import (
	"math"
	"slices"
	"time"
)

// Progress is an objective's actual against its target at a day in the plan
// period.
type Progress struct {
	Actual, Target int64
	// ElapsedShare is the share of the plan period gone by, 0–1, counting
	// whole days and including today.
	ElapsedShare float64
	// Expected is the target pro rata to ElapsedShare, rounded up: what the
	// actual should be by now to finish on target at a steady pace.
	Expected int64
	// PercentDone is Actual / Target × 100, nil when the target is 0.
	PercentDone *float64
	// OnTrack is Actual ≥ Target × ElapsedShare.
	OnTrack bool
}

// ElapsedShare returns the share of the period [start, end] (whole UTC days,
// both included) gone by on today: 0 before it starts, 1 from its last day.
func ElapsedShare(start, end, today time.Time) float64 {
	start, end, today = Day(start), Day(end), Day(today)
	if today.Before(start) {
		return 0
	}
	if !today.Before(end) {
		return 1
	}
	total := end.Sub(start).Hours()/24 + 1
	gone := today.Sub(start).Hours()/24 + 1
	return gone / total
}

// Evaluate measures actual against target over the period on today.
func Evaluate(actual, target int64, start, end, today time.Time) Progress {
	share := ElapsedShare(start, end, today)
	p := Progress{Actual: actual, Target: target, ElapsedShare: share}
	expected := float64(target) * share
	p.Expected = int64(math.Ceil(expected))
	p.OnTrack = float64(actual) >= expected
	if target > 0 {
		pct := math.Round(float64(actual)/float64(target)*10000) / 100
		p.PercentDone = &pct
	}
	return p
}

// Objective statuses. The values equal the ent enum objectives.status.
const (
	ObjectiveOpen     = "OPEN"
	ObjectiveAchieved = "ACHIEVED"
	ObjectiveMissed   = "MISSED"
	ObjectiveDropped  = "DROPPED"
)

// CountsOnTrack tells how an objective counts in a plan's health: a DROPPED
// objective does not count at all; ACHIEVED is on track and MISSED is not,
// whatever the numbers say; an OPEN one is on track when its progress is.
func CountsOnTrack(status string, p Progress) (counts, onTrack bool) {
	switch status {
	case ObjectiveDropped:
		return false, false
	case ObjectiveAchieved:
		return true, true
	case ObjectiveMissed:
		return true, false
	}
	return true, p.OnTrack
}

// PlanRef is what choosing a plan for an account's health needs to know.
type PlanRef struct {
	ID          int
	Status      Status
	PeriodStart time.Time
}

// PickHealthPlan returns the index of the plan an account's health is read
// from: its ACTIVE plan (the latest one should there be several), otherwise
// its latest plan by period start, then id; -1 when there is none.
func PickHealthPlan(plans []PlanRef) int {
	best := -1
	better := func(a, b PlanRef) bool { // is a preferred over b?
		if (a.Status == Active) != (b.Status == Active) {
			return a.Status == Active
		}
		if !a.PeriodStart.Equal(b.PeriodStart) {
			return a.PeriodStart.After(b.PeriodStart)
		}
		return a.ID > b.ID
	}
	for i, p := range plans {
		if best < 0 || better(p, plans[best]) {
			best = i
		}
	}
	return best
}

// Cadence is an account's contact-cadence compliance.
type Cadence struct {
	// DaysSinceLast is the whole days since the last touchpoint; nil when
	// there has been none.
	DaysSinceLast *int
	// Overdue is true when the class policy's cadence has passed without a
	// touchpoint (or there never was one). False when the account has no
	// class, hence no cadence.
	Overdue bool
}

// CheckCadence judges the last touchpoint (nil: none) against a cadence in
// days (0: none applies) on today.
func CheckCadence(last *time.Time, cadenceDays int, today time.Time) Cadence {
	var c Cadence
	if last != nil {
		days := int(Day(today).Sub(Day(*last)).Hours() / 24)
		days = max(days, 0)
		c.DaysSinceLast = &days
	}
	if cadenceDays > 0 {
		c.Overdue = c.DaysSinceLast == nil || *c.DaysSinceLast > cadenceDays
	}
	return c
}

// MissingRoles returns the required team roles nobody holds, in the order
// the class policy lists them: the account's coverage gaps.
func MissingRoles(required, present []string) []string {
	missing := []string{}
	for _, r := range required {
		if !slices.Contains(present, r) && !slices.Contains(missing, r) {
			missing = append(missing, r)
		}
	}
	return missing
}
