package testdb_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/testdb"
)

// templateSetups counts SetupTemplate calls: the schema must be built once
// per binary, however many databases the tests ask for.
var templateSetups atomic.Int32

func TestMain(m *testing.M) {
	testdb.SetupTemplate(func(ctx context.Context, databaseURL string) error {
		templateSetups.Add(1)
		conn, err := pgx.Connect(ctx, databaseURL)
		if err != nil {
			return err
		}
		// Deliberately left open: testdb must cope with a setup that leaks a
		// connection to the template.
		_, err = conn.Exec(ctx, `CREATE TABLE from_template (id int); INSERT INTO from_template VALUES (42)`)
		return err
	})
	code := testdb.RunMain(m)
	if n := templateSetups.Load(); n > 1 {
		fmt.Fprintf(os.Stderr, "template set up %d times, want once\n", n)
		code = 1
	}
	os.Exit(code)
}

func queryInt(t *testing.T, db *testdb.DB, sql string) int {
	t.Helper()
	var n int
	require.NoError(t, db.Pool().QueryRow(t.Context(), sql).Scan(&n))
	return n
}

func tableExists(t *testing.T, db *testdb.DB, table string) bool {
	t.Helper()
	var exists bool
	require.NoError(t, db.Pool().QueryRow(t.Context(), "SELECT to_regclass($1) IS NOT NULL", table).Scan(&exists))
	return exists
}

func TestNew(t *testing.T) {
	t.Parallel()

	t.Run("HasTemplateSchema", func(t *testing.T) {
		t.Parallel()

		db := testdb.New(t)
		require.Equal(t, 42, queryInt(t, db, "SELECT id FROM from_template"))
		require.EqualValues(t, 1, templateSetups.Load())

		var name string
		require.NoError(t, db.Pool().QueryRow(t.Context(), "SELECT current_database()").Scan(&name))
		require.Equal(t, db.Name, name)
		require.Regexp(t, `^summit_t_\d+_[a-z2-7]{8}_\d+$`, db.Name)
	})

	t.Run("Isolated", func(t *testing.T) {
		t.Parallel()

		first, second := testdb.New(t), testdb.New(t)
		require.NotEqual(t, first.Name, second.Name)

		_, err := first.Pool().Exec(t.Context(), "CREATE TABLE only_in_first (id int); DELETE FROM from_template")
		require.NoError(t, err)
		require.True(t, tableExists(t, first, "only_in_first"))
		require.False(t, tableExists(t, second, "only_in_first"))
		require.Equal(t, 0, queryInt(t, first, "SELECT count(*) FROM from_template"))
		require.Equal(t, 1, queryInt(t, second, "SELECT count(*) FROM from_template"))
	})

	// Parallel tests doing the same thing: with a shared database, the
	// CREATE TABLEs would collide and the counts be off.
	for i := range 6 {
		t.Run(fmt.Sprintf("Parallel%d", i), func(t *testing.T) {
			t.Parallel()

			pool := testdb.NewPool(t)
			_, err := pool.Exec(t.Context(), "CREATE TABLE widgets (name text)")
			require.NoError(t, err)
			_, err = pool.Exec(t.Context(), "INSERT INTO widgets VALUES ($1)", t.Name())
			require.NoError(t, err)
			var names []string
			rows, err := pool.Query(t.Context(), "SELECT name FROM widgets")
			require.NoError(t, err)
			names, err = pgx.CollectRows(rows, pgx.RowTo[string])
			require.NoError(t, err)
			require.Equal(t, []string{t.Name()}, names)
		})
	}

	t.Run("ConcurrentClones", func(t *testing.T) {
		t.Parallel()

		// From goroutines of one test, too: clones of one template are
		// serialised.
		var wg sync.WaitGroup
		names := make([]string, 8)
		for i := range names {
			wg.Go(func() { names[i] = testdb.New(t).Name })
		}
		wg.Wait()
		seen := map[string]bool{}
		for _, name := range names {
			require.NotEmpty(t, name)
			require.False(t, seen[name], "duplicate name %s", name)
			seen[name] = true
		}
	})

	t.Run("DroppedWhenTestEnds", func(t *testing.T) {
		t.Parallel()

		var name string
		t.Run("Inner", func(t *testing.T) {
			db := testdb.New(t)
			name = db.Name
			// Left open on purpose: the drop must not be blocked by it.
			conn, err := pgx.Connect(t.Context(), db.URL)
			require.NoError(t, err)
			_ = conn
		})

		conn, err := pgx.Connect(t.Context(), testdb.Server(t))
		require.NoError(t, err)
		defer conn.Close(context.Background())
		var exists bool
		require.NoError(t, conn.QueryRow(t.Context(), "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists))
		require.False(t, exists, "database %s not dropped", name)
	})
}

func TestServer(t *testing.T) {
	t.Parallel()

	url := testdb.Server(t)
	require.Equal(t, url, testdb.Server(t), "one server per binary")

	conn, err := pgx.Connect(t.Context(), url)
	require.NoError(t, err)
	defer conn.Close(context.Background())

	// Tests may manage databases on their own.
	name := "summit_own_" + strings.ToLower(strings.ReplaceAll(t.Name(), "/", "_")) + fmt.Sprint(os.Getpid())
	_, err = conn.Exec(t.Context(), "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	require.NoError(t, err)
	_, err = conn.Exec(t.Context(), "DROP DATABASE "+pgx.Identifier{name}.Sanitize())
	require.NoError(t, err)
}

// BenchmarkNew measures cloning a database (dropping happens in cleanups,
// after the measurement).
func BenchmarkNew(b *testing.B) {
	testdb.New(b) // Server start and template build are not what is measured.
	for b.Loop() {
		testdb.New(b)
	}
}
