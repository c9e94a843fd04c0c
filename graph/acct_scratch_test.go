package graph_test

import (
	"context"
	"testing"

	"github.com/summitkam/summit/internal/accounts"
	"github.com/summitkam/summit/internal/viewer"
)

func TestAcctScratch(t *testing.T) {
	f := newMatrixFixture(t)
	ctx := viewer.NewContext(context.Background(), f.viewers["admin@summit.example"])
	_, err := accounts.LastTouched(ctx, f.client, []int{1, 2, 3})
	t.Log(err)
	_, err = accounts.Create(ctx, f.client, accounts.CreateInput{Code: "C0000001", Name: "x", Kind: "B2B"})
	t.Log(err)
}
