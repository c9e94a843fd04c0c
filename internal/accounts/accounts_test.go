package accounts

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/privacy"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

func TestMain(m *testing.M) {
	testdb.SetupTemplate(dbmigrate.Apply)
	os.Exit(testdb.RunMain(m))
}

func ptr[T any](v T) *T { return &v }

// TestCreateValidation covers the checks that run before any SQL: each bad
// input names its field.
func TestCreateValidation(t *testing.T) {
	t.Parallel()
	admin := viewer.NewContext(context.Background(), &viewer.Viewer{Kind: viewer.KindUser, UserID: 1, Roles: []viewer.Role{viewer.RoleAdmin}})
	good := CreateInput{Code: "C-1", Name: "杭州云栖科技", Kind: account.KindB2B}
	for _, tc := range []struct {
		field string
		edit  func(*CreateInput)
	}{
		{"code", func(in *CreateInput) { in.Code = " " }},
		{"code", func(in *CreateInput) { in.Code = "a b" }},
		{"code", func(in *CreateInput) { in.Code = strings.Repeat("x", 65) }},
		{"name", func(in *CreateInput) { in.Name = "\t" }},
		{"name", func(in *CreateInput) { in.Name = strings.Repeat("长", 101) }},
		{"kind", func(in *CreateInput) { in.Kind = "ALIEN" }},
		{"nameEn", func(in *CreateInput) { in.NameEn = ptr(strings.Repeat("n", 301)) }},
		{"region", func(in *CreateInput) { in.Region = ptr(strings.Repeat("r", 65)) }},
		{"currency", func(in *CreateInput) { in.Currency = ptr("cny") }},
		{"paymentTermsDays", func(in *CreateInput) { in.PaymentTermsDays = ptr(-1) }},
		{"priceCoefficient", func(in *CreateInput) { in.PriceCoefficient = ptr(0.0) }},
		{"priceCoefficient", func(in *CreateInput) { in.PriceCoefficient = ptr(100.0) }},
		{"influenceScore", func(in *CreateInput) { in.InfluenceScore = ptr(101) }},
		{"potentialValueMinor", func(in *CreateInput) { in.PotentialValueMinor = ptr(int64(-1)) }},
		{"creditLimitMinor", func(in *CreateInput) { in.CreditLimitMinor = ptr(int64(-1)) }},
	} {
		in := good
		tc.edit(&in)
		_, err := Create(admin, nil, in) // refused before the client is used
		var ie *refusal.Error
		require.ErrorAs(t, err, &ie, "%s", tc.field)
		require.Equal(t, tc.field, ie.Field)
	}

	// A key-account manager creates only accounts they own.
	kam := viewer.NewContext(context.Background(), &viewer.Viewer{Kind: viewer.KindUser, UserID: 7, Roles: []viewer.Role{viewer.RoleKeyAccountManager}})
	in := good
	in.OwnerID = ptr(8)
	_, err := Create(kam, nil, in)
	require.ErrorIs(t, err, privacy.Deny)
}

func TestUpdateValidation(t *testing.T) {
	t.Parallel()
	ctx := viewer.System(context.Background(), "test")
	for _, tc := range []struct {
		field string
		in    UpdateInput
	}{
		{"code", UpdateInput{Code: ptr("")}},
		{"name", UpdateInput{Name: ptr(" ")}},
		{"clearParent", UpdateInput{ParentID: ptr(1), ClearParent: true}},
		{"clearOwner", UpdateInput{OwnerID: ptr(1), ClearOwner: true}},
		{"clearExpectedCloseOn", UpdateInput{ExpectedCloseOn: ptr(time.Now()), ClearExpectedCloseOn: true}},
		{"influenceScore", UpdateInput{InfluenceScore: ptr(-1)}},
	} {
		_, err := Update(ctx, nil, 1, 1, tc.in)
		var ie *refusal.Error
		require.ErrorAs(t, err, &ie, "%s", tc.field)
		require.Equal(t, tc.field, ie.Field)
	}
}

func TestEscapeLike(t *testing.T) {
	t.Parallel()
	require.Equal(t, `100\%`, escapeLike(`100%`))
	require.Equal(t, `a\_b\\c`, escapeLike(`a_b\c`))
	require.Equal(t, `华为`, escapeLike(`华为`))
}

func TestDiffKeepsChangedKeys(t *testing.T) {
	t.Parallel()
	b, a := diff(map[string]any{"name": "甲", "region": "EAST", "ownerID": nil}, map[string]any{"name": "乙", "region": "EAST", "ownerID": 3})
	require.Equal(t, map[string]any{"name": "甲", "ownerID": nil}, b)
	require.Equal(t, map[string]any{"name": "乙", "ownerID": 3}, a)
}

