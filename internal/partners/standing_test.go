package partners

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestProbationTiming(t *testing.T) {
	t.Parallel()
	start := date("2026-11-01")
	until := ProbationUntil(start.Add(15*time.Hour), 90) // the time of day does not matter
	require.Equal(t, date("2027-01-30"), until)
	require.False(t, ProbationEnded(until, date("2027-01-29").Add(23*time.Hour+59*time.Minute)))
	require.True(t, ProbationEnded(until, date("2027-01-30")))
	require.True(t, ProbationEnded(until, date("2027-03-01")))
	require.Equal(t, "probation-end-2027-01-30", ProbationEndKey(until))
}

func TestPlan(t *testing.T) {
	t.Parallel()
	l := testLadder(t)
	gold, silver, tier1 := l.ByID(30), l.ByID(40), l.ByID(20)
	today := date("2026-11-01")
	cases := []struct {
		name string
		p    Partner
		want *Step
	}{
		{"level holds: nothing", Partner{Current: gold, Supported: gold}, nil},
		{"no tier, meets none: nothing", Partner{}, nil},
		{"above: upgrade proposal", Partner{Current: silver, Supported: gold},
			&Step{Kind: KindReevaluation, Proposal: ProposeUpgrade, RunKey: "2026-H2"}},
		{"first tier: upgrade proposal", Partner{Supported: silver},
			&Step{Kind: KindReevaluation, Proposal: ProposeUpgrade, RunKey: "2026-H2"}},
		{"below: probation for the grace period", Partner{Current: gold, Supported: silver},
			&Step{Kind: KindReevaluation, Proposal: ProposeProbation, RunKey: "2026-H2", Applied: true,
				StartProbation: true, ProbationUntil: date("2027-01-30")}},
		{"meets no tier at all: probation", Partner{Current: gold},
			&Step{Kind: KindReevaluation, Proposal: ProposeProbation, RunKey: "2026-H2", Applied: true,
				StartProbation: true, ProbationUntil: date("2027-01-30")}},
		{"on probation, still below, within grace: nothing",
			Partner{Current: gold, Supported: silver, OnProbation: true, ProbationUntil: date("2026-11-02")}, nil},
		{"on probation, recovered within grace: cleared",
			Partner{Current: gold, Supported: gold, OnProbation: true, ProbationUntil: date("2026-12-01")},
			&Step{Kind: KindReevaluation, Proposal: ProposeHold, RunKey: "2026-H2", Applied: true, ClearProbation: true}},
		{"on probation, now above: cleared and proposed up",
			Partner{Current: gold, Supported: tier1, OnProbation: true, ProbationUntil: date("2026-12-01")},
			&Step{Kind: KindReevaluation, Proposal: ProposeUpgrade, RunKey: "2026-H2", ClearProbation: true}},
		{"probation ended today, still below: downgrade proposal",
			Partner{Current: gold, Supported: silver, OnProbation: true, ProbationUntil: today},
			&Step{Kind: KindProbationEnd, Proposal: ProposeDowngrade, RunKey: "probation-end-2026-11-01"}},
		{"probation ended, recovered: cleared",
			Partner{Current: gold, Supported: gold, OnProbation: true, ProbationUntil: date("2026-10-01")},
			&Step{Kind: KindProbationEnd, Proposal: ProposeHold, RunKey: "probation-end-2026-10-01", Applied: true, ClearProbation: true}},
	}
	for _, c := range cases {
		step, ok := Plan(c.p, "2026-H2", today, 90)
		if c.want == nil {
			require.False(t, ok, c.name)
			continue
		}
		require.True(t, ok, c.name)
		step.Reason = ""
		require.Equal(t, *c.want, step, c.name)
	}
}

func TestCadence(t *testing.T) {
	t.Parallel()
	at := date("2026-11-15")
	require.Equal(t, Period{Key: "2026-H2", Start: date("2026-07-01")}, Semiannual.PeriodOf(at))
	require.Equal(t, date("2027-01-01"), Semiannual.Next(at))
	require.Equal(t, date("2026-07-01"), Semiannual.Next(date("2026-03-31")))
	require.Equal(t, Period{Key: "2026-Q4", Start: date("2026-10-01")}, Quarterly.PeriodOf(at))
	require.Equal(t, date("2027-01-01"), Quarterly.Next(at))
	require.Equal(t, Period{Key: "2026", Start: date("2026-01-01")}, Annual.PeriodOf(at))
	require.Equal(t, date("2027-01-01"), Annual.Next(at))
	require.Equal(t, date("2026-11-16"), Daily{}.Next(at.Add(13*time.Hour)))
	_, err := ParseCadence("weekly")
	require.Error(t, err)
}
