package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/summitkam/summit/internal/config"
	"github.com/summitkam/summit/internal/seed"
)

func seedCommand(ctx context.Context, cfg config.Config, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	accounts := fs.Int("accounts", 3000, "number of accounts to generate")
	seedValue := fs.Uint64("seed", 1, "random seed; the same seed gives the same data")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *accounts <= 0 {
		return fmt.Errorf("--accounts must be positive, got %d", *accounts)
	}
	db, logger, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeQuietly(db)
	stats, err := seed.Run(ctx, db.Pool, seed.Options{Accounts: *accounts, Seed: *seedValue, AsOf: today(), Logger: logger})
	if err != nil {
		return err
	}
	fmt.Printf("seeded %d accounts in %s\n", *accounts, stats.Duration.Round(1e6))
	return nil
}
