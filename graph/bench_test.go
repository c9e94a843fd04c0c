package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/graph"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

// baselineAccountListSQL is the account list screen written by hand: the
// same page of 50 accounts with owner, team, open alert count and latest plan
// that accountListScreen asks GraphQL for, in one statement. %[1]s is the
// row filter on accounts a: nothing for a viewer who reads everything, the
// owned-or-on-the-team lookup for a key-account manager.
const baselineAccountListSQL = `
SELECT p.*, u.name,
	(SELECT count(*) FROM accounts a WHERE true %[1]s) AS total,
	(SELECT json_agg(json_build_object('role', m.role, 'access', m.access_level, 'user', tu.name))
	   FROM account_team_members m JOIN users tu ON tu.id = m.user_id WHERE m.account_id = p.id) AS team,
	(SELECT count(*) FROM churn_alerts c WHERE c.account_id = p.id AND c.status IN ('OPEN','ACKNOWLEDGED','ESCALATED')) AS open_alerts,
	(SELECT json_build_object('period', ap.period, 'status', ap.status) FROM account_plans ap
	   WHERE ap.account_id = p.id ORDER BY ap.period DESC LIMIT 1) AS plan
FROM (SELECT a.id, a.code, a.name, a.kind, a.current_class, a.lifecycle_stage, a.region, a.owner_id
      FROM accounts a WHERE true %[1]s ORDER BY a.name, a.id LIMIT 50) p
LEFT JOIN users u ON u.id = p.owner_id
ORDER BY p.name, p.id`

const baselineOwnedOrTeam = `AND a.id IN (SELECT id FROM accounts WHERE owner_id = $1
	UNION SELECT account_id FROM account_team_members WHERE user_id = $1)`

// BenchmarkAccountListPage measures the account list page at 100,000
// accounts (SUMMIT_BENCH_ACCOUNTS to change) as an executive (no row filter)
// and as a key-account manager (row filter), reporting p50 latency and the
// ratio to a hand-written SQL baseline, with the same row filter, measured in
// the same run.
func BenchmarkAccountListPage(b *testing.B) {
	accounts := 100_000
	if v := os.Getenv("SUMMIT_BENCH_ACCOUNTS"); v != "" {
		accounts, _ = strconv.Atoi(v)
	}
	ctx := context.Background()
	pool := testdb.NewPool(b)
	_, err := seed.Run(ctx, pool, seed.Options{Accounts: accounts, Seed: 1})
	require.NoError(b, err)
	client := database.NewClient(pool)
	handler := graph.NewHandler(client, graph.HandlerConfig{})

	for _, email := range []string{"exec01@summit.example", "kam01@summit.example"} {
		v := testdb.Viewer(b, pool, email)
		// The baseline reads what this viewer may read, as the rules do.
		query, args := fmt.Sprintf(baselineAccountListSQL, ""), []any{}
		if !v.ReadsEverything() {
			query, args = fmt.Sprintf(baselineAccountListSQL, baselineOwnedOrTeam), []any{v.UserID}
		}
		baseline := func() {
			rows, err := pool.Query(ctx, query, args...)
			require.NoError(b, err)
			for rows.Next() {
			}
			require.NoError(b, rows.Err())
			rows.Close()
		}
		baseP50 := p50(b.N, baseline)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			handler.ServeHTTP(w, r.WithContext(viewer.NewContext(r.Context(), v)))
		}))
		body, _ := json.Marshal(map[string]any{"query": accountListScreen, "variables": map[string]any{"first": 50}})
		page := func() {
			resp, err := http.Post(srv.URL, "application/json", bytes.NewReader(body))
			require.NoError(b, err)
			var out gqlResult
			require.NoError(b, json.NewDecoder(resp.Body).Decode(&out))
			resp.Body.Close()
			require.Empty(b, out.Errors)
		}
		got := p50(b.N, page)
		srv.Close()
		b.Logf("account list page, %d accounts, as %s: p50 %s (hand-written SQL baseline p50 %s, ratio %.2f)",
			accounts, email, got.Round(time.Microsecond), baseP50.Round(time.Microsecond), float64(got)/float64(baseP50))
		b.ReportMetric(float64(got.Microseconds())/1000, "ms-p50-"+email[:6])
		b.ReportMetric(float64(got)/float64(baseP50), "ratio-"+email[:6])
	}
}

// p50 runs fn n times (at least 20, after 3 warm-ups) and returns the median.
func p50(n int, fn func()) time.Duration {
	n = max(n, 20)
	for range 3 {
		fn()
	}
	d := make([]time.Duration, n)
	for i := range d {
		start := time.Now()
		fn()
		d[i] = time.Since(start)
	}
	slices.Sort(d)
	return d[n/2]
}
