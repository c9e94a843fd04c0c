package auth

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/viewer"
)

func TestParseRoleMap(t *testing.T) {
	t.Parallel()

	m, err := ParseRoleMap("summit-admins=ADMIN, summit-execs=EXECUTIVE,kam=KEY_ACCOUNT_MANAGER,pm-east=PARTNER_MANAGER:EAST,summit-admins=VIEWER")
	require.NoError(t, err)
	require.Equal(t, 4, m.Len())
	require.Equal(t, []Grant{{Role: viewer.RoleAdmin}, {Role: viewer.RoleViewer}}, m.Grants([]string{"summit-admins"}))
	require.Equal(t,
		[]Grant{{Role: viewer.RoleExecutive}, {Role: viewer.RoleKeyAccountManager}, {Role: viewer.RolePartnerManager, Region: "EAST"}},
		m.Grants([]string{"pm-east", "kam", "unknown", "summit-execs", "kam"}))
	require.Empty(t, m.Grants(nil))

	// Semicolons separate entries when group names hold commas (LDAP DNs).
	m, err = ParseRoleMap("cn=admins,ou=groups,dc=example=ADMIN;\ncn=pm,ou=groups=partner_manager:NORTH")
	require.NoError(t, err)
	require.Equal(t, []Grant{{Role: viewer.RoleAdmin}}, m.Grants([]string{"cn=admins,ou=groups,dc=example"}))
	require.Equal(t, []Grant{{Role: viewer.RolePartnerManager, Region: "NORTH"}}, m.Grants([]string{"cn=pm,ou=groups"}))

	empty, err := ParseRoleMap("  ")
	require.NoError(t, err)
	require.Zero(t, empty.Len())

	for _, bad := range []string{"admins", "=ADMIN", "admins=ROOT", "execs=EXECUTIVE:EAST", "pm=PARTNER_MANAGER:", "pm=PARTNER_MANAGER:a b"} {
		_, err := ParseRoleMap(bad)
		require.Error(t, err, bad)
	}
}

func TestIdentityRoleMap(t *testing.T) {
	t.Parallel()
	m := IdentityRoleMap()
	require.Equal(t,
		[]Grant{{Role: viewer.RoleAdmin}, {Role: viewer.RolePartnerManager, Region: "EAST"}},
		m.Grants([]string{"PARTNER_MANAGER:EAST", "ADMIN", "engineering", "EXECUTIVE:EAST"}))
}
