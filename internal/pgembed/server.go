package pgembed

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

const (
	// maxSocketPathLen keeps the socket path within sockaddr_un.sun_path (108
	// bytes on Linux, less elsewhere) with some margin.
	maxSocketPathLen = 100

	// logTailLines is how much of the server's log goes into start errors.
	logTailLines = 20

	// freePortAttempts bounds retries when an automatically picked port gets
	// taken between picking it and Postgres binding it.
	freePortAttempts = 3

	readyPollInterval = 25 * time.Millisecond
)

var errStartTimeout = errors.New("StartTimeout elapsed")

// Server is a running PostgreSQL server, child of the calling process.
type Server struct {
	binDir    string
	config    *Config
	dataDir   string
	logs      *logBuffer
	password  string
	pgdata    string
	port      int
	process   *os.Process
	socketDir string

	done     chan struct{} // closed once the process has exited
	exitErr  error         // cmd.Wait's result; written before done is closed
	ready    atomic.Bool   // set once started: earlier exits are reported by Start
	stopping atomic.Bool   // set by Stop, so an exit is not reported as unexpected

	stopOnce sync.Once
	stopErr  error
}

// Start starts a PostgreSQL server as described by config, initialising the
// cluster on first use, and returns once it accepts connections and
// config.Database exists.
//
// ctx bounds the start only; the server runs until Stop is called or the
// calling process exits.
func Start(ctx context.Context, config Config) (*Server, error) {
	cfg := config.WithDefaults()
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("invalid pgembed config: %w", err)
	}
	begin := time.Now()
	logger := cfg.Logger

	search := defaultBinarySearch(cfg.BinDir)
	if cfg.binarySearch != nil {
		search = *cfg.binarySearch
	}
	bins, warnings, err := search.find(ctx)
	for _, warning := range warnings {
		logger.WarnContext(ctx, "pgembed: "+warning)
	}
	if err != nil {
		return nil, err
	}

	// Before initdb, which takes a while, so a taken port fails fast.
	if cfg.Port != 0 {
		if err := checkPortFree(cfg.Port); err != nil {
			return nil, err
		}
	}

	dataDir, err := filepath.Abs(cfg.DataDir)
	if err != nil {
		return nil, fmt.Errorf("error resolving DataDir %s: %w", cfg.DataDir, err)
	}
	pgdata := filepath.Join(dataDir, pgdataDir)

	user, err := currentServerUser()
	if err != nil {
		return nil, err
	}
	if err := prepareDataDir(dataDir, user); err != nil {
		return nil, err
	}

	exists, err := clusterExists(pgdata)
	if err != nil {
		return nil, err
	}
	// First, so that a folder in use is left untouched.
	if exists {
		if err := recoverPostmasterPID(ctx, logger, dataDir); err != nil {
			return nil, err
		}
	}
	password, err := loadOrCreatePassword(dataDir, exists)
	if err != nil {
		return nil, fmt.Errorf("error starting postgres in %s: %w", dataDir, err)
	}
	if !exists {
		err := initdb(ctx, initdbParams{
			Bins:     bins,
			DataDir:  dataDir,
			Logger:   logger,
			NoSync:   cfg.Throwaway,
			Password: password,
			User:     user,
		})
		if err != nil {
			return nil, err
		}
	}
	// The server refuses a data folder others can read; and a cluster
	// initialised by another user (a non-root run) must become the server
	// user's.
	if err := user.chownTree(pgdata); err != nil {
		return nil, err
	}
	if err := os.Chmod(pgdata, 0o700); err != nil {
		return nil, fmt.Errorf("error restricting access to %s: %w", pgdata, err)
	}

	var srv *Server
	for attempt := 1; ; attempt++ {
		port := cfg.Port
		if port == 0 {
			if port, err = freePort(); err != nil {
				return nil, err
			}
		}
		srv, err = launch(ctx, launchParams{
			Bins:     bins,
			Config:   cfg,
			DataDir:  dataDir,
			Password: password,
			Port:     port,
			User:     user,
		})
		if err == nil {
			break
		}
		if cfg.Port == 0 && errors.Is(err, ErrPortInUse) && attempt < freePortAttempts {
			logger.InfoContext(ctx, "pgembed: picked port got taken, retrying with another", slog.Int("port", port))
			continue
		}
		return nil, err
	}

	if err := srv.createDatabase(ctx, cfg.Database); err != nil {
		_ = srv.shutdown(context.Background())
		return nil, fmt.Errorf("error starting postgres in %s: %w", dataDir, err)
	}

	logger.InfoContext(ctx, "pgembed: postgres ready",
		slog.String("url", srv.RedactedURL()),
		slog.String("data_dir", dataDir),
		slog.Int("pid", srv.PID()),
		slog.Duration("took", time.Since(begin)))
	return srv, nil
}

