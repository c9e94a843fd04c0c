package pgembed

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLoadOrCreatePassword(t *testing.T) {
	t.Parallel()

	t.Run("CreatesOnceThenReuses", func(t *testing.T) {
		t.Parallel()

		dir := t.TempDir()
		password, err := loadOrCreatePassword(dir, false)
		require.NoError(t, err)
		require.Len(t, password, 26)
		require.Regexp(t, `^[A-Z2-7]+$`, password, "nothing to escape in a URL")

		info, err := os.Stat(filepath.Join(dir, passwordFile))
		require.NoError(t, err)
		require.Equal(t, os.FileMode(0o600), info.Mode().Perm())

		again, err := loadOrCreatePassword(dir, true)
		require.NoError(t, err)
		require.Equal(t, password, again)

		other, err := loadOrCreatePassword(t.TempDir(), false)
		require.NoError(t, err)
		require.NotEqual(t, password, other)

		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		require.Len(t, entries, 1, "no temporary file left behind")
	})

	t.Run("MissingForExistingCluster", func(t *testing.T) {
		t.Parallel()

		_, err := loadOrCreatePassword(t.TempDir(), true)
		require.ErrorContains(t, err, "is missing but the cluster")
	})

	t.Run("Empty", func(t *testing.T) {
		t.Parallel()

		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, passwordFile), []byte("\n"), 0o600))
		_, err := loadOrCreatePassword(dir, true)
		require.ErrorContains(t, err, "is empty")
	})
}
