package churn

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLevelBands(t *testing.T) {
	t.Parallel()

	bands := Config{}.WithDefaults().Bands
	tests := []struct {
		score int
		want  Level
	}{
		{0, LevelLow},
		{24, LevelLow},
		{25, LevelMedium},
		{54, LevelMedium},
		{55, LevelHigh},
		{79, LevelHigh},
		{80, LevelCritical},
		{100, LevelCritical},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, bands.Level(tt.score), "score %d", tt.score)
	}
	custom := LevelBands{Medium: 10, High: 20, Critical: 30}
	require.Equal(t, LevelMedium, custom.Level(10))
	require.Equal(t, LevelCritical, custom.Level(30))
}

// Fact changes on healthyFacts (class B) and what they fire by default,
// with the signal family each belongs to.
var (
	orderGap     = func(f *Facts) { f.LastOrderAt = daysAgo(60) }                         // ordering, warning 15
	stoppedOrder = func(f *Facts) { f.RevenueCurrent = 0; f.OrdersCurrent = 0 }           // ordering, volume and yoy critical 20 each
	collections  = func(f *Facts) { f.AvgDaysLateRecent = 12 }                            // payment, warning 10
	overdue      = func(f *Facts) { f.Overdue90DaysAgo, f.OverdueNow = 1000, 1250 }       // payment, warning 10
	satisfaction = func(f *Facts) { f.SatisfactionLatest = ptr(70.0) }                    // sentiment, warning 15
	complaint    = func(f *Facts) { f.Complaints90Days = ComplaintCounts{Major: 1} }      // sentiment, warning 10
	cadence      = func(f *Facts) { f.LastTouchpointAt = daysAgo(200) }                   // engagement, warning 15
	keyContact   = func(f *Facts) { f.KeyContactsLeft = 1 }                               // relationship, warning 25
	twoContacts  = func(f *Facts) { f.KeyContactsLeft = 2 }                               // relationship, critical 40
	downgrade    = func(f *Facts) { f.Downgrade = ClassChange{From: ClassA, To: ClassB} } // standing, warning 10
)

func evaluateWith(cfg Config, mutate ...func(*Facts)) Assessment {
	f := healthyFacts()
	for _, m := range mutate {
		m(&f)
	}
	return Evaluate(cfg, f)
}

// requireFamilyScoring checks the scoring invariants on any assessment:
// exactly one counted signal per fired family, never weaker than another
// signal of its family, and RawPoints the sum of the counted ones.
func requireFamilyScoring(t *testing.T, a Assessment) {
	t.Helper()
	counted := map[Family]FiredSignal{}
	sum := 0
	for _, s := range a.Fired {
		require.Equal(t, s.Code.Family(), s.Family, s.Code)
		if s.Counted {
			_, dup := counted[s.Family]
			require.False(t, dup, "two counted signals in family %s", s.Family)
			counted[s.Family] = s
			sum += s.Points
		}
	}
	for _, s := range a.Fired {
		c, ok := counted[s.Family]
		require.True(t, ok, "family %s fired but nothing counted", s.Family)
		require.GreaterOrEqual(t, c.Points, s.Points, "%s counted over stronger %s", c.Code, s.Code)
	}
	require.Equal(t, sum, a.RawPoints)
	require.Equal(t, min(sum, MaxScore), a.Score)
}