// prepareDataDir creates dataDir and makes sure the server user can use it.
func prepareDataDir(dataDir string, user *serverUser) error {
	// Missing parents are made traversable: created 0700, they would lock
	// out the server user when running as root.
	if err := os.MkdirAll(filepath.Dir(dataDir), 0o755); err != nil {
		return fmt.Errorf("error creating DataDir %s: %w", dataDir, err)
	}
	if err := os.Mkdir(dataDir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("error creating DataDir %s: %w", dataDir, err)
	}
	info, err := os.Stat(dataDir)
	if err != nil {
		return fmt.Errorf("error checking DataDir %s: %w", dataDir, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("DataDir %s is not a folder", dataDir)
	}
	if err := user.checkTraversable(dataDir); err != nil {
		return err
	}
	// The server writes its socket (and initdb its cluster) in there.
	return user.chown(dataDir)
}

type launchParams struct {
	Bins     *binaries
	Config   *Config
	DataDir  string
	Password string
	Port     int
	User     *serverUser
}

// launch starts the postgres process and waits until it accepts connections.
func launch(ctx context.Context, p launchParams) (*Server, error) {
	cfg, logger := p.Config, p.Config.Logger

	socketDir := p.DataDir
	if socketPath := filepath.Join(socketDir, ".s.PGSQL."+strconv.Itoa(p.Port)); len(socketPath) > maxSocketPathLen {
		logger.InfoContext(ctx, "pgembed: socket path too long, listening on TCP only",
			slog.String("socket_path", socketPath), slog.Int("max_len", maxSocketPathLen))
		socketDir = ""
	}

	args := []string{
		"-D", filepath.Join(p.DataDir, pgdataDir),
		"-c", "listen_addresses=" + listenHost,
		"-c", "port=" + strconv.Itoa(p.Port),
		"-c", "unix_socket_directories=" + socketDir,
	}
	settings := cfg.serverSettings()
	for _, key := range slices.Sorted(maps.Keys(settings)) {
		args = append(args, "-c", key+"="+settings[key])
	}

	// SIGINT asks for a fast shutdown: sessions are rolled back and a
	// checkpoint is written, so the next start needs no crash recovery.
	deathSig := syscall.SIGINT
	if cfg.disablePdeathsig {
		deathSig = 0
	}

	// The client tools sit next to the real server binary, not next to a
	// symlink to it (a /usr/local/bin/postgres -> /usr/lib/postgresql/15/bin).
	binDir := p.Bins.Dir
	if resolved, err := filepath.EvalSymlinks(p.Bins.Postgres); err == nil {
		binDir = filepath.Dir(resolved)
	}
	srv := &Server{
		binDir:    binDir,
		config:    cfg,
		dataDir:   p.DataDir,
		logs:      newLogBuffer(logger, 200),
		password:  p.Password,
		pgdata:    filepath.Join(p.DataDir, pgdataDir),
		port:      p.Port,
		socketDir: socketDir,
		done:      make(chan struct{}),
	}

	if err := writeOwner(p.DataDir); err != nil {
		return nil, err
	}
	cmd := p.User.command(p.DataDir, deathSig, p.Bins.Postgres, args...)
	cmd.Stdout = srv.logs
	cmd.Stderr = srv.logs
	// Server children inherit the output pipe; do not let one that outlives
	// the postmaster block Wait forever.
	cmd.WaitDelay = 5 * time.Second

	exited, err := startLocked(cmd)
	if err != nil {
		return nil, fmt.Errorf("error starting postgres in %s: %w", p.DataDir, err)
	}
	srv.process = cmd.Process
	go func() {
		srv.exitErr = <-exited
		close(srv.done)
		if srv.ready.Load() && !srv.stopping.Load() {
			logger.Error("pgembed: postgres exited unexpectedly",
				slog.String("data_dir", p.DataDir),
				slog.Any("error", srv.exitErr),
				slog.String("log_tail", srv.logs.Tail(logTailLines)))
		}
	}()

	if err := srv.waitReady(ctx); err != nil {
		_ = srv.shutdown(context.Background())
		return nil, err
	}
	srv.ready.Store(true)
	return srv, nil
}

// waitReady polls with real connections rather than watching the log or the
// port: only a successful query proves the server is usable (it accepts TCP
// connections while still replaying WAL, answering "starting up").
func (s *Server) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeoutCause(ctx, s.config.StartTimeout, errStartTimeout)
	defer cancel()

	connConfig, err := pgx.ParseConfig(s.URLForDatabase("postgres"))
	if err != nil {
		return fmt.Errorf("error parsing server URL: %w", err)
	}
	connConfig.ConnectTimeout = 5 * time.Second

	var lastErr error
	for {
		select {
		case <-s.done:
			return s.earlyExitError()
		default:
		}

		conn, err := pgx.ConnectConfig(ctx, connConfig)
		if err == nil {
			_, err = conn.Exec(ctx, "SELECT 1")
			_ = conn.Close(context.Background())
			if err == nil {
				return nil
			}
		}
		lastErr = err

		select {
		case <-s.done:
			return s.earlyExitError()
		case <-ctx.Done():
			if !errors.Is(context.Cause(ctx), errStartTimeout) {
				return fmt.Errorf("error starting postgres in %s: %w", s.dataDir, ctx.Err())
			}
			return fmt.Errorf("error starting postgres in %s: not accepting connections after %s (last error: %w); last lines of its log:\n%s",
				s.dataDir, s.config.StartTimeout, lastErr, s.logs.Tail(logTailLines))
		case <-time.After(readyPollInterval):
		}
	}
}

