package frontend

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/require"
)

// The browser must always get the newest index.html (it names the current
// hashed assets), may keep hashed assets forever, and must never receive the
// HTML page where it asked for a script.
func TestSPAServing(t *testing.T) {
	app := fstest.MapFS{
		"index.html":             {Data: []byte("<!doctype html><title>app</title>")},
		"assets/index-abc123.js": {Data: []byte("console.log(1)")},
		"favicon.svg":            {Data: []byte("<svg/>")},
	}
	h := spa(app)
	get := func(method, path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
		return rec
	}

	for _, path := range []string{"/", "/index.html", "/accounts", "/accounts/42", "/accounts/42?tab=plan", "/alerts"} {
		rec := get(http.MethodGet, path)
		require.Equal(t, http.StatusOK, rec.Code, path)
		require.Contains(t, rec.Body.String(), "<title>app</title>", path)
		require.Equal(t, "no-cache", rec.Header().Get("Cache-Control"), path)
		require.Contains(t, rec.Header().Get("Content-Type"), "text/html", path)
	}

	rec := get(http.MethodGet, "/assets/index-abc123.js")
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "public, max-age=31536000, immutable", rec.Header().Get("Cache-Control"))
	require.Equal(t, "console.log(1)", rec.Body.String())

	rec = get(http.MethodGet, "/favicon.svg")
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "no-cache", rec.Header().Get("Cache-Control"))

	for _, path := range []string{"/assets/index-old999.js", "/robots.txt", "/assets/"} {
		require.Equal(t, http.StatusNotFound, get(http.MethodGet, path).Code, path)
	}
	require.Equal(t, http.StatusMethodNotAllowed, get(http.MethodPost, "/accounts").Code)
	head := get(http.MethodHead, "/accounts")
	require.Equal(t, http.StatusOK, head.Code)
	require.Empty(t, head.Body.String())
}

// A checkout without the built app still builds and serves the placeholder.
func TestHandlerServesSomething(t *testing.T) {
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	require.Equal(t, http.StatusOK, rec.Code)
	require.Contains(t, rec.Body.String(), "Summit")
}
