package testdb

import (
	"context"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/summitkam/summit/internal/viewer"
)

// Viewer returns the viewer the auth middleware would build for the user
// with email in pool's database (typically a demo user of internal/seed,
// e.g. "kam01@summit.example"): their id, roles and regions as assigned.
// It fails the test when the user does not exist or holds no role.
func Viewer(t testing.TB, pool *pgxpool.Pool, email string) *viewer.Viewer {
	t.Helper()
	v := &viewer.Viewer{Kind: viewer.KindUser, Label: email}
	rows, err := pool.Query(context.Background(), `
		SELECT u.id, r.role, coalesce(r.region, '')
		FROM users u JOIN role_assignments r ON r.user_id = u.id
		WHERE u.email = $1`, email)
	if err != nil {
		t.Fatalf("error loading the viewer %s: %v", email, err)
	}
	defer rows.Close()
	for rows.Next() {
		var role, region string
		if err := rows.Scan(&v.UserID, &role, &region); err != nil {
			t.Fatalf("error loading the viewer %s: %v", email, err)
		}
		if !slices.Contains(v.Roles, viewer.Role(role)) {
			v.Roles = append(v.Roles, viewer.Role(role))
		}
		if region != "" && !slices.Contains(v.Regions, region) {
			v.Regions = append(v.Regions, region)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("error loading the viewer %s: %v", email, err)
	}
	if v.UserID == 0 {
		t.Fatalf("user %s with a role is missing from the test database (is it seeded?)", email)
	}
	return v
}

// ViewerContext is Viewer in a context, as a request of that user carries it.
func ViewerContext(t testing.TB, pool *pgxpool.Pool, email string) context.Context {
	t.Helper()
	return viewer.NewContext(context.Background(), Viewer(t, pool, email))
}
