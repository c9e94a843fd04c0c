package txn_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/txn"
	"github.com/summitkam/summit/internal/viewer"
)

func TestMain(m *testing.M) {
	testdb.SetupTemplate(dbmigrate.Apply)
	os.Exit(testdb.RunMain(m))
}

type noteArgs struct {
	Note string `json:"note"`
}

func (noteArgs) Kind() string { return "txn_test_note" }

type testBundle struct {
	pool   *pgxpool.Pool
	runner *txn.Runner
	ctx    context.Context
}

func setup(t *testing.T) *testBundle {
	t.Helper()
	pool := testdb.NewPool(t)
	runner, err := txn.New(pool, nil)
	require.NoError(t, err)
	return &testBundle{pool: pool, runner: runner, ctx: viewer.System(context.Background(), "test")}
}

func categoryCount(t *testing.T, pool *pgxpool.Pool, name string) int {
	t.Helper()
	var n int
	require.NoError(t, pool.QueryRow(context.Background(), "SELECT count(*) FROM categories WHERE name = $1", name).Scan(&n))
	return n
}

func TestRunCommitsEntWritesAndJobsTogether(t *testing.T) {
	t.Parallel()
	b := setup(t)

	err := b.runner.Run(b.ctx, func(ctx context.Context, tx *txn.Tx) error {
		// Resolvers reach the unit through the context only.
		if _, err := ent.FromContext(ctx).Category.Create().SetCode("c1").SetName("committed").Save(ctx); err != nil {
			return err
		}
		_, err := txn.InserterFromContext(ctx).Insert(ctx, noteArgs{Note: "committed"}, nil)
		return err
	})
	require.NoError(t, err)

	require.Equal(t, 1, categoryCount(t, b.pool, "committed"))
	rivertest.RequireInserted(b.ctx, t, riverpgxv5.New(b.pool), noteArgs{Note: "committed"}, nil)
}

func TestRunRollsBackEntWritesAndJobsTogether(t *testing.T) {
	t.Parallel()
	b := setup(t)
	failure := errors.New("resolver failed")

	err := b.runner.Run(b.ctx, func(ctx context.Context, tx *txn.Tx) error {
		if _, err := tx.Client.Category.Create().SetCode("c2").SetName("rolled back").Save(ctx); err != nil {
			return err
		}
		if _, err := tx.Insert(ctx, noteArgs{Note: "rolled back"}, nil); err != nil {
			return err
		}
		// Inside the unit, River sees its own uncommitted job.
		rivertest.RequireInsertedTx[*riverpgxv5.Driver](ctx, t, tx.Pgx(), noteArgs{Note: "rolled back"}, nil)
		return failure
	})
	require.ErrorIs(t, err, failure)

	require.Zero(t, categoryCount(t, b.pool, "rolled back"))
	rivertest.RequireNotInserted(b.ctx, t, riverpgxv5.New(b.pool), noteArgs{Note: "rolled back"}, nil)
}

func TestRunRollsBackOnPanic(t *testing.T) {
	t.Parallel()
	b := setup(t)

	require.Panics(t, func() {
		_ = b.runner.Run(b.ctx, func(ctx context.Context, tx *txn.Tx) error {
			if _, err := tx.Insert(ctx, noteArgs{Note: "panicked"}, nil); err != nil {
				return err
			}
			panic("boom")
		})
	})
	rivertest.RequireNotInserted(b.ctx, t, riverpgxv5.New(b.pool), noteArgs{Note: "panicked"}, nil)
}

func TestInsertManyInUnit(t *testing.T) {
	t.Parallel()
	b := setup(t)

	require.NoError(t, b.runner.Run(b.ctx, func(ctx context.Context, tx *txn.Tx) error {
		_, err := txn.InserterFromContext(ctx).InsertMany(ctx, []river.InsertManyParams{
			{Args: noteArgs{Note: "one"}}, {Args: noteArgs{Note: "two"}},
		})
		return err
	}))
	rivertest.RequireManyInserted(b.ctx, t, riverpgxv5.New(b.pool), []rivertest.ExpectedJob{
		{Args: noteArgs{Note: "one"}}, {Args: noteArgs{Note: "two"}},
	})
}

func TestPgxTxSavepoints(t *testing.T) {
	t.Parallel()
	b := setup(t)

	require.NoError(t, b.runner.Run(b.ctx, func(ctx context.Context, tx *txn.Tx) error {
		top := tx.Pgx()
		require.ErrorIs(t, top.Commit(ctx), txn.ErrOwnedTx)
		require.ErrorIs(t, top.Rollback(ctx), txn.ErrOwnedTx)

		// A nested transaction rolled back undoes only its own work.
		nested, err := top.Begin(ctx)
		require.NoError(t, err)
		_, err = tx.Insert(ctx, noteArgs{Note: "outer"}, nil)
		require.NoError(t, err)
		_, err = nested.Exec(ctx, "INSERT INTO categories (created_at, updated_at, code, name) VALUES (now(), now(), 'undone', 'undone')")
		require.NoError(t, err)
		require.NoError(t, nested.Rollback(ctx))
		require.ErrorIs(t, nested.Rollback(ctx), pgx.ErrTxClosed)

		// A committed one stays, and a deferred Rollback after it is harmless.
		kept, err := top.Begin(ctx)
		require.NoError(t, err)
		_, err = kept.Exec(ctx, "INSERT INTO categories (created_at, updated_at, code, name) VALUES (now(), now(), 'kept', 'kept')")
		require.NoError(t, err)
		require.NoError(t, kept.Commit(ctx))
		require.ErrorIs(t, kept.Rollback(ctx), pgx.ErrTxClosed)

		// ent sees what the pgx side wrote: one session, one transaction.
		n, err := tx.Client.Category.Query().Count(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, n)
		return nil
	}))
	require.Zero(t, categoryCount(t, b.pool, "undone"))
	require.Equal(t, 1, categoryCount(t, b.pool, "kept"))
}

func TestUnitBehavesLikeAnEntTransaction(t *testing.T) {
	t.Parallel()
	b := setup(t)

	require.NoError(t, b.runner.Run(b.ctx, func(ctx context.Context, tx *txn.Tx) error {
		_, err := ent.FromContext(ctx).Tx(ctx)
		require.ErrorIs(t, err, ent.ErrTxStarted)
		require.NotNil(t, ent.TxFromContext(ctx))
		// Raw SQL through ent (sql/execquery) runs in the unit too.
		_, err = tx.Client.ExecContext(ctx, "INSERT INTO categories (created_at, updated_at, code, name) VALUES (now(), now(), 'raw', 'raw')")
		require.NoError(t, err)
		return nil
	}))
	require.Equal(t, 1, categoryCount(t, b.pool, "raw"))
}

func TestInserterWithoutUnit(t *testing.T) {
	t.Parallel()
	_, err := txn.InserterFromContext(context.Background()).Insert(context.Background(), noteArgs{}, nil)
	require.ErrorIs(t, err, txn.ErrNoUnitOfWork)
}
