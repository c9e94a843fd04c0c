package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/auditevent"
	"github.com/summitkam/summit/ent/servicetoken"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

func tokenSetup(t *testing.T) (*TokenStore, *bundle) {
	t.Helper()
	b := &bundle{t: t, ctx: viewer.System(t.Context(), "test"), clock: &testClock{now: time.Now()}}
	b.client = database.NewClient(testdb.NewPool(t))
	return &TokenStore{Client: b.client, Now: b.clock.Now}, b
}

func TestTokenCreate(t *testing.T) {
	t.Parallel()
	store, b := tokenSetup(t)
	secret, tok, err := store.Create(t.Context(), NewToken{Name: "reporting", Role: viewer.RoleViewer, ExpiresIn: 90 * 24 * time.Hour, CreatedBy: "cli:ops"})
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(secret, TokenPrefix))
	require.Len(t, secret, len(TokenPrefix)+43, "32 random bytes")

	stored := b.client.ServiceToken.Query().Where(servicetoken.ID(tok.ID)).OnlyX(b.ctx)
	require.Equal(t, hashSecret(secret), stored.TokenHash, "only the hash is stored")
	require.Equal(t, servicetoken.RoleVIEWER, stored.Role)
	require.Nil(t, stored.UserID)
	require.Equal(t, "cli:ops", stored.CreatedBy)
	require.WithinDuration(t, b.clock.Now().Add(90*24*time.Hour), *stored.ExpiresAt, time.Millisecond)
	require.NotContains(t, stored.String(), secret)
	require.NotContains(t, stored.String(), stored.TokenHash, "the hash is Sensitive: not printed")
	ev := b.client.AuditEvent.Query().Where(auditevent.Action("token.create"), auditevent.EntityID(tok.ID)).OnlyX(b.ctx)
	require.Equal(t, "system:auth", ev.ActorLabel, "no viewer in ctx: the system")
	require.NotContains(t, string(ev.After), secret)

	// The CLI's identity is kept.
	_, tok, err = store.Create(viewer.System(t.Context(), "cli:token"), NewToken{Name: "cli-made", Role: viewer.RoleViewer})
	require.NoError(t, err)
	ev = b.client.AuditEvent.Query().Where(auditevent.Action("token.create"), auditevent.EntityID(tok.ID)).OnlyX(b.ctx)
	require.Equal(t, "system:cli:token", ev.ActorLabel)

	_, _, err = store.Create(t.Context(), NewToken{Name: "reporting", Role: viewer.RoleViewer})
	require.ErrorIs(t, err, ErrTokenExists)
	_, _, err = store.Create(t.Context(), NewToken{Name: "x", Role: "ROOT"})
	require.ErrorContains(t, err, "unknown role")
	_, _, err = store.Create(t.Context(), NewToken{Name: "bad name", Role: viewer.RoleViewer})
	require.ErrorContains(t, err, "token name")
	_, _, err = store.Create(t.Context(), NewToken{Name: "y", Role: viewer.RoleViewer, UserEmail: "nobody@summit.example"})
	require.ErrorContains(t, err, "no user with email")
}

func TestTokenAuthenticate(t *testing.T) {
	t.Parallel()
	store, b := tokenSetup(t)
	ctx := t.Context()
	u := b.createUser("admin@summit.example", "管理员", "ADMIN")
	secret, tok, err := store.Create(ctx, NewToken{Name: "ops", Role: viewer.RoleAdmin, UserEmail: "ADMIN@summit.example", ExpiresIn: time.Hour})
	require.NoError(t, err)
	require.Equal(t, u.ID, *tok.UserID)

	v, err := store.Authenticate(ctx, secret)
	require.NoError(t, err)
	require.Equal(t, &viewer.Viewer{Kind: viewer.KindServiceToken, UserID: u.ID, Label: "token:ops", Roles: []viewer.Role{viewer.RoleAdmin}, TokenID: tok.ID}, v)
	firstUse := *b.client.ServiceToken.GetX(b.ctx, tok.ID).LastUsedAt
	require.WithinDuration(t, b.clock.Now(), firstUse, time.Millisecond)

	// Use is recorded at most once a minute.
	b.clock.Advance(30 * time.Second)
	_, err = store.Authenticate(ctx, secret)
	require.NoError(t, err)
	require.True(t, firstUse.Equal(*b.client.ServiceToken.GetX(b.ctx, tok.ID).LastUsedAt))
	b.clock.Advance(31 * time.Second)
	_, err = store.Authenticate(ctx, secret)
	require.NoError(t, err)
	require.WithinDuration(t, b.clock.Now(), *b.client.ServiceToken.GetX(b.ctx, tok.ID).LastUsedAt, time.Millisecond)

	for _, bad := range []string{"", "smt_", secret + "x", strings.TrimPrefix(secret, TokenPrefix), tok.TokenHash} {
		v, err := store.Authenticate(ctx, bad)
		require.NoError(t, err)
		require.Nil(t, v, bad)
	}

	// A deactivated user's token stops working.
	b.client.User.UpdateOneID(u.ID).SetActive(false).ExecX(b.ctx)
	v, err = store.Authenticate(ctx, secret)
	require.NoError(t, err)
	require.Nil(t, v)
	b.client.User.UpdateOneID(u.ID).SetActive(true).ExecX(b.ctx)

	// Expired.
	b.clock.Advance(time.Hour)
	v, err = store.Authenticate(ctx, secret)
	require.NoError(t, err)
	require.Nil(t, v)
}

