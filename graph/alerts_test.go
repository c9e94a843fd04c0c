package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/accountplan"
	"github.com/summitkam/summit/ent/churnalert"
	"github.com/summitkam/summit/internal/viewer"
)

// Tests of the churn-alert lifecycle over real HTTP, on the seeded matrix
// fixture. Alerts are written directly with the ent client as the system
// (the scan that opens them is another package's); helpers carry an alert
// prefix.

// alertSignalsJSON is what the scan stores: churn.FiredSignal values.
const alertSignalsJSON = `[
	{"code":"order_gap","severity":"critical","value":2.5,"threshold":2,"unit":"multiple","points":30,"detail":"No order for 75 days, 2.5× the usual interval","detail_zh":"75 天未下单"},
	{"code":"key_contact_left","severity":"warning","value":1,"threshold":1,"unit":"count","points":15,"detail":"The purchasing director left","detail_zh":"采购总监离职"}]`

const alertFields = `id status severity riskScore accountClass ageDays overdue outcome outcomeNote
	acknowledgedAt resolvedAt winBackStartedAt
	acknowledgedBy { email } resolvedBy { email } owner { email } account { id }
	winBackPlan { id status period }
	firedSignals { code label labelZh severity value threshold unit points detail detailZh }`

type alertOut struct {
	ID, Status, Severity                         string
	RiskScore                                    float64
	AccountClass, Outcome, OutcomeNote           *string
	AgeDays                                      int
	Overdue                                      bool
	AcknowledgedAt, ResolvedAt, WinBackStartedAt *string
	AcknowledgedBy, ResolvedBy, Owner            *struct{ Email string }
	Account                                      struct{ ID string }
	WinBackPlan                                  *struct{ ID, Status, Period string }
	FiredSignals                                 []struct {
		Code, Label, LabelZh, Severity, Unit, Detail, DetailZh string
		Value, Threshold                                       float64
		Points                                                 int
	}
}

// alertFreeAccount picks an account owned by email that has no alert and
// no plan yet, and sets its class.
func alertFreeAccount(t *testing.T, f *matrixFixture, email string, skip int, class string) int {
	t.Helper()
	var id int
	require.NoError(t, f.pool.QueryRow(context.Background(), `
		SELECT a.id FROM accounts a JOIN users u ON u.id = a.owner_id
		WHERE u.email = $1
		  AND NOT EXISTS (SELECT 1 FROM churn_alerts c WHERE c.account_id = a.id)
		  AND NOT EXISTS (SELECT 1 FROM account_plans p WHERE p.account_id = a.id)
		ORDER BY a.id OFFSET $2 LIMIT 1`, email, skip).Scan(&id))
	_, err := f.pool.Exec(context.Background(), `UPDATE accounts SET current_class = $2 WHERE id = $1`, id, class)
	require.NoError(t, err)
	return id
}

// alertSpec is an alert fixture.
type alertSpec struct {
	account  int
	owner    string // email; "" for none
	severity churnalert.Severity
	status   churnalert.Status
	class    churnalert.AccountClass
	opened   time.Time
	due      *time.Time
	kind     churnalert.AlertType
}

// alertCreate writes an alert as the scan would, and returns its id.
func alertCreate(t *testing.T, f *matrixFixture, s alertSpec) int {
	t.Helper()
	ctx := viewer.System(context.Background(), "test scan")
	if s.status == "" {
		s.status = churnalert.StatusOPEN
	}
	if s.kind == "" {
		s.kind = churnalert.AlertTypeCHURN_RISK
	}
	create := f.client.ChurnAlert.Create().SetAccountID(s.account).SetAlertType(s.kind).
		SetSeverity(s.severity).SetStatus(s.status).SetRiskScore(55).
		SetSignals(json.RawMessage(alertSignalsJSON)).SetExplanation(json.RawMessage(`{"schema_version":1}`)).
		SetOpenedAt(s.opened).SetLastEvaluatedAt(s.opened).SetNillableResponseDueAt(s.due).
		SetAccountClass(s.class)
	if s.owner != "" {
		create.SetOwnerID(f.viewers[s.owner].UserID)
	}
	if s.status == churnalert.StatusESCALATED {
		create.SetEscalatedAt(s.opened.Add(time.Hour)).SetEscalationLevel(1)
	}
	if s.status == churnalert.StatusRESOLVED || s.status == churnalert.StatusLOST || s.status == churnalert.StatusFALSE_ALARM {
		create.SetResolvedAt(s.opened.Add(24 * time.Hour)).SetOutcome(churnalert.OutcomeSIGNALS_CLEARED)
	}
	return create.SaveX(ctx).ID
}

