package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/summitkam/summit/internal/classes"
	"github.com/summitkam/summit/internal/config"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/metrics"
	"github.com/summitkam/summit/internal/notify"
	"github.com/summitkam/summit/internal/partners"
	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/viewer"
	"github.com/summitkam/summit/workers"
)

// work runs River workers only: a worker node with no HTTP server. Any number
// may run next to `summit serve` nodes; River elects one leader for periodic
// jobs and each job runs once.
func work(ctx context.Context, cfg config.Config, args []string) error {
	fs := flag.NewFlagSet("work", flag.ContinueOnError)
	fs.IntVar(&cfg.ReviewWorkers, "review-workers", cfg.ReviewWorkers, "review jobs run at once (SUMMIT_REVIEW_WORKERS)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, logger, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeQuietly(db)
	if err := ensurePresets(ctx, db, logger); err != nil {
		return err
	}
	ops, err := startOperations(db, cfg, logger)
	if err != nil {
		return err
	}
	defer ops.Close()
	stopWorkers, err := startWorkers(ctx, db, cfg, ops.Metrics, logger)
	if err != nil {
		return err
	}
	logger.Info("Summit worker is running", "review_schedule", cfg.ReviewSchedule, "review_workers", cfg.ReviewWorkers)

	var embeddedDone <-chan struct{}
	if db.Embedded != nil {
		embeddedDone = db.Embedded.Done()
	}
	var runErr error
	select {
	case <-ctx.Done():
		logger.Info("shutting down")
	case <-embeddedDone:
		runErr = errors.New("embedded PostgreSQL exited unexpectedly; see the log above")
	}
	stopWorkers()
	return runErr
}

// workerConfig is the River configuration of cfg.
func workerConfig(cfg config.Config, logger *slog.Logger) workers.Config {
	// All validated with the rest of cfg.
	loc, _ := cfg.Location()
	churnAt, _ := cfg.ChurnScanTime()
	churnModel, _ := cfg.ChurnModel()
	return workers.Config{
		DefaultWorkers:       cfg.JobWorkers,
		ReviewWorkers:        cfg.ReviewWorkers,
		ReviewChunkSize:      cfg.ReviewChunkSize,
		ReviewSchedule:       review.Cadence(cfg.ReviewSchedule),
		PartnerReevaluation:  partners.Cadence(cfg.PartnerReevaluation),
		PartnerProbationDays: cfg.PartnerProbationDays,
		ReviewScopes:         cfg.ReviewScopes,
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueStuckJobsAfter,
		TimeZone:             loc,
		ChurnScanAt:          churnAt,
		ChurnModel:           churnModel,
		ChurnWorkers:         cfg.ChurnWorkers,
		SMTP: notify.SMTPConfig{
			Host: cfg.SMTPHost, Port: cfg.SMTPPort, Username: cfg.SMTPUsername, Password: cfg.SMTPPassword,
			From: cfg.SMTPFrom, TLS: cfg.SMTPTLS,
		},
		PublicURL: cfg.PublicURL,
		Logger:    logger.With("component", "workers"),
	}
}

// startWorkers starts the River client with every worker; the returned
// function stops it gracefully (running jobs get 30 s to finish, then are
// cancelled and retried later: every job is idempotent).
func startWorkers(ctx context.Context, db *database.Database, cfg config.Config, reg *metrics.Registry, logger *slog.Logger) (stop func(), err error) {
	client, err := workers.NewClient(db.Pool, workerConfig(cfg, logger))
	if err != nil {
		return nil, err
	}
	reg.WatchJobs(client)
	// Jobs must outlive the signal that starts the shutdown: Stop drains them.
	if err := client.Start(context.WithoutCancel(ctx)); err != nil {
		return nil, fmt.Errorf("error starting workers: %w", err)
	}
	return func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := workers.Stop(stopCtx, client); err != nil {
			logger.Warn("workers stopped uncleanly", "error", err)
		} else {
			logger.Info("workers stopped")
		}
	}, nil
}

// ensurePresets installs the grading presets missing from the database (the
// first start of a node), so review cycles have models to run.
func ensurePresets(ctx context.Context, db *database.Database, logger *slog.Logger) error {
	n, err := classes.EnsurePresets(viewer.System(ctx, "presets"), db.Client)
	if err != nil {
		return err
	}
	if n > 0 {
		logger.Info("installed grading presets", "models", n)
	}
	// Default class policies, for a production database that is never
	// seeded with demo data.
	if n, err = seed.EnsureClassPolicies(ctx, db.Pool); err != nil {
		return err
	}
	if n > 0 {
		logger.Info("installed default class policies", "classes", n)
	}
	return nil
}
