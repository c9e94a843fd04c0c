package review

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/refusal"
)

// Review result statuses (ent enum review_results.status).
const (
	ResultProposed        = "PROPOSED"
	ResultPendingApproval = "PENDING_APPROVAL"
	ResultContested       = "CONTESTED"
	ResultApproved        = "APPROVED"
	ResultRejected        = "REJECTED"
	ResultPublished       = "PUBLISHED"
)

// NeedsApproval reports whether a move from one class to another needs an
// executive: any change into or out of S or A (an unclassified account
// counts as neither).
func NeedsApproval(from, to grading.Class) bool {
	return from != to && (from.IsFocus() || to.IsFocus())
}

// RunChunk grades one chunk of a RUNNING cycle and writes its results; the
// chunk that completes the plan moves the cycle to IN_REVIEW in the same
// transaction. Results already written (a re-run after a crash) are kept
// as they are.
func (s *Service) RunChunk(ctx context.Context, args jobargs.ReviewChunk) error {
	c, err := loadCycle(ctx, s.Pool, args.CycleID, false)
	if refusal.Is(err, refusal.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if c.Status != StatusRunning || containsInt(c.Stats.Done, args.Index) {
		return nil
	}
	model, err := grading.ParseModel(c.Kind, c.Config)
	if err != nil {
		return fmt.Errorf("review cycle %d: model version %d: %w", c.ID, c.ModelVersionID, err)
	}
	facts := FactsFor(c.Config)
	var pop Population
	if c.Kind.IsPopulationRelative() {
		pop, err = GatherScope(ctx, s.Pool, c.Scope, c.AsOf, args.FromID, args.ToID, s.chunkSize(), s.parallel(), facts)
	} else {
		pop, err = GatherMetrics(ctx, s.Pool, c.Scope, c.AsOf, args.FromID, args.ToID, facts)
	}
	if err != nil {
		return err
	}
	results, err := model.Evaluate(c.AsOf, pop.Metrics)
	if err != nil {
		return fmt.Errorf("error grading chunk %d of review cycle %d: %w", args.Index, c.ID, err)
	}

	tx, err := s.Pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("error writing chunk %d of review cycle %d: %w", args.Index, c.ID, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck
	for lo := 0; lo < len(results); lo += writeBatch {
		hi := min(lo+writeBatch, len(results))
		if err := writeResults(ctx, tx, c.ID, pop.Current[lo:hi], results[lo:hi]); err != nil {
			return err
		}
	}
	// Record the chunk under the cycle's row lock: concurrent chunks queue
	// here, so exactly one sees the last chunk done and finishes the cycle.
	var done, chunks int
	err = tx.QueryRow(ctx, `
		UPDATE review_cycles
		SET stats = jsonb_set(stats, '{done}', (stats->'done') || jsonb_build_array($2::int)), updated_at = now()
		WHERE id = $1 AND status = 'RUNNING' AND NOT (stats->'done' @> jsonb_build_array($2::int))
		RETURNING jsonb_array_length(stats->'done'), (stats->>'chunks')::int`, c.ID, args.Index).Scan(&done, &chunks)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		// Recorded by an earlier run, or the cycle moved on: nothing to do.
	case err != nil:
		return fmt.Errorf("error recording chunk %d of review cycle %d: %w", args.Index, c.ID, err)
	case done >= chunks:
		if err := finish(ctx, tx, c.ID); err != nil {
			return err
		}
		defer s.logger().InfoContext(ctx, "review cycle computed", "cycle_id", c.ID, "name", c.Name, "chunks", chunks)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("error writing chunk %d of review cycle %d: %w", args.Index, c.ID, err)
	}
	if s.ChunkPause > 0 {
		select {
		case <-ctx.Done():
		case <-time.After(s.ChunkPause):
		}
	}
	return nil
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// writeBatch is the most results one INSERT carries: large enough that
// round trips do not matter, small enough that the statement's arrays (about
// 1.5 KB of explanation per result) stay a few megabytes.
const writeBatch = 1000

// insertResultsSQL writes a batch of results in one statement from arrays
// (one round trip per batch, not per account); a result that exists is kept.
const insertResultsSQL = `
INSERT INTO review_results (created_at, updated_at, cycle_id, account_id, previous_class, proposed_class,
                            level_label, score, explanation, status)
SELECT now(), now(), $1, u.account_id, u.previous_class, u.proposed_class, u.level_label, u.score, u.explanation::jsonb, u.status
FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::text[], $8::text[])
     AS u(account_id, previous_class, proposed_class, level_label, score, explanation, status)
ON CONFLICT (cycle_id, account_id) DO NOTHING`

func writeResults(ctx context.Context, tx pgx.Tx, cycleID int, current []grading.Class, results []grading.Result) error {
	n := len(results)
	var (
		ids          = make([]int64, n)
		previous     = make([]*string, n)
		proposed     = make([]string, n)
		levels       = make([]string, n)
		scores       = make([]*float64, n)
		explanations = make([]string, n)
		statuses     = make([]string, n)
	)
	for i, r := range results {
		ids[i] = r.AccountID
		if current[i] != "" {
			c := string(current[i])
			previous[i] = &c
		}
		proposed[i] = string(r.Class)
		levels[i] = r.Level
		if r.HasScore {
			score := r.Score
			scores[i] = &score
		}
		b, err := json.Marshal(r.Explanation)
		if err != nil {
			return fmt.Errorf("error encoding the explanation of account %d: %w", r.AccountID, err)
		}
		explanations[i] = string(b)
		statuses[i] = ResultProposed
		if NeedsApproval(current[i], r.Class) {
			statuses[i] = ResultPendingApproval
		}
	}
	if _, err := tx.Exec(ctx, insertResultsSQL, cycleID, ids, previous, proposed, levels, scores, explanations, statuses); err != nil {
		return fmt.Errorf("error writing %d results of review cycle %d: %w", n, cycleID, err)
	}
	return nil
}

// finish moves a RUNNING cycle to IN_REVIEW with its summary, in tx.
func finish(ctx context.Context, tx pgx.Tx, cycleID int) error {
	sum, err := summarize(ctx, tx, cycleID)
	if err != nil {
		return err
	}
	b, err := json.Marshal(sum)
	if err != nil {
		return fmt.Errorf("error encoding the summary of review cycle %d: %w", cycleID, err)
	}
	if _, err := tx.Exec(ctx, `
		UPDATE review_cycles
		SET status = 'IN_REVIEW', computed_at = now(), updated_at = now(), total_accounts = $2,
		    stats = coalesce(stats, '{}'::jsonb) || jsonb_build_object('summary', $3::jsonb)
		WHERE id = $1 AND status = 'RUNNING'`, cycleID, sum.Done, string(b)); err != nil {
		return fmt.Errorf("error finishing review cycle %d: %w", cycleID, err)
	}
	return nil
}
