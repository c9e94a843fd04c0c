package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/churnalert"
	"github.com/summitkam/summit/graph"
	"github.com/summitkam/summit/internal/viewer"
)

// acctRollup is Account.rollup as the API returns it.
type acctRollup struct {
	RevenueMinor int64
	OpenAlerts   int
	TeamSize     int
	Accounts     int
}

// acctRollupOracle computes a roll-up in plain SQL, independently of package
// accounts: the subtree of root, cut down to the accounts v may read.
func acctRollupOracle(t *testing.T, f *matrixFixture, v *viewer.Viewer, root int) acctRollup {
	t.Helper()
	now := time.Now()
	from, to := now.AddDate(-1, 0, 0).Format(time.DateOnly), now.Format(time.DateOnly)
	q := `WITH RECURSIVE sub(id) AS (SELECT $6::bigint UNION ALL SELECT a.id FROM accounts a JOIN sub ON a.parent_id = sub.id),
		r AS (SELECT id FROM sub WHERE id IN (` + readableAccountsSQL + `))
		SELECT (SELECT count(*) FROM r),
		       (SELECT coalesce(sum(amount_minor), 0) FROM orders WHERE account_id IN (SELECT id FROM r)
		          AND status = 'SHIPPED' AND order_date > $7::date AND order_date <= $8::date),
		       (SELECT count(*) FROM churn_alerts WHERE account_id IN (SELECT id FROM r) AND status IN ('OPEN', 'ACKNOWLEDGED', 'ESCALATED')),
		       (SELECT count(DISTINCT user_id) FROM account_team_members WHERE account_id IN (SELECT id FROM r))`
	var out acctRollup
	args := append(accountArgs(v), root, from, to)
	require.NoError(t, f.pool.QueryRow(context.Background(), q, args...).Scan(&out.Accounts, &out.RevenueMinor, &out.OpenAlerts, &out.TeamSize))
	return out
}

func acctQueryRollup(t *testing.T, f *matrixFixture, email string, id int) (acctRollup, []int) {
	t.Helper()
	res := f.query(t, email, `query($id: ID!) { node(id: $id) { ... on Account {
		rollup { revenueMinor openAlerts teamSize accounts } ancestors { id } } } }`, map[string]any{"id": fmt.Sprint(id)})
	require.Empty(t, res.Errors, "%s rollup of %d", email, id)
	var out struct {
		Node struct {
			Rollup    acctRollup
			Ancestors []struct{ ID string }
		}
	}
	require.NoError(t, json.Unmarshal(res.Data, &out))
	var anc []int
	for _, a := range out.Node.Ancestors {
		anc = append(anc, atoi(t, a.ID))
	}
	return out.Node.Rollup, anc
}

func acctInt(t *testing.T, f *matrixFixture, q string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, f.pool.QueryRow(context.Background(), q, args...).Scan(&n), q)
	return n
}

