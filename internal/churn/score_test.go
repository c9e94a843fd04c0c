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
		{49, LevelMedium},
		{50, LevelHigh},
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

func TestEvaluateScoreAndLevel(t *testing.T) {
	t.Parallel()

	// Warning points by default: order gap 20, key contact 15, cadence 10,
	// complaints 10, downgrade 10 …
	orderGap := func(f *Facts) { f.LastOrderAt = daysAgo(60) }                             // warning, 20
	keyContact := func(f *Facts) { f.KeyContactsLeft = 1 }                                 // warning, 15
	cadence := func(f *Facts) { f.LastTouchpointAt = daysAgo(200) }                        // warning, 10
	twoContacts := func(f *Facts) { f.KeyContactsLeft = 2 }                                // critical, 30
	downgrade := func(f *Facts) { f.Downgrade = ClassChange{From: ClassA, To: ClassB} }    // warning, 10
	volume := func(f *Facts) { f.RevenueCurrent = 600_000; f.RevenueLastYear = 2_000_000 } // 15 + yoy critical

	tests := []struct {
		name       string
		mutate     []func(*Facts)
		config     func(*Config)
		wantScore  int
		wantRaw    int
		wantLevel  Level
		wantReason LevelReason
	}{
		{"Nothing", nil, nil, 0, 0, LevelLow, LevelByScore},
		{"OneWarningIsLow", []func(*Facts){orderGap}, nil, 20, 20, LevelLow, LevelByScore},
		{"AtMediumBand", []func(*Facts){keyContact, cadence}, nil, 25, 25, LevelMedium, LevelByScore},
		{"JustBelowHighBand", []func(*Facts){orderGap, keyContact, cadence}, nil, 45, 45, LevelMedium, LevelByScore},
		{"AtHighBand", []func(*Facts){orderGap, keyContact, cadence}, func(c *Config) { c.Bands.High = 45 }, 45, 45, LevelHigh, LevelByScore},
		{"HighBand", []func(*Facts){orderGap, keyContact, cadence, downgrade}, nil, 55, 55, LevelHigh, LevelByScore},
		{"CriticalOverridesLowScore", []func(*Facts){twoContacts}, nil, 30, 30, LevelCritical, LevelByCriticalSignal},
		{"CriticalSignalWithOthers", []func(*Facts){orderGap, volume}, nil, 65, 65, LevelCritical, LevelByCriticalSignal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := healthyFacts()
			for _, m := range tt.mutate {
				m(&f)
			}
			var cfg Config
			if tt.config != nil {
				tt.config(&cfg)
			}
			a := Evaluate(cfg, f)
			require.Equal(t, tt.wantScore, a.Score, "fired: %v", a.SignalCodes())
			require.Equal(t, tt.wantRaw, a.RawPoints)
			require.Equal(t, tt.wantLevel, a.Level)
			require.Equal(t, tt.wantReason, a.LevelReason)
			sum := 0
			for _, s := range a.Fired {
				sum += s.Points
			}
			require.Equal(t, a.RawPoints, sum)
		})
	}
}

// TestEvaluateCapsScore fires every signal at warning severity: 125 raw
// points, capped at 100, critical by band without any critical signal.
func TestEvaluateCapsScore(t *testing.T) {
	t.Parallel()

	f := healthyFacts()
	f.LastOrderAt = daysAgo(60)
	f.RevenueCurrent = 700_000
	f.AvgDaysLateRecent = 12
	f.Overdue90DaysAgo, f.OverdueNow = 1000, 1250
	f.SatisfactionLatest = ptr(70.0)
	f.Complaints90Days = ComplaintCounts{Major: 1}
	f.LastTouchpointAt = daysAgo(180)
	f.KeyContactsLeft = 1
	f.Downgrade = ClassChange{From: ClassA, To: ClassB, At: daysAgo(30)}

	a := Evaluate(Config{}, f)
	require.Equal(t, SignalCodes(), a.SignalCodes(), "all fire, in evaluation order")
	for _, s := range a.Fired {
		require.Equal(t, SeverityWarning, s.Severity, s.Code)
	}
	require.Equal(t, 125, a.RawPoints)
	require.Equal(t, MaxScore, a.Score)
	require.Equal(t, LevelCritical, a.Level)
	require.Equal(t, LevelByScore, a.LevelReason)
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
