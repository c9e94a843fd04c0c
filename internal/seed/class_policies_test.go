package seed_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

// A production database, never seeded, gets the four default class
// policies at install; an admin's edits survive later starts; the demo seed
// still runs on top.
func TestEnsureClassPolicies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.NewPool(t)
	n, err := seed.EnsureClassPolicies(ctx, pool)
	require.NoError(t, err)
	require.Equal(t, 4, n)
	var label string
	require.NoError(t, pool.QueryRow(ctx, `SELECT label FROM class_policies WHERE class = 'S'`).Scan(&label))
	require.Equal(t, "战略客户", label)

	_, err = pool.Exec(ctx, `UPDATE class_policies SET contact_cadence_days = 14 WHERE class = 'S'`)
	require.NoError(t, err)
	n, err = seed.EnsureClassPolicies(ctx, pool)
	require.NoError(t, err)
	require.Zero(t, n)
	var days int
	require.NoError(t, pool.QueryRow(ctx, `SELECT contact_cadence_days FROM class_policies WHERE class = 'S'`).Scan(&days))
	require.Equal(t, 14, days)

	_, err = seed.Run(viewer.System(ctx, "test"), pool, seed.Options{Accounts: 20, Seed: 1})
	require.NoError(t, err)
}
