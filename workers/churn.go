package workers

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/summitkam/summit/internal/churnscan"
	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/viewer"
)

// churnViewer labels what churn workers do in the audit trail.
const churnViewer = "worker:churn"

// ChurnScanWorker plans a churn scan: one chunk job per id range.
type ChurnScanWorker struct {
	river.WorkerDefaults[jobargs.ChurnScan]
	Scans *churnscan.Service
}

// Work implements river.Worker.
func (w *ChurnScanWorker) Work(ctx context.Context, job *river.Job[jobargs.ChurnScan]) error {
	_, err := w.Scans.Plan(viewer.System(ctx, churnViewer), river.ClientFromContext[pgx.Tx](ctx), job.Args.AsOf)
	return err
}

// ChurnScanChunkWorker assesses one chunk of a churn scan.
type ChurnScanChunkWorker struct {
	river.WorkerDefaults[jobargs.ChurnScanChunk]
	Scans  *churnscan.Service
	Logger *slog.Logger
}

// Work implements river.Worker.
func (w *ChurnScanChunkWorker) Work(ctx context.Context, job *river.Job[jobargs.ChurnScanChunk]) error {
	a := job.Args
	res, err := w.Scans.RunChunk(viewer.System(ctx, churnViewer), a.AsOf, a.FromID, a.ToID)
	if err != nil {
		return err
	}
	w.Logger.DebugContext(ctx, "churn scan chunk done", "as_of", a.AsOf, "index", a.Index,
		"assessed", res.Assessed, "opened", res.Opened, "updated", res.Updated, "resolved", res.Resolved, "declined", res.Declined)
	return nil
}

// ScheduledChurnScanWorker requests the day's churn scan.
type ScheduledChurnScanWorker struct {
	river.WorkerDefaults[jobargs.ScheduledChurnScan]
	// Now is the clock. Defaults to time.Now.
	Now func() time.Time
}

// Work implements river.Worker.
func (w *ScheduledChurnScanWorker) Work(ctx context.Context, job *river.Job[jobargs.ScheduledChurnScan]) error {
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	// The as-of is the moment the day's scan is requested; the scheduled
	// job itself is unique per day, so every node asks for the same one.
	_, err := river.ClientFromContext[pgx.Tx](ctx).Insert(ctx,
		jobargs.ChurnScan{AsOf: now().UTC().Truncate(time.Second), Reason: "daily " + job.Args.Day}, nil)
	return err
}

// ChurnEscalateWorker escalates overdue strategic alerts.
type ChurnEscalateWorker struct {
	river.WorkerDefaults[jobargs.ChurnEscalate]
	Scans *churnscan.Service
	// Now is the clock. Defaults to time.Now.
	Now func() time.Time
}

// Work implements river.Worker.
func (w *ChurnEscalateWorker) Work(ctx context.Context, _ *river.Job[jobargs.ChurnEscalate]) error {
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	_, err := w.Scans.Escalate(viewer.System(ctx, churnViewer), now())
	return err
}

// churnPeriodicJobs are the daily scan (unique per business day, so one
// scan a day however many nodes run) and the escalation sweep.
func churnPeriodicJobs(cfg Config) []*river.PeriodicJob {
	jobs := []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(cfg.ChurnEscalateEvery),
			func() (river.JobArgs, *river.InsertOpts) { return jobargs.ChurnEscalate{}, nil },
			&river.PeriodicJobOpts{ID: "churn_escalate", RunOnStart: true}),
	}
	if cfg.ChurnScanAt >= 0 {
		loc := cfg.TimeZone
		jobs = append(jobs, river.NewPeriodicJob(dailyAt{at: cfg.ChurnScanAt, loc: loc},
			func() (river.JobArgs, *river.InsertOpts) {
				return jobargs.ScheduledChurnScan{Day: time.Now().In(loc).Format(time.DateOnly)}, nil
			},
			// RunOnStart: a node starting after the scan hour catches the
			// day's scan up; the day in the args keeps it to one per day.
			&river.PeriodicJobOpts{ID: "churn_scan_daily", RunOnStart: true}))
	}
	return jobs
}
