package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
			buildErr = fmt.Errorf("go build: %w\n%s", err, out)
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
	output *lockedBuffer
	done   chan error
	// client and header authenticate API calls: a browser's cookie jar and
	// the CSRF header after loginAs, or a bearer token after useToken.
	client *http.Client
	header http.Header
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

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.Buffer.String()
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
	r := &runningSummit{cmd: cmd, url: "http://" + addr, output: out, done: make(chan error, 1),
		client: &http.Client{Timeout: time.Minute}, header: http.Header{}}
	go func() { r.done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Signal(syscall.SIGINT)
			select {
			case err := <-r.done:
				t.Logf("server stopped: %v", err)
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

// postGraphQL posts query with r's credentials.
func (r *runningSummit) postGraphQL(t *testing.T, query string) (int, []byte) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req, err := http.NewRequest(http.MethodPost, r.url+"/graphql", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	for k, v := range r.header {
		req.Header[k] = v
	}
	resp, err := r.client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw
}

func (r *runningSummit) graphql(t *testing.T, query string) gqlResponse {
	t.Helper()
	status, raw := r.postGraphQL(t, query)
	require.Equal(t, http.StatusOK, status, string(raw))
	var out gqlResponse
	require.NoError(t, json.Unmarshal(raw, &out), string(raw))
	return out
}

var loginStateField = regexp.MustCompile(`name="state" value="([^"]+)"`)

// loginAs signs in like a browser: the development login page, a click on
// the user, the embedded identity provider, the callback. Later API calls
// carry the session cookie and the CSRF header. jar may be shared between
// servers (a browser that keeps its cookies across a restart).
func (r *runningSummit) loginAs(t *testing.T, jar http.CookieJar, email string) {
	t.Helper()
	r.client = &http.Client{Jar: jar, Timeout: time.Minute}
	resp, err := r.client.Get(r.url + "/auth/login")
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, string(page))
	require.Contains(t, string(page), email, "the login page lists the demo users")
	m := loginStateField.FindSubmatch(page)
	require.NotNil(t, m, string(page))
	resp, err = r.client.PostForm(r.url+"/auth/login", url.Values{"state": {string(m[1])}, "email": {email}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "/", resp.Request.URL.Path, "back in the app after login")
	r.useSession(jar)
}

// useSession makes API calls with the cookies in jar and the CSRF header.
func (r *runningSummit) useSession(jar http.CookieJar) {
	r.client = &http.Client{Jar: jar, Timeout: time.Minute}
	r.header = http.Header{"X-Summit-Csrf": {"1"}}
}

// useToken makes API calls with a service token.
func (r *runningSummit) useToken(token string) {
	r.client = &http.Client{Timeout: time.Minute}
	r.header = http.Header{"Authorization": {"Bearer " + token}}
}

// me returns GET /auth/me's status and body with r's credentials.
func (r *runningSummit) me(t *testing.T) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, r.url+"/auth/me", nil)
	for k, v := range r.header {
		req.Header[k] = v
	}
	resp, err := r.client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// summitCommand runs the binary with a command such as "token create".
func summitCommand(t *testing.T, env []string, args ...string) (stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(summitBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	require.NoError(t, cmd.Run(), "summit %v:\n%s%s", args, out.String(), errOut.String())
	return out.String(), errOut.String()
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
	// os/exec copies the child's output in a goroutine, which may lag behind
	// the moment /readyz answers: wait for the banner rather than race it.
	require.Eventually(t, func() bool {
		out := first.output.String()
		return strings.Contains(out, "Summit is running at "+first.url) && strings.Contains(out, "Sign in at "+first.url+"/auth/login")
	}, 10*time.Second, 20*time.Millisecond, "the banner names the URL and the login URL:\n%s", first.output.String())

	// The API wants a login.
	status, raw := first.postGraphQL(t, `{ accounts(first: 5) { totalCount } }`)
	require.Equal(t, http.StatusUnauthorized, status)
	require.JSONEq(t, `{"errors":[{"message":"authentication required","extensions":{"code":"UNAUTHENTICATED"}}]}`, string(raw))

	// Log in as the demo admin through the development identity provider.
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	first.loginAs(t, jar, "admin@summit.example")
	status, me := first.me(t)
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "admin@summit.example", me["email"])
	require.Equal(t, []any{"ADMIN"}, me["roles"])
	require.Equal(t, 300, totalAccounts(t, first))

	// The session cookie alone does not make a mutation-capable request:
	// without the CSRF header the API refuses.
	first.header = http.Header{}
	status, raw = first.postGraphQL(t, `{ accounts(first: 1) { totalCount } }`)
	require.Equal(t, http.StatusForbidden, status)
	require.Contains(t, string(raw), `"code":"FORBIDDEN"`)
	first.useSession(jar)

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
	// Sessions live in PostgreSQL: the browser is still logged in.
	second.useSession(jar)
	require.Equal(t, 300, totalAccounts(t, second))

	// kill -9 of summit: its postgres must not survive it, and the next start
	// copes with whatever the kill left (postmaster.pid) with data intact.
	second.stop(t, syscall.SIGKILL)
	requireNoPostgres(t, dataDir)
	third := startSummit(t, env, "--demo-accounts", "300")
	third.loginAs(t, jar, "exec01@summit.example")
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
	env := []string{"DATABASE_URL=" + external.URL(), "SUMMIT_DATA_DIR=" + dataDir, "SUMMIT_LOG_LEVEL=warn"}

	// A service token for a script, made before the server ever ran (the
	// command migrates the database first). Only the token goes to stdout.
	token, note := summitCommand(t, env, "token", "create", "--role", "EXECUTIVE", "--name", "e2e-report", "--expires", "1d")
	token = strings.TrimSpace(token)
	require.True(t, strings.HasPrefix(token, "smt_"), token)
	require.Contains(t, note, "shown only now")

	r := startSummit(t, env, "--demo-accounts", "120")
	r.useToken(token)
	require.Equal(t, 120, totalAccounts(t, r))
	status, me := r.me(t)
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "SERVICE_TOKEN", me["kind"])

	list, _ := summitCommand(t, env, "token", "list")
	require.Contains(t, list, "e2e-report")
	require.Contains(t, list, "EXECUTIVE")
	require.Contains(t, list, "active")
	require.NotContains(t, list, token, "list shows no secrets")

	// Revoked by another process while the server runs: refused once the
	// server's credential cache (auth.Config.CredentialCacheTTL, 5 s) has let
	// go of it, and never later than that.
	summitCommand(t, env, "token", "revoke", "--name", "e2e-report")
	require.Eventually(t, func() bool {
		status, _ = r.postGraphQL(t, `{ accounts(first: 1) { totalCount } }`)
		return status == http.StatusUnauthorized
	}, 10*time.Second, 250*time.Millisecond, "a revoked token must be refused within the cache's 5 s (and a slow request's time)")
	list, _ = summitCommand(t, env, "token", "list")
	require.Contains(t, list, "revoked")

	_, err = os.Stat(dataDir)
	require.True(t, os.IsNotExist(err), "with DATABASE_URL no embedded data folder should be created")
	require.NotContains(t, r.output.String(), external.URL(), "the database password must not be logged")
	r.stop(t, syscall.SIGINT)
}
