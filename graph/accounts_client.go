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

// acctClient is the client a resolver reads with: the transaction's inside a
// mutation (so a response sees the change it made), the root client
// otherwise.
func (r *Resolver) acctClient(ctx context.Context) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return r.Client
}
