package graph_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

const approvalsQuery = `query($kinds: [ApprovalKind!], $first: Int, $offset: Int) {
	approvalsCount
	approvals(kinds: $kinds, first: $first, offset: $offset) {
		totalCount byKind { kind count }
		items { kind id version accountID accountName accountClass requestedAt requestedByID requestedByName from to reason explanation cycleID }
	}
}`

type approvalsAnswer struct {
	ApprovalsCount int
	Approvals      struct {
		TotalCount int
		ByKind     []struct {
			Kind  string
			Count int
		}
		Items []struct {
			Kind, ID, AccountID, AccountName, RequestedAt string
			Version                                       *int
			AccountClass, RequestedByID, RequestedByName  *string
			From, To, Reason, CycleID                     *string
			Explanation                                   json.RawMessage
		}
	}
}

// TestApprovalsQueue checks the queue against what is pending in the
// database (the demo story leaves every kind pending), who sees what, and
// that an item's ids work with the existing mutations.
func TestApprovalsQueue(t *testing.T) {
	t.Parallel()
	f := newPortfolioFixture(t)
	ctx := context.Background()
	count := func(query string) int {
		var n int
		require.NoError(t, f.pool.QueryRow(ctx, query).Scan(&n), query)
		return n
	}
	want := map[string]int{
		"CLASS_OVERRIDE": count(`SELECT count(*) FROM class_assignments ca JOIN accounts a ON a.id = ca.account_id WHERE NOT a.archived AND ca.approval_status = 'PENDING'`),
		"PLAN": count(`SELECT count(*) FROM account_plans p JOIN accounts a ON a.id = p.account_id
			WHERE NOT a.archived AND p.status = 'SUBMITTED' AND (p.class_at_creation IN ('S', 'A') OR a.current_class IN ('S', 'A'))`),
		"REVIEW_RESULT": count(`SELECT count(*) FROM review_results r JOIN review_cycles c ON c.id = r.cycle_id JOIN accounts a ON a.id = r.account_id
			WHERE NOT a.archived AND c.status = 'IN_REVIEW' AND r.status IN ('PENDING_APPROVAL', 'CONTESTED')`),
		"TIER_DECISION": count(`SELECT count(*) FROM tier_evaluations e JOIN partner_profiles p ON p.id = e.partner_profile_id JOIN accounts a ON a.id = p.account_id
			WHERE NOT a.archived AND e.status = 'SUBMITTED'`),
	}
	total := 0
	for kind, n := range want {
		require.Positive(t, n, "the demo story leaves %s pending", kind)
		total += n
	}

	// The executive decides everything.
	var got approvalsAnswer
	f.do(t, "exec01@summit.example", approvalsQuery, map[string]any{"first": 200}, &got)
	require.Equal(t, total, got.ApprovalsCount)
	require.Equal(t, total, got.Approvals.TotalCount)
	for _, c := range got.Approvals.ByKind {
		require.Equal(t, want[c.Kind], c.Count, "count of %s", c.Kind)
	}
	require.Len(t, got.Approvals.Items, min(total, 200))
	for i := 1; i < len(got.Approvals.Items); i++ {
		require.LessOrEqual(t, got.Approvals.Items[i-1].RequestedAt, got.Approvals.Items[i].RequestedAt, "oldest request first")
	}

	// Each kind on its own, with what it needs to be decided.
	for kind := range want {
		var page approvalsAnswer
		f.do(t, "exec01@summit.example", approvalsQuery, map[string]any{"kinds": []string{kind}, "first": 200}, &page)
		require.Equal(t, want[kind], page.Approvals.TotalCount, kind)
		require.Len(t, page.Approvals.Items, min(want[kind], 200), kind)
		it := page.Approvals.Items[0]
		require.Equal(t, kind, it.Kind)
		switch kind {
		case "CLASS_OVERRIDE":
			require.NotNil(t, it.Reason)
			require.NotNil(t, it.RequestedByName)
			require.NotEqual(t, "null", string(it.Explanation), "an override shows the model's grading it overrides")
		case "PLAN":
			require.NotNil(t, it.Version)
			require.NotNil(t, it.To)
		case "REVIEW_RESULT":
			require.NotNil(t, it.CycleID)
			require.Contains(t, string(it.Explanation), "contribution")
		case "TIER_DECISION":
			require.NotNil(t, it.Reason)
			require.NotEqual(t, "null", string(it.Explanation))
		}
	}

	// The ids work with the existing mutations: approving a plan takes it
	// off the queue.
	var plans approvalsAnswer
	f.do(t, "exec01@summit.example", approvalsQuery, map[string]any{"kinds": []string{"PLAN"}, "first": 1}, &plans)
	plan := plans.Approvals.Items[0]
	var approved struct{ ApprovePlan struct{ Status string } }
	f.do(t, "exec01@summit.example", `mutation($id: ID!, $v: Int!) { approvePlan(id: $id, version: $v, note: "ok") { status } }`,
		map[string]any{"id": plan.ID, "v": *plan.Version}, &approved)
	require.Equal(t, "APPROVED", approved.ApprovePlan.Status)
	f.do(t, "exec01@summit.example", approvalsQuery, map[string]any{"first": 0}, &got)
	require.Equal(t, total-1, got.ApprovalsCount)

	// An admin approves plans only; a key-account manager decides nothing.
	var admin approvalsAnswer
	f.do(t, "admin@summit.example", approvalsQuery, map[string]any{"first": 200}, &admin)
	require.Equal(t, want["PLAN"]-1, admin.ApprovalsCount)
	for _, it := range admin.Approvals.Items {
		require.Equal(t, "PLAN", it.Kind)
	}
	var kam approvalsAnswer
	f.do(t, "kam01@summit.example", approvalsQuery, nil, &kam)
	require.Zero(t, kam.ApprovalsCount)
	require.Empty(t, kam.Approvals.Items)
}
