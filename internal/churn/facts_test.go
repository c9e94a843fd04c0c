package churn

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var testAsOf = time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC)

func daysAgo(n int) time.Time { return testAsOf.Add(-time.Duration(n) * 24 * time.Hour) }

func ptr[T any](v T) *T { return &v }

// healthyFacts is a class-B account on which no signal fires and none is
// skipped; tests change one thing at a time.
func healthyFacts() Facts {
	return Facts{
		AccountID:               "acc-1",
		Class:                   ClassB,
		AsOf:                    testAsOf,
		CreatedAt:               time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		LastOrderAt:             daysAgo(10),
		OrderIntervalDays:       30,
		IntervalOrderCount:      24,
		RevenueCurrent:          1_000_000,
		OrdersCurrent:           3,
		RevenueTrailingAvg:      1_000_000,
		OrdersTrailingAvg:       3,
		TrailingPeriods:         4,
		RevenueLastYear:         1_000_000,
		OrdersLastYear:          3,
		AvgDaysLateRecent:       2,
		PaymentsRecent:          3,
		AvgDaysLatePrevious:     2,
		PaymentsPrevious:        6,
		SatisfactionLatest:      ptr(80.0),
		SatisfactionPreviousAvg: ptr(80.0),
		LastTouchpointAt:        daysAgo(5),
	}
}

func TestHealthyFactsAreQuiet(t *testing.T) {
	t.Parallel()

	f := healthyFacts()
	require.NoError(t, f.Validate())
	a := Evaluate(Config{}, f)
	require.Empty(t, a.Fired)
	require.Empty(t, a.Skipped)
	require.Equal(t, 0, a.Score)
	require.Equal(t, LevelLow, a.Level)
}

func TestFactsValidate(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name    string
		mutate  func(*Facts)
		wantErr []string
	}{
		{"Valid", func(*Facts) {}, nil},
		{"MissingAccountAndAsOf", func(f *Facts) { f.AccountID = ""; f.AsOf = time.Time{} },
			[]string{"AccountID must be set", "AsOf must be set"}},
		{"UnknownClass", func(f *Facts) { f.Class = "D" }, []string{`Class "D"`}},
		{"FutureOrder", func(f *Facts) { f.LastOrderAt = testAsOf.Add(time.Hour) }, []string{"LastOrderAt"}},
		{"NegativeMoney", func(f *Facts) { f.OverdueNow = -1 }, []string{"OverdueNow must not be negative"}},
		{"NaNInterval", func(f *Facts) { f.OrderIntervalDays = math.NaN() }, []string{"OrderIntervalDays"}},
		{"InfSatisfaction", func(f *Facts) { f.SatisfactionLatest = ptr(math.Inf(1)) }, []string{"SatisfactionLatest"}},
		{"ComplaintWindows", func(f *Facts) { f.Complaints30Days.Major = 1 }, []string{"Complaints90Days"}},
		{"UpgradeAsDowngrade", func(f *Facts) { f.Downgrade = ClassChange{From: ClassB, To: ClassA, At: daysAgo(3)} },
			[]string{"not a downgrade"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := healthyFacts()
			tt.mutate(&f)
			err := f.Validate()
			if tt.wantErr == nil {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, want := range tt.wantErr {
				require.Contains(t, err.Error(), want)
			}
		})
	}
}

func TestDaysSince(t *testing.T) {
	t.Parallel()

	require.Equal(t, 0, daysSince(testAsOf.Add(time.Hour), testAsOf), "future clamps to zero")
	require.Equal(t, 0, daysSince(testAsOf.Add(-23*time.Hour), testAsOf))
	require.Equal(t, 1, daysSince(testAsOf.Add(-24*time.Hour), testAsOf))
	require.Equal(t, 90, daysSince(daysAgo(90), testAsOf))
}
