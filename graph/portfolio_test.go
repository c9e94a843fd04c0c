package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/cmd/summit/demo"
	"github.com/summitkam/summit/graph"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

// portfolioQuery asks for every figure of the portfolio.
const portfolioQuery = `query($f: PortfolioFilter, $asOf: Time) { portfolio(filter: $f, asOf: $asOf) {
	asOf
	pyramid { accounts revenueMinor marginMinor classes { class accounts accountShare revenueMinor revenueShare marginMinor marginShare accountsWhere } }
	migration { from { cycle { id name } date } to { cycle { id name } date } cells { from to accounts revenueMinor accountsWhere } upgrades downgrades unchanged }
	concentration(lorenzPoints: 10) { accounts revenueMinor top { percent accounts revenueMinor share } lorenz { accountShare revenueShare } hhi }
	atRisk(first: 5) { alerts accounts revenueAtStakeMinor bySeverity { severity alerts accounts revenueMinor } items { alertID accountID class severity revenueMinor } accountsWhere }
	coverage {
		total { accounts withoutApprovedPlan missingTeamRoles contactOverdue withOverdueActions needsAttention }
		classes { class accounts withoutApprovedPlan missingTeamRoles contactOverdue withOverdueActions needsAttention withoutApprovedPlanWhere withOverdueActionsWhere }
	}
	trend(cycles: 4) { cycle { id name } counts { class accounts } }
} }`

type portfolioAnswer struct {
	Portfolio struct {
		Pyramid struct {
			Accounts     int
			RevenueMinor int64
			MarginMinor  int64
			Classes      []struct {
				Class                                   string
				Accounts                                int
				AccountShare, RevenueShare, MarginShare float64
				RevenueMinor, MarginMinor               int64
				AccountsWhere                           json.RawMessage
			}
		}
		Migration struct {
			From, To *struct {
				Cycle *struct{ ID, Name string }
			}
			Cells []struct {
				From, To      string
				Accounts      int
				RevenueMinor  int64
				AccountsWhere json.RawMessage
			}
			Upgrades, Downgrades, Unchanged int
		}
		Concentration struct {
			Accounts     int
			RevenueMinor int64
			Top          []struct {
				Percent      float64
				Accounts     int
				RevenueMinor int64
				Share        float64
			}
			Lorenz []struct{ AccountShare, RevenueShare float64 }
			HHI    float64 `json:"hhi"`
		}
		AtRisk struct {
			Alerts, Accounts    int
			RevenueAtStakeMinor int64
			BySeverity          []struct {
				Severity         string
				Alerts, Accounts int
				RevenueMinor     int64
			}
			Items []struct {
				AlertID, AccountID, Class, Severity string
				RevenueMinor                        int64
			}
			AccountsWhere json.RawMessage
		}
		Coverage struct {
			Total   coverageFigures
			Classes []coverageFigures
		}
		Trend []struct {
			Cycle  struct{ ID, Name string }
			Counts []struct {
				Class    string
				Accounts int
			}
		}
	}
}

type coverageFigures struct {
	Class                                                                                               *string
	Accounts, WithoutApprovedPlan, MissingTeamRoles, ContactOverdue, WithOverdueActions, NeedsAttention int
	WithoutApprovedPlanWhere, WithOverdueActionsWhere                                                   json.RawMessage
}

type portfolioFixture struct {
	pool    *pgxpool.Pool
	handler http.Handler
	viewers map[string]*viewer.Viewer
}

// newPortfolioFixture seeds accounts and tells the demo story on them: two
// published cycles, one in review, alerts, plans, actions and teams.
func newPortfolioFixture(t *testing.T) *portfolioFixture {
	t.Helper()
	ctx := context.Background()
	pool := testdb.NewPool(t)
	_, err := seed.Run(ctx, pool, seed.Options{Accounts: 1200, Seed: 5})
	require.NoError(t, err)
	client := database.NewClient(pool)
	_, err = demo.Stage(ctx, pool, client, demo.Options{AsOf: seed.DefaultAsOf})
	require.NoError(t, err)
	f := &portfolioFixture{pool: pool, handler: graph.NewHandler(client, graph.HandlerConfig{Pool: pool, Logger: slog.New(slog.NewTextHandler(os.Stderr, nil))}), viewers: map[string]*viewer.Viewer{}}
	for _, email := range []string{"exec01@summit.example", "kam01@summit.example", "admin@summit.example"} {
		f.viewers[email] = testdb.Viewer(t, pool, email)
	}
	return f
}

