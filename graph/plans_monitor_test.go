package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/accountplan"
	"github.com/summitkam/summit/ent/objective"
	"github.com/summitkam/summit/graph"
	"github.com/summitkam/summit/internal/planning"
	"github.com/summitkam/summit/internal/viewer"
)

type planMeasureOut struct {
	Actual, Target, ExpectedToDate int64
	PercentDone                    *float64
	ElapsedShare                   float64
	OnTrack                        bool
	Source                         string
	AsOf                           *string
}

const planMeasureFields = `measure { actual target percentDone elapsedShare expectedToDate onTrack source asOf }`

func planAddObjective(t *testing.T, f *matrixFixture, planID, title, metric string, target int64) string {
	t.Helper()
	res := f.query(t, planKAM, `mutation($p: ID!, $in: ObjectiveInput!) { addObjective(planID: $p, input: $in) { id } }`,
		map[string]any{"p": planID, "in": map[string]any{"title": title, "metric": metric, "targetValue": target}})
	return planData[struct{ AddObjective struct{ ID string } }](t, res).AddObjective.ID
}

func TestPlanObjectiveMeasuresComeFromFacts(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	ctx := context.Background()
	accountID := planAccount(t, f, 0, "B")
	plan := planOf(t, planCreate(t, f, planKAM, accountID, "FY2025", map[string]any{"objectivesFromTemplate": false}), "createPlan")

	// The oracle: shipped orders and collections of 2025.
	var revenue, margin, orders, collected int64
	require.NoError(t, f.pool.QueryRow(ctx, `SELECT coalesce(sum(amount_minor), 0), coalesce(sum(margin_minor), 0), count(*)
		FROM orders WHERE account_id = $1 AND status = 'SHIPPED' AND order_date BETWEEN '2025-01-01' AND '2025-12-31'`, accountID).Scan(&revenue, &margin, &orders))
	require.NoError(t, f.pool.QueryRow(ctx, `SELECT coalesce(sum(amount_minor), 0) FROM collections
		WHERE account_id = $1 AND received_on BETWEEN '2025-01-01' AND '2025-12-31'`, accountID).Scan(&collected))
	require.Positive(t, revenue)
	require.Positive(t, collected)

	ids := map[string]string{
		"REVENUE":      planAddObjective(t, f, plan.ID, "收入", "REVENUE", revenue),
		"GROSS_MARGIN": planAddObjective(t, f, plan.ID, "毛利", "GROSS_MARGIN", margin+1),
		"ORDER_COUNT":  planAddObjective(t, f, plan.ID, "订单数", "ORDER_COUNT", orders*2),
		"COLLECTIONS":  planAddObjective(t, f, plan.ID, "回款", "COLLECTIONS", 0),
		"WALLET_SHARE": planAddObjective(t, f, plan.ID, "钱包份额", "WALLET_SHARE", 3000),
		"CUSTOM":       planAddObjective(t, f, plan.ID, "高层互访", "CUSTOM", 4),
	}
	// A mutation's answer is computed inside its transaction.
	res := f.query(t, planKAM, `mutation($p: ID!) { addObjective(planID: $p, input: {title: "收入(复核)", metric: REVENUE, targetValue: 1}) { `+planMeasureFields+` } }`,
		map[string]any{"p": plan.ID})
	require.Equal(t, revenue, planData[struct {
		AddObjective struct{ Measure planMeasureOut }
	}](t, res).AddObjective.Measure.Actual)

	// Two readings of the wallet share; the latest counts.
	_, err := f.pool.Exec(ctx, `INSERT INTO measures (created_at, updated_at, objective_id, as_of, actual_value, source)
		VALUES (now(), now(), $1, '2025-06-30', 2500, 'MANUAL'), (now(), now(), $1, '2025-03-31', 9000, 'MANUAL')`, ids["WALLET_SHARE"])
	require.NoError(t, err)

	res = f.query(t, planKAM, `query($id: ID!) { node(id: $id) { ... on AccountPlan { objectives { id metric `+planMeasureFields+` } } } }`,
		map[string]any{"id": plan.ID})
	out := planData[struct {
		Node struct {
			Objectives []struct {
				ID, Metric string
				Measure    planMeasureOut
			}
		}
	}](t, res)
	byID := map[string]planMeasureOut{}
	for _, o := range out.Node.Objectives {
		byID[o.ID] = o.Measure
	}
	require.Len(t, byID, 7)
	got := map[string]planMeasureOut{}
	for metric, id := range ids {
		got[metric] = byID[id]
	}

	// The period is over: the whole target is expected.
	for metric, m := range got {
		require.Equal(t, 1.0, m.ElapsedShare, metric)
		require.Equal(t, m.Target, m.ExpectedToDate, metric)
	}
	require.Equal(t, planMeasureOut{Actual: revenue, Target: revenue, ExpectedToDate: revenue, PercentDone: planPtr(100.0), ElapsedShare: 1, OnTrack: true, Source: "ORDERS"}, got["REVENUE"])
	require.Equal(t, margin, got["GROSS_MARGIN"].Actual)
	require.False(t, got["GROSS_MARGIN"].OnTrack, "one short of the target")
	require.Equal(t, orders, got["ORDER_COUNT"].Actual)
	require.InDelta(t, 50.0, *got["ORDER_COUNT"].PercentDone, 0.01)
	require.Equal(t, planMeasureOut{Actual: collected, Target: 0, ElapsedShare: 1, OnTrack: true, Source: "COLLECTIONS"}, got["COLLECTIONS"])
	require.Equal(t, int64(2500), got["WALLET_SHARE"].Actual, "the latest reading, not the largest")
	require.Equal(t, "MANUAL", got["WALLET_SHARE"].Source)
	require.Equal(t, "2025-06-30T00:00:00Z", *got["WALLET_SHARE"].AsOf)
	require.False(t, got["WALLET_SHARE"].OnTrack)
	require.Equal(t, planMeasureOut{Actual: 0, Target: 4, ExpectedToDate: 4, PercentDone: planPtr(0.0), ElapsedShare: 1, Source: "MANUAL"}, got["CUSTOM"])

	// A running period is judged pro rata.
	res = planCreate(t, f, planKAM, accountID, "FY-running", map[string]any{
		"objectivesFromTemplate": false,
		"periodStart":            time.Now().AddDate(0, -3, 0).Format(time.RFC3339),
		"periodEnd":              time.Now().AddDate(0, 9, 0).Format(time.RFC3339)})
	running := planOf(t, res, "createPlan")
	planAddObjective(t, f, running.ID, "收入", "REVENUE", 1_000_000_00)
	res = f.query(t, planKAM, `query($id: ID!) { node(id: $id) { ... on AccountPlan { periodStart periodEnd objectives { `+planMeasureFields+` } } } }`,
		map[string]any{"id": running.ID})
	r := planData[struct {
		Node struct {
			PeriodStart, PeriodEnd time.Time
			Objectives             []struct{ Measure planMeasureOut }
		}
	}](t, res).Node
	share := planning.ElapsedShare(r.PeriodStart, r.PeriodEnd, time.Now())
	require.InDelta(t, share, r.Objectives[0].Measure.ElapsedShare, 1e-9)
	require.Greater(t, share, 0.2)
	require.Less(t, share, 0.3)
	m := r.Objectives[0].Measure
	require.Equal(t, m.Actual >= m.ExpectedToDate, m.OnTrack)
}

