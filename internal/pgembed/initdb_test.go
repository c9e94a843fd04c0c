package pgembed

import (
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestInitdb(t *testing.T) {
	t.Parallel()

	bins, _, err := defaultBinarySearch("").find(t.Context())
	if err != nil {
		t.Skipf("no PostgreSQL installed: %v", err)
	}
	u, err := currentServerUser()
	require.NoError(t, err)

	dataDir := testDataDir(t)
	require.NoError(t, u.chown(dataDir))
	pgdata := filepath.Join(dataDir, pgdataDir)

	// Left over by an interrupted initdb: looks like a cluster, is not one.
	tmpData := filepath.Join(dataDir, initdbTmpDir)
	require.NoError(t, os.Mkdir(tmpData, 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(tmpData, "PG_VERSION"), []byte("15\n"), 0o600))

	exists, err := clusterExists(pgdata)
	require.NoError(t, err)
	require.False(t, exists)

	require.NoError(t, initdb(t.Context(), initdbParams{
		Bins:     bins,
		DataDir:  dataDir,
		Logger:   slog.New(slog.DiscardHandler),
		NoSync:   true,
		Password: "secret",
		User:     u,
	}))

	exists, err = clusterExists(pgdata)
	require.NoError(t, err)
	require.True(t, exists)
	require.NoDirExists(t, tmpData)
	require.FileExists(t, filepath.Join(pgdata, "pg_hba.conf"))
	hba, err := os.ReadFile(filepath.Join(pgdata, "pg_hba.conf"))
	require.NoError(t, err)
	require.Contains(t, string(hba), "scram-sha-256")

	entries, err := os.ReadDir(dataDir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "password file for initdb removed")
}

func TestTail(t *testing.T) {
	t.Parallel()

	require.Equal(t, "b\nc", tail("a\nb\nc\n", 2))
	require.Equal(t, "a", tail("a", 2))
}
