package workers

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/notify"
)

// outboxDrainTimeout bounds one drain; mails it has not reached by then are
// handed back for the next one.
const outboxDrainTimeout = 5 * time.Minute

// OutboxWorker sends the email outbox.
type OutboxWorker struct {
	river.WorkerDefaults[jobargs.OutboxDrain]
	Sender *notify.Sender
}

// Timeout implements river.Worker: shorter than the default job timeout, so
// a slow mail server holds a worker slot for minutes, not half an hour.
func (w *OutboxWorker) Timeout(*river.Job[jobargs.OutboxDrain]) time.Duration {
	return outboxDrainTimeout
}

// Work implements river.Worker. Delivery failures are recorded on their
// notifications and retried by later drains; only a database error fails
// the job.
func (w *OutboxWorker) Work(ctx context.Context, job *river.Job[jobargs.OutboxDrain]) error {
	_, err := w.Sender.Drain(ctx)
	return err
}
