package churnscan_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/churnscan"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

// asOf is the seed's "today".
var asOf = seed.DefaultAsOf.Add(6 * time.Hour)

func seeded(t *testing.T, accounts int, seedNo uint64) (*pgxpool.Pool, seed.Stats) {
	t.Helper()
	ctx := viewer.System(context.Background(), "test")
	pool := testdb.New(t).Pool()
	stats, err := seed.Run(ctx, pool, seed.Options{Accounts: accounts, Seed: seedNo})
	require.NoError(t, err)
	return pool, stats
}

// scanAll runs every chunk of a scan as of at, in order, without River.
func scanAll(t *testing.T, svc *churnscan.Service, pool *pgxpool.Pool, at time.Time) churnscan.ChunkResult {
	t.Helper()
	ctx := context.Background()
	ranges, err := churnscan.Ranges(ctx, pool, 1000)
	require.NoError(t, err)
	total := churnscan.ChunkResult{ByLevel: map[churn.Level]int{}}
	for _, r := range ranges {
		res, err := svc.RunChunk(ctx, at, r.From, r.To)
		require.NoError(t, err)
		total.Assessed += res.Assessed
		total.Opened += res.Opened
		total.Updated += res.Updated
		total.Resolved += res.Resolved
		total.Declined += res.Declined
		for l, n := range res.ByLevel {
			total.ByLevel[l] += n
		}
	}
	return total
}

// alertRow is what a user sees of an alert.
type alertRow struct {
	ID, AccountID int
	Status        string
	Severity      string
	Score         float64
	Codes         []string
	Due           *time.Time
	OwnerID       *int
}

func alerts(t *testing.T, pool *pgxpool.Pool) []alertRow {
	t.Helper()
	rows, err := pool.Query(context.Background(), `
		SELECT id, account_id, status, severity, risk_score, jsonb_path_query_array(signals, '$[*].code'), response_due_at, owner_id
		FROM churn_alerts ORDER BY account_id, id`)
	require.NoError(t, err)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (alertRow, error) {
		var a alertRow
		err := row.Scan(&a.ID, &a.AccountID, &a.Status, &a.Severity, &a.Score, &a.Codes, &a.Due, &a.OwnerID)
		return a, err
	})
	require.NoError(t, err)
	return out
}

func queryInt(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, pool.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

func TestScanOpensOnceAndResolvesClearedSignals(t *testing.T) {
	t.Parallel()
	pool, _ := seeded(t, 3000, 5)
	svc, err := churnscan.New(pool, churnscan.Config{})
	require.NoError(t, err)

	first := scanAll(t, svc, pool, asOf)
	require.Positive(t, first.Opened, "the seeded data has fading accounts")
	after1 := alerts(t, pool)
	require.Len(t, after1, first.Opened)
	for _, a := range after1 {
		require.Equal(t, "OPEN", a.Status)
		require.NotEmpty(t, a.Codes, "alert %d explains itself", a.ID)
		require.NotNil(t, a.Due)
	}
	// Every open alert's owner heard of it, once, and the audit trail has it.
	require.Equal(t, queryInt(t, pool, `SELECT count(*) FROM churn_alerts WHERE owner_id IS NOT NULL`),
		queryInt(t, pool, `SELECT count(*) FROM notifications WHERE kind = 'churn_alert.opened' AND channel = 'IN_APP'`))
	require.Equal(t, first.Opened, queryInt(t, pool, `SELECT count(*) FROM audit_events WHERE action = 'churn_alert.open'`))
	require.Equal(t, first.Declined, queryInt(t, pool, `SELECT count(*) FROM audit_events WHERE action = 'account.lifecycle'`))

	// The same scan again, and a scan the next day: no second alert.
	second := scanAll(t, svc, pool, asOf)
	require.Zero(t, second.Opened)
	require.Zero(t, second.Resolved)
	require.Equal(t, after1, alerts(t, pool))
	third := scanAll(t, svc, pool, asOf.Add(time.Hour))
	require.Zero(t, third.Opened, "a rerun later the same day (a retry, another node) opens nothing")
	require.Equal(t, len(after1), len(alerts(t, pool)))

	// An alert on an account whose signals are quiet is closed by the next
	// scan, with the outcome and an audit event.
	var quietID int
	require.NoError(t, pool.QueryRow(context.Background(), `
		SELECT a.id FROM accounts a
		WHERE a.lifecycle_stage = 'STABLE' AND NOT a.archived AND a.kind <> 'INTERNAL'
		  AND NOT EXISTS (SELECT 1 FROM churn_alerts c WHERE c.account_id = a.id)
		ORDER BY a.id LIMIT 1`).Scan(&quietID))
	var staleID int
	require.NoError(t, pool.QueryRow(context.Background(), `
		INSERT INTO churn_alerts (created_at, updated_at, account_id, alert_type, status, severity, risk_score, signals,
		                          opened_at, last_evaluated_at, escalation_level)
		VALUES (now(), now(), $1, 'CHURN_RISK', 'OPEN', 'HIGH', 60, '[{"code":"order_gap"}]', $2, $2, 0) RETURNING id`,
		quietID, asOf.Add(-48*time.Hour)).Scan(&staleID))
	res := scanAll(t, svc, pool, asOf)
	require.Equal(t, 1, res.Resolved)
	var status, outcome string
	require.NoError(t, pool.QueryRow(context.Background(), `SELECT status, outcome FROM churn_alerts WHERE id = $1`, staleID).Scan(&status, &outcome))
	require.Equal(t, "RESOLVED", status)
	require.Equal(t, "SIGNALS_CLEARED", outcome)
	require.Equal(t, 1, queryInt(t, pool, `SELECT count(*) FROM audit_events WHERE action = 'churn_alert.resolve' AND entity_id = $1`, staleID))
}
