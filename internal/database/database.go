// Package database opens Summit's PostgreSQL: the one named by DATABASE_URL,
// or an embedded server started from local binaries when none is given. It
// hands out both a pgx pool (River, set-based SQL) and an ent client over the
// same pool.
package database

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime"
	"strings"

	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"entgo.io/ent/dialect"

	"github.com/summitkam/summit/ent"
	// The runtime wires schema defaults, validators and hooks into the client.
	_ "github.com/summitkam/summit/ent/runtime"
	"github.com/summitkam/summit/internal/config"
	"github.com/summitkam/summit/internal/pgembed"
)

// Database is an open connection to Summit's PostgreSQL.
type Database struct {
	// URL is the connection string in use; it may hold a password, so log
	// RedactedURL instead.
	URL         string
	RedactedURL string
	Pool        *pgxpool.Pool
	Client      *ent.Client
	// Embedded is the server Summit started itself, nil with DATABASE_URL.
	Embedded *pgembed.Server
}

// Open connects to cfg.DatabaseURL or, when it is empty, starts the embedded
// server in cfg.DataDir (persistent, durable settings) and connects to it.
func Open(ctx context.Context, cfg config.Config, logger *slog.Logger) (*Database, error) {
	db := &Database{URL: cfg.DatabaseURL}
	if db.URL == "" {
		dataDir, err := filepath.Abs(cfg.DataDir)
		if err != nil {
			return nil, fmt.Errorf("error resolving data folder %s: %w", cfg.DataDir, err)
		}
		logger.Info("starting embedded PostgreSQL", "data_dir", dataDir)
		srv, err := pgembed.Start(ctx, pgembed.Config{
			DataDir: dataDir,
			Port:    cfg.PGPort,
			BinDir:  cfg.PGBinDir,
			Logger:  logger.With("component", "postgres"),
		})
		switch {
		case errors.Is(err, pgembed.ErrDataDirInUse):
			// A running `summit serve` owns the server: share it rather than
			// fail, so `summit token create` works next to `make run`.
			if db.URL, err = pgembed.Attach(dataDir, ""); err != nil {
				return nil, err
			}
			db.RedactedURL = redact(db.URL)
			logger.Info("using the embedded PostgreSQL of the running summit", "data_dir", dataDir)
		case err != nil:
			return nil, fmt.Errorf("error starting embedded PostgreSQL: %w", err)
		default:
			db.Embedded = srv
			db.URL = srv.URL()
			db.RedactedURL = srv.RedactedURL()
		}
	} else {
		db.RedactedURL = redact(db.URL)
	}
	if err := db.connect(ctx); err != nil {
		_ = db.Close(context.WithoutCancel(ctx)) // the connect error is the one to report
		return nil, err
	}
	return db, nil
}

// DefaultMaxConns is the pool size of a node whose DATABASE_URL sets no
// pool_max_conns: pgx's own default (4 on a 2-core machine) starves a node
// that serves requests and works River jobs from one pool. See
// docs/operations.md for sizing PostgreSQL's max_connections to the nodes.
func DefaultMaxConns() int32 { return int32(max(16, 4*runtime.NumCPU())) }

func (db *Database) connect(ctx context.Context) error {
	cfg, err := pgxpool.ParseConfig(db.URL)
	if err != nil {
		return fmt.Errorf("error parsing the connection string of %s: %w", db.RedactedURL, err)
	}
	if !strings.Contains(db.URL, "pool_max_conns") {
		cfg.MaxConns = DefaultMaxConns()
	}
	// Summit's statements are short (a screen's page, a chunk of a scan):
	// JIT compilation costs them more than it saves (200 ms on a roll-up
	// whose cost estimate crossed jit_above_cost, for 10 ms of execution).
	// A URL that sets jit itself (options=-c jit=on) keeps its choice.
	if _, set := cfg.ConnConfig.RuntimeParams["jit"]; !set && !strings.Contains(cfg.ConnConfig.RuntimeParams["options"], "jit") {
		cfg.ConnConfig.RuntimeParams["jit"] = "off"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("error connecting to %s: %w", db.RedactedURL, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return fmt.Errorf("error connecting to %s: %w", db.RedactedURL, err)
	}
	db.Pool = pool
	db.Client = NewClient(pool)
	return nil
}

// NewClient returns an ent client that shares pool.
func NewClient(pool *pgxpool.Pool) *ent.Client {
	return ent.NewClient(ent.Driver(entsql.OpenDB(dialect.Postgres, stdlib.OpenDBFromPool(pool))))
}

// Close closes the connections and stops the embedded server, if any.
func (db *Database) Close(ctx context.Context) error {
	var errs []error
	if db.Client != nil {
		errs = append(errs, db.Client.Close())
	}
	if db.Pool != nil {
		db.Pool.Close()
	}
	if db.Embedded != nil {
		if err := db.Embedded.Stop(ctx); err != nil {
			errs = append(errs, fmt.Errorf("error stopping embedded PostgreSQL: %w", err))
		}
	}
	return errors.Join(errs...)
}

// Redact hides the password of a connection string for logs.
func Redact(databaseURL string) string { return redact(databaseURL) }

// redact hides the password of a connection string for logs.
func redact(databaseURL string) string {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return "(unparseable DATABASE_URL)"
	}
	cc := cfg.ConnConfig
	return fmt.Sprintf("postgres://%s@%s:%d/%s", cc.User, cc.Host, cc.Port, cc.Database)
}
