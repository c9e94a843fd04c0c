package auth

import (
	"errors"
	"net/http"
)

// CSRFHeader must be sent, with the value "1", on every state-changing
// request authenticated by the session cookie. A cross-site HTML form
// cannot set a custom header, and a cross-site script cannot send one
// without a CORS preflight, which Summit never grants. SameSite=Lax on the
// cookie is the second line of defence.
const CSRFHeader = "X-Summit-CSRF"

var (
	errMissingCSRFHeader = errors.New("missing " + CSRFHeader + " header")
	errCrossOrigin       = errors.New("cross-origin request")
)

// checkCSRF refuses a request without the CSRF header, or whose Origin (or
// Sec-Fetch-Site) shows it comes from another site.
func (s *Service) checkCSRF(r *http.Request) error {
	if r.Header.Get(CSRFHeader) != "1" {
		return errMissingCSRFHeader
	}
	if origin := r.Header.Get("Origin"); origin != "" && origin != s.origin.String() {
		return errCrossOrigin
	}
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return errCrossOrigin
	}
	return nil
}

// safeMethod reports whether a method must not change anything.
func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}

func writeCSRFError(w http.ResponseWriter) {
	writeError(w, http.StatusForbidden, CodeForbidden,
		"cross-site request refused: send the header "+CSRFHeader+": 1 from the same origin")
}
