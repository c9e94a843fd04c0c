// Command summit is the whole of Summit in one binary:
//
//	summit serve     HTTP API + SPA (starts an embedded PostgreSQL when DATABASE_URL is unset)
//	summit work      run background jobs only (a worker node: River, no HTTP)
//	summit migrate   apply Summit's and River's migrations, then exit
//	summit seed      write a deterministic demo data set into an empty database
//	summit token     create, list and revoke service tokens (bearer credentials for scripts)
//	summit import    import a CSV or XLSX file of accounts, contacts or facts
//	summit repair-aggregates   rebuild the per-account fact aggregates from the facts
//	summit generate-migration NAME   (development) write a migration for ent/schema changes
//
// Configuration comes from the environment (see README.md) and flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/summitkam/summit/internal/config"
)

const usage = `usage: summit <command> [flags]

commands:
  serve                     run the HTTP server (API + app) and the background jobs
  work                      run the background jobs only (a worker node)
  migrate                   apply database migrations and exit
  seed                      seed demo data into an empty database
  token create|revoke|list  manage service tokens (bearer credentials for scripts)
  import FILE --kind KIND   import a CSV or XLSX file (accounts, orders, collections …) [--dry-run]
  repair-aggregates         rebuild the per-account fact aggregates from the facts
  generate-migration NAME   write a migration file for ent/schema changes (development)

Run 'summit <command> -h' for the flags of a command.
`

func main() {
	if err := run(os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "summit:", err)
		}
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return errors.New("no command given")
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	// The first SIGINT/SIGTERM starts a graceful shutdown; the embedded
	// PostgreSQL is stopped last, after connections are closed.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return serve(ctx, cfg, rest)
	case "work":
		return work(ctx, cfg, rest)
	case "migrate":
		return migrate(ctx, cfg, rest)
	case "seed":
		return seedCommand(ctx, cfg, rest)
	case "token":
		return tokenCommand(ctx, cfg, rest)
	case "import":
		return importCommand(ctx, cfg, rest)
	case "repair-aggregates":
		return repairAggregates(ctx, cfg, rest)
	case "generate-migration":
		return generateMigration(ctx, cfg, rest)
	case "help", "-h", "--help":
		fmt.Fprint(os.Stdout, usage)
		return nil
	default:
		fmt.Fprint(os.Stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
}
