package churn

import (
	"math"
	"testing"
	"time"
)

func TestSatisfactionFalling(t *testing.T) {
	t.Parallel()

	scores := func(prev, latest float64) func(*Facts) {
		return func(f *Facts) { f.SatisfactionPreviousAvg, f.SatisfactionLatest = ptr(prev), ptr(latest) }
	}
	// Warning at a 10-point drop, critical at 30.
	runSignalCases(t, SignalSatisfactionFalling, []signalCase{
		{name: "Rising", mutate: scores(70, 85)},
		{name: "JustBelowWarning", mutate: scores(80, 70.01)},
		{name: "AtWarning", mutate: scores(80, 70),
			wantSeverity: SeverityWarning, wantValue: 10, wantThreshold: 10,
			wantDetail: "Latest satisfaction score 70 is 10 points below the previous average of 80"},
		{name: "TwentyFiveIsOnlyAWarning", mutate: scores(80, 55),
			wantSeverity: SeverityWarning, wantValue: 25, wantThreshold: 10},
		{name: "JustBelowCritical", mutate: scores(80, 50.01),
			wantSeverity: SeverityWarning, wantValue: 29.99, wantThreshold: 10},
		{name: "AtCritical", mutate: scores(80, 50),
			wantSeverity: SeverityCritical, wantValue: 30, wantThreshold: 30},
		{name: "AboveCritical", mutate: scores(80, 35),
			wantSeverity: SeverityCritical, wantValue: 45, wantThreshold: 30},
		{name: "NegativeNPS", mutate: scores(10, -20),
			wantSeverity: SeverityCritical, wantValue: 30, wantThreshold: 30},
		{name: "NoSurvey", mutate: func(f *Facts) { f.SatisfactionLatest, f.SatisfactionPreviousAvg = nil, nil }, wantSkip: SkipNoData},
		{name: "OnlyOneSurvey", mutate: func(f *Facts) { f.SatisfactionPreviousAvg = nil }, wantSkip: SkipNoBaseline},
		{name: "Inf", mutate: scores(math.Inf(1), 50), wantSkip: SkipInvalidInput},
		{name: "Disabled", config: func(c *Config) { c.SatisfactionFalling.Disabled = true }, wantSkip: SkipDisabled},
	})
}

func TestNewComplaints(t *testing.T) {
	t.Parallel()

	complaints := func(last30, last90 ComplaintCounts) func(*Facts) {
		return func(f *Facts) { f.Complaints30Days, f.Complaints90Days = last30, last90 }
	}
	// Weights minor 1, major 3, critical 8; last 30 days count twice.
	// Warning at 3, critical at 8.
	runSignalCases(t, SignalNewComplaints, []signalCase{
		{name: "OneOldMinor", mutate: complaints(ComplaintCounts{}, ComplaintCounts{Minor: 1})},
		{name: "JustBelowWarning", mutate: complaints(ComplaintCounts{Minor: 1}, ComplaintCounts{Minor: 1})},
		{name: "AtWarningThreeOldMinor", mutate: complaints(ComplaintCounts{}, ComplaintCounts{Minor: 3}),
			wantSeverity: SeverityWarning, wantValue: 3, wantThreshold: 3},
		{name: "AtWarningOneOldMajor", mutate: complaints(ComplaintCounts{}, ComplaintCounts{Major: 1}),
			wantSeverity: SeverityWarning, wantValue: 3, wantThreshold: 3},
		{name: "AboveWarningTwoRecentMinor", mutate: complaints(ComplaintCounts{Minor: 2}, ComplaintCounts{Minor: 2}),
			wantSeverity: SeverityWarning, wantValue: 4, wantThreshold: 3,
			wantDetail: "2 complaints in the last 90 days (0 critical, 0 major, 2 minor), 2 of them in the last 30 days; weighted 4, warning at 3"},
		{name: "JustBelowCritical", mutate: complaints(ComplaintCounts{Major: 1}, ComplaintCounts{Major: 1, Minor: 1}),
			wantSeverity: SeverityWarning, wantValue: 7, wantThreshold: 3},
		{name: "AtCriticalOneOldCritical", mutate: complaints(ComplaintCounts{}, ComplaintCounts{Critical: 1}),
			wantSeverity: SeverityCritical, wantValue: 8, wantThreshold: 8},
		{name: "AboveCriticalRecentCritical", mutate: complaints(ComplaintCounts{Critical: 1}, ComplaintCounts{Critical: 1}),
			wantSeverity: SeverityCritical, wantValue: 16, wantThreshold: 8},
		{name: "Weights", config: func(c *Config) { c.NewComplaints.Weights.Minor = 3 },
			mutate:       complaints(ComplaintCounts{}, ComplaintCounts{Minor: 1}),
			wantSeverity: SeverityWarning, wantValue: 3, wantThreshold: 3},
		{name: "Disabled", config: func(c *Config) { c.NewComplaints.Disabled = true }, wantSkip: SkipDisabled},
	})
}

