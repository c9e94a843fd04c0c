// Package jobargs holds the arguments of Summit's River jobs. It is small on
// purpose (River and nothing else) so the API can import it and enqueue a job
// in the transaction of the change that causes it, without pulling in the
// workers.
//
// Every job is idempotent: what it writes is keyed by a unique constraint
// (one review result per cycle and account, one notification per dedup key)
// or guarded by a state check, so a retry after a crash changes nothing.
package jobargs

import "github.com/riverqueue/river"

// Queues.
const (
	// QueueDefault runs short jobs: scheduling, notifications.
	QueueDefault = river.QueueDefault
	// QueueReview runs the heavy review jobs (metrics, grading, publishing),
	// separately bounded so a review cannot starve everything else.
	QueueReview = "review"
)

// ReviewCycleStart plans a RUNNING review cycle: it counts the accounts in
// scope and fans out ReviewChunk jobs (one per account-id range) in the same
// transaction that records the plan. A second run finds the plan and only
// checks completion.
type ReviewCycleStart struct {
	CycleID int `json:"cycle_id" river:"unique"`
}

// Kind implements river.JobArgs.
func (ReviewCycleStart) Kind() string { return "review_cycle_start" }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (ReviewCycleStart) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueReview, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// ReviewChunk grades the accounts in scope whose ids lie in [FromID, ToID]
// and writes one review result per account (INSERT … ON CONFLICT DO
// NOTHING). Index numbers the chunk within its cycle; the chunk that
// completes the set moves the cycle to IN_REVIEW.
type ReviewChunk struct {
	CycleID int `json:"cycle_id" river:"unique"`
	Index   int `json:"index" river:"unique"`
	FromID  int `json:"from_id"`
	ToID    int `json:"to_id"`
}

// Kind implements river.JobArgs.
func (ReviewChunk) Kind() string { return "review_chunk" }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (ReviewChunk) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueReview, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// ReviewPublish applies the classes of a PUBLISHING cycle in one
// transaction: class assignments, accounts' current class, audit events and
// the owners' notifications. ActorID/ActorLabel are who asked to publish; the
// audit trail names them.
type ReviewPublish struct {
	CycleID    int    `json:"cycle_id" river:"unique"`
	ActorID    int    `json:"actor_id,omitempty"`
	ActorLabel string `json:"actor_label,omitempty"`
	RequestID  string `json:"request_id,omitempty"`
}

// Kind implements river.JobArgs.
func (ReviewPublish) Kind() string { return "review_publish" }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (ReviewPublish) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueReview, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// ScheduledReview is the periodic job: it creates the review cycle of the
// current period for Scope (e.g. "2026-Q4"), with the scope's published
// model, unless the cycle exists. The cycle name is unique, so however many
// nodes insert this job, one cycle per period results.
type ScheduledReview struct {
	Scope string `json:"scope"`
}

// Kind implements river.JobArgs.
func (ScheduledReview) Kind() string { return "review_scheduled" }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (ScheduledReview) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueDefault}
}
