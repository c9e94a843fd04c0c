package churn

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// signalCase is one row of a per-signal table: start from healthyFacts,
// change one thing, expect the signal quiet (no severity, no skip), fired
// at a severity with a value and threshold, or skipped for a reason.
type signalCase struct {
	name          string
	mutate        func(*Facts)
	config        func(*Config)
	wantSeverity  Severity
	wantValue     float64
	wantThreshold float64
	wantSkip      SkipReason
	wantDetail    string // substring of the English detail (fired or skipped), optional
}

func runSignalCases(t *testing.T, code SignalCode, tests []signalCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()

			f := healthyFacts()
			if tt.mutate != nil {
				tt.mutate(&f)
			}
			var cfg Config
			if tt.config != nil {
				tt.config(&cfg)
			}
			a := Evaluate(cfg, f)
			fired, isFired := a.Signal(code)
			skipped, isSkipped := a.Skip(code)

			switch {
			case tt.wantSkip != "":
				require.False(t, isFired, "fired: %+v", fired)
				require.True(t, isSkipped)
				require.Equal(t, tt.wantSkip, skipped.Reason)
				require.NotEmpty(t, skipped.Detail)
				require.NotEmpty(t, skipped.DetailZH)
				if tt.wantDetail != "" {
					require.Contains(t, skipped.Detail, tt.wantDetail)
				}
			case tt.wantSeverity == "":
				require.False(t, isFired, "fired: %+v", fired)
				require.False(t, isSkipped, "skipped: %+v", skipped)
			default:
				require.True(t, isFired, "skipped: %+v", skipped)
				require.Equal(t, tt.wantSeverity, fired.Severity)
				require.InDelta(t, tt.wantValue, fired.Value, 1e-4)
				require.Equal(t, tt.wantThreshold, fired.Threshold)
				require.Equal(t, defaultPoints(code).For(tt.wantSeverity), fired.Points)
				require.NotEmpty(t, fired.Unit)
				require.NotEmpty(t, fired.Detail)
				require.NotEmpty(t, fired.DetailZH)
				if tt.wantDetail != "" {
					require.Contains(t, fired.Detail, tt.wantDetail)
				}
			}
		})
	}
}

func defaultPoints(code SignalCode) Points {
	c := Config{}.WithDefaults()
	return map[SignalCode]Points{
		SignalOrderGap:             c.OrderGap.Points,
		SignalOrderVolumeDrop:      c.OrderVolumeDrop.Points,
		SignalRevenueDropYoY:       c.RevenueDropYoY.Points,
		SignalCollectionsSlowing:   c.CollectionsSlowing.Points,
		SignalOverdueRising:        c.OverdueRising.Points,
		SignalSatisfactionFalling:  c.SatisfactionFalling.Points,
		SignalNewComplaints:        c.NewComplaints.Points,
		SignalContactCadenceMissed: c.ContactCadence.Points,
		SignalKeyContactLeft:       c.KeyContactLeft.Points,
		SignalClassDowngraded:      c.ClassDowngraded.Points,
	}[code]
}

func TestGrade(t *testing.T) {
	t.Parallel()

	tests := []struct {
		value         float64
		wantSeverity  Severity
		wantThreshold float64
	}{
		{0.2999, "", 0},
		{0.3, SeverityWarning, 0.3},
		{1 - 0.7, SeverityWarning, 0.3}, // 0.30000000000000004 and 0.29999999999999993 both count as at
		{0.7 - 0.4, SeverityWarning, 0.3},
		{0.5999, SeverityWarning, 0.3},
		{0.6, SeverityCritical, 0.6},
		{2, SeverityCritical, 0.6},
	}
	for _, tt := range tests {
		sev, threshold, ok := grade(tt.value, 0.3, 0.6)
		require.Equal(t, tt.wantSeverity != "", ok, "value %v", tt.value)
		require.Equal(t, tt.wantSeverity, sev, "value %v", tt.value)
		require.Equal(t, tt.wantThreshold, threshold, "value %v", tt.value)
	}
}

func TestSignalCodesAreStableAndLabelled(t *testing.T) {
	t.Parallel()

	require.Equal(t, []SignalCode{
		"order_gap", "order_volume_drop", "revenue_drop_yoy", "collections_slowing", "overdue_rising",
		"satisfaction_falling", "new_complaints", "contact_cadence_missed", "key_contact_left", "class_downgraded",
	}, SignalCodes())
	for _, code := range SignalCodes() {
		require.NotEqual(t, string(code), code.Label(), code)
		require.NotEqual(t, string(code), code.LabelZH(), code)
	}
	require.Equal(t, "bogus", SignalCode("bogus").Label())
}

func TestDisabledSignalsAreSkipped(t *testing.T) {
	t.Parallel()

	var cfg Config
	cfg.OrderGap.Disabled = true
	cfg.OrderVolumeDrop.Disabled = true
	cfg.RevenueDropYoY.Disabled = true
	cfg.CollectionsSlowing.Disabled = true
	cfg.OverdueRising.Disabled = true
	cfg.SatisfactionFalling.Disabled = true
	cfg.NewComplaints.Disabled = true
	cfg.ContactCadence.Disabled = true
	cfg.KeyContactLeft.Disabled = true
	cfg.ClassDowngraded.Disabled = true

	// Facts on which every signal would fire critical.
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
	require.Len(t, Evaluate(Config{}, f).Fired, len(signalOrder))

	a := Evaluate(cfg, f)
	require.Empty(t, a.Fired)
	require.Len(t, a.Skipped, len(signalOrder))
	for _, s := range a.Skipped {
		require.Equal(t, SkipDisabled, s.Reason, s.Code)
	}
}

func TestEverySignalHasAnEvaluator(t *testing.T) {
	t.Parallel()

	for _, code := range signalOrder {
		require.NotPanics(t, func() { evalSignal(code, new(Config), new(Facts)) }, code)
	}
	require.Panics(t, func() { evalSignal("bogus", new(Config), new(Facts)) })
}

func TestSignalFamilies(t *testing.T) {
	t.Parallel()

	want := map[SignalCode]Family{
		SignalOrderGap:             FamilyOrdering,
		SignalOrderVolumeDrop:      FamilyOrdering,
		SignalRevenueDropYoY:       FamilyOrdering,
		SignalCollectionsSlowing:   FamilyPayment,
		SignalOverdueRising:        FamilyPayment,
		SignalSatisfactionFalling:  FamilySentiment,
		SignalNewComplaints:        FamilySentiment,
		SignalContactCadenceMissed: FamilyEngagement,
		SignalKeyContactLeft:       FamilyRelationship,
		SignalClassDowngraded:      FamilyStanding,
	}
	require.Len(t, want, len(SignalCodes()), "every signal has a family")
	for _, code := range SignalCodes() {
		require.Equal(t, want[code], code.Family(), code)
	}
}
