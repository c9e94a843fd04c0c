package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/pgembed"
)

// These tests run the real binary the way a user does with `make run`:
// embedded PostgreSQL, demo data on first start, Ctrl-C, kill -9, restart.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func summitBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "summit-e2e-bin-*")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "summit")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

type runningSummit struct {
	cmd    *exec.Cmd
	url    string
	output *bytes.Buffer
	done   chan error
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().String()
}

type lockedBuffer struct {
	mu sync.Mutex
	bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.Buffer.Write(p)
}

func startSummit(t *testing.T, env []string, args ...string) *runningSummit {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(summitBinary(t), append([]string{"serve", "--addr", addr}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	out := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	require.NoError(t, cmd.Start())
	r := &runningSummit{cmd: cmd, url: "http://" + addr, output: &out.Buffer, done: make(chan error, 1)}
	go func() { r.done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Signal(syscall.SIGINT)
			select {
			case <-r.done:
			case <-time.After(45 * time.Second):
				_ = cmd.Process.Kill()
			}
		}
	})
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-r.done:
			t.Fatalf("summit exited before it was ready: %v\n%s", err, out.String())
		default:
		}
		resp, err := http.Get(r.url + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return r
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("summit not ready within 3 minutes:\n%s", out.String())
	return nil
}

func (r *runningSummit) stop(t *testing.T, sig syscall.Signal) {
	t.Helper()
	require.NoError(t, r.cmd.Process.Signal(sig))
	select {
	case err := <-r.done:
		if sig == syscall.SIGINT {
			require.NoError(t, err, "summit should exit cleanly on Ctrl-C:\n%s", r.output.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("summit did not exit within 60s of %v", sig)
	}
}

type gqlResponse struct {
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func (r *runningSummit) graphql(t *testing.T, query string) gqlResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	resp, err := http.Post(r.url+"/graphql", "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(raw))
	var out gqlResponse
	require.NoError(t, json.Unmarshal(raw, &out), string(raw))
	return out
}

func totalAccounts(t *testing.T, r *runningSummit) int {
	t.Helper()
	res := r.graphql(t, `{ accounts(first: 5) { totalCount edges { node { id name } } } }`)
	require.Empty(t, res.Errors)
	conn := res.Data["accounts"].(map[string]any)
	require.Len(t, conn["edges"], 5)
	return int(conn["totalCount"].(float64))
}

// postgresFor lists live postgres processes whose command line names dataDir.
func postgresFor(dataDir string) []int {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		var pid int
		if _, err := fmt.Sscanf(e.Name(), "%d", &pid); err != nil {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue
		}
		stat, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if strings.Contains(string(stat), ") Z ") {
			continue // a zombie is already dead
		}
		if strings.Contains(string(cmdline), "postgres") && strings.Contains(string(cmdline), dataDir) {
			pids = append(pids, pid)
		}
	}
	return pids
}

func requireNoPostgres(t *testing.T, dataDir string) {
	t.Helper()
	require.Eventually(t, func() bool { return len(postgresFor(dataDir)) == 0 }, 30*time.Second, 100*time.Millisecond,
		"a postgres process for %s outlived summit", dataDir)
}

// traversableTempDir is t.TempDir opened up so that, when tests run as root,
// the postgres OS user that runs the embedded server can reach folders in it.
// (t.TempDir nests folders under a 0700 parent, so it cannot be used.)
func traversableTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "summit-e2e-*")
	require.NoError(t, err)
	require.NoError(t, os.Chmod(dir, 0o755))
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func TestE2EServeRestartAndKill(t *testing.T) {
	t.Parallel()
	dataDir := filepath.Join(traversableTempDir(t), "data")
	env := []string{"SUMMIT_DATA_DIR=" + dataDir, "DATABASE_URL=", "SUMMIT_LOG_LEVEL=warn"}

	// First start: embedded PostgreSQL, migrations, demo data.
	first := startSummit(t, env, "--demo-accounts", "300")
	require.Equal(t, 300, totalAccounts(t, first))
	require.Contains(t, first.output.String(), "Summit is running at "+first.url)

	// A list without first/last is still bounded; an oversize page is refused.
	res := first.graphql(t, `{ accounts { edges { node { id } } } }`)
	require.Empty(t, res.Errors)
	require.Len(t, res.Data["accounts"].(map[string]any)["edges"], 25)
	res = first.graphql(t, `{ accounts(first: 1000) { totalCount } }`)
	require.NotEmpty(t, res.Errors)
	require.Equal(t, "BAD_USER_INPUT", res.Errors[0].Extensions["code"])

	// node(id:) resolves an account by its global id.
	res = first.graphql(t, `{ accounts(first: 1, orderBy: [{field: CODE}]) { edges { node { id name code } } } }`)
	require.Empty(t, res.Errors)
	node := res.Data["accounts"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)
	res = first.graphql(t, fmt.Sprintf(`{ node(id: %q) { id ... on Account { name code } } }`, node["id"]))
	require.Empty(t, res.Errors)
	require.Equal(t, node["name"], res.Data["node"].(map[string]any)["name"])

	// Ctrl-C: clean exit, no postgres left behind.
	first.stop(t, syscall.SIGINT)
	requireNoPostgres(t, dataDir)

	// Second start reuses the data and does not seed again.
	start := time.Now()
	second := startSummit(t, env, "--demo-accounts", "300")
	t.Logf("restart with existing data ready in %s", time.Since(start).Round(time.Millisecond))
	require.Equal(t, 300, totalAccounts(t, second))

	// kill -9 of summit: its postgres must not survive it, and the next start
	// copes with whatever the kill left (postmaster.pid) with data intact.
	second.stop(t, syscall.SIGKILL)
	requireNoPostgres(t, dataDir)
	third := startSummit(t, env, "--demo-accounts", "300")
	require.Equal(t, 300, totalAccounts(t, third))
	third.stop(t, syscall.SIGINT)
	requireNoPostgres(t, dataDir)
}

func TestE2EServeUsesDatabaseURL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	external, err := pgembed.Start(ctx, pgembed.Config{
		DataDir: filepath.Join(traversableTempDir(t), "external"), Throwaway: true, RemoveDataDirOnStop: true,
	})
	require.NoError(t, err)
	t.Cleanup(func() { _ = external.Stop(context.Background()) })

	dataDir := filepath.Join(t.TempDir(), "unused")
	r := startSummit(t, []string{"DATABASE_URL=" + external.URL(), "SUMMIT_DATA_DIR=" + dataDir, "SUMMIT_LOG_LEVEL=warn"}, "--demo-accounts", "120")
	require.Equal(t, 120, totalAccounts(t, r))
	_, err = os.Stat(dataDir)
	require.True(t, os.IsNotExist(err), "with DATABASE_URL no embedded data folder should be created")
	require.NotContains(t, r.output.String(), external.URL(), "the database password must not be logged")
	r.stop(t, syscall.SIGINT)
}