func alertAck(t *testing.T, f *matrixFixture, email string, id any, note any) gqlResult {
	t.Helper()
	return f.query(t, email, `mutation($id: ID!, $note: String) { acknowledgeChurnAlert(id: $id, note: $note) { `+alertFields+` } }`,
		map[string]any{"id": fmt.Sprint(id), "note": note})
}

func alertResolve(t *testing.T, f *matrixFixture, email string, id any, outcome, reason string) gqlResult {
	t.Helper()
	return f.query(t, email, `mutation($id: ID!, $o: ChurnAlertResolution!, $r: String!) { resolveChurnAlert(id: $id, outcome: $o, reason: $r) { `+alertFields+` } }`,
		map[string]any{"id": fmt.Sprint(id), "o": outcome, "r": reason})
}

const winBackSelection = `{ planCreated alert { ` + alertFields + ` }
	plan { id status period periodStart periodEnd classAtCreation strategyStatement account { id } }
	actions { id title description dueOn status owner { email } plan { id } account { id } } }`

type winBackOut struct {
	PlanCreated bool
	Alert       alertOut
	Plan        struct {
		ID, Status, Period, PeriodStart, PeriodEnd string
		ClassAtCreation, StrategyStatement         *string
		Account                                    struct{ ID string }
	}
	Actions []struct {
		ID, Title, Description, DueOn, Status string
		Owner                                 *struct{ Email string }
		Plan                                  struct{ ID string }
		Account                               struct{ ID string }
	}
}

func alertWinBack(t *testing.T, f *matrixFixture, email string, id any, input map[string]any) gqlResult {
	t.Helper()
	return f.query(t, email, `mutation($id: ID!, $in: StartWinBackInput) { startWinBack(alertID: $id, input: $in) `+winBackSelection+` }`,
		map[string]any{"id": fmt.Sprint(id), "in": input})
}

func alertStatus(t *testing.T, f *matrixFixture, id int) string {
	t.Helper()
	var s string
	require.NoError(t, f.pool.QueryRow(context.Background(), `SELECT status FROM churn_alerts WHERE id = $1`, id).Scan(&s))
	return s
}

// alertAuditJSON returns before and after of the only event of action on alert id.
func alertAuditJSON(t *testing.T, f *matrixFixture, id int, action string) (before, after map[string]any, reason string) {
	t.Helper()
	var b, a []byte
	require.NoError(t, f.pool.QueryRow(context.Background(), `SELECT before, after, reason FROM audit_events
		WHERE entity_type = 'ChurnAlert' AND entity_id = $1 AND action = $2`, id, action).Scan(&b, &a, &reason))
	require.NoError(t, json.Unmarshal(b, &before))
	require.NoError(t, json.Unmarshal(a, &after))
	return before, after, reason
}

// alertOffTeam takes email off the account's team, so the test does not
// depend on how the seed staffed it.
func alertOffTeam(t *testing.T, f *matrixFixture, accountID int, email string) {
	t.Helper()
	_, err := f.pool.Exec(context.Background(), `DELETE FROM account_team_members WHERE account_id = $1 AND user_id = $2`, accountID, f.viewers[email].UserID)
	require.NoError(t, err)
}

func utcDay(t time.Time, days int) string {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d+days, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
}

