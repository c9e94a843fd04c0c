package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/internal/auth"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

func TestMain(m *testing.M) {
	testdb.SetupTemplate(dbmigrate.Apply)
	os.Exit(testdb.RunMain(m))
}

type testServer struct {
	*httptest.Server
	// token is a service token with the ADMIN role.
	token string
}

// newServer serves NewHandler in development: the embedded identity
// provider for browser logins, and an admin service token for API calls.
func newServer(t *testing.T, pool *pgxpool.Pool) *testServer {
	t.Helper()
	client := database.NewClient(pool)
	var handler http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	authService, err := auth.New(context.Background(), client, auth.Config{PublicURL: srv.URL, Development: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = authService.Close() })
	handler = NewHandler(pool, client, authService, Config{})
	token, _, err := authService.Tokens().Create(context.Background(), auth.NewToken{Name: "server-test", Role: viewer.RoleAdmin, CreatedBy: "test"})
	require.NoError(t, err)
	return &testServer{Server: srv, token: token}
}

func TestHealthAndReadiness(t *testing.T) {
	t.Parallel()
	srv := newServer(t, testdb.NewPool(t))

	resp, err := http.Get(srv.URL + "/healthz")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)

	resp, err = http.Get(srv.URL + "/readyz")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.NotEmpty(t, resp.Header.Get("X-Request-Id"))
}

func TestReadinessFailsWhenMigrationsPending(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := testdb.New(t)
	// Forget one applied migration: the node must stop reporting ready.
	_, err := db.Pool().Exec(ctx, "DELETE FROM summit_schema_migrations WHERE version = (SELECT max(version) FROM summit_schema_migrations)")
	require.NoError(t, err)
	srv := newServer(t, db.Pool())

	resp, err := http.Get(srv.URL + "/readyz")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	var body map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
	require.Equal(t, "migrations pending", body["reason"])
}

func postGraphQL(t *testing.T, srv *testServer, query string) map[string]any {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"query": query})
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/graphql", bytes.NewReader(b))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+srv.token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return out
}

func TestGraphQLAccountsConnection(t *testing.T) {
	t.Parallel()
	ctx := viewer.System(context.Background(), "test")
	pool := testdb.NewPool(t)
	client := database.NewClient(pool)
	for i := range 30 {
		client.Account.Create().
			SetCode(fmt.Sprintf("C%04d", i)).
			SetName(fmt.Sprintf("客户 %02d", i)).
			SetKind(account.KindB2B).
			SaveX(ctx)
	}
	srv := newServer(t, pool)

	out := postGraphQL(t, srv, `{ accounts(first: 5, orderBy: [{field: CODE}]) { totalCount edges { node { id code name kind } } pageInfo { hasNextPage } } }`)
	require.Nil(t, out["errors"])
	conn := out["data"].(map[string]any)["accounts"].(map[string]any)
	require.EqualValues(t, 30, conn["totalCount"])
	edges := conn["edges"].([]any)
	require.Len(t, edges, 5)
	first := edges[0].(map[string]any)["node"].(map[string]any)
	require.Equal(t, "C0000", first["code"])
	require.Equal(t, "B2B", first["kind"])
	require.Equal(t, true, conn["pageInfo"].(map[string]any)["hasNextPage"])

	// Without first/last the page is bounded to the default size.
	out = postGraphQL(t, srv, `{ accounts { edges { node { id } } } }`)
	require.Len(t, out["data"].(map[string]any)["accounts"].(map[string]any)["edges"], 25)

	// node(id:) returns the same account.
	out = postGraphQL(t, srv, fmt.Sprintf(`{ node(id: %q) { ... on Account { code } } }`, first["id"]))
	require.Equal(t, "C0000", out["data"].(map[string]any)["node"].(map[string]any)["code"])

	// An oversize page is refused with a typed error, before any SQL runs.
	out = postGraphQL(t, srv, `{ accounts(first: 201) { totalCount } }`)
	errs := out["errors"].([]any)
	require.Len(t, errs, 1)
	require.Equal(t, "BAD_USER_INPUT", errs[0].(map[string]any)["extensions"].(map[string]any)["code"])
}

