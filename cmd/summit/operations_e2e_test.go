package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/pgembed"
)

// scrape returns the text exposition of a node's metrics listener.
func scrape(t *testing.T, metricsURL string) string {
	t.Helper()
	resp, err := http.Get(metricsURL + "/metrics")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(body)
}

// metricValue finds one sample of text by its name and exact label set
// ({a="x",b="y"} in Prometheus' sorted order), or -1.
func metricValue(text, name, labels string) float64 {
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name+labels) + ` (\S+)$`)
	m := re.FindStringSubmatch(text)
	if m == nil {
		return -1
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	return v
}

func getStatus(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// An API node and a worker node each serve /metrics, /livez and /readyz on
// SUMMIT_METRICS_ADDR; the operations a client just made, and the jobs the
// worker just ran, are in the scrape.
func TestE2EMetrics(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	external, err := pgembed.Start(ctx, pgembed.Config{
		DataDir: filepath.Join(traversableTempDir(t), "external"), Throwaway: true, RemoveDataDirOnStop: true,
	})
	require.NoError(t, err)
	t.Cleanup(func() { _ = external.Stop(context.Background()) })
	apiMetrics := freeAddr(t)
	env := []string{"DATABASE_URL=" + external.URL(), "SUMMIT_DATA_DIR=" + filepath.Join(t.TempDir(), "unused"),
		"SUMMIT_LOG_LEVEL=warn", "SUMMIT_API_ONLY=true", "SUMMIT_REVIEW_SCHEDULE=off"}
	token, _ := summitCommand(t, env, "token", "create", "--role", "ADMIN", "--name", "e2e-metrics", "--expires", "1d")
	r := startSummit(t, append(env, "SUMMIT_METRICS_ADDR="+apiMetrics), "--demo-accounts", "120")
	r.useToken(strings.TrimSpace(token))

	for range 3 {
		res := r.graphql(t, `query E2EMetricsAccounts { accounts(first: 1) { totalCount } }`)
		require.Empty(t, res.Errors)
	}
	res := r.graphql(t, `mutation E2EMetricsRefused { createAccount(input: {code: "bad code!", name: "x", kind: B2B}) { id } }`)
	require.NotEmpty(t, res.Errors)
	res = r.graphql(t, `{ gradingModels(first: 1, where: {key: "computer_maker_scorecard"}) { edges { node { versions { id } } } } }`)
	require.Empty(t, res.Errors)
	versionID := res.Data["gradingModels"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["versions"].([]any)[0].(map[string]any)["id"]
	res = r.graphql(t, fmt.Sprintf(`mutation E2EMetricsStartCycle { startReviewCycle(scope: ALL, modelVersionID: %q, name: "metrics") { id } }`, versionID))
	require.Empty(t, res.Errors)

	api := "http://" + apiMetrics
	text := scrape(t, api)
	require.Equal(t, 3.0, metricValue(text, "summit_graphql_operations_total", `{operation="E2EMetricsAccounts",outcome="ok",type="query"}`), text)
	require.Equal(t, 1.0, metricValue(text, "summit_graphql_operations_total", `{operation="E2EMetricsRefused",outcome="BAD_USER_INPUT",type="mutation"}`), text)
	require.Equal(t, 3.0, metricValue(text, "summit_graphql_operation_duration_seconds_count", `{operation="E2EMetricsAccounts",type="query"}`))
	require.GreaterOrEqual(t, metricValue(text, "summit_http_requests_total", `{code="200",method="POST",route="/graphql"}`), 6.0)
	require.Equal(t, 1.0, metricValue(text, "summit_db_up", ""))
	require.Positive(t, metricValue(text, "summit_db_pool_max_connections", ""))
	require.GreaterOrEqual(t, metricValue(text, "summit_river_jobs", `{kind="review_cycle_start",queue="review",state="available"}`), 1.0,
		"an API-only node enqueues the cycle; nobody works it yet:\n%s", grepLines(text, "summit_river"))
	require.Equal(t, http.StatusOK, getStatus(t, api+"/livez"))
	require.Equal(t, http.StatusOK, getStatus(t, api+"/readyz"))
	require.Equal(t, http.StatusOK, getStatus(t, r.url+"/livez"))
	require.Equal(t, http.StatusNotFound, getStatus(t, r.url+"/metrics"), "metrics stay off the public port")

	// A worker node: its own listener reports the jobs it worked.
	workerMetrics := freeAddr(t)
	worker := startWorker(t, append(env, "SUMMIT_METRICS_ADDR="+workerMetrics))
	wurl := "http://" + workerMetrics
	deadline := time.Now().Add(90 * time.Second)
	for {
		// The worker migrates and installs presets before it listens.
		if getStatus(t, wurl+"/livez") != http.StatusOK {
			require.True(t, time.Now().Before(deadline), "the worker never listened:\n%s", worker.output.String())
			time.Sleep(300 * time.Millisecond)
			continue
		}
		text = scrape(t, wurl)
		if metricValue(text, "summit_river_jobs_finished_total", `{kind="review_chunk",outcome="completed"}`) >= 1 {
			break
		}
		require.True(t, time.Now().Before(deadline), "the worker reported no review job:\n%s\n%s", grepLines(text, "summit_river"), worker.output.String())
		time.Sleep(300 * time.Millisecond)
	}
	require.Positive(t, metricValue(text, "summit_river_job_run_seconds_count", `{kind="review_chunk"}`))
	require.Equal(t, http.StatusOK, getStatus(t, wurl+"/readyz"))
	worker.stop(t)
	r.stop(t, syscall.SIGINT)
}

func grepLines(text, prefix string) string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// While PostgreSQL restarts under a stream of writes: every request either
// succeeds or is answered 503 DATABASE_UNAVAILABLE (retryable) — never 500;
// writes succeed again within 5 s of the database's return; every write that
// was acknowledged is in the database; a review cycle enqueued just before
// the restart completes after it; /readyz says 503 while the database is
// down and /livez stays 200.
func TestE2EDatabaseRestart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dataDir := filepath.Join(traversableTempDir(t), "external")
	port := freePort(t)
	startPG := func() *pgembed.Server {
		// Durable settings: the restart must keep what was committed.
		pg, err := pgembed.Start(ctx, pgembed.Config{DataDir: dataDir, Port: port})
		require.NoError(t, err)
		return pg
	}
	pg := startPG()
	t.Cleanup(func() { _ = pg.Stop(context.Background()) })
	env := []string{"DATABASE_URL=" + pg.URL(), "SUMMIT_DATA_DIR=" + filepath.Join(t.TempDir(), "unused"),
		"SUMMIT_LOG_LEVEL=warn", "SUMMIT_REVIEW_SCHEDULE=off"}
	token, _ := summitCommand(t, env, "token", "create", "--role", "ADMIN", "--name", "e2e-restart", "--expires", "1d")
	r := startSummit(t, env, "--demo-accounts", "300")
	r.useToken(strings.TrimSpace(token))
	res := r.graphql(t, `{ gradingModels(first: 1, where: {key: "computer_maker_scorecard"}) { edges { node { versions { id } } } } }`)
	require.Empty(t, res.Errors)
	versionID := res.Data["gradingModels"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["versions"].([]any)[0].(map[string]any)["id"]

	type outcome struct {
		at     time.Time
		code   string // account code written
		status int
		errMsg string
		ok     bool
	}
	var (
		mu       sync.Mutex
		outcomes []outcome
		stop     = make(chan struct{})
		wg       sync.WaitGroup
	)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Timeout: 20 * time.Second}
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				code := fmt.Sprintf("RST-%d-%d", w, i)
				body := fmt.Sprintf(`{"query":"mutation { createAccount(input: {code: \"%s\", name: \"restart %s\", kind: B2B}) { id } }"}`, code, code)
				req, _ := http.NewRequest(http.MethodPost, r.url+"/graphql", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", r.header.Get("Authorization"))
				o := outcome{code: code}
				resp, err := client.Do(req)
				if err != nil {
					o.errMsg = err.Error()
				} else {
					raw, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					o.status = resp.StatusCode
					var g gqlResponse
					_ = json.Unmarshal(raw, &g)
					switch {
					case resp.StatusCode == http.StatusOK && len(g.Errors) == 0:
						o.ok = true
					case len(g.Errors) > 0:
						o.errMsg = fmt.Sprint(g.Errors[0].Extensions["code"], ": ", g.Errors[0].Message, " retryable=", g.Errors[0].Extensions["retryable"])
					default:
						o.errMsg = string(raw)
					}
				}
				o.at = time.Now()
				mu.Lock()
				outcomes = append(outcomes, o)
				mu.Unlock()
				if !o.ok {
					time.Sleep(100 * time.Millisecond) // a client backing off
				}
			}
		}()
	}
	time.Sleep(2 * time.Second)
	res = r.graphql(t, fmt.Sprintf(`mutation { startReviewCycle(scope: ALL, modelVersionID: %q, name: "restart") { id } }`, versionID))
	require.Empty(t, res.Errors)
	cycleID := res.Data["startReviewCycle"].(map[string]any)["id"].(string)

	require.NoError(t, pg.Stop(ctx))
	downAt := time.Now()
	time.Sleep(time.Second)
	require.Equal(t, http.StatusServiceUnavailable, getStatus(t, r.url+"/readyz"), "not ready without a database")
	require.Equal(t, http.StatusOK, getStatus(t, r.url+"/livez"), "alive without a database")
	time.Sleep(2 * time.Second)
	pg = startPG()
	backAt := time.Now()
	deadline := backAt.Add(30 * time.Second)
	var firstOK time.Time
	for firstOK.IsZero() && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		mu.Lock()
		for _, o := range outcomes {
			if o.ok && o.at.After(backAt) {
				firstOK = o.at
				break
			}
		}
		mu.Unlock()
	}
	time.Sleep(2 * time.Second)
	close(stop)
	wg.Wait()

	require.False(t, firstOK.IsZero(), "no write succeeded after the database came back")
	recovery := firstOK.Sub(backAt)
	t.Logf("database down for %s; first write succeeded %s after its return", backAt.Sub(downAt).Round(time.Millisecond), recovery.Round(time.Millisecond))
	require.Less(t, recovery, 5*time.Second)

	var acknowledged []string
	failed := 0
	for _, o := range outcomes {
		if o.ok {
			acknowledged = append(acknowledged, o.code)
			continue
		}
		failed++
		require.Equal(t, http.StatusServiceUnavailable, o.status, "a request failed otherwise than 503: %s", o.errMsg)
		require.Contains(t, o.errMsg, "DATABASE_UNAVAILABLE")
		require.Contains(t, o.errMsg, "retryable=true")
	}
	t.Logf("%d writes acknowledged, %d refused with 503 DATABASE_UNAVAILABLE", len(acknowledged), failed)
	require.Positive(t, failed, "the restart should have refused some requests")

	conn, err := pgx.Connect(ctx, pg.URL())
	require.NoError(t, err)
	defer conn.Close(ctx)
	var stored []string
	rows, err := conn.Query(ctx, "SELECT code FROM accounts WHERE code LIKE 'RST-%'")
	require.NoError(t, err)
	for rows.Next() {
		var c string
		require.NoError(t, rows.Scan(&c))
		stored = append(stored, c)
	}
	require.NoError(t, rows.Err())
	require.Subset(t, stored, acknowledged, "an acknowledged write was lost")

	// The cycle enqueued before the restart is computed after it.
	deadline = time.Now().Add(90 * time.Second)
	for {
		res := r.graphql(t, fmt.Sprintf(`{ node(id: %q) { ... on ReviewCycle { status } } }`, cycleID))
		require.Empty(t, res.Errors)
		if res.Data["node"].(map[string]any)["status"] == "IN_REVIEW" {
			break
		}
		require.True(t, time.Now().Before(deadline), "the review cycle did not resume after the restart:\n%s", r.output.String())
		time.Sleep(300 * time.Millisecond)
	}
	require.Equal(t, http.StatusOK, getStatus(t, r.url+"/readyz"))
	r.stop(t, syscall.SIGINT)
}

