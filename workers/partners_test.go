package workers_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/partners"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
	"github.com/summitkam/summit/workers"
)

func seededPool(t *testing.T, accounts int) *pgxpool.Pool {
	t.Helper()
	pool := testdb.New(t).Pool()
	_, err := seed.Run(viewer.System(context.Background(), "test"), pool, seed.Options{Accounts: accounts, Seed: 7})
	require.NoError(t, err)
	return pool
}

// proposalCounts renders the evaluations of a run by tier held and
// proposal, e.g. "GOLD: UPGRADE 3, PROBATION 2".
func proposalCounts(t *testing.T, pool *pgxpool.Pool, runKey string) (string, int) {
	t.Helper()
	rows, err := pool.Query(context.Background(), `
		SELECT coalesce(t.code, '(none)'), e.proposal, count(*)
		FROM tier_evaluations e LEFT JOIN partner_tiers t ON t.id = e.previous_tier_id
		WHERE e.run_key = $1 GROUP BY 1, 2, t.rank ORDER BY t.rank NULLS LAST, 2`, runKey)
	require.NoError(t, err)
	defer rows.Close()
	byTier := map[string][]string{}
	var order []string
	total := 0
	for rows.Next() {
		var tier, proposal string
		var n int
		require.NoError(t, rows.Scan(&tier, &proposal, &n))
		if byTier[tier] == nil {
			order = append(order, tier)
		}
		byTier[tier] = append(byTier[tier], fmt.Sprintf("%s %d", proposal, n))
		total += n
	}
	require.NoError(t, rows.Err())
	var lines []string
	for _, tier := range order {
		sort.Strings(byTier[tier])
		lines = append(lines, tier+": "+strings.Join(byTier[tier], ", "))
	}
	return strings.Join(lines, "; "), total
}

// The scheduled re-evaluation names its run after the period, runs once
// per period however often the job is worked, and only near the period's
// start.
func TestPartnerReevaluationRunsOncePerPeriod(t *testing.T) {
	t.Parallel()
	pool := seededPool(t, 1500)
	ctx := context.Background()
	now := time.Date(2027, time.January, 2, 1, 0, 0, 0, time.UTC)
	w := &workers.PartnerReevaluationWorker{Pool: pool, Cadence: partners.Semiannual, GraceDays: 90,
		CatchUp: 7 * 24 * time.Hour, Now: func() time.Time { return now }}
	tw := rivertest.NewWorker(t, riverpgxv5.New(pool), &river.Config{}, w)
	work := func() {
		tx, err := pool.Begin(ctx)
		require.NoError(t, err)
		defer tx.Rollback(ctx) //nolint:errcheck
		_, err = tw.Work(ctx, t, tx, jobargs.PartnerReevaluation{}, nil)
		require.NoError(t, err)
	}

	require.Positive(t, queryInt(t, pool, `SELECT count(*) FROM partner_profiles d JOIN partner_profiles s ON s.id = d.parent_id
		WHERE s.parent_id IS NOT NULL`), "the seed has distributor → sub-distributor → dealer chains")

	work()
	counts, total := proposalCounts(t, pool, "2027-H1")
	t.Logf("re-evaluation 2027-H1 on the seed (1500 accounts), evaluations by tier held: %s", counts)
	require.Positive(t, total)
	require.Contains(t, counts, "UPGRADE")
	require.Contains(t, counts, "PROBATION")
	onProbation := queryInt(t, pool, "SELECT count(*) FROM partner_profiles WHERE on_probation AND probation_started_on = '2027-01-02'")
	require.Equal(t, queryInt(t, pool, "SELECT count(*) FROM tier_evaluations WHERE run_key = '2027-H1' AND proposal = 'PROBATION'"), onProbation)
	require.Positive(t, queryInt(t, pool, "SELECT count(*) FROM notifications WHERE kind LIKE 'tier.%'"))

	// Worked again (another node, a restart): skipped.
	now = now.Add(20 * time.Hour)
	work()
	_, again := proposalCounts(t, pool, "2027-H1")
	require.Equal(t, total, again)
	require.Equal(t, 1, queryInt(t, pool, "SELECT count(*) FROM audit_events WHERE action = 'partner.reevaluation'"))

	// Late in a period a starting node does not re-evaluate.
	w.Cadence = partners.Quarterly
	now = time.Date(2026, time.November, 20, 0, 0, 0, 0, time.UTC)
	work()
	_, late := proposalCounts(t, pool, "2026-Q4")
	require.Zero(t, late)
}

