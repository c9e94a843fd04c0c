package auth

import (
	"crypto/rand"
	"crypto/rsa"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/auditevent"
	"github.com/summitkam/summit/ent/user"
	"github.com/summitkam/summit/internal/viewer"
)

func TestLoginEndToEnd(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{roleMap: "summit-admins=ADMIN,kam=KEY_ACCOUNT_MANAGER,pm-east=PARTNER_MANAGER:EAST"})
	br := b.browser()

	status, _ := br.me()
	require.Equal(t, http.StatusUnauthorized, status)

	u := alice
	u.Groups = []string{"summit-admins", "pm-east", "engineering"}
	p := br.login(u)
	require.Equal(t, http.StatusOK, p.status, p.body)
	require.Equal(t, "app", p.body)
	require.Equal(t, "/", p.url.Path)

	status, me := br.me()
	require.Equal(t, http.StatusOK, status)
	require.NotNil(t, me.ID)
	require.Equal(t, viewer.KindUser, me.Kind)
	require.Equal(t, "alice@summit.example", me.Email)
	require.Equal(t, "Alice 张", me.Name)
	require.Equal(t, []viewer.Role{viewer.RoleAdmin, viewer.RolePartnerManager}, me.Roles)
	require.Equal(t, []string{"EAST"}, me.Regions)

	// The user was created from the claims; the role change was audited.
	created := b.client.User.Query().Where(user.ID(*me.ID)).OnlyX(b.ctx)
	require.Equal(t, "alice-sub", *created.Subject)
	require.NotNil(t, created.LastLoginAt)
	ev := b.client.AuditEvent.Query().Where(auditevent.Action("role.sync")).OnlyX(b.ctx)
	require.Equal(t, "User", ev.EntityType)
	require.Equal(t, *me.ID, ev.EntityID)
	require.Equal(t, auditevent.ActorKindSYSTEM, ev.ActorKind)
	require.JSONEq(t, `[]`, string(ev.Before))
	require.JSONEq(t, `[{"role":"ADMIN"},{"role":"PARTNER_MANAGER","region":"EAST"}]`, string(ev.After))

	// Only hashes are stored: the cookie value is nowhere in the table.
	c := br.sessionCookie()
	require.NotNil(t, c)
	sess := b.client.Session.Query().OnlyX(b.ctx)
	require.Equal(t, hashSecret(c.Value), sess.IDHash)
	require.NotContains(t, sess.IDHash, c.Value)
	require.Equal(t, *me.ID, sess.UserID)
	require.Equal(t, 0, b.client.LoginState.Query().CountX(b.ctx), "login state is deleted on use")

	// No secret reaches the log.
	require.NotContains(t, b.logs.String(), c.Value)
	require.NotContains(t, b.logs.String(), b.idp.ClientSecret)
	require.Contains(t, b.logs.String(), "signed in")
}

func TestLoginNextPath(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	br := b.browser()
	b.idp.QueueUser(alice)
	p := br.get("/auth/login?next=" + url.QueryEscape("/accounts/42?tab=plan"))
	require.Equal(t, http.StatusOK, p.status, p.body)
	require.Equal(t, "/accounts/42", p.url.Path)
	require.Equal(t, "tab=plan", p.url.RawQuery)

	// Another site is never a destination.
	b.idp.QueueUser(alice)
	p = br.get("/auth/login?next=" + url.QueryEscape("//evil.example/x"))
	require.Equal(t, http.StatusOK, p.status)
	require.Equal(t, b.srv.URL+"/", p.url.String())
}

func TestLoginRedirectUsesPKCEAndNonce(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	client := b.srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Get(b.srv.URL + "/auth/login")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode)
	loc, err := url.Parse(resp.Header.Get("Location"))
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(loc.String(), b.idp.AuthorizationEndpoint()))
	q := loc.Query()
	require.Equal(t, "code", q.Get("response_type"))
	require.Equal(t, "S256", q.Get("code_challenge_method"))
	require.NotEmpty(t, q.Get("code_challenge"))
	require.Equal(t, b.srv.URL+"/auth/callback", q.Get("redirect_uri"))
	require.Equal(t, "openid profile email groups", q.Get("scope"))

	ls := b.client.LoginState.Query().OnlyX(b.ctx)
	require.Equal(t, hashSecret(q.Get("state")), ls.StateHash)
	require.Equal(t, ls.Nonce, q.Get("nonce"))
	require.NotEqual(t, ls.PkceVerifier, q.Get("code_challenge"), "the verifier stays on the server")
	require.WithinDuration(t, b.clock.Now().Add(10*time.Minute), ls.ExpiresAt, time.Second)
}

func TestCallbackRejectsUnknownState(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	br := b.browser()
	p := br.get("/auth/callback?state=forged&code=whatever")
	require.Equal(t, http.StatusBadRequest, p.status)
	p = br.get("/auth/callback?code=whatever")
	require.Equal(t, http.StatusBadRequest, p.status)
	require.Zero(t, b.sessionCount())
}

