package churn

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestOrderGap(t *testing.T) {
	t.Parallel()

	// healthyFacts: class B (warning 2×, critical 6×), 30-day interval.
	runSignalCases(t, SignalOrderGap, []signalCase{
		{name: "JustBelowWarning", mutate: func(f *Facts) { f.LastOrderAt = daysAgo(59) }},
		{name: "AtWarning", mutate: func(f *Facts) { f.LastOrderAt = daysAgo(60) },
			wantSeverity: SeverityWarning, wantValue: 2, wantThreshold: 2,
			wantDetail: "No order for 60 days, 2× the usual 30-day interval (warning at 2×)"},
		{name: "AboveWarning", mutate: func(f *Facts) { f.LastOrderAt = daysAgo(75) },
			wantSeverity: SeverityWarning, wantValue: 2.5, wantThreshold: 2},
		{name: "JustBelowCritical", mutate: func(f *Facts) { f.LastOrderAt = daysAgo(179) },
			wantSeverity: SeverityWarning, wantValue: 179.0 / 30, wantThreshold: 2},
		{name: "AtCritical", mutate: func(f *Facts) { f.LastOrderAt = daysAgo(180) },
			wantSeverity: SeverityCritical, wantValue: 6, wantThreshold: 6,
			wantDetail: "No order for 180 days, 6× the usual 30-day interval (critical at 6×)"},
		{name: "AboveCritical", mutate: func(f *Facts) { f.LastOrderAt = daysAgo(240) },
			wantSeverity: SeverityCritical, wantValue: 8, wantThreshold: 6},
		{name: "PartialDayDoesNotCount", mutate: func(f *Facts) { f.LastOrderAt = daysAgo(60).Add(time.Hour) }},
		{name: "StrategicWarnsEarlier", mutate: func(f *Facts) { f.Class = ClassS; f.LastOrderAt = daysAgo(45) },
			wantSeverity: SeverityWarning, wantValue: 1.5, wantThreshold: 1.5},
		{name: "StrategicJustBelowCritical", mutate: func(f *Facts) { f.Class = ClassS; f.LastOrderAt = daysAgo(89) },
			wantSeverity: SeverityWarning, wantValue: 89.0 / 30, wantThreshold: 1.5},
		{name: "StrategicAtCritical", mutate: func(f *Facts) { f.Class = ClassS; f.LastOrderAt = daysAgo(90) },
			wantSeverity: SeverityCritical, wantValue: 3, wantThreshold: 3},
		{name: "KeyAtCritical", mutate: func(f *Facts) { f.Class = ClassA; f.LastOrderAt = daysAgo(120) },
			wantSeverity: SeverityCritical, wantValue: 4, wantThreshold: 4},
		{name: "GeneralJustBelowCritical", mutate: func(f *Facts) { f.Class = ClassC; f.LastOrderAt = daysAgo(239) },
			wantSeverity: SeverityWarning, wantValue: 239.0 / 30, wantThreshold: 2.5},
		{name: "GeneralAtCritical", mutate: func(f *Facts) { f.Class = ClassC; f.LastOrderAt = daysAgo(240) },
			wantSeverity: SeverityCritical, wantValue: 8, wantThreshold: 8},
		{name: "UngradedAtCritical", mutate: func(f *Facts) { f.Class = ClassUngraded; f.LastOrderAt = daysAgo(240) },
			wantSeverity: SeverityCritical, wantValue: 8, wantThreshold: 8},
		{name: "GeneralWarnsLater", mutate: func(f *Facts) { f.Class = ClassC; f.LastOrderAt = daysAgo(60) }},
		{name: "UngradedUsesUngradedThresholds", mutate: func(f *Facts) { f.Class = ClassUngraded; f.LastOrderAt = daysAgo(75) },
			wantSeverity: SeverityWarning, wantValue: 2.5, wantThreshold: 2.5},
		{name: "PerClassConfig", config: func(c *Config) { c.OrderGap.Warning.B = 1.2 }, mutate: func(f *Facts) { f.LastOrderAt = daysAgo(36) },
			wantSeverity: SeverityWarning, wantValue: 1.2, wantThreshold: 1.2},
		{name: "IntervalFlooredAtMinimum", mutate: func(f *Facts) { f.OrderIntervalDays = 2; f.LastOrderAt = daysAgo(13) }},
		{name: "FlooredIntervalStillFires", mutate: func(f *Facts) { f.OrderIntervalDays = 2; f.LastOrderAt = daysAgo(14) },
			wantSeverity: SeverityWarning, wantValue: 2, wantThreshold: 2, wantDetail: "usual 7-day interval"},
		{name: "TwoOrdersIsTooLittleHistory", mutate: func(f *Facts) { f.IntervalOrderCount = 2; f.LastOrderAt = daysAgo(400) },
			wantSkip: SkipInsufficientHistory},
		{name: "ThreeOrdersIsEnough", mutate: func(f *Facts) { f.IntervalOrderCount = 3; f.LastOrderAt = daysAgo(60) },
			wantSeverity: SeverityWarning, wantValue: 2, wantThreshold: 2},
		{name: "MinOrdersConfigurable", config: func(c *Config) { c.MinOrders = 10 }, mutate: func(f *Facts) { f.IntervalOrderCount = 9 },
			wantSkip: SkipInsufficientHistory},
		{name: "NoLastOrderDate", mutate: func(f *Facts) { f.LastOrderAt = time.Time{} }, wantSkip: SkipNoData},
		{name: "NoInterval", mutate: func(f *Facts) { f.OrderIntervalDays = 0 }, wantSkip: SkipNoData},
		{name: "NaNInterval", mutate: func(f *Facts) { f.OrderIntervalDays = math.NaN() }, wantSkip: SkipInvalidInput},
		{name: "Disabled", config: func(c *Config) { c.OrderGap.Disabled = true }, wantSkip: SkipDisabled},
	})
}

