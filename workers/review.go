package workers

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/viewer"
)

// workerViewer labels what review workers do in the audit trail.
const workerViewer = "worker:review"

// ReviewCycleStartWorker plans a review cycle and fans out its chunks.
type ReviewCycleStartWorker struct {
	river.WorkerDefaults[jobargs.ReviewCycleStart]
	Reviews *review.Service
}

// Work implements river.Worker.
func (w *ReviewCycleStartWorker) Work(ctx context.Context, job *river.Job[jobargs.ReviewCycleStart]) error {
	ctx = viewer.System(ctx, workerViewer)
	return w.Reviews.Plan(ctx, job.Args.CycleID, river.ClientFromContext[pgx.Tx](ctx))
}

// ReviewChunkWorker grades one chunk of a review cycle.
type ReviewChunkWorker struct {
	river.WorkerDefaults[jobargs.ReviewChunk]
	Reviews *review.Service
}

// Work implements river.Worker.
func (w *ReviewChunkWorker) Work(ctx context.Context, job *river.Job[jobargs.ReviewChunk]) error {
	return w.Reviews.RunChunk(viewer.System(ctx, workerViewer), job.Args)
}

// ReviewPublishWorker applies a published cycle's classes.
type ReviewPublishWorker struct {
	river.WorkerDefaults[jobargs.ReviewPublish]
	Reviews *review.Service
}

// Work implements river.Worker.
func (w *ReviewPublishWorker) Work(ctx context.Context, job *river.Job[jobargs.ReviewPublish]) error {
	return w.Reviews.Publish(viewer.System(ctx, workerViewer), job.Args)
}

// ScheduledReviewWorker creates the review cycle of the current period.
type ScheduledReviewWorker struct {
	river.WorkerDefaults[jobargs.ScheduledReview]
	Pool    *pgxpool.Pool
	Cadence review.Cadence
	CatchUp time.Duration
	Logger  *slog.Logger
	// Now is the clock. Defaults to time.Now.
	Now func() time.Time
}

// Work implements river.Worker.
func (w *ScheduledReviewWorker) Work(ctx context.Context, job *river.Job[jobargs.ScheduledReview]) error {
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	id, created, err := review.ScheduleCycle(ctx, w.Pool, river.ClientFromContext[pgx.Tx](ctx), review.ScheduleInput{
		Cadence: w.Cadence, Scope: job.Args.Scope, Now: now(), CatchUp: w.CatchUp,
	})
	if errors.Is(err, review.ErrNoPublishedModel) {
		// Nothing to grade with until an admin publishes a model; retrying
		// would not change that.
		w.Logger.WarnContext(ctx, "scheduled review skipped", "scope", job.Args.Scope, "reason", err.Error())
		return nil
	}
	if err != nil {
		return err
	}
	if created {
		w.Logger.InfoContext(ctx, "scheduled review cycle created", "cycle_id", id, "scope", job.Args.Scope)
	}
	return nil
}
