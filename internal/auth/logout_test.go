package auth

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLogoutEndsSessionServerSide(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	br := b.browser()
	require.Equal(t, http.StatusOK, br.login(alice).status)
	stolen := br.sessionCookie()

	// Without the CSRF header: refused, the session lives on.
	p := br.post("/auth/logout", "application/json", "", nil)
	require.Equal(t, http.StatusForbidden, p.status)
	require.JSONEq(t, `{"errors":[{"message":"cross-site request refused: send the header X-Summit-CSRF: 1 from the same origin","extensions":{"code":"FORBIDDEN"}}]}`, p.body)
	require.Equal(t, 1, b.sessionCount())

	// From another origin: refused.
	p = br.post("/auth/logout", "application/json", "", map[string]string{CSRFHeader: "1", "Origin": "https://evil.example"})
	require.Equal(t, http.StatusForbidden, p.status)
	require.Equal(t, 1, b.sessionCount())

	p = br.post("/auth/logout", "application/json", "", map[string]string{CSRFHeader: "1", "Origin": b.srv.URL})
	require.Equal(t, http.StatusOK, p.status)
	require.JSONEq(t, `{"redirectTo":"/"}`, p.body)
	require.Zero(t, b.sessionCount())
	cleared := br.lastSet("__Host-summit_session")
	require.Equal(t, -1, cleared.MaxAge)
	status, _ := br.me()
	require.Equal(t, http.StatusUnauthorized, status)

	// Replaying the old cookie from elsewhere does not bring it back.
	replay := b.browser()
	req, _ := http.NewRequest(http.MethodGet, b.srv.URL+"/auth/me", nil)
	req.AddCookie(&http.Cookie{Name: stolen.Name, Value: stolen.Value})
	require.Equal(t, http.StatusUnauthorized, replay.do(req).status)
	req, _ = http.NewRequest(http.MethodPost, b.srv.URL+"/graphql", nil)
	req.AddCookie(&http.Cookie{Name: stolen.Name, Value: stolen.Value})
	req.Header.Set(CSRFHeader, "1")
	require.Equal(t, http.StatusUnauthorized, replay.do(req).status)
}

func TestLogoutRedirectsToEndSessionEndpoint(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{beforeNew: func(idp *testIdP) { idp.endSession = "https://idp.example/logout?tenant=1" }})
	br := b.browser()
	require.Equal(t, http.StatusOK, br.login(alice).status)
	p := br.post("/auth/logout", "application/json", "", map[string]string{CSRFHeader: "1"})
	require.Equal(t, http.StatusOK, p.status)
	require.Contains(t, p.body, `"redirectTo":"https://idp.example/logout?`)
	require.Contains(t, p.body, "tenant=1")
	require.Contains(t, p.body, "client_id="+b.idp.ClientID)
	require.Contains(t, p.body, "post_logout_redirect_uri=")
	require.NotContains(t, p.body, "id_token", "no ID token is kept, so none is sent")
	require.Zero(t, b.sessionCount())
}
