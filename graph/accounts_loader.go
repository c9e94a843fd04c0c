package graph

import (
	"context"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/accounts"
)

// The per-account fields that need SQL of their own (ancestors, rollup,
// lastTouchedAt) go through batchers: gqlgen resolves the fields of a page's
// items concurrently, each asks its batcher for one key, and the batcher
// loads all keys asked for by one operation within a short window with one
// query. The statements a page costs therefore do not grow with its size
// (TestAccountFieldsAreBatched pins this).
var (
	acctRollupLoader = &acctBatcher[int, accounts.Rollup]{
		fetch: func(ctx context.Context, client *ent.Client, ids []int) (map[int]accounts.Rollup, error) {
			return accounts.Rollups(ctx, client, ids, time.Now())
		},
	}
	acctAncestorLoader = &acctBatcher[int, []*ent.Account]{
		fetch: accounts.Ancestors,
	}
	acctLastTouchedLoader = &acctBatcher[accounts.ContactKey, time.Time]{
		fetch: func(ctx context.Context, client *ent.Client, keys []accounts.ContactKey) (map[accounts.ContactKey]time.Time, error) {
			byID, err := accounts.LastTouched(ctx, client, keys)
			if err != nil {
				return nil, err
			}
			out := make(map[accounts.ContactKey]time.Time, len(byID))
			for _, k := range keys {
				if t, ok := byID[k.ContactID]; ok {
					out[k] = t
				}
			}
			return out, nil
		},
	}
)

const (
	// acctBatchIdle is how long a batch waits for another key before it
	// loads: the resolvers of one page start within microseconds of each
	// other, so this mostly bounds the latency a batch adds.
	acctBatchIdle = 2 * time.Millisecond
	// acctBatchMaxWait caps the wait however keys keep arriving.
	acctBatchMaxWait = 15 * time.Millisecond
)

// acctBatcher collects the keys the resolvers of one GraphQL operation ask
// for and loads them with one call of fetch. Batches are scoped to the
// operation (its *graphql.OperationContext), so one viewer's keys never mix
// with another's, and live only until they load: there is no cache to evict.
type acctBatcher[K comparable, V any] struct {
	fetch func(ctx context.Context, client *ent.Client, keys []K) (map[K]V, error)

	mu   sync.Mutex
	open map[*graphql.OperationContext]*acctBatch[K, V]
}

type acctBatch[K comparable, V any] struct {
	ctx     context.Context
	client  *ent.Client
	keys    []K
	seen    map[K]struct{}
	started time.Time
	timer   *time.Timer
	fired   bool
	done    chan struct{}
	result  map[K]V
	err     error
}

// load returns the value of key (ok false when fetch had none), loading it
// with the other keys of its batch. client is the client the resolver would
// query with (the transaction's in a mutation).
func (b *acctBatcher[K, V]) load(ctx context.Context, client *ent.Client, key K) (v V, ok bool, err error) {
	if !graphql.HasOperationContext(ctx) {
		res, err := b.fetch(ctx, client, []K{key})
		v, ok = res[key]
		return v, ok, err
	}
	op := graphql.GetOperationContext(ctx)
	b.mu.Lock()
	bt := b.open[op]
	if bt == nil {
		bt = &acctBatch[K, V]{ctx: ctx, client: client, seen: map[K]struct{}{}, started: time.Now(), done: make(chan struct{})}
		if b.open == nil {
			b.open = map[*graphql.OperationContext]*acctBatch[K, V]{}
		}
		b.open[op] = bt
		bt.timer = time.AfterFunc(acctBatchIdle, func() { b.fire(op, bt) })
	} else if time.Since(bt.started) < acctBatchMaxWait {
		bt.timer.Reset(acctBatchIdle)
	}
	if _, dup := bt.seen[key]; !dup {
		bt.seen[key] = struct{}{}
		bt.keys = append(bt.keys, key)
	}
	b.mu.Unlock()

	select {
	case <-bt.done:
	case <-ctx.Done():
		return v, false, ctx.Err()
	}
	if bt.err != nil {
		return v, false, bt.err
	}
	v, ok = bt.result[key]
	return v, ok, nil
}

// fire closes batch bt to new keys and loads it.
func (b *acctBatcher[K, V]) fire(op *graphql.OperationContext, bt *acctBatch[K, V]) {
	b.mu.Lock()
	if bt.fired {
		b.mu.Unlock()
		return
	}
	bt.fired = true
	if b.open[op] == bt {
		delete(b.open, op)
	}
	keys := bt.keys
	b.mu.Unlock()
	// The first resolver's context carries the viewer (the same for the whole
	// operation) and, in a mutation, the transaction.
	bt.result, bt.err = b.fetch(bt.ctx, bt.client, keys)
	close(bt.done)
}