func TestChurnAlertLifecycle(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	now := time.Now()
	accountID := alertFreeAccount(t, f, planKAM, 0, "S")
	due := now.Add(-24 * time.Hour)
	id := alertCreate(t, f, alertSpec{account: accountID, owner: planKAM, severity: churnalert.SeverityHIGH,
		class: churnalert.AccountClassS, opened: now.Add(-3*24*time.Hour - time.Hour), due: &due})

	// The owner reads it with its computed fields.
	res := f.query(t, planKAM, `query($id: ID!) { node(id: $id) { ... on ChurnAlert { `+alertFields+` } } }`, map[string]any{"id": fmt.Sprint(id)})
	alert := planData[struct{ Node alertOut }](t, res).Node
	require.Equal(t, "OPEN", alert.Status)
	require.Equal(t, 3, alert.AgeDays)
	require.True(t, alert.Overdue, "past the response deadline and unacknowledged")
	require.Len(t, alert.FiredSignals, 2)
	require.Equal(t, "order_gap", alert.FiredSignals[0].Code)
	require.Equal(t, "下单间隔过长", alert.FiredSignals[0].LabelZh)
	require.Equal(t, "critical", alert.FiredSignals[0].Severity)
	require.Equal(t, 2.5, alert.FiredSignals[0].Value)
	require.Equal(t, "key contact left", alert.FiredSignals[1].Label)

	// Another manager does not see it: every step is NOT_FOUND.
	alertOffTeam(t, f, accountID, planKAM2)
	audits := planAllAudits(t, f)
	planRequireError(t, alertAck(t, f, planKAM2, id, nil), "NOT_FOUND")
	planRequireError(t, alertWinBack(t, f, planKAM2, id, nil), "NOT_FOUND")
	planRequireError(t, alertResolve(t, f, planKAM2, id, "LOST", "gone"), "NOT_FOUND")
	// A viewer (analyst) reads it but may not change it.
	planRequireError(t, alertAck(t, f, planViewer, id, nil), "FORBIDDEN")
	planRequireError(t, alertResolve(t, f, planViewer, id, "FALSE_ALARM", "looks fine"), "FORBIDDEN")
	require.Equal(t, "OPEN", alertStatus(t, f, id))
	require.Equal(t, audits, planAllAudits(t, f), "refusals write nothing")

	// The owner acknowledges with a note.
	alert = planData[map[string]alertOut](t, alertAck(t, f, planKAM, id, " 已约客户周五通话 "))["acknowledgeChurnAlert"]
	require.Equal(t, "ACKNOWLEDGED", alert.Status)
	require.Equal(t, planKAM, alert.AcknowledgedBy.Email)
	require.NotNil(t, alert.AcknowledgedAt)
	require.False(t, alert.Overdue, "an acknowledged alert is not overdue")
	before, after, reason := alertAuditJSON(t, f, id, "alert.acknowledge")
	require.Equal(t, "OPEN", before["status"])
	require.Equal(t, "ACKNOWLEDGED", after["status"])
	require.EqualValues(t, f.viewers[planKAM].UserID, after["acknowledgedByID"])
	require.Equal(t, "已约客户周五通话", reason)

	// A second acknowledgement is a conflict.
	ext := planRequireError(t, alertAck(t, f, planKAM, id, nil), "CONFLICT")
	require.Contains(t, ext["message"], "already acknowledged")

	// The win-back: no ACTIVE plan, so a DRAFT win-back plan with the S
	// template's actions, owned by the alert's owner.
	res = alertWinBack(t, f, planKAM, id, nil)
	wb := planData[map[string]winBackOut](t, res)["startWinBack"]
	require.True(t, wb.PlanCreated)
	require.Equal(t, "DRAFT", wb.Plan.Status)
	require.Equal(t, "挽回 Win-back "+now.UTC().Format(time.DateOnly), wb.Plan.Period)
	require.Equal(t, fmt.Sprint(accountID), wb.Plan.Account.ID)
	require.Equal(t, "S", *wb.Plan.ClassAtCreation)
	require.Contains(t, *wb.Plan.StrategyStatement, fmt.Sprintf("churn alert #%d", id))
	require.Equal(t, "ACKNOWLEDGED", wb.Alert.Status)
	require.Equal(t, wb.Plan.ID, wb.Alert.WinBackPlan.ID)
	require.NotNil(t, wb.Alert.WinBackStartedAt)
	type actionRow struct{ Title, DueOn, Owner string }
	var got []actionRow
	for _, a := range wb.Actions {
		require.Equal(t, wb.Plan.ID, a.Plan.ID)
		require.Equal(t, fmt.Sprint(accountID), a.Account.ID)
		require.Equal(t, "OPEN", a.Status)
		require.Contains(t, a.Description, fmt.Sprintf("churn alert #%d", id))
		got = append(got, actionRow{a.Title, a.DueOn, a.Owner.Email})
	}
	require.Equal(t, []actionRow{
		{"致电决策人，了解流失原因 / Call the decision maker about the churn risk", utcDay(now, 2), planKAM},
		{"高管拜访 / Executive visit", utcDay(now, 7), planKAM},
		{"拜会新任决策人 / Meet the new decision maker", utcDay(now, 5), planKAM},
		{"复核价格与信用条款 / Review pricing and credit terms", utcDay(now, 7), planKAM},
		{"与客户约定挽回目标 / Agree a recovery objective with the customer", utcDay(now, 14), planKAM},
	}, got)
	// The actions are on the plan as the plans API shows them.
	res = f.query(t, planKAM, `query($id: ID!) { node(id: $id) { ... on AccountPlan { actions { totalCount } } } }`, map[string]any{"id": wb.Plan.ID})
	require.Equal(t, 5, planData[struct {
		Node struct{ Actions struct{ TotalCount int } }
	}](t, res).Node.Actions.TotalCount)
	_, after, _ = alertAuditJSON(t, f, id, "alert.win_back")
	require.Equal(t, true, after["planCreated"])
	require.Len(t, after["actionIDs"], 5)
	require.Equal(t, 1, planAudits(t, f, "AccountPlan", wb.Plan.ID, "plan.create"))
	require.Equal(t, 5, planCount(t, f, `SELECT count(*) FROM audit_events WHERE action = 'action.create' AND entity_id IN (SELECT id FROM actions WHERE plan_id = $1)`, wb.Plan.ID))

	// Once only.
	ext = planRequireError(t, alertWinBack(t, f, planKAM, id, nil), "CONFLICT")
	require.Contains(t, ext["message"], "already started")

	// Resolving needs a reason.
	ext = planRequireError(t, alertResolve(t, f, planKAM, id, "RECOVERED", "  "), "BAD_USER_INPUT")
	require.Equal(t, "reason", ext["field"])

	alert = planData[map[string]alertOut](t, alertResolve(t, f, planKAM, id, "RECOVERED", "客户恢复下单 / orders are back"))["resolveChurnAlert"]
	require.Equal(t, "RESOLVED", alert.Status)
	require.Equal(t, "RECOVERED", *alert.Outcome)
	require.Equal(t, "客户恢复下单 / orders are back", *alert.OutcomeNote)
	require.Equal(t, planKAM, alert.ResolvedBy.Email)
	require.Equal(t, 3, alert.AgeDays, "a resolved alert's age stops at its resolution")
	before, after, reason = alertAuditJSON(t, f, id, "alert.resolve")
	require.Equal(t, "ACKNOWLEDGED", before["status"])
	require.Equal(t, "RESOLVED", after["status"])
	require.Equal(t, "RECOVERED", after["outcome"])
	require.Equal(t, "客户恢复下单 / orders are back", reason)

	// A resolved alert is final.
	audits = planAllAudits(t, f)
	ext = planRequireError(t, alertResolve(t, f, planKAM, id, "LOST", "changed my mind"), "CONFLICT")
	require.Contains(t, ext["message"], "final")
	planRequireError(t, alertAck(t, f, planKAM, id, nil), "CONFLICT")
	planRequireError(t, alertWinBack(t, f, planKAM, id, nil), "CONFLICT")
	require.Equal(t, audits, planAllAudits(t, f))
	require.Equal(t, "RESOLVED", alertStatus(t, f, id))
}

