package auth

import (
	"net/http"
	"net/url"
	"strings"
)

// LogoutResponse is the answer of POST /auth/logout. The app navigates to
// RedirectTo: the identity provider's end-session endpoint (RP-initiated
// logout) when its discovery document offers one, else "/". A JSON answer
// rather than a 303, because the app calls logout with fetch (it must send
// the CSRF header), and fetch cannot hand a cross-origin redirect to the
// page.
type LogoutResponse struct {
	RedirectTo string `json:"redirectTo"`
}

// handleLogout ends the session server-side: the row is deleted, so the
// old cookie is worthless even if replayed.
func (s *Service) handleLogout(w http.ResponseWriter, r *http.Request) {
	if err := s.checkCSRF(r); err != nil {
		writeCSRFError(w)
		return
	}
	if c, err := r.Cookie(s.SessionCookieName()); err == nil && c.Value != "" {
		if err := s.deleteSession(r.Context(), c.Value); err != nil {
			s.logger.ErrorContext(r.Context(), "auth: error ending session", "error", err)
			writeError(w, http.StatusInternalServerError, CodeInternal, "internal server error")
			return
		}
		s.logger.InfoContext(r.Context(), "auth: signed out")
	}
	s.clearCookie(w, sessionCookieBase)
	writeJSON(w, http.StatusOK, LogoutResponse{RedirectTo: s.logoutRedirect()})
}

// logoutRedirect is the RP-initiated logout URL. Summit keeps no ID token
// (so no id_token_hint); client_id names the client instead, as OpenID
// Connect RP-Initiated Logout 1.0 allows.
func (s *Service) logoutRedirect() string {
	if s.endSessionURL == "" {
		return "/"
	}
	u, err := url.Parse(s.endSessionURL)
	if err != nil {
		return "/"
	}
	q := u.Query()
	q.Set("client_id", s.cfg.ClientID)
	q.Set("post_logout_redirect_uri", s.cfg.PostLogoutRedirectURL)
	u.RawQuery = q.Encode()
	return strings.TrimSpace(u.String())
}
