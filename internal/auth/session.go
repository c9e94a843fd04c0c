package auth

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/loginstate"
	"github.com/summitkam/summit/ent/session"
)

// Cookie names. Over https (always in production) they carry the __Host-
// prefix, which makes browsers insist on Secure, Path=/ and no Domain, so a
// sibling subdomain cannot plant or overwrite them.
const (
	sessionCookieBase = "summit_session"
	loginCookieBase   = "summit_login"
	hostPrefix        = "__Host-"
)

// touchInterval bounds how often a session's last_seen_at is written: at
// most once a minute, not once a request.
const touchInterval = time.Minute

// SessionCookieName is the name of the session cookie this Service sets.
func (s *Service) SessionCookieName() string { return s.cookieName(sessionCookieBase) }

func (s *Service) cookieName(base string) string {
	if s.insecureCookies {
		return base
	}
	return hostPrefix + base
}

func (s *Service) cookie(base, value string, maxAge time.Duration) *http.Cookie {
	c := &http.Cookie{
		Name:     s.cookieName(base),
		Value:    value,
		Path:     "/",
		HttpOnly: true,
		Secure:   !s.insecureCookies,
		SameSite: http.SameSiteLaxMode,
		MaxAge:   int(maxAge / time.Second),
	}
	if maxAge < 0 {
		c.MaxAge = -1
	}
	return c
}

func (s *Service) clearCookie(w http.ResponseWriter, base string) {
	http.SetCookie(w, s.cookie(base, "", -1))
}

// createSession stores a new session of userID and returns the secret for
// the cookie. Only its hash is stored.
func (s *Service) createSession(ctx context.Context, userID int, r *http.Request) (string, error) {
	secret := randomToken(32)
	now := s.now()
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	err = s.client.Session.Create().
		SetIDHash(hashSecret(secret)).
		SetUserID(userID).
		SetCreatedAt(now).
		SetLastSeenAt(now).
		SetExpiresAt(now.Add(s.cfg.MaxAge)).
		SetUserAgent(truncate(r.UserAgent(), 512)).
		SetIP(truncate(ip, 64)).
		Exec(system(ctx))
	if err != nil {
		return "", fmt.Errorf("error creating session of user %d: %w", userID, err)
	}
	return secret, nil
}

// liveSession returns the session whose secret is given, or nil when there
// is none or it has ended (idle or absolute timeout; an ended session is
// deleted). It records use at most once per touchInterval.
func (s *Service) liveSession(ctx context.Context, secret string) (*ent.Session, error) {
	ctx = system(ctx)
	sess, err := s.client.Session.Query().Where(session.IDHash(hashSecret(secret))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("error loading session: %w", err)
	}
	now := s.now()
	if !now.Before(sess.ExpiresAt) || !now.Before(sess.LastSeenAt.Add(s.cfg.IdleTimeout)) {
		if err := s.client.Session.DeleteOneID(sess.ID).Exec(ctx); err != nil && !ent.IsNotFound(err) {
			return nil, fmt.Errorf("error deleting ended session %d: %w", sess.ID, err)
		}
		return nil, nil
	}
	if now.Sub(sess.LastSeenAt) >= touchInterval {
		// The condition makes concurrent requests write once between them.
		err := s.client.Session.Update().
			Where(session.ID(sess.ID), session.LastSeenAtLT(now.Add(-touchInterval))).
			SetLastSeenAt(now).
			Exec(ctx)
		if err != nil {
			return nil, fmt.Errorf("error recording use of session %d: %w", sess.ID, err)
		}
		sess.LastSeenAt = now
	}
	return sess, nil
}

// deleteSession ends the session whose secret is given, if it exists.
func (s *Service) deleteSession(ctx context.Context, secret string) error {
	_, err := s.client.Session.Delete().Where(session.IDHash(hashSecret(secret))).Exec(system(ctx))
	if err != nil {
		return fmt.Errorf("error deleting session: %w", err)
	}
	s.creds.forget(sessionCacheKey(secret))
	return nil
}

// sweep deletes ended sessions and abandoned logins. It runs at each login,
// which keeps both tables small without a scheduled job.
func (s *Service) sweep(ctx context.Context) {
	ctx = system(ctx)
	now := s.now()
	if _, err := s.client.Session.Delete().
		Where(session.Or(session.ExpiresAtLTE(now), session.LastSeenAtLTE(now.Add(-s.cfg.IdleTimeout)))).
		Exec(ctx); err != nil {
		s.logger.WarnContext(ctx, "auth: error deleting ended sessions", "error", err)
	}
	if _, err := s.client.LoginState.Delete().Where(loginstate.ExpiresAtLTE(now)).Exec(ctx); err != nil {
		s.logger.WarnContext(ctx, "auth: error deleting abandoned logins", "error", err)
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	// Cut on a rune boundary.
	for n > 0 && (s[n]&0xC0) == 0x80 {
		n--
	}
	return s[:n]
}
