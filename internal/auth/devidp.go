package auth

import (
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/oauth2-proxy/mockoidc"
)

// devAuthorizePath is where Summit serves the development provider's
// authorization endpoint to browsers (see New).
const devAuthorizePath = "/auth/dev-idp/authorize"

// DevIdP is the embedded identity provider of development: mockoidc on
// 127.0.0.1 (random port), with a fresh signing key and client credentials
// per start. It signs in whoever the login page chose, through the real
// authorization-code + PKCE flow, so development exercises the same code
// and checks as production. It never runs in production (New refuses).
//
// mockoidc hands out the next queued user at its authorization endpoint;
// DevIdP queues the user chosen for a login only when that login's
// authorization request arrives, under one lock with mockoidc's handlers
// (whose session store is not safe for concurrent use), so that two
// browsers logging in at once cannot swap users. An authorization request
// with no chosen user is refused instead of signing in mockoidc's default
// user.
type DevIdP struct {
	m *mockoidc.MockOIDC

	mu      sync.Mutex
	pending map[string]pendingUser // by login state
}

type pendingUser struct {
	user    *mockoidc.MockUser
	expires time.Time
}

// StartDevIdP starts the development identity provider.
func StartDevIdP() (*DevIdP, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, fmt.Errorf("error generating the development identity provider's key: %w", err)
	}
	m, err := mockoidc.NewServer(key)
	if err != nil {
		return nil, fmt.Errorf("error creating the development identity provider: %w", err)
	}
	m.CodeChallengeMethodsSupported = []string{mockoidc.CodeChallengeMethodS256}
	d := &DevIdP{m: m, pending: map[string]pendingUser{}}
	if err := m.AddMiddleware(d.serialize); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("error listening for the development identity provider: %w", err)
	}
	if err := m.Start(ln, nil); err != nil {
		ln.Close()
		return nil, fmt.Errorf("error starting the development identity provider: %w", err)
	}
	return d, nil
}

// Issuer is the provider's issuer URL (http://127.0.0.1:PORT/oidc).
func (d *DevIdP) Issuer() string { return d.m.Issuer() }

// ClientID is the client id Summit uses with it.
func (d *DevIdP) ClientID() string { return d.m.ClientID }

// ClientSecret is the client secret Summit uses with it.
func (d *DevIdP) ClientSecret() string { return d.m.ClientSecret }

// Close stops the provider.
func (d *DevIdP) Close() error { return d.m.Shutdown() }

// expect makes the authorization request of the login with the given state
// sign in u.
func (d *DevIdP) expect(state string, u *mockoidc.MockUser) {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := time.Now()
	for k, p := range d.pending {
		if now.After(p.expires) {
			delete(d.pending, k)
		}
	}
	d.pending[state] = pendingUser{user: u, expires: now.Add(10 * time.Minute)}
}

// serialize runs mockoidc's handlers one at a time; at the authorization
// endpoint it first queues the user chosen for the login.
func (d *DevIdP) serialize(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d.mu.Lock()
		defer d.mu.Unlock()
		if r.URL.Path == mockoidc.AuthorizationEndpoint && !d.queueChosenUser(w, r) {
			return
		}
		next.ServeHTTP(w, r)
	})
}

// authorizeHandler is the authorization endpoint as Summit serves it to
// browsers: mockoidc's handler, in process.
func (d *DevIdP) authorizeHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d.mu.Lock()
		defer d.mu.Unlock()
		if d.queueChosenUser(w, r) {
			d.m.Authorize(w, r)
		}
	})
}

// queueChosenUser queues the user chosen for r's login, or answers 400.
// The caller holds mu.
func (d *DevIdP) queueChosenUser(w http.ResponseWriter, r *http.Request) bool {
	state := r.FormValue("state")
	p, ok := d.pending[state]
	if !ok || time.Now().After(p.expires) {
		http.Error(w, "no user was chosen for this login; start again at /auth/login", http.StatusBadRequest)
		return false
	}
	delete(d.pending, state)
	d.m.QueueUser(p.user)
	return true
}
