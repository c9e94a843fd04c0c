package workers

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/notify"
	"github.com/summitkam/summit/internal/partners"
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

	// ChurnScanAt is the time of day (in TimeZone) the daily churn scan
	// runs; a node starting later in the day runs it at once if no scan ran
	// that day. Negative turns the schedule off; scans requested on demand
	// still run.
	//
	// Defaults to 2 hours (02:00).
	ChurnScanAt time.Duration

	// ChurnModel holds the churn model's thresholds, points and bands (see
	// internal/churn.Config); response days per class come from the class
	// policies.
	//
	// Defaults to the built-in model.
	ChurnModel churn.Config

	// ChurnChunkSize is the most accounts one churn scan chunk assesses in
	// one transaction.
	//
	// Defaults to 5,000.
	ChurnChunkSize int

	// ChurnChunkPause is slept after each churn scan chunk commits.
	//
	// Defaults to 0.
	ChurnChunkPause time.Duration

	// ChurnWorkers is how many churn scan chunks run at once in this
	// process; each keeps a database connection busy.
	//
	// Defaults to 2.
	ChurnWorkers int

	// ChurnEscalateEvery is how often unacknowledged strategic alerts past
	// their deadline are escalated (sponsor first, then the owner's
	// manager).
	//
	// Defaults to 15 minutes.
	ChurnEscalateEvery time.Duration

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

	// TimeZone is the business time zone: it decides which day a reminder
	// belongs to and when the daily reminders run.
	//
	// Defaults to Asia/Shanghai.
	TimeZone *time.Location

	// RemindersAt is the time of day (in TimeZone, after midnight) the daily
	// reminders run; a node starting later in the day runs them at once
	// (they are written at most once per item and day). Negative turns the
	// schedule off; the job still runs when inserted.
	//
	// Defaults to 8 hours (08:00).
	RemindersAt time.Duration

	// SMTP is the mail server that EMAIL notifications are sent through. An
	// empty Host turns sending off: emails wait in the outbox.
	//
	// Defaults to off.
	SMTP notify.SMTPConfig

	// PublicURL is linked from emails as where to open Summit; empty leaves
	// the link out.
	//
	// Defaults to empty.
	PublicURL string

	// OutboxInterval is how often the email outbox is drained while SMTP is
	// configured.
	//
	// Defaults to 1 minute.
	OutboxInterval time.Duration

	// PartnerReevaluation is when partners are re-evaluated against the
	// tier ladder: semiannual (1 January and 1 July, 00:00 UTC, runs named
	// e.g. 2026-H2), quarterly, annual or off. Like review cycles, a node
	// starting within ReviewCatchUp of a period's start catches its run up.
	//
	// Defaults to semiannual.
	PartnerReevaluation partners.Cadence

	// PartnerProbationDays is how long a partner found below its tier stays
	// on probation before it is proposed for a downgrade.
	//
	// Defaults to 90.
	PartnerProbationDays int

	// ImportWorkers is how many imports (dry runs, commits) run at once in
	// this process; each holds a connection and reads one file.
	//
	// Defaults to 1.
	ImportWorkers int

	// ImportBatchSize is the rows an import checks and writes per batch
	// (and commits per transaction in VALID_ROWS mode).
	//
	// Defaults to 10,000.
	ImportBatchSize int

	// ImportBatchPause is slept after each import batch (to yield the
	// database to interactive work; tests use it to land a kill mid-import).
	//
	// Defaults to 0.
	ImportBatchPause time.Duration

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
	if c.ImportWorkers == 0 {
		c.ImportWorkers = 1
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
	if c.TimeZone == nil {
		c.TimeZone = defaultTimeZone()
	}
	if c.RemindersAt == 0 {
		c.RemindersAt = 8 * time.Hour
	}
	if c.ChurnScanAt == 0 {
		c.ChurnScanAt = 2 * time.Hour
	}
	c.ChurnModel = c.ChurnModel.WithDefaults()
	if c.ChurnChunkSize == 0 {
		c.ChurnChunkSize = 5000
	}
	if c.ChurnWorkers == 0 {
		c.ChurnWorkers = 2
	}
	if c.ChurnEscalateEvery == 0 {
		c.ChurnEscalateEvery = 15 * time.Minute
	}
	if c.OutboxInterval == 0 {
		c.OutboxInterval = time.Minute
	}
	if c.PartnerReevaluation == "" {
		c.PartnerReevaluation = partners.Semiannual
	}
	if c.PartnerProbationDays == 0 {
		c.PartnerProbationDays = partners.DefaultGraceDays
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// defaultTimeZone is notify.DefaultTimeZone (package notify embeds the time
// zone data, so it loads everywhere; UTC is a fallback that cannot happen).
func defaultTimeZone() *time.Location {
	loc, err := time.LoadLocation(notify.DefaultTimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
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
	if c.RemindersAt >= 24*time.Hour {
		errs = append(errs, fmt.Errorf("RemindersAt must be within a day, got %s", c.RemindersAt))
	}
	if c.ChurnScanAt >= 24*time.Hour {
		errs = append(errs, fmt.Errorf("ChurnScanAt must be within a day, got %s", c.ChurnScanAt))
	}
	if err := c.ChurnModel.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("invalid ChurnModel: %w", err))
	}
	if c.ChurnChunkSize < 100 {
		errs = append(errs, fmt.Errorf("ChurnChunkSize must be at least 100, got %d", c.ChurnChunkSize))
	}
	if c.ChurnWorkers < 1 {
		errs = append(errs, fmt.Errorf("ChurnWorkers must be at least 1, got %d", c.ChurnWorkers))
	}
	if c.ChurnEscalateEvery < time.Second {
		errs = append(errs, fmt.Errorf("ChurnEscalateEvery must be at least a second, got %s", c.ChurnEscalateEvery))
	}
	if c.OutboxInterval < time.Second {
		errs = append(errs, fmt.Errorf("OutboxInterval must be at least a second, got %s", c.OutboxInterval))
	}
	if err := c.SMTP.Validate(); err != nil {
		errs = append(errs, err)
	}
	if _, err := partners.ParseCadence(string(c.PartnerReevaluation)); err != nil {
		errs = append(errs, err)
	}
	if c.PartnerProbationDays < 1 || c.PartnerProbationDays > 3650 {
		errs = append(errs, fmt.Errorf("PartnerProbationDays must be between 1 and 3650, got %d", c.PartnerProbationDays))
	}
	if c.RescueStuckJobsAfter <= c.JobTimeout {
		errs = append(errs, fmt.Errorf("RescueStuckJobsAfter (%s) must exceed JobTimeout (%s)", c.RescueStuckJobsAfter, c.JobTimeout))
	}
	return errors.Join(errs...)
}
