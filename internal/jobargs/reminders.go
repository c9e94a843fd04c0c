package jobargs

import (
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Reminders writes the day's in-app reminders: overdue plan actions and
// accounts whose contact cadence was missed (see notify.SendReminders). It
// runs daily and may be inserted at any time; reminders are keyed by item and
// business day, so extra runs add nothing.
type Reminders struct{}

// Kind implements river.JobArgs.
func (Reminders) Kind() string { return "reminders" }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (Reminders) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueDefault}
}

// OutboxDrain sends the email outbox's due mails over SMTP (see
// notify.Sender). It is periodic while SMTP is configured; at most one is
// waiting or running at a time, and several running at once (a slow drain
// overlapping the next) would still send each mail once.
type OutboxDrain struct{}

// Kind implements river.JobArgs.
func (OutboxDrain) Kind() string { return "notification_outbox" }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (OutboxDrain) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueDefault, UniqueOpts: river.UniqueOpts{
		ByArgs: true,
		// Not completed: the next drain may be queued as soon as this one ends.
		ByState: []rivertype.JobState{
			rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
			rivertype.JobStateRetryable, rivertype.JobStateScheduled,
		},
	}}
}
