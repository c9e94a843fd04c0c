package graph_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/graph"
	"github.com/summitkam/summit/internal/churnscan"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

// countingTracer records the statements a pgx pool runs: Account.churnRisk
// gathers its facts in raw SQL on the pool, which the ent counting driver
// does not see.
type countingTracer struct {
	mu    sync.Mutex
	stmts []string
}

func (c *countingTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryStartData) context.Context {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stmts = append(c.stmts, data.SQL)
	return ctx
}

func (c *countingTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (c *countingTracer) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.stmts
	c.stmts = nil
	return out
}

// churnFixture serves GraphQL as `summit serve` does (a pool for the facts
// and the unit of work), over a counting ent client and a traced pool, on
// demo data whose "today" is today, so the planted fading accounts look
// fading now.
type churnFixture struct {
	*matrixFixture
	ent   *countingDriver
	pgx   *countingTracer
	faded int    // a planted fading account
	kam   string // its owner, a key-account manager
	other string // a key-account manager who may not read it
	admin string
}

func newChurnFixture(t *testing.T) *churnFixture {
	t.Helper()
	ctx := context.Background()
	pool := testdb.NewPool(t)
	stats, err := seed.Run(ctx, pool, seed.Options{Accounts: 240, Seed: 11, AsOf: time.Now()})
	require.NoError(t, err)
	require.NotEmpty(t, stats.FadedAccountIDs)

	f := &churnFixture{admin: "admin@summit.example", pgx: &countingTracer{}}
	// A fading account owned by a key-account manager who also has a
	// prospect, so one page shows both.
	err = pool.QueryRow(ctx, `
		SELECT a.id, u.email FROM accounts a JOIN users u ON u.id = a.owner_id
		WHERE a.id = ANY($1) AND NOT a.archived
		  AND EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = u.id AND r.role = 'KEY_ACCOUNT_MANAGER')
		  AND EXISTS (SELECT 1 FROM accounts p WHERE p.owner_id = u.id AND p.lifecycle_stage = 'EXPLORATION' AND NOT p.archived)
		ORDER BY a.id LIMIT 1`, stats.FadedAccountIDs).Scan(&f.faded, &f.kam)
	require.NoError(t, err, "fixture: a fading account of a key-account manager with a prospect")
	err = pool.QueryRow(ctx, `
		SELECT u.email FROM users u JOIN role_assignments r ON r.user_id = u.id AND r.role = 'KEY_ACCOUNT_MANAGER'
		WHERE u.email <> $1
		  AND NOT EXISTS (SELECT 1 FROM account_team_members m WHERE m.account_id = $2 AND m.user_id = u.id)
		ORDER BY u.email LIMIT 1`, f.kam, f.faded).Scan(&f.other)
	require.NoError(t, err)

	client, drv := newCountingClient(pool)
	cfg := pool.Config()
	cfg.ConnConfig.Tracer = f.pgx
	traced, err := pgxpool.NewWithConfig(ctx, cfg)
	require.NoError(t, err)
	t.Cleanup(traced.Close)
	f.ent = drv
	f.matrixFixture = &matrixFixture{pool: pool, client: client, viewers: map[string]*viewer.Viewer{}}
	for _, email := range []string{f.admin, f.kam, f.other} {
		f.viewers[email] = testdb.Viewer(t, pool, email)
	}
	handler := graph.NewHandler(client, graph.HandlerConfig{Pool: traced})
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if v, ok := f.viewers[r.Header.Get("X-Test-Viewer")]; ok {
			r = r.WithContext(viewer.NewContext(r.Context(), v))
		}
		handler.ServeHTTP(w, r)
	}))
	t.Cleanup(f.srv.Close)

	// The daily scan, with the built-in model the handler also uses, so
	// openAlert has alerts to link and their scores to compare with.
	svc, err := churnscan.New(pool, churnscan.Config{})
	require.NoError(t, err)
	ranges, err := churnscan.Ranges(ctx, pool, 1000)
	require.NoError(t, err)
	for _, r := range ranges {
		_, err := svc.RunChunk(ctx, time.Now(), r.From, r.To)
		require.NoError(t, err)
	}
	return f
}

type churnRiskOut struct {
	AccountID           string
	AsOf                time.Time
	Assessed            bool
	NotAssessedReason   *string
	NotAssessedReasonZh *string
	Score               *int
	Level               *string
	LevelReason         *string
	ConfigVersion       *string
	Summary, SummaryZh  *string
	Signals             []struct{ Code, Label, LabelZh, Severity, Detail, DetailZh string }
	Skipped             []struct{ Code, Label, LabelZh, Reason, Detail, DetailZh string }
	Explanation         json.RawMessage
	OpenAlert           *struct {
		ID        string
		Severity  string
		RiskScore float64
	}
}

type churnAccountOut struct {
	ID             string
	LifecycleStage string
	Archived       bool
	Kind           string
	ChurnRisk      churnRiskOut
}

