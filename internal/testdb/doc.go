// Package testdb gives every test its own PostgreSQL database, with the
// schema already in place.
//
// One throwaway server (see package pgembed) is started per test binary, on
// first use, in a temporary folder; `go test` runs each package as its own
// binary, so packages do not share servers. The schema is built once per
// binary in a template database, and every test gets a fresh clone of it
// (CREATE DATABASE ... TEMPLATE, a file copy, much faster than migrating),
// dropped when the test ends. Tests can therefore run in parallel and do
// anything to their database.
//
// A package using testdb declares a TestMain that registers how to build the
// schema and hands over to RunMain, which stops the server and removes its
// folder when the tests are done:
//
//	func TestMain(m *testing.M) {
//		testdb.SetupTemplate(dbmigrate.Apply) // func(ctx context.Context, databaseURL string) error
//		os.Exit(testdb.RunMain(m))
//	}
//
// and tests ask for a database:
//
//	func TestSomething(t *testing.T) {
//		t.Parallel()
//		db := testdb.New(t)       // db.URL, db.Name
//		pool := db.Pool()         // or testdb.NewPool(t); closed when the test ends
//		...
//	}
//
// testdb imports neither ent nor the migrations, so that any package,
// including the migration package itself, can use it without an import cycle:
// the schema comes in through SetupTemplate.
//
// Environment:
//
//   - TEST_DATABASE_URL: use that server instead of starting one. The user
//     needs the CREATEDB privilege, and the server must be PostgreSQL 13 or
//     newer. Database names carry the process ID and a random part, so
//     several binaries, or several checkouts, can share one server.
//   - SUMMIT_TESTDB_DEBUG: when set, the embedded server logs to stderr.
//   - SUMMIT_PG_BINDIR: where the PostgreSQL binaries are, see pgembed.
//
// If a test binary is killed, its server shuts itself down (pgembed sets a
// parent-death signal), and the folder left behind is removed by the next test
// binary that starts a server.
package testdb
