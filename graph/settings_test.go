package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The admin settings screens: service tokens, deactivating staff and the
// background-jobs view are the admin's alone, and each change is audited.
func TestSettingsTokensUsersAndJobsAreAdminOnlyAndAudited(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	ctx := context.Background()
	const admin = "admin@summit.example"
	auditCount := func(action string, entityID any) int {
		var n int
		require.NoError(t, f.pool.QueryRow(ctx, "SELECT count(*) FROM audit_events WHERE action = $1 AND entity_id = $2 AND actor_label = $3", action, entityID, admin).Scan(&n))
		return n
	}

	// Not an admin: every one of them is FORBIDDEN.
	for _, q := range []string{`{ serviceTokens { name } }`, `{ backgroundJobs { counts { kind } } }`,
		`mutation { createServiceToken(input: {name: "x", role: VIEWER}) { secret } }`} {
		res := f.query(t, "exec01@summit.example", q, nil)
		require.Len(t, res.Errors, 1, q)
		require.Equal(t, "FORBIDDEN", res.Errors[0].Extensions["code"], q)
	}

	// Create: the secret once, then listed without it; revoke keeps it listed.
	res := f.query(t, admin, `mutation { createServiceToken(input: {name: "erp-sync", role: VIEWER, expiresInDays: 30}) { secret token { id name role revokedAt expiresAt } } }`, nil)
	require.Empty(t, res.Errors)
	var created struct {
		CreateServiceToken struct {
			Secret string
			Token  struct {
				ID         int
				Name, Role string
				RevokedAt  *string
				ExpiresAt  *string
			}
		}
	}
	require.NoError(t, json.Unmarshal(res.Data, &created))
	require.True(t, strings.HasPrefix(created.CreateServiceToken.Secret, "smt_"))
	require.Equal(t, "VIEWER", created.CreateServiceToken.Token.Role)
	require.NotNil(t, created.CreateServiceToken.Token.ExpiresAt)
	require.Equal(t, 1, auditCount("token.create", created.CreateServiceToken.Token.ID))

	res = f.query(t, admin, `mutation { createServiceToken(input: {name: "erp-sync", role: VIEWER}) { secret } }`, nil)
	require.Len(t, res.Errors, 1)
	require.Equal(t, "CONFLICT", res.Errors[0].Extensions["code"])

	res = f.query(t, admin, `mutation { revokeServiceToken(name: "erp-sync") { name revokedAt } }`, nil)
	require.Empty(t, res.Errors)
	require.Contains(t, string(res.Data), `"revokedAt":"20`)
	require.Equal(t, 1, auditCount("token.revoke", created.CreateServiceToken.Token.ID))
	res = f.query(t, admin, `{ serviceTokens { name revokedAt } }`, nil)
	require.Empty(t, res.Errors)
	require.Contains(t, string(res.Data), `"name":"erp-sync","revokedAt":"20`)
	require.NotContains(t, string(res.Data), "smt_")

	// Deactivate: the user is inactive, the trail has before and after; an
	// admin cannot deactivate themselves.
	target := f.viewers["sales01@summit.example"].UserID
	res = f.query(t, admin, `mutation($id: ID!) { setUserActive(id: $id, active: false, reason: "left the company") { active } }`, map[string]any{"id": fmt.Sprint(target)})
	require.Empty(t, res.Errors)
	require.JSONEq(t, `{"setUserActive": {"active": false}}`, string(res.Data))
	var before, after string
	require.NoError(t, f.pool.QueryRow(ctx, "SELECT before::text, after::text FROM audit_events WHERE action = 'user.deactivate' AND entity_id = $1", target).Scan(&before, &after))
	require.JSONEq(t, `{"active": true}`, before)
	require.JSONEq(t, `{"active": false}`, after)
	res = f.query(t, admin, `mutation($id: ID!) { setUserActive(id: $id, active: false, reason: "oops") { active } }`, map[string]any{"id": fmt.Sprint(f.viewers[admin].UserID)})
	require.Len(t, res.Errors, 1)
	require.Equal(t, "BAD_USER_INPUT", res.Errors[0].Extensions["code"])

	// Jobs: a discarded job shows with its last error; a retry makes it
	// available (audited), and a second retry is a CONFLICT.
	var jobID int64
	require.NoError(t, f.pool.QueryRow(ctx, `INSERT INTO river_job (kind, args, max_attempts, attempt, state, errors, finalized_at, attempted_at)
		VALUES ('settings_test', '{}', 1, 1, 'discarded', ARRAY['{"at":"2026-12-01T00:00:00Z","attempt":1,"error":"smtp refused"}'::jsonb], now(), now()) RETURNING id`).Scan(&jobID))
	res = f.query(t, admin, `{ backgroundJobs { counts { kind state count } failures { id kind state error } } }`, nil)
	require.Empty(t, res.Errors)
	require.Contains(t, string(res.Data), `{"kind":"settings_test","state":"discarded","count":1}`)
	require.Contains(t, string(res.Data), fmt.Sprintf(`{"id":%d,"kind":"settings_test","state":"discarded","error":"smtp refused"}`, jobID))
	retry := `mutation($id: Int!) { retryBackgroundJob(id: $id) { counts { kind state count } } }`
	res = f.query(t, admin, retry, map[string]any{"id": jobID})
	require.Empty(t, res.Errors)
	require.Contains(t, string(res.Data), `{"kind":"settings_test","state":"available","count":1}`)
	require.Equal(t, 1, auditCount("job.retry", jobID))
	res = f.query(t, admin, retry, map[string]any{"id": jobID})
	require.Len(t, res.Errors, 1)
	require.Equal(t, "CONFLICT", res.Errors[0].Extensions["code"])
}
