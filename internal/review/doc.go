// Package review runs periodic class reviews (分级评定) and simulations of
// grading models on live data.
//
// A review cycle re-grades the accounts in a scope with a published model
// version, as of the cycle's period start:
//
//	RUNNING     a start job (workers.ReviewCycleStart) counts the scope and fans
//	            out chunk jobs by account-id range, in the transaction that
//	            records the plan; each chunk job gathers metrics set-based
//	            (GatherMetrics: one aggregation per fact table for the whole
//	            range), grades them with internal/grading and writes one
//	            review_results row per account with INSERT … ON CONFLICT
//	            (cycle_id, account_id) DO NOTHING. The chunk that completes
//	            the set moves the cycle on.
//	IN_REVIEW   proposals wait: owners contest with a reason, executives
//	            approve or reject moves into or out of S/A (and contested ones).
//	PUBLISHING  publishReviewCycle enqueues the publish job in its transaction;
//	            the job applies every class in one transaction (class history
//	            with explanation and model version, accounts.current_class,
//	            class.change audit events, owners' in-app notifications with a
//	            dedup key).
//	PUBLISHED
//
// # Crash safety
//
// Every step is idempotent. Results are keyed by (cycle, account) and never
// overwritten, so a chunk job that re-runs after a crash (River rescues jobs
// of a dead worker) writes nothing new. Chunk completion is recorded in the
// cycle row in the same transaction as the chunk's results, under the row's
// lock, so exactly one chunk — the last to commit — finishes the cycle.
// Publishing runs in one transaction guarded by the PUBLISHING status.
//
// # Population-relative models
//
// Pyramid and RFM rank accounts against the whole scope, so they cannot be
// graded chunk by chunk. The planner gives them ONE chunk spanning the scope:
// that job still gathers metrics in id-range batches (in parallel), but
// grades the whole population in one Evaluate call and writes the results in
// one transaction. The alternative, two phases with ranks computed in SQL
// first, would restate the engine's ranking rules (ties, value share) in
// SQL; one job keeps a single source of truth at the cost of memory in
// proportion to the scope (about 1.5 KB per account with its explanation).
// Absolute models (scorecards, matrices, ladders, single factor, prospect)
// fan out in chunks of Service.ChunkSize accounts.
package review
