package main

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/pgembed"
)

// countRows answers a count query on the database at url.
func countRows(t *testing.T, url, query string) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	defer conn.Close(ctx)
	var n int
	require.NoError(t, conn.QueryRow(ctx, query).Scan(&n), query)
	return n
}

// The backup procedure of docs/operations.md, run once: pg_dump of a
// database with a computed review cycle and River's job history, pg_restore
// into a new database, Summit started on it: the same accounts, the same
// cycle and results, the same River jobs, and the old service token works.
func TestE2EBackupRestore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pg, err := pgembed.Start(ctx, pgembed.Config{
		DataDir: filepath.Join(traversableTempDir(t), "pg"), Throwaway: true, RemoveDataDirOnStop: true,
	})
	require.NoError(t, err)
	t.Cleanup(func() { _ = pg.Stop(context.Background()) })
	base := []string{"SUMMIT_DATA_DIR=" + filepath.Join(t.TempDir(), "unused"), "SUMMIT_LOG_LEVEL=warn", "SUMMIT_REVIEW_SCHEDULE=off"}
	env := append([]string{"DATABASE_URL=" + pg.URL()}, base...)
	summitCommand(t, env, "seed", "--accounts", "200")
	token, _ := summitCommand(t, env, "token", "create", "--role", "ADMIN", "--name", "backup", "--expires", "1d")
	token = strings.TrimSpace(token)

	r := startSummit(t, env)
	r.useToken(token)
	res := r.graphql(t, `{ gradingModels(first: 1, where: {key: "computer_maker_scorecard"}) { edges { node { versions { id } } } } }`)
	require.Empty(t, res.Errors)
	versionID := res.Data["gradingModels"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["versions"].([]any)[0].(map[string]any)["id"]
	res = r.graphql(t, fmt.Sprintf(`mutation { startReviewCycle(scope: ALL, modelVersionID: %q, name: "before backup") { id } }`, versionID))
	require.Empty(t, res.Errors)
	cycleID := res.Data["startReviewCycle"].(map[string]any)["id"].(string)
	cycleStatus := func(r *runningSummit) string {
		res := r.graphql(t, fmt.Sprintf(`{ node(id: %q) { ... on ReviewCycle { status } } }`, cycleID))
		require.Empty(t, res.Errors)
		return res.Data["node"].(map[string]any)["status"].(string)
	}
	deadline := time.Now().Add(90 * time.Second)
	for cycleStatus(r) != "IN_REVIEW" {
		require.True(t, time.Now().Before(deadline), "the cycle was not computed:\n%s", r.output.String())
		time.Sleep(200 * time.Millisecond)
	}
	r.stop(t, syscall.SIGINT)

	// docs/operations.md "Backup and restore".
	dump := filepath.Join(t.TempDir(), "summit.dump")
	out, err := exec.Command(filepath.Join(pg.BinDir(), "pg_dump"), "--format=custom", "--file="+dump, "--dbname="+pg.URL()).CombinedOutput()
	require.NoError(t, err, string(out))
	conn, err := pgx.Connect(ctx, pg.URL())
	require.NoError(t, err)
	_, err = conn.Exec(ctx, "CREATE DATABASE summit_restored")
	require.NoError(t, err)
	require.NoError(t, conn.Close(ctx))
	restoredURL := pg.URLForDatabase("summit_restored")
	out, err = exec.Command(filepath.Join(pg.BinDir(), "pg_restore"), "--no-owner", "--exit-on-error", "--dbname="+restoredURL, dump).CombinedOutput()
	require.NoError(t, err, string(out))

	for _, q := range []string{
		"SELECT count(*) FROM accounts",
		"SELECT count(*) FROM review_results",
		"SELECT count(*) FROM river_job",
		"SELECT count(*) FROM river_job WHERE state = 'completed'",
		"SELECT count(*) FROM audit_events",
		"SELECT count(*) FROM summit_schema_migrations",
	} {
		require.Equal(t, countRows(t, pg.URL(), q), countRows(t, restoredURL, q), q)
	}
	require.Positive(t, countRows(t, restoredURL, "SELECT count(*) FROM river_job WHERE kind = 'review_chunk'"), "River's tables are in the dump")

	restored := startSummit(t, append([]string{"DATABASE_URL=" + restoredURL}, base...))
	restored.useToken(token)
	require.Equal(t, 200, totalAccounts(t, restored))
	require.Equal(t, "IN_REVIEW", cycleStatus(restored))
	// River works on the restored database: a new cycle is computed.
	res = restored.graphql(t, fmt.Sprintf(`mutation { startReviewCycle(scope: ALL, modelVersionID: %q, name: "after restore") { id } }`, versionID))
	require.Empty(t, res.Errors)
	cycleID = res.Data["startReviewCycle"].(map[string]any)["id"].(string)
	deadline = time.Now().Add(90 * time.Second)
	for cycleStatus(restored) != "IN_REVIEW" {
		require.True(t, time.Now().Before(deadline), "no job ran on the restored database:\n%s", restored.output.String())
		time.Sleep(200 * time.Millisecond)
	}
	restored.stop(t, syscall.SIGINT)
}
