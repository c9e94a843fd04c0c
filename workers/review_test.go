package workers_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/reviewresult"
	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/txn"
	"github.com/summitkam/summit/workers"
)

// A cycle runs from start to publish: chunks, proposals, S/A approvals,
// publication with class history, audit events and notifications.
func TestReviewCycleRunsToPublished(t *testing.T) {
	t.Parallel()
	b, versionID := setup(t, 2500, grading.PresetComputerMakerScorecard)
	startWorkers(t, b.pool, workers.Config{ReviewChunkSize: 1000})

	cycleID := b.start(t, "2026-Q4 test", versionID)
	waitStatus(t, b.pool, cycleID, review.StatusInReview, 60*time.Second)

	accounts := queryInt(t, b.pool, "SELECT count(*) FROM accounts WHERE NOT archived")
	rs := results(t, b.pool, cycleID)
	require.Len(t, rs, accounts, "one result per account in scope")
	sum, err := review.Summarize(b.ctx, b.client, cycleID)
	require.NoError(t, err)
	require.Equal(t, accounts, sum.Total)
	require.Equal(t, accounts, sum.Done)
	require.Equal(t, 3, sum.Chunks)
	require.Equal(t, 3, sum.ChunksDone)
	require.Equal(t, accounts, sum.NewlyClassified, "the seed has no classes yet")

	// Every move into S or A waits for an executive.
	var pending []int
	for _, r := range rs {
		focus := grading.Class(r.Proposed).IsFocus()
		require.Equal(t, focus, r.Status == review.ResultPendingApproval, "account %d", r.AccountID)
		if focus {
			pending = append(pending, r.AccountID)
		}
	}
	require.NotEmpty(t, pending, "the seed has S/A accounts")

	// Publishing refuses while decisions are open.
	err = b.runner.Run(b.ctx, func(ctx context.Context, tx *txn.Tx) error {
		_, err := review.RequestPublish(ctx, tx.Client, tx, cycleID)
		return err
	})
	require.True(t, refusal.Is(err, refusal.Conflict), "got %v", err)

	// Approve them in calls of at most MaxDecisions, reject one.
	ids := b.client.ReviewResult.Query().
		Where(reviewresult.CycleID(cycleID), reviewresult.StatusEQ(reviewresult.StatusPENDING_APPROVAL)).
		Order(reviewresult.ByAccountID()).IDsX(b.ctx)
	rejected := ids[0]
	require.NoError(t, b.runner.Run(b.ctx, func(ctx context.Context, tx *txn.Tx) error {
		if _, err := review.Reject(ctx, tx.Client, ids[:1], "keep unclassified until the audit"); err != nil {
			return err
		}
		for lo := 1; lo < len(ids); lo += review.MaxDecisions {
			if _, err := review.Approve(ctx, tx.Client, ids[lo:min(lo+review.MaxDecisions, len(ids))], ""); err != nil {
				return err
			}
		}
		_, err := review.RequestPublish(ctx, tx.Client, tx, cycleID)
		return err
	}))
	waitStatus(t, b.pool, cycleID, review.StatusPublished, 60*time.Second)

	// Classes applied, history written with the model version, owners told once.
	require.Equal(t, accounts-1, queryInt(t, b.pool, "SELECT count(*) FROM accounts WHERE current_class IS NOT NULL"))
	require.Equal(t, 0, queryInt(t, b.pool, `
		SELECT count(*) FROM review_results r JOIN accounts a ON a.id = r.account_id
		WHERE r.cycle_id = $1 AND a.current_class IS DISTINCT FROM r.final_class`, cycleID))
	require.Equal(t, accounts-1, queryInt(t, b.pool, `
		SELECT count(*) FROM class_assignments
		WHERE review_cycle_id = $1 AND model_version_id = $2 AND explanation ? 'decision'`, cycleID, versionID))
	require.Equal(t, 1, queryInt(t, b.pool, "SELECT count(*) FROM review_results WHERE id = $1 AND status = 'REJECTED' AND final_class IS NULL", rejected))
	require.Equal(t, accounts-1, queryInt(t, b.pool, "SELECT count(*) FROM audit_events WHERE action = 'class.change'"))
	owned := queryInt(t, b.pool, `
		SELECT count(*) FROM review_results r JOIN accounts a ON a.id = r.account_id
		WHERE r.cycle_id = $1 AND r.status = 'PUBLISHED' AND a.owner_id IS NOT NULL`, cycleID)
	require.Equal(t, owned, queryInt(t, b.pool, "SELECT count(*) FROM notifications WHERE kind = 'class.changed'"))

	// Publishing again (a retried job) changes nothing.
	svc := &review.Service{Pool: b.pool}
	require.NoError(t, svc.Publish(b.ctx, jobargs.ReviewPublish{CycleID: cycleID}))
	require.Equal(t, owned, queryInt(t, b.pool, "SELECT count(*) FROM notifications WHERE kind = 'class.changed'"))
	require.Equal(t, accounts-1, queryInt(t, b.pool, "SELECT count(*) FROM class_assignments"))
}

