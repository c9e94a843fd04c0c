package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/testdb"
)

func TestMain(m *testing.M) {
	testdb.SetupTemplate(dbmigrate.Apply)
	os.Exit(testdb.RunMain(m))
}

func newServer(t *testing.T, pool *pgxpool.Pool) *httptest.Server {
	t.Helper()
	client := database.NewClient(pool)
	srv := httptest.NewServer(NewHandler(pool, client, Config{}))
	t.Cleanup(srv.Close)
	return srv
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

func postGraphQL(t *testing.T, srv *httptest.Server, query string) map[string]any {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"query": query})
	resp, err := http.Post(srv.URL+"/graphql", "application/json", bytes.NewReader(b))
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return out
}

func TestGraphQLAccountsConnection(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
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

func TestGraphQLRefusesGET(t *testing.T) {
	t.Parallel()
	srv := newServer(t, testdb.NewPool(t))
	resp, err := http.Get(srv.URL + "/graphql?query=%7B__typename%7D")
	require.NoError(t, err)
	resp.Body.Close()
	require.NotEqual(t, http.StatusOK, resp.StatusCode, "GET must not run operations")
}
