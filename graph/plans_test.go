package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/testdb"
)

// Tests of the strategy → execute → monitor operations over real HTTP, on
// the seeded matrix fixture. Helpers carry a plan prefix to stay clear of
// other tests in this package.

const (
	planKAM    = "kam01@summit.example"
	planKAM2   = "kam02@summit.example"
	planExec   = "exec01@summit.example"
	planAdmin  = "admin@summit.example"
	planViewer = "viewer@summit.example"
)

// planFields is the selection the tests read back from a plan.
const planFields = `id version status period periodStart periodEnd classAtCreation strategyStatement swot outcome
	rejectionReason approvedAt submittedAt activatedAt closedAt approvedBy { email } rolledFrom { id }
	objectives { id title metric unit targetValue weight dueOn status }`

type planOut struct {
	ID, Status, Period, PeriodStart, PeriodEnd string
	Version                                    int
	ClassAtCreation, StrategyStatement         *string
	Swot                                       json.RawMessage
	Outcome, RejectionReason                   *string
	ApprovedAt, SubmittedAt                    *string
	ActivatedAt, ClosedAt                      *string
	ApprovedBy                                 *struct{ Email string }
	RolledFrom                                 *struct{ ID string }
	Objectives                                 []planObjectiveOut
}

type planObjectiveOut struct {
	ID, Title, Metric, Unit, Status string
	TargetValue, Weight             int64
	DueOn                           *string
}

// planData requires a response without errors and decodes its data.
func planData[T any](t *testing.T, res gqlResult) T {
	t.Helper()
	require.Empty(t, res.Errors, "unexpected errors: %+v", res.Errors)
	var out T
	require.NoError(t, json.Unmarshal(res.Data, &out))
	return out
}

// planRequireError requires exactly one error with code and returns its
// extensions.
func planRequireError(t *testing.T, res gqlResult, code string) map[string]any {
	t.Helper()
	require.Len(t, res.Errors, 1, "want one %s error, got %+v", code, res.Errors)
	require.Equal(t, code, res.Errors[0].Extensions["code"], "message: %s", res.Errors[0].Message)
	ext := res.Errors[0].Extensions
	ext["message"] = res.Errors[0].Message
	return ext
}

func planCount(t *testing.T, f *matrixFixture, q string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, f.pool.QueryRow(context.Background(), q, args...).Scan(&n), q)
	return n
}

func planAudits(t *testing.T, f *matrixFixture, entityType string, id any, action string) int {
	t.Helper()
	return planCount(t, f, `SELECT count(*) FROM audit_events WHERE entity_type = $1 AND entity_id = $2 AND action = $3`, entityType, id, action)
}

func planAllAudits(t *testing.T, f *matrixFixture) int {
	t.Helper()
	return planCount(t, f, `SELECT count(*) FROM audit_events`)
}

// planAccount picks an account owned by kam01 that has shipped orders in
// 2025 and no plan yet, and sets its class.
func planAccount(t *testing.T, f *matrixFixture, skip int, class string) int {
	t.Helper()
	var id int
	require.NoError(t, f.pool.QueryRow(context.Background(), `
		SELECT a.id FROM accounts a JOIN users u ON u.id = a.owner_id
		WHERE u.email = $1
		  AND NOT EXISTS (SELECT 1 FROM account_plans p WHERE p.account_id = a.id)
		  AND EXISTS (SELECT 1 FROM orders o WHERE o.account_id = a.id AND o.status = 'SHIPPED' AND o.order_date BETWEEN '2025-01-01' AND '2025-12-31')
		  AND EXISTS (SELECT 1 FROM collections c WHERE c.account_id = a.id AND c.received_on BETWEEN '2025-01-01' AND '2025-12-31')
		  AND EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = a.id)
		ORDER BY a.id OFFSET $2 LIMIT 1`, planKAM, skip).Scan(&id))
	if class != "" {
		_, err := f.pool.Exec(context.Background(), `UPDATE accounts SET current_class = $2 WHERE id = $1`, id, class)
		require.NoError(t, err)
	}
	return id
}

func planCreate(t *testing.T, f *matrixFixture, email string, accountID int, period string, extra map[string]any) gqlResult {
	t.Helper()
	in := map[string]any{
		"accountID": fmt.Sprint(accountID), "period": period,
		"periodStart": "2025-01-01T00:00:00Z", "periodEnd": "2025-12-31T00:00:00Z",
	}
	for k, v := range extra {
		in[k] = v
	}
	return f.query(t, email, `mutation($in: CreatePlanInput!) { createPlan(input: $in) { `+planFields+` } }`, map[string]any{"in": in})
}

