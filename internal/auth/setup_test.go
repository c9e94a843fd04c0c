package auth

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/roleassignment"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

// testClock is the Service's clock in tests.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// testIdP is mockoidc with hooks to misbehave: tamper rewrites the claims of
// the ID token the token endpoint returns (re-signed with mockoidc's key, or
// with signWith), and endSession adds an end_session_endpoint to discovery.
type testIdP struct {
	*mockoidc.MockOIDC

	mu         sync.Mutex
	tamper     func(jwt.MapClaims)
	signWith   *mockoidc.Keypair
	endSession string
	tokenCalls int
	// discovery adds fields to the discovery document.
	discovery map[string]any
	// redirect rewrites the authorization response (the redirect to
	// Summit's callback).
	redirect func(url.Values)
}

func startTestIdP(t *testing.T) *testIdP {
	t.Helper()
	m, err := mockoidc.NewServer(testKey(t))
	require.NoError(t, err)
	idp := &testIdP{MockOIDC: m}
	require.NoError(t, m.AddMiddleware(idp.middleware))
	ln, err := newLocalListener()
	require.NoError(t, err)
	require.NoError(t, m.Start(ln, nil))
	t.Cleanup(func() { _ = m.Shutdown() })
	return idp
}

var (
	keyOnce sync.Once
	key     *rsa.PrivateKey
)

// testKey is one RSA key for all test providers: generating one per test
// would dominate the run time.
func testKey(t *testing.T) *rsa.PrivateKey {
	keyOnce.Do(func() {
		var err error
		key, err = rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
	})
	return key
}

func (p *testIdP) setTamper(f func(jwt.MapClaims)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tamper = f
}

func (p *testIdP) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		tamper, signWith, endSession, discovery, redirect := p.tamper, p.signWith, p.endSession, p.discovery, p.redirect
		if r.URL.Path == mockoidc.TokenEndpoint {
			p.tokenCalls++
		}
		p.mu.Unlock()
		switch {
		case r.URL.Path == mockoidc.AuthorizationEndpoint && redirect != nil:
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			if loc, err := url.Parse(rec.Header().Get("Location")); err == nil && loc.Host != "" {
				q := loc.Query()
				redirect(q)
				loc.RawQuery = q.Encode()
				w.Header().Set("Location", loc.String())
			}
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
		case r.URL.Path == mockoidc.DiscoveryEndpoint && (endSession != "" || discovery != nil):
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			var doc map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
				panic(err)
			}
			if endSession != "" {
				doc["end_session_endpoint"] = endSession
			}
			for k, v := range discovery {
				doc[k] = v
			}
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(doc)
		case r.URL.Path == mockoidc.TokenEndpoint && (tamper != nil || signWith != nil):
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			var body map[string]any
			if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &body) != nil || body["id_token"] == nil {
				w.WriteHeader(rec.Code)
				_, _ = w.Write(rec.Body.Bytes())
				return
			}
			claims := jwt.MapClaims{}
			if _, _, err := jwt.NewParser().ParseUnverified(body["id_token"].(string), claims); err != nil {
				panic(err)
			}
			if tamper != nil {
				tamper(claims)
			}
			kp := p.Keypair
			if signWith != nil {
				kp = signWith
			}
			signed, err := kp.SignJWT(claims)
			if err != nil {
				panic(err)
			}
			body["id_token"] = signed
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(body)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// testUser is a person at the test provider, with the claims mockoidc's
// MockUser lacks (name, email_verified=false).
type testUser struct {
	Subject       string
	Email         string
	Name          string
	EmailVerified *bool
	Groups        []string
	// NoIDTokenEmail leaves email out of the ID token (a provider that
	// gives it only through UserInfo).
	NoIDTokenEmail bool
	// UserInfo, when set, is the UserInfo response as is.
	UserInfo map[string]any
}

func (u testUser) ID() string { return u.Subject }

func (u testUser) Userinfo([]string) ([]byte, error) {
	if u.UserInfo != nil {
		return json.Marshal(u.UserInfo)
	}
	return json.Marshal(map[string]any{"sub": u.Subject, "email": u.Email, "groups": u.Groups})
}