func TestContactCadenceMissed(t *testing.T) {
	t.Parallel()

	// Class B cadence defaults to 180 days: warning at 180, critical at 360.
	runSignalCases(t, SignalContactCadenceMissed, []signalCase{
		{name: "JustBelowWarning", mutate: func(f *Facts) { f.LastTouchpointAt = daysAgo(179) }},
		{name: "AtWarning", mutate: func(f *Facts) { f.LastTouchpointAt = daysAgo(180) },
			wantSeverity: SeverityWarning, wantValue: 180, wantThreshold: 180,
			wantDetail: "No touchpoint for 180 days; the B-class contact cadence is 180 days (warning at 180 days)"},
		{name: "JustBelowCritical", mutate: func(f *Facts) { f.LastTouchpointAt = daysAgo(359) },
			wantSeverity: SeverityWarning, wantValue: 359, wantThreshold: 180},
		{name: "AtCritical", mutate: func(f *Facts) { f.LastTouchpointAt = daysAgo(360) },
			wantSeverity: SeverityCritical, wantValue: 360, wantThreshold: 360},
		{name: "StrategicIsMonthly", mutate: func(f *Facts) { f.Class = ClassS; f.LastTouchpointAt = daysAgo(30) },
			wantSeverity: SeverityWarning, wantValue: 30, wantThreshold: 30},
		{name: "UngradedJustBelowWarning", mutate: func(f *Facts) { f.Class = ClassUngraded; f.LastTouchpointAt = daysAgo(119) }},
		{name: "UngradedAtWarning", mutate: func(f *Facts) { f.Class = ClassUngraded; f.LastTouchpointAt = daysAgo(120) },
			wantSeverity: SeverityWarning, wantValue: 120, wantThreshold: 120,
			wantDetail: "the ungraded-class contact cadence is 120 days"},
		{name: "UngradedAtCritical", mutate: func(f *Facts) { f.Class = ClassUngraded; f.LastTouchpointAt = daysAgo(240) },
			wantSeverity: SeverityCritical, wantValue: 240, wantThreshold: 240},
		{name: "ClassPolicyOverridesDefault", mutate: func(f *Facts) { f.ContactCadenceDays = 14; f.LastTouchpointAt = daysAgo(20) },
			wantSeverity: SeverityWarning, wantValue: 20, wantThreshold: 14},
		{name: "ConfiguredMultiple", config: func(c *Config) { c.ContactCadence.Warning = 1.5 }, mutate: func(f *Facts) { f.LastTouchpointAt = daysAgo(200) }},
		{name: "NeverTouchedCountsFromCreation", mutate: func(f *Facts) { f.LastTouchpointAt = time.Time{}; f.CreatedAt = daysAgo(400) },
			wantSeverity: SeverityCritical, wantValue: 400, wantThreshold: 360,
			wantDetail: "No touchpoint on record in the 400 days since the account was created"},
		{name: "NeverTouchedNewAccount", mutate: func(f *Facts) { f.LastTouchpointAt = time.Time{}; f.CreatedAt = daysAgo(10) }},
		{name: "NoDates", mutate: func(f *Facts) { f.LastTouchpointAt, f.CreatedAt = time.Time{}, time.Time{} }, wantSkip: SkipNoData},
		{name: "Disabled", config: func(c *Config) { c.ContactCadence.Disabled = true }, wantSkip: SkipDisabled},
	})
}

func TestKeyContactLeft(t *testing.T) {
	t.Parallel()

	left := func(n int) func(*Facts) { return func(f *Facts) { f.KeyContactsLeft = n } }
	runSignalCases(t, SignalKeyContactLeft, []signalCase{
		{name: "None", mutate: left(0)},
		{name: "AtWarning", mutate: left(1), wantSeverity: SeverityWarning, wantValue: 1, wantThreshold: 1,
			wantDetail: "1 key contact (decision maker) left in the last 90 days; warning at 1"},
		{name: "AtCritical", mutate: left(2), wantSeverity: SeverityCritical, wantValue: 2, wantThreshold: 2},
		{name: "AboveCritical", mutate: left(4), wantSeverity: SeverityCritical, wantValue: 4, wantThreshold: 2},
		{name: "ConfiguredCritical", config: func(c *Config) { c.KeyContactLeft.Critical = 3 }, mutate: left(2),
			wantSeverity: SeverityWarning, wantValue: 2, wantThreshold: 1},
		{name: "Disabled", config: func(c *Config) { c.KeyContactLeft.Disabled = true }, wantSkip: SkipDisabled},
	})
}

func TestClassDowngraded(t *testing.T) {
	t.Parallel()

	change := func(from, to Class, days int) func(*Facts) {
		return func(f *Facts) { f.Downgrade = ClassChange{From: from, To: to, At: daysAgo(days)} }
	}
	runSignalCases(t, SignalClassDowngraded, []signalCase{
		{name: "None"},
		{name: "Upgrade", mutate: change(ClassB, ClassA, 10)},
		{name: "IntoUngraded", mutate: change(ClassA, ClassUngraded, 10)},
		{name: "OneStep", mutate: change(ClassA, ClassB, 10),
			wantSeverity: SeverityWarning, wantValue: 1, wantThreshold: 1,
			wantDetail: "Class downgraded from A to B on 2026-06-20 (1 class down); warning at 1"},
		{name: "TwoSteps", mutate: change(ClassS, ClassB, 10),
			wantSeverity: SeverityCritical, wantValue: 2, wantThreshold: 2},
		{name: "ThreeSteps", mutate: change(ClassS, ClassC, 10),
			wantSeverity: SeverityCritical, wantValue: 3, wantThreshold: 2},
		{name: "AtWindowEdge", mutate: change(ClassA, ClassB, DowngradeWindowDays),
			wantSeverity: SeverityWarning, wantValue: 1, wantThreshold: 1},
		{name: "OutsideWindow", mutate: change(ClassA, ClassB, DowngradeWindowDays+1)},
		{name: "NoDateStillCounts", mutate: func(f *Facts) { f.Downgrade = ClassChange{From: ClassB, To: ClassC} },
			wantSeverity: SeverityWarning, wantValue: 1, wantThreshold: 1,
			wantDetail: "Class downgraded from B to C (1 class down)"},
		{name: "Disabled", config: func(c *Config) { c.ClassDowngraded.Disabled = true }, wantSkip: SkipDisabled},
	})
}
