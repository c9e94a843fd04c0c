package accounts

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

func TestInitials(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"华为集团":        "hwjt",
		"中国移动":        "zgyd",
		"深圳华为技术有限公司":  "szhwjsyxgs",
		"ABC 鑫源科技 2号": "abcxykj2h",
		"（上海）宝钢":      "shbg",
	} {
		require.Equal(t, want, Initials(name), name)
	}
}

// TestSearchByInitials: the command menu's "hwjt" finds 华为集团, a new
// account is found at once, and a manager finds only accounts they may read.
func TestSearchByInitials(t *testing.T) {
	t.Parallel()
	client := database.NewClient(testdb.NewPool(t))
	sys := viewer.System(context.Background(), "test")
	kam := client.User.Create().SetEmail("kam@example.com").SetName("客户经理").SaveX(sys)
	hw := client.Account.Create().SetCode("HW").SetName("华为集团").SetKind(account.KindB2B).SetOwnerID(kam.ID).SaveX(sys)
	client.Account.Create().SetCode("HWJ").SetName("华为技术").SetKind(account.KindB2B).SaveX(sys) // not the manager's

	hits, err := Search(sys, client, "hwjt", SearchOptions{})
	require.NoError(t, err)
	require.NotEmpty(t, hits)
	require.Equal(t, hw.ID, hits[0].Account.ID)
	require.InDelta(t, 0.95, hits[0].Score, 0.001)
	// "hwj" is a part of both names' initials (hwjt, hwjs).
	hits, err = Search(sys, client, "hwj", SearchOptions{})
	require.NoError(t, err)
	require.Len(t, hits, 2)

	// Created after the index was built: found all the same.
	yd := client.Account.Create().SetCode("YD").SetName("中国移动").SetKind(account.KindB2B).SetOwnerID(kam.ID).SaveX(sys)
	hits, err = Search(sys, client, "ZGYD", SearchOptions{})
	require.NoError(t, err)
	require.Equal(t, yd.ID, hits[0].Account.ID)

	ctx := viewer.NewContext(context.Background(), &viewer.Viewer{Kind: viewer.KindUser, UserID: kam.ID, Roles: []viewer.Role{viewer.RoleKeyAccountManager}})
	hits, err = Search(ctx, client, "hwj", SearchOptions{})
	require.NoError(t, err)
	require.Len(t, hits, 1, "the other account is not the manager's")
	require.Equal(t, hw.ID, hits[0].Account.ID)
}
