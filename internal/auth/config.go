package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Config configures the Service. cmd/summit fills it from internal/config
// (the SUMMIT_OIDC_* and SUMMIT_SESSION_* variables).
type Config struct {
	// Issuer is the OpenID Connect issuer URL (SUMMIT_OIDC_ISSUER); its
	// discovery document names the endpoints and keys. When empty in
	// development, New starts the embedded development identity provider;
	// production requires it.
	//
	// Defaults to empty.
	Issuer string

	// ClientID is Summit's client id at the identity provider
	// (SUMMIT_OIDC_CLIENT_ID). Required with an Issuer.
	//
	// Defaults to empty.
	ClientID string

	// ClientSecret authenticates Summit at the token endpoint
	// (SUMMIT_OIDC_CLIENT_SECRET); empty for a public client (PKCE only).
	//
	// Defaults to empty.
	ClientSecret string

	// PublicURL is the origin browsers use to reach Summit, e.g.
	// https://summit.example.com (SUMMIT_PUBLIC_URL). Cookies, the CSRF
	// origin check and RedirectURL derive from it; a login that starts on
	// another host name is first sent here. Production requires https.
	//
	// Required.
	PublicURL string

	// RedirectURL is the callback registered at the identity provider
	// (SUMMIT_OIDC_REDIRECT_URL).
	//
	// Defaults to PublicURL + "/auth/callback".
	RedirectURL string

	// PostLogoutRedirectURL is where the identity provider sends the browser
	// after an RP-initiated logout; register it there.
	//
	// Defaults to PublicURL + "/".
	PostLogoutRedirectURL string

	// Scopes are requested at login (SUMMIT_OIDC_SCOPES).
	//
	// Defaults to openid, profile, email, groups.
	Scopes []string

	// GroupsClaim names the ID token claim that lists the user's groups
	// (SUMMIT_OIDC_GROUPS_CLAIM).
	//
	// Defaults to "groups".
	GroupsClaim string

	// TrustEmail links a first login to an existing user by email when the
	// provider omits email_verified (SUMMIT_OIDC_TRUST_EMAIL): set it only
	// for a provider whose emails are all verified (a company directory).
	// Without it, linking needs email_verified: true; false never links.
	//
	// Defaults to false.
	TrustEmail bool

	// RoleMap maps groups to roles (SUMMIT_OIDC_ROLE_MAP, see ParseRoleMap).
	// The development identity provider always uses IdentityRoleMap.
	//
	// Defaults to an empty map: only locally assigned roles.
	RoleMap RoleMap

	// IdleTimeout ends a session that has not been used for this long
	// (SUMMIT_SESSION_IDLE_TIMEOUT).
	//
	// Defaults to 2 hours.
	IdleTimeout time.Duration

	// MaxAge ends a session this long after login, used or not
	// (SUMMIT_SESSION_MAX_AGE).
	//
	// Defaults to 12 hours.
	MaxAge time.Duration

	// CredentialCacheTTL is how long the viewer of a session or service
	// token is reused without looking it up again: a session ended or a token revoked by
	// another process, a deactivated user or changed roles take effect
	// within it. Signing out or in through this process takes effect at
	// once. Negative disables the cache.
	//
	// Defaults to 5 seconds.
	CredentialCacheTTL time.Duration

	// LoginTimeout is how long a login may take between GET /auth/login and
	// the callback.
	//
	// Defaults to 10 minutes.
	LoginTimeout time.Duration

	// Development allows the embedded identity provider and, when PublicURL
	// is plain http on a loopback address, cookies without the __Host-
	// prefix and the Secure flag (browsers drop Secure cookies over http).
	// Production never relaxes either.
	//
	// Defaults to false.
	Development bool

	// HTTPClient talks to the identity provider.
	//
	// Defaults to a client with a 15 second timeout.
	HTTPClient *http.Client

	// Logger receives login, logout and failure events; never secrets.
	//
	// Defaults to discarding.
	Logger *slog.Logger

	// Now is the clock of sessions, logins, tokens and ID-token expiry.
	//
	// Defaults to time.Now.
	Now func() time.Time

	// RequestID returns the request id of a context, for audit events.
	//
	// Defaults to none.
	RequestID func(context.Context) string
}

// WithDefaults returns c with zero fields set to their defaults.
func (c Config) WithDefaults() Config {
	c.PublicURL = strings.TrimSuffix(c.PublicURL, "/")
	if c.RedirectURL == "" && c.PublicURL != "" {
		c.RedirectURL = c.PublicURL + "/auth/callback"
	}
	if c.PostLogoutRedirectURL == "" && c.PublicURL != "" {
		c.PostLogoutRedirectURL = c.PublicURL + "/"
	}
	if len(c.Scopes) == 0 {
		c.Scopes = []string{"openid", "profile", "email", "groups"}
	}
	if c.GroupsClaim == "" {
		c.GroupsClaim = "groups"
	}
	if c.IdleTimeout == 0 {
		c.IdleTimeout = 2 * time.Hour
	}
	if c.MaxAge == 0 {
		c.MaxAge = 12 * time.Hour
	}
	if c.CredentialCacheTTL == 0 {
		c.CredentialCacheTTL = 5 * time.Second
	}
	if c.LoginTimeout == 0 {
		c.LoginTimeout = 10 * time.Minute
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Timeout: 15 * time.Second}
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.RequestID == nil {
		c.RequestID = func(context.Context) string { return "" }
	}
	return c
}

// ErrIssuerRequired is returned in production without an issuer.
var ErrIssuerRequired = errors.New("SUMMIT_OIDC_ISSUER is required in production (the embedded development identity provider is refused)")

func (c Config) validate() error {
	var errs []error
	if !c.Development && c.Issuer == "" {
		errs = append(errs, ErrIssuerRequired)
	}
	if c.Issuer != "" && c.ClientID == "" {
		errs = append(errs, errors.New("SUMMIT_OIDC_CLIENT_ID is required with SUMMIT_OIDC_ISSUER"))
	}
	if pub, err := parseOrigin(c.PublicURL); err != nil {
		errs = append(errs, fmt.Errorf("SUMMIT_PUBLIC_URL: %w", err))
	} else if !c.Development && pub.Scheme != "https" {
		errs = append(errs, fmt.Errorf("SUMMIT_PUBLIC_URL must be https in production (session cookies are Secure), got %q", c.PublicURL))
	}
	for name, raw := range map[string]string{"SUMMIT_OIDC_REDIRECT_URL": c.RedirectURL, "post-logout redirect URL": c.PostLogoutRedirectURL} {
		if u, err := url.Parse(raw); err != nil || !u.IsAbs() || u.Host == "" {
			errs = append(errs, fmt.Errorf("%s must be an absolute URL, got %q", name, raw))
		}
	}
	if c.IdleTimeout < 0 || c.MaxAge < 0 || c.LoginTimeout < 0 {
		errs = append(errs, errors.New("session and login timeouts must be positive"))
	}
	return errors.Join(errs...)
}

// parseOrigin parses an origin such as https://summit.example.com: a
// scheme, a host and nothing else (Summit is served at the root of its host,
// which the __Host- cookie prefix requires anyway).
func parseOrigin(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("want an http(s) origin such as https://summit.example.com, got %q", raw)
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("want an origin without path, query or user info, got %q", raw)
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}, nil
}

// isLoopback reports whether host (no port) names this machine.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
