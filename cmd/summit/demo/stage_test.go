package demo_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/cmd/summit/demo"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
)

// TestStageTellsTheStory seeds a data set, tells the demo story and checks
// what a person signing in would find on each screen.
func TestStageTellsTheStory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.NewPool(t)
	asOf := seed.DefaultAsOf
	_, err := seed.Run(ctx, pool, seed.Options{Accounts: 1500, Seed: 1, AsOf: asOf})
	require.NoError(t, err)
	client := database.NewClient(pool)

	stats, err := demo.Stage(ctx, pool, client, demo.Options{AsOf: asOf, Now: asOf.Add(10 * time.Hour)})
	require.NoError(t, err)
	t.Logf("demo story: %+v", stats)

	count := func(query string, args ...any) int {
		t.Helper()
		var n int
		require.NoError(t, pool.QueryRow(ctx, query, args...).Scan(&n), query)
		return n
	}
	userID := func(email string) int {
		return count(`SELECT id FROM users WHERE email = $1`, email)
	}
	kam, exec, admin, pm := userID(demo.KAMEmail), userID(demo.ExecEmail), userID(demo.AdminEmail), userID(demo.PMEmail)

	// Graded: two published cycles, the current one in review.
	require.Equal(t, 2, count(`SELECT count(*) FROM review_cycles WHERE status = 'PUBLISHED'`))
	require.Equal(t, 1, count(`SELECT count(*) FROM review_cycles WHERE status = 'IN_REVIEW'`))
	require.Zero(t, count(`SELECT count(*) FROM accounts WHERE current_class IS NULL AND lifecycle_stage <> 'EXPLORATION'`),
		"every customer is graded")
	for _, class := range []string{"S", "A", "B", "C"} {
		require.Positive(t, count(`SELECT count(*) FROM accounts WHERE current_class = $1`, class), "accounts of class %s", class)
	}
	// Explanations come from the grading engine: criteria with contributions.
	require.Zero(t, count(`SELECT count(*) FROM class_assignments WHERE source = 'MODEL' AND (explanation IS NULL OR jsonb_typeof(explanation) <> 'object')`))
	require.Positive(t, count(`SELECT count(*) FROM class_assignments WHERE source = 'MODEL' AND explanation::text LIKE '%contribution%'`))
	// Class history: accounts graded in both cycles, some of which moved.
	require.Positive(t, count(`SELECT count(*) FROM (SELECT account_id FROM class_assignments WHERE source = 'MODEL' GROUP BY account_id HAVING count(*) = 2) h`))
	require.Positive(t, count(`SELECT count(*) FROM class_assignments WHERE source = 'MODEL' AND previous_class IS DISTINCT FROM class AND previous_class IS NOT NULL`))
	// Audited like a person's changes.
	require.Positive(t, count(`SELECT count(*) FROM audit_events WHERE action = 'class.change'`))
	require.Positive(t, count(`SELECT count(*) FROM audit_events WHERE action = 'review.approve' AND actor_id = $1`, exec))
	require.Equal(t, 2, count(`SELECT count(*) FROM audit_events WHERE action = 'review.publish' AND actor_id = $1`, admin))

	// Plans in every state, with objectives and actions, some overdue.
	for _, status := range []string{"DRAFT", "SUBMITTED", "APPROVED", "ACTIVE", "CLOSED"} {
		require.Positive(t, count(`SELECT count(*) FROM account_plans WHERE status = $1`, status), "plans %s", status)
	}
	require.Zero(t, count(`SELECT count(*) FROM account_plans p WHERE p.period LIKE 'FY%' AND NOT EXISTS (SELECT 1 FROM objectives o WHERE o.plan_id = p.id)`))
	require.Positive(t, count(`SELECT count(*) FROM actions WHERE due_on < $1 AND status NOT IN ('DONE', 'CANCELLED')`, asOf))
	require.Positive(t, count(`SELECT count(*) FROM actions WHERE status = 'DONE'`))
	require.Positive(t, count(`SELECT count(*) FROM audit_events WHERE action = 'plan.approve' AND actor_id = $1`, exec))

	// Pending approvals for the executive.
	require.Positive(t, count(`SELECT count(*) FROM class_assignments WHERE approval_status = 'PENDING' AND class IN ('S', 'A')`))
	require.Positive(t, count(`SELECT count(*) FROM account_plans p JOIN accounts a ON a.id = p.account_id WHERE p.status = 'SUBMITTED' AND a.current_class IN ('S', 'A')`))
	require.Positive(t, count(`SELECT count(*) FROM review_results r JOIN review_cycles c ON c.id = r.cycle_id WHERE c.status = 'IN_REVIEW' AND r.status = 'PENDING_APPROVAL'`))
	require.Positive(t, count(`SELECT count(*) FROM tier_evaluations WHERE status = 'SUBMITTED'`))

	// Alerts open and resolved.
	require.Positive(t, count(`SELECT count(*) FROM churn_alerts WHERE status IN ('OPEN', 'ACKNOWLEDGED', 'ESCALATED')`))
	require.Positive(t, count(`SELECT count(*) FROM churn_alerts WHERE status IN ('RESOLVED', 'FALSE_ALARM', 'LOST')`))

	// kam01's workspace: S/A accounts with alerts and plans.
	require.GreaterOrEqual(t, count(`SELECT count(*) FROM accounts WHERE owner_id = $1 AND current_class IN ('S', 'A')`, kam), 5)
	require.GreaterOrEqual(t, count(`SELECT count(*) FROM churn_alerts al JOIN accounts a ON a.id = al.account_id WHERE a.owner_id = $1 AND a.current_class IN ('S', 'A')`, kam), 2)
	require.GreaterOrEqual(t, count(`SELECT count(DISTINCT p.status) FROM account_plans p JOIN accounts a ON a.id = p.account_id WHERE a.owner_id = $1`, kam), 4)
	require.Positive(t, count(`SELECT count(*) FROM class_assignments c JOIN accounts a ON a.id = c.account_id WHERE a.owner_id = $1 AND c.approval_status = 'PENDING'`, kam))
	require.Positive(t, count(`SELECT count(*) FROM touchpoints t JOIN accounts a ON a.id = t.account_id WHERE a.owner_id = $1`, kam))

	// Notifications for each demo user.
	for _, u := range []int{kam, exec, admin, pm} {
		require.Positive(t, count(`SELECT count(*) FROM notifications WHERE recipient_id = $1 AND channel = 'IN_APP'`, u), "notifications of user %d", u)
	}

	// Told once: a second run refuses.
	_, err = demo.Stage(ctx, pool, client, demo.Options{AsOf: asOf})
	require.ErrorIs(t, err, demo.ErrTold)
}