func TestAccountRollupAndAncestors(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	ctx := context.Background()
	sys := viewer.System(ctx, "test")
	kam01 := f.viewers["kam01@summit.example"]
	kam02 := f.viewers["kam02@summit.example"]

	// A three-level group: root → mid → leaf, and a second child of root.
	leaf := acctInt(t, f, `SELECT c.id FROM accounts c JOIN accounts p ON c.parent_id = p.id
		JOIN accounts g ON p.parent_id = g.id WHERE g.parent_id IS NULL ORDER BY c.id LIMIT 1`)
	mid := acctInt(t, f, `SELECT parent_id FROM accounts WHERE id = $1`, leaf)
	root := acctInt(t, f, `SELECT parent_id FROM accounts WHERE id = $1`, mid)
	sibling := acctInt(t, f, `SELECT id FROM accounts WHERE parent_id = $1 AND id <> $2 ORDER BY id LIMIT 1`, root, mid)

	// kam01 owns the group except the second child, which belongs to kam02
	// with kam01 on none of its teams; that child gets fresh revenue and an
	// open alert, so leaving it out shows.
	_, err := f.pool.Exec(ctx, `WITH RECURSIVE sub(id) AS (SELECT $1::bigint UNION ALL SELECT a.id FROM accounts a JOIN sub ON a.parent_id = sub.id)
		UPDATE accounts SET owner_id = $2 WHERE id IN (SELECT id FROM sub)`, root, kam01.UserID)
	require.NoError(t, err)
	_, err = f.pool.Exec(ctx, `UPDATE accounts SET owner_id = $2 WHERE id = $1`, sibling, kam02.UserID)
	require.NoError(t, err)
	_, err = f.pool.Exec(ctx, `DELETE FROM account_team_members WHERE account_id = $1 AND user_id = $2`, sibling, kam01.UserID)
	require.NoError(t, err)
	f.client.Order.Create().SetAccountID(sibling).SetOrderNo("ROLLUP-1").SetOrderDate(time.Now().AddDate(0, 0, -3)).
		SetAmountMinor(1_234_567).ExecX(sys)
	f.client.Order.Create().SetAccountID(sibling).SetOrderNo("ROLLUP-OLD").SetOrderDate(time.Now().AddDate(-1, 0, -3)).
		SetAmountMinor(9_999_999).ExecX(sys) // older than twelve months: never counted
	f.client.Order.Create().SetAccountID(sibling).SetOrderNo("ROLLUP-CANCELLED").SetOrderDate(time.Now().AddDate(0, 0, -3)).
		SetAmountMinor(7_777_777).SetStatus("CANCELLED").ExecX(sys) // not shipped: never counted
	f.client.ChurnAlert.Create().SetAccountID(sibling).SetAlertType(churnalert.AlertTypeCOVERAGE_GAP).SetSeverity(churnalert.SeverityHIGH).SetRiskScore(70).
		SetSignals(json.RawMessage(`[]`)).SetOpenedAt(time.Now()).SetLastEvaluatedAt(time.Now()).ExecX(sys)
	f.client.ChurnAlert.Create().SetAccountID(sibling).SetSeverity(churnalert.SeverityLOW).SetRiskScore(20).SetStatus(churnalert.StatusRESOLVED).
		SetSignals(json.RawMessage(`[]`)).SetOpenedAt(time.Now()).SetLastEvaluatedAt(time.Now()).ExecX(sys)

	// An admin's roll-up is the whole subtree, equal to the oracle.
	admin := f.viewers["admin@summit.example"]
	full, anc := acctQueryRollup(t, f, "admin@summit.example", root)
	require.Equal(t, acctRollupOracle(t, f, admin, root), full)
	require.Empty(t, anc, "a group root has no ancestors")
	require.Equal(t, acctInt(t, f, `WITH RECURSIVE sub(id) AS (SELECT $1::bigint UNION ALL SELECT a.id FROM accounts a JOIN sub ON a.parent_id = sub.id) SELECT count(*) FROM sub`, root), full.Accounts)
	require.Positive(t, full.TeamSize)

	// kam01's roll-up leaves out the child they cannot read, and its revenue
	// and alert with it.
	mine, _ := acctQueryRollup(t, f, "kam01@summit.example", root)
	require.Equal(t, acctRollupOracle(t, f, kam01, root), mine)
	require.Equal(t, full.Accounts-1, mine.Accounts, "the hidden child is not counted")
	require.GreaterOrEqual(t, full.RevenueMinor-mine.RevenueMinor, int64(1_234_567))
	require.GreaterOrEqual(t, full.OpenAlerts-mine.OpenAlerts, 1)
	require.Equal(t, int64(acctInt(t, f, `SELECT coalesce(sum(amount_minor), 0) FROM orders WHERE account_id = $1
		AND status = 'SHIPPED' AND order_date > current_date - interval '1 year'`, sibling)), full.RevenueMinor-mine.RevenueMinor,
		"exactly the hidden child's own revenue is left out (its subsidiaries are kam01's)")

	// Ancestors come root first; one the viewer cannot read is left out.
	_, anc = acctQueryRollup(t, f, "admin@summit.example", leaf)
	require.Equal(t, []int{root, mid}, anc)
	_, err = f.pool.Exec(ctx, `UPDATE accounts SET owner_id = $2 WHERE id = $1`, mid, kam02.UserID)
	require.NoError(t, err)
	_, err = f.pool.Exec(ctx, `DELETE FROM account_team_members WHERE account_id = $1 AND user_id = $2`, mid, kam01.UserID)
	require.NoError(t, err)
	_, anc = acctQueryRollup(t, f, "kam01@summit.example", leaf)
	require.Equal(t, []int{root}, anc, "kam01 cannot read the middle account")

	// A leaf's roll-up is the leaf alone.
	leafOnly, _ := acctQueryRollup(t, f, "kam01@summit.example", leaf)
	require.Equal(t, 1, leafOnly.Accounts)
	require.Equal(t, acctRollupOracle(t, f, kam01, leaf), leafOnly)
}

// TestAccountFieldsAreBatched pins the statements a page of accounts with
// ancestors, roll-ups and their contacts' lastTouchedAt costs: the same for
// 10 and for 50 accounts, because each field is loaded for the whole page
// with one statement.
func TestAccountFieldsAreBatched(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	client, drv := newCountingClient(f.pool)
	admin := f.viewers["admin@summit.example"]
	handler := graph.NewHandler(client, graph.HandlerConfig{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handler.ServeHTTP(w, r.WithContext(viewer.NewContext(r.Context(), admin)))
	}))
	t.Cleanup(srv.Close)
	counting := &matrixFixture{pool: f.pool, client: client, srv: srv, viewers: f.viewers}

	page := func(n int) (statements []string, accounts, contacts, touched int) {
		drv.Reset()
		res := counting.query(t, "admin@summit.example", `query($n: Int) { accounts(first: $n, orderBy: [{field: CODE}]) { edges { node {
			id ancestors { id name } rollup { revenueMinor openAlerts teamSize accounts }
			contacts(first: 10) { edges { node { id lastTouchedAt } } }
		} } } }`, map[string]any{"n": n})
		require.Empty(t, res.Errors)
		var out struct {
			Accounts struct {
				Edges []struct {
					Node struct {
						Rollup   acctRollup
						Contacts struct {
							Edges []struct {
								Node struct{ LastTouchedAt *time.Time }
							}
						}
					}
				}
			}
		}
		require.NoError(t, json.Unmarshal(res.Data, &out))
		for _, e := range out.Accounts.Edges {
			require.Positive(t, e.Node.Rollup.Accounts)
			for _, c := range e.Node.Contacts.Edges {
				contacts++
				if c.Node.LastTouchedAt != nil {
					touched++
				}
			}
		}
		return drv.Statements(), len(out.Accounts.Edges), contacts, touched
	}
	small, n10, _, _ := page(10)
	large, n50, contacts, touched := page(50)
	require.Equal(t, 10, n10)
	require.Equal(t, 50, n50)
	require.Positive(t, touched, "some contacts have touchpoints")
	require.Greater(t, contacts, touched, "and some do not")
	require.Equal(t, len(small), len(large), "statements for 10 accounts:\n%v\nfor 50:\n%v", small, large)
	t.Logf("a page of accounts with ancestors, rollup and contacts' lastTouchedAt costs %d statements (10 or 50 accounts)", len(large))
}
