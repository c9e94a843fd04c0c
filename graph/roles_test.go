package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestAssignAndRevokeRoleIsAdminOnlyAndAudited(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	ctx := context.Background()
	target := f.viewers["sales01@summit.example"].UserID
	assign := `mutation($in: AssignRoleInput!) { assignRole(input: $in) { id role region user { email } } }`
	input := map[string]any{"in": map[string]any{"userID": fmt.Sprint(target), "role": "PARTNER_MANAGER", "region": "EAST", "reason": "covers East China distributors"}}

	countRoles := func() int {
		var n int
		require.NoError(t, f.pool.QueryRow(ctx, "SELECT count(*) FROM role_assignments WHERE user_id = $1", target).Scan(&n))
		return n
	}
	countAudit := func(action string) int {
		var n int
		require.NoError(t, f.pool.QueryRow(ctx, "SELECT count(*) FROM audit_events WHERE entity_type = 'User' AND entity_id = $1 AND action = $2", target, action).Scan(&n))
		return n
	}
	before := countRoles()

	// A key-account manager may not: FORBIDDEN, nothing written, nothing audited.
	res := f.query(t, "kam01@summit.example", assign, input)
	require.Len(t, res.Errors, 1)
	require.Equal(t, "FORBIDDEN", res.Errors[0].Extensions["code"])
	require.Equal(t, before, countRoles())
	require.Zero(t, countAudit("role.assign"))

	// A blank reason is bad input, with the field named.
	blank := map[string]any{"in": map[string]any{"userID": fmt.Sprint(target), "role": "VIEWER", "reason": " "}}
	res = f.query(t, "admin@summit.example", assign, blank)
	require.Len(t, res.Errors, 1)
	require.Equal(t, "BAD_USER_INPUT", res.Errors[0].Extensions["code"])
	require.Equal(t, "input.reason", res.Errors[0].Extensions["field"])

	// An admin may; the change and its audit event land together.
	res = f.query(t, "admin@summit.example", assign, input)
	require.Empty(t, res.Errors)
	var out struct {
		AssignRole struct {
			ID, Role, Region string
			User             struct{ Email string }
		}
	}
	require.NoError(t, json.Unmarshal(res.Data, &out))
	require.Equal(t, "PARTNER_MANAGER", out.AssignRole.Role)
	require.Equal(t, "sales01@summit.example", out.AssignRole.User.Email)
	require.Equal(t, before+1, countRoles())
	require.Equal(t, 1, countAudit("role.assign"))
	var actor, reason string
	require.NoError(t, f.pool.QueryRow(ctx, "SELECT actor_label, reason FROM audit_events WHERE action = 'role.assign' AND entity_id = $1", target).Scan(&actor, &reason))
	require.Equal(t, "admin@summit.example", actor)
	require.Equal(t, "covers East China distributors", reason)

	// Granting the same role twice conflicts and writes no second audit event.
	res = f.query(t, "admin@summit.example", assign, input)
	require.Len(t, res.Errors, 1)
	require.Equal(t, "CONFLICT", res.Errors[0].Extensions["code"])
	require.Equal(t, 1, countAudit("role.assign"))

	// Revoke.
	revoke := `mutation($id: ID!, $reason: String!) { revokeRole(id: $id, reason: $reason) }`
	res = f.query(t, "exec01@summit.example", revoke, map[string]any{"id": out.AssignRole.ID, "reason": "no"})
	require.Equal(t, "FORBIDDEN", res.Errors[0].Extensions["code"])
	res = f.query(t, "admin@summit.example", revoke, map[string]any{"id": out.AssignRole.ID, "reason": "left the channel team"})
	require.Empty(t, res.Errors)
	require.Equal(t, before, countRoles())
	require.Equal(t, 1, countAudit("role.revoke"))

	// me returns the caller.
	res = f.query(t, "kam02@summit.example", `{ me { email roleAssignments { role } } }`, nil)
	require.Empty(t, res.Errors)
	require.JSONEq(t, `{"me":{"email":"kam02@summit.example","roleAssignments":[{"role":"KEY_ACCOUNT_MANAGER"}]}}`, string(res.Data))
}
