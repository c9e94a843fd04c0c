package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/pgembed"
	"github.com/summitkam/summit/internal/unavailable"
)

// scaleAccounts is the size of the multi-node test's data set:
// SUMMIT_SCALE_ACCOUNTS, or 3,000 so that `make test` stays within minutes
// on two cores (the 200,000 is run by hand, see docs/operations.md).
func scaleAccounts(t *testing.T) int {
	t.Helper()
	v := os.Getenv("SUMMIT_SCALE_ACCOUNTS")
	if v == "" {
		return 3000
	}
	n, err := strconv.Atoi(v)
	require.NoError(t, err, "SUMMIT_SCALE_ACCOUNTS")
	return n
}

// outcome is what a review cycle and a churn scan leave behind, as sorted
// rows that do not depend on row ids or timing: the review results, the
// churn alerts, the in-app notifications and the mails.
type outcome struct {
	results, alerts, notifications, mails []string
	// duplicates counts rows that a unique key should have prevented.
	duplicates int
}

var outcomeQueries = map[string]string{
	"results": `SELECT a.code || ' ' || r.proposed_class || ' ' || COALESCE(round(r.score::numeric, 6)::text, '-')
		FROM review_results r JOIN accounts a ON a.id = r.account_id ORDER BY 1`,
	"alerts": `SELECT a.code || ' ' || c.alert_type || ' ' || c.status || ' ' || c.severity || ' ' || round(c.risk_score::numeric, 4)::text
		FROM churn_alerts c JOIN accounts a ON a.id = c.account_id ORDER BY 1`,
	"notifications": `SELECT n.recipient_id || ' ' || n.kind || ' ' || n.title FROM notifications n WHERE n.channel = 'IN_APP' ORDER BY 1`,
	"mails":         `SELECT n.recipient_id || ' ' || n.kind || ' ' || n.title FROM notifications n WHERE n.channel = 'EMAIL' ORDER BY 1`,
	"duplicates": `SELECT ((SELECT count(*) - count(DISTINCT (cycle_id, account_id)) FROM review_results)
		+ (SELECT count(*) - count(DISTINCT dedup_key) FROM notifications WHERE dedup_key IS NOT NULL))::text`,
}

func readOutcome(t *testing.T, url string) outcome {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	defer conn.Close(ctx)
	var o outcome
	for name, q := range outcomeQueries {
		rows, err := conn.Query(ctx, q)
		require.NoError(t, err, name)
		lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
		require.NoError(t, err, name)
		switch name {
		case "results":
			o.results = lines
		case "alerts":
			o.alerts = lines
		case "notifications":
			o.notifications = lines
		case "mails":
			o.mails = lines
		case "duplicates":
			o.duplicates, _ = strconv.Atoi(lines[0])
		}
	}
	return o
}

func digest(lines []string) string {
	return fmt.Sprintf("%d rows, sha256 %x", len(lines), sha256.Sum256([]byte(strings.Join(lines, "\n"))))
}

// scaleCluster is one PostgreSQL with a seeded data set and an admin token.
type scaleCluster struct {
	pg      *pgembed.Server
	dataDir string
	port    int
	env     []string
	token   string
}

func newScaleCluster(t *testing.T, accounts int) *scaleCluster {
	t.Helper()
	c := &scaleCluster{dataDir: filepath.Join(traversableTempDir(t), "pg"), port: freePort(t)}
	c.start(t)
	t.Cleanup(func() { _ = c.pg.Stop(context.Background()) })
	c.env = []string{"DATABASE_URL=" + c.pg.URL(), "SUMMIT_DATA_DIR=" + filepath.Join(t.TempDir(), "unused"),
		"SUMMIT_LOG_LEVEL=warn", "SUMMIT_REVIEW_SCHEDULE=off", "SUMMIT_CHURN_SCAN_AT=off", "SUMMIT_PARTNER_REEVALUATION=off",
		// A killed node's jobs are retried after 25 s rather than 35 min.
		// The smallest chunks allowed: several jobs in flight when the faults strike.
		"SUMMIT_REVIEW_CHUNK_SIZE=1000",
		"SUMMIT_JOB_TIMEOUT=20s", "SUMMIT_RESCUE_STUCK_JOBS_AFTER=25s"}
	out, _ := summitCommand(t, c.env, "seed", "--accounts", strconv.Itoa(accounts), "--seed", "7")
	t.Log(strings.TrimSpace(out))
	token, _ := summitCommand(t, c.env, "token", "create", "--role", "ADMIN", "--name", "scale", "--expires", "1d")
	c.token = strings.TrimSpace(token)
	return c
}

