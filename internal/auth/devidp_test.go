package auth

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/roleassignment"
	"github.com/summitkam/summit/ent/user"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

var stateField = regexp.MustCompile(`name="state" value="([^"]+)"`)

func openDevLoginPage(t *testing.T, br *browser, path string) string {
	t.Helper()
	p := br.get(path)
	require.Equal(t, http.StatusOK, p.status, p.body)
	require.Contains(t, p.header.Get("Content-Security-Policy"), "frame-ancestors 'none'")
	m := stateField.FindStringSubmatch(p.body)
	require.NotNil(t, m, p.body)
	return m[1]
}

func TestDevIdPLogin(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{devIdP: true})
	require.NotNil(t, b.svc.DevIdP())
	b.createUser("admin@summit.example", "系统管理员", "ADMIN")
	pm := b.createUser("pm01@summit.example", "华东区渠道经理", "PARTNER_MANAGER:EAST")
	for _, n := range []string{"01", "02", "03", "04", "05", "06", "07", "08"} {
		b.createUser("kam"+n+"@summit.example", "客户经理 "+n, "KEY_ACCOUNT_MANAGER")
	}
	inactive := b.createUser("gone@summit.example", "离职", "VIEWER")
	b.client.User.UpdateOne(inactive).SetActive(false).ExecX(b.ctx)

	br := b.browser()
	p := br.get("/auth/login?next=/partners")
	require.Equal(t, http.StatusOK, p.status)
	require.Contains(t, p.body, "开发环境登录")
	require.Contains(t, p.body, "Development sign-in")
	require.Contains(t, p.body, "admin@summit.example")
	require.Contains(t, p.body, "pm01@summit.example")
	require.Contains(t, p.body, "渠道经理 Partner manager · EAST")
	require.Contains(t, p.body, "kam06@summit.example")
	require.NotContains(t, p.body, "kam07@summit.example", "only the first few of a role")
	require.NotContains(t, p.body, "gone@summit.example")
	state := stateField.FindStringSubmatch(p.body)[1]

	// Choosing a user runs the authorization-code flow to the callback.
	form := url.Values{"state": {state}, "email": {"pm01@summit.example"}}
	p = br.post("/auth/login", "application/x-www-form-urlencoded", form.Encode(), nil)
	require.Equal(t, http.StatusOK, p.status, p.body)
	require.Equal(t, "/partners", p.url.Path)
	require.Contains(t, br.callback, "code=")
	c := br.lastSet("summit_session")
	require.NotNil(t, c, "development over http on loopback")
	require.True(t, c.HttpOnly)

	status, me := br.me()
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, pm.ID, *me.ID)
	require.Equal(t, []viewer.Role{viewer.RolePartnerManager}, me.Roles)
	require.Equal(t, []string{"EAST"}, me.Regions)
	linked := b.client.User.GetX(b.ctx, pm.ID)
	require.Equal(t, "dev:pm01@summit.example", *linked.Subject)
	require.Equal(t, "华东区渠道经理", linked.Name)
	require.Zero(t, b.client.RoleAssignment.Query().Where(roleassignment.SourceEQ(roleassignment.SourceIDP)).CountX(b.ctx),
		"the local roles came back as groups and are not duplicated")

	// A second login of the same user finds them by subject; the form can
	// also name any active user by email.
	state = openDevLoginPage(t, br, "/auth/login")
	form = url.Values{"state": {state}, "email": {" KAM08@summit.example "}}
	p = br.post("/auth/login", "application/x-www-form-urlencoded", form.Encode(), nil)
	require.Equal(t, http.StatusOK, p.status, p.body)
	_, me = br.me()
	require.Equal(t, "kam08@summit.example", me.Email)
	require.Equal(t, 1, b.sessionCount(), "rotated")
}

