// Package pgembed runs a PostgreSQL server from the PostgreSQL binaries
// installed on the machine, as a child process of the calling program.
//
// It exists so that Summit (and its tests) can have a real Postgres without
// Docker or a system service: Start initialises a cluster on first use, starts
// `postgres` directly as a child process, waits until it accepts connections
// and creates the application database.
//
// The server never outlives its parent. It is started in its own process group
// (so a terminal Ctrl-C reaches only the parent, which then shuts Postgres down
// in order) and with a parent-death signal (SIGINT, Postgres' "fast shutdown"),
// so that even a parent killed with SIGKILL does not leave an orphaned
// Postgres behind. A postmaster.pid left over by a crashed run is recovered on
// the next Start.
//
// Typical use:
//
//	srv, err := pgembed.Start(ctx, pgembed.Config{DataDir: dir})
//	if err != nil {
//		return err
//	}
//	defer srv.Stop(context.Background())
//	pool, err := pgxpool.New(ctx, srv.URL())
//
// When the calling process runs as root, Postgres (which refuses to run as
// root) is run as the "postgres" OS user and DataDir is chowned to it.
package pgembed
