package churn

import (
	"math"
	"testing"
)

func TestCollectionsSlowing(t *testing.T) {
	t.Parallel()

	// Previous average 2 days late; warning at +10 days, critical at +60.
	runSignalCases(t, SignalCollectionsSlowing, []signalCase{
		{name: "PayingFaster", mutate: func(f *Facts) { f.AvgDaysLateRecent = 0 }},
		{name: "JustBelowWarning", mutate: func(f *Facts) { f.AvgDaysLateRecent = 11.99 }},
		{name: "AtWarning", mutate: func(f *Facts) { f.AvgDaysLateRecent = 12 },
			wantSeverity: SeverityWarning, wantValue: 10, wantThreshold: 10,
			wantDetail: "on average 12 days late, 10 days later than the 2 days"},
		{name: "ThirtyDaysIsOnlyAWarning", mutate: func(f *Facts) { f.AvgDaysLateRecent = 32 },
			wantSeverity: SeverityWarning, wantValue: 30, wantThreshold: 10},
		{name: "JustBelowCritical", mutate: func(f *Facts) { f.AvgDaysLateRecent = 61.99 },
			wantSeverity: SeverityWarning, wantValue: 59.99, wantThreshold: 10},
		{name: "AtCritical", mutate: func(f *Facts) { f.AvgDaysLateRecent = 62 },
			wantSeverity: SeverityCritical, wantValue: 60, wantThreshold: 60,
			wantDetail: "on average 62 days late, 60 days later than the 2 days"},
		{name: "AboveCritical", mutate: func(f *Facts) { f.AvgDaysLateRecent = 92 },
			wantSeverity: SeverityCritical, wantValue: 90, wantThreshold: 60},
		{name: "AlwaysLateIsNotNews", mutate: func(f *Facts) { f.AvgDaysLateRecent, f.AvgDaysLatePrevious = 45, 40 }},
		{name: "NoRecentPayments", mutate: func(f *Facts) { f.PaymentsRecent = 0; f.AvgDaysLateRecent = 50 }, wantSkip: SkipNoData},
		{name: "NoPreviousPayments", mutate: func(f *Facts) { f.PaymentsPrevious = 0; f.AvgDaysLateRecent = 50 }, wantSkip: SkipNoBaseline},
		{name: "NaN", mutate: func(f *Facts) { f.AvgDaysLateRecent = math.NaN() }, wantSkip: SkipInvalidInput},
		{name: "Disabled", config: func(c *Config) { c.CollectionsSlowing.Disabled = true }, wantSkip: SkipDisabled},
	})
}

func TestOverdueRising(t *testing.T) {
	t.Parallel()

	overdue := func(before, now int64) func(*Facts) {
		return func(f *Facts) { f.Overdue90DaysAgo, f.OverdueNow = before, now }
	}
	// Warning at +25%, critical at +300% (quadrupled).
	runSignalCases(t, SignalOverdueRising, []signalCase{
		{name: "NothingOverdue", mutate: overdue(0, 0)},
		{name: "Falling", mutate: overdue(2000, 1000)},
		{name: "Flat", mutate: overdue(1000, 1000)},
		{name: "JustBelowWarning", mutate: overdue(1000, 1249)},
		{name: "AtWarning", mutate: overdue(1000, 1250),
			wantSeverity: SeverityWarning, wantValue: 0.25, wantThreshold: 0.25,
			wantDetail: "grew 25% in 90 days; warning at 25%"},
		{name: "DoubledIsOnlyAWarning", mutate: overdue(1000, 2000),
			wantSeverity: SeverityWarning, wantValue: 1, wantThreshold: 0.25},
		{name: "JustBelowCritical", mutate: overdue(1000, 3999),
			wantSeverity: SeverityWarning, wantValue: 2.999, wantThreshold: 0.25},
		{name: "AtCritical", mutate: overdue(1000, 4000),
			wantSeverity: SeverityCritical, wantValue: 3, wantThreshold: 3,
			wantDetail: "grew 300% in 90 days; critical at 300%"},
		{name: "AboveCritical", mutate: overdue(1000, 6000),
			wantSeverity: SeverityCritical, wantValue: 5, wantThreshold: 3},
		{name: "NewOverdueIsOnlyAWarning", mutate: overdue(0, 1_000_000),
			wantSeverity: SeverityWarning, wantValue: 1, wantThreshold: 0.25,
			wantDetail: "none were overdue 90 days ago"},
		{name: "BelowMinIncrease", config: func(c *Config) { c.OverdueRising.MinIncrease = 1000 }, mutate: overdue(1000, 1999)},
		{name: "AtMinIncrease", config: func(c *Config) { c.OverdueRising.MinIncrease = 1000 }, mutate: overdue(1000, 2000),
			wantSeverity: SeverityWarning, wantValue: 1, wantThreshold: 0.25},
		{name: "MinIncreaseDoesNotBlockCritical", config: func(c *Config) { c.OverdueRising.MinIncrease = 1000 }, mutate: overdue(1000, 4000),
			wantSeverity: SeverityCritical, wantValue: 3, wantThreshold: 3},
		{name: "Disabled", config: func(c *Config) { c.OverdueRising.Disabled = true }, wantSkip: SkipDisabled},
	})
}
