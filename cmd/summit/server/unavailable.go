package server

import (
	"net/http"

	"github.com/summitkam/summit/internal/unavailable"
)

// unavailableWriter turns a 200 into 503 (with Retry-After) when the handler
// marked the request as failed on an unavailable database: a GraphQL
// response's status is written after its errors are presented, so the error
// presenter's mark is in place by then.
type unavailableWriter struct {
	http.ResponseWriter
	r       *http.Request
	written bool
}

func (u *unavailableWriter) WriteHeader(code int) {
	if !u.written {
		u.written = true
		if code == http.StatusOK && unavailable.Marked(u.r.Context()) {
			u.Header().Set("Retry-After", "1")
			code = http.StatusServiceUnavailable
		}
	}
	u.ResponseWriter.WriteHeader(code)
}

func (u *unavailableWriter) Write(p []byte) (int, error) {
	if !u.written {
		u.WriteHeader(http.StatusOK)
	}
	return u.ResponseWriter.Write(p)
}

func (u *unavailableWriter) Unwrap() http.ResponseWriter { return u.ResponseWriter }

// databaseUnavailable answers 503 for a request that failed because the
// database was restarting or unreachable (extensions.code
// DATABASE_UNAVAILABLE, retryable), so clients and load balancers retry
// instead of reporting a bug.
func databaseUnavailable(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = r.WithContext(unavailable.NewContext(r.Context()))
		next.ServeHTTP(&unavailableWriter{ResponseWriter: w, r: r}, r)
	})
}
