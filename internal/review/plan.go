package review

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/refusal"
)

// Review cycle statuses (ent enum review_cycles.status).
const (
	StatusRunning    = "RUNNING"
	StatusInReview   = "IN_REVIEW"
	StatusPublishing = "PUBLISHING"
	StatusPublished  = "PUBLISHED"
)

// cycleRow is what the worker side needs of a cycle.
type cycleRow struct {
	ID             int
	Name           string
	Status         string
	Scope          string
	AsOf           time.Time
	ModelVersionID int
	Kind           grading.Kind
	Config         json.RawMessage
	Stats          cycleStats
}

// cycleStats is review_cycles.stats while a cycle runs (the plan and the
// chunks done) and, from IN_REVIEW on, its summary too.
type cycleStats struct {
	Chunks *int  `json:"chunks,omitempty"`
	Done   []int `json:"done,omitempty"`
}

func (s cycleStats) planned() bool { return s.Chunks != nil }

func loadCycle(ctx context.Context, q database.Querier, id int, lock bool) (cycleRow, error) {
	query := `
		SELECT c.id, c.name, c.status, c.scope, c.period_start, c.model_version_id, m.kind, v.config, coalesce(c.stats, '{}'::jsonb)
		FROM review_cycles c
		JOIN grading_model_versions v ON v.id = c.model_version_id
		JOIN grading_models m ON m.id = v.model_id
		WHERE c.id = $1`
	if lock {
		query += " FOR UPDATE OF c"
	}
	var (
		c     cycleRow
		kind  string
		stats []byte
	)
	err := q.QueryRow(ctx, query, id).Scan(&c.ID, &c.Name, &c.Status, &c.Scope, &c.AsOf, &c.ModelVersionID, &kind, &c.Config, &stats)
	if errors.Is(err, pgx.ErrNoRows) {
		return c, refusal.NotFoundf("cycleID", "review cycle %d not found", id)
	}
	if err != nil {
		return c, fmt.Errorf("error loading review cycle %d: %w", id, err)
	}
	if c.Kind, err = grading.ParseKind(strings.ToLower(kind)); err != nil {
		return c, fmt.Errorf("review cycle %d: %w", id, err)
	}
	if err := json.Unmarshal(stats, &c.Stats); err != nil {
		return c, fmt.Errorf("error reading stats of review cycle %d: %w", id, err)
	}
	return c, nil
}

// Plan splits a RUNNING cycle's scope into account-id ranges and enqueues a
// ReviewChunk job per range, in the transaction that records the plan
// (total_accounts, stats.chunks) under the cycle's row lock. A planned or
// no longer running cycle is left alone, so the start job may run any
// number of times. An empty scope finishes the cycle at once.
func (s *Service) Plan(ctx context.Context, cycleID int, jobs Enqueuer) error {
	tx, err := s.Pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("error planning review cycle %d: %w", cycleID, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck
	c, err := loadCycle(ctx, tx, cycleID, true)
	if refusal.Is(err, refusal.NotFound) {
		s.logger().WarnContext(ctx, "review cycle to plan does not exist", "cycle_id", cycleID)
		return nil
	}
	if err != nil {
		return err
	}
	if c.Status != StatusRunning || c.Stats.planned() {
		return tx.Commit(ctx)
	}
	size := s.chunkSize()
	if c.Kind.IsPopulationRelative() {
		size = maxAccountID / 2 // one range: the model ranks the whole scope
	}
	ranges, err := accountRanges(ctx, tx, c.Scope, 0, maxAccountID, size)
	if err != nil {
		return err
	}
	total := 0
	params := make([]river.InsertManyParams, len(ranges))
	for i, r := range ranges {
		total += r.Count
		params[i] = river.InsertManyParams{Args: jobargs.ReviewChunk{CycleID: c.ID, Index: i, FromID: r.From, ToID: r.To}}
	}
	if len(params) > 0 {
		if _, err := jobs.InsertManyTx(ctx, tx, params); err != nil {
			return fmt.Errorf("error enqueueing %d chunks of review cycle %d: %w", len(params), c.ID, err)
		}
	}
	if _, err := tx.Exec(ctx, `
		UPDATE review_cycles
		SET total_accounts = $2, stats = jsonb_build_object('chunks', $3::int, 'done', '[]'::jsonb),
		    started_at = coalesce(started_at, now()), updated_at = now()
		WHERE id = $1`, c.ID, total, len(ranges)); err != nil {
		return fmt.Errorf("error recording the plan of review cycle %d: %w", c.ID, err)
	}
	if len(ranges) == 0 {
		if err := finish(ctx, tx, c.ID); err != nil {
			return err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("error planning review cycle %d: %w", c.ID, err)
	}
	s.logger().InfoContext(ctx, "review cycle planned", "cycle_id", c.ID, "name", c.Name, "accounts", total, "chunks", len(ranges))
	return nil
}
