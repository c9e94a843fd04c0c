package auth

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/summitkam/summit/internal/unavailable"
	"github.com/summitkam/summit/internal/viewer"
)

// method says how a request authenticated.
type method int

const (
	viaNone method = iota
	viaCookie
	viaBearer
)

// authenticate returns the viewer of r's credentials: an Authorization:
// Bearer service token, else the session cookie. Credentials that are
// unknown, revoked, expired or of a deactivated user give no viewer.
func (s *Service) authenticate(r *http.Request) (*viewer.Viewer, method, error) {
	ctx := r.Context()
	if authz := r.Header.Get("Authorization"); authz != "" {
		scheme, token, _ := strings.Cut(authz, " ")
		if !strings.EqualFold(scheme, "Bearer") {
			return nil, viaBearer, nil
		}
		token = strings.TrimSpace(token)
		key := "t:" + hashSecret(token)
		if v := s.creds.get(key, s.now()); v != nil {
			return v, viaBearer, nil
		}
		v, err := s.tokens.Authenticate(ctx, token)
		s.creds.put(key, v, s.now(), time.Time{})
		return v, viaBearer, err
	}
	c, err := r.Cookie(s.SessionCookieName())
	if err != nil || c.Value == "" {
		return nil, viaNone, nil
	}
	key := sessionCacheKey(c.Value)
	if v := s.creds.get(key, s.now()); v != nil {
		return v, viaCookie, nil
	}
	sess, err := s.liveSession(ctx, c.Value)
	if err != nil || sess == nil {
		return nil, viaCookie, err
	}
	v, err := s.userViewer(ctx, sess.UserID)
	if err != nil || v == nil {
		return nil, viaCookie, err
	}
	v.SessionID = strconv.Itoa(sess.ID)
	// Kept no longer than the session itself may live without a lookup.
	limit := sess.ExpiresAt
	if idle := sess.LastSeenAt.Add(s.cfg.IdleTimeout); idle.Before(limit) {
		limit = idle
	}
	s.creds.put(key, v, s.now(), limit)
	return v, viaCookie, nil
}

func sessionCacheKey(secret string) string { return "s:" + hashSecret(secret) }

// Middleware puts the viewer of the request's credentials in its context
// (viewer.NewContext); a request without valid credentials passes on
// without one. A state-changing request authenticated by the session cookie
// must pass the CSRF check (see CSRFHeader), or is refused with 403.
func (s *Service) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, via, err := s.authenticate(r)
		if unavailable.Database(err) {
			// A database restart: the client retries (see internal/unavailable).
			s.logger.WarnContext(r.Context(), "auth: database unavailable", "error", err)
			w.Header().Set("Retry-After", "1")
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"errors": []map[string]any{{
				"message": unavailable.Message, "extensions": map[string]any{"code": unavailable.Code, "retryable": true},
			}}})
			return
		}
		if err != nil {
			s.logger.ErrorContext(r.Context(), "auth: error authenticating request", "error", err)
			writeError(w, http.StatusInternalServerError, CodeInternal, "internal server error")
			return
		}
		if v == nil {
			next.ServeHTTP(w, r)
			return
		}
		if via == viaCookie && !safeMethod(r.Method) {
			if err := s.checkCSRF(r); err != nil {
				s.logger.WarnContext(r.Context(), "auth: request refused", "reason", err.Error(), "path", r.URL.Path)
				writeCSRFError(w)
				return
			}
		}
		next.ServeHTTP(w, r.WithContext(viewer.NewContext(r.Context(), v)))
	})
}

// RequireViewer refuses a request whose context has no viewer with 401 and
// {"errors":[{"message":"authentication required","extensions":{"code":"UNAUTHENTICATED"}}]}.
func RequireViewer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if viewer.FromContext(r.Context()) == nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="summit"`)
			writeError(w, http.StatusUnauthorized, CodeUnauthenticated, "authentication required")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Protect is Middleware followed by RequireViewer: what the API (/graphql)
// sits behind.
func (s *Service) Protect(next http.Handler) http.Handler {
	return s.Middleware(RequireViewer(next))
}
