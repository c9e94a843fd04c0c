package exports_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/exports"
	"github.com/summitkam/summit/internal/imports"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

func TestMain(m *testing.M) {
	testdb.SetupTemplate(dbmigrate.Apply)
	os.Exit(testdb.RunMain(m))
}

func get(t *testing.T, h http.Handler, v *viewer.Viewer, path string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	req = req.WithContext(viewer.NewContext(req.Context(), v))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// Exports hold exactly the rows the viewer may read, open in Excel with
// Chinese intact (BOM), and every list's statement runs.
func TestExportsFollowRowRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t).Pool()
	_, err := seed.Run(viewer.System(ctx, "test"), pool, seed.Options{Accounts: 120, Seed: 4})
	require.NoError(t, err)
	h := exports.Handler(pool)
	admin := &viewer.Viewer{Kind: viewer.KindUser, Roles: []viewer.Role{viewer.RoleAdmin}}

	var kamID, readable, total int
	require.NoError(t, pool.QueryRow(ctx, `
		SELECT u.id FROM users u JOIN role_assignments r ON r.user_id = u.id AND r.role = 'KEY_ACCOUNT_MANAGER'
		WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.owner_id = u.id) ORDER BY u.id LIMIT 1`).Scan(&kamID))
	require.NoError(t, pool.QueryRow(ctx, `
		SELECT count(*) FROM accounts a WHERE NOT a.archived AND (a.owner_id = $1
		   OR a.id IN (SELECT account_id FROM account_team_members WHERE user_id = $1))`, kamID).Scan(&readable))
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM accounts WHERE NOT archived`).Scan(&total))
	require.Less(t, readable, total)
	kam := &viewer.Viewer{Kind: viewer.KindUser, UserID: kamID, Roles: []viewer.Role{viewer.RoleKeyAccountManager}}

	rec := get(t, h, kam, "/api/exports/accounts?format=csv")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	body := rec.Body.String()
	require.True(t, strings.HasPrefix(body, "\ufeff客户编码,客户名称"), body[:40])
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	require.NoError(t, err)
	require.Len(t, records, readable+1)

	rec = get(t, h, admin, "/api/exports/accounts.xlsx?lang=en")
	require.Equal(t, http.StatusOK, rec.Code)
	path := filepath.Join(t.TempDir(), "a.xlsx")
	require.NoError(t, os.WriteFile(path, rec.Body.Bytes(), 0o600))
	rows, err := imports.OpenXLSX(path)
	require.NoError(t, err)
	n := 0
	var first []string
	for {
		_, cells, err := rows.Next()
		if err != nil {
			break
		}
		if n == 1 {
			first = append([]string(nil), cells...)
		}
		n++
	}
	require.NoError(t, rows.Close())
	require.Equal(t, total+1, n)
	require.NotEmpty(t, first[1], "account name")

	for _, l := range exports.Names() {
		path := "/api/exports/" + l + "?format=csv"
		if l == "review-results" {
			path += "&cycle=1"
		}
		for _, v := range []*viewer.Viewer{admin, kam} {
			rec := get(t, h, v, path)
			require.Equal(t, http.StatusOK, rec.Code, "%s: %s", l, rec.Body.String())
			require.True(t, bytes.HasPrefix(rec.Body.Bytes(), []byte("\ufeff")))
		}
	}
	rec = get(t, h, admin, "/api/exports/accounts?class=Z")
	require.Equal(t, http.StatusBadRequest, rec.Code)
	rec = get(t, h, admin, "/api/exports/review-results")
	require.Equal(t, http.StatusBadRequest, rec.Code)
}
