package workers

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/summitkam/summit/internal/review"
)

// Config configures the River client of a process.
type Config struct {
	// DefaultWorkers is how many jobs of the default queue (scheduling,
	// notifications) run at once in this process.
	//
	// Defaults to 10.
	DefaultWorkers int

	// ReviewWorkers is how many review jobs (chunks, publishing) run at once
	// in this process. Each chunk holds a few thousand accounts' metrics and
	// results in memory and keeps a database connection busy.
	//
	// Defaults to 2.
	ReviewWorkers int

	// ReviewChunkSize is the most accounts one review chunk job grades; at
	// least 1,000.
	//
	// Defaults to 5,000.
	ReviewChunkSize int

	// ReviewChunkPause is slept after each review chunk commits, to spread
	// a large review's load on the database over time.
	//
	// Defaults to 0.
	ReviewChunkPause time.Duration

	// ReviewSchedule is when scheduled reviews run: quarterly (the first day
	// of each quarter, 00:00 UTC), monthly, or off.
	//
	// Defaults to quarterly.
	ReviewSchedule review.Cadence

	// ReviewScopes are the scopes a scheduled review grades, each with its
	// published model version.
	//
	// Defaults to [ALL].
	ReviewScopes []string

	// ReviewCatchUp is how late into a period its scheduled cycle is still
	// created when no leader ran at the period's start (a node starting
	// later catches up once).
	//
	// Defaults to 7 days.
	ReviewCatchUp time.Duration

	// JobTimeout cancels a job running longer.
	//
	// Defaults to 30 minutes.
	JobTimeout time.Duration

	// RescueStuckJobsAfter retries a job still marked running this long after
	// it started, e.g. because its worker was killed. It must exceed
	// JobTimeout.
	//
	// Defaults to JobTimeout + 5 minutes.
	RescueStuckJobsAfter time.Duration

	// Logger receives River's and the workers' logs.
	//
	// Defaults to discarding.
	Logger *slog.Logger
}

// WithDefaults returns c with zero fields set to their defaults.
func (c Config) WithDefaults() Config {
	if c.DefaultWorkers == 0 {
		c.DefaultWorkers = 10
	}
	if c.ReviewWorkers == 0 {
		c.ReviewWorkers = 2
	}
	if c.ReviewChunkSize == 0 {
		c.ReviewChunkSize = review.DefaultChunkSize
	}
	if c.ReviewSchedule == "" {
		c.ReviewSchedule = review.Quarterly
	}
	if len(c.ReviewScopes) == 0 {
		c.ReviewScopes = []string{review.ScopeAll}
	}
	if c.ReviewCatchUp == 0 {
		c.ReviewCatchUp = 7 * 24 * time.Hour
	}
	if c.JobTimeout == 0 {
		c.JobTimeout = 30 * time.Minute
	}
	if c.RescueStuckJobsAfter == 0 {
		c.RescueStuckJobsAfter = c.JobTimeout + 5*time.Minute
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

func (c Config) validate() error {
	var errs []error
	if c.DefaultWorkers < 1 || c.ReviewWorkers < 1 {
		errs = append(errs, fmt.Errorf("worker counts must be positive, got default %d and review %d", c.DefaultWorkers, c.ReviewWorkers))
	}
	if c.ReviewChunkSize < review.MinChunkSize {
		errs = append(errs, fmt.Errorf("review chunk size must be at least %d, got %d", review.MinChunkSize, c.ReviewChunkSize))
	}
	if _, err := review.ParseCadence(string(c.ReviewSchedule)); err != nil {
		errs = append(errs, err)
	}
	for _, scope := range c.ReviewScopes {
		if err := review.ValidateScope(scope); err != nil {
			errs = append(errs, fmt.Errorf("review scopes: %w", err))
		}
	}
	if c.ReviewChunkPause < 0 || c.ReviewCatchUp < 0 || c.JobTimeout < 0 {
		errs = append(errs, errors.New("durations must not be negative"))
	}
	if c.RescueStuckJobsAfter <= c.JobTimeout {
		errs = append(errs, fmt.Errorf("RescueStuckJobsAfter (%s) must exceed JobTimeout (%s)", c.RescueStuckJobsAfter, c.JobTimeout))
	}
	return errors.Join(errs...)
}
