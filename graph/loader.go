package graph

import (
	"context"
	"errors"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/summitkam/summit/ent"
)

// Some fields are resolved once per item but must cost SQL once per page
// (Account.rollup, Account.planHealth, Objective.measure, ...). A pageLoader
// does that:
//
//   - the first resolver of a page to ask walks gqlgen's field contexts up to
//     the list its item sits in (the page's edges, a children list, search
//     hits) and fetches the values of every item of that list at once;
//   - every other resolver of the page finds its key loading or loaded and
//     waits for that one fetch;
//   - values are kept for the rest of the operation.
//
// The batch is the list gqlgen has already resolved, so it is exact and needs
// no timing window: a page costs the same statements whatever its size, and
// a resolver that comes late still finds its key.
//
// What the loaders remember belongs to one operation: loaderScope, a handler
// extension, puts a fresh loaderState into every operation's context, and it
// goes with that context. Nothing is kept globally, so values are never
// shared between operations, and so never between viewers.

// pageLoader loads a V per key, a page at a time, once per operation.
// Declare one per field; it keeps no state of its own.
type pageLoader[K comparable, V any] struct {
	// siblings returns the keys of the list the item of key sits in, key
	// among them or not.
	siblings func(ctx context.Context, key K) []K
	// fetch loads the values of keys; a key without a value (e.g. a row the
	// viewer may not read) is left out of the map.
	fetch func(ctx context.Context, client *ent.Client, keys []K) (map[K]V, error)
}

// pageLoads is a pageLoader's state in one operation.
type pageLoads[K comparable, V any] struct {
	mu      sync.Mutex
	batches map[K]*pageBatch[K, V] // the batch that loads, or loaded, each key
}

// pageBatch is one fetch: done is closed once values and err are set.
type pageBatch[K comparable, V any] struct {
	done   chan struct{}
	values map[K]V
	err    error
}

// errFetchAborted is what the keys of a batch whose fetch panicked get, so
// that their resolvers fail instead of waiting forever.
var errFetchAborted = errors.New("loading the page was aborted")

// load returns the value for key (ok is false when there is none), fetching
// it with the rest of its page unless the operation already has. client is
// the one the resolver reads with: the transaction's in a mutation.
func (l *pageLoader[K, V]) load(ctx context.Context, client *ent.Client, key K) (v V, ok bool, err error) {
	loads, inOperation := operationState(ctx, l, func() *pageLoads[K, V] {
		return &pageLoads[K, V]{batches: map[K]*pageBatch[K, V]{}}
	})
	if !inOperation {
		values, err := l.fetch(ctx, client, []K{key})
		v, ok = values[key]
		return v, ok, err
	}

	loads.mu.Lock()
	b := loads.batches[key]
	var page []K // set when this resolver is the first of its page to ask
	if b == nil {
		b = &pageBatch[K, V]{done: make(chan struct{})}
		page = []K{key}
		loads.batches[key] = b
		for _, sibling := range l.siblings(ctx, key) {
			if _, known := loads.batches[sibling]; !known {
				loads.batches[sibling] = b
				page = append(page, sibling)
			}
		}
	}
	loads.mu.Unlock()

	if page != nil {
		// Fetched by the first resolver itself, with its context: the viewer
		// is the operation's and, in a mutation, so is the transaction.
		b.run(func() (map[K]V, error) { return l.fetch(ctx, client, page) })
	}
	select {
	case <-b.done:
	case <-ctx.Done():
		return v, false, ctx.Err()
	}
	if b.err != nil {
		return v, false, b.err
	}
	v, ok = b.values[key]
	return v, ok, nil
}

// run fills the batch with fetch's answer and releases its waiters, also
// when fetch panics (the panic goes on to the first resolver's recovery).
func (b *pageBatch[K, V]) run(fetch func() (map[K]V, error)) {
	defer close(b.done)
	b.err = errFetchAborted
	b.values, b.err = fetch()
}

// loaderState is what the loaders remember during one operation.
type loaderState struct {
	mu sync.Mutex
	by map[any]any // each loader's own state, by loader
}

type loaderStateKey struct{}

func withLoaderState(ctx context.Context) context.Context {
	return context.WithValue(ctx, loaderStateKey{}, &loaderState{by: map[any]any{}})
}

// operationState returns the state owner keeps in ctx's operation, made by
// fresh on first use. Outside an operation (a resolver called directly, not
// through the handler) there is nowhere to keep it: it returns fresh() and
// false.
func operationState[S any](ctx context.Context, owner any, fresh func() S) (S, bool) {
	all, _ := ctx.Value(loaderStateKey{}).(*loaderState)
	if all == nil {
		return fresh(), false
	}
	all.mu.Lock()
	defer all.mu.Unlock()
	s, ok := all.by[owner].(S)
	if !ok {
		s = fresh()
		all.by[owner] = s
	}
	return s, true
}

// loaderScope is the handler extension that gives every operation, and every
// root field of a mutation, its own loaderState.
type loaderScope struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationInterceptor
	graphql.RootFieldInterceptor
} = loaderScope{}

// ExtensionName implements graphql.HandlerExtension.
func (loaderScope) ExtensionName() string { return "SummitLoaderScope" }

// Validate implements graphql.HandlerExtension.
func (loaderScope) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptOperation gives the operation a fresh loaderState.
func (loaderScope) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	return next(withLoaderState(ctx))
}

// InterceptRootField gives each root field of a mutation a fresh
// loaderState: they run one after the other, and each may change what the
// next one reads, so values loaded for one must not answer the next.
func (loaderScope) InterceptRootField(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	if op := graphql.GetOperationContext(ctx); op.Operation != nil && op.Operation.Operation == ast.Mutation {
		ctx = withLoaderState(ctx)
	}
	return next(ctx)
}
