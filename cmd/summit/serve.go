package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/summitkam/summit/cmd/summit/demo"
	"github.com/summitkam/summit/cmd/summit/server"
	"github.com/summitkam/summit/internal/auth"
	"github.com/summitkam/summit/internal/config"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/seed"
)

func serve(ctx context.Context, cfg config.Config, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "HTTP listen address (SUMMIT_ADDR)")
	fs.IntVar(&cfg.DemoAccounts, "demo-accounts", cfg.DemoAccounts, "seed this many demo accounts into an empty database at start (SUMMIT_DEMO_ACCOUNTS)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	if err := cfg.ValidateLogin(); err != nil {
		return err
	}
	roleMap, err := auth.ParseRoleMap(cfg.OIDCRoleMap)
	if err != nil {
		return fmt.Errorf("SUMMIT_OIDC_ROLE_MAP: %w", err)
	}
	logger := cfg.Logger()

	// Listen before touching the database so a taken port fails in a second,
	// not after PostgreSQL has started.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("error listening on %s (set SUMMIT_ADDR or --addr to another address): %w", cfg.Addr, err)
	}
	defer ln.Close()

	db, err := database.Open(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
		defer cancel()
		if err := db.Close(stopCtx); err != nil {
			logger.Error("error closing database", "error", err)
		}
		logger.Info("stopped")
	}()
	logger.Info("database ready", "url", db.RedactedURL)

	if err := dbmigrate.ApplyWithLogger(ctx, db.URL, logger); err != nil {
		return err
	}
	seeded := false
	if cfg.DemoAccounts > 0 {
		if seeded, err = seedDemoIfEmpty(ctx, db, cfg.DemoAccounts, logger); err != nil {
			return err
		}
	}
	if err := ensurePresets(ctx, db, logger); err != nil {
		return err
	}
	if seeded {
		if err := stageDemo(ctx, db, cfg, logger); err != nil {
			return err
		}
	}
	// Background jobs (reviews, churn scans, re-evaluations, reminders,
	// email) run here unless this is an API-only node; mutations enqueue
	// them either way.
	ops, err := startOperations(db, cfg, logger)
	if err != nil {
		return err
	}
	defer ops.Close()
	if !cfg.APIOnly {
		stopWorkers, err := startWorkers(ctx, db, cfg, ops.Metrics, logger)
		if err != nil {
			return err
		}
		defer stopWorkers() // after the HTTP server has shut down
	}

	// The login: the company's identity provider, or in development without
	// one, the embedded development provider.
	publicURL := cfg.PublicBaseURL(ln.Addr().String())
	authService, err := auth.New(ctx, db.Client, auth.Config{
		Issuer:       cfg.OIDCIssuer,
		ClientID:     cfg.OIDCClientID,
		ClientSecret: cfg.OIDCClientSecret,
		PublicURL:    publicURL,
		RedirectURL:  cfg.OIDCRedirectURL,
		Scopes:       cfg.OIDCScopes,
		GroupsClaim:  cfg.OIDCGroupsClaim,
		TrustEmail:   cfg.OIDCTrustEmail,
		RoleMap:      roleMap,
		IdleTimeout:  cfg.SessionIdleTimeout,
		MaxAge:       cfg.SessionMaxAge,
		Development:  cfg.Development(),
		Logger:       logger.With("component", "auth"),
		RequestID:    server.RequestID,
	})
	if err != nil {
		return err
	}
	defer func() { _ = authService.Close() }() // stops the development IdP; nothing to report at exit
	if authService.DevIdP() != nil {
		logger.Info("development identity provider started (no SUMMIT_OIDC_ISSUER)", "issuer", authService.DevIdP().Issuer())
	}

	var replica *pgxpool.Pool
	if cfg.DatabaseReplicaURL != "" {
		if replica, err = database.OpenReplica(ctx, cfg.DatabaseReplicaURL); err != nil {
			return err
		}
		defer replica.Close()
		logger.Info("exports read from the replica", "url", database.Redact(cfg.DatabaseReplicaURL))
	}

	// Validated with the rest of cfg; the API scores churn risk with the
	// workers' model.
	churnModel, _ := cfg.ChurnModel()
	srv := &http.Server{
		Handler: server.NewHandler(db.Pool, db.Client, authService, server.Config{
			Development: cfg.Development(), Logger: logger, ChurnModel: churnModel, Metrics: ops.Metrics,
			Replica: replica,
		}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}

	url := "http://" + ln.Addr().String()
	logger.Info("Summit is running", "url", url, "env", cfg.Env, "login", authService.LoginURL())
	fmt.Printf("\n  Summit is running at %s   (Ctrl-C to stop)\n", url)
	if authService.DevIdP() != nil {
		fmt.Printf("  Sign in at %s   (development: pick a demo user, e.g. admin@summit.example)\n\n", authService.LoginURL())
	} else {
		fmt.Printf("  Sign in at %s\n\n", authService.LoginURL())
	}
	// Serve only after the banner is out: the listener is bound, so early
	// connections wait in its backlog, and whoever sees /readyz answer also
	// sees the whole banner.
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	var embeddedDone <-chan struct{}
	if db.Embedded != nil {
		embeddedDone = db.Embedded.Done()
	}
	var runErr error
	select {
	case <-ctx.Done():
		logger.Info("shutting down")
	case err := <-served:
		runErr = fmt.Errorf("HTTP server stopped: %w", err)
	case <-embeddedDone:
		runErr = errors.New("embedded PostgreSQL exited unexpectedly; see the log above")
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		logger.Warn("HTTP shutdown incomplete", "error", err)
	}
	return runErr
}

// seedDemoIfEmpty seeds demo data on the first start only: a database that
// already holds accounts is somebody's data. It reports whether it seeded.
func seedDemoIfEmpty(ctx context.Context, db *database.Database, accounts int, logger *slog.Logger) (bool, error) {
	var hasAccounts bool
	if err := db.Pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM accounts)").Scan(&hasAccounts); err != nil {
		return false, fmt.Errorf("error checking for existing accounts: %w", err)
	}
	if hasAccounts {
		return false, nil
	}
	logger.Info("seeding demo data (first start only)", "accounts", accounts)
	stats, err := seed.Run(ctx, db.Pool, seed.Options{Accounts: accounts, Seed: 1, AsOf: today(), Logger: logger})
	if err != nil {
		return false, fmt.Errorf("error seeding demo data: %w", err)
	}
	logger.Info("demo data ready", "accounts", accounts, "duration", stats.Duration.Round(time.Millisecond))
	return true, nil
}

// stageDemo tells the demo story on the data just seeded (internal/demo):
// published reviews with explanations, plans in every state, alerts, pending
// approvals, notifications — through the same API and worker code as real
// use, so the first screens have something to show.
func stageDemo(ctx context.Context, db *database.Database, cfg config.Config, logger *slog.Logger) error {
	model, err := cfg.ChurnModel()
	if err != nil {
		return err
	}
	loc, err := cfg.Location()
	if err != nil {
		return err
	}
	stats, err := demo.Stage(ctx, db.Pool, db.Client, demo.Options{AsOf: today(), ChurnModel: model, Location: loc, Logger: logger})
	if err != nil {
		return fmt.Errorf("error staging the demo story: %w", err)
	}
	logger.Info("demo story ready", "cycles", stats.Cycles, "plans", stats.Plans, "alerts", stats.Alerts,
		"duration", stats.Duration.Round(time.Millisecond))
	return nil
}

func today() time.Time {
	now := time.Now().UTC()
	return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
}
