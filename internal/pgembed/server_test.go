package pgembed

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

// testDataDir returns a fresh folder for a server. Not t.TempDir: its parent
// is created mode 0700 and, when tests run as root, the postgres user could
// not traverse it.
func testDataDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "pgembed-test-*")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}

// syncBuffer is a goroutine-safe log sink that outlives the test, unlike
// t.Log, which panics when the server's exit is logged after the test ended.
type syncBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testLogger returns a debug logger whose output is shown when the test fails.
func testLogger(t *testing.T) (*slog.Logger, *syncBuffer) {
	t.Helper()
	buf := &syncBuffer{}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("pgembed log:\n%s", buf.String())
		}
	})
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

// testConfig returns a throwaway config on a fresh folder.
func testConfig(t *testing.T) Config {
	t.Helper()
	logger, _ := testLogger(t)
	return Config{DataDir: testDataDir(t), Logger: logger, Throwaway: true}
}

func startTestServer(t *testing.T, cfg Config) *Server {
	t.Helper()
	srv, err := Start(t.Context(), cfg)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, srv.Stop(context.Background())) })
	return srv
}

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), url)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}

func queryString(t *testing.T, conn *pgx.Conn, sql string, args ...any) string {
	t.Helper()
	var s string
	require.NoError(t, conn.QueryRow(t.Context(), sql, args...).Scan(&s))
	return s
}

func requireProcessGone(t *testing.T, pid int, within time.Duration) {
	t.Helper()
	require.Eventually(t, func() bool { return !processAlive(pid) }, within, 20*time.Millisecond,
		"process %d still alive after %s", pid, within)
}

