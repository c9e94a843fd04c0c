package auth

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/viewer"
)

// Service is the login: routes under /auth/, the middleware that turns a
// session cookie or a bearer token into a viewer, and the stores behind them.
type Service struct {
	cfg    Config
	client *ent.Client
	logger *slog.Logger
	now    func() time.Time

	oauth         oauth2.Config
	provider      *oidc.Provider
	verifier      *oidc.IDTokenVerifier
	endSessionURL string
	// issParameter: the provider sends RFC 9207's iss parameter with the
	// authorization response, which the callback then requires.
	issParameter bool
	dev          *DevIdP

	tokens          *TokenStore
	creds           *credentialCache
	origin          *url.URL // PublicURL's origin
	insecureCookies bool
	routes          http.Handler
}

// New discovers the identity provider and returns the Service. In
// development without an issuer it starts the embedded DevIdP first; Close
// stops it.
func New(ctx context.Context, client *ent.Client, cfg Config) (*Service, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	origin, _ := parseOrigin(cfg.PublicURL) // validated
	s := &Service{
		cfg:    cfg,
		client: client,
		logger: cfg.Logger,
		now:    cfg.Now,
		tokens: &TokenStore{Client: client, Now: cfg.Now},
		creds:  newCredentialCache(cfg.CredentialCacheTTL),
		origin: origin,
		// Browsers drop Secure cookies over plain http, and __Host- requires
		// Secure: a development server on http://127.0.0.1 gets plain names.
		insecureCookies: cfg.Development && origin.Scheme == "http" && isLoopback(origin.Hostname()),
	}
	s.tokens.revoked = func(tokenHash string) { s.creds.forget("t:" + tokenHash) }
	if cfg.Development && origin.Scheme == "http" && !s.insecureCookies {
		s.logger.Warn("auth: SUMMIT_PUBLIC_URL is plain http on a non-loopback host; browsers will drop the Secure session cookie, so login will not stick (use https or a loopback address)",
			"public_url", cfg.PublicURL)
	}
	if cfg.Issuer == "" {
		dev, err := StartDevIdP()
		if err != nil {
			return nil, err
		}
		s.dev = dev
		cfg.Issuer, cfg.ClientID, cfg.ClientSecret = dev.Issuer(), dev.ClientID(), dev.ClientSecret()
		cfg.RoleMap = IdentityRoleMap()
		s.cfg = cfg
	}
	provider, err := oidc.NewProvider(oidc.ClientContext(ctx, cfg.HTTPClient), cfg.Issuer)
	if err != nil {
		_ = s.Close() // the discovery error is the one to report
		return nil, fmt.Errorf("error discovering the OpenID Connect provider %s: %w", cfg.Issuer, err)
	}
	var meta struct {
		EndSessionEndpoint string `json:"end_session_endpoint"`
		IssParameter       bool   `json:"authorization_response_iss_parameter_supported"`
	}
	if err := provider.Claims(&meta); err == nil {
		s.endSessionURL = meta.EndSessionEndpoint
		s.issParameter = meta.IssParameter
	}
	s.provider = provider
	endpoint := provider.Endpoint()
	if s.dev != nil {
		// The browser reaches the development provider's authorization
		// endpoint through Summit, so that it works wherever Summit does
		// (the provider itself listens on 127.0.0.1 only).
		endpoint.AuthURL = cfg.PublicURL + devAuthorizePath
		endpoint.AuthStyle = oauth2.AuthStyleInParams
	}
	s.oauth = oauth2.Config{
		ClientID:     cfg.ClientID,
		ClientSecret: cfg.ClientSecret,
		Endpoint:     endpoint,
		RedirectURL:  cfg.RedirectURL,
		Scopes:       cfg.Scopes,
	}
	s.verifier = provider.Verifier(&oidc.Config{ClientID: cfg.ClientID, Now: s.now})
	s.routes = s.newRoutes()
	if cfg.RoleMap.Len() == 0 && s.dev == nil {
		s.logger.Warn("auth: SUMMIT_OIDC_ROLE_MAP is empty; users get only locally assigned roles")
	}
	return s, nil
}

// Close stops the development identity provider, if any.
func (s *Service) Close() error {
	if s.dev != nil {
		return s.dev.Close()
	}
	return nil
}

// Handler serves the /auth/ routes (see the package documentation).
func (s *Service) Handler() http.Handler { return s.routes }

// Tokens is the service-token store.
func (s *Service) Tokens() *TokenStore { return s.tokens }

// DevIdP is the embedded development identity provider, or nil.
func (s *Service) DevIdP() *DevIdP { return s.dev }

// LoginURL is where a browser starts a login.
func (s *Service) LoginURL() string { return s.cfg.PublicURL + "/auth/login" }

func (s *Service) newRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /auth/login", s.handleLogin)
	mux.HandleFunc("POST /auth/login", s.handleDevLogin)
	mux.HandleFunc("GET /auth/callback", s.handleCallback)
	mux.HandleFunc("POST /auth/logout", s.handleLogout)
	mux.Handle("GET /auth/me", s.Middleware(http.HandlerFunc(s.handleMe)))
	if s.dev != nil {
		mux.Handle("GET "+devAuthorizePath, s.dev.authorizeHandler())
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Nothing under /auth/ may be cached: pages carry per-login state.
		w.Header().Set("Cache-Control", "no-store")
		mux.ServeHTTP(w, r)
	})
}

// system is the context for this package's own database work.
func system(ctx context.Context) context.Context { return viewer.System(ctx, "auth") }
