package graph

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/graph/generated"
	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/imports"
	"github.com/summitkam/summit/internal/requestid"
	"github.com/summitkam/summit/internal/txn"
)

// HandlerConfig configures the GraphQL endpoint.
type HandlerConfig struct {
	// Development enables introspection. Defaults to false.
	Development bool
	// ComplexityLimit caps the computed complexity of one operation; an
	// over-limit query is refused before any SQL runs. Defaults to 2000.
	ComplexityLimit int
	// QueryCacheSize is the number of parsed documents kept. Defaults to 1000.
	QueryCacheSize int
	// Limits bound depth, aliases, operations and cost. Defaults to
	// Limits{}.WithDefaults().
	Limits Limits
	// Logger receives INTERNAL errors with their details. Defaults to discarding.
	Logger *slog.Logger
	// RequestID returns the request id of a context, quoted in INTERNAL
	// errors. Defaults to requestid.FromContext.
	RequestID RequestIDFunc
	// Pool, when set, runs each mutation in a unit of work on one of its
	// connections (internal/txn), so resolvers can enqueue River jobs in the
	// mutation's transaction, and serves set-based reads (simulations).
	// Defaults to nil: mutations run in an ent transaction, cannot enqueue
	// jobs, and simulations are unavailable.
	Pool *pgxpool.Pool
	// Jobs is the River client mutations enqueue with. Defaults to an
	// insert-only client over Pool (a worker elsewhere works the jobs).
	Jobs *river.Client[pgx.Tx]
	// ChurnModel scores Account.churnRisk: pass the workers' model
	// (config.Config.ChurnModel) so the API and the churn scan agree.
	// Defaults to the built-in model (churn.Config{}.WithDefaults()).
	ChurnModel churn.Config
}

// WithDefaults returns the config with zero fields set to their defaults.
func (c HandlerConfig) WithDefaults() HandlerConfig {
	if c.ComplexityLimit == 0 {
		c.ComplexityLimit = 2000
	}
	if c.QueryCacheSize == 0 {
		c.QueryCacheSize = 1000
	}
	c.Limits = c.Limits.WithDefaults()
	c.ChurnModel = c.ChurnModel.WithDefaults()
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.RequestID == nil {
		c.RequestID = requestid.FromContext
	}
	return c
}

// NewHandler returns the /graphql handler over client. It panics when
// cfg.Pool is set and the River client cannot be built (a programming error).
func NewHandler(client *ent.Client, cfg HandlerConfig) http.Handler {
	cfg = cfg.WithDefaults()
	var runner *txn.Runner
	if cfg.Pool != nil {
		var err error
		if runner, err = txn.New(cfg.Pool, cfg.Jobs); err != nil {
			panic(err)
		}
	}
	resolver := &Resolver{Client: client, ChurnModel: cfg.ChurnModel}
	if runner != nil {
		resolver.Imports = imports.Service{Pool: cfg.Pool, Logger: cfg.Logger.With("component", "imports")}.WithDefaults()
		resolver.Jobs = runner.Jobs()
	}
	srv := handler.New(generated.NewExecutableSchema(generated.Config{Resolvers: resolver}))
	// POST only: a GET never runs an operation, so no mutation can ride on a link.
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](cfg.QueryCacheSize))
	srv.Use(extension.FixedComplexityLimit(cfg.ComplexityLimit))
	srv.Use(cfg.Limits)
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	// Page loaders (loader.go) keep what they load in the operation's context.
	srv.Use(loaderScope{})
	if cfg.Development {
		srv.Use(extension.Introspection{})
	}
	// Each mutation runs in one transaction (ent.FromContext in resolvers), so
	// a change, its audit event and the jobs it enqueues
	// (txn.InserterFromContext) commit or roll back together.
	srv.Use(newUnitOfWork(client, runner))
	srv.AroundFields(boundConnections)
	srv.SetErrorPresenter(errorPresenter(cfg.Logger, cfg.RequestID))
	return http.TimeoutHandler(srv, 30*time.Second, `{"errors":[{"message":"request timed out","extensions":{"code":"TIMEOUT"}}]}`)
}