func TestChurnAlertWinBackOnTheActivePlan(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	ctx := viewer.System(context.Background(), "test")
	now := time.Now()
	accountID := alertFreeAccount(t, f, planKAM, 0, "B")
	start := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	active := f.client.AccountPlan.Create().SetAccountID(accountID).SetPeriod("FY-active").SetPeriodStart(start).
		SetPeriodEnd(start.AddDate(1, 0, -1)).SetStatus(accountplan.StatusACTIVE).SaveX(ctx)
	id := alertCreate(t, f, alertSpec{account: accountID, owner: planKAM, severity: churnalert.SeverityCRITICAL,
		status: churnalert.StatusESCALATED, class: churnalert.AccountClassB, opened: now.Add(-6 * 24 * time.Hour)})
	otherAccount := alertFreeAccount(t, f, planKAM, 1, "C")
	otherPlan := f.client.AccountPlan.Create().SetAccountID(otherAccount).SetPeriod("FY-other").SetPeriodStart(start).
		SetPeriodEnd(start.AddDate(1, 0, -1)).SaveX(ctx)

	// Refused inputs name the field and change nothing.
	audits := planAllAudits(t, f)
	ext := planRequireError(t, alertWinBack(t, f, planKAM, id, map[string]any{"planID": fmt.Sprint(otherPlan.ID)}), "BAD_USER_INPUT")
	require.Equal(t, "input.planID", ext["field"])
	ext = planRequireError(t, alertWinBack(t, f, planKAM, id, map[string]any{"actions": []map[string]any{{"title": "ok"}, {"title": " "}}}), "BAD_USER_INPUT")
	require.Equal(t, "input.actions[1].title", ext["field"])
	ext = planRequireError(t, alertWinBack(t, f, planKAM, id, map[string]any{"actions": []map[string]any{{"title": "ok", "ownerID": "999999"}}}), "BAD_USER_INPUT")
	require.Equal(t, "input.actions[0].ownerID", ext["field"])
	// An executive may change alerts but not add actions to an account
	// they are not on the team of: the whole mutation rolls back.
	alertOffTeam(t, f, accountID, planExec)
	planRequireError(t, alertWinBack(t, f, planExec, id, nil), "FORBIDDEN")
	require.Equal(t, "ESCALATED", alertStatus(t, f, id))
	require.Equal(t, audits, planAllAudits(t, f))
	require.Zero(t, planCount(t, f, `SELECT count(*) FROM actions WHERE account_id = $1`, accountID))

	// Overriding actions go on the ACTIVE plan; the escalated alert is acknowledged.
	member := f.viewers["sales01@summit.example"]
	res := alertWinBack(t, f, planKAM, id, map[string]any{"actions": []map[string]any{
		{"title": "约见采购总监", "dueInDays": 1},
		{"title": "Joint account review", "description": "with service", "ownerID": fmt.Sprint(member.UserID), "dueOn": utcDay(now, 10)},
	}})
	wb := planData[map[string]winBackOut](t, res)["startWinBack"]
	require.False(t, wb.PlanCreated)
	require.Equal(t, fmt.Sprint(active.ID), wb.Plan.ID)
	require.Equal(t, "ACKNOWLEDGED", wb.Alert.Status)
	require.Equal(t, planKAM, wb.Alert.AcknowledgedBy.Email)
	require.Len(t, wb.Actions, 2)
	require.Equal(t, "约见采购总监", wb.Actions[0].Title)
	require.Equal(t, utcDay(now, 1), wb.Actions[0].DueOn)
	require.Equal(t, planKAM, wb.Actions[0].Owner.Email, "defaults to the alert's owner")
	require.Equal(t, "sales01@summit.example", wb.Actions[1].Owner.Email)
	require.Equal(t, utcDay(now, 10), wb.Actions[1].DueOn)
	require.Equal(t, 2, planCount(t, f, `SELECT count(*) FROM actions WHERE plan_id = $1`, active.ID))
	require.Zero(t, planCount(t, f, `SELECT count(*) FROM account_plans WHERE account_id = $1 AND id <> $2`, accountID, active.ID), "no new plan")
	before, after, _ := alertAuditJSON(t, f, id, "alert.win_back")
	require.Equal(t, "ESCALATED", before["status"])
	require.Equal(t, "ACKNOWLEDGED", after["status"])
	require.EqualValues(t, active.ID, after["winBackPlanID"])

	// A closed plan takes no actions.
	closedAccount := alertFreeAccount(t, f, planKAM, 2, "A")
	closed := f.client.AccountPlan.Create().SetAccountID(closedAccount).SetPeriod("FY-closed").SetPeriodStart(start).
		SetPeriodEnd(start.AddDate(1, 0, -1)).SetStatus(accountplan.StatusCLOSED).SaveX(ctx)
	id2 := alertCreate(t, f, alertSpec{account: closedAccount, owner: planKAM, severity: churnalert.SeverityLOW,
		class: churnalert.AccountClassA, opened: now})
	planRequireError(t, alertWinBack(t, f, planKAM, id2, map[string]any{"planID": fmt.Sprint(closed.ID)}), "CONFLICT")
	// Without a plan named, the closed plan is passed over for a new draft.
	wb = planData[map[string]winBackOut](t, alertWinBack(t, f, planKAM, id2, nil))["startWinBack"]
	require.True(t, wb.PlanCreated)
	require.NotEqual(t, fmt.Sprint(closed.ID), wb.Plan.ID)
	require.Len(t, wb.Actions, 5, "A: call, executive visit, key contact, pricing, objective")
}

