package graph

import (
	"context"

	"github.com/summitkam/summit/ent"
)

const (
	// acctSearchDefault and acctSearchMax bound searchAccounts(first:).
	acctSearchDefault = 20
	acctSearchMax     = 100
)

// acctClient is the client a resolver works with: inside a mutation the
// transaction's (entgql.Transactioner opens one per mutation, so a change and
// its audit event commit together and the response sees the change), the
// root client otherwise.
func (r *Resolver) acctClient(ctx context.Context) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return r.Client
}
