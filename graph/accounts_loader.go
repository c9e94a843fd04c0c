package graph

import (
	"context"
	"runtime"
	"sync"
	"time"
	"weak"

	"github.com/99designs/gqlgen/graphql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/accounts"
)

// The per-account fields that need SQL of their own (Account.ancestors,
// Account.rollup, Contact.lastTouchedAt) go through request-scoped loaders
// keyed by account id, so a page costs one statement per field whatever its
// size (TestAccountFieldsAreBatched pins this):
//
//   - the first resolver of a page to ask loads for every account of the
//     list it sits in (the page's edges, a children list, search hits; for a
//     contact, also the accounts page around its account's contacts), found
//     through gqlgen's field contexts, so a page is one batch by
//     construction, not by timing;
//   - keys from other lists that arrive while a batch is still open (within
//     acctBatchIdle of each other) join it;
//   - results are kept for the rest of the operation, so every other
//     resolver of the page finds its key already loading or loaded.
//
// State is per GraphQL operation (its *graphql.OperationContext), so one
// viewer's results never serve another, and it is dropped when the
// operation is garbage collected.
var (
	acctRollupLoader = &acctLoader[accounts.Rollup]{
		levels: 1,
		fetch: func(ctx context.Context, client *ent.Client, ids []int) (map[int]accounts.Rollup, error) {
			return accounts.Rollups(ctx, client, ids, time.Now())
		},
	}
	acctAncestorLoader = &acctLoader[[]*ent.Account]{
		levels: 1,
		fetch:  accounts.Ancestors,
	}
	// Keyed by the contact's account: contacts are listed per account, so
	// the loader looks one list further up, to the accounts page.
	acctLastTouchedLoader = &acctLoader[map[int]time.Time]{
		levels: 2,
		fetch:  accounts.LastTouched,
	}
)

const (
	// acctBatchIdle is how long an open batch waits for another key from
	// another list before it loads.
	acctBatchIdle = 2 * time.Millisecond
	// acctBatchMaxWait caps that wait however keys keep arriving.
	acctBatchMaxWait = 15 * time.Millisecond
)

// acctLoader loads a value per account id, batched and memoized per
// operation.
type acctLoader[V any] struct {
	fetch func(ctx context.Context, client *ent.Client, ids []int) (map[int]V, error)
	// levels is how many enclosing lists donate their accounts to a batch.
	levels int

	mu  sync.Mutex
	ops map[weak.Pointer[graphql.OperationContext]]*acctOpState[V]
}

// acctOpState is a loader's memory of one operation.
type acctOpState[V any] struct {
	loads map[int]*acctBatch[V] // the batch that loads (or loaded) each id
	open  *acctBatch[V]         // the batch still taking ids, if any
}

type acctBatch[V any] struct {
	// ctx and client are the first caller's, dropped once the batch loads
	// (a retained context would keep the operation alive).
	ctx     context.Context
	client  *ent.Client
	ids     []int
	started time.Time
	timer   *time.Timer
	fired   bool
	done    chan struct{}
	result  map[int]V
	err     error
}

// load returns the value for account id (ok is false when there is none, e.g.
// an account the viewer may not read). client is the one the resolver reads
// with: the transaction's in a mutation.
func (l *acctLoader[V]) load(ctx context.Context, client *ent.Client, id int) (v V, ok bool, err error) {
	if !graphql.HasOperationContext(ctx) {
		res, err := l.fetch(ctx, client, []int{id})
		v, ok = res[id]
		return v, ok, err
	}
	op := graphql.GetOperationContext(ctx)
	key := weak.Make(op)

	l.mu.Lock()
	if l.ops == nil {
		l.ops = map[weak.Pointer[graphql.OperationContext]]*acctOpState[V]{}
	}
	st := l.ops[key]
	if st == nil {
		st = &acctOpState[V]{loads: map[int]*acctBatch[V]{}}
		l.ops[key] = st
		runtime.AddCleanup(op, l.forget, key)
	}
	b := st.loads[id]
	if b == nil {
		b = st.open
		if b == nil {
			b = &acctBatch[V]{ctx: ctx, client: client, started: time.Now(), done: make(chan struct{})}
			st.open = b
			b.timer = time.AfterFunc(acctBatchIdle, func() { l.fire(st, b) })
		} else if time.Since(b.started) < acctBatchMaxWait {
			b.timer.Reset(acctBatchIdle)
		}
		for _, sibling := range append([]int{id}, acctListedAccounts(ctx, l.levels)...) {
			if _, known := st.loads[sibling]; !known {
				st.loads[sibling] = b
				b.ids = append(b.ids, sibling)
			}
		}
	}
	l.mu.Unlock()

	select {
	case <-b.done:
	case <-ctx.Done():
		return v, false, ctx.Err()
	}
	if b.err != nil {
		return v, false, b.err
	}
	v, ok = b.result[id]
	return v, ok, nil
}

// fire closes batch b to new ids and loads it.
func (l *acctLoader[V]) fire(st *acctOpState[V], b *acctBatch[V]) {
	l.mu.Lock()
	if b.fired {
		l.mu.Unlock()
		return
	}
	b.fired = true
	if st.open == b {
		st.open = nil
	}
	ctx, client, ids := b.ctx, b.client, b.ids
	b.ctx, b.client = nil, nil
	l.mu.Unlock()
	// The first caller's context carries the viewer (the same for the whole
	// operation) and, in a mutation, the transaction.
	b.result, b.err = l.fetch(ctx, client, ids)
	close(b.done)
}

// forget drops the state of an operation that is gone.
func (l *acctLoader[V]) forget(key weak.Pointer[graphql.OperationContext]) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.ops, key)
}

// acctListedAccounts returns the ids of the accounts in the lists that
// enclose the field being resolved, looking at most levels lists up:
// accounts of an edges list, a plain list or search hits, and the accounts
// of listed contacts.
func acctListedAccounts(ctx context.Context, levels int) []int {
	var ids []int
	for fc := graphql.GetFieldContext(ctx); fc != nil && levels > 0; fc = fc.Parent {
		found := true
		switch list := fc.Result.(type) {
		case []*ent.AccountEdge:
			for _, e := range list {
				if e != nil && e.Node != nil {
					ids = append(ids, e.Node.ID)
				}
			}
		case []*ent.Account:
			for _, a := range list {
				if a != nil {
					ids = append(ids, a.ID)
				}
			}
		case []*accounts.SearchHit:
			for _, h := range list {
				if h != nil && h.Account != nil {
					ids = append(ids, h.Account.ID)
				}
			}
		case []*ent.ContactEdge:
			for _, e := range list {
				if e != nil && e.Node != nil {
					ids = append(ids, e.Node.AccountID)
				}
			}
		case []*ent.Contact:
			for _, c := range list {
				if c != nil {
					ids = append(ids, c.AccountID)
				}
			}
		case []ent.Noder:
			for _, n := range list {
				switch n := n.(type) {
				case *ent.Account:
					ids = append(ids, n.ID)
				case *ent.Contact:
					ids = append(ids, n.AccountID)
				}
			}
		default:
			found = false
		}
		if found {
			levels--
		}
	}
	return ids
}
