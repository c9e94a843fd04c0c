// Package churnscan runs churn scans (流失预警扫描) against the database: it
// gathers churn facts for every account set-based in SQL, scores them with
// the pure model in internal/churn, and reconciles the accounts' churn
// alerts: opens one where risk appeared, updates the open one as risk
// changes, resolves it when the signals clear, moves high-risk accounts to
// the decline stage, and audits and notifies as it goes. It also escalates
// unacknowledged strategic alerts past their deadline.
//
// A scan is split into chunks of account ids. Each chunk is one
// transaction whose decisions depend only on the scan's as-of time, the
// data and the alerts open at the time, so a chunk retried after a crash
// (or run twice) leaves the same alerts as one run without interruption,
// and "one open alert per account and type" is also a unique index.
package churnscan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/jobargs"
)

// Config configures churn scans.
type Config struct {
	// Model holds the churn model's thresholds, points and bands.
	//
	// Defaults to the built-in model (churn.Config{}).
	Model churn.Config

	// ChunkSize is the most accounts one chunk job assesses in one
	// transaction; at least 100.
	//
	// Defaults to 5,000.
	ChunkSize int

	// ChunkPause is slept after each chunk commits, to spread a large
	// scan's load on the database over time.
	//
	// Defaults to 0.
	ChunkPause time.Duration

	// Logger receives progress and problems.
	//
	// Defaults to discarding.
	Logger *slog.Logger
}

// WithDefaults returns c with zero fields set to their defaults.
func (c Config) WithDefaults() Config {
	c.Model = c.Model.WithDefaults()
	if c.ChunkSize == 0 {
		c.ChunkSize = 5000
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return c
}

func (c Config) validate() error {
	if c.ChunkSize < 100 {
		return fmt.Errorf("ChunkSize must be at least 100, got %d", c.ChunkSize)
	}
	if err := c.Model.Validate(); err != nil {
		return fmt.Errorf("invalid churn model: %w", err)
	}
	return nil
}

// Service runs churn scans.
type Service struct {
	pool *pgxpool.Pool
	cfg  Config
}

// New returns a Service over pool, or an error naming every invalid
// setting.
func New(pool *pgxpool.Pool, cfg Config) (*Service, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	return &Service{pool: pool, cfg: cfg}, nil
}

// Model returns the churn model the service scores with.
func (s *Service) Model() churn.Config { return s.cfg.Model }

// IDRange is an inclusive range of account ids holding Count accounts in
// scope.
type IDRange struct {
	From, To int
	Count    int
}

// Ranges splits the accounts a scan assesses into consecutive id ranges of
// at most size accounts, in one statement.
func Ranges(ctx context.Context, q database.Querier, size int) ([]IDRange, error) {
	rows, err := q.Query(ctx, `
		SELECT min(id), max(id), count(*)
		FROM (SELECT a.id, (row_number() OVER (ORDER BY a.id) - 1) / $1 AS bucket
		      FROM accounts a WHERE `+inScope+`) s
		GROUP BY bucket ORDER BY bucket`, size)
	if err != nil {
		return nil, fmt.Errorf("error splitting accounts into scan chunks: %w", err)
	}
	ranges, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (IDRange, error) {
		var r IDRange
		err := row.Scan(&r.From, &r.To, &r.Count)
		return r, err
	})
	if err != nil {
		return nil, fmt.Errorf("error splitting accounts into scan chunks: %w", err)
	}
	return ranges, nil
}