const churnRiskPage = `query($n: Int) { accounts(first: $n, orderBy: [{field: CODE}]) { totalCount edges { node {
	id lifecycleStage archived kind
	churnRisk {
		accountID asOf assessed notAssessedReason notAssessedReasonZh score level levelReason configVersion summary summaryZh
		signals { code label labelZh severity detail detailZh }
		skipped { code label labelZh reason detail detailZh }
		explanation
		openAlert { id severity riskScore }
	}
} } } }`

func (f *churnFixture) page(t *testing.T, email string, n int) (accounts []churnAccountOut, total int, entStmts, pgxStmts []string) {
	t.Helper()
	f.ent.Reset()
	f.pgx.take()
	res := f.query(t, email, churnRiskPage, map[string]any{"n": n})
	require.Empty(t, res.Errors)
	entStmts, pgxStmts = f.ent.Statements(), f.pgx.take()
	var out struct {
		Accounts struct {
			TotalCount int
			Edges      []struct{ Node churnAccountOut }
		}
	}
	require.NoError(t, json.Unmarshal(res.Data, &out))
	for _, e := range out.Accounts.Edges {
		accounts = append(accounts, e.Node)
	}
	return accounts, out.Accounts.TotalCount, entStmts, pgxStmts
}

func factsStatements(stmts []string) int {
	n := 0
	for _, s := range stmts {
		if strings.Contains(s, "FROM accounts a") && strings.Contains(s, "LEFT JOIN class_policies") {
			n++
		}
	}
	return n
}

func TestChurnRiskOfAPageOfAccounts(t *testing.T) {
	t.Parallel()
	f := newChurnFixture(t)

	accounts, total, _, _ := f.page(t, f.kam, 100)
	require.LessOrEqual(t, total, 100, "fixture: the manager's accounts fit on one page")
	require.Len(t, accounts, total)
	today := churnscan.Day(time.Now())
	var sawFaded, sawProspect bool
	for _, a := range accounts {
		r := a.ChurnRisk
		require.Equal(t, a.ID, r.AccountID)
		require.True(t, r.AsOf.Equal(today), "as of the start of today (UTC), got %s", r.AsOf)
		outOfScope := a.Archived || a.Kind == "INTERNAL" || a.LifecycleStage == "EXPLORATION" || a.LifecycleStage == "LOST"
		require.Equal(t, !outOfScope, r.Assessed, "account %s (%s)", a.ID, a.LifecycleStage)
		if !r.Assessed {
			require.NotNil(t, r.NotAssessedReason)
			require.NotEmpty(t, *r.NotAssessedReason)
			require.NotEmpty(t, *r.NotAssessedReasonZh)
			require.Nil(t, r.Score)
			require.Nil(t, r.Level)
			require.Empty(t, r.Signals)
			require.Nil(t, r.OpenAlert, "an account out of scope has no open alert in the seed")
			if a.LifecycleStage == "EXPLORATION" && !a.Archived {
				sawProspect = true
				require.Contains(t, *r.NotAssessedReason, "Prospect")
				require.Contains(t, *r.NotAssessedReasonZh, "潜在客户")
			}
			continue
		}
		require.Nil(t, r.NotAssessedReason)
		require.NotNil(t, r.Score)
		require.NotNil(t, r.Level)
		require.NotEmpty(t, *r.ConfigVersion)
		require.NotEmpty(t, *r.Summary)
		require.NotEmpty(t, *r.SummaryZh)
		var explanation struct {
			Score int
			Level string
			Fired []struct{ Code string }
		}
		require.NoError(t, json.Unmarshal(r.Explanation, &explanation))
		require.Equal(t, *r.Score, explanation.Score)
		require.Equal(t, strings.ToUpper(explanation.Level), *r.Level)
		require.Len(t, r.Signals, len(explanation.Fired))
		for _, s := range r.Signals {
			require.NotEmpty(t, s.Label, s.Code)
			require.NotEmpty(t, s.LabelZh, s.Code)
			require.NotEqual(t, s.Label, s.LabelZh, "two languages for %s", s.Code)
			require.NotEmpty(t, s.Detail, s.Code)
			require.NotEmpty(t, s.DetailZh, s.Code)
		}
		for _, s := range r.Skipped {
			require.NotEmpty(t, s.Reason, s.Code)
			require.NotEmpty(t, s.LabelZh, s.Code)
		}
		// The scan that ran today with the same model opened the alert
		// the risk now shows, at the same score.
		if *r.Level == "HIGH" || *r.Level == "CRITICAL" {
			require.NotNil(t, r.OpenAlert, "account %s at %s has an open alert", a.ID, *r.Level)
			require.Equal(t, *r.Level, r.OpenAlert.Severity)
			require.InDelta(t, float64(*r.Score), r.OpenAlert.RiskScore, 0.001)
		}
		if a.ID == strconv.Itoa(f.faded) {
			sawFaded = true
			require.Contains(t, []string{"HIGH", "CRITICAL"}, *r.Level, "the planted fading account: %s", *r.Summary)
			require.NotEmpty(t, r.Signals)
			t.Logf("fading account %s: %s / %s", a.ID, *r.Summary, *r.SummaryZh)
		}
	}
	require.True(t, sawFaded, "the fading account is on the manager's page")
	require.True(t, sawProspect, "a prospect is on the manager's page")

	// Another manager reads neither the account nor its risk.
	res := f.query(t, f.other, `query($id: ID!) { node(id: $id) { ... on Account { churnRisk { score } } } }`,
		map[string]any{"id": f.faded})
	require.NotEmpty(t, res.Errors)
	require.Equal(t, "NOT_FOUND", res.Errors[0].Extensions["code"])
	require.NotContains(t, string(res.Data), "score")
}

