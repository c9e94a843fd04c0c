package pgembed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// fakeBinDir creates dir holding executable files with the given names.
func fakeBinDir(t *testing.T, dir string, names ...string) string {
	t.Helper()
	require.NoError(t, os.MkdirAll(dir, 0o755))
	for _, name := range names {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"), 0o755))
	}
	return dir
}

func TestBinarySearch(t *testing.T) {
	t.Parallel()

	ctx := t.Context()

	t.Run("BinDirFirst", func(t *testing.T) {
		t.Parallel()

		root := t.TempDir()
		binDir := fakeBinDir(t, filepath.Join(root, "bindir"), "initdb", "postgres")
		inPath := fakeBinDir(t, filepath.Join(root, "path"), "initdb", "postgres")

		bins, warnings, err := binarySearch{BinDir: binDir, Path: inPath}.find(ctx)
		require.NoError(t, err)
		require.Empty(t, warnings)
		require.Equal(t, &binaries{Dir: binDir, Initdb: filepath.Join(binDir, "initdb"), Postgres: filepath.Join(binDir, "postgres")}, bins)
	})

	t.Run("BinDirWithoutBinariesWarnsAndFallsBack", func(t *testing.T) {
		t.Parallel()

		root := t.TempDir()
		inPath := fakeBinDir(t, filepath.Join(root, "path"), "initdb", "postgres")

		bins, warnings, err := binarySearch{BinDir: filepath.Join(root, "typo"), Path: inPath}.find(ctx)
		require.NoError(t, err)
		require.Equal(t, inPath, bins.Dir)
		require.Len(t, warnings, 1)
		require.Contains(t, warnings[0], "typo")
	})

	t.Run("PathInOrderAndBothBinariesInOneFolder", func(t *testing.T) {
		t.Parallel()

		root := t.TempDir()
		onlyPostgres := fakeBinDir(t, filepath.Join(root, "a"), "postgres")
		notExecutable := fakeBinDir(t, filepath.Join(root, "b"), "postgres")
		require.NoError(t, os.WriteFile(filepath.Join(notExecutable, "initdb"), nil, 0o644))
		first := fakeBinDir(t, filepath.Join(root, "c"), "initdb", "postgres")
		second := fakeBinDir(t, filepath.Join(root, "d"), "initdb", "postgres")

		path := strings.Join([]string{"", onlyPostgres, notExecutable, first, second}, string(os.PathListSeparator))
		bins, _, err := binarySearch{Path: path}.find(ctx)
		require.NoError(t, err)
		require.Equal(t, first, bins.Dir)
	})

	t.Run("PgConfigBinDir", func(t *testing.T) {
		t.Parallel()

		root := t.TempDir()
		server := fakeBinDir(t, filepath.Join(root, "server"), "initdb", "postgres")
		clients := filepath.Join(root, "clients")
		require.NoError(t, os.MkdirAll(clients, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(clients, "pg_config"), []byte("#!/bin/sh\necho "+server+"\n"), 0o755))

		bins, _, err := binarySearch{Path: clients, PgConfig: true}.find(ctx)
		require.NoError(t, err)
		require.Equal(t, server, bins.Dir)

		_, _, err = binarySearch{Path: clients}.find(ctx)
		require.ErrorIs(t, err, ErrBinariesNotFound, "pg_config not asked when disabled")
	})

	t.Run("GlobHighestVersionFirst", func(t *testing.T) {
		t.Parallel()

		root := t.TempDir()
		fakeBinDir(t, filepath.Join(root, "9.6", "bin"), "initdb", "postgres")
		fakeBinDir(t, filepath.Join(root, "10", "bin"), "initdb", "postgres")
		fakeBinDir(t, filepath.Join(root, "16", "bin"), "initdb") // Incomplete: skipped.

		bins, _, err := binarySearch{Path: t.TempDir(), Glob: filepath.Join(root, "*", "bin")}.find(ctx)
		require.NoError(t, err)
		require.Equal(t, filepath.Join(root, "10", "bin"), bins.Dir)
	})

	t.Run("NotFound", func(t *testing.T) {
		t.Parallel()

		empty := t.TempDir()
		_, _, err := binarySearch{Path: empty, Glob: filepath.Join(empty, "*", "bin")}.find(ctx)
		require.ErrorIs(t, err, ErrBinariesNotFound)
		require.EqualError(t, err, "PostgreSQL server binaries (initdb, postgres) not found in PATH, pg_config --bindir or /usr/lib/postgresql/*/bin: "+
			"install them with `apt-get install postgresql` (Debian/Ubuntu) or set SUMMIT_PG_BINDIR to the folder that holds them")

		_, _, err = binarySearch{BinDir: empty, Path: empty}.find(ctx)
		require.ErrorIs(t, err, ErrBinariesNotFound)
		require.ErrorContains(t, err, "not found in "+empty+" (set by Config.BinDir or SUMMIT_PG_BINDIR)")
	})

	t.Run("DefaultFindsInstalledServer", func(t *testing.T) {
		t.Parallel()

		bins, _, err := defaultBinarySearch("").find(ctx)
		if err != nil {
			t.Skipf("no PostgreSQL installed: %v", err)
		}
		require.FileExists(t, bins.Initdb)
		require.FileExists(t, bins.Postgres)
	})
}

func TestGlobByVersionDesc(t *testing.T) {
	t.Parallel()

	root := t.TempDir()
	for _, v := range []string{"9.6", "10", "15", "9.5", "notaversion"} {
		require.NoError(t, os.MkdirAll(filepath.Join(root, v, "bin"), 0o755))
	}
	got := globByVersionDesc(filepath.Join(root, "*", "bin"))
	for i := range got {
		got[i] = filepath.Base(filepath.Dir(got[i]))
	}
	require.Equal(t, []string{"15", "10", "9.6", "9.5", "notaversion"}, got)
}
