package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/accountfacts"
	"github.com/summitkam/summit/internal/pgembed"
)

// `summit repair-aggregates` finds aggregates that drifted from the facts
// and rebuilds them.
func TestE2ERepairAggregates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	external, err := pgembed.Start(ctx, pgembed.Config{
		DataDir: filepath.Join(traversableTempDir(t), "external"), Throwaway: true, RemoveDataDirOnStop: true,
	})
	require.NoError(t, err)
	t.Cleanup(func() { _ = external.Stop(context.Background()) })
	env := []string{"DATABASE_URL=" + external.URL(), "SUMMIT_DATA_DIR=" + filepath.Join(t.TempDir(), "unused")}
	summitCommand(t, env, "seed", "--accounts", "60")

	pool, err := pgxpool.New(ctx, external.URL())
	require.NoError(t, err)
	defer pool.Close()
	_, err = pool.Exec(ctx, `DELETE FROM account_monthly_facts WHERE account_id IN (SELECT id FROM accounts ORDER BY id LIMIT 2)`)
	require.NoError(t, err)
	differing, err := accountfacts.Verify(ctx, pool)
	require.NoError(t, err)
	require.Positive(t, differing)

	out, _ := summitCommand(t, env, "repair-aggregates")
	require.Contains(t, out, "rebuilt account_monthly_facts")
	differing, err = accountfacts.Verify(ctx, pool)
	require.NoError(t, err)
	require.Zero(t, differing, "after repair-aggregates")
}
