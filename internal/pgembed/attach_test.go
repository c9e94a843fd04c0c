package pgembed

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

func TestAttachToARunningServer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := testDataDir(t)
	srv, err := Start(ctx, Config{DataDir: dir, Throwaway: true})
	require.NoError(t, err)
	t.Cleanup(func() { _ = srv.Stop(context.Background()) })

	url, err := Attach(dir, "")
	require.NoError(t, err)
	require.Equal(t, srv.URL(), url)
	conn, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	require.NoError(t, conn.Ping(ctx))
	conn.Close(ctx)

	_, err = Attach(filepath.Join(testDataDir(t), "nothing"), "")
	require.Error(t, err)
	require.False(t, errors.Is(err, ErrDataDirInUse))
}
