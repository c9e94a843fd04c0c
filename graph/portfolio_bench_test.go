package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/cmd/summit/demo"
	"github.com/summitkam/summit/graph"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

// baselinePortfolioSQL computes the figures of portfolioQuery for a viewer
// who reads every account, written by hand as one would without the API:
// one statement per widget, run one after the other. $1 is asOf, $2 today.
var baselinePortfolioSQL = []string{
	// pyramid
	`WITH rev AS (SELECT account_id, sum(amount_minor) AS r, sum(margin_minor) AS m FROM orders
	              WHERE status = 'SHIPPED' AND order_date > $1::date - interval '1 year' AND order_date <= $1::date GROUP BY 1)
	 SELECT coalesce(a.current_class, 'UNCLASSIFIED'), count(*), sum(rev.r), sum(rev.m)
	 FROM accounts a LEFT JOIN rev ON rev.account_id = a.id WHERE NOT a.archived AND $2::date IS NOT NULL GROUP BY 1`,
	// migration between the two latest published cycles
	`WITH c AS (SELECT id, row_number() OVER (ORDER BY period_start DESC, id DESC) AS k FROM review_cycles WHERE status = 'PUBLISHED'),
	 rev AS (SELECT account_id, sum(amount_minor) AS r FROM orders
	         WHERE status = 'SHIPPED' AND order_date > $1::date - interval '1 year' AND order_date <= $1::date GROUP BY 1)
	 SELECT coalesce(f.final_class, 'UNCLASSIFIED'), coalesce(t.final_class, 'UNCLASSIFIED'), count(*), sum(rev.r)
	 FROM (SELECT account_id, final_class FROM review_results WHERE cycle_id = (SELECT id FROM c WHERE k = 2)) f
	 FULL JOIN (SELECT account_id, final_class FROM review_results WHERE cycle_id = (SELECT id FROM c WHERE k = 1)) t ON t.account_id = f.account_id
	 JOIN accounts a ON a.id = coalesce(f.account_id, t.account_id) AND NOT a.archived
	 LEFT JOIN rev ON rev.account_id = a.id
	 WHERE $2::date IS NOT NULL GROUP BY 1, 2`,
	// concentration: top shares, 10 Lorenz points, HHI
	`WITH rev AS (SELECT o.account_id, sum(o.amount_minor) AS r FROM orders o JOIN accounts a ON a.id = o.account_id AND NOT a.archived
	              WHERE o.status = 'SHIPPED' AND o.order_date > $1::date - interval '1 year' AND o.order_date <= $1::date GROUP BY 1 HAVING sum(o.amount_minor) > 0),
	 pos AS (SELECT r, row_number() OVER (ORDER BY r DESC) AS rn, count(*) OVER () AS n, sum(r) OVER (ORDER BY r DESC ROWS UNBOUNDED PRECEDING) AS cum FROM rev)
	 SELECT max(n), sum(r), sum((r::float8) ^ 2) / (sum(r)::float8 ^ 2) * 10000,
	        max(cum) FILTER (WHERE rn = ceil(n * 0.01)), max(cum) FILTER (WHERE rn = ceil(n * 0.05)),
	        max(cum) FILTER (WHERE rn = ceil(n * 0.10)), max(cum) FILTER (WHERE rn = ceil(n * 0.20)),
	        array_agg(cum ORDER BY rn) FILTER (WHERE rn IN (SELECT max(n) - max(n) * i / 10 FROM pos, generate_series(0, 10) i GROUP BY i))
	 FROM pos WHERE $2::date IS NOT NULL`,
	// S/A at risk
	`WITH al AS (SELECT c.id, c.account_id, c.severity FROM churn_alerts c JOIN accounts a ON a.id = c.account_id
	             WHERE NOT a.archived AND a.current_class IN ('S', 'A') AND c.status IN ('OPEN', 'ACKNOWLEDGED', 'ESCALATED')),
	 rev AS (SELECT account_id, sum(amount_minor) AS r FROM orders WHERE account_id IN (SELECT account_id FROM al)
	         AND status = 'SHIPPED' AND order_date > $1::date - interval '1 year' AND order_date <= $1::date GROUP BY 1)
	 SELECT al.id, al.severity, a.name, rev.r FROM al JOIN accounts a ON a.id = al.account_id LEFT JOIN rev ON rev.account_id = al.account_id
	 WHERE $2::date IS NOT NULL ORDER BY al.severity, rev.r DESC NULLS LAST`,
	// coverage and plan health of S and A
	`SELECT a.current_class, count(*),
	   count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM account_plans p WHERE p.account_id = a.id AND p.status IN ('APPROVED', 'ACTIVE'))),
	   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM jsonb_array_elements_text(cp.required_team_roles) role
	                                  WHERE NOT EXISTS (SELECT 1 FROM account_team_members m WHERE m.account_id = a.id AND m.role = role))),
	   count(*) FILTER (WHERE coalesce((SELECT max(t.occurred_at) FROM touchpoints t WHERE t.account_id = a.id), a.created_at)::date + cp.contact_cadence_days::int < $2::date),
	   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM actions ac WHERE ac.account_id = a.id AND ac.due_on < $2::date AND ac.status NOT IN ('DONE', 'CANCELLED')))
	 FROM accounts a JOIN class_policies cp ON cp.class = a.current_class
	 WHERE NOT a.archived AND a.current_class IN ('S', 'A') AND $1::date IS NOT NULL GROUP BY 1`,
	// trend of the last 4 published cycles
	`SELECT r.cycle_id, coalesce(r.final_class, 'UNCLASSIFIED'), count(*)
	 FROM review_results r JOIN accounts a ON a.id = r.account_id AND NOT a.archived
	 WHERE r.cycle_id IN (SELECT id FROM review_cycles WHERE status = 'PUBLISHED' ORDER BY period_start DESC, id DESC LIMIT 4)
	   AND $1::date IS NOT NULL AND $2::date IS NOT NULL
	 GROUP BY 1, 2`,
}