func planPtr[T any](v T) *T { return &v }

type planHealthOut struct {
	PlanID, PlanPeriod, PlanStatus     *string
	ObjectivesOnTrack, ObjectivesTotal int
	OverdueActions                     int
	LastTouchpointAt                   *time.Time
	DaysSinceLastTouchpoint            *int
	ContactCadenceDays                 *int
	ContactOverdue                     bool
	MissingTeamRoles                   []string
}

const planHealthFields = `planHealth { planID planPeriod planStatus objectivesOnTrack objectivesTotal overdueActions
	lastTouchpointAt daysSinceLastTouchpoint contactCadenceDays contactOverdue missingTeamRoles }`

func TestPlanHealthOfAnAccount(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	ctx := context.Background()
	accountID := planAccount(t, f, 0, "S")

	// The active FY2025 plan wins over a later draft.
	plan := planOf(t, planCreate(t, f, planKAM, accountID, "FY2025", nil), "createPlan")
	require.Len(t, plan.Objectives, 4)
	res := f.query(t, planKAM, `mutation($id: ID!) { updateObjective(id: $id, input: {targetValue: 999999999999}) { id } }`, map[string]any{"id": plan.Objectives[0].ID})
	planData[json.RawMessage](t, res)
	res = f.query(t, planKAM, `mutation($id: ID!) { updateObjective(id: $id, input: {status: DROPPED}) { id } }`, map[string]any{"id": plan.Objectives[3].ID})
	planData[json.RawMessage](t, res)
	_, version := planRow(t, f, plan.ID)
	plan = planOf(t, planMove(t, f, planKAM, "submitPlan", plan.ID, version, nil), "submitPlan")
	plan = planOf(t, planMove(t, f, planExec, "approvePlan", plan.ID, plan.Version, nil), "approvePlan")
	plan = planOf(t, planMove(t, f, planKAM, "activatePlan", plan.ID, plan.Version, nil), "activatePlan")
	planOf(t, planCreate(t, f, planKAM, accountID, "FY2026-draft", map[string]any{
		"periodStart": "2026-01-01T00:00:00Z", "periodEnd": "2026-12-31T00:00:00Z"}), "createPlan")

	// Two overdue actions; a done one and a future one do not count.
	for _, a := range []map[string]any{
		{"accountID": fmt.Sprint(accountID), "title": "报价", "dueOn": "2025-02-28T00:00:00Z"},
		{"accountID": fmt.Sprint(accountID), "title": "回访", "dueOn": "2025-03-31T00:00:00Z", "status": "BLOCKED"},
		{"accountID": fmt.Sprint(accountID), "title": "签约", "dueOn": "2025-03-31T00:00:00Z", "status": "DONE"},
		{"accountID": fmt.Sprint(accountID), "title": "年会", "dueOn": time.Now().AddDate(0, 1, 0).Format(time.RFC3339)},
	} {
		res := f.query(t, planKAM, `mutation($in: CreateActionInput!) { createAction(input: $in) { id } }`, map[string]any{"in": a})
		planData[json.RawMessage](t, res)
	}

	res = f.query(t, planKAM, `query($id: ID!) { node(id: $id) { ... on Account { `+planHealthFields+` } } }`, map[string]any{"id": fmt.Sprint(accountID)})
	h := planData[struct {
		Node struct{ PlanHealth planHealthOut }
	}](t, res).Node.PlanHealth

	require.Equal(t, plan.ID, *h.PlanID)
	require.Equal(t, "FY2025", *h.PlanPeriod)
	require.Equal(t, "ACTIVE", *h.PlanStatus)
	require.Equal(t, 3, h.ObjectivesTotal, "the dropped objective is left out")
	require.Equal(t, 2, h.ObjectivesOnTrack, "the revenue target is out of reach")
	require.Equal(t, 2+planCount(t, f, `SELECT count(*) FROM actions WHERE account_id = $1 AND status IN ('OPEN','IN_PROGRESS','BLOCKED') AND due_on < current_date AND title NOT IN ('报价','回访')`, accountID), h.OverdueActions)

	var last time.Time
	require.NoError(t, f.pool.QueryRow(ctx, `SELECT max(occurred_at) FROM touchpoints WHERE account_id = $1 AND occurred_at <= now()`, accountID).Scan(&last))
	require.True(t, last.Equal(*h.LastTouchpointAt))
	days := int(planning.Day(time.Now()).Sub(planning.Day(last)).Hours() / 24)
	require.Equal(t, days, *h.DaysSinceLastTouchpoint)
	require.Equal(t, 30, *h.ContactCadenceDays, "the S policy's cadence")
	require.Equal(t, days > 30, h.ContactOverdue)

	var present []string
	rows, err := f.pool.Query(ctx, `SELECT DISTINCT role FROM account_team_members WHERE account_id = $1`, accountID)
	require.NoError(t, err)
	for rows.Next() {
		var r string
		require.NoError(t, rows.Scan(&r))
		present = append(present, r)
	}
	rows.Close()
	var want []string
	for _, r := range []string{"EXECUTIVE_SPONSOR", "ACCOUNT_MANAGER", "SERVICE_MANAGER"} {
		if !slices.Contains(present, r) {
			want = append(want, r)
		}
	}
	require.ElementsMatch(t, want, h.MissingTeamRoles)

	// A fresh touchpoint resets the cadence.
	res = f.query(t, planKAM, `mutation($in: LogTouchpointInput!) { logTouchpoint(input: $in) { id } }`, map[string]any{"in": map[string]any{
		"accountID": fmt.Sprint(accountID), "kind": "CALL", "occurredAt": time.Now().Add(-time.Hour).Format(time.RFC3339)}})
	planData[json.RawMessage](t, res)
	res = f.query(t, planKAM, `query($id: ID!) { node(id: $id) { ... on Account { `+planHealthFields+` } } }`, map[string]any{"id": fmt.Sprint(accountID)})
	h = planData[struct {
		Node struct{ PlanHealth planHealthOut }
	}](t, res).Node.PlanHealth
	require.LessOrEqual(t, *h.DaysSinceLastTouchpoint, 1)
	require.False(t, h.ContactOverdue)
}

