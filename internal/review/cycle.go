package review

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/gradingmodelversion"
	"github.com/summitkam/summit/ent/reviewcycle"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/txn"
	"github.com/summitkam/summit/internal/viewer"
)

// Enqueuer inserts River jobs in a pgx transaction; *river.Client[pgx.Tx]
// is one.
type Enqueuer interface {
	InsertManyTx(ctx context.Context, tx pgx.Tx, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)
}

// StartInput starts a review cycle on demand.
type StartInput struct {
	// Name is unique, e.g. "2026-Q4 interim".
	Name string
	// Scope is the accounts graded (see the Scope constants).
	Scope string
	// ModelVersionID must be a PUBLISHED model version.
	ModelVersionID int
	// AsOf is the day metrics are taken at (facts before it count).
	// Defaults to today (UTC).
	AsOf time.Time
}

// StartCycle creates a RUNNING cycle and enqueues its start job in the same
// unit of work (client is the unit's ent client, ins its inserter), so the
// cycle exists if and only if its job does. Executives and admins only.
func StartCycle(ctx context.Context, client *ent.Client, ins txn.Inserter, in StartInput) (*ent.ReviewCycle, error) {
	v := viewer.FromContext(ctx)
	if !v.IsSystem() && !v.HasAny(viewer.RoleExecutive, viewer.RoleAdmin) {
		return nil, refusal.Forbiddenf("only executives and admins start review cycles")
	}
	name := strings.TrimSpace(in.Name)
	if name == "" {
		return nil, refusal.Invalidf("name", "a cycle name is required")
	}
	if len([]rune(name)) > 64 {
		return nil, refusal.Invalidf("name", "at most 64 characters")
	}
	if in.Scope == "" {
		in.Scope = ScopeAll
	}
	if err := ValidateScope(in.Scope); err != nil {
		return nil, err
	}
	version, err := client.GradingModelVersion.Get(ctx, in.ModelVersionID)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("modelVersionID", "grading model version %d not found", in.ModelVersionID)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading grading model version %d: %w", in.ModelVersionID, err)
	}
	if version.Status != gradingmodelversion.StatusPUBLISHED {
		return nil, refusal.Conflictf("grading model version %d is %s; only a published version runs a review", version.ID, version.Status)
	}
	exists, err := client.ReviewCycle.Query().Where(reviewcycle.Name(name)).Exist(ctx)
	if err != nil {
		return nil, fmt.Errorf("error checking review cycle names: %w", err)
	}
	if exists {
		return nil, &refusal.Error{Kind: refusal.Conflict, Field: "name", Message: fmt.Sprintf("a review cycle named %q exists", name)}
	}
	asOf := in.AsOf
	if asOf.IsZero() {
		asOf = time.Now()
	}
	asOf = Day(asOf)
	now := time.Now()
	create := client.ReviewCycle.Create().
		SetName(name).
		SetScope(reviewcycle.Scope(in.Scope)).
		SetModelVersionID(version.ID).
		SetPeriodStart(asOf).
		SetPeriodEnd(QuarterOf(asOf).End).
		SetStatus(reviewcycle.StatusRUNNING).
		SetTrigger(reviewcycle.TriggerMANUAL).
		SetStartedAt(now)
	if v.UserID != 0 {
		create.SetCreatedByID(v.UserID)
	}
	cycle, err := create.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error creating review cycle %q: %w", name, err)
	}
	if _, err := ins.Insert(ctx, jobargs.ReviewCycleStart{CycleID: cycle.ID}, nil); err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, client, audit.Event{
		EntityType: "ReviewCycle", EntityID: cycle.ID, Action: "review.start",
		After: map[string]any{"name": name, "scope": in.Scope, "model_version_id": version.ID, "as_of": asOf.Format(time.DateOnly)},
	}); err != nil {
		return nil, err
	}
	return cycle, nil
}

// ScheduleInput creates the scheduled cycle of a period.
type ScheduleInput struct {
	Cadence Cadence
	Scope   string
	// Now picks the period. Defaults to time.Now().
	Now time.Time
	// CatchUp is how late into a period its cycle may still be created, for
	// a leader that was down at the period's start. Defaults to 7 days.
	CatchUp time.Duration
}

// ErrNoPublishedModel is returned by ScheduleCycle when the scope has no
// published model version.
var ErrNoPublishedModel = errors.New("review: no published grading model version for the scope")