// GET runs queries (GraphQL over HTTP), never mutations.
func TestGraphQLOverGET(t *testing.T) {
	t.Parallel()
	srv := newServer(t, testdb.NewPool(t))
	get := func(query string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/graphql?query="+url.QueryEscape(query), nil)
		req.Header.Set("Authorization", "Bearer "+srv.token)
		req.Header.Set("Accept", "application/graphql-response+json")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	status, body := get(`{ __typename }`)
	require.Equal(t, http.StatusOK, status, body)
	require.JSONEq(t, `{"data":{"__typename":"Query"}}`, body)
	status, body = get(`mutation { markNotificationsRead(ids: []) }`)
	require.Equal(t, http.StatusMethodNotAllowed, status, "GET must not run mutations")
	require.Contains(t, body, "METHOD_NOT_ALLOWED")
}

// An oversize body is 413 with a code, through the whole server.
func TestGraphQLBodyTooLarge(t *testing.T) {
	t.Parallel()
	srv := newServer(t, testdb.NewPool(t))
	big := `{"query":"{ __typename }","x":"` + strings.Repeat("a", 2<<20) + `"}`
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(big))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+srv.token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode, string(body))
	require.Contains(t, string(body), "PAYLOAD_TOO_LARGE")
}

// Security headers on the app, the API and the login routes, in
// development and production; HSTS only in production.
func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	pool := testdb.NewPool(t)
	client := database.NewClient(pool)
	for _, production := range []bool{false, true} {
		srv := httptest.NewServer(nil)
		t.Cleanup(srv.Close)
		authService, err := auth.New(context.Background(), client, auth.Config{PublicURL: srv.URL, Development: true})
		require.NoError(t, err)
		t.Cleanup(func() { _ = authService.Close() })
		srv.Config.Handler = NewHandler(pool, client, authService, Config{Development: !production})
		for _, path := range []string{"/", "/graphql", "/auth/me", "/healthz"} {
			resp, err := http.Get(srv.URL + path)
			require.NoError(t, err)
			resp.Body.Close()
			h := resp.Header
			csp := h.Get("Content-Security-Policy")
			require.Contains(t, csp, "frame-ancestors 'none'", path)
			require.Contains(t, csp, "script-src 'self';", "%s: no inline script", path)
			require.NotContains(t, csp, "'unsafe-eval'", path)
			require.Contains(t, csp, "connect-src 'self'", path)
			require.Contains(t, csp, "img-src 'self' data:", path)
			require.Equal(t, "nosniff", h.Get("X-Content-Type-Options"), path)
			require.NotEmpty(t, h.Get("Referrer-Policy"), path)
			if production {
				require.Contains(t, h.Get("Strict-Transport-Security"), "max-age=", path)
			} else {
				require.Empty(t, h.Get("Strict-Transport-Security"), "%s: no HSTS on plain-http development", path)
			}
		}
	}
}

func TestPublicRoutes(t *testing.T) {
	t.Parallel()
	srv := newServer(t, testdb.NewPool(t))
	for _, path := range []string{"/healthz", "/readyz", "/", "/auth/login"} {
		resp, err := http.Get(srv.URL + path)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode, path)
	}
	resp, err := http.Get(srv.URL + "/auth/me")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
}

func TestGraphQLRequiresLogin(t *testing.T) {
	t.Parallel()
	srv := newServer(t, testdb.NewPool(t))
	for _, authz := range []string{"", "Bearer smt_not-a-token"} {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(`{"query":"{ accounts { totalCount } }"}`))
		req.Header.Set("Content-Type", "application/json")
		if authz != "" {
			req.Header.Set("Authorization", authz)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
		require.JSONEq(t, `{"errors":[{"message":"authentication required","extensions":{"code":"UNAUTHENTICATED"}}]}`, string(body))
	}
}

// TestGraphQLBrowserSession logs in like a browser (the development login
// page, the identity provider, the callback) and calls the API with the
// session cookie: refused without the CSRF header, served with it.
func TestGraphQLBrowserSession(t *testing.T) {
	t.Parallel()
	pool := testdb.NewPool(t)
	database.NewClient(pool).User.Create().SetEmail("admin@summit.example").SetName("管理员").
		SaveX(viewer.System(context.Background(), "test"))
	srv := newServer(t, pool)
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}

	resp, err := browser.Get(srv.URL + "/auth/login")
	require.NoError(t, err)
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	state := regexp.MustCompile(`name="state" value="([^"]+)"`).FindSubmatch(page)
	require.NotNil(t, state, string(page))
	resp, err = browser.PostForm(srv.URL+"/auth/login", url.Values{"state": {string(state[1])}, "email": {"admin@summit.example"}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)

	post := func(csrf bool) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(`{"query":"{ __typename }"}`))
		req.Header.Set("Content-Type", "application/json")
		if csrf {
			req.Header.Set(auth.CSRFHeader, "1")
		}
		resp, err := browser.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	status, body := post(false)
	require.Equal(t, http.StatusForbidden, status)
	require.Contains(t, body, `"code":"FORBIDDEN"`)
	status, body = post(true)
	require.Equal(t, http.StatusOK, status, body)
	require.JSONEq(t, `{"data":{"__typename":"Query"}}`, body)
}