// A chunk job that runs again (River retries a job whose worker died after
// the chunk committed) writes nothing new.
func TestReviewChunkRerunChangesNothing(t *testing.T) {
	t.Parallel()
	b, versionID := setup(t, 1200, grading.PresetComputerMakerScorecard)
	cycleID := b.start(t, "rerun", versionID)

	svc := &review.Service{Pool: b.pool, ChunkSize: 1000}
	// Plan with the start worker, through rivertest: the chunks are enqueued
	// in the plan's transaction.
	driver := riverpgxv5.New(b.pool)
	planner := rivertest.NewWorker(t, driver, &river.Config{}, &workers.ReviewCycleStartWorker{Reviews: svc})
	tx, err := b.pool.Begin(b.ctx)
	require.NoError(t, err)
	defer tx.Rollback(context.Background()) //nolint:errcheck
	_, err = planner.Work(b.ctx, t, tx, jobargs.ReviewCycleStart{CycleID: cycleID}, nil)
	require.NoError(t, err)
	require.NoError(t, tx.Commit(b.ctx))
	jobs := rivertest.RequireManyInserted(b.ctx, t, driver, []rivertest.ExpectedJob{
		{Args: &jobargs.ReviewChunk{}}, {Args: &jobargs.ReviewChunk{}},
	})
	require.Len(t, jobs, 2)

	first := jobargs.ReviewChunk{CycleID: cycleID, Index: 0}
	require.NoError(t, unmarshalArgs(jobs[0].EncodedArgs, &first))
	require.NoError(t, svc.RunChunk(b.ctx, first))
	before := results(t, b.pool, cycleID)
	require.Equal(t, 1000, len(before))
	require.Equal(t, review.StatusRunning, cycleStatus(t, b.pool, cycleID))

	require.NoError(t, svc.RunChunk(b.ctx, first))
	require.Equal(t, before, results(t, b.pool, cycleID))

	// The second chunk completes the plan and the cycle.
	second := jobargs.ReviewChunk{}
	require.NoError(t, unmarshalArgs(jobs[1].EncodedArgs, &second))
	require.NoError(t, svc.RunChunk(b.ctx, second))
	require.Equal(t, review.StatusInReview, cycleStatus(t, b.pool, cycleID))
	require.Len(t, results(t, b.pool, cycleID), 1200)

	// Planning again neither re-plans nor re-enqueues.
	require.NoError(t, svc.Plan(b.ctx, cycleID, mustInsertOnly(t, b)))
	require.Equal(t, 2, queryInt(t, b.pool, "SELECT count(*) FROM river_job WHERE kind = 'review_chunk'"))
}