func (f *portfolioFixture) do(t *testing.T, email, query string, vars map[string]any, out any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req = req.WithContext(viewer.NewContext(req.Context(), f.viewers[email]))
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	var res gqlResult
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &res), rec.Body.String())
	require.Empty(t, res.Errors, rec.Body.String())
	require.NoError(t, json.Unmarshal(res.Data, out))
}

// The oracle: the same figures written by hand, independently of
// internal/portfolio. vis is the accounts the viewer reads ($1: the user for
// a key-account manager) as the authorization rules state them; $2 is asOf.
const (
	oracleVisibleAll = `SELECT id, current_class, created_at, kind, region FROM accounts WHERE NOT archived AND $1::bigint IS NOT NULL`
	oracleVisibleKAM = `SELECT id, current_class, created_at, kind, region FROM accounts WHERE NOT archived AND (owner_id = $1
		OR EXISTS (SELECT 1 FROM account_team_members m WHERE m.account_id = accounts.id AND m.user_id = $1))`
	oracleAccounts = `r AS (SELECT v.id, coalesce(v.current_class, 'UNCLASSIFIED') AS cls, v.current_class, v.created_at,
		(SELECT coalesce(sum(o.amount_minor), 0) FROM orders o WHERE o.account_id = v.id AND o.status = 'SHIPPED'
		   AND o.order_date BETWEEN ($2::date - interval '1 year')::date + 1 AND $2::date) AS rev,
		(SELECT coalesce(sum(o.margin_minor), 0) FROM orders o WHERE o.account_id = v.id AND o.status = 'SHIPPED'
		   AND o.order_date BETWEEN ($2::date - interval '1 year')::date + 1 AND $2::date) AS mar
		FROM vis v)`
)

