package graph

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/viewer"
)

// runOperation runs resolve as the handler runs an operation of kind as v:
// inside loaderScope.
func runOperation(v *viewer.Viewer, kind ast.Operation, resolve func(ctx context.Context)) {
	ctx := viewer.NewContext(context.Background(), v)
	ctx = graphql.WithOperationContext(ctx, &graphql.OperationContext{Operation: &ast.OperationDefinition{Operation: kind}})
	loaderScope{}.InterceptOperation(ctx, func(ctx context.Context) graphql.ResponseHandler {
		resolve(ctx)
		return nil
	})
}

// inList returns ctx as gqlgen gives it to a field of an item of list.
func inList(ctx context.Context, list []*ent.AccountEdge) context.Context {
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Result: list})
	return graphql.WithFieldContext(ctx, &graphql.FieldContext{})
}

// TestOperationsOfDifferentViewersNeverShareLoadedValues: two operations
// asking for the same accounts at the same time, as different viewers, each
// load their own values and get only those.
func TestOperationsOfDifferentViewersNeverShareLoadedValues(t *testing.T) {
	t.Parallel()
	page := make([]*ent.AccountEdge, 20)
	for i := range page {
		page[i] = &ent.AccountEdge{Node: &ent.Account{ID: i + 1}}
	}
	var fetches atomic.Int32
	bothLoading := make(chan struct{})
	l := &pageLoader[int, string]{siblings: acctSiblings(1), fetch: func(ctx context.Context, _ *ent.Client, ids []int) (map[int]string, error) {
		// Each operation's fetch waits for the other's, so they overlap.
		if fetches.Add(1) == 2 {
			close(bothLoading)
		}
		select {
		case <-bothLoading:
		case <-time.After(5 * time.Second):
			return nil, errors.New("the other operation never loaded")
		}
		out := map[int]string{}
		for _, id := range ids {
			out[id] = fmt.Sprintf("%s's %d", viewer.FromContext(ctx).Label, id)
		}
		return out, nil
	}}

	var operations sync.WaitGroup
	for _, v := range []*viewer.Viewer{{Kind: viewer.KindUser, UserID: 1, Label: "admin"}, {Kind: viewer.KindUser, UserID: 2, Label: "kam01"}} {
		operations.Go(func() {
			runOperation(v, ast.Query, func(ctx context.Context) {
				var fields sync.WaitGroup // gqlgen resolves the fields of a page concurrently
				for _, e := range page {
					fields.Go(func() {
						got, ok, err := l.load(inList(ctx, page), nil, e.Node.ID)
						assert.NoError(t, err)
						assert.True(t, ok)
						assert.Equal(t, fmt.Sprintf("%s's %d", v.Label, e.Node.ID), got)
					})
				}
				fields.Wait()
				got, _, err := l.load(ctx, nil, 7)
				assert.NoError(t, err)
				assert.Equal(t, v.Label+"'s 7", got, "a value loaded earlier in the operation is the operation's own")
			})
		})
	}
	operations.Wait()
	require.EqualValues(t, 2, fetches.Load(), "one fetch per operation")
}

// TestMutationRootFieldsLoadAfresh: the root fields of a query share what
// they load; those of a mutation do not, as each may change what the next
// reads.
func TestMutationRootFieldsLoadAfresh(t *testing.T) {
	t.Parallel()
	for kind, want := range map[ast.Operation]int32{ast.Query: 1, ast.Mutation: 2} {
		var fetches atomic.Int32
		l := &pageLoader[int, int]{siblings: acctSiblings(1), fetch: func(_ context.Context, _ *ent.Client, ids []int) (map[int]int, error) {
			fetches.Add(1)
			return map[int]int{ids[0]: 1}, nil
		}}
		runOperation(&viewer.Viewer{Kind: viewer.KindUser, UserID: 1}, kind, func(ctx context.Context) {
			for range 2 {
				loaderScope{}.InterceptRootField(ctx, func(ctx context.Context) graphql.Marshaler {
					_, ok, err := l.load(ctx, nil, 1)
					assert.NoError(t, err)
					assert.True(t, ok)
					return graphql.Null
				})
			}
		})
		require.Equal(t, want, fetches.Load(), "fetches in a %s of two root fields", kind)
	}
}

// TestPageLoaderReleasesItsPageWhenTheFetchPanics: the other items of the
// page get an error instead of waiting for a fetch that will never answer.
func TestPageLoaderReleasesItsPageWhenTheFetchPanics(t *testing.T) {
	t.Parallel()
	page := []*ent.AccountEdge{{Node: &ent.Account{ID: 1}}, {Node: &ent.Account{ID: 2}}}
	fetching, fail := make(chan struct{}), make(chan struct{})
	l := &pageLoader[int, int]{siblings: acctSiblings(1), fetch: func(context.Context, *ent.Client, []int) (map[int]int, error) {
		close(fetching)
		<-fail
		panic("the database went away")
	}}
	runOperation(&viewer.Viewer{Kind: viewer.KindUser, UserID: 1}, ast.Query, func(ctx context.Context) {
		first := make(chan any)
		go func() {
			defer func() { first <- recover() }()
			_, _, _ = l.load(inList(ctx, page), nil, 1)
		}()
		<-fetching
		sibling := make(chan error)
		go func() {
			_, _, err := l.load(inList(ctx, page), nil, 2)
			sibling <- err
		}()
		close(fail)
		require.Equal(t, "the database went away", <-first, "the panic goes on to the first resolver")
		require.ErrorIs(t, <-sibling, errFetchAborted)
	})
}