// TestPlanHealthOfAPageMatchesTheFacts checks every account of a key-account
// manager's page against plain SQL: the batched statements answer for the
// right account and only for accounts the viewer can see.
func TestPlanHealthOfAPageMatchesTheFacts(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	ctx := context.Background()
	_, err := f.pool.Exec(ctx, `UPDATE accounts SET current_class = (ARRAY['S','A','B','C'])[1 + id % 4]`)
	require.NoError(t, err)

	for _, email := range []string{planKAM, planAdmin} {
		res := f.query(t, email, `{ accounts(first: 60) { edges { node { id currentClass `+planHealthFields+` } } } }`, nil)
		page := planData[struct {
			Accounts struct {
				Edges []struct {
					Node struct {
						ID           string
						CurrentClass string
						PlanHealth   planHealthOut
					}
				}
			}
		}](t, res)
		require.NotEmpty(t, page.Accounts.Edges)
		v := f.viewers[email]
		readable := oracle{pool: f.pool}.readableAccounts(t, v)
		for _, e := range page.Accounts.Edges {
			id := atoi(t, e.Node.ID)
			require.Contains(t, readable, id)
			h := e.Node.PlanHealth
			require.Equal(t, planCount(t, f, `SELECT count(*) FROM actions WHERE account_id = $1 AND status IN ('OPEN','IN_PROGRESS','BLOCKED') AND due_on < current_date`, id), h.OverdueActions, "account %d", id)
			var last *time.Time
			require.NoError(t, f.pool.QueryRow(ctx, `SELECT max(occurred_at) FROM touchpoints WHERE account_id = $1 AND occurred_at <= now()`, id).Scan(&last))
			if last == nil {
				require.Nil(t, h.LastTouchpointAt)
			} else {
				require.True(t, last.Equal(*h.LastTouchpointAt), "account %d", id)
			}
			var missing []string
			rows, err := f.pool.Query(ctx, `SELECT r FROM class_policies p, jsonb_array_elements_text(p.required_team_roles) r
				WHERE p.class = $2 AND r NOT IN (SELECT role FROM account_team_members WHERE account_id = $1)`, id, e.Node.CurrentClass)
			require.NoError(t, err)
			for rows.Next() {
				var r string
				require.NoError(t, rows.Scan(&r))
				missing = append(missing, r)
			}
			rows.Close()
			require.ElementsMatch(t, missing, h.MissingTeamRoles, "account %d", id)
			plans := planCount(t, f, `SELECT count(*) FROM account_plans WHERE account_id = $1`, id)
			require.Equal(t, plans > 0, h.PlanID != nil, "account %d", id)
			if h.PlanID != nil {
				require.Equal(t, planCount(t, f, `SELECT count(*) FROM objectives WHERE plan_id = $1 AND status <> 'DROPPED'`, *h.PlanID), h.ObjectivesTotal)
			}
		}
	}
}

