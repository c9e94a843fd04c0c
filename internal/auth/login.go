package auth

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/loginstate"
)

// handleLogin starts a login: it stores the state, nonce and PKCE verifier
// of a new login and sends the browser to the identity provider (in
// development: shows the demo-user page first).
func (s *Service) handleLogin(w http.ResponseWriter, r *http.Request) {
	next := sanitizeNext(r.URL.Query().Get("next"))
	// The session cookie belongs to the public host name; a login started
	// under another name (localhost vs 127.0.0.1) would set it where the
	// app is not. Start again on the public origin. Development only: in
	// production a reverse proxy may rewrite Host, and this would loop.
	if s.cfg.Development && r.Host != s.origin.Host {
		http.Redirect(w, r, s.cfg.PublicURL+"/auth/login?next="+url.QueryEscape(next), http.StatusFound)
		return
	}
	state, ls, err := s.newLoginState(r.Context(), next)
	if err != nil {
		s.logger.ErrorContext(r.Context(), "auth: error starting login", "error", err)
		errInternal.write(w)
		return
	}
	// The login cookie binds the login to this browser: a callback carrying
	// a state the browser did not start (login CSRF) is refused.
	http.SetCookie(w, s.cookie(loginCookieBase, state, s.cfg.LoginTimeout))
	if s.dev != nil {
		s.renderDevLoginPage(w, r, state)
		return
	}
	http.Redirect(w, r, s.authCodeURL(state, ls), http.StatusFound)
}

// newLoginState stores a login in flight and returns its state. Abandoned
// logins past their expiry are deleted on the way.
func (s *Service) newLoginState(ctx context.Context, next string) (string, *ent.LoginState, error) {
	ctx = system(ctx)
	now := s.now()
	if _, err := s.client.LoginState.Delete().Where(loginstate.ExpiresAtLTE(now)).Exec(ctx); err != nil {
		return "", nil, fmt.Errorf("error deleting abandoned logins: %w", err)
	}
	state := randomToken(32)
	ls, err := s.client.LoginState.Create().
		SetStateHash(hashSecret(state)).
		SetNonce(randomToken(32)).
		SetPkceVerifier(oauth2.GenerateVerifier()).
		SetNextPath(next).
		SetCreatedAt(now).
		SetExpiresAt(now.Add(s.cfg.LoginTimeout)).
		Save(ctx)
	if err != nil {
		return "", nil, fmt.Errorf("error storing login state: %w", err)
	}
	return state, ls, nil
}

// pendingLogin returns the unexpired login whose state is given, without
// consuming it, or nil.
func (s *Service) pendingLogin(ctx context.Context, state string) (*ent.LoginState, error) {
	ls, err := s.client.LoginState.Query().Where(loginstate.StateHash(hashSecret(state))).Only(system(ctx))
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("error loading login state: %w", err)
	}
	if !s.now().Before(ls.ExpiresAt) {
		return nil, nil
	}
	return ls, nil
}

// authCodeURL is the identity provider's authorization URL for a login:
// authorization code with PKCE (S256) and a nonce.
func (s *Service) authCodeURL(state string, ls *ent.LoginState) string {
	return s.oauth.AuthCodeURL(state, oauth2.S256ChallengeOption(ls.PkceVerifier), oidc.Nonce(ls.Nonce))
}

// sanitizeNext keeps next only when it is a path on this site: it must
// start with a single "/", carry no scheme or host, no backslash (browsers
// read "/\evil.example" as another host) and no control characters, and
// not lead back into /auth/. Anything else becomes "/".
func sanitizeNext(next string) string {
	if next == "" || len(next) > 2048 || !strings.HasPrefix(next, "/") ||
		strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\") {
		return "/"
	}
	for _, c := range next {
		if c < 0x20 || c == 0x7f {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	if clean := path.Clean(u.Path); clean == "/auth" || strings.HasPrefix(clean, "/auth/") {
		return "/"
	}
	u.Fragment = ""
	return u.String()
}
