package auth

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/user"
	"github.com/summitkam/summit/internal/viewer"
)

// Interoperability with certified OpenID providers that behave differently
// from mockoidc's defaults.

// Email, name and groups only from UserInfo (response_type=code): fetched
// and merged; a UserInfo about another subject is refused.
func TestLoginFetchesUserInfo(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{roleMap: "summit-admins=ADMIN"})
	verified := true
	p := b.browser().login(testUser{Subject: "ui-sub", Email: "ui@summit.example", NoIDTokenEmail: true,
		UserInfo: map[string]any{"sub": "ui-sub", "email": "UI@summit.example", "email_verified": true, "name": "用户信息", "groups": []string{"summit-admins"}}})
	require.Equal(t, http.StatusOK, p.status, p.body)
	u := b.client.User.Query().Where(user.Subject("ui-sub")).OnlyX(b.ctx)
	require.Equal(t, "ui@summit.example", u.Email)
	require.Equal(t, "用户信息", u.Name)
	v, err := b.svc.userViewer(t.Context(), u.ID)
	require.NoError(t, err)
	require.Equal(t, []viewer.Role{viewer.RoleAdmin}, v.Roles, "groups from UserInfo")

	// UserInfo about someone else: refused, nothing created.
	p = b.browser().login(testUser{Subject: "victim-sub", Email: "x@summit.example", NoIDTokenEmail: true, EmailVerified: &verified,
		UserInfo: map[string]any{"sub": "attacker-sub", "email": "boss@summit.example", "email_verified": true}})
	require.Equal(t, http.StatusUnauthorized, p.status, p.body)
	require.False(t, b.client.User.Query().Where(user.Email("boss@summit.example")).ExistX(b.ctx))
}

// A first login links an existing user by email only when the email is
// verified; a provider that omits email_verified must be trusted explicitly.
func TestLoginLinksByEmailOnlyWhenVerified(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	b.createUser("ann@summit.example", "Ann")
	p := b.browser().login(testUser{Subject: "ann-sub", Email: "ann@summit.example"})
	require.Equal(t, http.StatusForbidden, p.status, "no email_verified: no takeover of the seeded account")
	require.Nil(t, b.client.User.Query().Where(user.Email("ann@summit.example")).OnlyX(b.ctx).Subject)

	trusted := setup(t, setupOptions{trustEmail: true})
	ann := trusted.createUser("ann@summit.example", "Ann")
	p = trusted.browser().login(testUser{Subject: "ann-sub", Email: "ann@summit.example"})
	require.Equal(t, http.StatusOK, p.status, p.body)
	require.Equal(t, "ann-sub", *trusted.client.User.GetX(trusted.ctx, ann.ID).Subject)
	unverified := false
	trusted.createUser("ben@summit.example", "Ben")
	p = trusted.browser().login(testUser{Subject: "ben-sub", Email: "ben@summit.example", EmailVerified: &unverified})
	require.Equal(t, http.StatusForbidden, p.status, "email_verified false never links, trusted or not")
}

// RFC 9207: a provider advertising the iss parameter must send it, equal to
// its issuer.
func TestCallbackChecksIssParameter(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{beforeNew: func(p *testIdP) {
		p.discovery = map[string]any{"authorization_response_iss_parameter_supported": true}
	}})
	verified := true
	alice := testUser{Subject: "alice", Email: "alice@summit.example", EmailVerified: &verified}

	p := b.browser().login(alice)
	require.Equal(t, http.StatusBadRequest, p.status, "advertised but missing: refused")

	b.idp.mu.Lock()
	b.idp.redirect = func(q url.Values) { q.Set("iss", "https://evil.example") }
	b.idp.mu.Unlock()
	p = b.browser().login(alice)
	require.Equal(t, http.StatusBadRequest, p.status, "another issuer: refused")

	b.idp.mu.Lock()
	b.idp.redirect = func(q url.Values) { q.Set("iss", b.idp.Issuer()) }
	b.idp.mu.Unlock()
	p = b.browser().login(alice)
	require.Equal(t, http.StatusOK, p.status, p.body)
	require.Equal(t, 1, b.sessionCount())
}

// An ID token for several audiences must name Summit in azp.
func TestCallbackChecksAuthorizedParty(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	verified := true
	alice := testUser{Subject: "alice", Email: "alice@summit.example", EmailVerified: &verified}
	clientID := b.idp.ClientID

	for _, tc := range []struct {
		name   string
		tamper func(jwt.MapClaims)
		status int
	}{
		{"several audiences, no azp", func(c jwt.MapClaims) { c["aud"] = []string{clientID, "other-app"} }, http.StatusUnauthorized},
		{"several audiences, azp another client", func(c jwt.MapClaims) { c["aud"] = []string{clientID, "other-app"}; c["azp"] = "other-app" }, http.StatusUnauthorized},
		{"one audience, azp another client", func(c jwt.MapClaims) { c["azp"] = "other-app" }, http.StatusUnauthorized},
		{"several audiences, azp Summit", func(c jwt.MapClaims) { c["aud"] = []string{clientID, "other-app"}; c["azp"] = clientID }, http.StatusOK},
	} {
		b.idp.setTamper(tc.tamper)
		p := b.browser().login(alice)
		require.Equal(t, tc.status, p.status, "%s: %s", tc.name, p.body)
	}
}