func TestChurnRiskStatementsDoNotGrowWithPageSize(t *testing.T) {
	t.Parallel()
	f := newChurnFixture(t)
	few, _, entSmall, pgxSmall := f.page(t, f.admin, 5)
	many, _, entLarge, pgxLarge := f.page(t, f.admin, 100)
	require.Len(t, few, 5)
	require.Len(t, many, 100)
	assessed := 0
	for _, a := range many {
		if a.ChurnRisk.Assessed {
			assessed++
		}
	}
	require.Greater(t, assessed, 50, "most of the page is assessed")
	t.Logf("churnRisk page: %d ent statements (%s) and %d pool statements, for 5 and for 100 accounts",
		len(entLarge), describe(entLarge), len(pgxLarge))
	require.Equal(t, 1, factsStatements(pgxSmall), "one facts statement for 5 accounts: %v", pgxSmall)
	require.Equal(t, 1, factsStatements(pgxLarge), "one facts statement for 100 accounts")
	require.Len(t, pgxLarge, len(pgxSmall))
	require.Len(t, entLarge, len(entSmall), "ent statements for 5:\n%v\nfor 100:\n%v", entSmall, entLarge)
}

type churnScanOut struct {
	StartChurnScan struct {
		AsOf      time.Time
		JobID     string
		Duplicate bool
	}
}

const startChurnScanMutation = `mutation($asOf: Time) { startChurnScan(asOf: $asOf) { asOf jobID duplicate } }`

func TestStartChurnScan(t *testing.T) {
	t.Parallel()
	f := newChurnFixture(t)
	ctx := context.Background()
	jobs := func() int {
		var n int
		require.NoError(t, f.pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'churn_scan'`).Scan(&n))
		return n
	}
	audits := func() int {
		var n int
		require.NoError(t, f.pool.QueryRow(ctx, `SELECT count(*) FROM audit_events WHERE action = 'churn_scan.request'`).Scan(&n))
		return n
	}
	errCode := func(res gqlResult) (string, any) {
		t.Helper()
		require.Len(t, res.Errors, 1, "%s", res.Data)
		return res.Errors[0].Extensions["code"].(string), res.Errors[0].Extensions["field"]
	}

	// Refused requests enqueue and audit nothing.
	code, _ := errCode(f.query(t, f.kam, startChurnScanMutation, nil))
	require.Equal(t, "FORBIDDEN", code)
	for _, bad := range []time.Time{time.Now().Add(time.Hour), time.Date(1999, 12, 31, 0, 0, 0, 0, time.UTC)} {
		code, field := errCode(f.query(t, f.admin, startChurnScanMutation, map[string]any{"asOf": bad}))
		require.Equal(t, "BAD_USER_INPUT", code, "asOf %s", bad)
		require.Equal(t, "asOf", field)
	}
	require.Zero(t, jobs())
	require.Zero(t, audits())

	asOf := time.Now().Add(-2 * time.Hour).UTC().Truncate(time.Second)
	var first, second churnScanOut
	res := f.query(t, f.admin, startChurnScanMutation, map[string]any{"asOf": asOf})
	require.Empty(t, res.Errors)
	require.NoError(t, json.Unmarshal(res.Data, &first))
	require.False(t, first.StartChurnScan.Duplicate)
	require.True(t, first.StartChurnScan.AsOf.Equal(asOf))
	require.NotEmpty(t, first.StartChurnScan.JobID)

	// No worker runs in this test: the scan is still waiting.
	res = f.query(t, f.admin, startChurnScanMutation, map[string]any{"asOf": asOf})
	require.Empty(t, res.Errors)
	require.NoError(t, json.Unmarshal(res.Data, &second))
	require.True(t, second.StartChurnScan.Duplicate)
	require.Equal(t, first.StartChurnScan.JobID, second.StartChurnScan.JobID)
	require.Equal(t, 1, jobs())
	require.Equal(t, 2, audits(), "both requests are audited")

	var reason string
	require.NoError(t, f.pool.QueryRow(ctx, `SELECT args->>'reason' FROM river_job WHERE id = $1`,
		atoi(t, first.StartChurnScan.JobID)).Scan(&reason))
	require.Equal(t, "on demand by "+f.admin, reason)

	// Without asOf: now, to the minute.
	var now churnScanOut
	res = f.query(t, f.admin, startChurnScanMutation, nil)
	require.Empty(t, res.Errors)
	require.NoError(t, json.Unmarshal(res.Data, &now))
	require.False(t, now.StartChurnScan.Duplicate)
	require.WithinDuration(t, time.Now(), now.StartChurnScan.AsOf, 2*time.Minute)
	require.Zero(t, now.StartChurnScan.AsOf.Second())
	require.Equal(t, 2, jobs())
}
