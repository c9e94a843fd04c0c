package graph

import (
	"entgo.io/contrib/entgql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/graph/model"
	"github.com/summitkam/summit/internal/accounts"
)

// acctListOrder turns accountList's order arguments into the service's:
// a rank wins over the stored orders.
func acctListOrder(stored []*ent.AccountOrder, rank *model.AccountListRank, dir *entgql.OrderDirection) accounts.ListOrder {
	o := accounts.ListOrder{Stored: stored}
	if rank != nil {
		o.Rank = accounts.Rank(*rank)
		o.Desc = dir != nil && *dir == entgql.OrderDirectionDesc
	}
	return o
}