// planMove runs a transition mutation: submitPlan, activatePlan …
func planMove(t *testing.T, f *matrixFixture, email, op, id string, version int, vars map[string]any) gqlResult {
	t.Helper()
	if vars == nil {
		vars = map[string]any{}
	}
	vars["id"], vars["version"] = id, version
	decl := "$id: ID!, $version: Int!"
	call := "id: $id, version: $version"
	switch op {
	case "approvePlan":
		decl, call = decl+", $note: String", call+", note: $note"
	case "rejectPlan":
		decl, call = decl+", $reason: String!", call+", reason: $reason"
	case "closePlan":
		decl, call = decl+", $outcome: String!", call+", outcome: $outcome"
	}
	return f.query(t, email, fmt.Sprintf(`mutation(%s) { %s(%s) { %s } }`, decl, op, call, planFields), vars)
}

func planOf(t *testing.T, res gqlResult, op string) planOut {
	t.Helper()
	return planData[map[string]planOut](t, res)[op]
}

func planRow(t *testing.T, f *matrixFixture, id string) (status string, version int) {
	t.Helper()
	require.NoError(t, f.pool.QueryRow(context.Background(), `SELECT status, version FROM account_plans WHERE id = $1`, id).Scan(&status, &version))
	return status, version
}

func TestPlanLifecycleOfAStrategicAccount(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	accountID := planAccount(t, f, 0, "S")

	// createPlan pre-fills the S class policy's strategy and objectives.
	res := planCreate(t, f, planKAM, accountID, "FY2025", nil)
	plan := planOf(t, res, "createPlan")
	require.Equal(t, "DRAFT", plan.Status)
	require.Equal(t, 1, plan.Version)
	require.Equal(t, "S", *plan.ClassAtCreation)
	require.Contains(t, *plan.StrategyStatement, "重点跟进")
	require.Len(t, plan.Objectives, 4, "the S policy has four objective templates")
	require.Equal(t, "年度收入目标", plan.Objectives[0].Title)
	require.Equal(t, "REVENUE", plan.Objectives[0].Metric)
	require.Equal(t, int64(3), plan.Objectives[0].Weight)
	require.Equal(t, 1, planAudits(t, f, "AccountPlan", plan.ID, "plan.create"))

	// A second plan for the same period conflicts.
	res = planCreate(t, f, planKAM, accountID, "FY2025", nil)
	ext := planRequireError(t, res, "CONFLICT")
	require.Equal(t, "input.period", ext["field"])

	// updatePlan with the version read; the version moves on.
	update := `mutation($id: ID!, $v: Int!, $in: UpdatePlanInput!) { updatePlan(id: $id, version: $v, input: $in) { ` + planFields + ` } }`
	res = f.query(t, planKAM, update, map[string]any{"id": plan.ID, "v": 1, "in": map[string]any{
		"strategyStatement": "深耕集团总部，导入新产品线",
		"swot":              map[string]any{"strengths": []string{" 品牌 "}, "threats": []string{"竞品降价"}},
	}})
	plan = planOf(t, res, "updatePlan")
	require.Equal(t, 2, plan.Version)
	require.Equal(t, "深耕集团总部，导入新产品线", *plan.StrategyStatement)
	require.JSONEq(t, `{"strengths":["品牌"],"weaknesses":[],"opportunities":[],"threats":["竞品降价"]}`, string(plan.Swot))

	// A stale version is a conflict and changes nothing.
	audits := planAllAudits(t, f)
	res = f.query(t, planKAM, update, map[string]any{"id": plan.ID, "v": 1, "in": map[string]any{"strategyStatement": "stale"}})
	ext = planRequireError(t, res, "CONFLICT")
	require.EqualValues(t, 2, ext["currentVersion"])
	var strategy string
	require.NoError(t, f.pool.QueryRow(context.Background(), `SELECT strategy_statement FROM account_plans WHERE id = $1`, plan.ID).Scan(&strategy))
	require.Equal(t, "深耕集团总部，导入新产品线", strategy)
	require.Equal(t, audits, planAllAudits(t, f), "a refused change writes no audit event")

	// Bad input names the field.
	res = f.query(t, planKAM, update, map[string]any{"id": plan.ID, "v": 2, "in": map[string]any{"periodEnd": "2024-06-30T00:00:00Z"}})
	ext = planRequireError(t, res, "BAD_USER_INPUT")
	require.Equal(t, "input.periodEnd", ext["field"])

	// Objectives: add, update, remove; each bumps the plan's version.
	res = f.query(t, planKAM, `mutation($p: ID!, $in: ObjectiveInput!) { addObjective(planID: $p, input: $in) { id unit targetValue plan { version } } }`,
		map[string]any{"p": plan.ID, "in": map[string]any{"title": "订单数", "metric": "ORDER_COUNT", "targetValue": 40}})
	added := planData[struct {
		AddObjective struct {
			ID, Unit    string
			TargetValue int
			Plan        struct{ Version int }
		}
	}](t, res).AddObjective
	require.Equal(t, "COUNT", added.Unit, "the unit follows the metric")
	require.Equal(t, 3, added.Plan.Version)
	require.Equal(t, 1, planAudits(t, f, "Objective", added.ID, "objective.add"))

	res = f.query(t, planKAM, `mutation($p: ID!, $in: ObjectiveInput!) { addObjective(planID: $p, input: $in) { id } }`,
		map[string]any{"p": plan.ID, "in": map[string]any{"title": "收入", "metric": "REVENUE", "unit": "COUNT"}})
	ext = planRequireError(t, res, "BAD_USER_INPUT")
	require.Equal(t, "input.unit", ext["field"])

	res = f.query(t, planKAM, `mutation($id: ID!, $in: UpdateObjectiveInput!) { updateObjective(id: $id, input: $in) { targetValue dueOn } }`,
		map[string]any{"id": added.ID, "in": map[string]any{"targetValue": 48, "dueOn": "2025-09-30T08:00:00+08:00"}})
	updated := planData[struct{ UpdateObjective planObjectiveOut }](t, res).UpdateObjective
	require.Equal(t, int64(48), updated.TargetValue)
	require.Equal(t, "2025-09-30T00:00:00Z", *updated.DueOn, "dates keep their UTC day")
	require.Equal(t, 1, planAudits(t, f, "Objective", added.ID, "objective.update"))

	res = f.query(t, planKAM, `mutation($id: ID!) { removeObjective(id: $id, reason: "merged into revenue") }`, map[string]any{"id": plan.Objectives[3].ID})
	require.JSONEq(t, fmt.Sprintf(`{"removeObjective":%q}`, plan.Objectives[3].ID), string(planData[json.RawMessage](t, res)))
	require.Equal(t, 1, planAudits(t, f, "Objective", plan.Objectives[3].ID, "objective.remove"))
	_, version := planRow(t, f, plan.ID)
	require.Equal(t, 5, version)

	// submit.
	plan = planOf(t, planMove(t, f, planKAM, "submitPlan", plan.ID, 5, nil), "submitPlan")
	require.Equal(t, "SUBMITTED", plan.Status)
	require.NotNil(t, plan.SubmittedAt)
	var before, after string
	require.NoError(t, f.pool.QueryRow(context.Background(), `SELECT before::text, after::text FROM audit_events WHERE entity_id = $1 AND action = 'plan.submit'`, plan.ID).Scan(&before, &after))
	require.JSONEq(t, `{"status":"DRAFT","version":5}`, before)
	require.JSONEq(t, `{"status":"SUBMITTED","version":6}`, after)

	// An S plan cannot activate without an executive's approval.
	audits = planAllAudits(t, f)
	ext = planRequireError(t, planMove(t, f, planKAM, "activatePlan", plan.ID, 6, nil), "CONFLICT")
	require.Contains(t, ext["message"], "approval")
	// A key-account manager may not approve.
	planRequireError(t, planMove(t, f, planKAM, "approvePlan", plan.ID, 6, map[string]any{"note": "self-approved"}), "FORBIDDEN")
	// An executive with a stale version conflicts.
	planRequireError(t, planMove(t, f, planExec, "approvePlan", plan.ID, 5, nil), "CONFLICT")
	status, version := planRow(t, f, plan.ID)
	require.Equal(t, "SUBMITTED", status)
	require.Equal(t, 6, version)
	require.Equal(t, audits, planAllAudits(t, f), "refused transitions write no audit event")
	require.Zero(t, planAudits(t, f, "AccountPlan", plan.ID, "plan.approve"))

	// approve, activate.
	plan = planOf(t, planMove(t, f, planExec, "approvePlan", plan.ID, 6, map[string]any{"note": "资源倾斜到位"}), "approvePlan")
	require.Equal(t, "APPROVED", plan.Status)
	require.Equal(t, planExec, plan.ApprovedBy.Email)
	require.NotNil(t, plan.ApprovedAt)
	var reason, actor string
	require.NoError(t, f.pool.QueryRow(context.Background(), `SELECT reason, actor_label FROM audit_events WHERE entity_id = $1 AND action = 'plan.approve'`, plan.ID).Scan(&reason, &actor))
	require.Equal(t, "资源倾斜到位", reason)
	require.Equal(t, planExec, actor)

	plan = planOf(t, planMove(t, f, planKAM, "activatePlan", plan.ID, 7, nil), "activatePlan")
	require.Equal(t, "ACTIVE", plan.Status)
	require.NotNil(t, plan.ActivatedAt)

	// Content is frozen once approved.
	res = f.query(t, planKAM, update, map[string]any{"id": plan.ID, "v": 8, "in": map[string]any{"strategyStatement": "late edit"}})
	ext = planRequireError(t, res, "CONFLICT")
	require.Contains(t, ext["message"], "ACTIVE")
	res = f.query(t, planKAM, `mutation($p: ID!, $in: ObjectiveInput!) { addObjective(planID: $p, input: $in) { id } }`,
		map[string]any{"p": plan.ID, "in": map[string]any{"title": "late"}})
	planRequireError(t, res, "CONFLICT")
	// … but objective status is execution tracking.
	res = f.query(t, planKAM, `mutation($id: ID!) { updateObjective(id: $id, input: {status: ACHIEVED}) { status } }`, map[string]any{"id": plan.Objectives[1].ID})
	require.Equal(t, "ACHIEVED", planData[struct{ UpdateObjective planObjectiveOut }](t, res).UpdateObjective.Status)

	_, version = planRow(t, f, plan.ID)
	require.Equal(t, 9, version, "an objective's status change is a change of the plan")

	// Roll the active plan forward.
	res = f.query(t, planKAM, `mutation($id: ID!) { rollForwardPlan(id: $id, period: "FY2026-S", periodStart: "2026-01-01T00:00:00Z", periodEnd: "2026-12-31T00:00:00Z") { `+planFields+` } }`,
		map[string]any{"id": plan.ID})
	next := planOf(t, res, "rollForwardPlan")
	require.Equal(t, "DRAFT", next.Status)
	require.Equal(t, plan.ID, next.RolledFrom.ID)
	require.Equal(t, *plan.StrategyStatement, *next.StrategyStatement)
	require.JSONEq(t, string(plan.Swot), string(next.Swot))
	require.Len(t, next.Objectives, len(plan.Objectives)+1-1, "objectives with their targets")
	var nextTargets, srcTargets int64
	for _, o := range next.Objectives {
		nextTargets += o.TargetValue
		require.Equal(t, "OPEN", o.Status)
	}
	require.NoError(t, f.pool.QueryRow(context.Background(), `SELECT sum(target_value) FROM objectives WHERE plan_id = $1`, plan.ID).Scan(&srcTargets))
	require.Equal(t, srcTargets, nextTargets)
	require.Equal(t, 1, planAudits(t, f, "AccountPlan", next.ID, "plan.roll_forward"))

	// A roll-forward must move on in time.
	res = f.query(t, planKAM, `mutation($id: ID!) { rollForwardPlan(id: $id, period: "FY2024", periodStart: "2024-01-01T00:00:00Z", periodEnd: "2024-12-31T00:00:00Z") { id } }`,
		map[string]any{"id": plan.ID})
	require.Equal(t, "periodStart", planRequireError(t, res, "BAD_USER_INPUT")["field"])

	// close needs an outcome.
	ext = planRequireError(t, planMove(t, f, planKAM, "closePlan", plan.ID, 9, map[string]any{"outcome": " "}), "BAD_USER_INPUT")
	require.Equal(t, "outcome", ext["field"])
	plan = planOf(t, planMove(t, f, planKAM, "closePlan", plan.ID, 9, map[string]any{"outcome": "收入达成 104%"}), "closePlan")
	require.Equal(t, "CLOSED", plan.Status)
	require.Equal(t, "收入达成 104%", *plan.Outcome)

	// Nothing leaves CLOSED; the message names both states.
	ext = planRequireError(t, planMove(t, f, planKAM, "submitPlan", plan.ID, 10, nil), "CONFLICT")
	require.Contains(t, ext["message"], "CLOSED")
	require.Contains(t, ext["message"], "SUBMITTED")

	for _, action := range []string{"plan.submit", "plan.approve", "plan.activate", "plan.close"} {
		require.Equal(t, 1, planAudits(t, f, "AccountPlan", plan.ID, action), action)
	}
}

