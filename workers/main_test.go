package workers_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/gradingmodel"
	"github.com/summitkam/summit/ent/gradingmodelversion"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/txn"
	"github.com/summitkam/summit/internal/viewer"
	"github.com/summitkam/summit/workers"
)

func TestMain(m *testing.M) {
	// The crash test re-executes this binary as a worker process to kill.
	if url := os.Getenv(crashChildEnv); url != "" {
		os.Exit(runCrashChild(url))
	}
	if url := os.Getenv(importCrashChildEnv); url != "" {
		os.Exit(runImportCrashChild(url))
	}
	if url := os.Getenv(churnCrashChildEnv); url != "" {
		os.Exit(runChurnCrashChild(url))
	}
	if url := os.Getenv(churnBenchChildEnv); url != "" {
		os.Exit(runChurnBenchChild(url))
	}
	// The benchmark measures a worker process of its own.
	if url := os.Getenv(benchChildEnv); url != "" {
		os.Exit(runBenchChild(url))
	}
	testdb.SetupTemplate(dbmigrate.Apply)
	os.Exit(testdb.RunMain(m))
}

// asOf is the seed's "today": metrics are taken as of it.
var asOf = seed.DefaultAsOf

type testBundle struct {
	ctx    context.Context
	pool   *pgxpool.Pool
	client *ent.Client
	runner *txn.Runner
}

// setup seeds accounts and publishes a preset model for scope ALL; it
// returns the bundle and the published version's id.
func setup(t *testing.T, accounts int, preset string) (*testBundle, int) {
	t.Helper()
	ctx := viewer.System(context.Background(), "test")
	db := testdb.New(t)
	pool := db.Pool()
	_, err := seed.Run(ctx, pool, seed.Options{Accounts: accounts, Seed: 7})
	require.NoError(t, err)
	runner, err := txn.New(pool, nil)
	require.NoError(t, err)
	b := &testBundle{ctx: ctx, pool: pool, client: database.NewClient(pool), runner: runner}
	return b, b.publish(t, preset)
}

func (b *testBundle) publish(t *testing.T, key string) int {
	t.Helper()
	p, ok := grading.LookupPreset(key)
	require.True(t, ok)
	model := b.client.GradingModel.Create().SetKey(key).SetName(p.NameZH).
		SetKind(gradingmodel.Kind(stringsToUpper(string(p.Kind)))).SaveX(b.ctx)
	return b.client.GradingModelVersion.Create().SetModelID(model.ID).SetNumber(1).SetConfig(p.Config).
		SetStatus(gradingmodelversion.StatusPUBLISHED).SetPublishedAt(time.Now()).SaveX(b.ctx).ID
}

func stringsToUpper(s string) string {
	out := []byte(s)
	for i, c := range out {
		if c >= 'a' && c <= 'z' {
			out[i] = c - 'a' + 'A'
		}
	}
	return string(out)
}

// start starts a manual cycle the way the API does: in a unit of work that
// also enqueues its start job.
func (b *testBundle) start(t *testing.T, name string, versionID int) int {
	t.Helper()
	id, err := startCycle(b, name, versionID)
	require.NoError(t, err)
	return id
}

func startCycle(b *testBundle, name string, versionID int) (int, error) {
	var id int
	err := b.runner.Run(b.ctx, func(ctx context.Context, tx *txn.Tx) error {
		c, err := review.StartCycle(ctx, tx.Client, tx, review.StartInput{Name: name, ModelVersionID: versionID, AsOf: asOf})
		if err != nil {
			return err
		}
		id = c.ID
		return nil
	})
	return id, err
}

// startWorkers starts a River client with every worker; it stops with the test.
func startWorkers(t *testing.T, pool *pgxpool.Pool, cfg workers.Config) *river.Client[pgx.Tx] {
	t.Helper()
	if cfg.ReviewSchedule == "" {
		cfg.ReviewSchedule = review.Off
	}
	client, err := workers.NewClient(pool, cfg)
	require.NoError(t, err)
	require.NoError(t, client.Start(context.Background()))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		require.NoError(t, workers.Stop(ctx, client))
	})
	return client
}

func cycleStatus(t *testing.T, pool *pgxpool.Pool, id int) string {
	t.Helper()
	var status string
	require.NoError(t, pool.QueryRow(context.Background(), "SELECT status FROM review_cycles WHERE id = $1", id).Scan(&status))
	return status
}

func waitStatus(t *testing.T, pool *pgxpool.Pool, id int, want string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		status := cycleStatus(t, pool, id)
		if status == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("review cycle %d is %s after %s, want %s", id, status, timeout, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func queryInt(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, pool.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

// resultRow is everything a review decides about one account.
type resultRow struct {
	AccountID   int
	Previous    string
	Proposed    string
	Level       string
	Score       *float64
	Status      string
	Explanation json.RawMessage
}

func results(t *testing.T, pool *pgxpool.Pool, cycleID int) []resultRow {
	t.Helper()
	rows, err := pool.Query(context.Background(), `
		SELECT account_id, coalesce(previous_class, ''), proposed_class, coalesce(level_label, ''), score, status, explanation
		FROM review_results WHERE cycle_id = $1 ORDER BY account_id`, cycleID)
	require.NoError(t, err)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (resultRow, error) {
		var r resultRow
		err := row.Scan(&r.AccountID, &r.Previous, &r.Proposed, &r.Level, &r.Score, &r.Status, &r.Explanation)
		return r, err
	})
	require.NoError(t, err)
	return out
}

func unmarshalArgs(raw []byte, v any) error { return json.Unmarshal(raw, v) }
