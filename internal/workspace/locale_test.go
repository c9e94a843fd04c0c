package workspace

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/auditevent"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

func TestMain(m *testing.M) {
	testdb.SetupTemplate(dbmigrate.Apply)
	os.Exit(testdb.RunMain(m))
}

// A key-account manager switches the app to English: their row changes (and
// is audited), nobody else's does, and an unknown language is refused.
func TestSetMyLocale(t *testing.T) {
	client := database.NewClient(testdb.NewPool(t))
	sys := viewer.System(context.Background(), "test")
	kam := client.User.Create().SetEmail("kam@summit.example").SetName("客户经理").SaveX(sys)
	other := client.User.Create().SetEmail("other@summit.example").SetName("同事").SaveX(sys)
	ctx := viewer.NewContext(context.Background(), &viewer.Viewer{Kind: viewer.KindUser, UserID: kam.ID, Label: kam.Email, Roles: []viewer.Role{viewer.RoleKeyAccountManager}})

	u, err := SetMyLocale(ctx, client, "en")
	require.NoError(t, err)
	require.Equal(t, "en", u.Locale)
	require.Equal(t, "en", client.User.GetX(sys, kam.ID).Locale)
	require.Equal(t, "zh-CN", client.User.GetX(sys, other.ID).Locale)
	n := client.AuditEvent.Query().Where(auditevent.Action("user.locale"), auditevent.EntityID(kam.ID)).CountX(sys)
	require.Equal(t, 1, n)

	_, err = SetMyLocale(ctx, client, "fr")
	var r *refusal.Error
	require.True(t, errors.As(err, &r))
	require.Equal(t, refusal.Invalid, r.Kind)
	require.Equal(t, "locale", r.Field)
	require.Equal(t, "en", client.User.GetX(sys, kam.ID).Locale)

	token := viewer.NewContext(context.Background(), &viewer.Viewer{Kind: viewer.KindServiceToken, Roles: []viewer.Role{viewer.RoleAdmin}})
	_, err = SetMyLocale(token, client, "en")
	require.True(t, errors.As(err, &r))
	require.Equal(t, refusal.Forbidden, r.Kind)
}
