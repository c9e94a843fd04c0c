package testdb

import (
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestNamer(t *testing.T) {
	t.Parallel()

	a, b := newNamer(), newNamer()
	pid := strconv.Itoa(os.Getpid())

	require.Regexp(t, "^summit_tmpl_"+pid+"_[a-z2-7]{8}$", a.Template())
	require.Equal(t, a.Template(), a.Template(), "one template per binary")
	require.NotEqual(t, a.Template(), b.Template(), "random part differs between binaries")

	first, second := a.Next(), a.Next()
	require.Regexp(t, "^summit_t_"+pid+"_[a-z2-7]{8}_1$", first)
	require.Regexp(t, "_2$", second)
	require.NotEqual(t, a.Next(), b.Next())
	require.LessOrEqual(t, len(a.Next()), 63, "Postgres identifier limit")
}

func TestDatabaseURL(t *testing.T) {
	t.Parallel()

	require.Equal(t, "postgres://u:p@h:5432/other?sslmode=disable",
		databaseURL("postgres://u:p@h:5432/summit?sslmode=disable", "other"))
	require.Equal(t, "postgresql://h/other?sslmode=disable",
		databaseURL("postgresql://h/?dbname=x&sslmode=disable", "other"))
	require.Equal(t, "host=h user=u dbname=x dbname=other", databaseURL("host=h user=u dbname=x ", "other"))
}

func TestRedact(t *testing.T) {
	t.Parallel()

	require.Equal(t, "postgres://u:xxxxx@h/db", redact("postgres://u:secret@h/db"))
	require.Equal(t, "(connection string)", redact("host=h password=secret"))
}
