package graph

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
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
	// Documents bound the request body and the document before parsing.
	// Defaults to DocumentLimits{}.WithDefaults().
	Documents DocumentLimits
	// Timeout ends a request that runs longer (its context is cancelled, so
	// SQL stops). Defaults to 30 s.
	Timeout time.Duration
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
	// Extensions are added to the handler before (around) Summit's own (metrics,
	// tracing). Defaults to none.
	Extensions []graphql.HandlerExtension
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
	c.Documents = c.Documents.WithDefaults()
	if c.Timeout == 0 {
		c.Timeout = 30 * time.Second
	}
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
	root := &Resolver{Client: client, ChurnModel: cfg.ChurnModel}
	var runner *txn.Runner
	if cfg.Pool != nil {
		var err error
		if runner, err = txn.New(cfg.Pool, cfg.Jobs); err != nil {
			panic(err)
		}
		// Imports enqueue their jobs with the unit of work's River client.
		root.Imports = imports.Service{Pool: cfg.Pool, Logger: cfg.Logger.With("component", "imports")}.WithDefaults()
		root.Jobs = runner.Jobs()
	}
	return newHandler(client, root, runner, cfg)
}

// newHandler serves the resolvers of root (tests pass one that
// misbehaves); runner is nil without a pool; cfg has its defaults.
func newHandler(client *ent.Client, root generated.ResolverRoot, runner *txn.Runner, cfg HandlerConfig) http.Handler {
	srv := handler.New(generated.NewExecutableSchema(generated.Config{
		Resolvers:  root,
		Directives: generated.DirectiveRoot{ScopedFilter: scopedFilter},
	}))
	// POST, and GET for queries (httpFront refuses a mutation over GET, so
	// none can ride on a link).
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	// "Did you mean …" would map the schema for a client that may not
	// introspect it.
	srv.SetDisableSuggestion(!cfg.Development)
	srv.SetQueryCache(lru.New[*ast.QueryDocument](cfg.QueryCacheSize))
	// Outermost, so metrics and traces see every operation, including one
	// whose unit of work could not start.
	for _, ext := range cfg.Extensions {
		srv.Use(ext)
	}
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
	srv.SetRecoverFunc(recoverFunc(cfg.Logger, cfg.RequestID))
	return http.TimeoutHandler(httpFront{next: srv, limits: cfg.Documents}, cfg.Timeout, `{"errors":[{"message":"request timed out","extensions":{"code":"TIMEOUT"}}]}`)
}
