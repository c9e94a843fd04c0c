package workers

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/notify"
)

// RemindersWorker writes the day's in-app reminders (overdue actions,
// missed contact cadences).
type RemindersWorker struct {
	river.WorkerDefaults[jobargs.Reminders]
	Pool *pgxpool.Pool
	// Location is the business time zone that decides the day.
	Location *time.Location
	Logger   *slog.Logger
	// Now is the clock. Defaults to time.Now.
	Now func() time.Time
}

// Work implements river.Worker.
func (w *RemindersWorker) Work(ctx context.Context, job *river.Job[jobargs.Reminders]) error {
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	res, err := notify.SendReminders(ctx, w.Pool, notify.RemindersInput{Now: now(), Location: w.Location})
	if err != nil {
		return err
	}
	w.Logger.InfoContext(ctx, "reminders written", "day", res.Day,
		"overdue_actions", res.OverdueActions, "missed_cadences", res.MissedCadences)
	return nil
}

// dailyAt is River's schedule for a job that runs once a day at a time of
// day in a time zone (midnight plus at), whatever the zone's offset that day.
type dailyAt struct {
	at  time.Duration
	loc *time.Location
}

// Next implements river.PeriodicSchedule.
func (d dailyAt) Next(t time.Time) time.Time {
	local := t.In(d.loc)
	for day := 0; ; day++ {
		y, m, dd := local.AddDate(0, 0, day).Date()
		// By clock fields, not midnight + at: a day with a daylight-saving
		// change is 23 or 25 hours long.
		next := time.Date(y, m, dd, int(d.at/time.Hour), int(d.at%time.Hour/time.Minute), int(d.at%time.Minute/time.Second), 0, d.loc)
		if next.After(t) {
			return next
		}
	}
}
