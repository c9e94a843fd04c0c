package graph

import (
	"context"
	"sync"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/txn"
	"github.com/summitkam/summit/internal/unavailable"
)

// unitOfWork runs each mutation in one unit of work (internal/txn): a
// transaction that ent and River both write in, so a change, its audit
// events and the jobs it causes commit or roll back together. Resolvers find
// the unit's ent client with ent.FromContext (as with entgql.Transactioner)
// and enqueue with txn.InserterFromContext. Every operation's context also
// carries the Runner (txn.FromContext), for set-based reads.
//
// Without a Runner (no pool configured) it falls back to entgql's
// Transactioner: mutations run in an ent transaction and cannot enqueue.
type unitOfWork struct {
	runner   *txn.Runner
	fallback entgql.Transactioner
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
	graphql.ResponseInterceptor
} = unitOfWork{}

func newUnitOfWork(client *ent.Client, runner *txn.Runner) unitOfWork {
	return unitOfWork{runner: runner, fallback: entgql.Transactioner{TxOpener: client}}
}

// ExtensionName implements graphql.HandlerExtension.
func (unitOfWork) ExtensionName() string { return "SummitUnitOfWork" }

// Validate implements graphql.HandlerExtension.
func (unitOfWork) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext serializes the field resolvers of a mutation: they
// share one connection.
func (u unitOfWork) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if u.runner == nil {
		return u.fallback.MutateOperationContext(ctx, oc)
	}
	if isMutation(oc) {
		previous := oc.ResolverMiddleware
		var mu sync.Mutex
		oc.ResolverMiddleware = func(ctx context.Context, next graphql.Resolver) (any, error) {
			mu.Lock()
			defer mu.Unlock()
			return previous(ctx, next)
		}
	}
	return nil
}

// InterceptResponse runs a mutation in a unit of work, committed only when
// the response has no errors.
func (u unitOfWork) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	// A request that failed before an operation existed (undecodable
	// parameters) has no operation context: there is nothing to run in a
	// unit (and entgql's Transactioner would panic on it).
	if !graphql.HasOperationContext(ctx) {
		return next(ctx)
	}
	if u.runner == nil {
		return u.fallback.InterceptResponse(ctx, next)
	}
	ctx = txn.NewContext(ctx, u.runner)
	if !isMutation(graphql.GetOperationContext(ctx)) {
		return next(ctx)
	}
	tx, err := u.runner.Begin(ctx, nil)
	if err != nil {
		if unavailable.Database(err) {
			return databaseUnavailable(ctx)
		}
		return graphql.ErrorResponse(ctx, "cannot create transaction: %s", err.Error())
	}
	defer func() { _ = tx.Rollback() }() // a no-op after Commit; covers panics
	rsp := next(tx.Context(ctx))
	if len(rsp.Errors) > 0 {
		if err := tx.Rollback(); err != nil {
			rsp.Errors = append(rsp.Errors, gqlerror.Errorf("cannot roll back transaction: %s", err.Error()))
		}
		return &graphql.Response{Errors: rsp.Errors}
	}
	if err := tx.Commit(); err != nil {
		if unavailable.Database(err) {
			// Not acknowledged: the client retries (the write may or may
			// not have committed; mutations keyed by a unique code or a
			// version refuse the duplicate).
			return databaseUnavailable(ctx)
		}
		return graphql.ErrorResponse(ctx, "cannot commit transaction: %s", err.Error())
	}
	return rsp
}

// databaseUnavailable is the response of a mutation whose unit of work could
// not start or commit because the database went away: 503 (the HTTP layer
// reads the mark), DATABASE_UNAVAILABLE, retryable.
func databaseUnavailable(ctx context.Context) *graphql.Response {
	unavailable.Mark(ctx)
	return &graphql.Response{Errors: gqlerror.List{{
		Message: unavailable.Message, Extensions: map[string]any{"code": unavailable.Code, "retryable": true},
	}}}
}

func isMutation(oc *graphql.OperationContext) bool {
	return oc != nil && oc.Operation != nil && oc.Operation.Operation == ast.Mutation
}