func TestPlanRejectionAndValueAccountActivation(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	accountID := planAccount(t, f, 0, "B")

	plan := planOf(t, planCreate(t, f, planKAM, accountID, "FY2025", map[string]any{
		"strategyStatement": "控制账期，提升毛利", "objectivesFromTemplate": false}), "createPlan")
	require.Equal(t, "控制账期，提升毛利", *plan.StrategyStatement)
	require.Empty(t, plan.Objectives)

	// Activating a draft is not a transition the lifecycle has.
	ext := planRequireError(t, planMove(t, f, planKAM, "activatePlan", plan.ID, 1, nil), "CONFLICT")
	require.Contains(t, ext["message"], "DRAFT")
	require.Contains(t, ext["message"], "ACTIVE")
	status, version := planRow(t, f, plan.ID)
	require.Equal(t, "DRAFT", status)
	require.Equal(t, 1, version)

	plan = planOf(t, planMove(t, f, planKAM, "submitPlan", plan.ID, 1, nil), "submitPlan")

	// Rejection needs an executive and a reason.
	planRequireError(t, planMove(t, f, planKAM, "rejectPlan", plan.ID, 2, map[string]any{"reason": "no"}), "FORBIDDEN")
	ext = planRequireError(t, planMove(t, f, planExec, "rejectPlan", plan.ID, 2, map[string]any{"reason": ""}), "BAD_USER_INPUT")
	require.Equal(t, "reason", ext["field"])
	plan = planOf(t, planMove(t, f, planExec, "rejectPlan", plan.ID, 2, map[string]any{"reason": "目标过低"}), "rejectPlan")
	require.Equal(t, "DRAFT", plan.Status)
	require.Equal(t, "目标过低", *plan.RejectionReason)
	var reason string
	require.NoError(t, f.pool.QueryRow(context.Background(), `SELECT reason FROM audit_events WHERE entity_id = $1 AND action = 'plan.reject'`, plan.ID).Scan(&reason))
	require.Equal(t, "目标过低", reason)

	// Resubmitted, a B plan activates without approval.
	plan = planOf(t, planMove(t, f, planKAM, "submitPlan", plan.ID, 3, nil), "submitPlan")
	require.True(t, plan.RejectionReason == nil || *plan.RejectionReason == "", "a resubmission leaves the old rejection behind")
	plan = planOf(t, planMove(t, f, planKAM, "activatePlan", plan.ID, 4, nil), "activatePlan")
	require.Equal(t, "ACTIVE", plan.Status)
	require.Nil(t, plan.ApprovedAt)

	// An account upgraded to A after its plan was created needs approval.
	other := planAccount(t, f, 1, "C")
	plan = planOf(t, planCreate(t, f, planKAM, other, "FY2025", nil), "createPlan")
	require.Equal(t, "C", *plan.ClassAtCreation)
	plan = planOf(t, planMove(t, f, planKAM, "submitPlan", plan.ID, plan.Version, nil), "submitPlan")
	_, err := f.pool.Exec(context.Background(), `UPDATE accounts SET current_class = 'A' WHERE id = $1`, other)
	require.NoError(t, err)
	planRequireError(t, planMove(t, f, planKAM, "activatePlan", plan.ID, plan.Version, nil), "CONFLICT")
	// An admin may approve too.
	plan = planOf(t, planMove(t, f, planAdmin, "approvePlan", plan.ID, plan.Version, nil), "approvePlan")
	require.Equal(t, "APPROVED", plan.Status)
	// An executive may send an approved plan back.
	plan = planOf(t, planMove(t, f, planExec, "rejectPlan", plan.ID, plan.Version, map[string]any{"reason": "等待新的定价"}), "rejectPlan")
	require.Equal(t, "DRAFT", plan.Status)
	require.Nil(t, plan.ApprovedAt, "a rejection withdraws the approval")
}

