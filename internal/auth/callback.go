package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"golang.org/x/oauth2"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/loginstate"
)

// handleCallback finishes a login: it consumes the login state (single
// use), exchanges the code with the PKCE verifier, verifies the ID token
// (signature, issuer, audience, expiry, nonce), signs the user in and
// replaces whatever session the browser had with a new one.
func (s *Service) handleCallback(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	state := q.Get("state")
	loginCookie, _ := r.Cookie(s.cookieName(loginCookieBase))
	s.clearCookie(w, loginCookieBase)

	ls, err := s.consumeLoginState(ctx, state)
	if err != nil {
		s.fail(ctx, w, errInternal, "error consuming login state", err)
		return
	}
	if ls == nil {
		s.fail(ctx, w, errBadState, "unknown, used or expired state", nil)
		return
	}
	if loginCookie == nil || !equalSecrets(loginCookie.Value, state) {
		s.fail(ctx, w, errBadState, "state not started by this browser", nil)
		return
	}
	// RFC 9207: the authorization response names its issuer, so a response
	// from another provider (a mix-up attack) is refused. Required when the
	// provider advertises it; checked whenever present.
	if iss, ok := q["iss"]; ok || s.issParameter {
		if !ok || len(iss) != 1 || iss[0] != s.cfg.Issuer {
			s.fail(ctx, w, errBadState, "authorization response from another issuer", nil, slog.String("iss", truncate(q.Get("iss"), 200)))
			return
		}
	}
	if e := q.Get("error"); e != "" {
		s.fail(ctx, w, errIdPRefused, "identity provider returned an error", nil, slog.String("idp_error", truncate(e, 64)))
		return
	}
	code := q.Get("code")
	if code == "" {
		s.fail(ctx, w, errBadState, "callback without code", nil)
		return
	}

	token, err := s.oauth.Exchange(s.idpContext(ctx), code, oauth2.VerifierOption(ls.PkceVerifier))
	if err != nil {
		// A RetrieveError's text can quote the request (and the code); log
		// only the provider's error code.
		var re *oauth2.RetrieveError
		if errors.As(err, &re) && re.Response != nil {
			s.fail(ctx, w, errIdPRefused, "code exchange refused", nil, slog.String("idp_error", re.ErrorCode), slog.Int("idp_status", re.Response.StatusCode))
		} else {
			s.fail(ctx, w, errIdPRefused, "code exchange failed", err)
		}
		return
	}
	rawIDToken, _ := token.Extra("id_token").(string)
	if rawIDToken == "" {
		s.fail(ctx, w, errBadIDToken, "token response without id_token", nil)
		return
	}
	idToken, err := s.verifier.Verify(s.idpContext(ctx), rawIDToken)
	if err != nil {
		s.fail(ctx, w, errBadIDToken, "ID token rejected", err)
		return
	}
	if !equalSecrets(idToken.Nonce, ls.Nonce) {
		s.fail(ctx, w, errBadIDToken, "ID token nonce does not match", nil)
		return
	}
	if err := s.checkAuthorizedParty(idToken); err != nil {
		s.fail(ctx, w, errBadIDToken, "ID token not issued to Summit", err)
		return
	}
	id, err := s.identityFrom(idToken)
	if err != nil {
		s.fail(ctx, w, errBadIDToken, "ID token claims unusable", err)
		return
	}
	if err := s.completeFromUserInfo(ctx, token, &id); err != nil {
		s.fail(ctx, w, errBadIDToken, "UserInfo unusable", err)
		return
	}

	u, err := s.signIn(ctx, id)
	var pe pageError
	if errors.As(err, &pe) {
		s.fail(ctx, w, pe, "sign-in refused", nil, slog.String("subject", id.Subject))
		return
	}
	if err != nil {
		s.fail(ctx, w, errInternal, "error signing in", err)
		return
	}

	// Rotate: the browser's previous session, if any, ends here.
	if old, err := r.Cookie(s.SessionCookieName()); err == nil {
		if err := s.deleteSession(ctx, old.Value); err != nil {
			s.fail(ctx, w, errInternal, "error ending previous session", err)
			return
		}
	}
	secret, err := s.createSession(ctx, u.ID, r)
	if err != nil {
		s.fail(ctx, w, errInternal, "error creating session", err)
		return
	}
	s.sweep(ctx)
	http.SetCookie(w, s.cookie(sessionCookieBase, secret, s.cfg.MaxAge))
	s.logger.InfoContext(ctx, "auth: signed in", slog.Int("user_id", u.ID))
	http.Redirect(w, r, ls.NextPath, http.StatusSeeOther)
}

// consumeLoginState deletes and returns the unexpired login with the given
// state, or nil. Deleting first makes the state single use even when two
// callbacks race: only one delete finds the row.
func (s *Service) consumeLoginState(ctx context.Context, state string) (*ent.LoginState, error) {
	if state == "" {
		return nil, nil
	}
	ctx = system(ctx)
	ls, err := s.client.LoginState.Query().Where(loginstate.StateHash(hashSecret(state))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("error loading login state: %w", err)
	}
	err = s.client.LoginState.DeleteOneID(ls.ID).Exec(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("error deleting login state %d: %w", ls.ID, err)
	}
	if !s.now().Before(ls.ExpiresAt) {
		return nil, nil
	}
	return ls, nil
}

// idpContext makes oauth2 and go-oidc use the configured HTTP client.
func (s *Service) idpContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, s.cfg.HTTPClient)
}

// fail logs why a login failed (never a secret) and shows the page.
func (s *Service) fail(ctx context.Context, w http.ResponseWriter, page pageError, reason string, err error, attrs ...slog.Attr) {
	attrs = append(attrs, slog.String("reason", reason), slog.Int("status", page.Status))
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	level := slog.LevelWarn
	if page.Status >= 500 {
		level = slog.LevelError
	}
	s.logger.LogAttrs(ctx, level, "auth: login failed", attrs...)
	page.write(w)
}
