package testdb

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestSweepStaleDirs(t *testing.T) {
	t.Parallel()

	dead := exec.Command("true")
	require.NoError(t, dead.Run())
	deadPID := strconv.Itoa(dead.Process.Pid)
	alivePID := strconv.Itoa(os.Getpid())

	root := t.TempDir()
	mkdir := func(name string, files map[string]string, age time.Duration) string {
		dir := filepath.Join(root, name)
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "pgdata"), 0o700))
		for file, content := range files {
			require.NoError(t, os.WriteFile(filepath.Join(dir, file), []byte(content), 0o600))
		}
		mtime := time.Now().Add(-age)
		require.NoError(t, os.Chtimes(dir, mtime, mtime))
		return dir
	}

	deadOwner := mkdir("summit-test-pg-1", map[string]string{ownerFile: deadPID}, 0)
	aliveOwner := mkdir("summit-test-pg-2", map[string]string{ownerFile: alivePID}, time.Hour)
	serverStillRunning := mkdir("summit-test-pg-3", map[string]string{ownerFile: deadPID, "pgdata/postmaster.pid": alivePID + "\n"}, 0)
	newWithoutOwner := mkdir("summit-test-pg-4", nil, time.Minute)
	oldWithoutOwner := mkdir("summit-test-pg-5", nil, time.Hour)
	notOurs := mkdir("other-1", map[string]string{ownerFile: deadPID}, time.Hour)

	removed := sweepStaleDirs(root, time.Now())
	require.ElementsMatch(t, []string{deadOwner, oldWithoutOwner}, removed)
	require.NoDirExists(t, deadOwner)
	require.NoDirExists(t, oldWithoutOwner)
	for _, dir := range []string{aliveOwner, serverStillRunning, newWithoutOwner, notOurs} {
		require.DirExists(t, dir)
	}
}
