package pgembed

import (
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestReadProc(t *testing.T) {
	t.Parallel()

	self := readProc(os.Getpid())
	require.NotNil(t, self)
	require.Equal(t, os.Getppid(), self.PPid)
	wd, err := os.Getwd()
	require.NoError(t, err)
	require.Equal(t, wd, self.Cwd)

	require.Nil(t, readProc(deadPID(t)))
	require.Nil(t, readProc(0))

	// A zombie counts as dead: it is only waiting to be reaped.
	cmd := exec.Command("true")
	require.NoError(t, cmd.Start())
	require.Eventually(t, func() bool { return readProc(cmd.Process.Pid) == nil }, 5*time.Second, 10*time.Millisecond)
	require.NoError(t, cmd.Wait())
}

func TestIsPostgresFor(t *testing.T) {
	t.Parallel()

	pgdata := t.TempDir()
	require.True(t, isPostgresFor(&procInfo{Comm: "postgres", Cwd: pgdata}, pgdata))
	require.True(t, isPostgresFor(&procInfo{Comm: "postmaster", Cwd: pgdata}, pgdata))
	require.True(t, isPostgresFor(&procInfo{Comm: "postgres"}, pgdata), "unreadable cwd: assume ours")
	require.False(t, isPostgresFor(&procInfo{Comm: "postgres", Cwd: "/elsewhere"}, pgdata))
	require.False(t, isPostgresFor(&procInfo{Comm: "bash", Cwd: pgdata}, pgdata))
}

func TestIsOrphan(t *testing.T) {
	t.Parallel()

	// With a recorded owner, only the owner as parent means "in use": a
	// subreaper parent is alive but did not start the server.
	require.False(t, isOrphan(&procInfo{PPid: 1234}, 1234))
	require.True(t, isOrphan(&procInfo{PPid: os.Getpid()}, 1234))
	require.True(t, isOrphan(&procInfo{PPid: 1}, 1234))

	// Without one, fall back on the parent being init or dead.
	require.True(t, isOrphan(&procInfo{PPid: 1}, 0))
	require.True(t, isOrphan(&procInfo{PPid: deadPID(t)}, 0))
	require.False(t, isOrphan(&procInfo{PPid: os.Getpid()}, 0))
}

func TestRecoverPostmasterPID(t *testing.T) {
	t.Parallel()

	ctx := t.Context()
	logger := slog.New(slog.DiscardHandler)

	setup := func(t *testing.T, content string) (dataDir, pidFile string) {
		t.Helper()
		dataDir = t.TempDir()
		require.NoError(t, os.Mkdir(filepath.Join(dataDir, pgdataDir), 0o700))
		pidFile = filepath.Join(dataDir, pgdataDir, "postmaster.pid")
		if content != "" {
			require.NoError(t, os.WriteFile(pidFile, []byte(content), 0o600))
		}
		return dataDir, pidFile
	}

	t.Run("NoFile", func(t *testing.T) {
		t.Parallel()

		dataDir, _ := setup(t, "")
		require.NoError(t, recoverPostmasterPID(ctx, logger, dataDir))
	})

	for name, content := range map[string]string{
		"DeadPID":        strconv.Itoa(deadPID(t)) + "\n/data\n",
		"NotPostgresPID": strconv.Itoa(os.Getpid()) + "\n/data\n",
		"Garbled":        "\x00\x00",
		"Empty":          "\n",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			dataDir, pidFile := setup(t, content)
			require.NoError(t, recoverPostmasterPID(ctx, logger, dataDir))
			require.NoFileExists(t, pidFile)
		})
	}
}

func TestShutdownOrphan(t *testing.T) {
	t.Parallel()

	// sleep dies of SIGINT like a postgres finishing its fast shutdown.
	cmd := exec.Command("sleep", "60")
	require.NoError(t, cmd.Start())
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()

	require.NoError(t, shutdownOrphan(t.Context(), cmd.Process.Pid))
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		require.FailNow(t, "process not gone")
	}
	require.NoError(t, shutdownOrphan(t.Context(), cmd.Process.Pid), "already gone")
}
