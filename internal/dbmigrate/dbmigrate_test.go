package dbmigrate

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/testdb"
)

func TestMain(m *testing.M) {
	testdb.SetupTemplate(Apply)
	os.Exit(testdb.RunMain(m))
}

// newEmptyDatabase creates a database with no schema at all (the template
// clones of testdb.New are already migrated), dropped when the test ends.
func newEmptyDatabase(t *testing.T) *testdb.DB {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, testdb.Server(t))
	require.NoError(t, err)
	defer admin.Close(ctx)
	name := fmt.Sprintf("summit_empty_%d_%d", os.Getpid(), rand.Uint64())
	_, err = admin.Exec(ctx, "CREATE DATABASE "+name)
	require.NoError(t, err)
	t.Cleanup(func() {
		admin, err := pgx.Connect(ctx, testdb.Server(t))
		if err != nil {
			t.Errorf("error dropping %s: %v", name, err)
			return
		}
		defer admin.Close(ctx)
		_, _ = admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	u, err := url.Parse(testdb.Server(t))
	require.NoError(t, err)
	u.Path = "/" + name
	return &testdb.DB{Name: name, URL: u.String()}
}

// TestSchemaMatchesMigrations fails when ent/schema changed without a
// migration: it replays the committed files on an empty database and asks
// Atlas for the difference to the schema, which must be nothing.
func TestSchemaMatchesMigrations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dev := newEmptyDatabase(t)

	dir := t.TempDir()
	files, err := os.ReadDir("../../ent/migrate/migrations")
	require.NoError(t, err)
	for _, f := range files {
		if filepath.Ext(f.Name()) == ".go" {
			continue
		}
		b, err := os.ReadFile(filepath.Join("../../ent/migrate/migrations", f.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, f.Name()), b, 0o644))
	}
	wrote, err := Diff(ctx, dev.URL, dir, "drift")
	require.NoError(t, err)
	if wrote {
		added, _ := filepath.Glob(filepath.Join(dir, "*_drift.sql"))
		var sql []byte
		if len(added) == 1 {
			sql, _ = os.ReadFile(added[0])
		}
		t.Fatalf("ent/schema and ent/migrate/migrations disagree; run `make generate`. Missing migration:\n%s", sql)
	}
}

func TestApplyIsIdempotentAndComplete(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := testdb.New(t) // already migrated through the template

	require.NoError(t, Apply(ctx, db.URL), "a second Apply must be a no-op")

	conn, err := pgx.Connect(ctx, db.URL)
	require.NoError(t, err)
	defer conn.Close(ctx)
	pending, err := Pending(ctx, conn)
	require.NoError(t, err)
	require.Empty(t, pending)

	files, err := Files()
	require.NoError(t, err)
	var applied int
	require.NoError(t, conn.QueryRow(ctx, "SELECT count(*) FROM summit_schema_migrations").Scan(&applied))
	require.Equal(t, len(files), applied)

	// River's tables are there too: workers can start on a migrated database.
	var riverJob bool
	require.NoError(t, conn.QueryRow(ctx, "SELECT to_regclass('river_job') IS NOT NULL").Scan(&riverJob))
	require.True(t, riverJob)

	// The hot-path indexes the foundation promises exist.
	for _, idx := range []string{"account_owner_id", "account_current_class_id", "account_name_id", "account_parent_id", "order_account_id_order_date", "churnalert_owner_id_status"} {
		var ok bool
		require.NoError(t, conn.QueryRow(ctx, "SELECT to_regclass($1) IS NOT NULL", idx).Scan(&ok))
		require.True(t, ok, "index %s missing", idx)
	}
}

func TestPendingOnEmptyDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newEmptyDatabase(t)
	conn, err := pgx.Connect(ctx, db.URL)
	require.NoError(t, err)
	defer conn.Close(ctx)
	pending, err := Pending(ctx, conn)
	require.NoError(t, err)
	files, err := Files()
	require.NoError(t, err)
	require.Len(t, pending, len(files))
}

func TestEditedMigrationIsRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := testdb.New(t)
	conn, err := pgx.Connect(ctx, db.URL)
	require.NoError(t, err)
	defer conn.Close(ctx)

	files, err := Files()
	require.NoError(t, err)
	_, err = conn.Exec(ctx, "UPDATE summit_schema_migrations SET checksum = 'deadbeefdeadbeef' WHERE version = $1", files[0].Version)
	require.NoError(t, err)
	err = Apply(ctx, db.URL)
	require.ErrorContains(t, err, "was changed after it was applied")
}

func TestFailedMigrationLeavesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := newEmptyDatabase(t)
	conn, err := pgx.Connect(ctx, db.URL)
	require.NoError(t, err)
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, createTrackingTable)
	require.NoError(t, err)

	files, err := filesFrom(fstest.MapFS{
		"001_ok.sql":     {Data: []byte("CREATE TABLE a (id int);")},
		"002_broken.sql": {Data: []byte("CREATE TABLE b (id int);\nCREATE TABLE a (id int);")},
	})
	require.NoError(t, err)
	require.NoError(t, applyFile(ctx, conn, files[0]))
	err = applyFile(ctx, conn, files[1])
	require.ErrorContains(t, err, "002_broken")

	var b bool
	require.NoError(t, conn.QueryRow(ctx, "SELECT to_regclass('b') IS NOT NULL").Scan(&b))
	require.False(t, b, "a failed file must not leave half its statements applied")
	var n int
	require.NoError(t, conn.QueryRow(ctx, "SELECT count(*) FROM summit_schema_migrations").Scan(&n))
	require.Equal(t, 1, n)
}
