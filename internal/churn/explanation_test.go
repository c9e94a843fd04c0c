package churn

import (
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// goldenFacts is a strategic account drifting away: late on its rhythm,
// revenue down on last year, a decision maker gone, a fresh major
// complaint, and two signals it lacks the data for.
func goldenFacts() Facts {
	return Facts{
		AccountID:          "8f14e45f-ceea-467f-a8f2-5b7a0c1d2e3f",
		Class:              ClassS,
		AsOf:               time.Date(2026, 6, 30, 2, 0, 0, 0, time.UTC),
		CreatedAt:          time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC),
		LastOrderAt:        time.Date(2026, 5, 12, 0, 0, 0, 0, time.UTC),
		OrderIntervalDays:  21,
		IntervalOrderCount: 34,
		RevenueCurrent:     182_000_00,
		OrdersCurrent:      3,
		RevenueTrailingAvg: 236_500_00,
		OrdersTrailingAvg:  4.5,
		TrailingPeriods:    4,
		RevenueLastYear:    301_250_00,
		OrdersLastYear:     5,
		AvgDaysLateRecent:  6.5,
		PaymentsRecent:     3,
		OverdueNow:         42_000_00,
		Overdue90DaysAgo:   40_000_00,
		Complaints30Days:   ComplaintCounts{Major: 1},
		Complaints90Days:   ComplaintCounts{Major: 1, Minor: 1},
		LastTouchpointAt:   time.Date(2026, 6, 10, 15, 0, 0, 0, time.UTC),
		ContactCadenceDays: 30,
		KeyContactsLeft:    1,
	}
}

func TestExplanationGolden(t *testing.T) {
	t.Parallel()

	f := goldenFacts()
	require.NoError(t, f.Validate())
	a := Evaluate(Config{}, f)
	// What the golden file must show, stated here so a careless -update
	// cannot hide a change: the year-on-year drop is listed but does not
	// count, because the order gap already speaks for the ordering family
	// (15 + complaints 10 + key contact 25 = 50, medium).
	yoy, ok := a.Signal(SignalRevenueDropYoY)
	require.True(t, ok)
	require.False(t, yoy.Counted)
	require.Equal(t, 50, a.Score)
	require.Equal(t, LevelMedium, a.Level)
	got, err := json.MarshalIndent(a.Explanation(), "", "  ")
	require.NoError(t, err)
	got = append(got, '\n')

	path := filepath.Join("testdata", "explanation_strategic_drifting.golden")
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./internal/churn/ -run TestExplanationGolden -update to create it")
	require.Equal(t, string(want), string(got))
}

func TestExplanationJSON(t *testing.T) {
	t.Parallel()

	t.Run("EmptyListsAreArrays", func(t *testing.T) {
		t.Parallel()
		b, err := json.Marshal(Evaluate(Config{}, healthyFacts()).Explanation())
		require.NoError(t, err)
		var m map[string]any
		require.NoError(t, json.Unmarshal(b, &m))
		require.Equal(t, []any{}, m["fired"])
		require.Equal(t, []any{}, m["skipped"])
		require.Equal(t, "Low churn risk (score 0): no signal fired", m["summary"])
	})

	t.Run("NonFiniteInputsStillMarshal", func(t *testing.T) {
		t.Parallel()
		f := healthyFacts()
		f.OrderIntervalDays = math.NaN()
		f.AvgDaysLateRecent = math.Inf(1)
		f.OrdersTrailingAvg = math.NaN()
		f.SatisfactionLatest = ptr(math.Inf(-1))
		a := Evaluate(Config{}, f)
		b, err := json.Marshal(a.Explanation())
		require.NoError(t, err)

		var back Explanation
		require.NoError(t, json.Unmarshal(b, &back))
		require.Zero(t, back.Inputs.OrderIntervalDays)
		require.Nil(t, back.Inputs.SatisfactionLatest)
		require.True(t, math.IsNaN(a.Facts.OrderIntervalDays), "the assessment keeps the raw facts")
		for _, code := range []SignalCode{SignalOrderGap, SignalCollectionsSlowing, SignalSatisfactionFalling} {
			s, ok := a.Skip(code)
			require.True(t, ok, code)
			require.Equal(t, SkipInvalidInput, s.Reason, code)
		}
	})

	t.Run("RoundTrips", func(t *testing.T) {
		t.Parallel()
		e := Evaluate(Config{}, goldenFacts()).Explanation()
		b, err := json.Marshal(e)
		require.NoError(t, err)
		var back Explanation
		require.NoError(t, json.Unmarshal(b, &back))
		require.Equal(t, e, back)
	})

	t.Run("DoesNotAliasAssessment", func(t *testing.T) {
		t.Parallel()
		a := Evaluate(Config{}, goldenFacts())
		e := a.Explanation()
		e.Fired[0].Points = 99
		require.NotEqual(t, 99, a.Fired[0].Points)
	})
}