// A population-relative model (the pyramid) is graded as one chunk over the
// whole scope, so its shares hold over the scope.
func TestReviewPyramidGradesTheWholeScope(t *testing.T) {
	t.Parallel()
	b, versionID := setup(t, 2200, grading.PresetCustomerPyramid)
	startWorkers(t, b.pool, workers.Config{ReviewChunkSize: 1000})
	cycleID := b.start(t, "pyramid", versionID)
	waitStatus(t, b.pool, cycleID, review.StatusInReview, 60*time.Second)

	sum, err := review.Summarize(b.ctx, b.client, cycleID)
	require.NoError(t, err)
	require.Equal(t, 1, sum.Chunks)
	require.Equal(t, sum.Total, sum.Done)
	// About 1% platinum (S), 19% gold (A), ties aside.
	require.InDelta(t, 0.01*float64(sum.Done), float64(sum.ByClass["S"]), 0.01*float64(sum.Done)+2)
	require.InDelta(t, 0.20*float64(sum.Done), float64(sum.ByClass["S"]+sum.ByClass["A"]), 0.02*float64(sum.Done))
}

// However many nodes run the periodic job, a period gets one cycle.
func TestScheduledReviewCreatesOneCyclePerPeriod(t *testing.T) {
	t.Parallel()
	b, versionID := setup(t, 100, grading.PresetComputerMakerScorecard)
	jobs := mustInsertOnly(t, b)
	now := time.Date(2027, time.January, 1, 0, 0, 5, 0, time.UTC)
	in := review.ScheduleInput{Cadence: review.Quarterly, Scope: review.ScopeAll, Now: now}

	id, created, err := review.ScheduleCycle(b.ctx, b.pool, jobs, in)
	require.NoError(t, err)
	require.True(t, created)
	_, created, err = review.ScheduleCycle(b.ctx, b.pool, jobs, in) // a second node
	require.NoError(t, err)
	require.False(t, created)

	c := b.client.ReviewCycle.GetX(b.ctx, id)
	require.Equal(t, "2027-Q1", c.Name)
	require.Equal(t, versionID, c.ModelVersionID)
	require.Equal(t, "2027-03-31", c.PeriodEnd.Format(time.DateOnly))
	rivertest.RequireInserted(b.ctx, t, riverpgxv5.New(b.pool), &jobargs.ReviewCycleStart{CycleID: id}, nil)

	// Too late into the period to catch up: nothing.
	in.Now = now.AddDate(0, 1, 0)
	in.Cadence = review.Monthly
	_, created, err = review.ScheduleCycle(b.ctx, b.pool, jobs, review.ScheduleInput{Cadence: review.Quarterly, Now: now.AddDate(0, 1, 0)})
	require.NoError(t, err)
	require.False(t, created)

	// The schedule River follows.
	require.Equal(t, time.Date(2027, time.April, 1, 0, 0, 0, 0, time.UTC), review.Quarterly.Next(now))
	require.Equal(t, time.Date(2027, time.February, 1, 0, 0, 0, 0, time.UTC), review.Monthly.Next(now))
}

func TestConfigValidation(t *testing.T) {
	t.Parallel()
	_, err := workers.NewClient(nil, workers.Config{ReviewChunkSize: 10})
	require.ErrorContains(t, err, "chunk size")
	_, err = workers.NewClient(nil, workers.Config{ReviewSchedule: "weekly"})
	require.ErrorContains(t, err, "weekly")
	_, err = workers.NewClient(nil, workers.Config{JobTimeout: time.Hour, RescueStuckJobsAfter: time.Minute})
	require.ErrorContains(t, err, "RescueStuckJobsAfter")
	cfg := workers.Config{}.WithDefaults()
	require.Equal(t, review.Quarterly, cfg.ReviewSchedule)
	require.Equal(t, 35*time.Minute, cfg.RescueStuckJobsAfter)
}

func mustInsertOnly(t *testing.T, b *testBundle) *river.Client[pgx.Tx] {
	t.Helper()
	client, err := river.NewClient(riverpgxv5.New(b.pool), &river.Config{})
	require.NoError(t, err)
	return client
}