// Plan splits a scan as of asOf into chunks and inserts their jobs in one
// transaction. The chunk jobs are unique by (as-of, index), so planning the
// same scan twice (a retried plan job) inserts nothing new. It returns the
// number of chunks.
func (s *Service) Plan(ctx context.Context, jobs *river.Client[pgx.Tx], asOf time.Time) (int, error) {
	if jobs == nil {
		return 0, errors.New("churn scan: no River client to insert chunk jobs with")
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("error beginning churn scan plan: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit
	ranges, err := Ranges(ctx, tx, s.cfg.ChunkSize)
	if err != nil {
		return 0, err
	}
	params := make([]river.InsertManyParams, len(ranges))
	for i, r := range ranges {
		params[i] = river.InsertManyParams{Args: jobargs.ChurnScanChunk{AsOf: asOf, Index: i, FromID: r.From, ToID: r.To}}
	}
	if len(params) > 0 {
		if _, err := jobs.InsertManyTx(ctx, tx, params); err != nil {
			return 0, fmt.Errorf("error inserting churn scan chunks: %w", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, fmt.Errorf("error committing churn scan plan: %w", err)
	}
	s.cfg.Logger.InfoContext(ctx, "churn scan planned", "as_of", asOf, "chunks", len(ranges))
	return len(ranges), nil
}

// ChunkResult counts what one chunk did.
type ChunkResult struct {
	Assessed int
	Opened   int
	Updated  int
	Resolved int
	Declined int
	// ByLevel counts the assessments by level.
	ByLevel map[churn.Level]int
}

// RunChunk assesses the accounts with ids in [fromID, toID] as of asOf and
// reconciles their churn alerts, all in one transaction.
func (s *Service) RunChunk(ctx context.Context, asOf time.Time, fromID, toID int) (ChunkResult, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return ChunkResult{}, fmt.Errorf("error beginning churn scan chunk %d–%d: %w", fromID, toID, err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit
	res, err := s.runChunk(ctx, tx, asOf, fromID, toID)
	if err != nil {
		return ChunkResult{}, err
	}
	if err := tx.Commit(ctx); err != nil {
		return ChunkResult{}, fmt.Errorf("error committing churn scan chunk %d–%d: %w", fromID, toID, err)
	}
	if s.cfg.ChunkPause > 0 {
		select {
		case <-time.After(s.cfg.ChunkPause):
		case <-ctx.Done():
		}
	}
	return res, nil
}

func (s *Service) runChunk(ctx context.Context, tx pgx.Tx, asOf time.Time, fromID, toID int) (ChunkResult, error) {
	// Lock the chunk's open alerts first: a concurrent scan of the same
	// range (another as-of, another node) waits here and then sees this
	// one's outcome rather than deciding from the same stale state.
	open, err := lockOpenAlerts(ctx, tx, fromID, toID)
	if err != nil {
		return ChunkResult{}, err
	}
	facts, accounts, err := GatherFacts(ctx, tx, asOf, fromID, toID)
	if err != nil {
		return ChunkResult{}, err
	}
	assessed := make([]churn.Assessment, len(facts))
	res := ChunkResult{Assessed: len(facts), ByLevel: map[churn.Level]int{}}
	for i := range facts {
		assessed[i] = churn.Evaluate(s.cfg.Model, facts[i])
		res.ByLevel[assessed[i].Level]++
	}
	decisions := churn.Reconcile(open, assessed, s.cfg.Model.AlertMinLevel)
	model := s.cfg.Model
	if model.ResponseDays, err = loadResponseDays(ctx, tx, s.cfg.Model); err != nil {
		return ChunkResult{}, err
	}
	w := writer{tx: tx, asOf: asOf, model: model, accounts: indexAccounts(accounts)}
	if err := w.apply(ctx, decisions, &res); err != nil {
		return ChunkResult{}, fmt.Errorf("error applying churn decisions of accounts %d–%d: %w", fromID, toID, err)
	}
	return res, nil
}

func indexAccounts(accounts []Account) map[int]Account {
	m := make(map[int]Account, len(accounts))
	for _, a := range accounts {
		m[a.ID] = a
	}
	return m
}

// loadResponseDays reads each class's response time from the class
// policies (admins edit them), falling back to the model's defaults.
func loadResponseDays(ctx context.Context, q database.Querier, model churn.Config) (churn.ByClass[int], error) {
	days := model.ResponseDays
	rows, err := q.Query(ctx, `SELECT class, alert_response_days FROM class_policies`)
	if err != nil {
		return days, fmt.Errorf("error reading alert response days: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var class string
		var n int
		if err := rows.Scan(&class, &n); err != nil {
			return days, fmt.Errorf("error reading alert response days: %w", err)
		}
		switch churn.Class(class) {
		case churn.ClassS:
			days.S = n
		case churn.ClassA:
			days.A = n
		case churn.ClassB:
			days.B = n
		case churn.ClassC:
			days.C = n
		}
	}
	return days, rows.Err()
}
