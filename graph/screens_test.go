package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/graph"
	"github.com/summitkam/summit/internal/viewer"
)

// accountListScreen is what the SPA's account list asks for: a page of
// accounts with owner, current class, team, open alert count and plan status.
const accountListScreen = `query($first: Int!) { accounts(first: $first, orderBy: [{field: NAME}]) {
	totalCount
	edges { node {
		id code name kind currentClass lifecycleStage region
		owner { id name }
		teamMembers { role accessLevel user { id name } }
		churnAlerts(where: {statusIn: [OPEN, ACKNOWLEDGED, ESCALATED]}) { totalCount }
		plans(first: 1, orderBy: [{field: PERIOD, direction: DESC}]) { edges { node { id period status } } }
	} }
	pageInfo { hasNextPage endCursor }
} }`

// accountDetailScreen is the detail page of one account.
const accountDetailScreen = `query($id: ID!, $first: Int!) { node(id: $id) { ... on Account {
	id code name nameEn kind currentClass lifecycleStage creditRating receivablesMinor overdueReceivablesMinor
	category { name } parent { id name } children { id name } owner { id name email }
	teamMembers { role accessLevel user { id name } }
	contacts(first: $first) { totalCount edges { node { id name title buyingRole attitude relationshipStrength reportsTo { id } } } }
	touchpoints(first: $first, orderBy: [{field: OCCURRED_AT, direction: DESC}]) { totalCount edges { node { id kind occurredAt summary } } }
	orders(first: $first, orderBy: [{field: ORDER_DATE, direction: DESC}]) { totalCount edges { node { id orderDate amountMinor marginMinor } } }
	plans(first: 3) { edges { node { id period status objectives { id title targetValue } } } }
	classAssignments(first: 5) { edges { node { id class score createdAt } } }
	churnAlerts(first: 5) { edges { node { id severity status riskScore } } }
} } }`

// Statements each screen costs, pinned whatever the page size (as the
// entgql todo example pins its queries): a change that adds a statement
// to a screen shows up here, deliberately or not.
const (
	accountListStatements   = 7
	accountDetailStatements = 17
	alertListStatements     = 6
	// A later page also reads the cursor's row and counts what precedes it.
	alertListLaterPageStatements = 8
)

// screenStatements runs a screen's query as a key-account manager with a
// statement-counting client and returns the statements it issued and the
// rows the answer holds (the items of every list in it).
func screenStatements(t *testing.T, f *matrixFixture, query string, vars map[string]any) (stmts []string, rows int) {
	t.Helper()
	client, drv := newCountingClient(f.pool)
	handler := graph.NewHandler(client, graph.HandlerConfig{})
	v := f.viewers["kam01@summit.example"]
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handler.ServeHTTP(w, r.WithContext(viewer.NewContext(r.Context(), v)))
	}))
	defer srv.Close()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	resp, err := http.Post(srv.URL, "application/json", bytes.NewReader(body))
	require.NoError(t, err)
	defer resp.Body.Close()
	var out gqlResult
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	require.Empty(t, out.Errors)
	var data any
	require.NoError(t, json.Unmarshal(out.Data, &data))
	return drv.Statements(), countRows(data)
}

// countRows counts the objects inside the lists of an answer: the edges of
// connections and the elements of plain lists, at any depth.
func countRows(v any) int {
	n := 0
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if _, ok := e.(map[string]any); ok {
				n++
			}
			n += countRows(e)
		}
	case map[string]any:
		for _, e := range v {
			n += countRows(e)
		}
	}
	return n
}

var fromTable = regexp.MustCompile(`(?i)FROM "?([a-z_]+)"?`)

// describe names statements by the table they read, for the test log.
func describe(stmts []string) string {
	var names []string
	for _, s := range stmts {
		m := fromTable.FindStringSubmatch(s)
		name := "?"
		if m != nil {
			name = m[1]
		}
		if strings.Contains(strings.ToUpper(s), "COUNT(") {
			name += "(count)"
		}
		names = append(names, name)
	}
	return strings.Join(names, ", ")
}