func TestPlanRefusalsByAccess(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	accountID := planAccount(t, f, 0, "")
	plan := planOf(t, planCreate(t, f, planKAM, accountID, "FY2025", nil), "createPlan")

	// Another manager cannot see the plan: NOT_FOUND, as for a missing one.
	audits := planAllAudits(t, f)
	planRequireError(t, planMove(t, f, planKAM2, "submitPlan", plan.ID, 1, nil), "NOT_FOUND")
	res := f.query(t, planKAM2, `mutation($id: ID!) { updatePlan(id: $id, version: 1, input: {strategyStatement: "x"}) { id } }`, map[string]any{"id": plan.ID})
	planRequireError(t, res, "NOT_FOUND")
	res = planCreate(t, f, planKAM2, accountID, "FY2030", nil)
	require.Equal(t, "input.accountID", planRequireError(t, res, "NOT_FOUND")["field"])
	status, version := planRow(t, f, plan.ID)
	require.Equal(t, "DRAFT", status)
	require.Equal(t, 1, version)
	require.Equal(t, audits, planAllAudits(t, f))

	// An executive reads every account and may decide on plans: createPlan
	// works on any account; a viewer (analyst) may change nothing.
	planOf(t, planCreate(t, f, planExec, accountID, "FY2030", nil), "createPlan")
	plans := planCount(t, f, `SELECT count(*) FROM account_plans WHERE account_id = $1`, accountID)
	audits = planAllAudits(t, f)
	planRequireError(t, planCreate(t, f, planViewer, accountID, "FY2031", nil), "FORBIDDEN")
	planRequireError(t, planMove(t, f, planViewer, "submitPlan", plan.ID, 1, nil), "FORBIDDEN")
	require.Equal(t, plans, planCount(t, f, `SELECT count(*) FROM account_plans WHERE account_id = $1`, accountID))
	status, _ = planRow(t, f, plan.ID)
	require.Equal(t, "DRAFT", status)
	require.Equal(t, audits, planAllAudits(t, f))

	// A team member with READ access reads the account's plans but may not
	// move them.
	var readOnly int
	var member string
	err := f.pool.QueryRow(context.Background(), `
		SELECT m.account_id, u.email FROM account_team_members m JOIN users u ON u.id = m.user_id
		JOIN accounts a ON a.id = m.account_id
		WHERE m.access_level = 'READ' AND a.owner_id <> m.user_id
		  AND NOT EXISTS (SELECT 1 FROM account_team_members e WHERE e.account_id = m.account_id AND e.user_id = m.user_id AND e.access_level = 'EDIT')
		  AND u.email LIKE 'sales%'
		ORDER BY m.account_id LIMIT 1`).Scan(&readOnly, &member)
	// The seed is deterministic and plants such members; a seed that stops
	// doing so must fail this test, not skip it.
	require.NoError(t, err, "the seed has no read-only team member")
	f.viewers[member] = testdb.Viewer(t, f.pool, member)
	var roPlan string
	require.NoError(t, f.pool.QueryRow(context.Background(), `
		INSERT INTO account_plans (created_at, updated_at, version, account_id, period, period_start, period_end, status)
		VALUES (now(), now(), 1, $1, 'FY2025-RO', '2025-01-01', '2025-12-31', 'DRAFT') RETURNING id::text`, readOnly).Scan(&roPlan))
	res = f.query(t, member, `query($id: ID!) { node(id: $id) { ... on AccountPlan { status } } }`, map[string]any{"id": roPlan})
	require.JSONEq(t, `{"node":{"status":"DRAFT"}}`, string(planData[json.RawMessage](t, res)))
	audits = planAllAudits(t, f)
	planRequireError(t, planMove(t, f, member, "submitPlan", roPlan, 1, nil), "FORBIDDEN")
	status, version = planRow(t, f, roPlan)
	require.Equal(t, "DRAFT", status)
	require.Equal(t, 1, version)
	require.Equal(t, audits, planAllAudits(t, f))
}

