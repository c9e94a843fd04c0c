package unavailable_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/unavailable"
)

func TestDatabase(t *testing.T) {
	t.Parallel()
	// A real refused connection: nothing listens on port 1.
	_, connErr := pgx.Connect(context.Background(), "postgres://x@127.0.0.1:1/x?connect_timeout=2")
	require.Error(t, connErr)
	require.True(t, unavailable.Database(fmt.Errorf("error loading: %w", connErr)), "%v", connErr)
	require.True(t, unavailable.Database(&pgconn.PgError{Code: "57P01"}), "admin shutdown")
	require.True(t, unavailable.Database(&pgconn.PgError{Code: "08006"}))
	require.False(t, unavailable.Database(&pgconn.PgError{Code: "23505"}), "a unique violation is the caller's conflict")
	require.False(t, unavailable.Database(errors.New("not found")))
	require.False(t, unavailable.Database(nil))
}

func TestMark(t *testing.T) {
	t.Parallel()
	unavailable.Mark(context.Background()) // no mark: nothing happens
	ctx := unavailable.NewContext(context.Background())
	require.False(t, unavailable.Marked(ctx))
	child, cancel := context.WithCancel(ctx)
	defer cancel()
	unavailable.Mark(child)
	require.True(t, unavailable.Marked(ctx))
}
