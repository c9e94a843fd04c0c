package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/graph"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

func TestLimitsRefuseBeforeAnySQL(t *testing.T) {
	t.Parallel()
	client, drv := newCountingClient(testdb.NewPool(t))
	handler := graph.NewHandler(client, graph.HandlerConfig{})
	admin := &viewer.Viewer{Kind: viewer.KindUser, UserID: 1, Label: "admin", Roles: []viewer.Role{viewer.RoleAdmin}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handler.ServeHTTP(w, r.WithContext(viewer.NewContext(r.Context(), admin)))
	}))
	t.Cleanup(srv.Close)

	post := func(query string) gqlResult {
		req := map[string]any{"query": query}
		if strings.HasPrefix(query, "query a ") {
			req["operationName"] = "a"
		}
		body, _ := json.Marshal(req)
		resp, err := http.Post(srv.URL, "application/json", bytes.NewReader(body))
		require.NoError(t, err)
		defer resp.Body.Close()
		var out gqlResult
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
		return out
	}

	deep := "{ accounts(first: 1) { edges { node { " + strings.Repeat("parent { ", 13) + "id" + strings.Repeat(" }", 13) + " } } } }"
	var many []string
	for i := range 40 {
		many = append(many, fmt.Sprintf("a%d: __typename", i))
	}
	aliases := "{ " + strings.Join(many, " ") + " }"
	for name, tc := range map[string]struct{ query, limit string }{
		"15 levels deep":       {deep, "depth"},
		"10,000 items at top":  {`{ accounts(first: 10000) { totalCount } }`, "page"},
		"10,000 items nested":  {`{ accounts(first: 5) { edges { node { contacts(first: 10000) { totalCount } } } } }`, "page"},
		"200 × 200 × 200 rows": {`{ accounts(first: 200) { edges { node { owner { ownedAccounts(first: 200) { edges { node { contacts(first: 200) { totalCount } } } } } } } } }`, "cost"},
		"40 aliases":           {aliases, "aliases"},
		"6 operations":         {"query a { __typename } query b { __typename } query c { __typename } query d { __typename } query e { __typename } query f { __typename }", "operations"},
	} {
		drv.Reset()
		res := post(tc.query)
		require.Len(t, res.Errors, 1, name)
		require.Equal(t, "BAD_USER_INPUT", res.Errors[0].Extensions["code"], name)
		require.Equal(t, tc.limit, res.Errors[0].Extensions["limit"], name)
		require.Contains(t, res.Errors[0].Message, "query refused", name)
		require.Empty(t, drv.Statements(), "%s: a refused query must issue no SQL", name)
	}

	// Within the limits the same shapes run.
	drv.Reset()
	res := post(`{ accounts(first: 200) { edges { node { contacts(first: 10) { totalCount } } } } }`)
	require.Empty(t, res.Errors)
	require.NotEmpty(t, drv.Statements())
}