// start starts (or restarts, on the same data and port) the durable server.
func (c *scaleCluster) start(t *testing.T) {
	t.Helper()
	pg, err := pgembed.Start(context.Background(), pgembed.Config{DataDir: c.dataDir, Port: c.port,
		Settings: map[string]string{"max_connections": "200"}})
	require.NoError(t, err)
	c.pg = pg
}

// begin starts a review cycle through one API node and a churn scan as of
// asOf through another.
func (c *scaleCluster) begin(t *testing.T, cycleNode, scanNode *runningSummit, asOf time.Time) {
	t.Helper()
	res := cycleNode.graphql(t, `{ gradingModels(first: 1, where: {key: "computer_maker_scorecard"}) { edges { node { versions { id } } } } }`)
	require.Empty(t, res.Errors)
	versionID := res.Data["gradingModels"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["versions"].([]any)[0].(map[string]any)["id"]
	res = cycleNode.graphql(t, fmt.Sprintf(`mutation { startReviewCycle(scope: ALL, modelVersionID: %q, name: "scale") { id } }`, versionID))
	require.Empty(t, res.Errors)
	res = scanNode.graphql(t, fmt.Sprintf(`mutation { startChurnScan(asOf: %q) { jobID } }`, asOf.Format(time.RFC3339)))
	require.Empty(t, res.Errors)
}

// progress reads how far the run is: accounts reviewed, churn scan chunks
// done, and whether everything has settled (the cycle computed, the scan
// done, no job waiting, running or retrying). A database that is down reads
// as no progress.
func (c *scaleCluster) progress(t *testing.T) (reviewed, scanChunks int, settled bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, c.pg.URL())
	if err != nil {
		require.True(t, unavailable.Database(err), "%v", err)
		return 0, 0, false
	}
	defer conn.Close(ctx)
	var inReview, scans, active int
	err = conn.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM review_results),
		(SELECT count(*) FROM river_job WHERE kind = 'churn_scan_chunk' AND state = 'completed'),
		(SELECT count(*) FROM review_cycles WHERE status = 'IN_REVIEW'),
		(SELECT count(*) FROM river_job WHERE kind = 'churn_scan' AND state = 'completed'),
		(SELECT count(*) FROM river_job WHERE state IN ('available', 'running', 'retryable', 'pending'))`).
		Scan(&reviewed, &scanChunks, &inReview, &scans, &active)
	if err != nil {
		require.True(t, unavailable.Database(err), "%v", err)
		return 0, 0, false
	}
	return reviewed, scanChunks, inReview == 1 && scans == 1 && active == 0
}

func (c *scaleCluster) waitSettled(t *testing.T, timeout time.Duration, logs func() string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		if _, _, settled := c.progress(t); settled {
			return
		}
		if time.Now().After(deadline) {
			reviewed, chunks, _ := c.progress(t)
			t.Fatalf("not settled within %s (%d reviewed, %d scan chunks):\n%s", timeout, reviewed, chunks, logs())
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// Two API nodes and three worker nodes on one PostgreSQL run a review cycle
// and a churn scan over SUMMIT_SCALE_ACCOUNTS accounts; midway one worker is
// SIGKILLed and PostgreSQL restarts. The results, alerts, notifications and
// mails are exactly those of a single node running the same work on the same
// data: nothing lost, nothing duplicated.
func TestE2EMultiNodeFaults(t *testing.T) {
	t.Parallel()
	accounts := scaleAccounts(t)
	asOf := time.Now().UTC().Truncate(24 * time.Hour)
	settle := 5*time.Minute + time.Duration(accounts/1000)*15*time.Second

	// The reference: one node does everything.
	summitBinary(t) // built before the clock starts
	start := time.Now()
	single := newScaleCluster(t, accounts)
	t.Logf("seeded %d accounts in %s", accounts, time.Since(start).Round(time.Second))
	start = time.Now()
	node := startSummit(t, single.env)
	node.useToken(single.token)
	single.begin(t, node, node, asOf)
	single.waitSettled(t, settle, node.output.String)
	node.stop(t, 2)
	want := readOutcome(t, single.pg.URL())
	t.Logf("single node: %s in %s; results %s, alerts %s, notifications %s, mails %s", "review+scan",
		time.Since(start).Round(time.Second), digest(want.results), digest(want.alerts), digest(want.notifications), digest(want.mails))
	require.Len(t, want.results, accounts, "every account is reviewed")
	require.NotEmpty(t, want.alerts, "the scan should raise alerts on this data")
	require.NoError(t, single.pg.Stop(context.Background()))

	// The cluster: 2 API nodes, 3 worker nodes.
	multi := newScaleCluster(t, accounts)
	apiEnv := append(append([]string{}, multi.env...), "SUMMIT_API_ONLY=true")
	api1, api2 := startSummit(t, apiEnv), startSummit(t, apiEnv)
	api1.useToken(multi.token)
	api2.useToken(multi.token)
	var nodes []*workerNode
	for range 3 {
		nodes = append(nodes, startWorker(t, append(append([]string{}, multi.env...), "SUMMIT_REVIEW_WORKERS=2")))
	}
	logs := func() string {
		var b strings.Builder
		for i, w := range nodes {
			fmt.Fprintf(&b, "--- worker %d\n%s\n", i, w.output.String())
		}
		return b.String() + "--- api 1\n" + api1.output.String()
	}
	start = time.Now()
	multi.begin(t, api1, api2, asOf)

	// Midway: SIGKILL a worker, then restart PostgreSQL.
	deadline := time.Now().Add(settle)
	for {
		reviewed, chunks, settled := multi.progress(t)
		require.False(t, settled, "the run finished before the faults could be injected; raise SUMMIT_SCALE_ACCOUNTS")
		if reviewed > 0 || chunks > 0 {
			t.Logf("faults at %d reviewed, %d scan chunks", reviewed, chunks)
			break
		}
		require.True(t, time.Now().Before(deadline), "no progress:\n%s", logs())
		time.Sleep(100 * time.Millisecond)
	}
	nodes[0].kill()
	require.NoError(t, multi.pg.Stop(context.Background()))
	time.Sleep(2 * time.Second)
	multi.start(t)
	multi.waitSettled(t, settle, logs)
	got := readOutcome(t, multi.pg.URL())
	t.Logf("2 API + 3 workers, one killed, PostgreSQL restarted: settled in %s; results %s, alerts %s, notifications %s, mails %s",
		time.Since(start).Round(time.Second), digest(got.results), digest(got.alerts), digest(got.notifications), digest(got.mails))

	require.Zero(t, got.duplicates, "duplicated results or notifications")
	require.Equal(t, want.results, got.results, "review results differ from the single-node run")
	require.Equal(t, want.alerts, got.alerts, "churn alerts differ from the single-node run")
	require.Equal(t, want.notifications, got.notifications, "notifications differ from the single-node run")
	require.Equal(t, want.mails, got.mails, "mails differ from the single-node run")

	// The API nodes answer again after the restart.
	res := api2.graphql(t, `{ accounts(first: 1) { totalCount } }`)
	require.Empty(t, res.Errors)
	for _, w := range nodes[1:] {
		w.stop(t)
	}
	api1.stop(t, 2)
	api2.stop(t, 2)
}
