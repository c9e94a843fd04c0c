package graph

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"weak"

	"github.com/99designs/gqlgen/graphql"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent"
)

// TestAcctLoaderBatchesPerOperation: keys asked for together load together,
// a key asked for again is not loaded again, operations do not share
// results, and an operation's state goes when the operation does.
func TestAcctLoaderBatchesPerOperation(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	l := &pageLoader[int, string]{siblings: acctSiblings(1), fetch: func(ctx context.Context, _ *ent.Client, ids []int) (map[int]string, error) {
		calls.Add(1)
		out := map[int]string{}
		for _, id := range ids {
			if id != 404 {
				out[id] = ctx.Value(opName{}).(string)
			}
		}
		return out, nil
	}}
	op := func(name string) context.Context {
		ctx := context.WithValue(context.Background(), opName{}, name)
		return withLoaderState(graphql.WithOperationContext(ctx, &graphql.OperationContext{}))
	}
	a, b := op("a"), op("b")

	// A field of one account in a page of twenty: the first resolver loads
	// the whole page, every other one finds its key loading or loaded.
	page := make([]*ent.AccountEdge, 20)
	for i := range page {
		page[i] = &ent.AccountEdge{Node: &ent.Account{ID: i}}
	}
	inPage := func(ctx context.Context) context.Context {
		ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Result: page})
		return graphql.WithFieldContext(ctx, &graphql.FieldContext{})
	}
	var wg sync.WaitGroup
	for id := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if id > 0 {
				time.Sleep(time.Duration(id) * time.Millisecond) // stragglers, well past the idle window
			}
			v, ok, err := l.load(inPage(a), nil, id)
			assert.NoError(t, err)
			assert.True(t, ok)
			assert.Equal(t, "a", v)
		}()
	}
	wg.Wait()
	require.EqualValues(t, 1, calls.Load(), "a page of twenty, one load")

	v, ok, err := l.load(a, nil, 7)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, "a", v)
	require.EqualValues(t, 1, calls.Load(), "a key already loaded in this operation is not loaded again")

	v, _, err = l.load(b, nil, 7)
	require.NoError(t, err)
	require.Equal(t, "b", v, "another operation loads for itself")
	require.EqualValues(t, 2, calls.Load())

	_, ok, err = l.load(b, nil, 404)
	require.NoError(t, err)
	require.False(t, ok)

	// Outside an operation the loader just loads.
	_, ok, err = l.load(context.WithValue(context.Background(), opName{}, "none"), nil, 1)
	require.NoError(t, err)
	require.True(t, ok)

	// What the operations loaded lives in their contexts, nowhere else.
	states := []weak.Pointer[loaderState]{weak.Make(a.Value(loaderStateKey{}).(*loaderState)), weak.Make(b.Value(loaderStateKey{}).(*loaderState))}
	a, b = nil, nil
	require.Eventually(t, func() bool {
		runtime.GC()
		return states[0].Value() == nil && states[1].Value() == nil
	}, 5*time.Second, 10*time.Millisecond, "finished operations leave nothing behind")
}

type opName struct{}
