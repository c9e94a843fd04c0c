package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/graph/generated"
)

// panicRoot is the real resolver root whose Query.me panics.
type panicRoot struct{ *Resolver }

func (r panicRoot) Query() generated.QueryResolver { return panicQuery{r.Resolver.Query()} }

type panicQuery struct{ generated.QueryResolver }

func (panicQuery) Me(context.Context) (*ent.User, error) { panic("boom: a bug in a resolver") }

// syncBuffer is a log sink safe for the handler's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestResolverPanicIsInternalAndLogged: a panicking resolver answers
// INTERNAL quoting the request id, the server keeps serving, and the panic
// is logged through slog with the same request id and the panic's value.
func TestResolverPanicIsInternalAndLogged(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	cfg := HandlerConfig{
		Logger:    slog.New(slog.NewJSONHandler(&logs, nil)),
		RequestID: func(context.Context) string { return "req-42" },
	}.WithDefaults()
	// Query.me panics before it reads anything, so no database is needed.
	h := newHandler(nil, panicRoot{&Resolver{}}, nil, cfg)

	for range 2 { // the second request proves the server survived the first
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ me { id } }"}`))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		var body struct {
			Errors []struct {
				Message    string         `json:"message"`
				Path       []any          `json:"path"`
				Extensions map[string]any `json:"extensions"`
			} `json:"errors"`
		}
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body), rec.Body.String())
		require.Len(t, body.Errors, 1, rec.Body.String())
		e := body.Errors[0]
		require.Equal(t, CodeInternal, e.Extensions["code"])
		require.Equal(t, "internal error; quote request id req-42", e.Message)
		require.Equal(t, []any{"me"}, e.Path)
		require.NotContains(t, rec.Body.String(), "boom", "the panic's text stays in the log")
	}

	var line map[string]any
	first := strings.SplitN(strings.TrimSpace(logs.String()), "\n", 2)[0]
	require.NoError(t, json.Unmarshal([]byte(first), &line), logs.String())
	require.Equal(t, "ERROR", line["level"])
	require.Equal(t, "graphql resolver panic", line["msg"])
	require.Equal(t, "req-42", line["request_id"])
	require.Equal(t, "me", line["path"])
	require.Equal(t, "boom: a bug in a resolver", line["panic"])
	require.Contains(t, line["stack"], "panicQuery.Me")
	require.Equal(t, 2, strings.Count(logs.String(), "graphql resolver panic"), "one line per panic")
}
