package metrics

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// routes are the label values of HTTP metrics: fixed prefixes, so a
// scanner requesting random paths cannot grow the series.
var routes = []string{"/graphql", "/auth/", "/api/imports", "/api/import-templates/", "/api/feeds/", "/api/exports/", "/livez", "/readyz", "/healthz"}

func routeOf(path string) string {
	for _, r := range routes {
		if path == r || (strings.HasSuffix(r, "/") && strings.HasPrefix(path, r)) || strings.HasPrefix(path, r+"/") {
			return r
		}
	}
	return "app"
}

type codeRecorder struct {
	http.ResponseWriter
	code int
}

func (c *codeRecorder) WriteHeader(code int) {
	if c.code == 0 {
		c.code = code
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *codeRecorder) Write(p []byte) (int, error) {
	if c.code == 0 {
		c.code = http.StatusOK
	}
	return c.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection (flushes,
// deadlines of streamed exports).
func (c *codeRecorder) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// HTTP counts and times every request next serves.
func (r *Registry) HTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		rec := &codeRecorder{ResponseWriter: w}
		start := time.Now()
		next.ServeHTTP(rec, req)
		if rec.code == 0 {
			rec.code = http.StatusOK
		}
		route := routeOf(req.URL.Path)
		r.httpRequests.WithLabelValues(route, req.Method, strconv.Itoa(rec.code)).Inc()
		r.httpDuration.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}