func TestEvaluateScoreAndLevel(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name       string
		mutate     []func(*Facts)
		config     func(*Config)
		wantRaw    int
		wantLevel  Level
		wantReason LevelReason
	}{
		{"Nothing", nil, nil, 0, LevelLow, LevelByScore},
		{"OneWarningIsLow", []func(*Facts){orderGap}, nil, 15, LevelLow, LevelByScore},
		{"BelowMediumBand", []func(*Facts){collections, downgrade}, nil, 20, LevelLow, LevelByScore},
		{"AtMediumBand", []func(*Facts){orderGap, downgrade}, nil, 25, LevelMedium, LevelByScore},
		{"BelowHighBand", []func(*Facts){orderGap, keyContact, downgrade}, nil, 50, LevelMedium, LevelByScore},
		{"AtHighBand", []func(*Facts){orderGap, keyContact, cadence}, nil, 55, LevelHigh, LevelByScore},
		{"ConfiguredHighBand", []func(*Facts){orderGap, keyContact, downgrade}, func(c *Config) { c.Bands.High = 50 }, 50, LevelHigh, LevelByScore},
		{"BelowCriticalBand", []func(*Facts){orderGap, keyContact, cadence, collections, downgrade}, nil, 75, LevelHigh, LevelByScore},
		{"AtCriticalBandWithoutCriticalSignal", []func(*Facts){orderGap, keyContact, cadence, satisfaction, collections}, nil, 80, LevelCritical, LevelByScore},
		// One event seen three ways is one family: the order gap, the
		// period drop and the year-on-year drop score 20, not 55.
		{"OneFamilyCountsOnce", []func(*Facts){orderGap, stoppedOrder}, nil, 20, LevelLow, LevelByScore},
		{"CriticalSignalAloneIsBanded", []func(*Facts){twoContacts}, nil, 40, LevelMedium, LevelByScore},
		{"CriticalSignalWithTwoFamiliesIsBanded", []func(*Facts){twoContacts, orderGap}, nil, 55, LevelHigh, LevelByScore},
		{"CriticalSignalWithThreeFamilies", []func(*Facts){twoContacts, orderGap, downgrade}, nil, 65, LevelCritical, LevelByCriticalSignal},
		// Four fired signals, two of them critical, but only two families.
		{"SignalsOfOneFamilyAreNotBreadth", []func(*Facts){twoContacts, orderGap, stoppedOrder}, nil, 60, LevelHigh, LevelByScore},
		{"ThreeFamiliesWithoutCriticalSignalAreBanded", []func(*Facts){orderGap, keyContact, cadence}, nil, 55, LevelHigh, LevelByScore},
		{"CriticalMinFamiliesOneMakesAnyCriticalDecide", []func(*Facts){twoContacts},
			func(c *Config) { c.CriticalMinFamilies = 1 }, 40, LevelCritical, LevelByCriticalSignal},
		{"CriticalMinFamiliesTwo", []func(*Facts){twoContacts, orderGap},
			func(c *Config) { c.CriticalMinFamilies = 2 }, 55, LevelCritical, LevelByCriticalSignal},
		{"CriticalMinFamiliesFour", []func(*Facts){twoContacts, orderGap, downgrade},
			func(c *Config) { c.CriticalMinFamilies = 4 }, 65, LevelHigh, LevelByScore},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var cfg Config
			if tt.config != nil {
				tt.config(&cfg)
			}
			a := evaluateWith(cfg, tt.mutate...)
			require.Equal(t, tt.wantRaw, a.RawPoints, "fired: %v", a.SignalCodes())
			require.Equal(t, tt.wantRaw, a.Score)
			require.Equal(t, tt.wantLevel, a.Level)
			require.Equal(t, tt.wantReason, a.LevelReason)
			requireFamilyScoring(t, a)
		})
	}
}

// counted returns the codes of the counted signals in evaluation order.
func counted(a Assessment) []SignalCode {
	var codes []SignalCode
	for _, s := range a.Fired {
		if s.Counted {
			codes = append(codes, s.Code)
		}
	}
	return codes
}

func TestEvaluateCountsStrongestSignalPerFamily(t *testing.T) {
	t.Parallel()

	t.Run("StrongerOrderingSignalCounts", func(t *testing.T) {
		t.Parallel()
		// A 25% drop on last year (warning, 10) while 60 days late on a
		// 30-day rhythm (warning, 15): the order gap counts.
		a := evaluateWith(Config{}, orderGap, func(f *Facts) { f.RevenueCurrent = 750_000 })
		require.Equal(t, []SignalCode{SignalOrderGap, SignalRevenueDropYoY}, a.SignalCodes())
		gap, _ := a.Signal(SignalOrderGap)
		yoy, _ := a.Signal(SignalRevenueDropYoY)
		require.True(t, gap.Counted)
		require.False(t, yoy.Counted)
		require.Equal(t, 10, yoy.Points, "an uncounted signal keeps its points for the explanation")
		require.Equal(t, FamilyOrdering, gap.Family)
		require.Equal(t, FamilyOrdering, yoy.Family)
		require.Equal(t, 15, a.RawPoints)
		requireFamilyScoring(t, a)
	})

	t.Run("StrongerLaterSignalCounts", func(t *testing.T) {
		t.Parallel()
		// Order gap warning 15 first in order; nothing bought this period
		// fires volume and year-on-year critical at 20 each.
		a := evaluateWith(Config{}, orderGap, stoppedOrder)
		require.Equal(t, []SignalCode{SignalOrderGap, SignalOrderVolumeDrop, SignalRevenueDropYoY}, a.SignalCodes())
		require.Equal(t, []SignalCode{SignalOrderVolumeDrop}, counted(a), "the stronger one, and the first of the two at 20")
		require.Equal(t, 20, a.RawPoints)
		requireFamilyScoring(t, a)
	})

	t.Run("EqualPointsFirstInEvaluationOrderCounts", func(t *testing.T) {
		t.Parallel()
		// Collections and overdue are both payment warnings at 10.
		a := evaluateWith(Config{}, collections, overdue)
		require.Equal(t, []SignalCode{SignalCollectionsSlowing, SignalOverdueRising}, a.SignalCodes())
		require.Equal(t, []SignalCode{SignalCollectionsSlowing}, counted(a))
		require.Equal(t, 10, a.RawPoints)
		requireFamilyScoring(t, a)
	})

	t.Run("EqualPointsByConfig", func(t *testing.T) {
		t.Parallel()
		// Satisfaction (15) comes before complaints; give complaints 15
		// too and satisfaction still counts, raise it to 16 and it wins.
		cfg := Config{NewComplaints: NewComplaintsConfig{Points: Points{Warning: 15}}}
		a := evaluateWith(cfg, satisfaction, complaint)
		require.Equal(t, []SignalCode{SignalSatisfactionFalling}, counted(a))
		require.Equal(t, 15, a.RawPoints)

		cfg.NewComplaints.Points.Warning = 16
		a = evaluateWith(cfg, satisfaction, complaint)
		require.Equal(t, []SignalCode{SignalNewComplaints}, counted(a))
		require.Equal(t, 16, a.RawPoints)
		requireFamilyScoring(t, a)
	})

	t.Run("DifferentFamiliesAllCount", func(t *testing.T) {
		t.Parallel()
		a := evaluateWith(Config{}, orderGap, collections, satisfaction, cadence, keyContact, downgrade)
		require.Equal(t, a.SignalCodes(), counted(a))
		require.Equal(t, 15+10+15+15+25+10, a.RawPoints)
		requireFamilyScoring(t, a)
	})
}

