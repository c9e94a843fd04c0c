// Package workers runs Summit's background jobs on River: review cycles
// (planning, grading chunks, publishing), churn scans and escalations,
// partner re-evaluations and probation sweeps, the daily reminders and the
// email outbox. Job arguments live in internal/jobargs, which the API and
// the domain packages import to enqueue a job in the transaction of the
// change that causes it (see internal/txn); this package holds the workers,
// their registration in one place (NewClient) and the periodic schedules.
// The work itself is done by the domain packages (internal/review,
// internal/churnscan, internal/partners, internal/notify); a worker only
// unpacks its arguments and calls them.
//
// The River client runs inside `summit serve` and alone in `summit work`
// (worker-only nodes). Periodic jobs are scheduled by River's elected leader
// only, and every job is idempotent (a unique key or a state check), so any
// number of nodes run each scheduled job once per period.
package workers