func TestPortfolioAgainstOracle(t *testing.T) {
	t.Parallel()
	f := newPortfolioFixture(t)
	ctx := context.Background()
	asOf := seed.DefaultAsOf
	today := time.Now().UTC().Format(time.DateOnly)

	for _, tc := range []struct {
		name, email, visible string
		filter               map[string]any
	}{
		{"executive", "exec01@summit.example", oracleVisibleAll, nil},
		{"executive EAST B2B", "exec01@summit.example", oracleVisibleAll + ` AND region = 'EAST' AND kind = 'B2B'`, map[string]any{"regions": []string{"EAST"}, "kinds": []string{"B2B"}}},
		{"key-account manager", "kam01@summit.example", oracleVisibleKAM, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			user := f.viewers[tc.email].UserID
			var got portfolioAnswer
			f.do(t, tc.email, portfolioQuery, map[string]any{"f": tc.filter, "asOf": asOf}, &got)
			p := got.Portfolio
			with := "WITH vis AS (" + tc.visible + "), " + oracleAccounts

			// Pyramid.
			type classRow struct {
				accounts int
				rev, mar int64
			}
			want := map[string]classRow{}
			rows, err := f.pool.Query(ctx, with+` SELECT cls, count(*), sum(rev)::bigint, sum(mar)::bigint FROM r GROUP BY cls`, user, asOf)
			require.NoError(t, err)
			var total classRow
			for rows.Next() {
				var c string
				var r classRow
				require.NoError(t, rows.Scan(&c, &r.accounts, &r.rev, &r.mar))
				want[c] = r
				total.accounts += r.accounts
				total.rev += r.rev
				total.mar += r.mar
			}
			require.NoError(t, rows.Err())
			require.Equal(t, total.accounts, p.Pyramid.Accounts)
			require.Equal(t, total.rev, p.Pyramid.RevenueMinor)
			require.Equal(t, total.mar, p.Pyramid.MarginMinor)
			require.Len(t, p.Pyramid.Classes, 5)
			for _, c := range p.Pyramid.Classes {
				w := want[c.Class]
				require.Equal(t, w.accounts, c.Accounts, "accounts of class %s", c.Class)
				require.Equal(t, w.rev, c.RevenueMinor, "revenue of class %s", c.Class)
				require.Equal(t, w.mar, c.MarginMinor, "margin of class %s", c.Class)
				if total.rev > 0 {
					require.InDelta(t, float64(w.rev)/float64(total.rev), c.RevenueShare, 1e-9)
				}
			}
			if tc.name == "executive" {
				for _, c := range []string{"S", "A", "B", "C"} {
					require.Positive(t, want[c].accounts, "the fixture has accounts of class %s", c)
				}
			}
			// Drill-down: the accounts list with the class's filter has as many.
			for _, c := range p.Pyramid.Classes {
				if c.Class == "A" || c.Class == "UNCLASSIFIED" {
					require.Equal(t, c.Accounts, f.countAccounts(t, tc.email, c.AccountsWhere), "drill-down of class %s", c.Class)
				}
			}

			// Concentration.
			var n int
			var sum int64
			var tops [4]int64
			var hhi float64
			var bottomHalf int64
			require.NoError(t, f.pool.QueryRow(ctx, with+`, pos AS (SELECT rev FROM r WHERE rev > 0)
				SELECT (SELECT count(*) FROM pos), (SELECT coalesce(sum(rev), 0)::bigint FROM pos),
				  (SELECT coalesce(sum(rev), 0)::bigint FROM (SELECT rev FROM pos ORDER BY rev DESC LIMIT ceil((SELECT count(*) FROM pos) * 0.01)) x),
				  (SELECT coalesce(sum(rev), 0)::bigint FROM (SELECT rev FROM pos ORDER BY rev DESC LIMIT ceil((SELECT count(*) FROM pos) * 0.05)) x),
				  (SELECT coalesce(sum(rev), 0)::bigint FROM (SELECT rev FROM pos ORDER BY rev DESC LIMIT ceil((SELECT count(*) FROM pos) * 0.10)) x),
				  (SELECT coalesce(sum(rev), 0)::bigint FROM (SELECT rev FROM pos ORDER BY rev DESC LIMIT ceil((SELECT count(*) FROM pos) * 0.20)) x),
				  (SELECT coalesce(sum((rev::float8 / (SELECT sum(rev) FROM pos)::float8) ^ 2) * 10000, 0) FROM pos),
				  (SELECT coalesce(sum(rev), 0)::bigint FROM (SELECT rev FROM pos ORDER BY rev LIMIT floor((SELECT count(*) FROM pos) * 0.5)) x)`,
				user, asOf).Scan(&n, &sum, &tops[0], &tops[1], &tops[2], &tops[3], &hhi, &bottomHalf))
			c := p.Concentration
			require.Equal(t, n, c.Accounts)
			require.Equal(t, sum, c.RevenueMinor)
			require.Len(t, c.Top, 4)
			for i := range tops {
				require.Equal(t, tops[i], c.Top[i].RevenueMinor, "top %v%%", c.Top[i].Percent)
			}
			require.InDelta(t, hhi, c.HHI, 1e-6)
			require.Len(t, c.Lorenz, 11)
			require.InDelta(t, 0, c.Lorenz[0].RevenueShare, 1e-12)
			require.InDelta(t, 1, c.Lorenz[10].RevenueShare, 1e-12)
			if sum > 0 {
				require.InDelta(t, float64(bottomHalf)/float64(sum), c.Lorenz[5].RevenueShare, 1e-9)
			}

			// Migration between the two latest published cycles.
			var fromID, toID int
			require.NoError(t, f.pool.QueryRow(ctx, `SELECT (array_agg(id ORDER BY period_start DESC, id DESC))[2], (array_agg(id ORDER BY period_start DESC, id DESC))[1]
				FROM review_cycles WHERE status = 'PUBLISHED'`).Scan(&fromID, &toID))
			require.NotNil(t, p.Migration.From)
			require.Equal(t, fmt.Sprint(fromID), p.Migration.From.Cycle.ID)
			require.Equal(t, fmt.Sprint(toID), p.Migration.To.Cycle.ID)
			type cell struct {
				accounts int
				rev      int64
			}
			wantCells := map[string]cell{}
			rows, err = f.pool.Query(ctx, with+`
				SELECT coalesce(fr.final_class, 'UNCLASSIFIED'), coalesce(tr.final_class, 'UNCLASSIFIED'), count(*), sum(r.rev)::bigint
				FROM (SELECT account_id, final_class FROM review_results WHERE cycle_id = $3) fr
				FULL JOIN (SELECT account_id, final_class FROM review_results WHERE cycle_id = $4) tr ON tr.account_id = fr.account_id
				JOIN r ON r.id = coalesce(fr.account_id, tr.account_id)
				GROUP BY 1, 2`, user, asOf, fromID, toID)
			require.NoError(t, err)
			for rows.Next() {
				var from, to string
				var c cell
				require.NoError(t, rows.Scan(&from, &to, &c.accounts, &c.rev))
				wantCells[from+">"+to] = c
			}
			require.NoError(t, rows.Err())
			require.Len(t, p.Migration.Cells, len(wantCells))
			moved := 0
			for _, c := range p.Migration.Cells {
				w, ok := wantCells[c.From+">"+c.To]
				require.True(t, ok, "cell %s>%s", c.From, c.To)
				require.Equal(t, w.accounts, c.Accounts, "cell %s>%s", c.From, c.To)
				require.Equal(t, w.rev, c.RevenueMinor, "cell %s>%s", c.From, c.To)
				if c.From != c.To {
					moved += c.Accounts
					// Drill-down of a cell that moved.
					require.Equal(t, c.Accounts, f.countAccounts(t, tc.email, c.AccountsWhere), "drill-down of cell %s>%s", c.From, c.To)
				}
			}
			require.Equal(t, moved, p.Migration.Upgrades+p.Migration.Downgrades)

			// S/A at risk.
			var alerts, accounts int
			var stake int64
			require.NoError(t, f.pool.QueryRow(ctx, with+`, al AS (SELECT c.id, c.account_id FROM churn_alerts c JOIN r ON r.id = c.account_id
				WHERE r.current_class IN ('S', 'A') AND c.status IN ('OPEN', 'ACKNOWLEDGED', 'ESCALATED'))
				SELECT (SELECT count(*) FROM al), (SELECT count(DISTINCT account_id) FROM al),
				       (SELECT coalesce(sum(rev), 0)::bigint FROM r WHERE id IN (SELECT account_id FROM al))`, user, asOf).Scan(&alerts, &accounts, &stake))
			require.Equal(t, alerts, p.AtRisk.Alerts)
			require.Equal(t, accounts, p.AtRisk.Accounts)
			require.Equal(t, stake, p.AtRisk.RevenueAtStakeMinor)
			require.Equal(t, accounts, f.countAccounts(t, tc.email, p.AtRisk.AccountsWhere))
			if tc.email == "kam01@summit.example" {
				require.Positive(t, alerts, "kam01 has S/A accounts at risk")
			}

			// Coverage and plan health.
			type cov struct{ accounts, noPlan, gaps, contact, overdue int }
			wantCov := map[string]cov{}
			rows, err = f.pool.Query(ctx, with+`
				SELECT r.current_class, count(*),
				  count(*) FILTER (WHERE r.id NOT IN (SELECT account_id FROM account_plans WHERE status IN ('APPROVED', 'ACTIVE'))),
				  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM class_policies cp, jsonb_array_elements_text(coalesce(cp.required_team_roles, '[]')) role
				                                WHERE cp.class = r.current_class AND role NOT IN (SELECT m.role FROM account_team_members m WHERE m.account_id = r.id))),
				  count(*) FILTER (WHERE coalesce((SELECT max(t.occurred_at) FROM touchpoints t WHERE t.account_id = r.id AND t.occurred_at::date <= $3::date), r.created_at)::date
				                         + (SELECT contact_cadence_days::int FROM class_policies WHERE class = r.current_class) < $3::date),
				  count(*) FILTER (WHERE r.id IN (SELECT account_id FROM actions WHERE due_on < $3::date AND status NOT IN ('DONE', 'CANCELLED')))
				FROM r WHERE r.current_class IN ('S', 'A') GROUP BY 1`, user, asOf, today)
			require.NoError(t, err)
			for rows.Next() {
				var c string
				var w cov
				require.NoError(t, rows.Scan(&c, &w.accounts, &w.noPlan, &w.gaps, &w.contact, &w.overdue))
				wantCov[c] = w
			}
			require.NoError(t, rows.Err())
			require.Len(t, p.Coverage.Classes, 2)
			for _, c := range p.Coverage.Classes {
				w := wantCov[*c.Class]
				got := cov{c.Accounts, c.WithoutApprovedPlan, c.MissingTeamRoles, c.ContactOverdue, c.WithOverdueActions}
				require.Equal(t, w, got, "coverage of class %s", *c.Class)
				require.Equal(t, c.WithoutApprovedPlan, f.countAccounts(t, tc.email, c.WithoutApprovedPlanWhere))
				require.Equal(t, c.WithOverdueActions, f.countAccounts(t, tc.email, c.WithOverdueActionsWhere))
			}

			// Trend over the published cycles, oldest first.
			wantTrend := map[string]int{}
			rows, err = f.pool.Query(ctx, with+`
				SELECT rr.cycle_id, coalesce(rr.final_class, 'UNCLASSIFIED'), count(*) FROM review_results rr JOIN r ON r.id = rr.account_id
				WHERE rr.cycle_id IN (SELECT id FROM review_cycles WHERE status = 'PUBLISHED') GROUP BY 1, 2`, user, asOf)
			require.NoError(t, err)
			for rows.Next() {
				var id, count int
				var c string
				require.NoError(t, rows.Scan(&id, &c, &count))
				wantTrend[fmt.Sprint(id, c)] = count
			}
			require.NoError(t, rows.Err())
			require.Len(t, p.Trend, 2)
			require.Equal(t, fmt.Sprint(fromID), p.Trend[0].Cycle.ID)
			for _, pt := range p.Trend {
				for _, c := range pt.Counts {
					require.Equal(t, wantTrend[pt.Cycle.ID+c.Class], c.Accounts, "trend %s %s", pt.Cycle.Name, c.Class)
				}
			}
		})
	}
}

