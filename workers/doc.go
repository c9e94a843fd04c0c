// Package workers runs Summit's background jobs on River: periodic and
// on-demand review cycles (planning, grading chunks, publishing). Job
// arguments live in the small package jobargs, which the API imports to
// enqueue in the transaction of the change that causes a job (see
// internal/txn); this package holds the workers, their registration in one
// place (NewClient) and the periodic schedules.
//
// The River client runs inside `summit serve` and alone in `summit work`
// (worker-only nodes). Periodic jobs are scheduled by River's elected leader
// only; the scheduled review additionally creates its cycle with a unique
// name per period, so any number of nodes yield one cycle per period.
package workers
