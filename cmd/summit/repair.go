package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/summitkam/summit/internal/accountfacts"
	"github.com/summitkam/summit/internal/config"
)

// repairAggregates rebuilds the per-account monthly fact aggregates from the
// fact tables: after a restore or a load that bypassed their triggers.
// Writers of facts wait while it runs.
func repairAggregates(ctx context.Context, cfg config.Config, args []string) error {
	fs := flag.NewFlagSet("repair-aggregates", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, logger, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeQuietly(db)
	res, err := accountfacts.Rebuild(ctx, db.Pool)
	if err != nil {
		return err
	}
	logger.Info("aggregates rebuilt", "rows", res.Rows, "differing_before", res.Differing, "elapsed", res.Duration)
	fmt.Printf("rebuilt account_monthly_facts: %d rows, %d were wrong or missing before, in %s\n",
		res.Rows, res.Differing, res.Duration.Round(1e6))
	return nil
}