func (s *Server) earlyExitError() error {
	log := s.logs.Tail(logTailLines)
	if isAddrInUseLog(log) {
		return portInUseError(s.port, fmt.Errorf("postgres exited: %w; last lines of its log:\n%s", s.exitErr, log))
	}
	return fmt.Errorf("error starting postgres in %s: it exited during startup (%w); last lines of its log:\n%s",
		s.dataDir, s.exitErr, log)
}

func (s *Server) createDatabase(ctx context.Context, name string) error {
	conn, err := pgx.Connect(ctx, s.URLForDatabase("postgres"))
	if err != nil {
		return fmt.Errorf("error connecting to create database %q: %w", name, err)
	}
	defer conn.Close(context.Background())

	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return fmt.Errorf("error checking for database %q: %w", name, err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "42P04" { // duplicate_database: created concurrently, fine.
			return nil
		}
		return fmt.Errorf("error creating database %q: %w", name, err)
	}
	return nil
}

// URL returns the URL of Config.Database, password included. Do not log it:
// use RedactedURL.
func (s *Server) URL() string { return s.URLForDatabase(s.config.Database) }

// URLForDatabase returns the URL of database name on this server, password
// included.
func (s *Server) URLForDatabase(name string) string { return s.url(name).String() }

// RedactedURL returns URL with the password replaced by "xxxxx", for logs.
func (s *Server) RedactedURL() string { return s.url(s.config.Database).Redacted() }

// String returns RedactedURL, so that printing a Server never leaks the
// password.
func (s *Server) String() string { return s.RedactedURL() }

func (s *Server) url(database string) *url.URL {
	return &url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword(User, s.password),
		Host:     net.JoinHostPort(listenHost, strconv.Itoa(s.port)),
		Path:     "/" + database,
		RawQuery: "sslmode=disable",
	}
}

// Port returns the TCP port the server listens on, on 127.0.0.1.
func (s *Server) Port() int { return s.port }

