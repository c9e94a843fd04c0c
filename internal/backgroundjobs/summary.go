// Package backgroundjobs shows admins River's queues: how many jobs of each
// kind wait, run or failed, the latest failures, and a retry for one. It
// reads river_job directly (River's own table) rather than mounting River's
// UI, so the settings screen needs nothing beyond the API.
package backgroundjobs

import (
	"context"
	"fmt"
	"time"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// KindCount is how many jobs of one kind are in one state.
type KindCount struct {
	Kind  string
	State string
	Count int
}

// Failure is a job whose last attempt failed: retryable (River will try it
// again at ScheduledAt) or discarded (out of attempts).
type Failure struct {
	ID          int64
	Kind        string
	State       string
	Attempt     int
	MaxAttempts int
	Error       string
	FailedAt    time.Time
	ScheduledAt time.Time
}

// Summary is the jobs screen: counts by kind and state, then failures.
type Summary struct {
	Counts   []*KindCount
	Failures []*Failure
}

const countsSQL = `SELECT kind, state::text, count(*) FROM river_job GROUP BY kind, state ORDER BY kind, state`

// The last element of errors is the latest attempt's error.
const failuresSQL = `
SELECT id, kind, state::text, attempt, max_attempts,
       COALESCE(errors[array_length(errors, 1)]->>'error', ''),
       COALESCE(attempted_at, created_at), scheduled_at
FROM river_job
WHERE state IN ('retryable', 'discarded')
ORDER BY COALESCE(attempted_at, created_at) DESC, id DESC
LIMIT $1`

// Summarize reads the queues. Admins only.
func Summarize(ctx context.Context, client *ent.Client, failures int) (*Summary, error) {
	if !viewer.FromContext(ctx).Has(viewer.RoleAdmin) {
		return nil, refusal.Forbiddenf("only admins see background jobs")
	}
	if failures <= 0 || failures > 200 {
		failures = 50
	}
	s := &Summary{Counts: []*KindCount{}, Failures: []*Failure{}}
	rows, err := client.QueryContext(ctx, countsSQL)
	if err != nil {
		return nil, fmt.Errorf("error counting background jobs: %w", err)
	}
	for rows.Next() {
		c := &KindCount{}
		if err := rows.Scan(&c.Kind, &c.State, &c.Count); err != nil {
			rows.Close()
			return nil, fmt.Errorf("error counting background jobs: %w", err)
		}
		s.Counts = append(s.Counts, c)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("error counting background jobs: %w", err)
	}
	rows, err = client.QueryContext(ctx, failuresSQL, failures)
	if err != nil {
		return nil, fmt.Errorf("error listing failed background jobs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		f := &Failure{}
		if err := rows.Scan(&f.ID, &f.Kind, &f.State, &f.Attempt, &f.MaxAttempts, &f.Error, &f.FailedAt, &f.ScheduledAt); err != nil {
			return nil, fmt.Errorf("error listing failed background jobs: %w", err)
		}
		s.Failures = append(s.Failures, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("error listing failed background jobs: %w", err)
	}
	return s, nil
}

// retryJobSQL makes a failed job available now, as River's JobRetry does
// (which needs River's client; this runs in the mutation's transaction
// instead, next to its audit event). A running or finished job is left.
const retryJobSQL = `
UPDATE river_job SET state = 'available', scheduled_at = now(), finalized_at = NULL,
       max_attempts = GREATEST(max_attempts, attempt + 1)
WHERE id = $1 AND state IN ('retryable', 'discarded')
RETURNING kind`

// Retry makes a retryable or discarded job run again now; audited as
// job.retry. A job in any other state is a CONFLICT, an unknown one
// NOT_FOUND. Admins only.
func Retry(ctx context.Context, client *ent.Client, id int64) error {
	if !viewer.FromContext(ctx).Has(viewer.RoleAdmin) {
		return refusal.Forbiddenf("only admins retry background jobs")
	}
	rows, err := client.QueryContext(ctx, retryJobSQL, id)
	if err != nil {
		return fmt.Errorf("error retrying job %d: %w", id, err)
	}
	var kind string
	found := rows.Next()
	if found {
		err = rows.Scan(&kind)
	}
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("error retrying job %d: %w", id, err)
	}
	if !found {
		var exists bool
		if err := scanOne(ctx, client, `SELECT EXISTS (SELECT 1 FROM river_job WHERE id = $1)`, id, &exists); err != nil {
			return err
		}
		if !exists {
			return refusal.NotFoundf("id", "background job %d not found", id)
		}
		return refusal.Conflictf("background job %d has not failed (only retryable or discarded jobs are retried)", id)
	}
	return audit.Record(ctx, client, audit.Event{
		EntityType: "Job", EntityID: int(id), Action: "job.retry",
		After: map[string]string{"kind": kind, "state": "available"},
	})
}

func scanOne(ctx context.Context, client *ent.Client, query string, arg any, dest any) error {
	rows, err := client.QueryContext(ctx, query, arg)
	if err != nil {
		return fmt.Errorf("error querying background jobs: %w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		return fmt.Errorf("error querying background jobs: no row")
	}
	if err := rows.Scan(dest); err != nil {
		return fmt.Errorf("error querying background jobs: %w", err)
	}
	return rows.Close()
}