func freePort(t *testing.T) int {
	t.Helper()
	_, port, err := net.SplitHostPort(freeAddr(t))
	require.NoError(t, err)
	n, err := strconv.Atoi(port)
	require.NoError(t, err)
	return n
}

// workerNode is a running `summit work`.
type workerNode struct {
	cmd    *exec.Cmd
	output *lockedBuffer
	done   chan struct{} // closed when the process has exited
}

func startWorker(t *testing.T, env []string) *workerNode {
	t.Helper()
	cmd := exec.Command(summitBinary(t), "work")
	cmd.Env = append(os.Environ(), env...)
	w := &workerNode{cmd: cmd, output: &lockedBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = w.output, w.output
	require.NoError(t, cmd.Start())
	go func() {
		_ = cmd.Wait() // the exit status of a killed or stopped worker is expected to be an error
		close(w.done)
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-w.done
		}
	})
	return w
}

// stop ends the worker with SIGTERM and waits for it.
func (w *workerNode) stop(t *testing.T) {
	t.Helper()
	_ = w.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-w.done:
	case <-time.After(60 * time.Second):
		t.Fatalf("summit work did not stop within 60s:\n%s", w.output.String())
	}
}

// kill ends the worker with SIGKILL, as a crashed node.
func (w *workerNode) kill() {
	_ = w.cmd.Process.Kill()
	<-w.done
}
