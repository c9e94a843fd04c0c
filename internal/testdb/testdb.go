package testdb

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/summitkam/summit/internal/pgembed"
)

// EnvDatabaseURL names the environment variable holding the URL of an
// existing server to use instead of starting one.
const EnvDatabaseURL = "TEST_DATABASE_URL"

// TemplateFunc builds the schema in the template database at databaseURL,
// typically by applying all migrations. It runs once per test binary, before
// the first database is cloned. It must close its connections before
// returning; any left open are terminated.
type TemplateFunc func(ctx context.Context, databaseURL string) error

// Timeouts. Starting includes initdb and SetupTemplate's migrations.
const (
	startTimeout = 2 * time.Minute
	opTimeout    = time.Minute
)

// harness is the per-binary state. A single package-level value, because
// the server is shared by all tests of the binary.
type harness struct {
	mu        sync.Mutex
	inMain    bool
	setup     TemplateFunc
	setupUsed bool

	started   bool  // start attempted; startErr is its result
	startErr  error // memoised, so that a broken setup fails every test fast
	server    *pgembed.Server
	serverURL string
	admin     *pgxpool.Pool // CREATE/DROP DATABASE

	templateBuilt bool
	templateErr   error
	template      string
	cloneOptions  string // extra CREATE DATABASE options

	// cloneMu serialises CREATE DATABASE ... TEMPLATE: Postgres rejects two
	// concurrent clones of one template ("source database is being accessed
	// by other users").
	cloneMu sync.Mutex
	names   *namer
}

var h = &harness{names: newNamer()}

// SetupTemplate registers how to build the schema every test database starts
// with. Call it from TestMain, before RunMain. Without it, test databases are
// empty.
func SetupTemplate(fn TemplateFunc) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.setupUsed {
		panic("testdb: SetupTemplate called after the template was built; call it in TestMain before RunMain")
	}
	h.setup = fn
}

// RunMain runs the tests and then tears the test server down (or, with
// TEST_DATABASE_URL, drops this binary's template). Use it from TestMain:
//
//	func TestMain(m *testing.M) {
//		testdb.SetupTemplate(dbmigrate.Apply)
//		os.Exit(testdb.RunMain(m))
//	}
//
// The exit code is m.Run's, or 1 when the teardown fails. Nothing is started
// when no test asks for a database.
func RunMain(m *testing.M) (code int) {
	h.mu.Lock()
	h.inMain = true
	h.mu.Unlock()

	// Deferred so that it also runs when m.Run panics. A test panicking in its
	// own goroutine kills the process without running it: pgembed's
	// parent-death signal then stops the server, and sweepStaleDirs removes
	// the folder later.
	defer func() {
		if err := h.teardown(); err != nil {
			fmt.Fprintf(os.Stderr, "testdb: %v\n", err)
			if code == 0 {
				code = 1
			}
		}
	}()
	return m.Run()
}

// DB is a database of its own for one test, cloned from the template and
// dropped when the test ends. Get one from New.
type DB struct {
	// Name is the database name.
	Name string

	// URL is the database's connection URL.
	URL string

	t      testing.TB
	poolMu sync.Mutex
	pool   *pgxpool.Pool
}

// New returns a new database for the test, cloned from the template, dropped
// when the test and its subtests end.
func New(t testing.TB) *DB {
	t.Helper()

	admin, template, err := h.prepare()
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}

	name := h.names.Next()
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()

	h.cloneMu.Lock()
	_, err = admin.Exec(ctx, "CREATE DATABASE "+ident(name)+" TEMPLATE "+ident(template)+h.cloneOptions)
	h.cloneMu.Unlock()
	if err != nil {
		t.Fatalf("testdb: error creating database %s from template %s: %v", name, template, err)
	}

	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
		defer cancel()
		// FORCE: connections the test forgot to close must not make it fail.
		if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+ident(name)+" WITH (FORCE)"); err != nil {
			t.Errorf("testdb: error dropping database %s: %v", name, err)
		}
	})

	return &DB{Name: name, URL: databaseURL(h.serverURL, name), t: t}
}

// Pool returns a connection pool to the database, created on first call and
// closed when the test ends.
func (db *DB) Pool() *pgxpool.Pool {
	if db.t == nil {
		panic("testdb: DB.Pool needs a DB returned by testdb.New, which knows the test to close the pool with")
	}
	db.t.Helper()

	db.poolMu.Lock()
	defer db.poolMu.Unlock()
	if db.pool == nil {
		pool, err := pgxpool.New(context.Background(), db.URL)
		if err != nil {
			db.t.Fatalf("testdb: error creating pool for %s: %v", db.Name, err)
		}
		// Registered after New's drop, so it runs before it.
		db.t.Cleanup(pool.Close)
		db.pool = pool
	}
	return db.pool
}

// NewPool is New(t).Pool(), for tests that only need a pool.
func NewPool(t testing.TB) *pgxpool.Pool {
	t.Helper()
	return New(t).Pool()
}

// Server returns the URL of the test server itself (TEST_DATABASE_URL, or
// the embedded server's default database), for tests that manage databases
// on their own. Databases they create are theirs to drop.
func Server(t testing.TB) string {
	t.Helper()

	h.mu.Lock()
	defer h.mu.Unlock()
	if err := h.ensureServer(); err != nil {
		t.Fatalf("testdb: %v", err)
	}
	return h.serverURL
}