func TestCallbackRejectsWrongStateForBrowser(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	// A login the attacker started: the victim's browser has no login cookie
	// for its state (login CSRF).
	attacker := b.browser()
	client := b.srv.Client()
	client.Jar = attacker.jar
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Get(b.srv.URL + "/auth/login")
	require.NoError(t, err)
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	b.idp.QueueUser(alice)
	resp, err = client.Get(loc.String())
	require.NoError(t, err)
	resp.Body.Close()
	callback := resp.Header.Get("Location")
	require.Contains(t, callback, "/auth/callback")

	victim := b.browser()
	p := victim.get(callback)
	require.Equal(t, http.StatusBadRequest, p.status)
	require.Zero(t, b.sessionCount())
	// And the state is spent: the attacker cannot use it either.
	p = attacker.get(callback)
	require.Equal(t, http.StatusBadRequest, p.status)
	require.Zero(t, b.sessionCount())
}

func TestCallbackReplayIsRefused(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	br := b.browser()
	require.Equal(t, http.StatusOK, br.login(alice).status)
	require.Equal(t, 1, b.sessionCount())
	callback := br.callback
	require.Contains(t, callback, "code=")

	// The same state and code again: the state is gone.
	p := br.get(callback)
	require.Equal(t, http.StatusBadRequest, p.status)
	require.Equal(t, 1, b.sessionCount())

	// The old code under a fresh state of this browser: the provider
	// refuses the spent code (and the PKCE verifier does not match).
	client := b.srv.Client()
	client.Jar = br.jar
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Get(b.srv.URL + "/auth/login")
	require.NoError(t, err)
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	old, _ := url.Parse(callback)
	q := old.Query()
	q.Set("state", loc.Query().Get("state"))
	old.RawQuery = q.Encode()
	p = br.get(old.String())
	require.Equal(t, http.StatusUnauthorized, p.status)
	require.Equal(t, 1, b.sessionCount())
	require.Contains(t, b.logs.String(), "idp_error=invalid_grant")
	require.NotContains(t, b.logs.String(), q.Get("code"), "the code is not logged")
}

func TestCallbackProviderError(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	br := b.browser()
	client := b.srv.Client()
	client.Jar = br.jar
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Get(b.srv.URL + "/auth/login")
	require.NoError(t, err)
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	p := br.get("/auth/callback?error=access_denied&state=" + url.QueryEscape(loc.Query().Get("state")))
	require.Equal(t, http.StatusUnauthorized, p.status)
	require.Contains(t, p.body, "Sign in again")
	require.Zero(t, b.sessionCount())
}

func TestCallbackRejectsBadIDTokens(t *testing.T) {
	t.Parallel()
	otherKey, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)

	for _, tc := range []struct {
		name   string
		tamper func(jwt.MapClaims)
		// forge signs with another key under the provider's key id.
		forge bool
	}{
		{name: "wrong nonce", tamper: func(c jwt.MapClaims) { c["nonce"] = "not-the-nonce" }},
		{name: "no nonce", tamper: func(c jwt.MapClaims) { delete(c, "nonce") }},
		{name: "expired", tamper: func(c jwt.MapClaims) {
			c["iat"] = time.Now().Add(-2 * time.Hour).Unix()
			c["nbf"] = time.Now().Add(-2 * time.Hour).Unix()
			c["exp"] = time.Now().Add(-time.Hour).Unix()
		}},
		{name: "wrong audience", tamper: func(c jwt.MapClaims) { c["aud"] = []string{"another-client"} }},
		{name: "wrong issuer", tamper: func(c jwt.MapClaims) { c["iss"] = "https://evil.example/oidc" }},
		{name: "bad signature", forge: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := setup(t, setupOptions{})
			if tc.tamper != nil {
				b.idp.setTamper(tc.tamper)
			}
			if tc.forge {
				kid, err := b.idp.Keypair.KeyID()
				require.NoError(t, err)
				b.idp.signWith = &mockoidc.Keypair{PrivateKey: otherKey, PublicKey: &otherKey.PublicKey, Kid: kid}
			}
			br := b.browser()
			p := br.login(alice)
			require.Equal(t, http.StatusUnauthorized, p.status, p.body)
			require.Contains(t, p.body, "could not be verified")
			require.Zero(t, b.sessionCount())
			require.Zero(t, b.userCount(), "no user is created from a rejected token")
			require.Nil(t, br.sessionCookie())
			status, _ := br.me()
			require.Equal(t, http.StatusUnauthorized, status)
		})
	}
}

func TestLoginCanonicalHost(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{plainHTTP: true})
	// The server answers at 127.0.0.1; a login begun as "localhost" is sent
	// to the public origin first, where the cookies will live.
	alt := strings.Replace(b.srv.URL, "127.0.0.1", "localhost", 1)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(alt + "/auth/login?next=/x")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusFound, resp.StatusCode)
	require.Equal(t, b.srv.URL+"/auth/login?next=%2Fx", resp.Header.Get("Location"))
}
