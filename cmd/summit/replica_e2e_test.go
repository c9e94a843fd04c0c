package main

import (
	"context"
	"io"
	"net/http"
	"os"
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

// startReplica builds a streaming replica of primary with pg_basebackup
// (-R: it follows the primary) and starts it.
func startReplica(t *testing.T, primary *pgembed.Server) *pgembed.Server {
	t.Helper()
	dataDir := filepath.Join(traversableTempDir(t), "replica")
	require.NoError(t, os.MkdirAll(dataDir, 0o755))
	out, err := exec.Command(filepath.Join(primary.BinDir(), "pg_basebackup"), "--dbname="+primary.URL(),
		"--pgdata="+filepath.Join(dataDir, "pgdata"), "--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast").CombinedOutput()
	require.NoError(t, err, string(out))
	// The replica answers with the primary's password (the same roles).
	password, err := os.ReadFile(filepath.Join(primary.DataDir(), "password"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dataDir, "password"), password, 0o600))
	replica, err := pgembed.Start(context.Background(), pgembed.Config{DataDir: dataDir, Throwaway: true, RemoveDataDirOnStop: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = replica.Stop(context.Background()) })
	return replica
}

func queryReplica(t *testing.T, url, sql string, dest ...any) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	defer conn.Close(ctx)
	require.NoError(t, conn.QueryRow(ctx, sql).Scan(dest...), sql)
}

// Exports read from SUMMIT_DATABASE_REPLICA_URL, a real streaming replica:
// while the replica's replay is paused, a new account is visible to the
// request that wrote it and to the API (the primary) but not yet in the
// export; once replay resumes, the export shows it.
func TestE2EReadReplica(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	primary, err := pgembed.Start(ctx, pgembed.Config{
		DataDir: filepath.Join(traversableTempDir(t), "primary"), Throwaway: true, RemoveDataDirOnStop: true,
	})
	require.NoError(t, err)
	t.Cleanup(func() { _ = primary.Stop(context.Background()) })
	env := []string{"DATABASE_URL=" + primary.URL(), "SUMMIT_DATA_DIR=" + filepath.Join(t.TempDir(), "unused"),
		"SUMMIT_LOG_LEVEL=warn", "SUMMIT_REVIEW_SCHEDULE=off"}
	summitCommand(t, env, "seed", "--accounts", "150")
	token, _ := summitCommand(t, env, "token", "create", "--role", "ADMIN", "--name", "replica", "--expires", "1d")

	replica := startReplica(t, primary)
	var inRecovery bool
	queryReplica(t, replica.URL(), "SELECT pg_is_in_recovery()", &inRecovery)
	require.True(t, inRecovery, "the replica is a standby")

	r := startSummit(t, append(env, "SUMMIT_DATABASE_REPLICA_URL="+replica.URL()))
	r.useToken(strings.TrimSpace(token))
	exported := func() string {
		req, err := http.NewRequest(http.MethodGet, r.url+"/api/exports/accounts?format=csv&lang=en", nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", r.header.Get("Authorization"))
		resp, err := r.client.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
		return string(body)
	}
	require.NotContains(t, exported(), "REPLICA-1")

	queryReplica(t, replica.URL(), "SELECT pg_wal_replay_pause()::text", new(string))
	res := r.graphql(t, `mutation { createAccount(input: {code: "REPLICA-1", name: "Replica probe", kind: B2B}) { id code } }`)
	require.Empty(t, res.Errors)
	require.Equal(t, "REPLICA-1", res.Data["createAccount"].(map[string]any)["code"], "the write is read back from the primary")
	res = r.graphql(t, `{ accounts(first: 1, where: {code: "REPLICA-1"}) { totalCount } }`)
	require.Empty(t, res.Errors)
	require.Equal(t, 1.0, res.Data["accounts"].(map[string]any)["totalCount"], "the API reads its own writes from the primary")
	require.NotContains(t, exported(), "REPLICA-1", "the export reads the (paused) replica")

	queryReplica(t, replica.URL(), "SELECT pg_wal_replay_resume()::text", new(string))
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(exported(), "REPLICA-1") {
		require.True(t, time.Now().Before(deadline), "the replica never caught up")
		time.Sleep(200 * time.Millisecond)
	}
	r.stop(t, syscall.SIGINT)
}
