package churnscan_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/churnscan"
)

func TestEscalationGoesToSponsorThenManager(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, _ := seeded(t, 300, 3)
	svc, err := churnscan.New(pool, churnscan.Config{})
	require.NoError(t, err)

	// Two strategic accounts with an owner who has a manager: one with an
	// executive sponsor on its team, one without.
	var owner, manager, sponsor int
	require.NoError(t, pool.QueryRow(ctx, `SELECT u.id, u.manager_id FROM users u WHERE u.email = 'kam01@summit.example'`).Scan(&owner, &manager))
	require.NoError(t, pool.QueryRow(ctx, `SELECT id FROM users WHERE email = 'exec01@summit.example'`).Scan(&sponsor))
	require.NotEqual(t, sponsor, manager, "the test needs the sponsor and the manager to differ")
	accounts := make([]int, 2)
	rows, err := pool.Query(ctx, `SELECT id FROM accounts WHERE kind <> 'INTERNAL' ORDER BY id LIMIT 2`)
	require.NoError(t, err)
	for i := 0; rows.Next(); i++ {
		require.NoError(t, rows.Scan(&accounts[i]))
	}
	rows.Close()
	_, err = pool.Exec(ctx, `DELETE FROM account_team_members WHERE account_id = ANY($1) AND role = 'EXECUTIVE_SPONSOR'`, accounts)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `INSERT INTO account_team_members (created_at, updated_at, account_id, user_id, role, access_level)
		VALUES (now(), now(), $1, $2, 'EXECUTIVE_SPONSOR', 'READ')`, accounts[0], sponsor)
	require.NoError(t, err)

	opened := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	due := opened.AddDate(0, 0, 2) // S: 2 days
	withSponsor := insertAlert(t, pool, accounts[0], owner, "S", opened, due)
	withoutSponsor := insertAlert(t, pool, accounts[1], owner, "A", opened, due)
	bClass := insertAlertOfClass(t, pool, owner, "B", opened, due)

	// Before the deadline nothing happens.
	res, err := svc.Escalate(ctx, due)
	require.NoError(t, err)
	require.Equal(t, churnscan.EscalationResult{}, res)

	// Past it: the sponsor, or the manager where there is no sponsor. B
	// alerts stay with their owner.
	res, err = svc.Escalate(ctx, due.Add(time.Minute))
	require.NoError(t, err)
	require.Equal(t, churnscan.EscalationResult{ToSponsor: 1, ToManager: 1}, res)
	requireEscalated(t, pool, withSponsor, 1, sponsor)
	requireEscalated(t, pool, withoutSponsor, 2, manager)
	requireEscalated(t, pool, bClass, 0, 0)
	require.Equal(t, 2, queryInt(t, pool, `SELECT count(*) FROM notifications WHERE kind = 'churn_alert.escalated' AND recipient_id = $1`, sponsor),
		"one in-app notification and one email for the sponsor")
	require.Equal(t, 1, queryInt(t, pool, `SELECT count(*) FROM notifications WHERE kind = 'churn_alert.escalated' AND recipient_id = $1 AND channel = 'EMAIL' AND sent_at IS NULL`, manager),
		"the manager's email waits in the outbox")

	// Running again at the same time (another node, a retry) does nothing.
	res, err = svc.Escalate(ctx, due.Add(2*time.Minute))
	require.NoError(t, err)
	require.Equal(t, churnscan.EscalationResult{}, res)

	// The sponsor lets the class's response time pass too: the manager.
	res, err = svc.Escalate(ctx, due.Add(time.Minute).AddDate(0, 0, 2).Add(time.Minute))
	require.NoError(t, err)
	require.Equal(t, churnscan.EscalationResult{ToManager: 1}, res)
	requireEscalated(t, pool, withSponsor, 2, manager)
	require.Equal(t, 3, queryInt(t, pool, `SELECT count(*) FROM audit_events WHERE action = 'churn_alert.escalate'`))

	// An acknowledged alert is never escalated.
	ackd := insertAlert(t, pool, accounts[1], owner, "S", opened.AddDate(0, 0, 10), due.AddDate(0, 0, 10))
	_, err = pool.Exec(ctx, `UPDATE churn_alerts SET status = 'ACKNOWLEDGED', acknowledged_at = $2 WHERE id = $1`, ackd, opened)
	require.NoError(t, err)
	res, err = svc.Escalate(ctx, due.AddDate(1, 0, 0))
	require.NoError(t, err)
	require.Equal(t, churnscan.EscalationResult{}, res)
	requireEscalated(t, pool, ackd, 0, 0)
}

func insertAlert(t *testing.T, pool *pgxpool.Pool, account, owner int, class string, opened, due time.Time) int {
	t.Helper()
	// One open alert per account and type: close earlier ones.
	_, err := pool.Exec(context.Background(), `UPDATE churn_alerts SET status = 'RESOLVED' WHERE account_id = $1`, account)
	require.NoError(t, err)
	var id int
	require.NoError(t, pool.QueryRow(context.Background(), `
		INSERT INTO churn_alerts (created_at, updated_at, account_id, alert_type, status, severity, risk_score, signals,
		                          owner_id, opened_at, last_evaluated_at, response_due_at, account_class, escalation_level)
		VALUES (now(), now(), $1, 'CHURN_RISK', 'OPEN', 'HIGH', 60, '[{"code":"order_gap"}]', $2, $3, $3, $4, $5, 0)
		RETURNING id`, account, owner, opened, due, class).Scan(&id))
	return id
}

func insertAlertOfClass(t *testing.T, pool *pgxpool.Pool, owner int, class string, opened, due time.Time) int {
	t.Helper()
	var account int
	require.NoError(t, pool.QueryRow(context.Background(),
		`SELECT id FROM accounts WHERE kind <> 'INTERNAL' ORDER BY id DESC LIMIT 1`).Scan(&account))
	return insertAlert(t, pool, account, owner, class, opened, due)
}

func requireEscalated(t *testing.T, pool *pgxpool.Pool, alert, level, to int) {
	t.Helper()
	var gotLevel int
	var gotTo *int
	var status string
	require.NoError(t, pool.QueryRow(context.Background(),
		`SELECT escalation_level, escalated_to_id, status FROM churn_alerts WHERE id = $1`, alert).Scan(&gotLevel, &gotTo, &status))
	require.Equal(t, level, gotLevel, "alert %d escalation level", alert)
	if level == 0 {
		require.Nil(t, gotTo)
		return
	}
	require.Equal(t, "ESCALATED", status)
	require.NotNil(t, gotTo)
	require.Equal(t, to, *gotTo)
}
