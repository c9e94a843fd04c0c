package planning

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestElapsedShare(t *testing.T) {
	t.Parallel()
	start, end := day("2026-01-01"), day("2026-12-31")
	for _, tc := range []struct {
		today string
		want  float64
	}{
		{"2025-12-31", 0},
		{"2026-01-01", 1.0 / 365},
		{"2026-07-02", 183.0 / 365},
		{"2026-12-30", 364.0 / 365},
		{"2026-12-31", 1},
		{"2027-06-01", 1},
	} {
		require.InDelta(t, tc.want, ElapsedShare(start, end, day(tc.today)), 1e-9, tc.today)
	}
	// The time of day does not matter.
	require.Equal(t, ElapsedShare(start, end, day("2026-07-02")), ElapsedShare(start, end, day("2026-07-02").Add(23*time.Hour)))
}

func TestEvaluate(t *testing.T) {
	t.Parallel()
	start, end := day("2026-01-01"), day("2026-12-31")
	mid := day("2026-07-02") // 183 of 365 days gone

	p := Evaluate(600_000, 1_000_000, start, end, mid)
	require.True(t, p.OnTrack)
	require.Equal(t, int64(501_370), p.Expected) // ceil(1,000,000 × 183/365)
	require.InDelta(t, 60.0, *p.PercentDone, 1e-9)

	p = Evaluate(500_000, 1_000_000, start, end, mid)
	require.False(t, p.OnTrack, "behind pace")

	p = Evaluate(0, 1_000_000, start, end, day("2025-12-01"))
	require.True(t, p.OnTrack, "nothing is expected before the period starts")
	require.Zero(t, p.Expected)

	p = Evaluate(999_999, 1_000_000, start, end, day("2027-01-15"))
	require.False(t, p.OnTrack, "after the period the whole target is expected")
	require.InDelta(t, 100.0, *p.PercentDone, 0.001)

	p = Evaluate(5, 0, start, end, mid)
	require.True(t, p.OnTrack)
	require.Nil(t, p.PercentDone, "no percentage of a zero target")
}

func TestCountsOnTrack(t *testing.T) {
	t.Parallel()
	behind := Progress{OnTrack: false}
	ahead := Progress{OnTrack: true}
	for _, tc := range []struct {
		status        string
		p             Progress
		counts, track bool
	}{
		{ObjectiveOpen, ahead, true, true},
		{ObjectiveOpen, behind, true, false},
		{ObjectiveAchieved, behind, true, true},
		{ObjectiveMissed, ahead, true, false},
		{ObjectiveDropped, ahead, false, false},
	} {
		counts, track := CountsOnTrack(tc.status, tc.p)
		require.Equal(t, tc.counts, counts, tc.status)
		require.Equal(t, tc.track, track, tc.status)
	}
}

func TestPickHealthPlan(t *testing.T) {
	t.Parallel()
	require.Equal(t, -1, PickHealthPlan(nil))
	plans := []PlanRef{
		{ID: 1, Status: Closed, PeriodStart: day("2025-01-01")},
		{ID: 2, Status: Active, PeriodStart: day("2026-01-01")},
		{ID: 3, Status: Draft, PeriodStart: day("2027-01-01")},
	}
	require.Equal(t, 1, PickHealthPlan(plans), "the active plan wins over a later draft")
	plans[1].Status = Closed
	require.Equal(t, 2, PickHealthPlan(plans), "without an active plan, the latest")
	plans = append(plans, PlanRef{ID: 4, Status: Draft, PeriodStart: day("2027-01-01")})
	require.Equal(t, 3, PickHealthPlan(plans), "same start: the newest")
}

func TestCheckCadence(t *testing.T) {
	t.Parallel()
	today := day("2026-11-01")
	last := day("2026-09-01").Add(15 * time.Hour)

	c := CheckCadence(&last, 30, today)
	require.Equal(t, 61, *c.DaysSinceLast)
	require.True(t, c.Overdue)

	c = CheckCadence(&last, 90, today)
	require.False(t, c.Overdue)

	c = CheckCadence(nil, 30, today)
	require.Nil(t, c.DaysSinceLast)
	require.True(t, c.Overdue, "never contacted is overdue")

	c = CheckCadence(nil, 0, today)
	require.False(t, c.Overdue, "no class, no cadence")

	exact := day("2026-10-02")
	require.False(t, CheckCadence(&exact, 30, today).Overdue, "30 days after, still within a 30-day cadence")
}

func TestMissingRoles(t *testing.T) {
	t.Parallel()
	required := []string{"EXECUTIVE_SPONSOR", "ACCOUNT_MANAGER", "SERVICE_MANAGER"}
	require.Equal(t, []string{"EXECUTIVE_SPONSOR", "SERVICE_MANAGER"}, MissingRoles(required, []string{"ACCOUNT_MANAGER", "SALES"}))
	require.Equal(t, []string{}, MissingRoles(required, required))
	require.Equal(t, []string{}, MissingRoles(nil, []string{"SALES"}))
}