// prepare starts the server and builds the template, once.
func (h *harness) prepare() (*pgxpool.Pool, string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := h.ensureServer(); err != nil {
		return nil, "", err
	}
	if err := h.ensureTemplate(); err != nil {
		return nil, "", err
	}
	return h.admin, h.template, nil
}

// ensureServer must be called with h.mu held.
func (h *harness) ensureServer() error {
	if !h.inMain {
		// Without RunMain nothing would stop the server nor remove its folder.
		return errors.New("TestMain must call testdb.RunMain(m): see the testdb package documentation")
	}
	if !h.started {
		h.started = true
		h.startErr = h.start()
	}
	return h.startErr
}

func (h *harness) start() error {
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()

	if url := os.Getenv(EnvDatabaseURL); url != "" {
		h.serverURL = url
	} else {
		sweepStaleDirs(os.TempDir(), time.Now())

		dir, err := os.MkdirTemp("", tempDirPattern)
		if err != nil {
			return fmt.Errorf("error creating folder for the test server: %w", err)
		}
		if err := writeOwner(dir); err != nil {
			_ = os.RemoveAll(dir)
			return fmt.Errorf("error writing %s: %w", ownerFile, err)
		}

		logger := slog.New(slog.DiscardHandler)
		if os.Getenv("SUMMIT_TESTDB_DEBUG") != "" {
			logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
		}
		server, err := pgembed.Start(ctx, pgembed.Config{
			DataDir:             dir,
			Logger:              logger,
			RemoveDataDirOnStop: true,
			Throwaway:           true,
		})
		if err != nil {
			_ = os.RemoveAll(dir)
			return fmt.Errorf("error starting the test server (or set %s to use an existing one): %w", EnvDatabaseURL, err)
		}
		h.server = server
		h.serverURL = server.URL()
	}

	admin, err := pgxpool.New(ctx, h.serverURL)
	if err == nil {
		err = admin.Ping(ctx)
	}
	if err != nil {
		return fmt.Errorf("error connecting to the test server %s: %w", redact(h.serverURL), err)
	}
	h.admin = admin

	// On our throwaway server, copying files (and checkpointing, cheap with
	// fsync off) clones about twice as fast as Postgres 15's default of
	// WAL-logging every block. Left alone on a shared server, whose
	// durability settings are unknown.
	if h.server != nil {
		var version int
		if err := admin.QueryRow(ctx, "SELECT current_setting('server_version_num')::int").Scan(&version); err != nil {
			return fmt.Errorf("error reading server version: %w", err)
		}
		if version >= 150000 {
			h.cloneOptions = " STRATEGY FILE_COPY"
		}
	}
	return nil
}

// ensureTemplate must be called with h.mu held, after ensureServer.
func (h *harness) ensureTemplate() error {
	if !h.templateBuilt {
		h.templateBuilt = true
		h.setupUsed = true
		h.templateErr = h.buildTemplate()
	}
	return h.templateErr
}

func (h *harness) buildTemplate() error {
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()

	name := h.names.Template()
	if _, err := h.admin.Exec(ctx, "CREATE DATABASE "+ident(name)); err != nil {
		return fmt.Errorf("error creating template database %s: %w", name, err)
	}
	// Recorded now so that teardown drops it even if the setup fails.
	h.template = name

	if h.setup != nil {
		if err := h.setup(ctx, databaseURL(h.serverURL, name)); err != nil {
			return fmt.Errorf("error setting up template database %s: %w", name, err)
		}
	}

	// Nobody may stay connected to the template, or cloning fails: refuse new
	// connections, then end those the setup left open.
	if _, err := h.admin.Exec(ctx, "ALTER DATABASE "+ident(name)+" WITH ALLOW_CONNECTIONS false"); err != nil {
		return fmt.Errorf("error locking template database %s: %w", name, err)
	}
	if _, err := h.admin.Exec(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name); err != nil {
		return fmt.Errorf("error disconnecting from template database %s: %w", name, err)
	}
	return nil
}

func (h *harness) teardown() error {
	h.mu.Lock()
	defer h.mu.Unlock()

	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()

	var errs []error
	if h.admin != nil {
		// An embedded server disappears with its folder; only a shared one
		// needs cleaning.
		if h.server == nil && h.template != "" {
			if _, err := h.admin.Exec(ctx, "DROP DATABASE IF EXISTS "+ident(h.template)+" WITH (FORCE)"); err != nil {
				errs = append(errs, fmt.Errorf("error dropping template database %s: %w", h.template, err))
			}
		}
		h.admin.Close()
		h.admin = nil
	}
	if h.server != nil {
		if err := h.server.Stop(ctx); err != nil {
			errs = append(errs, fmt.Errorf("error stopping the test server: %w", err))
		}
		h.server = nil
	}
	return errors.Join(errs...)
}

func ident(name string) string { return pgx.Identifier{name}.Sanitize() }

// databaseURL returns serverURL pointing at database name instead. serverURL
// may be a URL or a keyword/value connection string.
func databaseURL(serverURL, name string) string {
	if u, err := url.Parse(serverURL); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Path = "/" + name
		u.RawPath = ""
		// A dbname parameter would override the path.
		q := u.Query()
		if q.Has("dbname") {
			q.Del("dbname")
			u.RawQuery = q.Encode()
		}
		return u.String()
	}
	// In keyword/value strings the last occurrence of a keyword wins.
	return strings.TrimSpace(serverURL) + " dbname=" + name
}

// redact hides the password of a URL for error messages.
func redact(serverURL string) string {
	if u, err := url.Parse(serverURL); err == nil && u.Scheme != "" {
		return u.Redacted()
	}
	return "(connection string)"
}