func TestScreenStatementsDoNotGrowWithPageSize(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)

	small, smallRows := screenStatements(t, f, accountListScreen, map[string]any{"first": 10})
	large, largeRows := screenStatements(t, f, accountListScreen, map[string]any{"first": 100})
	t.Logf("account list screen: %d statements for 10 and for 100 accounts (%d and %d rows): %s", len(large), smallRows, largeRows, describe(large))
	require.Greater(t, largeRows, smallRows, "the large page must hold more rows, or the comparison proves nothing")
	require.Equal(t, len(small), len(large), "the account list must not issue more statements for a bigger page (N+1)")
	require.Len(t, large, accountListStatements, "statements of the account list screen: %s", describe(large))

	// The account with plans and the most orders, so that its lists hold
	// more at first: 100 than at first: 10.
	var id int
	require.NoError(t, f.pool.QueryRow(context.Background(),
		`SELECT p.account_id FROM account_plans p JOIN accounts a ON a.id = p.account_id
		 WHERE a.owner_id = $1
		 ORDER BY (SELECT count(*) FROM orders o WHERE o.account_id = p.account_id) DESC, p.account_id LIMIT 1`, f.viewers["kam01@summit.example"].UserID).Scan(&id))
	small, smallRows = screenStatements(t, f, accountDetailScreen, map[string]any{"id": fmt.Sprint(id), "first": 10})
	large, largeRows = screenStatements(t, f, accountDetailScreen, map[string]any{"id": fmt.Sprint(id), "first": 100})
	t.Logf("account detail screen: %d statements (%d and %d rows): %s", len(large), smallRows, largeRows, describe(large))
	require.Greater(t, largeRows, smallRows, "the account's lists must hold more rows at first: 100, or the comparison proves nothing")
	require.Equal(t, len(small), len(large), "the account detail must not issue more statements for bigger lists")
	require.Len(t, large, accountDetailStatements, "statements of the account detail screen: %s", describe(large))
}

// appAccountListScreen is the app's account list as it asks for it
// (frontend/src/pages/accounts/AccountsPage.tsx, AccountList): live
// accounts with revenue roll-up, plan health and next action.
const appAccountListScreen = `query($first: Int, $where: AccountWhereInput, $orderBy: [AccountOrder!], $today: Time!) {
	accounts(first: $first, where: $where, orderBy: $orderBy) {
		totalCount
		pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
		edges { node {
			id code name nameEn kind currentClass lifecycleStage region
			owner { id name }
			rollup { revenueMinor }
			planHealth { planStatus objectivesOnTrack objectivesTotal overdueActions lastTouchpointAt contactOverdue }
			actions(first: 1, where: { statusIn: [OPEN, IN_PROGRESS, BLOCKED], dueOnNotNil: true, dueOnGTE: $today }, orderBy: [{ field: DUE_ON, direction: ASC }]) {
				edges { node { id title dueOn } }
			}
		} }
	}
}`

// appAccountHeaderScreen is the head of the app's account page
// (frontend/src/pages/account/AccountPage.tsx, AccountHeader).
const appAccountHeaderScreen = `query($id: ID!) { node(id: $id) { __typename ... on Account {
	id version code name nameEn kind currentClass lifecycleStage region province city industry archived
	receivablesMinor overdueReceivablesMinor creditLimitMinor paymentTermsDays
	owner { id name } category { id name nameEn }
	ancestors { id name nameEn code } children { id name nameEn code currentClass }
	rollup { revenueMinor openAlerts teamSize accounts }
	planHealth { planID planPeriod planStatus objectivesOnTrack objectivesTotal overdueActions lastTouchpointAt daysSinceLastTouchpoint contactCadenceDays contactOverdue missingTeamRoles }
} } }`

// Statements of the app's two account screens, pinned like the others.
// Their churnRisk is left out: it reads its facts through the pool
// (churnscan.GatherFactsOf), which the counting client does not see.
const (
	appAccountListStatements   = 12
	appAccountHeaderStatements = 11
)

func TestAppAccountScreenStatements(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	vars := func(first int) map[string]any {
		return map[string]any{"first": first, "where": map[string]any{"and": []any{map[string]any{"archived": false}}},
			"orderBy": []any{map[string]any{"field": "NAME", "direction": "ASC"}}, "today": "2026-01-01T00:00:00Z"}
	}
	small, smallRows := screenStatements(t, f, appAccountListScreen, vars(5))
	large, largeRows := screenStatements(t, f, appAccountListScreen, vars(50))
	t.Logf("app account list: %d statements (%d and %d rows): %s", len(large), smallRows, largeRows, describe(large))
	require.Greater(t, largeRows, smallRows, "the large page must hold more rows, or the comparison proves nothing")
	require.Equal(t, len(small), len(large), "the app's account list must not issue more statements for a bigger page (N+1)")
	require.Len(t, large, appAccountListStatements, "statements of the app's account list: %s", describe(large))

	var id int
	require.NoError(t, f.pool.QueryRow(context.Background(),
		`SELECT a.id FROM accounts a WHERE a.owner_id = $1
		 ORDER BY (SELECT count(*) FROM accounts c WHERE c.parent_id = a.id) DESC, a.id LIMIT 1`, f.viewers["kam01@summit.example"].UserID).Scan(&id))
	stmts, _ := screenStatements(t, f, appAccountHeaderScreen, map[string]any{"id": fmt.Sprint(id)})
	t.Logf("app account header: %d statements: %s", len(stmts), describe(stmts))
	require.Len(t, stmts, appAccountHeaderStatements, "statements of the app's account header: %s", describe(stmts))
}