// BenchmarkPortfolio measures the whole portfolio (every figure of
// portfolioQuery) as an executive over 100,000 accounts
// (SUMMIT_BENCH_ACCOUNTS to change) with two published review cycles, one
// in review, alerts and plans (the demo story), and reports its p50 and the
// ratio to the same figures computed by hand-written SQL in the same run.
func BenchmarkPortfolio(b *testing.B) {
	accounts := 100_000
	if v := os.Getenv("SUMMIT_BENCH_ACCOUNTS"); v != "" {
		accounts, _ = strconv.Atoi(v)
	}
	ctx := context.Background()
	pool := testdb.NewPool(b)
	start := time.Now()
	_, err := seed.Run(ctx, pool, seed.Options{Accounts: accounts, Seed: 1})
	require.NoError(b, err)
	client := database.NewClient(pool)
	_, err = demo.Stage(ctx, pool, client, demo.Options{AsOf: seed.DefaultAsOf})
	require.NoError(b, err)
	_, err = pool.Exec(ctx, "ANALYZE")
	require.NoError(b, err)
	b.Logf("portfolio fixture: %d accounts seeded and graded in %s", accounts, time.Since(start).Round(time.Second))

	asOf := seed.DefaultAsOf
	today := time.Now().UTC().Format(time.DateOnly)
	// The baseline gets its best setting, as the API does: JIT off.
	baseline := func() {
		tx, err := pool.Begin(ctx)
		require.NoError(b, err)
		defer tx.Rollback(ctx) //nolint:errcheck
		_, err = tx.Exec(ctx, "SET LOCAL jit = off")
		require.NoError(b, err)
		for _, q := range baselinePortfolioSQL {
			rows, err := tx.Query(ctx, q, asOf, today)
			require.NoError(b, err)
			for rows.Next() {
			}
			require.NoError(b, rows.Err())
			rows.Close()
		}
	}
	baseP50 := p50(b.N, baseline)

	handler := graph.NewHandler(client, graph.HandlerConfig{Pool: pool})
	v := testdb.Viewer(&testing.T{}, pool, "exec01@summit.example")
	body, _ := json.Marshal(map[string]any{"query": portfolioQuery, "variables": map[string]any{"asOf": asOf}})
	portfolio := func() {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req.WithContext(viewer.NewContext(req.Context(), v)))
		var out gqlResult
		require.NoError(b, json.Unmarshal(rec.Body.Bytes(), &out))
		require.Empty(b, out.Errors)
	}
	got := p50(b.N, portfolio)
	b.Logf("portfolio, %d accounts, as exec01: p50 %s (hand-written SQL baseline p50 %s, ratio %.2f)",
		accounts, got.Round(time.Microsecond), baseP50.Round(time.Microsecond), float64(got)/float64(baseP50))
	b.ReportMetric(float64(got.Microseconds())/1000, "ms-p50")
	b.ReportMetric(float64(got)/float64(baseP50), "ratio")
}
