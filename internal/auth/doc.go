// Package auth is Summit's login, as a backend-for-frontend: the browser
// never sees an OAuth token. It runs the OpenID Connect authorization-code
// flow with PKCE against the company's identity provider, verifies the ID
// token (signature, issuer, audience, expiry, nonce), creates or updates the
// user from its claims, maps the groups claim to roles, and gives the browser
// an HttpOnly session cookie backed by a row in PostgreSQL. Scripts use
// service tokens (bearer) instead.
//
// Routes (Service.Handler):
//
//	GET  /auth/login      start a login (?next=/path); in development, the demo-user page
//	POST /auth/login      development only: sign in as the chosen demo user
//	GET  /auth/callback   the identity provider's redirect back
//	POST /auth/logout     end the session (needs the CSRF header)
//	GET  /auth/me         who is logged in (JSON), 401 when nobody
//
// Service.Protect wraps the API (/graphql): it resolves the viewer from the
// session cookie or an Authorization: Bearer token, refuses requests without
// one (401 UNAUTHENTICATED) and state-changing requests authenticated by the
// cookie that lack the header X-Summit-CSRF: 1 or come from another origin
// (403 FORBIDDEN).
//
// All database work of this package runs as viewer.System(ctx, "auth"):
// row-level rules deny a context without a viewer, and at login there is no
// viewer yet.
//
// In development without a configured issuer, New starts an embedded
// identity provider (DevIdP, built on mockoidc) and GET /auth/login lists
// demo users to sign in as; the rest of the flow is the production one.
package auth