func (u testUser) Claims(_ []string, base *mockoidc.IDTokenClaims) (jwt.Claims, error) {
	raw, err := json.Marshal(base)
	if err != nil {
		return nil, err
	}
	claims := jwt.MapClaims{}
	if err := json.Unmarshal(raw, &claims); err != nil {
		return nil, err
	}
	if u.Email != "" && !u.NoIDTokenEmail {
		claims["email"] = u.Email
	}
	if u.Name != "" {
		claims["name"] = u.Name
	}
	if u.EmailVerified != nil {
		claims["email_verified"] = *u.EmailVerified
	}
	if u.Groups != nil {
		claims["groups"] = u.Groups
	}
	return claims, nil
}

// lockedBuffer collects log output of parallel handlers.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

type bundle struct {
	t      *testing.T
	ctx    context.Context // the system viewer, for test set-up and checks
	client *ent.Client
	idp    *testIdP // nil with the development provider
	svc    *Service
	srv    *httptest.Server
	clock  *testClock
	logs   *lockedBuffer
}

type setupOptions struct {
	// devIdP runs the embedded development provider (and plain http).
	devIdP bool
	// plainHTTP serves over http (development) instead of https.
	plainHTTP bool
	roleMap   string
	// trustEmail sets Config.TrustEmail.
	trustEmail bool
	// beforeNew runs on the test provider before the Service discovers it.
	beforeNew func(*testIdP)
}

// setup starts a test database, a test identity provider and a Summit-like
// server: /auth/ routes, /graphql behind Protect (it echoes the viewer), and
// an "app" at /. By default it runs as production: https, __Host- cookies.
func setup(t *testing.T, opts setupOptions) *bundle {
	t.Helper()
	pool := testdb.NewPool(t)
	b := &bundle{
		t:      t,
		ctx:    viewer.System(context.Background(), "test"),
		client: database.NewClient(pool),
		clock:  &testClock{now: time.Now()},
		logs:   &lockedBuffer{},
	}
	handler := http.NotFoundHandler()
	b.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) }))
	if opts.plainHTTP || opts.devIdP {
		b.srv.Start()
	} else {
		b.srv.StartTLS()
	}
	t.Cleanup(b.srv.Close)

	cfg := Config{
		PublicURL:   b.srv.URL,
		Development: opts.plainHTTP || opts.devIdP,
		Logger:      slog.New(slog.NewTextHandler(b.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Now:         b.clock.Now,
	}
	if !opts.devIdP {
		b.idp = startTestIdP(t)
		if opts.beforeNew != nil {
			opts.beforeNew(b.idp)
		}
		cfg.Issuer, cfg.ClientID, cfg.ClientSecret = b.idp.Issuer(), b.idp.ClientID, b.idp.ClientSecret
		cfg.RoleMap = MustParseRoleMap(opts.roleMap)
		cfg.TrustEmail = opts.trustEmail
	}
	svc, err := New(context.Background(), b.client, cfg)
	require.NoError(t, err)
	t.Cleanup(func() { _ = svc.Close() })
	b.svc = svc

	mux := http.NewServeMux()
	mux.Handle("/auth/", svc.Handler())
	mux.Handle("/graphql", svc.Protect(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"viewer": viewer.FromContext(r.Context())}})
	})))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "app") })
	handler = mux
	return b
}

// browser is an HTTP client with a cookie jar that follows redirects and
// remembers every cookie the server set and the callback URL it visited.
type browser struct {
	t        *testing.T
	b        *bundle
	client   *http.Client
	jar      http.CookieJar
	mu       sync.Mutex
	set      []*http.Cookie
	callback string
}

func (b *bundle) browser() *browser {
	jar, err := cookiejar.New(nil)
	require.NoError(b.t, err)
	br := &browser{t: b.t, b: b, jar: jar}
	br.client = &http.Client{
		Jar:       jar,
		Transport: &recordingTransport{br: br, next: b.srv.Client().Transport},
		Timeout:   30 * time.Second,
	}
	return br
}

