package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/graph"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/imports"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

// recordFacts records facts with the rules of an import (row rules,
// idempotent by external id); startDataImport queues an uploaded import's
// job; the import and its issues read back through GraphQL.
func TestRecordFactsAndStartDataImport(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.NewPool(t)
	_, err := seed.Run(viewer.System(ctx, "test"), pool, seed.Options{Accounts: 40, Seed: 2})
	require.NoError(t, err)
	kam := testdb.Viewer(t, pool, "kam01@summit.example")
	var own, other string
	require.NoError(t, pool.QueryRow(ctx, `SELECT code FROM accounts WHERE owner_id = $1 ORDER BY id LIMIT 1`, kam.UserID).Scan(&own))
	require.NoError(t, pool.QueryRow(ctx, `SELECT code FROM accounts a WHERE owner_id <> $1
		AND NOT EXISTS (SELECT 1 FROM account_team_members m WHERE m.account_id = a.id AND m.user_id = $1) ORDER BY id LIMIT 1`, kam.UserID).Scan(&other))
	h := graph.NewHandler(database.NewClient(pool), graph.HandlerConfig{Pool: pool})
	do := func(q string, vars map[string]any) map[string]any {
		body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
		req := httptest.NewRequest("POST", "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req = req.WithContext(viewer.NewContext(req.Context(), kam))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		require.Equal(t, http.StatusOK, rec.Code)
		var out map[string]any
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
		return out
	}
	const record = `mutation($rows: [JSON!]!) { recordFacts(kind: "complaints", rows: $rows) {
		created updated unchanged refused refusedRows { row column value message } import { id status kind } } }`
	rows := []any{
		map[string]any{"account_code": own, "external_id": "CMP-1", "opened_at": "2026-10-01 09:30", "severity": "高", "topic": "交付延迟"},
		map[string]any{"account_code": other, "external_id": "CMP-2", "opened_at": "2026-10-02", "topic": "not mine"},
		map[string]any{"account_code": own, "external_id": "CMP-3", "opened_at": "yesterday"},
	}
	out := do(record, map[string]any{"rows": rows})
	require.Nil(t, out["errors"], "%v", out)
	res := out["data"].(map[string]any)["recordFacts"].(map[string]any)
	require.EqualValues(t, 1, res["created"])
	require.EqualValues(t, 2, res["refused"])
	refused := res["refusedRows"].([]any)
	require.EqualValues(t, 2, refused[0].(map[string]any)["row"])
	require.Contains(t, refused[0].(map[string]any)["message"], "you may not change")
	require.EqualValues(t, 3, refused[1].(map[string]any)["row"])
	var n int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM complaints WHERE external_id IN ('CMP-1', 'CMP-2', 'CMP-3')`).Scan(&n))
	require.Equal(t, 1, n)
	// Again: nothing changes.
	out = do(record, map[string]any{"rows": rows[:1]})
	res = out["data"].(map[string]any)["recordFacts"].(map[string]any)
	require.EqualValues(t, 1, res["unchanged"])

	// An uploaded file's dry run, queued through GraphQL.
	svc := imports.Service{Pool: pool}.WithDefaults()
	up, err := svc.Create(ctx, kam, "price_coefficients", "p.csv", bytes.NewReader([]byte("客户编码,单价系数\n"+own+",0.9\n"+own+",x\n")))
	require.NoError(t, err)
	out = do(`mutation($id: ID!) { startDataImport(id: $id, dryRun: true) { id status dryRun } }`, map[string]any{"id": up.ID})
	require.Nil(t, out["errors"], "%v", out)
	require.Equal(t, "VALIDATING", out["data"].(map[string]any)["startDataImport"].(map[string]any)["status"])
	require.NoError(t, svc.Run(ctx, up.ID))
	out = do(`query($id: ID!) { node(id: $id) { ... on DataImport { status totalRows refusedCount issues { row column value message } } } }`, map[string]any{"id": up.ID})
	require.Nil(t, out["errors"], "%v", out)
	node := out["data"].(map[string]any)["node"].(map[string]any)
	require.Equal(t, "VALIDATED", node["status"])
	require.EqualValues(t, 1, node["refusedCount"])
	require.Len(t, node["issues"], 1)
}

// Admins define custom metrics (audited); others may not.
func TestCreateCustomMetric(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.NewPool(t)
	_, err := seed.Run(viewer.System(ctx, "test"), pool, seed.Options{Accounts: 20, Seed: 2})
	require.NoError(t, err)
	h := graph.NewHandler(database.NewClient(pool), graph.HandlerConfig{Pool: pool})
	as := func(v *viewer.Viewer, q string) map[string]any {
		body, _ := json.Marshal(map[string]any{"query": q})
		req := httptest.NewRequest("POST", "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req = req.WithContext(viewer.NewContext(req.Context(), v))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var out map[string]any
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
		return out
	}
	const create = `mutation { createCustomMetric(input: {key: "market_share", name: "市场占有率", nameEn: "Market share", valueType: NUMBER, unit: "%"}) { id key valueType active } }`
	out := as(testdb.Viewer(t, pool, "kam01@summit.example"), create)
	require.NotNil(t, out["errors"])
	out = as(testdb.Viewer(t, pool, "admin@summit.example"), create)
	require.Nil(t, out["errors"], "%v", out)
	require.Equal(t, "market_share", out["data"].(map[string]any)["createCustomMetric"].(map[string]any)["key"])
	out = as(testdb.Viewer(t, pool, "admin@summit.example"), `mutation { createCustomMetric(input: {key: "Bad Key", name: "x", valueType: BOOL}) { id } }`)
	require.NotNil(t, out["errors"])
	out = as(testdb.Viewer(t, pool, "admin@summit.example"), `mutation { createCustomMetric(input: {key: "tier", name: "档次", valueType: ENUM}) { id } }`)
	require.NotNil(t, out["errors"])
	var n int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM audit_events WHERE action = 'custom_metric.create'`).Scan(&n))
	require.Equal(t, 1, n)
}
