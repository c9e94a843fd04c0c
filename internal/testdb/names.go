package testdb

import (
	"crypto/rand"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
)

// namer names the databases of one test binary. The PID keeps binaries on one
// machine apart, the random part keeps apart machines (or PID namespaces)
// sharing a TEST_DATABASE_URL, and the counter keeps apart the tests of one
// binary. Names stay far below Postgres' 63-byte identifier limit and need no
// quoting.
type namer struct {
	pid    int
	random string
	seq    atomic.Int64
}

func newNamer() *namer {
	return &namer{
		pid: os.Getpid(),
		// rand.Text is base32; lowercase so that names need no quoting.
		random: strings.ToLower(rand.Text()[:8]),
	}
}

// Template returns the name of this binary's template database.
func (n *namer) Template() string {
	return fmt.Sprintf("summit_tmpl_%d_%s", n.pid, n.random)
}

// Next returns a new test database name.
func (n *namer) Next() string {
	return fmt.Sprintf("summit_t_%d_%s_%d", n.pid, n.random, n.seq.Add(1))
}