// TestEvaluateEveryWarning fires every signal at warning severity: ten
// signals but six families, 90 points, critical by band without any
// critical signal.
func TestEvaluateEveryWarning(t *testing.T) {
	t.Parallel()

	a := evaluateWith(Config{}, orderGap, func(f *Facts) { f.RevenueCurrent = 700_000 },
		collections, overdue, satisfaction, complaint, func(f *Facts) { f.LastTouchpointAt = daysAgo(180) },
		keyContact, func(f *Facts) { f.Downgrade = ClassChange{From: ClassA, To: ClassB, At: daysAgo(30)} })
	require.Equal(t, SignalCodes(), a.SignalCodes(), "all fire, in evaluation order")
	for _, s := range a.Fired {
		require.Equal(t, SeverityWarning, s.Severity, s.Code)
	}
	require.Equal(t, []SignalCode{
		SignalOrderGap, SignalCollectionsSlowing, SignalSatisfactionFalling,
		SignalContactCadenceMissed, SignalKeyContactLeft, SignalClassDowngraded,
	}, counted(a))
	require.Equal(t, 90, a.RawPoints)
	require.Equal(t, 90, a.Score)
	require.Equal(t, LevelCritical, a.Level)
	require.Equal(t, LevelByScore, a.LevelReason)
	requireFamilyScoring(t, a)
}

// TestEvaluateCapsScore fires every signal at critical severity: 155 raw
// points over six families, capped at 100.
func TestEvaluateCapsScore(t *testing.T) {
	t.Parallel()

	f := healthyFacts()
	f.LastOrderAt = daysAgo(400)
	f.RevenueCurrent = 0
	f.AvgDaysLateRecent = 90
	f.Overdue90DaysAgo, f.OverdueNow = 100, 1000
	f.SatisfactionLatest = ptr(10.0)
	f.Complaints30Days = ComplaintCounts{Critical: 1}
	f.Complaints90Days = ComplaintCounts{Critical: 1}
	f.LastTouchpointAt = daysAgo(1000)
	f.KeyContactsLeft = 5
	f.Downgrade = ClassChange{From: ClassS, To: ClassC, At: daysAgo(10)}

	a := Evaluate(Config{}, f)
	require.Equal(t, SignalCodes(), a.SignalCodes(), "all fire, in evaluation order")
	for _, s := range a.Fired {
		require.Equal(t, SeverityCritical, s.Severity, s.Code)
	}
	// Ordering 25 (order gap), payment 20, sentiment 25 (satisfaction,
	// first of two at 25), engagement 25, relationship 40, standing 20.
	require.Equal(t, 155, a.RawPoints)
	require.Equal(t, MaxScore, a.Score)
	require.Equal(t, LevelCritical, a.Level)
	require.Equal(t, LevelByCriticalSignal, a.LevelReason)
	requireFamilyScoring(t, a)
}

func TestEvaluateRecordsModel(t *testing.T) {
	t.Parallel()

	f := healthyFacts()
	a := Evaluate(Config{Version: "tenant-7", Bands: LevelBands{Medium: 10, High: 20, Critical: 30}}, f)
	require.Equal(t, "tenant-7", a.ConfigVersion)
	require.Equal(t, LevelBands{Medium: 10, High: 20, Critical: 30}, a.Bands)
	require.Equal(t, f, a.Facts)
	require.Equal(t, f.AccountID, a.AccountID)
	require.Equal(t, f.Class, a.Class)
	require.Equal(t, f.AsOf, a.AsOf)
}
