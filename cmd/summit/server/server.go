// Package server is Summit's HTTP surface: health and readiness probes, the
// login routes (/auth/, package auth), the GraphQL endpoint (behind the
// login: a session cookie with the CSRF header, or a bearer token) and the
// single-page app, behind request logging.
package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/frontend"
	"github.com/summitkam/summit/graph"
	"github.com/summitkam/summit/internal/auth"
	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/exports"
	"github.com/summitkam/summit/internal/imports"
	"github.com/summitkam/summit/internal/metrics"
	"github.com/summitkam/summit/internal/requestid"
)

// Config configures the HTTP handler.
type Config struct {
	// Metrics, when set, counts and times requests and GraphQL operations
	// (served on the node's metrics listener, not here). Defaults to nil.
	Metrics *metrics.Registry
	// Replica, when set, serves the heavy reads that may lag a moment behind
	// the primary: exports (SUMMIT_DATABASE_REPLICA_URL). Never a request's
	// own writes, which are read back from the primary. Defaults to nil:
	// everything reads the primary.
	Replica *pgxpool.Pool
	// Development enables GraphQL introspection. Defaults to false.
	Development bool
	// Logger receives one line per request. Defaults to discarding.
	Logger *slog.Logger
	// MaxBodyBytes caps a request body. Defaults to 1 MiB.
	MaxBodyBytes int64
	// ChurnModel scores Account.churnRisk (graph.HandlerConfig.ChurnModel).
	// Defaults to the built-in model.
	ChurnModel churn.Config
}

// WithDefaults returns c with zero fields set to their defaults.
func (c Config) WithDefaults() Config {
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = 1 << 20
	}
	return c
}

// NewHandler returns the root handler. /healthz, /readyz, /auth/ and the
// app's static files are public; /graphql answers 401 without a viewer.
func NewHandler(pool *pgxpool.Pool, client *ent.Client, authService *auth.Service, cfg Config) http.Handler {
	cfg = cfg.WithDefaults()
	mux := http.NewServeMux()
	// /livez is the process only (restart it when it stops answering);
	// /readyz checks the database (route no traffic to it until it answers).
	// /healthz is the old name of /livez.
	mux.Handle("GET /livez", metrics.Live())
	mux.Handle("GET /healthz", metrics.Live())
	mux.Handle("GET /readyz", metrics.Ready(ReadyCheck(pool)))
	mux.Handle("/auth/", authService.Handler())
	var extensions []graphql.HandlerExtension
	if cfg.Metrics != nil {
		extensions = append(extensions, cfg.Metrics.GraphQL())
	}
	mux.Handle("/graphql", authService.Protect(http.MaxBytesHandler(graph.NewHandler(client, graph.HandlerConfig{
		Development: cfg.Development, Pool: pool, ChurnModel: cfg.ChurnModel, Extensions: extensions,
		// INTERNAL errors are logged with their cause and request id.
		Logger:    cfg.Logger,
		Documents: graph.DocumentLimits{MaxBodyBytes: cfg.MaxBodyBytes},
	}), cfg.MaxBodyBytes)))
	// Files in and out (internal/imports): uploads stream to the database,
	// so they bypass the GraphQL body limit; the same login and CSRF rules.
	importer := imports.Service{Pool: pool, Logger: cfg.Logger.With("component", "imports")}.WithDefaults()
	jobs, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		panic(fmt.Sprintf("server: error creating an insert-only River client: %v", err))
	}
	files := authService.Protect(imports.Handler(importer, jobs))
	mux.Handle("/api/imports", files)
	mux.Handle("/api/imports/", files)
	mux.Handle("/api/import-templates/", files)
	mux.Handle("/api/feeds/", files)
	heavyReads := pool
	if cfg.Replica != nil {
		heavyReads = cfg.Replica
	}
	mux.Handle("/api/exports/", authService.Protect(exports.Handler(heavyReads)))
	mux.Handle("/", frontend.Handler())
	h := databaseUnavailable(mux)
	if cfg.Metrics != nil {
		h = cfg.Metrics.HTTP(h)
	}
	return logRequests(cfg.Logger, securityHeaders(!cfg.Development, h))
}

// ReadyCheck passes only when the database is reachable and every
// migration is applied, so a load balancer never routes to a node whose
// schema is behind.
func ReadyCheck(pool *pgxpool.Pool) func(context.Context) error {
	return func(ctx context.Context) error {
		conn, err := pool.Acquire(ctx)
		if err != nil {
			return errors.New("database unreachable")
		}
		defer conn.Release()
		pending, err := dbmigrate.Pending(ctx, conn.Conn())
		if err != nil {
			return errors.New("cannot read migrations")
		}
		if len(pending) > 0 {
			return errors.New("migrations pending")
		}
		return nil
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// logRequests logs one line per request with a request id, which is also
// returned to the client so a user can quote it in a bug report.
func logRequests(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if id == "" || len(id) > 64 {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-Id", id)
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		start := time.Now()
		next.ServeHTTP(rec, r.WithContext(WithRequestID(r.Context(), id)))
		logger.LogAttrs(r.Context(), slog.LevelInfo, "http request",
			slog.String("request_id", id),
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rec.status),
			slog.Duration("duration", time.Since(start)),
		)
	})
}

// WithRequestID stores the request id in ctx.
func WithRequestID(ctx context.Context, id string) context.Context {
	return requestid.NewContext(ctx, id)
}

// RequestID returns the request id stored in ctx, or "".
func RequestID(ctx context.Context) string { return requestid.FromContext(ctx) }
