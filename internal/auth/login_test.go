package auth

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSanitizeNext(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":                        "/",
		"/":                       "/",
		"/accounts/42":            "/accounts/42",
		"/accounts?tab=plan&x=1":  "/accounts?tab=plan&x=1",
		"/accounts#section":       "/accounts",
		"/客户/42":                  "/%E5%AE%A2%E6%88%B7/42",
		"accounts":                "/",
		"//evil.example":          "/",
		"///evil.example":         "/",
		"/\\evil.example":         "/",
		"https://evil.example/":   "/",
		"javascript:alert(1)":     "/",
		"/x\r\nSet-Cookie: a=b":   "/",
		"/auth/logout":            "/",
		"/auth":                   "/",
		"/%61uth/login":           "/",
		"/x/../auth/callback":     "/",
		"/authors":                "/authors",
		"/%2F%2Fevil.example":     "/%2F%2Fevil.example",
		"/a%0d%0aSet-Cookie:%20x": "/a%0d%0aSet-Cookie:%20x",
	} {
		require.Equal(t, want, sanitizeNext(in), in)
	}
}