// TestStageSmallDataSet: the e2e tests and quick starts seed a hundred
// accounts or so, with few or no S/A accounts; the story still completes,
// and the same seed tells the same story.
func TestStageSmallDataSet(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tell := func() string {
		pool := testdb.NewPool(t)
		_, err := seed.Run(ctx, pool, seed.Options{Accounts: 300, Seed: 3})
		require.NoError(t, err)
		stats, err := demo.Stage(ctx, pool, database.NewClient(pool), demo.Options{AsOf: seed.DefaultAsOf, Now: seed.DefaultAsOf.Add(10 * time.Hour)})
		require.NoError(t, err)
		require.Len(t, stats.Cycles, 3)
		// Set-based inserts (publishing, the churn scan) may number rows in
		// any order: compare by what the rows say, not by their ids.
		var fingerprint string
		require.NoError(t, pool.QueryRow(ctx, `SELECT concat_ws(' | ',
			(SELECT string_agg(concat_ws(':', account_id, period, status), ',' ORDER BY id) FROM account_plans),
			(SELECT string_agg(concat_ws(':', account_id, status, outcome), ',' ORDER BY account_id, id) FROM churn_alerts),
			(SELECT string_agg(concat_ws(':', account_id, review_cycle_id, class, source, approval_status), ',' ORDER BY account_id, review_cycle_id, id) FROM class_assignments),
			(SELECT string_agg(concat_ws(':', cycle_id, account_id, proposed_class, status), ',' ORDER BY cycle_id, account_id) FROM review_results),
			(SELECT string_agg(concat_ws(':', account_id, title, due_on, status), ',' ORDER BY id) FROM actions),
			(SELECT string_agg(concat_ws(':', id, owner_id, current_class), ',' ORDER BY id) FROM accounts))`).Scan(&fingerprint))
		return fingerprint
	}
	first, second := tell(), tell()
	if first != second {
		_ = os.WriteFile("/tmp/fp1.txt", []byte(strings.ReplaceAll(first, ",", "\n")), 0o644)
		_ = os.WriteFile("/tmp/fp2.txt", []byte(strings.ReplaceAll(second, ",", "\n")), 0o644)
	}
	require.Equal(t, first, second, "the same seed must tell the same story")
}
