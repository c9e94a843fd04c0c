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
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

// gqlAs runs a GraphQL request as v and returns the decoded answer.
func gqlAs(t *testing.T, h interface {
	ServeHTTP(w http.ResponseWriter, r *http.Request)
}, v *viewer.Viewer, q string, vars map[string]any) map[string]any {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req := httptest.NewRequest("POST", "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req = req.WithContext(viewer.NewContext(req.Context(), v))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out), rec.Body.String())
	return out
}

// errorCode is the extensions.code (and field) of the first error.
func errorCode(t *testing.T, out map[string]any) (code, field string) {
	t.Helper()
	errs, _ := out["errors"].([]any)
	require.NotEmpty(t, errs, "expected an error: %v", out)
	ext, _ := errs[0].(map[string]any)["extensions"].(map[string]any)
	code, _ = ext["code"].(string)
	field, _ = ext["field"].(string)
	return code, field
}

// A key-account manager records facts one by one on their own accounts:
// the same order again is UNCHANGED, a change UPDATED; another person's
// account is FORBIDDEN, an unknown code NOT_FOUND, an order number of
// another account a CONFLICT, a wrong value BAD_USER_INPUT on its field.
func TestRecordFactsOneByOne(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.NewPool(t)
	_, err := seed.Run(viewer.System(ctx, "test"), pool, seed.Options{Accounts: 40, Seed: 2})
	require.NoError(t, err)
	kam := testdb.Viewer(t, pool, "kam01@summit.example")
	var own, ownOther, other string
	require.NoError(t, pool.QueryRow(ctx, `SELECT code FROM accounts WHERE owner_id = $1 ORDER BY id LIMIT 1`, kam.UserID).Scan(&own))
	require.NoError(t, pool.QueryRow(ctx, `SELECT code FROM accounts WHERE owner_id = $1 ORDER BY id OFFSET 1 LIMIT 1`, kam.UserID).Scan(&ownOther))
	require.NoError(t, pool.QueryRow(ctx, `SELECT code FROM accounts a WHERE owner_id <> $1
		AND NOT EXISTS (SELECT 1 FROM account_team_members m WHERE m.account_id = a.id AND m.user_id = $1) ORDER BY id LIMIT 1`, kam.UserID).Scan(&other))
	h := graph.NewHandler(database.NewClient(pool), graph.HandlerConfig{Pool: pool})
	do := func(v *viewer.Viewer, q string, vars map[string]any) map[string]any { return gqlAs(t, h, v, q, vars) }

	const recordOrder = `mutation($in: RecordOrderInput!) { recordOrder(input: $in) {
		outcome order { id orderNo amountMinor orderDate account { code } } import { id kind status } } }`
	order := map[string]any{"accountCode": own, "orderNo": "ERP-SO-1", "orderDate": "2026-03-01T00:00:00+08:00",
		"amount": 123450, "margin": 20000, "receivedOn": "2026-04-01T00:00:00+08:00", "receivedAmount": 123450}
	out := do(kam, recordOrder, map[string]any{"in": order})
	require.Nil(t, out["errors"], "%v", out)
	res := out["data"].(map[string]any)["recordOrder"].(map[string]any)
	require.Equal(t, "CREATED", res["outcome"])
	require.EqualValues(t, 123450, res["order"].(map[string]any)["amountMinor"])
	require.Equal(t, own, res["order"].(map[string]any)["account"].(map[string]any)["code"])
	require.Equal(t, "COMMITTED", res["import"].(map[string]any)["status"])
	orderID := res["order"].(map[string]any)["id"]
	var n int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM collections c JOIN orders o ON o.id = c.order_id WHERE o.order_no = 'ERP-SO-1' AND c.amount_minor = 123450`).Scan(&n))
	require.Equal(t, 1, n, "the order's collection came with it")

	out = do(kam, recordOrder, map[string]any{"in": order})
	require.Nil(t, out["errors"], "%v", out)
	require.Equal(t, "UNCHANGED", out["data"].(map[string]any)["recordOrder"].(map[string]any)["outcome"])
	require.Equal(t, orderID, out["data"].(map[string]any)["recordOrder"].(map[string]any)["order"].(map[string]any)["id"])
	order["amount"] = 200000
	out = do(kam, recordOrder, map[string]any{"in": order})
	require.Nil(t, out["errors"], "%v", out)
	require.Equal(t, "UPDATED", out["data"].(map[string]any)["recordOrder"].(map[string]any)["outcome"])
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM orders WHERE order_no = 'ERP-SO-1' AND amount_minor = 200000`).Scan(&n))
	require.Equal(t, 1, n)

	refusals := []struct {
		name, code, field string
		change            map[string]any
	}{
		{"another person's account", "FORBIDDEN", "accountCode", map[string]any{"accountCode": other, "orderNo": "ERP-SO-2"}},
		{"an unknown account", "NOT_FOUND", "accountCode", map[string]any{"accountCode": "NO-SUCH-CODE", "orderNo": "ERP-SO-3"}},
		{"an order of another account", "CONFLICT", "orderNo", map[string]any{"accountCode": ownOther}},
		{"a collection without its date", "BAD_USER_INPUT", "input.receivedOn", map[string]any{"orderNo": "ERP-SO-4", "receivedOn": nil}},
		{"an empty order number", "BAD_USER_INPUT", "input.orderNo", map[string]any{"orderNo": " "}},
	}
	for _, r := range refusals {
		in := map[string]any{}
		for k, v := range order {
			in[k] = v
		}
		for k, v := range r.change {
			in[k] = v
		}
		out := do(kam, recordOrder, map[string]any{"in": in})
		code, field := errorCode(t, out)
		require.Equal(t, r.code, code, "%s: %v", r.name, out)
		require.Equal(t, r.field, field, "%s: %v", r.name, out)
	}
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM orders WHERE order_no LIKE 'ERP-SO-%'`).Scan(&n))
	require.Equal(t, 1, n, "no refused order was written")

	// Collections, surveys and complaints, idempotent by external id.
	facts := []struct{ mutation, input, result string }{
		{"recordCollection", "RecordCollectionInput", "collection { id amountMinor order { orderNo } }"},
		{"recordSurvey", "RecordSurveyInput", "survey { id score channel }"},
		{"recordComplaint", "RecordComplaintInput", "complaint { id severity status }"},
	}
	inputs := []map[string]any{
		{"accountCode": own, "externalID": "AR-1", "orderNo": "ERP-SO-1", "receivedOn": "2026-05-01T10:00:00+08:00", "amount": 76550},
		{"accountCode": own, "externalID": "SV-1", "surveyedOn": "2026-05-02T00:00:00+08:00", "score": 4, "channel": "PHONE"},
		{"accountCode": own, "externalID": "CP-1", "openedAt": "2026-05-03T09:30:00+08:00", "severity": "HIGH", "topic": "交付延迟"},
	}
	for i, f := range facts {
		q := `mutation($in: ` + f.input + `!) { ` + f.mutation + `(input: $in) { outcome ` + f.result + ` } }`
		out := do(kam, q, map[string]any{"in": inputs[i]})
		require.Nil(t, out["errors"], "%s: %v", f.mutation, out)
		require.Equal(t, "CREATED", out["data"].(map[string]any)[f.mutation].(map[string]any)["outcome"], f.mutation)
		out = do(kam, q, map[string]any{"in": inputs[i]})
		require.Nil(t, out["errors"], "%s: %v", f.mutation, out)
		require.Equal(t, "UNCHANGED", out["data"].(map[string]any)[f.mutation].(map[string]any)["outcome"], f.mutation)
		in := map[string]any{}
		for k, v := range inputs[i] {
			in[k] = v
		}
		in["accountCode"] = other
		in["externalID"] = "X-" + f.mutation
		code, field := errorCode(t, do(kam, q, map[string]any{"in": in}))
		require.Equal(t, "FORBIDDEN", code, f.mutation)
		require.Equal(t, "accountCode", field, f.mutation)
	}
	for table, want := range map[string]int{"collections WHERE external_id = 'AR-1'": 1, "satisfaction_surveys WHERE external_id = 'SV-1'": 1,
		"complaints WHERE external_id = 'CP-1'": 1, "satisfaction_surveys WHERE external_id LIKE 'X-%'": 0} {
		require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM `+table).Scan(&n))
		require.Equal(t, want, n, table)
	}
	code, field := errorCode(t, do(kam, `mutation { recordSurvey(input: {accountCode: "`+own+`", externalID: "SV-2", surveyedOn: "2026-05-02T00:00:00Z", score: 11}) { outcome } }`, nil))
	require.Equal(t, "BAD_USER_INPUT", code)
	require.Equal(t, "input.score", field)
	// A viewer records nothing.
	code, _ = errorCode(t, do(testdb.Viewer(t, pool, "viewer@summit.example"), recordOrder, map[string]any{"in": order}))
	require.Equal(t, "FORBIDDEN", code)
	// Each recorded fact is audited as a one-row import.
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM audit_events WHERE action = 'import.commit' AND after->>'rows' = '1'`).Scan(&n))
	require.GreaterOrEqual(t, n, 9)
}

// Admins create categories and the policy of a class that has none; others
// are refused, duplicates are CONFLICTs. Both are audited.
func TestCreateCategoryAndClassPolicy(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.NewPool(t)
	_, err := seed.Run(viewer.System(ctx, "test"), pool, seed.Options{Accounts: 10, Seed: 2})
	require.NoError(t, err)
	h := graph.NewHandler(database.NewClient(pool), graph.HandlerConfig{Pool: pool})
	admin := testdb.Viewer(t, pool, "admin@summit.example")
	kam := testdb.Viewer(t, pool, "kam01@summit.example")

	const createCategory = `mutation($in: CreateCategoryInput!) { createCategory(input: $in) { id code name nameEn } }`
	in := map[string]any{"code": "BANK", "name": "银行客户", "nameEn": "Banks"}
	code, _ := errorCode(t, gqlAs(t, h, kam, createCategory, map[string]any{"in": in}))
	require.Equal(t, "FORBIDDEN", code)
	out := gqlAs(t, h, admin, createCategory, map[string]any{"in": in})
	require.Nil(t, out["errors"], "%v", out)
	require.Equal(t, "银行客户", out["data"].(map[string]any)["createCategory"].(map[string]any)["name"])
	code, field := errorCode(t, gqlAs(t, h, admin, createCategory, map[string]any{"in": in}))
	require.Equal(t, "CONFLICT", code)
	require.Equal(t, "code", field)
	code, field = errorCode(t, gqlAs(t, h, admin, createCategory, map[string]any{"in": map[string]any{"code": "bad code!", "name": "x"}}))
	require.Equal(t, "BAD_USER_INPUT", code)
	require.Equal(t, "input.code", field)
	var n int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM audit_events WHERE action = 'category.create'`).Scan(&n))
	require.Equal(t, 1, n)

	const createPolicy = `mutation($in: UpdateClassPolicyInput!) { createClassPolicy(class: C, input: $in) { id class label labelEn version reviewCadenceDays } }`
	policy := map[string]any{"label": "一般客户", "labelEn": "Standard", "reviewCadenceDays": 180}
	code, _ = errorCode(t, gqlAs(t, h, admin, createPolicy, map[string]any{"in": policy}))
	require.Equal(t, "CONFLICT", code, "every class has its default policy")
	_, err = pool.Exec(ctx, `DELETE FROM class_policies WHERE class = 'C'`)
	require.NoError(t, err)
	code, _ = errorCode(t, gqlAs(t, h, kam, createPolicy, map[string]any{"in": policy}))
	require.Equal(t, "FORBIDDEN", code)
	code, field = errorCode(t, gqlAs(t, h, admin, createPolicy, map[string]any{"in": map[string]any{"label": "一般客户"}}))
	require.Equal(t, "BAD_USER_INPUT", code)
	require.Equal(t, "input.labelEn", field)
	out = gqlAs(t, h, admin, createPolicy, map[string]any{"in": policy})
	require.Nil(t, out["errors"], "%v", out)
	p := out["data"].(map[string]any)["createClassPolicy"].(map[string]any)
	require.Equal(t, "C", p["class"])
	require.EqualValues(t, 180, p["reviewCadenceDays"])
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM audit_events WHERE action = 'class_policy.create'`).Scan(&n))
	require.Equal(t, 1, n)
}
