package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/graph"
	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/viewer"
)

// api runs GraphQL operations in process, as a named member of staff, through
// the same handler the server mounts at /graphql: the story's changes take
// the path a person's would (validation, row rules, state machines, audit,
// notifications), without HTTP, sessions or CSRF in between.
type api struct {
	handler http.Handler
	pool    *pgxpool.Pool
	viewers map[string]*viewer.Viewer
}

func newAPI(pool *pgxpool.Pool, client *ent.Client, model churn.Config) *api {
	return &api{
		handler: graph.NewHandler(client, graph.HandlerConfig{Pool: pool, ChurnModel: model}),
		pool:    pool,
		viewers: map[string]*viewer.Viewer{},
	}
}

// as returns the viewer the login would build for the user with email.
func (a *api) as(ctx context.Context, email string) (*viewer.Viewer, error) {
	if v, ok := a.viewers[email]; ok {
		return v, nil
	}
	v := &viewer.Viewer{Kind: viewer.KindUser, Label: email}
	rows, err := a.pool.Query(ctx, `
		SELECT u.id, r.role, coalesce(r.region, '')
		FROM users u JOIN role_assignments r ON r.user_id = u.id
		WHERE u.email = $1 AND u.active
		ORDER BY r.id`, email)
	if err != nil {
		return nil, fmt.Errorf("error loading the roles of %s: %w", email, err)
	}
	defer rows.Close()
	for rows.Next() {
		var role, region string
		if err := rows.Scan(&v.UserID, &role, &region); err != nil {
			return nil, fmt.Errorf("error loading the roles of %s: %w", email, err)
		}
		if !slices.Contains(v.Roles, viewer.Role(role)) {
			v.Roles = append(v.Roles, viewer.Role(role))
		}
		if region != "" && !slices.Contains(v.Regions, region) {
			v.Regions = append(v.Regions, region)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("error loading the roles of %s: %w", email, err)
	}
	if v.UserID == 0 {
		return nil, fmt.Errorf("demo user %s is missing or has no role", email)
	}
	a.viewers[email] = v
	return v, nil
}

// asUser is as for a user id.
func (a *api) asUser(ctx context.Context, id int) (*viewer.Viewer, error) {
	var email string
	if err := a.pool.QueryRow(ctx, `SELECT email FROM users WHERE id = $1`, id).Scan(&email); err != nil {
		return nil, fmt.Errorf("error loading user %d: %w", id, err)
	}
	return a.as(ctx, email)
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// do runs one operation as v and decodes its data into out (may be nil). Any
// GraphQL error is an error: the story only does what the rules allow.
func (a *api) do(ctx context.Context, v *viewer.Viewer, query string, vars map[string]any, out any) error {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return fmt.Errorf("error encoding a demo operation: %w", err)
	}
	req := httptest.NewRequestWithContext(viewer.NewContext(ctx, v), http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	a.handler.ServeHTTP(rec, req)
	var res struct {
		Data   json.RawMessage `json:"data"`
		Errors []gqlError      `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		return fmt.Errorf("error decoding the answer to a demo operation (HTTP %d): %w", rec.Code, err)
	}
	if len(res.Errors) > 0 {
		msgs := make([]string, len(res.Errors))
		for i, e := range res.Errors {
			msgs[i] = fmt.Sprintf("%s (%v)", e.Message, e.Extensions["code"])
		}
		return fmt.Errorf("demo operation as %s refused: %s: %s", v.Label, strings.Join(msgs, "; "), firstLine(query))
	}
	if out != nil {
		if err := json.Unmarshal(res.Data, out); err != nil {
			return fmt.Errorf("error decoding the data of a demo operation: %w", err)
		}
	}
	return nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// id is a GraphQL ID as it travels (the decimal row id).
type id string

func (i id) Int() int {
	n, _ := strconv.Atoi(string(i))
	return n
}

func gid(n int) string { return strconv.Itoa(n) }