type recordingTransport struct {
	br   *browser
	next http.RoundTripper
}

func (rt *recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path == "/auth/callback" {
		rt.br.mu.Lock()
		rt.br.callback = r.URL.String()
		rt.br.mu.Unlock()
	}
	resp, err := rt.next.RoundTrip(r)
	if err == nil {
		rt.br.mu.Lock()
		rt.br.set = append(rt.br.set, resp.Cookies()...)
		rt.br.mu.Unlock()
	}
	return resp, err
}

type page struct {
	status int
	body   string
	url    *url.URL
	header http.Header
}

func (br *browser) do(req *http.Request) page {
	br.t.Helper()
	resp, err := br.client.Do(req)
	require.NoError(br.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(br.t, err)
	return page{status: resp.StatusCode, body: string(body), url: resp.Request.URL, header: resp.Header}
}

func (br *browser) get(path string) page {
	br.t.Helper()
	req, err := http.NewRequest(http.MethodGet, br.abs(path), nil)
	require.NoError(br.t, err)
	return br.do(req)
}

func (br *browser) post(path, contentType, body string, header map[string]string) page {
	br.t.Helper()
	req, err := http.NewRequest(http.MethodPost, br.abs(path), strings.NewReader(body))
	require.NoError(br.t, err)
	req.Header.Set("Content-Type", contentType)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return br.do(req)
}

func (br *browser) abs(path string) string {
	if strings.HasPrefix(path, "http") {
		return path
	}
	return br.b.srv.URL + path
}

// login signs in as u at the test provider; it returns the final page.
func (br *browser) login(u mockoidc.User) page {
	br.t.Helper()
	br.b.idp.QueueUser(u)
	return br.get("/auth/login")
}

// me returns GET /auth/me's status and answer.
func (br *browser) me() (int, Me) {
	br.t.Helper()
	p := br.get("/auth/me")
	var me Me
	if p.status == http.StatusOK {
		require.NoError(br.t, json.Unmarshal([]byte(p.body), &me), p.body)
	}
	return p.status, me
}

// graphql posts a query with the given extra headers.
func (br *browser) graphql(header map[string]string) page {
	br.t.Helper()
	return br.post("/graphql", "application/json", `{"query":"{ __typename }"}`, header)
}

func (br *browser) sessionCookie() *http.Cookie {
	br.t.Helper()
	u, _ := url.Parse(br.b.srv.URL)
	for _, c := range br.jar.Cookies(u) {
		if c.Name == br.b.svc.SessionCookieName() {
			return c
		}
	}
	return nil
}

// lastSet returns the last cookie named name that the server set.
func (br *browser) lastSet(name string) *http.Cookie {
	br.mu.Lock()
	defer br.mu.Unlock()
	for i := len(br.set) - 1; i >= 0; i-- {
		if br.set[i].Name == name {
			return br.set[i]
		}
	}
	return nil
}

func (b *bundle) sessionCount() int {
	b.t.Helper()
	n, err := b.client.Session.Query().Count(b.ctx)
	require.NoError(b.t, err)
	return n
}

func (b *bundle) userCount() int {
	b.t.Helper()
	n, err := b.client.User.Query().Count(b.ctx)
	require.NoError(b.t, err)
	return n
}

// createUser adds a user with LOCAL role assignments ("ROLE" or "ROLE:REGION").
func (b *bundle) createUser(email, name string, grants ...string) *ent.User {
	b.t.Helper()
	u := b.client.User.Create().SetEmail(email).SetName(name).SaveX(b.ctx)
	for _, s := range grants {
		g, err := parseGrant(s)
		require.NoError(b.t, err)
		c := b.client.RoleAssignment.Create().SetUserID(u.ID).SetRole(roleassignment.Role(g.Role)).SetSource(roleassignment.SourceLOCAL)
		if g.Region != "" {
			c.SetRegion(g.Region)
		}
		c.ExecX(b.ctx)
	}
	return u
}

func newLocalListener() (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:0") }

var alice = testUser{Subject: "alice-sub", Email: "alice@summit.example", Name: "Alice 张", Groups: []string{"summit-admins"}}