// ScheduleCycle creates the cycle of the current period for a scope, with
// the scope's published model version, and enqueues its start job in the
// same transaction. The cycle name (e.g. "2026-Q4", or "2026-Q4 DISTRIBUTOR")
// is unique, so when several nodes run this for the same period one cycle
// results (INSERT … ON CONFLICT (name) DO NOTHING); created reports whether
// this call made it.
func ScheduleCycle(ctx context.Context, pool *pgxpool.Pool, jobs Enqueuer, in ScheduleInput) (cycleID int, created bool, err error) {
	if in.Now.IsZero() {
		in.Now = time.Now()
	}
	if in.CatchUp == 0 {
		in.CatchUp = 7 * 24 * time.Hour
	}
	if in.Scope == "" {
		in.Scope = ScopeAll
	}
	if err := ValidateScope(in.Scope); err != nil {
		return 0, false, err
	}
	if in.Cadence == Off || in.Cadence == "" {
		return 0, false, nil
	}
	period := in.Cadence.PeriodOf(in.Now)
	if in.Now.Sub(period.Start) > in.CatchUp {
		return 0, false, nil // too late for this period; the next one will run
	}
	name := period.Name + scopeSuffix(in.Scope)

	tx, err := pool.Begin(ctx)
	if err != nil {
		return 0, false, fmt.Errorf("error scheduling review cycle %s: %w", name, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck
	var versionID int
	err = tx.QueryRow(ctx, `
		SELECT v.id FROM grading_model_versions v JOIN grading_models m ON m.id = v.model_id
		WHERE v.status = 'PUBLISHED' AND m.scope = $1
		ORDER BY v.published_at DESC NULLS LAST, v.id DESC LIMIT 1`, in.Scope).Scan(&versionID)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, fmt.Errorf("%w %s", ErrNoPublishedModel, in.Scope)
	}
	if err != nil {
		return 0, false, fmt.Errorf("error finding the published model of scope %s: %w", in.Scope, err)
	}
	err = tx.QueryRow(ctx, `
		INSERT INTO review_cycles (created_at, updated_at, name, period_start, period_end, scope, status, trigger,
		                           started_at, total_accounts, model_version_id)
		VALUES (now(), now(), $1, $2, $3, $4, 'RUNNING', 'SCHEDULE', now(), 0, $5)
		ON CONFLICT (name) DO NOTHING
		RETURNING id`, name, period.Start, period.End, in.Scope, versionID).Scan(&cycleID)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil // another node (or an earlier run) created it
	}
	if err != nil {
		return 0, false, fmt.Errorf("error creating review cycle %s: %w", name, err)
	}
	if _, err := jobs.InsertManyTx(ctx, tx, []river.InsertManyParams{{Args: jobargs.ReviewCycleStart{CycleID: cycleID}}}); err != nil {
		return 0, false, fmt.Errorf("error enqueueing the start of review cycle %s: %w", name, err)
	}
	if _, err := tx.Exec(ctx, `
		INSERT INTO audit_events (occurred_at, actor_kind, actor_label, entity_type, entity_id, action, after, reason, request_id)
		VALUES (now(), 'SYSTEM', 'system:worker:review', 'ReviewCycle', $1, 'review.start',
		        jsonb_build_object('name', $2::text, 'scope', $3::text, 'model_version_id', $4::bigint, 'as_of', $5::date), 'scheduled review', '')`,
		cycleID, name, in.Scope, versionID, period.Start); err != nil {
		return 0, false, fmt.Errorf("error auditing review cycle %s: %w", name, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, false, fmt.Errorf("error scheduling review cycle %s: %w", name, err)
	}
	return cycleID, true, nil
}

// Service runs the worker side of reviews: planning, chunks, publishing.
type Service struct {
	// Pool is the database.
	Pool *pgxpool.Pool
	// ChunkSize is the most accounts one chunk job grades (at least 1,000).
	//
	// Defaults to 5,000.
	ChunkSize int
	// ChunkPause sleeps after each chunk commits, to spread a large review's
	// load over time (and, in tests, to stop a worker mid-cycle).
	//
	// Defaults to 0.
	ChunkPause time.Duration
	// Parallel is how many metric batches a population-relative review
	// gathers at once.
	//
	// Defaults to 2.
	Parallel int
	// Logger receives one line per planned cycle, finished cycle and
	// published cycle.
	//
	// Defaults to discarding.
	Logger *slog.Logger
}

// DefaultChunkSize is Service.ChunkSize's default; MinChunkSize its floor.
const (
	DefaultChunkSize = 5000
	MinChunkSize     = 1000
)

func (s *Service) chunkSize() int {
	if s.ChunkSize == 0 {
		return DefaultChunkSize
	}
	return max(s.ChunkSize, MinChunkSize)
}

func (s *Service) parallel() int {
	if s.Parallel <= 0 {
		return 2
	}
	return s.Parallel
}

func (s *Service) logger() *slog.Logger {
	if s.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Logger
}