// tree is root → mid → leaf, and root → side, created by the system.
type tree struct {
	client                *ent.Client
	root, mid, leaf, side *ent.Account
}

func newTree(t *testing.T) tree {
	t.Helper()
	client := database.NewClient(testdb.NewPool(t))
	ctx := viewer.System(context.Background(), "test")
	mk := func(code string, parent *ent.Account) *ent.Account {
		c := client.Account.Create().SetCode(code).SetName("客户" + code).SetKind(account.KindB2B)
		if parent != nil {
			c.SetParentID(parent.ID)
		}
		return c.SaveX(ctx)
	}
	tr := tree{client: client}
	tr.root = mk("ROOT", nil)
	tr.mid = mk("MID", tr.root)
	tr.leaf = mk("LEAF", tr.mid)
	tr.side = mk("SIDE", tr.root)
	return tr
}

func TestHierarchy(t *testing.T) {
	t.Parallel()
	tr := newTree(t)
	ctx := viewer.System(context.Background(), "test")
	now := time.Now()
	client := tr.client
	client.Order.Create().SetAccountID(tr.leaf.ID).SetOrderNo("O-1").SetOrderDate(now.AddDate(0, -1, 0)).SetAmountMinor(100).ExecX(ctx)
	client.Order.Create().SetAccountID(tr.side.ID).SetOrderNo("O-2").SetOrderDate(now.AddDate(0, -2, 0)).SetAmountMinor(20).ExecX(ctx)
	client.Order.Create().SetAccountID(tr.root.ID).SetOrderNo("O-3").SetOrderDate(now.AddDate(-2, 0, 0)).SetAmountMinor(5).ExecX(ctx)

	rollups, err := Rollups(ctx, client, []int{tr.root.ID, tr.mid.ID, tr.leaf.ID}, now)
	require.NoError(t, err)
	require.Equal(t, Rollup{RevenueMinor: 120, Accounts: 4}, rollups[tr.root.ID])
	require.Equal(t, Rollup{RevenueMinor: 100, Accounts: 2}, rollups[tr.mid.ID])
	require.Equal(t, Rollup{RevenueMinor: 100, Accounts: 1}, rollups[tr.leaf.ID])
	// As of three years ago nothing was shipped in the trailing year.
	rollups, err = Rollups(ctx, client, []int{tr.root.ID}, now.AddDate(-3, 0, 0))
	require.NoError(t, err)
	require.Zero(t, rollups[tr.root.ID].RevenueMinor)

	anc, err := Ancestors(ctx, client, []int{tr.leaf.ID, tr.side.ID, tr.root.ID})
	require.NoError(t, err)
	ids := func(list []*ent.Account) []int {
		var out []int
		for _, a := range list {
			out = append(out, a.ID)
		}
		return out
	}
	require.Equal(t, []int{tr.root.ID, tr.mid.ID}, ids(anc[tr.leaf.ID]))
	require.Equal(t, []int{tr.root.ID}, ids(anc[tr.side.ID]))
	require.Empty(t, anc[tr.root.ID])

	for _, tc := range []struct {
		anc, id int
		want    bool
	}{
		{tr.root.ID, tr.leaf.ID, true}, {tr.mid.ID, tr.leaf.ID, true}, {tr.leaf.ID, tr.leaf.ID, true},
		{tr.side.ID, tr.leaf.ID, false}, {tr.leaf.ID, tr.root.ID, false},
	} {
		got, err := isAncestor(ctx, client, tc.anc, tc.id)
		require.NoError(t, err)
		require.Equal(t, tc.want, got, "isAncestor(%d, %d)", tc.anc, tc.id)
	}

	// Moving the root under its own leaf is refused; under nothing is fine.
	_, err = Update(ctx, client, tr.root.ID, tr.root.Version, UpdateInput{ParentID: &tr.leaf.ID})
	var ie *refusal.Error
	require.ErrorAs(t, err, &ie)
	require.Equal(t, "parentID", ie.Field)
	moved, err := Update(ctx, client, tr.mid.ID, tr.mid.Version, UpdateInput{ParentID: &tr.side.ID})
	require.NoError(t, err)
	require.Equal(t, tr.side.ID, *moved.ParentID)
	require.Equal(t, tr.mid.Version+1, moved.Version)
	// The stale version is now refused.
	_, err = Update(ctx, client, tr.mid.ID, tr.mid.Version, UpdateInput{Name: ptr("改名")})
	require.True(t, refusal.Is(err, refusal.Conflict), "%v", err)
}