// The probation sweep proposes downgrades for partners whose probation
// ended still below their tier; the seed has such partners.
func TestPartnerProbationSweep(t *testing.T) {
	t.Parallel()
	pool := seededPool(t, 1500)
	ctx := context.Background()
	// The seed's probations end 30–120 days after its day.
	day := seed.DefaultAsOf.AddDate(0, 0, 121)
	ended := queryInt(t, pool, "SELECT count(*) FROM partner_profiles WHERE on_probation AND probation_until <= $1", day)
	require.Positive(t, ended, "the seed has partners on probation")
	require.Zero(t, queryInt(t, pool, "SELECT count(*) FROM partner_profiles WHERE on_probation AND probation_until > $1", day))
	w := &workers.PartnerProbationSweepWorker{Pool: pool, GraceDays: 90, Now: func() time.Time { return day.Add(time.Hour) }}
	tw := rivertest.NewWorker(t, riverpgxv5.New(pool), &river.Config{}, w)
	for range 2 { // the second sweep of the day changes nothing
		tx, err := pool.Begin(ctx)
		require.NoError(t, err)
		_, err = tw.Work(ctx, t, tx, jobargs.PartnerProbationSweep{}, nil)
		require.NoError(t, err)
		require.NoError(t, tx.Rollback(ctx))
	}
	judged := queryInt(t, pool, "SELECT count(*) FROM tier_evaluations WHERE kind = 'PROBATION_END'")
	require.Equal(t, ended, judged, "one PROBATION_END evaluation per ended probation")
	downgrades := queryInt(t, pool, "SELECT count(*) FROM tier_evaluations WHERE kind = 'PROBATION_END' AND proposal = 'DOWNGRADE' AND status = 'DRAFT'")
	cleared := queryInt(t, pool, "SELECT count(*) FROM tier_evaluations WHERE kind = 'PROBATION_END' AND proposal IN ('HOLD', 'UPGRADE')")
	require.Equal(t, judged, downgrades+cleared)
	require.Positive(t, downgrades)
	require.Equal(t, ended-cleared, queryInt(t, pool, "SELECT count(*) FROM partner_profiles WHERE on_probation"))
	t.Logf("probation sweep on %s: %d probations over, %d downgrade proposals, %d recovered", day.Format(time.DateOnly), ended, downgrades, cleared)
}

// The worker is registered: an on-demand run enqueued for a running client
// completes.
func TestPartnerReevaluationOnDemand(t *testing.T) {
	t.Parallel()
	pool := seededPool(t, 300)
	client := startWorkers(t, pool, workers.Config{PartnerReevaluation: partners.Off})
	_, err := client.Insert(context.Background(), jobargs.PartnerReevaluation{RunKey: "manual-test"}, nil)
	require.NoError(t, err)
	deadline := time.Now().Add(30 * time.Second)
	for {
		done, err := partners.RunDone(context.Background(), pool, "manual-test")
		require.NoError(t, err)
		if done {
			break
		}
		require.True(t, time.Now().Before(deadline), "the on-demand run did not complete")
		time.Sleep(50 * time.Millisecond)
	}
	require.Positive(t, queryInt(t, pool, "SELECT count(*) FROM tier_evaluations WHERE run_key = 'manual-test'"))
}