// countAccounts runs the accounts list with where, as email.
func (f *portfolioFixture) countAccounts(t *testing.T, email string, where json.RawMessage) int {
	t.Helper()
	var out struct {
		Accounts struct{ TotalCount int }
	}
	var w any
	require.NoError(t, json.Unmarshal(where, &w))
	f.do(t, email, `query($w: AccountWhereInput) { accounts(first: 1, where: $w) { totalCount } }`, map[string]any{"w": w}, &out)
	return out.Accounts.TotalCount
}

func TestPortfolioRefusals(t *testing.T) {
	t.Parallel()
	f := newPortfolioFixture(t)
	var cycle int
	require.NoError(t, f.pool.QueryRow(context.Background(), `SELECT id FROM review_cycles WHERE status = 'IN_REVIEW'`).Scan(&cycle))
	for _, tc := range []struct {
		query, code string
	}{
		{fmt.Sprintf(`{ portfolio { migration(fromCycleID: %d, toCycleID: %d) { upgrades } } }`, cycle, cycle), "CONFLICT"},
		{`{ portfolio { migration(fromCycleID: 999999999) { upgrades } } }`, "BAD_USER_INPUT"},
		{`{ portfolio { migration(fromCycleID: 999999999, toDate: "2026-01-01T00:00:00Z") { upgrades } } }`, "NOT_FOUND"},
		{`{ portfolio { concentration(lorenzPoints: 0) { hhi } } }`, "BAD_USER_INPUT"},
		{`{ portfolio { trend(cycles: 1000) { periodStart } } }`, "BAD_USER_INPUT"},
		{`{ portfolio { atRisk(first: -1) { alerts } } }`, "BAD_USER_INPUT"},
	} {
		body, _ := json.Marshal(map[string]any{"query": tc.query})
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req = req.WithContext(viewer.NewContext(req.Context(), f.viewers["exec01@summit.example"]))
		rec := httptest.NewRecorder()
		f.handler.ServeHTTP(rec, req)
		var res gqlResult
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &res))
		require.NotEmpty(t, res.Errors, tc.query)
		require.Equal(t, tc.code, res.Errors[0].Extensions["code"], "%s: %s", tc.query, res.Errors[0].Message)
	}
	// A date-to-date migration works on any days (the class in force then).
	var out portfolioAnswer
	f.do(t, "exec01@summit.example", `{ portfolio { migration(fromDate: "2020-01-01T00:00:00Z", toDate: "2030-01-01T00:00:00Z") { cells { from to accounts accountsWhere } upgrades downgrades unchanged } } }`, nil, &out)
	require.NotEmpty(t, out.Portfolio.Migration.Cells)
	for _, c := range out.Portfolio.Migration.Cells {
		require.Equal(t, "UNCLASSIFIED", c.From, "nothing had a class in 2020")
		require.Equal(t, "null", string(c.AccountsWhere))
	}
}
