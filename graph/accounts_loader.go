package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/accounts"
)

// The per-account fields that need SQL of their own (Account.ancestors,
// Account.rollup, Contact.lastTouchedAt) are pageLoaders keyed by account
// id, so a page costs one statement per field whatever its size
// (TestAccountFieldsAreBatched pins this). Their pages are the accounts of
// the lists around the field: a page's edges, a children list, search hits;
// for a contact, also the accounts page around its account's contacts.
var (
	acctRollupLoader = &pageLoader[int, accounts.Rollup]{
		siblings: acctSiblings(1),
		fetch: func(ctx context.Context, client *ent.Client, ids []int) (map[int]accounts.Rollup, error) {
			return accounts.Rollups(ctx, client, ids, time.Now())
		},
	}
	acctAncestorLoader = &pageLoader[int, []*ent.Account]{
		siblings: acctSiblings(1),
		fetch:    accounts.Ancestors,
	}
	// Keyed by the contact's account: contacts are listed per account, so
	// the loader looks one list further up, to the accounts page.
	acctLastTouchedLoader = &pageLoader[int, map[int]time.Time]{
		siblings: acctSiblings(2),
		fetch:    accounts.LastTouched,
	}
)

// acctSiblings returns the siblings of an account loader whose page is the
// accounts of the levels lists enclosing the field.
func acctSiblings(levels int) func(ctx context.Context, id int) []int {
	return func(ctx context.Context, _ int) []int { return acctListedAccounts(ctx, levels) }
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