func TestOrderVolumeDrop(t *testing.T) {
	t.Parallel()

	// Trailing average 1,000,000 minor units over 3 orders a period;
	// warning 30%, critical 100% (nothing bought at all).
	runSignalCases(t, SignalOrderVolumeDrop, []signalCase{
		{name: "Growth", mutate: func(f *Facts) { f.RevenueCurrent = 2_000_000 }},
		{name: "JustBelowWarning", mutate: func(f *Facts) { f.RevenueCurrent = 700_001 }},
		{name: "AtWarning", mutate: func(f *Facts) { f.RevenueCurrent = 700_000; f.OrdersCurrent = 2 },
			wantSeverity: SeverityWarning, wantValue: 0.3, wantThreshold: 0.3,
			wantDetail: "30% below the average of the previous 4 periods (2 orders vs 3 on average); warning at 30%"},
		{name: "AboveWarning", mutate: func(f *Facts) { f.RevenueCurrent = 500_000 },
			wantSeverity: SeverityWarning, wantValue: 0.5, wantThreshold: 0.3},
		{name: "SixtyPercentIsOnlyAWarning", mutate: func(f *Facts) { f.RevenueCurrent = 400_000 },
			wantSeverity: SeverityWarning, wantValue: 0.6, wantThreshold: 0.3},
		{name: "JustBelowCritical", mutate: func(f *Facts) { f.RevenueCurrent = 1_000 },
			wantSeverity: SeverityWarning, wantValue: 0.999, wantThreshold: 0.3},
		{name: "AtCritical", mutate: func(f *Facts) { f.RevenueCurrent = 0; f.OrdersCurrent = 0 },
			wantSeverity: SeverityCritical, wantValue: 1, wantThreshold: 1,
			wantDetail: "100% below the average of the previous 4 periods (0 orders vs 3 on average); critical at 100%"},
		{name: "ConfiguredCritical", config: func(c *Config) { c.OrderVolumeDrop.Critical = 0.6 }, mutate: func(f *Facts) { f.RevenueCurrent = 400_000 },
			wantSeverity: SeverityCritical, wantValue: 0.6, wantThreshold: 0.6},
		{name: "JustBelowMinBaselineOrders", mutate: func(f *Facts) { f.OrdersTrailingAvg = 2.99; f.RevenueCurrent = 0; f.OrdersCurrent = 0 },
			wantSkip: SkipNoBaseline},
		{name: "ElevenOrdersInFourPeriods", mutate: func(f *Facts) { f.OrdersTrailingAvg = 2.75; f.RevenueCurrent = 0; f.OrdersCurrent = 0 },
			wantSkip: SkipNoBaseline, wantDetail: "2.8 orders per period on average; at least 3 are needed"},
		{name: "SparseBuyerEmptyPeriodIsNoNews", mutate: func(f *Facts) { f.OrdersTrailingAvg = 1; f.RevenueCurrent = 0; f.OrdersCurrent = 0 },
			wantSkip: SkipNoBaseline, wantDetail: "1 orders per period on average; at least 3 are needed"},
		{name: "AtMinBaselineOrders", mutate: func(f *Facts) { f.OrdersTrailingAvg = 3; f.RevenueCurrent = 0; f.OrdersCurrent = 0 },
			wantSeverity: SeverityCritical, wantValue: 1, wantThreshold: 1},
		{name: "MinBaselineOrdersConfigurable", config: func(c *Config) { c.OrderVolumeDrop.MinBaselineOrders = 1 },
			mutate:       func(f *Facts) { f.OrdersTrailingAvg = 1; f.RevenueCurrent = 0; f.OrdersCurrent = 0 },
			wantSeverity: SeverityCritical, wantValue: 1, wantThreshold: 1},
		{name: "NaNTrailingOrders", mutate: func(f *Facts) { f.OrdersTrailingAvg = math.NaN() }, wantSkip: SkipInvalidInput},
		{name: "OnePeriodIsNoBaseline", mutate: func(f *Facts) { f.TrailingPeriods = 1; f.RevenueCurrent = 0 },
			wantSkip: SkipNoBaseline},
		{name: "NoTrailingRevenue", mutate: func(f *Facts) { f.RevenueTrailingAvg = 0 }, wantSkip: SkipNoBaseline},
		{name: "ShortHistory", mutate: func(f *Facts) { f.IntervalOrderCount = 2; f.RevenueCurrent = 0 },
			wantSkip: SkipInsufficientHistory},
		{name: "Disabled", config: func(c *Config) { c.OrderVolumeDrop.Disabled = true }, wantSkip: SkipDisabled},
	})
}