func TestDevIdPLoginFormIsCSRFSafe(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{devIdP: true})
	b.createUser("admin@summit.example", "系统管理员", "ADMIN")
	br := b.browser()
	state := openDevLoginPage(t, br, "/auth/login")

	// Another browser (an attacker's page) posting the form: no login cookie.
	other := b.browser()
	form := url.Values{"state": {state}, "email": {"admin@summit.example"}}
	p := other.post("/auth/login", "application/x-www-form-urlencoded", form.Encode(), nil)
	require.Equal(t, http.StatusForbidden, p.status)

	// The right browser, a made-up state.
	form.Set("state", "made-up")
	p = br.post("/auth/login", "application/x-www-form-urlencoded", form.Encode(), nil)
	require.Equal(t, http.StatusForbidden, p.status)

	// The right browser, from another origin.
	form.Set("state", state)
	p = br.post("/auth/login", "application/x-www-form-urlencoded", form.Encode(), map[string]string{"Origin": "http://evil.example"})
	require.Equal(t, http.StatusForbidden, p.status)

	// Unknown or deactivated users.
	form.Set("email", "nobody@summit.example")
	p = br.post("/auth/login", "application/x-www-form-urlencoded", form.Encode(), nil)
	require.Equal(t, http.StatusBadRequest, p.status)
	require.Zero(t, b.sessionCount())

	// The authorization endpoint without a chosen user refuses, rather than
	// signing in mockoidc's default user.
	p = br.get(devAuthorizePath + "?state=" + url.QueryEscape(state) + "&client_id=x&response_type=code&scope=openid&redirect_uri=" + url.QueryEscape(b.srv.URL+"/auth/callback"))
	require.Equal(t, http.StatusBadRequest, p.status)
	require.True(t, strings.Contains(p.body, "no user was chosen"))
	p = br.get(b.svc.DevIdP().Issuer() + "/authorize?state=x&client_id=x&response_type=code&scope=openid&redirect_uri=x")
	require.Equal(t, http.StatusBadRequest, p.status)
	require.Zero(t, b.sessionCount())
	require.False(t, b.client.User.Query().Where(user.EmailContains("example.com")).ExistX(b.ctx))
}

func TestDevIdPEmptyDatabase(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{devIdP: true})
	p := b.browser().get("/auth/login")
	require.Equal(t, http.StatusOK, p.status)
	require.Contains(t, p.body, "summit seed")
}

func TestProductionRefusesDevIdP(t *testing.T) {
	t.Parallel()
	client := database.NewClient(testdb.NewPool(t))
	_, err := New(context.Background(), client, Config{PublicURL: "https://summit.example.com"})
	require.ErrorIs(t, err, ErrIssuerRequired)
}

// browserOrigin is the Origin header a browser sends with a form POST from
// a page at pageOrigin to targetOrigin, by the Fetch standard's "append a
// request Origin header" (what Chromium implements): the page's
// Referrer-Policy decides whether the origin is sent or serialized as
// "null".
func browserOrigin(referrerPolicy, pageOrigin, targetOrigin string) string {
	policy := strings.TrimSpace(referrerPolicy)
	if i := strings.LastIndex(policy, ","); i >= 0 { // the last known token wins
		policy = strings.TrimSpace(policy[i+1:])
	}
	if policy == "" {
		policy = "strict-origin-when-cross-origin"
	}
	switch policy {
	case "no-referrer":
		return "null"
	case "no-referrer-when-downgrade", "strict-origin", "strict-origin-when-cross-origin":
		if strings.HasPrefix(pageOrigin, "https:") && !strings.HasPrefix(targetOrigin, "https:") {
			return "null"
		}
	case "same-origin":
		if pageOrigin != targetOrigin {
			return "null"
		}
	}
	return pageOrigin
}

// The development sign-in as Chromium performs it: the form is posted
// with the Origin the browser derives from the page's Referrer-Policy. With
// "no-referrer" that was "null", and every sign-in failed with 403.
func TestDevIdPLoginAsChromiumPostsIt(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{devIdP: true})
	b.createUser("admin@summit.example", "系统管理员", "ADMIN")
	br := b.browser()
	p := br.get("/auth/login")
	require.Equal(t, http.StatusOK, p.status)
	state := stateField.FindStringSubmatch(p.body)[1]
	require.Contains(t, p.header.Get("Content-Security-Policy"), "form-action 'self'", "the form posts to this origin")

	origin := browserOrigin(p.header.Get("Referrer-Policy"), b.srv.URL, b.srv.URL)
	require.NotEqual(t, "null", origin, "the page's Referrer-Policy makes Chromium send Origin: null")
	form := url.Values{"state": {state}, "email": {"admin@summit.example"}}
	p = br.post("/auth/login", "application/x-www-form-urlencoded", form.Encode(), map[string]string{
		"Origin": origin, "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document",
	})
	require.Equal(t, http.StatusOK, p.status, p.body)
	status, me := br.me()
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "admin@summit.example", me.Email)
}