// BinDir returns the folder of the server's binaries, where the client
// tools of the same version (pg_dump, pg_restore, pg_basebackup) live too.
func (s *Server) BinDir() string { return s.binDir }

// DataDir returns the absolute path of Config.DataDir.
func (s *Server) DataDir() string { return s.dataDir }

// SocketDir returns the folder holding the server's Unix socket, or "" when
// the path would have been too long and the server listens on TCP only.
func (s *Server) SocketDir() string { return s.socketDir }

// PID returns the process ID of the postmaster.
func (s *Server) PID() int { return s.process.Pid }

// Done returns a channel closed once the server process has exited, whether
// because of Stop or not.
func (s *Server) Done() <-chan struct{} { return s.done }

// Wait blocks until the server process exits. It returns nil when it exited
// because of Stop, and an error including the end of its log otherwise, so
// that callers can notice and report a crash.
func (s *Server) Wait() error {
	<-s.done
	if s.stopping.Load() {
		return nil
	}
	return fmt.Errorf("postgres in %s exited unexpectedly: %w; last lines of its log:\n%s",
		s.dataDir, s.exitErr, s.logs.Tail(logTailLines))
}

// Stop shuts the server down and waits for it to exit: a fast shutdown
// (SIGINT) first; if it has not exited after Config.StopTimeout, or as soon as
// ctx is done, an immediate shutdown (SIGQUIT), then SIGKILL to its whole
// process group. With Config.RemoveDataDirOnStop, DataDir is removed
// afterwards.
//
// Stop may be called several times and concurrently; later calls wait for the
// first one and return its result. It returns an error when the server had to
// be killed or the folder could not be removed.
func (s *Server) Stop(ctx context.Context) error {
	s.stopOnce.Do(func() {
		s.stopErr = s.shutdown(ctx)
		select {
		case <-s.done:
		default:
			return // Still running: removing its files would make things worse.
		}
		if s.config.RemoveDataDirOnStop {
			if err := os.RemoveAll(s.dataDir); err != nil {
				s.stopErr = errors.Join(s.stopErr, fmt.Errorf("error removing DataDir %s: %w", s.dataDir, err))
			}
		}
	})
	return s.stopErr
}

func (s *Server) shutdown(ctx context.Context) error {
	s.stopping.Store(true)

	// An immediate shutdown takes no time: a server not done after 5s (or
	// StopTimeout when shorter) is wedged.
	escalateTimeout := min(5*time.Second, s.config.StopTimeout)
	steps := []struct {
		name    string
		sig     syscall.Signal
		timeout time.Duration
		group   bool
	}{
		{"SIGINT", syscall.SIGINT, s.config.StopTimeout, false},
		{"SIGQUIT", syscall.SIGQUIT, escalateTimeout, false},
		// The whole group: backends of a wedged postmaster too.
		{"SIGKILL", syscall.SIGKILL, 5 * time.Second, true},
	}
	for i, step := range steps {
		select {
		case <-s.done:
			return nil
		default:
		}

		var err error
		if step.group {
			err = syscall.Kill(-s.process.Pid, step.sig)
		} else {
			err = s.process.Signal(step.sig)
		}
		if err != nil && !errors.Is(err, os.ErrProcessDone) && !errors.Is(err, syscall.ESRCH) {
			return fmt.Errorf("error sending %s to postgres %d: %w", step.name, s.process.Pid, err)
		}

		// Once the caller cannot wait any longer, escalate at once rather than
		// leave a server running; but SIGKILL is always waited for, so that
		// Stop never returns before the process is gone.
		hurry := ctx.Done()
		if step.group {
			hurry = nil
		}
		timer := time.NewTimer(step.timeout)
		select {
		case <-s.done:
			timer.Stop()
			if i > 0 {
				return fmt.Errorf("postgres in %s did not stop after SIGINT and had to be sent %s", s.dataDir, step.name)
			}
			return nil
		case <-timer.C:
		case <-hurry:
			timer.Stop()
		}
	}
	return fmt.Errorf("postgres %d in %s still running after SIGKILL", s.process.Pid, s.dataDir)
}
