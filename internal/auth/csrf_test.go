package auth

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/viewer"
)

func TestCheckCSRF(t *testing.T) {
	t.Parallel()
	origin, err := parseOrigin("https://summit.example.com")
	require.NoError(t, err)
	s := &Service{origin: origin}
	for _, tc := range []struct {
		header map[string]string
		ok     bool
	}{
		{map[string]string{CSRFHeader: "1"}, true},
		{map[string]string{CSRFHeader: "1", "Origin": "https://summit.example.com"}, true},
		{map[string]string{CSRFHeader: "1", "Sec-Fetch-Site": "same-origin"}, true},
		{nil, false},
		{map[string]string{CSRFHeader: "0"}, false},
		{map[string]string{"Origin": "https://summit.example.com"}, false},
		{map[string]string{CSRFHeader: "1", "Origin": "https://summit.example.com.evil.example"}, false},
		{map[string]string{CSRFHeader: "1", "Origin": "http://summit.example.com"}, false},
		{map[string]string{CSRFHeader: "1", "Origin": "null"}, false},
		{map[string]string{CSRFHeader: "1", "Sec-Fetch-Site": "cross-site"}, false},
	} {
		r := httptest.NewRequest(http.MethodPost, "/graphql", nil)
		for k, v := range tc.header {
			r.Header.Set(k, v)
		}
		require.Equal(t, tc.ok, s.checkCSRF(r) == nil, tc.header)
	}
}

func TestGraphQLCSRF(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{roleMap: "summit-admins=ADMIN"})
	br := b.browser()
	require.Equal(t, http.StatusOK, br.login(alice).status)

	p := br.graphql(nil)
	require.Equal(t, http.StatusForbidden, p.status)
	var body struct {
		Errors []struct {
			Message    string
			Extensions map[string]string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(p.body), &body))
	require.Len(t, body.Errors, 1)
	require.Equal(t, "FORBIDDEN", body.Errors[0].Extensions["code"])

	for _, h := range []map[string]string{
		{CSRFHeader: "true"},
		{CSRFHeader: "1", "Origin": "https://evil.example"},
		{CSRFHeader: "1", "Origin": "null"},
		{CSRFHeader: "1", "Sec-Fetch-Site": "cross-site"},
	} {
		p := br.graphql(h)
		require.Equal(t, http.StatusForbidden, p.status, h)
	}

	p = br.graphql(map[string]string{CSRFHeader: "1"})
	require.Equal(t, http.StatusOK, p.status, p.body)
	v := viewerOf(t, p)
	require.Equal(t, viewer.KindUser, v.Kind)
	require.Equal(t, "alice@summit.example", v.Label)
	require.Equal(t, []viewer.Role{viewer.RoleAdmin}, v.Roles)
	require.NotEmpty(t, v.SessionID)

	p = br.graphql(map[string]string{CSRFHeader: "1", "Origin": b.srv.URL, "Sec-Fetch-Site": "same-origin"})
	require.Equal(t, http.StatusOK, p.status, p.body)

	// GET changes nothing, so it needs no header (the API refuses GET
	// operations on its own).
	require.Equal(t, http.StatusOK, br.get("/graphql").status)
}