// TestPlanHealthStatementsDoNotGrowWithThePage pins the SQL an account list
// with planHealth costs: the same statements for 10 accounts as for 50, and
// the same for a page of plans with their objectives' measures.
func TestPlanHealthStatementsDoNotGrowWithThePage(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	ctx := viewer.System(context.Background(), "test")

	// Every source of facts in play on both pages: the first account of each
	// viewer's list gets a plan with computed and manual objectives.
	for _, email := range []string{planAdmin, planKAM} {
		first := oracle{pool: f.pool}.readableAccounts(t, f.viewers[email])[0]
		plan, err := f.client.AccountPlan.Query().Where(accountplan.AccountID(first)).First(ctx)
		if err != nil {
			start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			plan = f.client.AccountPlan.Create().SetAccountID(first).SetPeriod("FY2026").SetPeriodStart(start).SetPeriodEnd(start.AddDate(1, 0, -1)).SaveX(ctx)
		}
		for _, metric := range []objective.Metric{objective.MetricREVENUE, objective.MetricCOLLECTIONS, objective.MetricWALLET_SHARE} {
			f.client.Objective.Create().SetPlanID(plan.ID).SetTitle(string(metric)).SetMetric(metric).SetTargetValue(100).ExecX(ctx)
		}
	}
	_, err := f.pool.Exec(context.Background(), `UPDATE accounts SET current_class = 'S' WHERE id % 3 = 0`)
	require.NoError(t, err)

	client, drv := newCountingClient(f.pool)
	handler := graph.NewHandler(client, graph.HandlerConfig{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if v, ok := f.viewers[r.Header.Get("X-Test-Viewer")]; ok {
			r = r.WithContext(viewer.NewContext(r.Context(), v))
		}
		handler.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	counted := &matrixFixture{pool: f.pool, client: client, srv: srv, viewers: f.viewers}

	statements := func(email, q string, first int) (int, []string) {
		drv.Reset()
		res := counted.query(t, email, q, map[string]any{"first": first})
		require.Empty(t, res.Errors)
		var page struct {
			Accounts, AccountPlans *struct{ Edges []json.RawMessage }
		}
		require.NoError(t, json.Unmarshal(res.Data, &page))
		if page.Accounts != nil {
			require.Len(t, page.Accounts.Edges, first, "a full page")
		} else {
			require.Len(t, page.AccountPlans.Edges, first, "a full page")
		}
		stmts := drv.Statements()
		return len(stmts), stmts
	}

	accountsQ := `query($first: Int) { accounts(first: $first) { edges { node { id name ` + planHealthFields + ` } } } }`
	for _, tc := range []struct {
		email         string
		small, larger int
	}{{planAdmin, 10, 50}, {planKAM, 3, 12}} {
		small, stmts := statements(tc.email, accountsQ, tc.small)
		large, more := statements(tc.email, accountsQ, tc.larger)
		require.Equal(t, small, large, "planHealth for %d accounts cost %d statements, for %d accounts %d:\n%s\n---\n%s",
			tc.small, small, tc.larger, large, strings.Join(stmts, "\n"), strings.Join(more, "\n"))
		require.LessOrEqual(t, large, 10, "accounts, class policies, plans, objectives, order sums, collection sums, readings, overdue actions, last touchpoints, team roles")
		t.Logf("%s: accounts(first: %d|%d) { planHealth } = %d statements per page", tc.email, tc.small, tc.larger, large)
	}

	plansQ := `query($first: Int) { accountPlans(first: $first) { edges { node { id objectives { id ` + planMeasureFields + ` } } } } }`
	small, stmts := statements(planAdmin, plansQ, 10)
	large, more := statements(planAdmin, plansQ, 40)
	require.Equal(t, small, large, "objective measures of 10 plans cost %d statements, of 40 plans %d:\n%s\n---\n%s",
		small, large, strings.Join(stmts, "\n"), strings.Join(more, "\n"))
	t.Logf("accountPlans(first: 10|40) { objectives { measure } } = %d statements per page", large)
}
