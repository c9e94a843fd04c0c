package workers

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/summitkam/summit/internal/churnscan"
	"github.com/summitkam/summit/internal/imports"
	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/notify"
	"github.com/summitkam/summit/internal/review"
)

// NewClient returns a River client over pool with every worker and periodic
// job registered; Start it to work jobs, or use it only to insert.
func NewClient(pool *pgxpool.Pool, cfg Config) (*river.Client[pgx.Tx], error) {
	cfg = cfg.WithDefaults()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("invalid worker config: %w", err)
	}
	reviews := &review.Service{
		Pool:       pool,
		ChunkSize:  cfg.ReviewChunkSize,
		ChunkPause: cfg.ReviewChunkPause,
		Logger:     cfg.Logger.With("component", "review"),
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &ReviewCycleStartWorker{Reviews: reviews})
	river.AddWorker(workers, &ReviewChunkWorker{Reviews: reviews})
	river.AddWorker(workers, &ReviewPublishWorker{Reviews: reviews})
	river.AddWorker(workers, &ScheduledReviewWorker{Pool: pool, Cadence: cfg.ReviewSchedule, CatchUp: cfg.ReviewCatchUp, Logger: cfg.Logger})
	river.AddWorker(workers, &RemindersWorker{Pool: pool, Location: cfg.TimeZone, Logger: cfg.Logger.With("component", "reminders")})
	// Registered even without SMTP, so a drain queued by a node that has it
	// fails visibly here (and is retried) rather than as an unknown kind.
	river.AddWorker(workers, &OutboxWorker{Sender: &notify.Sender{
		Pool: pool, SMTP: cfg.SMTP, Link: cfg.PublicURL, Logger: cfg.Logger.With("component", "outbox"),
	}})
	river.AddWorker(workers, &PartnerReevaluationWorker{Pool: pool, Cadence: cfg.PartnerReevaluation,
		GraceDays: cfg.PartnerProbationDays, CatchUp: cfg.ReviewCatchUp, Logger: cfg.Logger.With("component", "partners")})
	river.AddWorker(workers, &PartnerProbationSweepWorker{Pool: pool, GraceDays: cfg.PartnerProbationDays,
		Logger: cfg.Logger.With("component", "partners")})

	scans, err := churnscan.New(pool, churnscan.Config{
		Model: cfg.ChurnModel, ChunkSize: cfg.ChurnChunkSize, ChunkPause: cfg.ChurnChunkPause, Logger: cfg.Logger.With("component", "churn"),
	})
	if err != nil {
		return nil, fmt.Errorf("invalid churn scan config: %w", err)
	}
	river.AddWorker(workers, &ChurnScanWorker{Scans: scans})
	river.AddWorker(workers, &ChurnScanChunkWorker{Scans: scans, Logger: cfg.Logger.With("component", "churn")})
	river.AddWorker(workers, &ScheduledChurnScanWorker{})
	river.AddWorker(workers, &ChurnEscalateWorker{Scans: scans})

	river.AddWorker(workers, &DataImportWorker{Imports: imports.Service{
		Pool: pool, Location: cfg.TimeZone, BatchSize: cfg.ImportBatchSize, BatchPause: cfg.ImportBatchPause,
		Logger: cfg.Logger.With("component", "imports"),
	}.WithDefaults()})

	var periodic []*river.PeriodicJob
	periodic = append(periodic, churnPeriodicJobs(cfg)...)
	periodic = append(periodic, partnerPeriodicJobs(cfg)...)
	if cfg.ReviewSchedule != review.Off {
		for _, scope := range cfg.ReviewScopes {
			periodic = append(periodic, river.NewPeriodicJob(cfg.ReviewSchedule,
				func() (river.JobArgs, *river.InsertOpts) {
					// One insert per scope and day even if leadership changes
					// hands; the cycle's unique name does the rest.
					return jobargs.ScheduledReview{Scope: scope}, &river.InsertOpts{
						UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: 24 * time.Hour},
					}
				},
				// RunOnStart catches up a period whose start no leader saw
				// (within ReviewCatchUp); otherwise it creates nothing.
				&river.PeriodicJobOpts{ID: "review_scheduled_" + scope, RunOnStart: true},
			))
		}
	}
	if cfg.RemindersAt >= 0 {
		periodic = append(periodic, river.NewPeriodicJob(dailyAt{at: cfg.RemindersAt, loc: cfg.TimeZone},
			func() (river.JobArgs, *river.InsertOpts) { return jobargs.Reminders{}, nil },
			&river.PeriodicJobOpts{ID: "reminders", RunOnStart: true}))
	}
	if cfg.SMTP.Enabled() {
		periodic = append(periodic, river.NewPeriodicJob(river.PeriodicInterval(cfg.OutboxInterval),
			func() (river.JobArgs, *river.InsertOpts) { return jobargs.OutboxDrain{}, nil },
			&river.PeriodicJobOpts{ID: "notification_outbox", RunOnStart: true}))
	}
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues: map[string]river.QueueConfig{
			jobargs.QueueDefault: {MaxWorkers: cfg.DefaultWorkers},
			// Chunks finish every few hundred milliseconds: fetch the next
			// ones promptly rather than after River's default 100 ms.
			jobargs.QueueReview: {MaxWorkers: cfg.ReviewWorkers, FetchCooldown: 10 * time.Millisecond},
			jobargs.QueueChurn:  {MaxWorkers: cfg.ChurnWorkers, FetchCooldown: 10 * time.Millisecond},
			imports.Queue:       {MaxWorkers: cfg.ImportWorkers},
		},
		Workers:              workers,
		PeriodicJobs:         periodic,
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueStuckJobsAfter,
		Logger:               cfg.Logger.With("component", "river"),
	})
	if err != nil {
		return nil, fmt.Errorf("error creating River client: %w", err)
	}
	return client, nil
}

// Stop stops client gracefully: running jobs get until ctx's deadline to
// finish, then their contexts are cancelled (an interrupted job is retried
// later; every job is idempotent).
func Stop(ctx context.Context, client *river.Client[pgx.Tx]) error {
	err := client.Stop(ctx)
	if err == nil {
		return nil
	}
	hardCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if herr := client.StopAndCancel(hardCtx); herr != nil {
		return fmt.Errorf("error stopping River: %w (then: %w)", err, herr)
	}
	return nil
}
