package review_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
)

// asOfDays cut the windows in every way that matters to the month
// arithmetic: a month start, mid-month, a month end, a leap day (a year
// back is 1 March) and the seed's own day.
var asOfDays = []string{"2026-11-01", "2026-10-17", "2026-08-31", "2026-03-01", "2025-12-31", "2024-02-29", "2025-06-15"}

func requireSameMetrics(t *testing.T, pool *pgxpool.Pool, when string) {
	t.Helper()
	ctx := context.Background()
	for _, d := range asOfDays {
		asOf := day(d)
		want, err := review.GatherScopeFromScratch(ctx, pool, review.ScopeAll, asOf, 0, 1<<62, 150, 2, review.AllFacts)
		require.NoError(t, err)
		got, err := review.GatherScope(ctx, pool, review.ScopeAll, asOf, 0, 1<<62, 150, 2, review.AllFacts)
		require.NoError(t, err)
		require.Greater(t, want.Len(), 100)
		require.Equal(t, want, got, "metrics as of %s %s", d, when)
		// Orders alone come from the aggregates too when asked.
		ordersOnly, err := review.GatherScopeFromScratch(ctx, pool, review.ScopeAll, asOf, 0, 1<<62, 150, 2, review.Facts{})
		require.NoError(t, err)
		fromAggregates, err := review.GatherScopeFromAggregates(ctx, pool, review.ScopeAll, asOf, 0, 1<<62, 150, 2, review.Facts{})
		require.NoError(t, err)
		require.Equal(t, ordersOnly, fromAggregates, "order metrics as of %s %s", d, when)
	}
}

// The metrics read from the monthly aggregates equal the ones aggregated
// from every fact row, on seeded data, as of days that cut months in
// different places, and again after facts were inserted, moved across
// months and accounts, re-priced and deleted.
func TestAggregateMetricsEqualFromScratch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.NewPool(t)
	_, err := seed.Run(ctx, pool, seed.Options{Accounts: 400, Seed: 11})
	require.NoError(t, err)
	var withRevenue int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(DISTINCT account_id) FROM orders WHERE order_date >= '2025-11-01'`).Scan(&withRevenue))
	require.Greater(t, withRevenue, 100, "the seed has recent orders")
	requireSameMetrics(t, pool, "after the seed")

	for _, sql := range []string{
		// New orders on every edge: first days of months, the as-of days.
		`INSERT INTO orders (created_at, updated_at, order_no, order_date, amount_minor, margin_minor, product_line, status, account_id)
		 SELECT now(), now(), 'edge-' || a.id || '-' || d, d::date, 1000 + a.id % 97, 10, 'X', 'SHIPPED', a.id
		 FROM (SELECT id FROM accounts ORDER BY id LIMIT 60) a,
		      unnest(ARRAY['2026-11-01', '2026-10-31', '2026-10-17', '2026-10-16', '2025-11-01', '2025-10-31', '2025-10-17',
		                   '2024-11-01', '2024-10-31', '2024-10-17', '2026-03-01', '2025-02-28', '2025-03-01', '2024-02-29',
		                   '2023-03-01', '2023-02-28', '2026-08-31', '2025-08-31', '2024-08-31']) d`,
		`UPDATE orders SET order_date = order_date + 17 WHERE id % 13 = 0`,
		`UPDATE orders SET amount_minor = amount_minor * 2 WHERE id % 11 = 0`,
		`UPDATE orders SET account_id = account_id + 1 WHERE id % 17 = 0 AND account_id < (SELECT max(id) FROM accounts)`,
		`UPDATE orders SET status = 'RETURNED' WHERE id % 19 = 0`,
		`DELETE FROM collections WHERE order_id IN (SELECT id FROM orders WHERE id % 23 = 0)`,
		`DELETE FROM orders WHERE id % 23 = 0`,
		`UPDATE collections SET received_on = received_on - 20 WHERE id % 7 = 0`,
		`UPDATE satisfaction_surveys SET surveyed_on = surveyed_on + 45, score = (score + 4) % 11 WHERE id % 5 = 0`,
		`UPDATE touchpoints SET occurred_at = occurred_at - interval '9 days 7 hours' WHERE id % 3 = 0`,
		`DELETE FROM touchpoints WHERE id % 29 = 0`,
	} {
		_, err := pool.Exec(ctx, sql)
		require.NoError(t, err, sql)
	}
	requireSameMetrics(t, pool, "after random writes")
}
