package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/summitkam/summit/internal/config"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/pgembed"
)

func migrate(ctx context.Context, cfg config.Config, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, logger, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeQuietly(db)
	logger.Info("migrations applied", "url", db.RedactedURL)
	return nil
}

// generateMigration diffs ent/schema against the committed migration files
// on a scratch PostgreSQL and writes a new file when they disagree.
func generateMigration(ctx context.Context, cfg config.Config, args []string) error {
	fs := flag.NewFlagSet("generate-migration", flag.ContinueOnError)
	dir := fs.String("dir", "ent/migrate/migrations", "migration folder")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("usage: summit generate-migration [--dir DIR] NAME")
	}
	tmp, err := os.MkdirTemp("", "summit-migration-dev-*")
	if err != nil {
		return fmt.Errorf("error creating scratch folder: %w", err)
	}
	srv, err := pgembed.Start(ctx, pgembed.Config{
		DataDir:             tmp,
		Throwaway:           true,
		RemoveDataDirOnStop: true,
		BinDir:              cfg.PGBinDir,
	})
	if err != nil {
		os.RemoveAll(tmp)
		return err
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = srv.Stop(stopCtx)
		os.RemoveAll(tmp)
	}()
	wrote, err := dbmigrate.Diff(ctx, srv.URL(), *dir, fs.Arg(0))
	if err != nil {
		return err
	}
	if wrote {
		fmt.Println("wrote a new migration in", *dir)
	} else {
		fmt.Println("schema and migrations agree; nothing written")
	}
	return nil
}

// openMigrated validates cfg, opens the database (embedded or DATABASE_URL)
// and brings its schema up to date: what every command that works on data
// does first.
func openMigrated(ctx context.Context, cfg config.Config) (*database.Database, *slog.Logger, error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, err
	}
	logger := cfg.Logger()
	db, err := database.Open(ctx, cfg, logger)
	if err != nil {
		return nil, nil, err
	}
	if err := dbmigrate.ApplyWithLogger(ctx, db.URL, logger); err != nil {
		closeQuietly(db)
		return nil, nil, err
	}
	return db, logger, nil
}

func closeQuietly(db *database.Database) {
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	defer cancel()
	_ = db.Close(ctx)
}