func TestTokenRevokeAndList(t *testing.T) {
	t.Parallel()
	store, b := tokenSetup(t)
	ctx := t.Context()
	secret, _, err := store.Create(ctx, NewToken{Name: "a", Role: viewer.RoleViewer})
	require.NoError(t, err)
	b.clock.Advance(time.Second)
	_, _, err = store.Create(ctx, NewToken{Name: "b", Role: viewer.RoleExecutive})
	require.NoError(t, err)

	require.NoError(t, store.Revoke(ctx, "a", "cli:ops"))
	require.NoError(t, store.Revoke(ctx, "a", "cli:ops"), "revoking twice is harmless")
	require.ErrorIs(t, store.Revoke(ctx, "nope", "cli:ops"), ErrTokenNotFound)
	v, err := store.Authenticate(ctx, secret)
	require.NoError(t, err)
	require.Nil(t, v)
	require.Equal(t, 1, b.client.AuditEvent.Query().Where(auditevent.Action("token.revoke")).CountX(b.ctx))

	toks, err := store.List(ctx)
	require.NoError(t, err)
	require.Len(t, toks, 2)
	require.Equal(t, "b", toks[0].Name, "newest first")
	require.Nil(t, toks[0].RevokedAt)
	require.NotNil(t, toks[1].RevokedAt)
}

func TestParseExpiry(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]time.Duration{"": 0, "90d": 90 * 24 * time.Hour, "1d": 24 * time.Hour, "12h": 12 * time.Hour, " 30m ": 30 * time.Minute} {
		got, err := ParseExpiry(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, bad := range []string{"0d", "-1d", "d", "ninety days", "-5h", "0s"} {
		_, err := ParseExpiry(bad)
		require.Error(t, err, bad)
	}
}

// A token acting for a user is limited by the user's roles and regions at
// every request, and --region only narrows.
func TestTokenActsWithinItsUser(t *testing.T) {
	t.Parallel()
	store, b := tokenSetup(t)
	ctx := b.ctx
	pm := b.client.User.Create().SetEmail("pm-east@summit.example").SetName("PM East").SaveX(ctx)
	ra := b.client.RoleAssignment.Create().SetUserID(pm.ID).SetRole("PARTNER_MANAGER").SetRegion("EAST").SaveX(ctx)
	kam := b.client.User.Create().SetEmail("kam@summit.example").SetName("KAM").SaveX(ctx)
	b.client.RoleAssignment.Create().SetUserID(kam.ID).SetRole("KEY_ACCOUNT_MANAGER").ExecX(ctx)

	// The user's regions, not every region.
	secret, _, err := store.Create(t.Context(), NewToken{Name: "pm", Role: viewer.RolePartnerManager, UserEmail: pm.Email})
	require.NoError(t, err)
	v, err := store.Authenticate(t.Context(), secret)
	require.NoError(t, err)
	require.Equal(t, []viewer.Role{viewer.RolePartnerManager}, v.Roles)
	require.Equal(t, []string{"EAST"}, v.Regions, "a token for a region-limited partner manager sees that region only")

	// Never wider than the user.
	_, _, err = store.Create(t.Context(), NewToken{Name: "widen", Role: viewer.RoleAdmin, UserEmail: kam.Email})
	require.ErrorContains(t, err, "does not hold role ADMIN")
	_, _, err = store.Create(t.Context(), NewToken{Name: "west", Role: viewer.RolePartnerManager, UserEmail: pm.Email, Region: "WEST"})
	require.ErrorContains(t, err, `not a partner manager for region "WEST"`)
	_, _, err = store.Create(t.Context(), NewToken{Name: "kam-region", Role: viewer.RoleKeyAccountManager, UserEmail: kam.Email, Region: "EAST"})
	require.ErrorContains(t, err, "narrows only")

	// Narrowing: an unscoped partner manager's token limited to one region.
	b.client.RoleAssignment.Create().SetUserID(kam.ID).SetRole("PARTNER_MANAGER").ExecX(ctx)
	narrow, _, err := store.Create(t.Context(), NewToken{Name: "narrow", Role: viewer.RolePartnerManager, UserEmail: kam.Email, Region: "NORTH"})
	require.NoError(t, err)
	v, err = store.Authenticate(t.Context(), narrow)
	require.NoError(t, err)
	require.Equal(t, []string{"NORTH"}, v.Regions)

	// Revoking the role from the user limits the token at the next request.
	b.client.RoleAssignment.DeleteOneID(ra.ID).ExecX(ctx)
	v, err = store.Authenticate(t.Context(), secret)
	require.NoError(t, err)
	require.NotNil(t, v, "the token still authenticates")
	require.Empty(t, v.Roles, "but grants nothing its user no longer has")
}
