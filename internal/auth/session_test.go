package auth

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/session"
)

func TestSessionCookieProduction(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	br := b.browser()
	require.Equal(t, http.StatusOK, br.login(alice).status)

	c := br.lastSet("__Host-summit_session")
	require.NotNil(t, c, "production uses the __Host- prefix")
	require.True(t, c.HttpOnly)
	require.True(t, c.Secure)
	require.Equal(t, http.SameSiteLaxMode, c.SameSite)
	require.Equal(t, "/", c.Path)
	require.Empty(t, c.Domain)
	require.Equal(t, int((12 * time.Hour).Seconds()), c.MaxAge)
	require.GreaterOrEqual(t, len(c.Value), 43, "32 random bytes")

	// The login cookie was set with the same flags and cleared at the callback.
	login := br.lastSet("__Host-summit_login")
	require.NotNil(t, login)
	require.True(t, login.Secure)
	require.True(t, login.HttpOnly)
	require.Equal(t, -1, login.MaxAge)
}

func TestSessionCookieDevelopmentLoopback(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{plainHTTP: true})
	br := b.browser()
	require.Equal(t, http.StatusOK, br.login(alice).status)
	c := br.lastSet("summit_session")
	require.NotNil(t, c, "development over http on loopback drops the __Host- prefix")
	require.False(t, c.Secure)
	require.True(t, c.HttpOnly)
	require.Equal(t, http.SameSiteLaxMode, c.SameSite)
	require.Equal(t, "/", c.Path)
	status, _ := br.me()
	require.Equal(t, http.StatusOK, status)
}

func TestCookieRelaxationOnlyForDevelopmentLoopback(t *testing.T) {
	t.Parallel()
	idp := startTestIdP(t)
	client := setup(t, setupOptions{}).client
	for _, tc := range []struct {
		publicURL   string
		development bool
		relaxed     bool
	}{
		{"http://127.0.0.1:8080", true, true},
		{"http://localhost:8080", true, true},
		{"http://[::1]:8080", true, true},
		{"http://summit.test:8080", true, false},
		{"http://192.168.1.20:8080", true, false},
		{"https://127.0.0.1:8443", true, false},
		{"https://summit.example.com", false, false},
	} {
		svc, err := New(context.Background(), client, Config{
			Issuer: idp.Issuer(), ClientID: idp.ClientID, ClientSecret: idp.ClientSecret,
			PublicURL: tc.publicURL, Development: tc.development,
		})
		require.NoError(t, err, tc.publicURL)
		c := svc.cookie(sessionCookieBase, "x", time.Hour)
		require.Equal(t, tc.relaxed, !c.Secure, tc.publicURL)
		if tc.relaxed {
			require.Equal(t, "summit_session", svc.SessionCookieName())
		} else {
			require.Equal(t, "__Host-summit_session", svc.SessionCookieName())
		}
	}

	// Production refuses plain http outright, loopback or not.
	_, err := New(context.Background(), client, Config{
		Issuer: idp.Issuer(), ClientID: idp.ClientID, PublicURL: "http://127.0.0.1:8080",
	})
	require.ErrorContains(t, err, "must be https in production")
}

func TestLoginRotatesSession(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	br := b.browser()
	require.Equal(t, http.StatusOK, br.login(alice).status)
	first := br.sessionCookie().Value

	require.Equal(t, http.StatusOK, br.login(alice).status)
	second := br.sessionCookie().Value
	require.NotEqual(t, first, second, "a new session id at every login")
	require.Equal(t, 1, b.sessionCount(), "the session the browser presented is deleted")
	require.False(t, b.client.Session.Query().Where(session.IDHash(hashSecret(first))).ExistX(b.ctx))
}

func TestSessionIdleTimeout(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	br := b.browser()
	require.Equal(t, http.StatusOK, br.login(alice).status)
	created := b.client.Session.Query().OnlyX(b.ctx)

	// Use within a minute does not write.
	b.clock.Advance(30 * time.Second)
	status, _ := br.me()
	require.Equal(t, http.StatusOK, status)
	require.True(t, created.LastSeenAt.Equal(b.client.Session.Query().OnlyX(b.ctx).LastSeenAt))

	// After a minute it does.
	b.clock.Advance(31 * time.Second)
	status, _ = br.me()
	require.Equal(t, http.StatusOK, status)
	require.WithinDuration(t, b.clock.Now(), b.client.Session.Query().OnlyX(b.ctx).LastSeenAt, time.Millisecond)

	// Idle for just under two hours: alive (and touched).
	b.clock.Advance(2*time.Hour - time.Second)
	status, _ = br.me()
	require.Equal(t, http.StatusOK, status)

	// Idle for two hours: gone, and the row deleted.
	b.clock.Advance(2 * time.Hour)
	status, _ = br.me()
	require.Equal(t, http.StatusUnauthorized, status)
	require.Zero(t, b.sessionCount())
}

func TestSessionAbsoluteTimeout(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	br := b.browser()
	require.Equal(t, http.StatusOK, br.login(alice).status)
	// Busy all day: used every hour, never idle.
	for range 11 {
		b.clock.Advance(time.Hour)
		status, _ := br.me()
		require.Equal(t, http.StatusOK, status)
	}
	b.clock.Advance(59 * time.Minute)
	status, _ := br.me()
	require.Equal(t, http.StatusOK, status)
	b.clock.Advance(time.Minute)
	status, _ = br.me()
	require.Equal(t, http.StatusUnauthorized, status, "12 hours after login the session ends")
	require.Zero(t, b.sessionCount())
}

func TestSweepDeletesEndedSessionsAndLogins(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	// Two browsers log in; one is abandoned.
	abandoned := b.browser()
	require.Equal(t, http.StatusOK, abandoned.login(alice).status)
	client := b.srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Get(b.srv.URL + "/auth/login") // a login never finished
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, 1, b.client.LoginState.Query().CountX(b.ctx))

	b.clock.Advance(3 * time.Hour)
	b.idp.FastForward(3 * time.Hour) // the provider's clock moves too: its tokens are checked against ours
	br := b.browser()
	require.Equal(t, http.StatusOK, br.login(alice).status)
	require.Equal(t, 1, b.sessionCount(), "the abandoned session was swept at the next login")
	require.Zero(t, b.client.LoginState.Query().CountX(b.ctx))
}
