// Package dbmigrate applies Summit's versioned migrations (generated from
// ent/schema, embedded in the binary) and River's, and generates new ones.
package dbmigrate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/summitkam/summit/ent/migrate/migrations"
)

// lockKey serializes migrators: two `summit serve` starting at once must not
// both apply the same file.
const lockKey = 0x53554d4d4954 // "SUMMIT"

const createTrackingTable = `CREATE TABLE IF NOT EXISTS summit_schema_migrations (
	version    text PRIMARY KEY,
	checksum   text NOT NULL,
	applied_at timestamptz NOT NULL DEFAULT now()
)`

// File is one migration file.
type File struct {
	Version  string // the file name without .sql, e.g. 20261122083000_init
	SQL      string
	Checksum string // sha256 of the content
}

// Files returns the embedded migrations in the order they apply.
func Files() ([]File, error) {
	return filesFrom(migrations.FS)
}

func filesFrom(fsys fs.FS) ([]File, error) {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, fmt.Errorf("error listing migrations: %w", err)
	}
	sort.Strings(names)
	files := make([]File, 0, len(names))
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("error reading migration %s: %w", name, err)
		}
		sum := sha256.Sum256(b)
		files = append(files, File{Version: strings.TrimSuffix(name, ".sql"), SQL: string(b), Checksum: hex.EncodeToString(sum[:])})
	}
	return files, nil
}

// Apply brings the database at databaseURL up to date: Summit's migrations,
// then River's. It is safe to run concurrently and repeatedly. A file that was
// applied and later edited is an error, not a silent skip.
func Apply(ctx context.Context, databaseURL string) error {
	return ApplyWithLogger(ctx, databaseURL, slog.New(slog.DiscardHandler))
}

// ApplyWithLogger is Apply reporting each applied file to logger.
func ApplyWithLogger(ctx context.Context, databaseURL string, logger *slog.Logger) error {
	files, err := Files()
	if err != nil {
		return err
	}
	pool, err := pgxpool.New(ctx, databaseURL)
	if err != nil {
		return fmt.Errorf("error connecting to apply migrations: %w", err)
	}
	defer pool.Close()

	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("error connecting to apply migrations: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", lockKey); err != nil {
		return fmt.Errorf("error taking the migration lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", lockKey) //nolint:errcheck

	if _, err := conn.Exec(ctx, createTrackingTable); err != nil {
		return fmt.Errorf("error creating summit_schema_migrations: %w", err)
	}
	applied, err := appliedVersions(ctx, conn.Conn())
	if err != nil {
		return err
	}
	for _, f := range files {
		if sum, ok := applied[f.Version]; ok {
			if sum != f.Checksum {
				return fmt.Errorf("migration %s was changed after it was applied (checksum %s, applied %s): add a new migration instead", f.Version, f.Checksum[:12], sum[:12])
			}
			continue
		}
		if err := applyFile(ctx, conn.Conn(), f); err != nil {
			return err
		}
		logger.InfoContext(ctx, "applied migration", "version", f.Version)
	}

	migrator, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return fmt.Errorf("error creating River migrator: %w", err)
	}
	res, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return fmt.Errorf("error applying River migrations: %w", err)
	}
	for _, v := range res.Versions {
		logger.InfoContext(ctx, "applied River migration", "version", v.Version)
	}
	return nil
}

func appliedVersions(ctx context.Context, conn *pgx.Conn) (map[string]string, error) {
	rows, err := conn.Query(ctx, "SELECT version, checksum FROM summit_schema_migrations")
	if err != nil {
		return nil, fmt.Errorf("error reading applied migrations: %w", err)
	}
	applied := map[string]string{}
	for rows.Next() {
		var v, sum string
		if err := rows.Scan(&v, &sum); err != nil {
			return nil, fmt.Errorf("error reading applied migrations: %w", err)
		}
		applied[v] = sum
	}
	return applied, rows.Err()
}

// applyFile runs one file and records it in one transaction, so a failure
// leaves neither half a schema nor a record of it.
func applyFile(ctx context.Context, conn *pgx.Conn, f File) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return fmt.Errorf("error starting migration %s: %w", f.Version, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck
	// The simple protocol runs the file's many statements in one round trip.
	if _, err := tx.Conn().PgConn().Exec(ctx, f.SQL).ReadAll(); err != nil {
		return fmt.Errorf("error applying migration %s: %w", f.Version, err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO summit_schema_migrations (version, checksum) VALUES ($1, $2)", f.Version, f.Checksum); err != nil {
		return fmt.Errorf("error recording migration %s: %w", f.Version, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("error committing migration %s: %w", f.Version, err)
	}
	return nil
}

// Pending returns the versions not yet applied to the database (all of them
// when it was never migrated). /readyz is ready only when this is empty.
func Pending(ctx context.Context, conn *pgx.Conn) ([]string, error) {
	files, err := Files()
	if err != nil {
		return nil, err
	}
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT to_regclass('summit_schema_migrations') IS NOT NULL").Scan(&exists); err != nil {
		return nil, fmt.Errorf("error checking migrations: %w", err)
	}
	applied := map[string]string{}
	if exists {
		if applied, err = appliedVersions(ctx, conn); err != nil {
			return nil, err
		}
	}
	var pending []string
	for _, f := range files {
		if _, ok := applied[f.Version]; !ok {
			pending = append(pending, f.Version)
		}
	}
	return pending, nil
}
