package auth

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/auditevent"
	"github.com/summitkam/summit/ent/roleassignment"
	"github.com/summitkam/summit/ent/user"
	"github.com/summitkam/summit/internal/viewer"
)

const roleMap = "summit-admins=ADMIN,summit-execs=EXECUTIVE,kam=KEY_ACCOUNT_MANAGER,pm-east=PARTNER_MANAGER:EAST,pm-all=PARTNER_MANAGER"

func TestRoleSyncAcrossLogins(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{roleMap: roleMap})
	br := b.browser()
	u := alice
	u.Groups = []string{"kam"}
	require.Equal(t, http.StatusOK, br.login(u).status)
	_, me := br.me()
	require.Equal(t, []viewer.Role{viewer.RoleKeyAccountManager}, me.Roles)

	// An admin grants a LOCAL role in the meantime.
	b.client.RoleAssignment.Create().SetUserID(*me.ID).SetRole(roleassignment.RoleVIEWER).SetSource(roleassignment.SourceLOCAL).ExecX(b.ctx)

	// Groups change at the provider: IDP roles are replaced, LOCAL stays.
	u.Groups = []string{"summit-execs", "pm-east", "pm-all"}
	u.Email, u.Name = "alice.wang@summit.example", "王爱丽"
	require.Equal(t, http.StatusOK, br.login(u).status)
	_, me = br.me()
	require.Equal(t, []viewer.Role{viewer.RoleExecutive, viewer.RolePartnerManager, viewer.RoleViewer}, me.Roles)
	require.Empty(t, me.Regions, "an unscoped partner manager assignment means every region")
	require.Equal(t, "alice.wang@summit.example", me.Email, "email follows the provider")
	require.Equal(t, "王爱丽", me.Name)
	sources := b.client.RoleAssignment.Query().Where(roleassignment.UserID(*me.ID)).Order(roleassignment.ByID()).AllX(b.ctx)
	require.Len(t, sources, 4)
	require.Equal(t, 2, b.client.AuditEvent.Query().Where(auditevent.Action("role.sync"), auditevent.EntityID(*me.ID)).CountX(b.ctx))

	// Same groups again: nothing to change, nothing audited.
	require.Equal(t, http.StatusOK, br.login(u).status)
	require.Equal(t, 2, b.client.AuditEvent.Query().Where(auditevent.Action("role.sync")).CountX(b.ctx))

	// Groups gone: IDP roles gone, the LOCAL one stays.
	u.Groups = nil
	require.Equal(t, http.StatusOK, br.login(u).status)
	_, me = br.me()
	require.Equal(t, []viewer.Role{viewer.RoleViewer}, me.Roles)
	require.Equal(t, 1, b.userCount())
}

func TestLoginLinksSeededUserByEmail(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{roleMap: roleMap})
	seeded := b.createUser("pm01@summit.example", "华东区渠道经理", "PARTNER_MANAGER:EAST")
	verified := true
	br := b.browser()
	// The provider's groups give the role the LOCAL assignment already gives:
	// no duplicate IDP assignment.
	require.Equal(t, http.StatusOK, br.login(testUser{Subject: "pm01-sub", Email: "PM01@summit.example", EmailVerified: &verified, Groups: []string{"pm-east", "kam"}}).status)
	_, me := br.me()
	require.Equal(t, seeded.ID, *me.ID)
	require.Equal(t, "华东区渠道经理", me.Name, "without a name claim the name stays")
	require.Equal(t, []viewer.Role{viewer.RoleKeyAccountManager, viewer.RolePartnerManager}, me.Roles)
	require.Equal(t, []string{"EAST"}, me.Regions)
	linked := b.client.User.GetX(b.ctx, seeded.ID)
	require.Equal(t, "pm01-sub", *linked.Subject)
	require.Equal(t, 1, b.client.RoleAssignment.Query().Where(roleassignment.SourceEQ(roleassignment.SourceIDP)).CountX(b.ctx))
	require.Equal(t, 1, b.userCount())
}

func TestLoginRefusesIdentityConflicts(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	b.createUser("bob@summit.example", "Bob")
	unverified := false

	// An unverified email does not take over an existing account.
	p := b.browser().login(testUser{Subject: "mallory", Email: "bob@summit.example", EmailVerified: &unverified})
	require.Equal(t, http.StatusForbidden, p.status)
	require.Zero(t, b.sessionCount())
	require.Nil(t, b.client.User.Query().Where(user.Email("bob@summit.example")).OnlyX(b.ctx).Subject)

	// Bob logs in; later another subject with his email is refused.
	verified := true
	require.Equal(t, http.StatusOK, b.browser().login(testUser{Subject: "bob-sub", Email: "bob@summit.example", EmailVerified: &verified}).status)
	p = b.browser().login(testUser{Subject: "bob-other", Email: "bob@summit.example", EmailVerified: &verified})
	require.Equal(t, http.StatusForbidden, p.status)

	// Someone may not rename themselves onto Bob's email.
	require.Equal(t, http.StatusOK, b.browser().login(testUser{Subject: "carol-sub", Email: "carol@summit.example"}).status)
	p = b.browser().login(testUser{Subject: "carol-sub", Email: "bob@summit.example"})
	require.Equal(t, http.StatusForbidden, p.status)

	// No email at all: nothing to create the user from.
	p = b.browser().login(testUser{Subject: "anon"})
	require.Equal(t, http.StatusForbidden, p.status)
	require.Equal(t, 2, b.sessionCount())
	require.Equal(t, 2, b.userCount())
}

func TestRolesOf(t *testing.T) {
	t.Parallel()
	b := setup(t, setupOptions{})
	u := b.createUser("x@summit.example", "X", "VIEWER", "PARTNER_MANAGER:WEST", "PARTNER_MANAGER:EAST", "ADMIN")
	v, err := b.svc.userViewer(t.Context(), u.ID)
	require.NoError(t, err)
	require.Equal(t, []viewer.Role{viewer.RoleAdmin, viewer.RolePartnerManager, viewer.RoleViewer}, v.Roles)
	require.Equal(t, []string{"EAST", "WEST"}, v.Regions)
	require.Equal(t, "x@summit.example", v.Label)
}
