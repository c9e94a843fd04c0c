package accounts

import (
	"context"
	"testing"
	"time"

	"entgo.io/contrib/entgql"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/action"
	"github.com/summitkam/summit/ent/churnalert"
	"github.com/summitkam/summit/ent/classpolicy"
	"github.com/summitkam/summit/ent/touchpoint"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

// TestListRanksAndAttention orders the accounts list by revenue, churn
// risk and next action due, pages through a computed order, and keeps the
// accounts needing attention — a missed contact cadence of the class policy
// included — with the owner's row rules applied.
func TestListRanksAndAttention(t *testing.T) {
	t.Parallel()
	client := database.NewClient(testdb.NewPool(t))
	sys := viewer.System(context.Background(), "test")
	now := time.Now().UTC()
	day := func(d int) time.Time { return now.Truncate(24*time.Hour).AddDate(0, 0, d) }

	// Class A: touch every 30 days.
	if n := client.ClassPolicy.Update().Where(classpolicy.ClassEQ(classpolicy.ClassA)).SetContactCadenceDays(30).SaveX(sys); n == 0 {
		client.ClassPolicy.Create().SetClass(classpolicy.ClassA).SetLabel("重点客户").SetLabelEn("Key").SetContactCadenceDays(30).ExecX(sys)
	}
	kam := client.User.Create().SetEmail("kam@example.com").SetName("客户经理").SaveX(sys)
	mk := func(code string, class *account.CurrentClass, revenue int64, touchedDaysAgo int) *ent.Account {
		c := client.Account.Create().SetCode(code).SetName("客户" + code).SetKind(account.KindB2B).SetOwnerID(kam.ID).SetCreatedAt(day(-400))
		if class != nil {
			c.SetCurrentClass(*class)
		}
		a := c.SaveX(sys)
		if revenue > 0 {
			client.Order.Create().SetAccountID(a.ID).SetOrderNo("O-" + code).SetOrderDate(day(-20)).SetAmountMinor(revenue).ExecX(sys)
		}
		if touchedDaysAgo > 0 {
			client.Touchpoint.Create().SetAccountID(a.ID).SetKind(touchpoint.KindVISIT).SetOccurredAt(day(-touchedDaysAgo)).ExecX(sys)
		}
		return a
	}
	classA := account.CurrentClassA
	a1 := mk("A1", &classA, 500, 40) // contact cadence missed
	a2 := mk("A2", &classA, 100, 5)  // fine
	a3 := mk("A3", nil, 300, 0)      // open critical alert; no policy, so no cadence
	a4 := mk("A4", &classA, 0, 1)    // overdue action
	client.Action.Create().SetAccountID(a2.ID).SetTitle("回访").SetDueOn(day(3)).ExecX(sys)
	client.Action.Create().SetAccountID(a3.ID).SetTitle("报价").SetDueOn(day(1)).ExecX(sys)
	client.Action.Create().SetAccountID(a3.ID).SetTitle("已完成").SetDueOn(day(0)).SetStatus(action.StatusDONE).ExecX(sys)
	client.Action.Create().SetAccountID(a4.ID).SetTitle("逾期").SetDueOn(day(-1)).ExecX(sys)
	client.ChurnAlert.Create().SetAccountID(a3.ID).SetSeverity(churnalert.SeverityCRITICAL).SetRiskScore(80).
		SetSignals([]byte(`[]`)).SetOpenedAt(now).SetLastEvaluatedAt(now).ExecX(sys)
	// Someone else's account, with the most revenue: never listed for the owner.
	other := client.Account.Create().SetCode("X1").SetName("他人客户").SetKind(account.KindB2B).SaveX(sys)
	client.Order.Create().SetAccountID(other.ID).SetOrderNo("O-X1").SetOrderDate(day(-20)).SetAmountMinor(9000).ExecX(sys)

	ctx := viewer.NewContext(context.Background(), &viewer.Viewer{Kind: viewer.KindUser, UserID: kam.ID, Roles: []viewer.Role{viewer.RoleKeyAccountManager}})
	codes := func(c *ent.AccountConnection) []string {
		var out []string
		for _, e := range c.Edges {
			out = append(out, e.Node.Code)
		}
		return out
	}
	n := func(v int) *int { return &v }
	list := func(f ListFilter, o ListOrder, after, before *entgql.Cursor[int], first, last *int) *ent.AccountConnection {
		t.Helper()
		c, err := List(ctx, client, after, before, first, last, nil, f, o, now)
		require.NoError(t, err)
		return c
	}

	byRevenue := list(ListFilter{}, ListOrder{Rank: RankRevenue, Desc: true}, nil, nil, n(2), nil)
	require.Equal(t, []string{"A1", "A3"}, codes(byRevenue))
	require.Equal(t, 4, byRevenue.TotalCount, "the other owner's account is not counted")
	require.True(t, byRevenue.PageInfo.HasNextPage)
	require.False(t, byRevenue.PageInfo.HasPreviousPage)
	second := list(ListFilter{}, ListOrder{Rank: RankRevenue, Desc: true}, byRevenue.PageInfo.EndCursor, nil, n(2), nil)
	require.Equal(t, []string{"A2", "A4"}, codes(second))
	require.False(t, second.PageInfo.HasNextPage)
	require.True(t, second.PageInfo.HasPreviousPage)
	back := list(ListFilter{}, ListOrder{Rank: RankRevenue, Desc: true}, nil, second.PageInfo.StartCursor, nil, n(2))
	require.Equal(t, []string{"A1", "A3"}, codes(back))
	require.False(t, back.PageInfo.HasPreviousPage)

	require.Equal(t, []string{"A4", "A2", "A3", "A1"}, codes(list(ListFilter{}, ListOrder{Rank: RankRevenue}, nil, nil, n(10), nil)))
	require.Equal(t, "A3", codes(list(ListFilter{}, ListOrder{Rank: RankChurnRisk, Desc: true}, nil, nil, n(10), nil))[0])
	// The next open action due today or later: A3's (tomorrow; its done one
	// does not count), then A2's; A4's is overdue, so A1 and A4 have none.
	require.Equal(t, []string{"A3", "A2", "A1", "A4"}, codes(list(ListFilter{}, ListOrder{Rank: RankNextActionDue}, nil, nil, n(10), nil)))

	attention := list(ListFilter{NeedsAttention: true}, ListOrder{Stored: []*ent.AccountOrder{{Direction: entgql.OrderDirectionAsc, Field: ent.AccountOrderFieldCode}}}, nil, nil, n(10), nil)
	require.Equal(t, []string{"A1", "A3", "A4"}, codes(attention))
	require.Equal(t, 3, attention.TotalCount)

	// Touching A1 today clears its missed cadence.
	client.Touchpoint.Create().SetAccountID(a1.ID).SetKind(touchpoint.KindCALL).SetOccurredAt(now).ExecX(sys)
	attention = list(ListFilter{NeedsAttention: true}, ListOrder{Rank: RankRevenue, Desc: true}, nil, nil, n(10), nil)
	require.Equal(t, []string{"A3", "A4"}, codes(attention))
}