func TestPlanActionsAndTouchpoints(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	accountID := planAccount(t, f, 0, "A")
	plan := planOf(t, planCreate(t, f, planKAM, accountID, "FY2025", nil), "createPlan")
	other := planOf(t, planCreate(t, f, planKAM, planAccount(t, f, 1, "B"), "FY2025", nil), "createPlan")
	kam := f.viewers[planKAM].UserID

	const create = `mutation($in: CreateActionInput!) { createAction(input: $in) { id status dueOn completedAt account { id } plan { id } objective { id } owner { email } } }`
	type actionOut struct {
		ID, Status         string
		DueOn, CompletedAt *string
		Account            struct{ ID string }
		Plan, Objective    *struct{ ID string }
		Owner              *struct{ Email string }
	}

	// Happy path: the account follows from the objective.
	res := f.query(t, planKAM, create, map[string]any{"in": map[string]any{
		"objectiveID": plan.Objectives[0].ID, "title": "拜访集团采购总监", "ownerID": fmt.Sprint(kam), "dueOn": "2025-03-31T00:00:00Z"}})
	act := planData[struct{ CreateAction actionOut }](t, res).CreateAction
	require.Equal(t, fmt.Sprint(accountID), act.Account.ID)
	require.Equal(t, plan.ID, act.Plan.ID)
	require.Equal(t, "OPEN", act.Status)
	require.Equal(t, planKAM, act.Owner.Email)
	require.Equal(t, 1, planAudits(t, f, "Action", act.ID, "action.create"))

	actions := planCount(t, f, `SELECT count(*) FROM actions`)
	audits := planAllAudits(t, f)
	// An objective of another plan.
	res = f.query(t, planKAM, create, map[string]any{"in": map[string]any{
		"planID": plan.ID, "objectiveID": other.Objectives[0].ID, "title": "x"}})
	require.Equal(t, "input.objectiveID", planRequireError(t, res, "BAD_USER_INPUT")["field"])
	// An owner who does not exist.
	res = f.query(t, planKAM, create, map[string]any{"in": map[string]any{"accountID": fmt.Sprint(accountID), "title": "x", "ownerID": "999999"}})
	require.Equal(t, "input.ownerID", planRequireError(t, res, "BAD_USER_INPUT")["field"])
	// A blank title.
	res = f.query(t, planKAM, create, map[string]any{"in": map[string]any{"accountID": fmt.Sprint(accountID), "title": "  "}})
	require.Equal(t, "input.title", planRequireError(t, res, "BAD_USER_INPUT")["field"])
	// A viewer may not create actions.
	res = f.query(t, planViewer, create, map[string]any{"in": map[string]any{"accountID": fmt.Sprint(accountID), "title": "分析"}})
	planRequireError(t, res, "FORBIDDEN")
	// Another manager does not see the account.
	res = f.query(t, planKAM2, create, map[string]any{"in": map[string]any{"accountID": fmt.Sprint(accountID), "title": "x"}})
	planRequireError(t, res, "NOT_FOUND")
	require.Equal(t, actions, planCount(t, f, `SELECT count(*) FROM actions`))
	require.Equal(t, audits, planAllAudits(t, f))

	// update, complete.
	res = f.query(t, planKAM, `mutation($id: ID!) { updateAction(id: $id, input: {status: IN_PROGRESS, dueOn: "2025-04-15T00:00:00Z", clearObjective: true}) { id status dueOn objective { id } plan { id } } }`,
		map[string]any{"id": act.ID})
	upd := planData[struct{ UpdateAction actionOut }](t, res).UpdateAction
	require.Equal(t, "IN_PROGRESS", upd.Status)
	require.Equal(t, "2025-04-15T00:00:00Z", *upd.DueOn)
	require.Nil(t, upd.Objective)
	require.Equal(t, plan.ID, upd.Plan.ID)
	require.Equal(t, 1, planAudits(t, f, "Action", act.ID, "action.update"))

	res = f.query(t, planKAM, `mutation($id: ID!) { completeAction(id: $id) { status completedAt } }`, map[string]any{"id": act.ID})
	done := planData[struct{ CompleteAction actionOut }](t, res).CompleteAction
	require.Equal(t, "DONE", done.Status)
	require.NotNil(t, done.CompletedAt)
	res = f.query(t, planKAM, `mutation($id: ID!) { completeAction(id: $id) { status } }`, map[string]any{"id": act.ID})
	planRequireError(t, res, "CONFLICT")
	require.Equal(t, 1, planAudits(t, f, "Action", act.ID, "action.complete"))
	res = f.query(t, planViewer, `mutation($id: ID!) { updateAction(id: $id, input: {title: "x"}) { id } }`, map[string]any{"id": act.ID})
	planRequireError(t, res, "FORBIDDEN")

	// Touchpoints: staff and the account's own contacts.
	var mine, foreign []string
	rows, err := f.pool.Query(context.Background(), `SELECT id::text, account_id = $1 FROM contacts WHERE account_id IN ($1, $2) ORDER BY id`, accountID, planOtherAccount(t, f, other.ID))
	require.NoError(t, err)
	for rows.Next() {
		var id string
		var own bool
		require.NoError(t, rows.Scan(&id, &own))
		if own {
			mine = append(mine, id)
		} else {
			foreign = append(foreign, id)
		}
	}
	rows.Close()
	require.NotEmpty(t, mine)
	require.NotEmpty(t, foreign)

	const logTP = `mutation($in: LogTouchpointInput!) { logTouchpoint(input: $in) { id kind occurredAt nextStep nextStepDueOn staff { email } contacts { id } createdBy { email } } }`
	touchpoints := planCount(t, f, `SELECT count(*) FROM touchpoints`)
	audits = planAllAudits(t, f)
	res = f.query(t, planKAM, logTP, map[string]any{"in": map[string]any{
		"accountID": fmt.Sprint(accountID), "kind": "VISIT", "occurredAt": "2025-05-06T10:00:00+08:00",
		"contactIDs": []string{mine[0], foreign[0]}, "staffIDs": []string{fmt.Sprint(kam)}}})
	ext := planRequireError(t, res, "BAD_USER_INPUT")
	require.Equal(t, "input.contactIDs", ext["field"])
	require.Contains(t, ext["message"], foreign[0])
	res = f.query(t, planKAM, logTP, map[string]any{"in": map[string]any{
		"accountID": fmt.Sprint(accountID), "kind": "VISIT", "occurredAt": "2025-05-06T10:00:00+08:00",
		"staffIDs": []string{"999999"}}})
	require.Equal(t, "input.staffIDs", planRequireError(t, res, "BAD_USER_INPUT")["field"])
	require.Equal(t, touchpoints, planCount(t, f, `SELECT count(*) FROM touchpoints`))
	require.Equal(t, audits, planAllAudits(t, f))

	res = f.query(t, planKAM, logTP, map[string]any{"in": map[string]any{
		"accountID": fmt.Sprint(accountID), "kind": "VISIT", "occurredAt": "2025-05-06T10:00:00+08:00",
		"contactIDs": []string{mine[0]}, "staffIDs": []string{fmt.Sprint(kam)},
		"summary": "与采购总监讨论年度框架协议", "nextStep": "发送报价", "nextStepDueOn": "2025-05-20T00:00:00Z"}})
	type tpOut struct {
		ID, Kind, OccurredAt string
		NextStep             *string
		NextStepDueOn        *string
		Staff                []struct{ Email string }
		Contacts             []struct{ ID string }
		CreatedBy            *struct{ Email string }
	}
	tp := planData[struct{ LogTouchpoint tpOut }](t, res).LogTouchpoint
	require.Equal(t, "VISIT", tp.Kind)
	require.Equal(t, []struct{ Email string }{{planKAM}}, tp.Staff)
	require.Equal(t, []struct{ ID string }{{mine[0]}}, tp.Contacts)
	require.Equal(t, planKAM, tp.CreatedBy.Email)
	require.Equal(t, "2025-05-20T00:00:00Z", *tp.NextStepDueOn)
	require.Equal(t, 1, planAudits(t, f, "Touchpoint", tp.ID, "touchpoint.log"))

	const updTP = `mutation($id: ID!, $in: EditTouchpointInput!) { updateTouchpoint(id: $id, input: $in) { id kind contacts { id } staff { email } nextStepDueOn } }`
	res = f.query(t, planKAM, updTP, map[string]any{"id": tp.ID, "in": map[string]any{"contactIDs": []string{foreign[0]}}})
	require.Equal(t, "input.contactIDs", planRequireError(t, res, "BAD_USER_INPUT")["field"])
	contacts := mine
	if len(contacts) > 2 {
		contacts = contacts[:2]
	}
	res = f.query(t, planKAM, updTP, map[string]any{"id": tp.ID, "in": map[string]any{"kind": "MEETING", "contactIDs": contacts, "staffIDs": []string{}, "clearNextStepDueOn": true}})
	tp = planData[struct{ UpdateTouchpoint tpOut }](t, res).UpdateTouchpoint
	require.Equal(t, "MEETING", tp.Kind)
	require.Len(t, tp.Contacts, len(contacts))
	require.Empty(t, tp.Staff)
	require.Nil(t, tp.NextStepDueOn)
	require.Equal(t, 1, planAudits(t, f, "Touchpoint", tp.ID, "touchpoint.update"))
	res = f.query(t, planKAM2, updTP, map[string]any{"id": tp.ID, "in": map[string]any{"summary": "x"}})
	planRequireError(t, res, "NOT_FOUND")
}

// planOtherAccount returns the account of a plan.
func planOtherAccount(t *testing.T, f *matrixFixture, planID string) int {
	t.Helper()
	return planCount(t, f, `SELECT account_id FROM account_plans WHERE id = $1`, planID)
}
