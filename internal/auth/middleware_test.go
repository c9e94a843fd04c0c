package auth

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/servicetoken"
	"github.com/summitkam/summit/internal/viewer"
)

const unauthenticated = `{"errors":[{"message":"authentication required","extensions":{"code":"UNAUTHENTICATED"}}]}`

func viewerOf(t *testing.T, p page) viewer.Viewer {
	t.Helper()
	var out struct {
		Data struct{ Viewer viewer.Viewer } `json:"data"`
	}
	require.NoError(t, json.Unmarshal([]byte(p.body), &out), p.body)
	return out.Data.Viewer
}

func TestGraphQLRequiresViewer(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	br := b.browser()
	for _, h := range []map[string]string{nil, {CSRFHeader: "1"}, {"Authorization": "Bearer smt_unknown"}, {"Authorization": "Basic YTpi"}} {
		p := br.graphql(h)
		require.Equal(t, http.StatusUnauthorized, p.status)
		require.JSONEq(t, unauthenticated, p.body)
	}
	// A cookie that names no session is no better.
	req, _ := http.NewRequest(http.MethodPost, b.srv.URL+"/graphql", nil)
	req.AddCookie(&http.Cookie{Name: b.svc.SessionCookieName(), Value: "made-up"})
	req.Header.Set(CSRFHeader, "1")
	require.Equal(t, http.StatusUnauthorized, br.do(req).status)
}

func TestGraphQLBearerToken(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	kam := b.createUser("kam01@summit.example", "客户经理", "KEY_ACCOUNT_MANAGER")
	secret, tok, err := b.svc.Tokens().Create(b.ctx, NewToken{Name: "erp-sync", Role: viewer.RoleKeyAccountManager, UserEmail: kam.Email, CreatedBy: "test"})
	require.NoError(t, err)
	br := b.browser()

	// No CSRF header needed: a cross-site form cannot send Authorization.
	p := br.graphql(map[string]string{"Authorization": "Bearer " + secret})
	require.Equal(t, http.StatusOK, p.status, p.body)
	v := viewerOf(t, p)
	require.Equal(t, viewer.KindServiceToken, v.Kind)
	require.Equal(t, kam.ID, v.UserID)
	require.Equal(t, tok.ID, v.TokenID)
	require.Equal(t, "token:erp-sync", v.Label)
	require.Equal(t, []viewer.Role{viewer.RoleKeyAccountManager}, v.Roles)
	require.Nil(t, br.sessionCookie(), "bearer requests get no cookie")

	// The scheme is case-insensitive.
	p = br.graphql(map[string]string{"Authorization": "bearer " + secret})
	require.Equal(t, http.StatusOK, p.status)

	// /auth/me works with a token too.
	req, _ := http.NewRequest(http.MethodGet, b.srv.URL+"/auth/me", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	p = br.do(req)
	require.Equal(t, http.StatusOK, p.status)
	require.JSONEq(t, `{"id":`+itoa(kam.ID)+`,"kind":"SERVICE_TOKEN","email":"kam01@summit.example","name":"token:erp-sync","locale":"zh-CN","roles":["KEY_ACCOUNT_MANAGER"],"regions":[]}`, p.body)

	require.NoError(t, b.svc.Tokens().Revoke(b.ctx, "erp-sync", "test"))
	p = br.graphql(map[string]string{"Authorization": "Bearer " + secret})
	require.Equal(t, http.StatusUnauthorized, p.status)
	require.JSONEq(t, unauthenticated, p.body)
	require.NotNil(t, b.client.ServiceToken.Query().Where(servicetoken.Name("erp-sync")).OnlyX(b.ctx).RevokedAt)
}

func TestDeactivatedUserHasNoViewer(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	br := b.browser()
	require.Equal(t, http.StatusOK, br.login(alice).status)
	status, me := br.me()
	require.Equal(t, http.StatusOK, status)

	b.client.User.UpdateOneID(*me.ID).SetActive(false).ExecX(b.ctx)
	// The session's viewer is reused for the credential cache's TTL (no
	// lookup per request), and no longer.
	status, _ = br.me()
	require.Equal(t, http.StatusOK, status, "within the credential cache's TTL the session's viewer is reused")
	b.clock.Advance(b.svc.cfg.CredentialCacheTTL)
	status, _ = br.me()
	require.Equal(t, http.StatusUnauthorized, status)
	require.Equal(t, http.StatusUnauthorized, br.graphql(map[string]string{CSRFHeader: "1"}).status)

	// Nor can they log in again.
	p := br.login(alice)
	require.Equal(t, http.StatusForbidden, p.status)
	require.Contains(t, p.body, "deactivated")
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
