package dbmigrate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	atlasmigrate "ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	entmigrate "github.com/summitkam/summit/ent/migrate"
)

// Diff writes a new migration file named name into dir when ent/schema and
// the files already in dir disagree, and reports whether it wrote one. It
// replays dir on devURL, which must name an empty scratch database.
func Diff(ctx context.Context, devURL, dir, name string) (bool, error) {
	local, err := atlasmigrate.NewLocalDir(dir)
	if err != nil {
		return false, fmt.Errorf("error opening migration dir %s: %w", dir, err)
	}
	db, err := sql.Open("pgx", devURL)
	if err != nil {
		return false, fmt.Errorf("error opening dev database: %w", err)
	}
	defer db.Close()
	m, err := schema.NewMigrate(entsql.OpenDB(dialect.Postgres, db),
		schema.WithDir(local),
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithDialect(dialect.Postgres),
		schema.WithFormatter(atlasmigrate.DefaultFormatter),
		schema.WithDropColumn(true),
		schema.WithDropIndex(true),
		schema.WithErrNoPlan(true),
	)
	if err != nil {
		return false, fmt.Errorf("error preparing migration diff: %w", err)
	}
	err = m.NamedDiff(ctx, name, entmigrate.Tables...)
	switch {
	case errors.Is(err, atlasmigrate.ErrNoPlan):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("error computing migration diff: %w", err)
	}
	return true, nil
}

// AddSQL writes a hand-written migration (statements Atlas does not manage,
// such as CREATE EXTENSION) named name into dir, after the existing files,
// and updates atlas.sum so the directory stays valid.
func AddSQL(dir, name, sql string) (string, error) {
	local, err := atlasmigrate.NewLocalDir(dir)
	if err != nil {
		return "", fmt.Errorf("error opening migration dir %s: %w", dir, err)
	}
	file := time.Now().UTC().Format("20060102150405") + "_" + name + ".sql"
	if err := local.WriteFile(file, []byte(sql)); err != nil {
		return "", fmt.Errorf("error writing migration %s: %w", file, err)
	}
	sum, err := local.Checksum()
	if err != nil {
		return "", fmt.Errorf("error hashing migration dir %s: %w", dir, err)
	}
	if err := atlasmigrate.WriteSumFile(local, sum); err != nil {
		return "", fmt.Errorf("error writing atlas.sum in %s: %w", dir, err)
	}
	return file, nil
}