func TestStart(t *testing.T) {
	t.Parallel()

	ctx := t.Context()

	t.Run("Throwaway", func(t *testing.T) {
		t.Parallel()

		cfg := testConfig(t)
		srv := startTestServer(t, cfg)

		conn := connect(t, srv.URL())
		require.Contains(t, queryString(t, conn, "SELECT version()"), "PostgreSQL")
		require.Equal(t, "summit", queryString(t, conn, "SELECT current_database()"))
		require.Equal(t, "summit", queryString(t, conn, "SELECT current_user"))
		require.Equal(t, "off", queryString(t, conn, "SHOW fsync"))
		require.Equal(t, "off", queryString(t, conn, "SHOW synchronous_commit"))
		require.Equal(t, "off", queryString(t, conn, "SHOW full_page_writes"))
		require.Equal(t, "UTF8", queryString(t, conn, "SHOW server_encoding"))

		absDir, err := filepath.Abs(cfg.DataDir)
		require.NoError(t, err)
		require.Equal(t, absDir, srv.DataDir())
		require.Equal(t, absDir, srv.SocketDir())
		require.FileExists(t, filepath.Join(srv.SocketDir(), ".s.PGSQL."+strconv.Itoa(srv.Port())))
		require.NotZero(t, srv.Port())
		require.Contains(t, srv.URL(), fmt.Sprintf("@127.0.0.1:%d/summit?sslmode=disable", srv.Port()))

		// The Unix socket works too (trust auth, no password).
		sockConn := connect(t, fmt.Sprintf("host=%s port=%d user=summit dbname=postgres", srv.SocketDir(), srv.Port()))
		require.Equal(t, "postgres", queryString(t, sockConn, "SELECT current_database()"))

		// Another database on the same server.
		otherConn := connect(t, srv.URLForDatabase("postgres"))
		require.Equal(t, "postgres", queryString(t, otherConn, "SELECT current_database()"))

		require.NoError(t, srv.Stop(ctx))
		require.NoError(t, srv.Stop(ctx), "Stop is idempotent")
		select {
		case <-srv.Done():
		default:
			require.FailNow(t, "Done not closed after Stop")
		}
		require.NoError(t, srv.Wait())
		requireProcessGone(t, srv.PID(), time.Second)
		require.NoFileExists(t, filepath.Join(cfg.DataDir, pgdataDir, "postmaster.pid"))
	})

	t.Run("SecretsStayOutOfLogs", func(t *testing.T) {
		t.Parallel()

		cfg := testConfig(t)
		logger, logs := testLogger(t)
		cfg.Logger = logger
		srv := startTestServer(t, cfg)

		password, err := os.ReadFile(filepath.Join(cfg.DataDir, passwordFile))
		require.NoError(t, err)
		secret := strings.TrimSpace(string(password))
		require.Contains(t, srv.URL(), secret)

		require.NotContains(t, srv.RedactedURL(), secret)
		require.Contains(t, srv.RedactedURL(), "summit:xxxxx@")
		require.Equal(t, srv.RedactedURL(), srv.String())
		require.NotContains(t, fmt.Sprintf("%v %+v", srv, srv), secret)

		require.NoError(t, srv.Stop(ctx))
		require.Contains(t, logs.String(), "postgres ready")
		require.NotContains(t, logs.String(), secret)
	})

	t.Run("RestartReusesDataAndPassword", func(t *testing.T) {
		t.Parallel()

		// Durable (the default): also covers the non-throwaway settings.
		cfg := testConfig(t)
		cfg.Throwaway = false

		srv, err := Start(ctx, cfg)
		require.NoError(t, err)
		conn := connect(t, srv.URL())
		require.Equal(t, "on", queryString(t, conn, "SHOW fsync"))
		_, err = conn.Exec(ctx, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('hello')")
		require.NoError(t, err)
		require.NoError(t, conn.Close(ctx))
		firstURL := srv.URL()
		require.NoError(t, srv.Stop(ctx))

		passwordPath := filepath.Join(cfg.DataDir, passwordFile)
		info, err := os.Stat(passwordPath)
		require.NoError(t, err)
		require.Equal(t, os.FileMode(0o600), info.Mode().Perm())
		require.Equal(t, os.Getuid(), int(info.Sys().(*syscall.Stat_t).Uid), "password file belongs to the invoking user")
		password, err := os.ReadFile(passwordPath)
		require.NoError(t, err)

		srv = startTestServer(t, cfg)
		require.Equal(t, strings.Split(firstURL, "@")[0], strings.Split(srv.URL(), "@")[0], "same user and password")
		require.Contains(t, srv.URL(), strings.TrimSpace(string(password)))
		conn = connect(t, srv.URL())
		require.Equal(t, "hello", queryString(t, conn, "SELECT v FROM kept"))
	})

	t.Run("RemoveDataDirOnStop", func(t *testing.T) {
		t.Parallel()

		cfg := testConfig(t)
		cfg.RemoveDataDirOnStop = true
		srv, err := Start(ctx, cfg)
		require.NoError(t, err)
		require.DirExists(t, cfg.DataDir)
		require.NoError(t, srv.Stop(ctx))
		require.NoDirExists(t, cfg.DataDir)
	})

	t.Run("SettingsAndDatabase", func(t *testing.T) {
		t.Parallel()

		cfg := testConfig(t)
		cfg.Database = "other db"
		cfg.Settings = map[string]string{"work_mem": "7MB", "fsync": "on", "application_name": "with space"}
		srv := startTestServer(t, cfg)

		conn := connect(t, srv.URL())
		require.Equal(t, "other db", queryString(t, conn, "SELECT current_database()"))
		require.Equal(t, "7MB", queryString(t, conn, "SHOW work_mem"))
		require.Equal(t, "on", queryString(t, conn, "SHOW fsync"), "Settings override Throwaway")
		require.Equal(t, "off", queryString(t, conn, "SHOW full_page_writes"))
	})

	t.Run("LongSocketPathFallsBackToTCP", func(t *testing.T) {
		t.Parallel()

		cfg := testConfig(t)
		require.NoError(t, os.Chmod(cfg.DataDir, 0o755)) // Traversable by the postgres user.
		// Missing parents are created traversable too.
		cfg.DataDir = filepath.Join(cfg.DataDir, "parent", strings.Repeat("d", 100))
		logger, logs := testLogger(t)
		cfg.Logger = logger
		srv := startTestServer(t, cfg)

		require.Empty(t, srv.SocketDir())
		require.Contains(t, logs.String(), "listening on TCP only")
		conn := connect(t, srv.URL())
		require.Equal(t, "", queryString(t, conn, "SHOW unix_socket_directories"))
	})

	t.Run("StalePostmasterPID", func(t *testing.T) {
		t.Parallel()

		cfg := testConfig(t)
		srv, err := Start(ctx, cfg)
		require.NoError(t, err)
		pidFile := filepath.Join(cfg.DataDir, pgdataDir, "postmaster.pid")
		content, err := os.ReadFile(pidFile)
		require.NoError(t, err)
		require.NoError(t, srv.Stop(ctx))

		// What a kill -9 of the whole process tree leaves behind, with a PID
		// that is dead, or that got reused by a live process that is no
		// postgres (our own PID), which Postgres itself would not start over.
		_, rest, _ := strings.Cut(string(content), "\n")
		for _, pid := range []int{deadPID(t), os.Getpid()} {
			require.NoError(t, os.WriteFile(pidFile, []byte(strconv.Itoa(pid)+"\n"+rest), 0o600))

			srv := startTestServer(t, cfg)
			conn := connect(t, srv.URL())
			require.Equal(t, "summit", queryString(t, conn, "SELECT current_database()"))
			require.NoError(t, conn.Close(ctx))
			require.NoError(t, srv.Stop(ctx))
		}
	})

	t.Run("DataDirInUse", func(t *testing.T) {
		t.Parallel()

		cfg := testConfig(t)
		srv := startTestServer(t, cfg)

		_, err := Start(ctx, cfg)
		require.ErrorIs(t, err, ErrDataDirInUse)
		require.ErrorContains(t, err, fmt.Sprintf("data folder %s is in use by PID %d", srv.DataDir(), srv.PID()))

		// The running server was left alone.
		conn := connect(t, srv.URL())
		require.Equal(t, "summit", queryString(t, conn, "SELECT current_database()"))
	})

	t.Run("FixedPortInUse", func(t *testing.T) {
		t.Parallel()

		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		defer l.Close()
		port := l.Addr().(*net.TCPAddr).Port

		cfg := testConfig(t)
		cfg.Port = port
		_, err = Start(ctx, cfg)
		require.ErrorIs(t, err, ErrPortInUse)
		require.ErrorContains(t, err, fmt.Sprintf("port %d on 127.0.0.1 is already in use", port))
	})

	t.Run("FixedPort", func(t *testing.T) {
		t.Parallel()

		port, err := freePort()
		require.NoError(t, err)
		cfg := testConfig(t)
		cfg.Port = port
		srv := startTestServer(t, cfg)
		require.Equal(t, port, srv.Port())

		// A second server wanting the same port gets a clear error too.
		other := testConfig(t)
		other.Port = port
		_, err = Start(ctx, other)
		require.ErrorIs(t, err, ErrPortInUse)
		require.ErrorContains(t, err, strconv.Itoa(port))
	})

	t.Run("EarlyExitReportsLog", func(t *testing.T) {
		t.Parallel()

		cfg := testConfig(t)
		cfg.Settings = map[string]string{"shared_buffers": "lots"}
		_, err := Start(ctx, cfg)
		require.ErrorContains(t, err, "exited during startup")
		require.ErrorContains(t, err, `invalid value for parameter "shared_buffers": "lots"`)
	})

	t.Run("BinariesNotFound", func(t *testing.T) {
		t.Parallel()

		cfg := testConfig(t)
		empty := t.TempDir()
		cfg.BinDir = empty
		cfg.binarySearch = &binarySearch{BinDir: empty, Path: empty}
		_, err := Start(ctx, cfg)
		require.ErrorIs(t, err, ErrBinariesNotFound)
		require.ErrorContains(t, err, "apt-get install postgresql")
		require.ErrorContains(t, err, BinDirEnv)
		require.NoFileExists(t, filepath.Join(cfg.DataDir, passwordFile), "fails before touching DataDir")
	})

	t.Run("InvalidConfig", func(t *testing.T) {
		t.Parallel()

		_, err := Start(ctx, Config{})
		require.ErrorContains(t, err, "DataDir is required")
	})

	t.Run("DataDirNotTraversable", func(t *testing.T) {
		t.Parallel()

		if os.Geteuid() != 0 {
			t.Skip("only root runs postgres as another user")
		}
		locked := testDataDir(t)
		require.NoError(t, os.Chmod(locked, 0o700))

		cfg := testConfig(t)
		cfg.DataDir = filepath.Join(locked, "data")
		_, err := Start(ctx, cfg)
		require.ErrorContains(t, err, fmt.Sprintf("folder %s is not traversable by the \"postgres\" OS user", locked))
	})

	t.Run("StartTimeout", func(t *testing.T) {
		t.Parallel()

		cfg := testConfig(t)
		cfg.StartTimeout = time.Nanosecond
		_, err := Start(ctx, cfg)
		require.ErrorContains(t, err, "not accepting connections after 1ns")
		requireNoPostgresIn(t, cfg.DataDir)
	})

	t.Run("Canceled", func(t *testing.T) {
		t.Parallel()

		cfg := testConfig(t)
		ctx, cancel := context.WithTimeout(ctx, 5*time.Millisecond)
		defer cancel()
		_, err := Start(ctx, cfg)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		requireNoPostgresIn(t, cfg.DataDir)
	})
}

func TestServer_Stop(t *testing.T) {
	t.Parallel()

	ctx := t.Context()

	t.Run("EscalatesWhenServerHangs", func(t *testing.T) {
		t.Parallel()

		cfg := testConfig(t)
		cfg.StopTimeout = 100 * time.Millisecond
		cfg.RemoveDataDirOnStop = true
		srv, err := Start(ctx, cfg)
		require.NoError(t, err)

		// A stopped process ignores SIGINT and SIGQUIT until continued, but
		// not SIGKILL.
		require.NoError(t, syscall.Kill(srv.PID(), syscall.SIGSTOP))
		err = srv.Stop(ctx)
		require.ErrorContains(t, err, "did not stop after SIGINT and had to be sent SIGKILL")
		requireProcessGone(t, srv.PID(), time.Second)
		requireNoPostgresIn(t, cfg.DataDir)
		require.NoDirExists(t, cfg.DataDir, "removed once the server is gone, even a killed one")
	})

	t.Run("ContextDoneEscalatesAtOnce", func(t *testing.T) {
		t.Parallel()

		cfg := testConfig(t)
		srv, err := Start(ctx, cfg)
		require.NoError(t, err)

		require.NoError(t, syscall.Kill(srv.PID(), syscall.SIGSTOP))
		stopCtx, cancel := context.WithCancel(ctx)
		cancel()
		begin := time.Now()
		require.ErrorContains(t, srv.Stop(stopCtx), "had to be sent SIGKILL")
		require.Less(t, time.Since(begin), 10*time.Second, "did not wait for StopTimeout (30s)")
		requireProcessGone(t, srv.PID(), time.Second)
	})

	t.Run("WaitReportsUnexpectedExit", func(t *testing.T) {
		t.Parallel()

		cfg := testConfig(t)
		srv := startTestServer(t, cfg)

		require.NoError(t, syscall.Kill(srv.PID(), syscall.SIGKILL))
		select {
		case <-srv.Done():
		case <-time.After(10 * time.Second):
			require.FailNow(t, "Done not closed after the server died")
		}
		err := srv.Wait()
		require.ErrorContains(t, err, "exited unexpectedly")
		require.ErrorContains(t, err, "signal: killed")
	})
}

// deadPID returns the PID of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command("true")
	require.NoError(t, cmd.Run())
	return cmd.Process.Pid
}

// requireNoPostgresIn fails when a postgres process runs in dataDir/pgdata.
func requireNoPostgresIn(t *testing.T, dataDir string) {
	t.Helper()
	pgdata := filepath.Join(dataDir, pgdataDir)
	require.Eventually(t, func() bool { return len(postgresPIDsIn(pgdata)) == 0 }, 10*time.Second, 20*time.Millisecond,
		"postgres processes still running in %s: %v", pgdata, postgresPIDsIn(pgdata))
}

func postgresPIDsIn(pgdata string) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var pids []int
	for _, entry := range entries {
		pid, err := strconv.Atoi(entry.Name())
		if err != nil {
			continue
		}
		if proc := readProc(pid); proc != nil && proc.Cwd != "" && isPostgresFor(proc, pgdata) {
			pids = append(pids, pid)
		}
	}
	return pids
}
