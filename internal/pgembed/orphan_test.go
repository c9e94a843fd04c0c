package pgembed

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Environment variables turning the test binary into a helper process that
// starts a server and then waits to be killed.
const (
	helperDirEnv         = "PGEMBED_TEST_HELPER_DIR"
	helperNoPdeathsigEnv = "PGEMBED_TEST_HELPER_NO_PDEATHSIG"
)

// TestHelperProcess is not a test: it is the helper process started by the
// tests below, which need a parent they can kill -9.
func TestHelperProcess(t *testing.T) {
	dir := os.Getenv(helperDirEnv)
	if dir == "" {
		t.Skip("helper process for other tests")
	}

	srv, err := Start(context.Background(), Config{
		DataDir:          dir,
		Throwaway:        true,
		disablePdeathsig: os.Getenv(helperNoPdeathsigEnv) != "",
	})
	if err != nil {
		fmt.Printf("ERROR %v\n", strings.ReplaceAll(err.Error(), "\n", " | "))
		os.Exit(1)
	}
	fmt.Printf("READY %d %s\n", srv.PID(), srv.URL())
	select {} // Until killed.
}

// startHelper runs TestHelperProcess on dataDir and returns once its server
// is ready.
func startHelper(t *testing.T, dataDir string, pdeathsig bool) (helper *exec.Cmd, pid int, url string) {
	t.Helper()

	helper = exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	helper.Env = append(os.Environ(), helperDirEnv+"="+dataDir)
	if !pdeathsig {
		helper.Env = append(helper.Env, helperNoPdeathsigEnv+"=1")
	}
	helper.Stderr = os.Stderr
	stdout, err := helper.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, helper.Start())
	t.Cleanup(func() {
		_ = helper.Process.Kill()
		_ = helper.Wait()
	})

	lines := make(chan string, 1)
	go func() {
		scanner := bufio.NewScanner(stdout)
		for scanner.Scan() {
			if line := scanner.Text(); strings.HasPrefix(line, "READY ") || strings.HasPrefix(line, "ERROR ") {
				lines <- line
				return
			}
		}
		close(lines)
	}()

	select {
	case line, ok := <-lines:
		require.True(t, ok, "helper exited without starting a server")
		fields := strings.Fields(line)
		require.Equal(t, "READY", fields[0], line)
		pid, err = strconv.Atoi(fields[1])
		require.NoError(t, err)
		return helper, pid, fields[2]
	case <-time.After(60 * time.Second):
		require.FailNow(t, "helper did not start its server in time")
	}
	return nil, 0, ""
}

// becomeSubreaper makes this test process adopt the orphans of its helpers,
// like systemd --user or tini would: the orphan's parent is then alive, which
// is the case where telling an orphan from a server in use needs the owner
// file. It also lets the tests reap those orphans, where this machine's init
// may not.
var becomeSubreaper = sync.OnceValue(func() error {
	const prSetChildSubreaper = 36 // PR_SET_CHILD_SUBREAPER, linux/prctl.h
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); errno != 0 {
		return errno
	}
	return nil
})

// cleanupOrphan kills pid if it still is a postgres for dataDir when the test
// ends (so that a failing test leaves nothing behind) and reaps it.
func cleanupOrphan(t *testing.T, pid int, dataDir string) {
	t.Cleanup(func() {
		if proc := readProc(pid); proc != nil && isPostgresFor(proc, filepath.Join(dataDir, pgdataDir)) {
			_ = syscall.Kill(-pid, syscall.SIGKILL)
		}
		// Only this PID: a wait on any child would steal other tests' exits.
		_, _ = syscall.Wait4(pid, nil, 0, nil)
	})
}

func killHelper(t *testing.T, helper *exec.Cmd) {
	t.Helper()
	require.NoError(t, helper.Process.Signal(syscall.SIGKILL))
	_ = helper.Wait() // Reap it, so that its PID is really gone.
}

func TestPdeathsig(t *testing.T) {
	t.Parallel()

	ctx := t.Context()

	t.Run("ServerStopsWhenParentIsKilled", func(t *testing.T) {
		t.Parallel()

		require.NoError(t, becomeSubreaper())
		dataDir := testDataDir(t)
		helper, pid, url := startHelper(t, dataDir, true)
		cleanupOrphan(t, pid, dataDir)

		conn := connect(t, url)
		_, err := conn.Exec(ctx, "CREATE TABLE survivor (v text); INSERT INTO survivor VALUES ('intact')")
		require.NoError(t, err)
		require.NoError(t, conn.Close(ctx))

		killHelper(t, helper)
		requireProcessGone(t, pid, 10*time.Second)
		requireNoPostgresIn(t, dataDir)

		// Fast shutdown (SIGINT) is clean: the data is there and no stale
		// pid file is left.
		require.NoFileExists(t, filepath.Join(dataDir, pgdataDir, "postmaster.pid"))
		cfg := testConfig(t)
		cfg.DataDir = dataDir
		srv := startTestServer(t, cfg)
		conn = connect(t, srv.URL())
		require.Equal(t, "intact", queryString(t, conn, "SELECT v FROM survivor"))
	})

	t.Run("LiveOrphanIsShutDownOnStart", func(t *testing.T) {
		t.Parallel()

		require.NoError(t, becomeSubreaper())
		dataDir := testDataDir(t)
		helper, pid, url := startHelper(t, dataDir, false)
		cleanupOrphan(t, pid, dataDir)

		conn := connect(t, url)
		_, err := conn.Exec(ctx, "CREATE TABLE survivor (v text); INSERT INTO survivor VALUES ('intact')")
		require.NoError(t, err)
		require.NoError(t, conn.Close(ctx))

		helperPID := helper.Process.Pid
		killHelper(t, helper)
		// Without a parent-death signal the server lives on as an orphan,
		// adopted by us (a live parent, but not the one that started it):
		// the situation Start must recover from.
		time.Sleep(300 * time.Millisecond)
		proc := readProc(pid)
		require.NotNil(t, proc, "orphan exited by itself: nothing left to test")
		require.NotEqual(t, helperPID, proc.PPid)
		require.Equal(t, os.Getpid(), proc.PPid, "adopted by the subreaper")

		cfg := testConfig(t)
		cfg.DataDir = dataDir
		logger, logs := testLogger(t)
		cfg.Logger = logger
		srv := startTestServer(t, cfg)
		require.Contains(t, logs.String(), "shutting down orphaned postgres")
		requireProcessGone(t, pid, time.Second)

		conn = connect(t, srv.URL())
		require.Equal(t, "intact", queryString(t, conn, "SELECT v FROM survivor"))
	})
}