// alertIDs reads a churnAlerts page's ids.
type alertPage struct {
	ChurnAlerts struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage, HasPreviousPage bool
			StartCursor, EndCursor       string
		}
		Edges []struct{ Node struct{ ID string } }
	}
}

func (p alertPage) ids(t *testing.T) []int {
	var out []int
	for _, e := range p.ChurnAlerts.Edges {
		out = append(out, atoi(t, e.Node.ID))
	}
	return out
}

func alertList(t *testing.T, f *matrixFixture, email string, args string, vars map[string]any) alertPage {
	t.Helper()
	q := fmt.Sprintf(`query($filter: ChurnAlertFilter, $first: Int, $last: Int, $after: Cursor, $before: Cursor) {
		churnAlerts(filter: $filter, first: $first, last: $last, after: $after, before: $before %s) {
		totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id } } } }`, args)
	return planData[alertPage](t, f.query(t, email, q, vars))
}

func TestChurnAlertListFiltersAndOrder(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	now := time.Now()
	days := func(n int) time.Time { return now.Add(-time.Duration(n) * 24 * time.Hour) }
	past := now.Add(-time.Hour)
	future := now.Add(48 * time.Hour)

	type fixture struct {
		id int
		alertSpec
	}
	var all []fixture
	add := func(s alertSpec) {
		all = append(all, fixture{alertCreate(t, f, s), s})
	}
	acct := func(i int, class string) int { return alertFreeAccount(t, f, planKAM, i, class) }
	// Created one after another, so each picks a fresh account.
	add(alertSpec{account: acct(0, "S"), owner: planKAM, severity: churnalert.SeverityCRITICAL, class: churnalert.AccountClassS, opened: days(2), due: &past})
	add(alertSpec{account: acct(0, "A"), owner: planKAM, severity: churnalert.SeverityLOW, class: churnalert.AccountClassA, opened: days(40)})
	add(alertSpec{account: acct(0, "B"), owner: planKAM, severity: churnalert.SeverityHIGH, class: churnalert.AccountClassB, opened: days(10), due: &future})
	add(alertSpec{account: acct(0, "B"), owner: planKAM, severity: churnalert.SeverityHIGH, status: churnalert.StatusESCALATED, class: churnalert.AccountClassB, opened: days(20), due: &past})
	add(alertSpec{account: acct(0, "C"), owner: planKAM, severity: churnalert.SeverityMEDIUM, status: churnalert.StatusLOST, class: churnalert.AccountClassC, opened: days(90)})
	add(alertSpec{account: acct(0, "C"), owner: planKAM, severity: churnalert.SeverityCRITICAL, status: churnalert.StatusACKNOWLEDGED, class: churnalert.AccountClassC, opened: days(5), due: &past})
	// A second, closed alert on the first account, and a contact-cadence one.
	add(alertSpec{account: all[0].account, owner: planKAM, severity: churnalert.SeverityHIGH, status: churnalert.StatusRESOLVED, class: churnalert.AccountClassS, opened: days(60)})
	add(alertSpec{account: all[0].account, owner: planKAM, severity: churnalert.SeverityLOW, class: churnalert.AccountClassS, opened: days(1), kind: churnalert.AlertTypeCONTACT_CADENCE})
	_, err := f.pool.Exec(context.Background(), `UPDATE churn_alerts SET acknowledged_at = now() WHERE status = 'ACKNOWLEDGED'`)
	require.NoError(t, err)

	// The expected default order: severity rank desc, opened_at asc, id asc.
	rank := map[churnalert.Severity]int{churnalert.SeverityCRITICAL: 4, churnalert.SeverityHIGH: 3, churnalert.SeverityMEDIUM: 2, churnalert.SeverityLOW: 1}
	sorted := slices.Clone(all)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if rank[a.severity] != rank[b.severity] {
			return rank[a.severity] > rank[b.severity]
		}
		if !a.opened.Equal(b.opened) {
			return a.opened.Before(b.opened)
		}
		return a.id < b.id
	})
	expect := func(keep func(fixture) bool) []int {
		out := []int{}
		for _, x := range sorted {
			if keep(x) {
				out = append(out, x.id)
			}
		}
		return out
	}
	isOpen := func(x fixture) bool {
		return x.status == "" || x.status == churnalert.StatusOPEN || x.status == churnalert.StatusACKNOWLEDGED || x.status == churnalert.StatusESCALATED
	}
	mine := map[string]any{"ownerID": fmt.Sprint(f.viewers[planKAM].UserID)}
	with := func(extra map[string]any) map[string]any {
		out := map[string]any{}
		for k, v := range mine {
			out[k] = v
		}
		for k, v := range extra {
			out[k] = v
		}
		return out
	}

	for name, tc := range map[string]struct {
		filter map[string]any
		keep   func(fixture) bool
	}{
		"owner":      {mine, func(fixture) bool { return true }},
		"severities": {with(map[string]any{"severities": []string{"CRITICAL", "HIGH"}}), func(x fixture) bool { return rank[x.severity] >= 3 }},
		"openOnly":   {with(map[string]any{"openOnly": true}), isOpen},
		"statuses": {with(map[string]any{"statuses": []string{"LOST", "RESOLVED"}}), func(x fixture) bool {
			return x.status == churnalert.StatusLOST || x.status == churnalert.StatusRESOLVED
		}},
		"classes":    {with(map[string]any{"classes": []string{"S", "C"}}), func(x fixture) bool { return x.class == "S" || x.class == "C" }},
		"alertTypes": {with(map[string]any{"alertTypes": []string{"CONTACT_CADENCE"}}), func(x fixture) bool { return x.kind == churnalert.AlertTypeCONTACT_CADENCE }},
		"age":        {with(map[string]any{"olderThanDays": 15}), func(x fixture) bool { return x.opened.Before(days(15)) }},
		"openedBefore": {with(map[string]any{"openedBefore": days(7).Format(time.RFC3339)}),
			func(x fixture) bool { return x.opened.Before(days(7)) }},
		"account": {with(map[string]any{"accountID": fmt.Sprint(all[0].account)}), func(x fixture) bool { return x.account == all[0].account }},
		"overdue": {with(map[string]any{"overdueOnly": true}), func(x fixture) bool {
			return (x.status == "" || x.status == churnalert.StatusOPEN || x.status == churnalert.StatusESCALATED) && x.due != nil && x.due.Before(now)
		}},
		"combined": {with(map[string]any{"openOnly": true, "classes": []string{"B"}, "olderThanDays": 15}), func(x fixture) bool {
			return isOpen(x) && x.class == "B" && x.opened.Before(days(15))
		}},
	} {
		page := alertList(t, f, planKAM, "", map[string]any{"filter": tc.filter, "first": 50})
		want := expect(tc.keep)
		require.Equal(t, want, page.ids(t), "filter %s", name)
		require.Equal(t, len(want), page.ChurnAlerts.TotalCount, "filter %s", name)
	}
	require.Len(t, expect(func(x fixture) bool { return x.due != nil && x.due.Before(now) && isOpen(x) }), 3, "fixture: three past due, one of them acknowledged")

	// where and filter combine.
	page := alertList(t, f, planKAM, ", where: {severity: CRITICAL}", map[string]any{"filter": with(map[string]any{"openOnly": true}), "first": 50})
	require.Equal(t, expect(func(x fixture) bool { return isOpen(x) && x.severity == churnalert.SeverityCRITICAL }), page.ids(t))

	// A negative age is refused with its field.
	ext := planRequireError(t, f.query(t, planKAM, `query($f: ChurnAlertFilter) { churnAlerts(filter: $f) { totalCount } }`,
		map[string]any{"f": map[string]any{"olderThanDays": -1}}), "BAD_USER_INPUT")
	require.Equal(t, "filter.olderThanDays", ext["field"])

	// Paging forward three at a time, then backward, walks the same order.
	want := expect(func(fixture) bool { return true })
	var forward []int
	vars := map[string]any{"filter": mine, "first": 3}
	for {
		page := alertList(t, f, planKAM, "", vars)
		forward = append(forward, page.ids(t)...)
		require.Equal(t, len(want), page.ChurnAlerts.TotalCount)
		if vars["after"] != nil {
			require.True(t, page.ChurnAlerts.PageInfo.HasPreviousPage)
		}
		if !page.ChurnAlerts.PageInfo.HasNextPage {
			break
		}
		vars["after"] = page.ChurnAlerts.PageInfo.EndCursor
	}
	require.Equal(t, want, forward, "forward pages")
	var backward []int
	vars = map[string]any{"filter": mine, "last": 3}
	for {
		page := alertList(t, f, planKAM, "", vars)
		backward = append(page.ids(t), backward...)
		if !page.ChurnAlerts.PageInfo.HasPreviousPage {
			break
		}
		vars["before"] = page.ChurnAlerts.PageInfo.StartCursor
	}
	require.Equal(t, want, backward, "backward pages")

	// An explicit order is entgql's.
	page = alertList(t, f, planKAM, ", orderBy: [{field: OPENED_AT, direction: DESC}]", map[string]any{"filter": mine, "first": 50})
	byOpened := slices.Clone(all)
	sort.SliceStable(byOpened, func(i, j int) bool { return byOpened[i].opened.After(byOpened[j].opened) })
	var wantOpened []int
	for _, x := range byOpened {
		wantOpened = append(wantOpened, x.id)
	}
	require.Equal(t, wantOpened, page.ids(t))

	// Another manager filtering by kam01 sees only what they may read.
	page = alertList(t, f, planKAM2, "", map[string]any{"filter": mine, "first": 50})
	var visible int
	require.NoError(t, f.pool.QueryRow(context.Background(), `SELECT count(*) FROM churn_alerts c WHERE c.owner_id = $1
		AND EXISTS (SELECT 1 FROM account_team_members m WHERE m.account_id = c.account_id AND m.user_id = $2)`,
		f.viewers[planKAM].UserID, f.viewers[planKAM2].UserID).Scan(&visible))
	require.Equal(t, visible, page.ChurnAlerts.TotalCount)
}

