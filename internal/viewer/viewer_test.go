package viewer

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestViewerRoles(t *testing.T) {
	t.Parallel()
	require.Nil(t, FromContext(context.Background()))

	kam := &Viewer{Kind: KindUser, UserID: 7, Roles: []Role{RoleKeyAccountManager}}
	ctx := NewContext(context.Background(), kam)
	require.Same(t, kam, FromContext(ctx))
	require.True(t, kam.Has(RoleKeyAccountManager))
	require.False(t, kam.ReadsEverything())

	exec := &Viewer{Kind: KindUser, Roles: []Role{RoleExecutive}}
	require.True(t, exec.ReadsEverything())

	sys := FromContext(System(context.Background(), "seed"))
	require.True(t, sys.IsSystem())
	require.True(t, sys.ReadsEverything())
	require.Equal(t, "system:seed", sys.Label)

	var none *Viewer
	require.False(t, none.Has(RoleAdmin))
	require.False(t, Role("ROOT").Valid())
}