func TestRevenueDropYoY(t *testing.T) {
	t.Parallel()

	// Last year 1,000,000 minor units over 3 orders; warning 25%, critical
	// 100% (nothing bought at all).
	runSignalCases(t, SignalRevenueDropYoY, []signalCase{
		{name: "Growth", mutate: func(f *Facts) { f.RevenueCurrent = 1_500_000 }},
		{name: "JustBelowWarning", mutate: func(f *Facts) { f.RevenueCurrent = 750_001 }},
		{name: "AtWarning", mutate: func(f *Facts) { f.RevenueCurrent = 750_000 },
			wantSeverity: SeverityWarning, wantValue: 0.25, wantThreshold: 0.25,
			wantDetail: "25% below the same period last year (3 orders vs 3); warning at 25%"},
		{name: "HalfIsOnlyAWarning", mutate: func(f *Facts) { f.RevenueCurrent = 500_000 },
			wantSeverity: SeverityWarning, wantValue: 0.5, wantThreshold: 0.25},
		{name: "JustBelowCritical", mutate: func(f *Facts) { f.RevenueCurrent = 1_000 },
			wantSeverity: SeverityWarning, wantValue: 0.999, wantThreshold: 0.25},
		{name: "AtCritical", mutate: func(f *Facts) { f.RevenueCurrent = 0; f.OrdersCurrent = 0 },
			wantSeverity: SeverityCritical, wantValue: 1, wantThreshold: 1,
			wantDetail: "100% below the same period last year (0 orders vs 3); critical at 100%"},
		{name: "ConfiguredCritical", config: func(c *Config) { c.RevenueDropYoY.Critical = 0.5 }, mutate: func(f *Facts) { f.RevenueCurrent = 500_000 },
			wantSeverity: SeverityCritical, wantValue: 0.5, wantThreshold: 0.5},
		{name: "JustBelowMinBaselineOrders", mutate: func(f *Facts) { f.OrdersLastYear = 2; f.RevenueCurrent = 0; f.OrdersCurrent = 0 },
			wantSkip: SkipNoBaseline, wantDetail: "Only 2 orders in the same period last year; at least 3 are needed"},
		{name: "AtMinBaselineOrders", mutate: func(f *Facts) { f.OrdersLastYear = 3; f.RevenueCurrent = 0; f.OrdersCurrent = 0 },
			wantSeverity: SeverityCritical, wantValue: 1, wantThreshold: 1},
		{name: "MinBaselineOrdersConfigurable", config: func(c *Config) { c.RevenueDropYoY.MinBaselineOrders = 5 },
			mutate:   func(f *Facts) { f.OrdersLastYear = 4; f.RevenueCurrent = 0 },
			wantSkip: SkipNoBaseline, wantDetail: "Only 4 orders in the same period last year; at least 5 are needed"},
		{name: "NoRevenueLastYear", mutate: func(f *Facts) { f.RevenueLastYear = 0; f.RevenueCurrent = 0 },
			wantSkip: SkipNoBaseline},
		{name: "ShortHistory", mutate: func(f *Facts) { f.IntervalOrderCount = 0; f.RevenueCurrent = 0 },
			wantSkip: SkipInsufficientHistory},
		{name: "Disabled", config: func(c *Config) { c.RevenueDropYoY.Disabled = true }, wantSkip: SkipDisabled},
	})
}

// TestShortHistorySkipsOrderSignals pins the rule that an account with too
// few orders never gets an order-history alert, and says why for each.
func TestShortHistorySkipsOrderSignals(t *testing.T) {
	t.Parallel()

	f := healthyFacts()
	f.IntervalOrderCount = 2
	f.LastOrderAt = daysAgo(300)
	f.RevenueCurrent = 0
	f.KeyContactsLeft = 1 // non-order signals still work

	a := Evaluate(Config{}, f)
	for _, code := range []SignalCode{SignalOrderGap, SignalOrderVolumeDrop, SignalRevenueDropYoY} {
		_, fired := a.Signal(code)
		require.False(t, fired, code)
		s, skipped := a.Skip(code)
		require.True(t, skipped, code)
		require.Equal(t, SkipInsufficientHistory, s.Reason)
		require.Equal(t, "Only 2 orders in the last 2 years; at least 3 are needed to know the account's ordering rhythm", s.Detail)
		require.Equal(t, "近 2 年仅 2 笔订单,至少需要 3 笔才能判断下单规律", s.DetailZH)
	}
	require.Equal(t, []SignalCode{SignalKeyContactLeft}, a.SignalCodes())
}