// alertListScreen is what the SPA's alert inbox asks for.
const alertListScreen = `query($first: Int!, $after: Cursor) { churnAlerts(first: $first, after: $after, filter: {openOnly: true}) {
	totalCount
	edges { cursor node {
		id severity status riskScore ageDays overdue accountClass openedAt responseDueAt
		firedSignals { code labelZh severity }
		account { id name currentClass owner { id name } }
		owner { id name } winBackPlan { id status period }
	} }
	pageInfo { hasNextPage endCursor }
} }`

func TestChurnAlertScreenStatementsDoNotGrowWithPageSize(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	now := time.Now()
	// Open alerts on every account of kam01 that has none, some with a
	// win-back plan, so the page has plans and owners to load.
	rows, err := f.pool.Query(context.Background(), `SELECT a.id FROM accounts a WHERE a.owner_id = $1
		AND NOT EXISTS (SELECT 1 FROM churn_alerts c WHERE c.account_id = a.id) ORDER BY a.id`, f.viewers[planKAM].UserID)
	require.NoError(t, err)
	var accounts []int
	for rows.Next() {
		var id int
		require.NoError(t, rows.Scan(&id))
		accounts = append(accounts, id)
	}
	require.NoError(t, rows.Err())
	require.GreaterOrEqual(t, len(accounts), 12, "fixture: kam01 needs a dozen accounts")
	severities := []churnalert.Severity{churnalert.SeverityLOW, churnalert.SeverityMEDIUM, churnalert.SeverityHIGH, churnalert.SeverityCRITICAL}
	for i, acct := range accounts {
		id := alertCreate(t, f, alertSpec{account: acct, owner: planKAM, severity: severities[i%4], class: churnalert.AccountClassB,
			opened: now.Add(-time.Duration(i) * time.Hour)})
		if i%3 == 0 {
			planData[map[string]winBackOut](t, alertWinBack(t, f, planKAM, id, nil))
		}
	}

	small, smallRows := screenStatements(t, f, alertListScreen, map[string]any{"first": 2})
	large, largeRows := screenStatements(t, f, alertListScreen, map[string]any{"first": 50})
	t.Logf("alert list screen: %d statements for 2 and for 50 alerts (%d and %d rows): %s", len(large), smallRows, largeRows, describe(large))
	require.Greater(t, largeRows, smallRows, "the large page must hold more rows, or the comparison proves nothing")
	require.Equal(t, len(small), len(large), "the alert list must not issue more statements for a bigger page (N+1)")
	require.Len(t, large, alertListStatements, "statements of the alert list screen: %s", describe(large))

	// A later page costs the same whatever its size too.
	first := planData[alertPage](t, f.query(t, planKAM, `{ churnAlerts(first: 2, filter: {openOnly: true}) { totalCount edges { node { id } } pageInfo { endCursor } } }`, nil))
	require.Greater(t, first.ChurnAlerts.TotalCount, 12, "the large pages must hold more rows than the small ones")
	after := first.ChurnAlerts.PageInfo.EndCursor
	small, smallRows = screenStatements(t, f, alertListScreen, map[string]any{"first": 2, "after": after})
	large, largeRows = screenStatements(t, f, alertListScreen, map[string]any{"first": 50, "after": after})
	t.Logf("alert list screen, later page: %d statements (%d and %d rows): %s", len(large), smallRows, largeRows, describe(large))
	require.Greater(t, largeRows, smallRows)
	require.Equal(t, len(small), len(large))
	require.Len(t, large, alertListLaterPageStatements, "statements of a later page of the alert list screen: %s", describe(large))
}
