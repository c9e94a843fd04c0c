package server

import "net/http"

// contentSecurityPolicy fits the single-page app (a Vite build served from
// / with hashed files under /assets/) and the JSON endpoints:
//   - script-src 'self': the app's bundles only; no inline script, no eval,
//     so an injected <script> cannot run;
//   - style-src 'self' 'unsafe-inline': antd (CSS-in-JS) inserts <style>
//     elements at run time, which a hash or nonce cannot cover; styles
//     cannot run code, so this is the accepted trade-off;
//   - img-src 'self' data:: icons and the app's inline SVG/PNG data URLs;
//   - connect-src 'self': the app talks only to /graphql and /auth/*;
//   - frame-ancestors 'none': no page may frame Summit (clickjacking);
//   - form-action 'self', base-uri 'self', object-src 'none': no form or
//     <base> can send anything elsewhere, no plugins.
//
// Pages that need less (the development sign-in page) send their own,
// stricter policy, which replaces this one.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// hsts asks browsers to use https only, for a year, on every subdomain.
const hsts = "max-age=31536000; includeSubDomains"

// securityHeaders sets the browser-facing security headers on every
// response (the app, /graphql, /auth/*, the probes). A handler may replace
// one (the development sign-in page sets its own CSP and Referrer-Policy).
// HSTS only in production: in development the server is plain http on
// loopback, and HSTS there would stick to localhost for other projects.
func securityHeaders(production bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if production {
			h.Set("Strict-Transport-Security", hsts)
		}
		next.ServeHTTP(w, r)
	})
}
