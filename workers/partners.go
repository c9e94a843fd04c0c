package workers

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/partners"
	"github.com/summitkam/summit/internal/viewer"
)

// partnersViewer labels what the partner workers do.
const partnersViewer = "worker:partners"

// PartnerReevaluationWorker re-evaluates every partner against the tier
// ladder. A scheduled run (no RunKey) is named after the current period,
// e.g. 2026-H2, and is skipped when it has completed already or when the
// period started more than CatchUp ago (a node starting late in a period
// does not re-evaluate mid-period).
type PartnerReevaluationWorker struct {
	river.WorkerDefaults[jobargs.PartnerReevaluation]
	Pool      *pgxpool.Pool
	Cadence   partners.Cadence
	GraceDays int
	CatchUp   time.Duration
	Logger    *slog.Logger
	// Now is the clock. Defaults to time.Now.
	Now func() time.Time
}

// Work implements river.Worker.
func (w *PartnerReevaluationWorker) Work(ctx context.Context, job *river.Job[jobargs.PartnerReevaluation]) error {
	ctx = viewer.System(ctx, partnersViewer)
	svc := partners.Service{Now: w.Now}
	now := time.Now()
	if w.Now != nil {
		now = w.Now()
	}
	key := job.Args.RunKey
	if key == "" {
		if w.Cadence == partners.Off {
			return nil
		}
		period := w.Cadence.PeriodOf(now)
		if now.Sub(period.Start) > w.CatchUp {
			return nil // too late for this period; the next one will run
		}
		done, err := partners.RunDone(ctx, w.Pool, period.Key)
		if err != nil || done {
			return err
		}
		key = period.Key
	}
	res, err := svc.Reevaluate(ctx, w.Pool, partners.RunInput{RunKey: key, GraceDays: w.GraceDays,
		ActorID: job.Args.ActorID, ActorLabel: job.Args.ActorLabel})
	if err != nil {
		return err
	}
	w.logger().InfoContext(ctx, "partners re-evaluated", "run_key", key, "evaluated", res.Evaluated,
		"written", res.Written(), "probation_started", res.ProbationStarted, "probation_cleared", res.ProbationCleared,
		"notified", res.Notified)
	return nil
}

func (w *PartnerReevaluationWorker) logger() *slog.Logger {
	if w.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return w.Logger
}

// PartnerProbationSweepWorker judges, every day, the partners whose
// probation has ended: a downgrade proposal for those still below their
// tier, off probation for those who recovered.
type PartnerProbationSweepWorker struct {
	river.WorkerDefaults[jobargs.PartnerProbationSweep]
	Pool      *pgxpool.Pool
	GraceDays int
	Logger    *slog.Logger
	// Now is the clock. Defaults to time.Now.
	Now func() time.Time
}

// Work implements river.Worker.
func (w *PartnerProbationSweepWorker) Work(ctx context.Context, _ *river.Job[jobargs.PartnerProbationSweep]) error {
	ctx = viewer.System(ctx, partnersViewer)
	svc := partners.Service{Now: w.Now}
	now := time.Now()
	if w.Now != nil {
		now = w.Now()
	}
	key := "probation-sweep-" + partners.Day(now).Format(time.DateOnly)
	res, err := svc.Reevaluate(ctx, w.Pool, partners.RunInput{RunKey: key, GraceDays: w.GraceDays, ProbationOnly: true})
	if err != nil {
		return err
	}
	if res.Written() > 0 && w.Logger != nil {
		w.Logger.InfoContext(ctx, "partner probations judged", "ended", res.Evaluated, "written", res.Written(),
			"cleared", res.ProbationCleared, "notified", res.Notified)
	}
	return nil
}

// partnerPeriodicJobs are the scheduled re-evaluation (unless off) and the
// daily probation sweep. Both run on start too: the re-evaluation catches up
// a period whose start no leader saw (and otherwise does nothing), the
// sweep judges probations that ended while no node ran.
func partnerPeriodicJobs(cfg Config) []*river.PeriodicJob {
	jobs := []*river.PeriodicJob{river.NewPeriodicJob(partners.Daily{},
		func() (river.JobArgs, *river.InsertOpts) {
			return jobargs.PartnerProbationSweep{}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: time.Hour}}
		},
		&river.PeriodicJobOpts{ID: "partner_probation_sweep", RunOnStart: true})}
	if cfg.PartnerReevaluation != partners.Off {
		jobs = append(jobs, river.NewPeriodicJob(cfg.PartnerReevaluation,
			func() (river.JobArgs, *river.InsertOpts) {
				// One insert per day even if leadership changes hands; the
				// run key does the rest.
				return jobargs.PartnerReevaluation{}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: 24 * time.Hour}}
			},
			&river.PeriodicJobOpts{ID: "partner_reevaluation", RunOnStart: true}))
	}
	return jobs
}
