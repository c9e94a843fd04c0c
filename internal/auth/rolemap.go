package auth

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/summitkam/summit/internal/viewer"
)

// Grant is a role from the identity provider; Region scopes a partner
// manager (empty means every region).
type Grant struct {
	Role   viewer.Role `json:"role"`
	Region string      `json:"region,omitempty"`
}

func (g Grant) String() string {
	if g.Region == "" {
		return string(g.Role)
	}
	return string(g.Role) + ":" + g.Region
}

// RoleMap turns the groups claim into grants (SUMMIT_OIDC_ROLE_MAP). Groups
// it does not know give nothing.
type RoleMap struct {
	groups map[string][]Grant
	// identity: a group named like a grant ("ADMIN", "PARTNER_MANAGER:EAST")
	// is that grant. Only the development identity provider uses it.
	identity bool
}

var regionPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// ParseRoleMap parses entries GROUP=ROLE or GROUP=PARTNER_MANAGER:REGION,
// separated by commas, e.g.
//
//	summit-admins=ADMIN,summit-execs=EXECUTIVE,kam=KEY_ACCOUNT_MANAGER,pm-east=PARTNER_MANAGER:EAST
//
// When the text holds a semicolon or a newline, those separate the entries
// instead, so that group names with commas (LDAP DNs) can be mapped; the
// last "=" of an entry separates the group from the role:
//
//	cn=admins,ou=groups,dc=example=ADMIN; cn=kam,ou=groups,dc=example=KEY_ACCOUNT_MANAGER
//
// A group may be listed several times to grant several roles. Empty text is
// an empty map.
func ParseRoleMap(text string) (RoleMap, error) {
	m := RoleMap{groups: map[string][]Grant{}}
	sep := ","
	if strings.ContainsAny(text, ";\n") {
		sep = ";"
		text = strings.ReplaceAll(text, "\n", ";")
	}
	for entry := range strings.SplitSeq(text, sep) {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		i := strings.LastIndex(entry, "=")
		if i <= 0 {
			return RoleMap{}, fmt.Errorf("role map entry %q: want GROUP=ROLE", entry)
		}
		group := strings.TrimSpace(entry[:i])
		grant, err := parseGrant(strings.TrimSpace(entry[i+1:]))
		if err != nil {
			return RoleMap{}, fmt.Errorf("role map entry %q: %w", entry, err)
		}
		if !slices.Contains(m.groups[group], grant) {
			m.groups[group] = append(m.groups[group], grant)
		}
	}
	return m, nil
}

// MustParseRoleMap is ParseRoleMap for literals; it panics on an error.
func MustParseRoleMap(text string) RoleMap {
	m, err := ParseRoleMap(text)
	if err != nil {
		panic(err)
	}
	return m
}

// IdentityRoleMap maps every group spelled like a grant to that grant:
// ADMIN=ADMIN, EXECUTIVE=EXECUTIVE …, PARTNER_MANAGER:EAST=PARTNER_MANAGER:EAST.
// The development identity provider sends a user's local roles as groups in
// this form, so a development login runs the same mapping as production.
func IdentityRoleMap() RoleMap { return RoleMap{identity: true} }

func parseGrant(s string) (Grant, error) {
	role, region, scoped := strings.Cut(s, ":")
	g := Grant{Role: viewer.Role(strings.ToUpper(strings.TrimSpace(role))), Region: strings.TrimSpace(region)}
	if !g.Role.Valid() {
		return Grant{}, fmt.Errorf("unknown role %q (want one of %v)", role, viewer.AllRoles)
	}
	if scoped {
		if g.Role != viewer.RolePartnerManager {
			return Grant{}, fmt.Errorf("only %s takes a region", viewer.RolePartnerManager)
		}
		if !regionPattern.MatchString(g.Region) {
			return Grant{}, fmt.Errorf("invalid region %q", g.Region)
		}
	}
	return g, nil
}

// Len is the number of mapped groups.
func (m RoleMap) Len() int { return len(m.groups) }

// Grants returns the grants of groups, without duplicates, in a stable order.
func (m RoleMap) Grants(groups []string) []Grant {
	var out []Grant
	for _, group := range groups {
		grants := m.groups[group]
		if m.identity {
			if g, err := parseGrant(group); err == nil {
				grants = []Grant{g}
			}
		}
		for _, g := range grants {
			if !slices.Contains(out, g) {
				out = append(out, g)
			}
		}
	}
	sortGrants(out)
	return out
}

func sortGrants(gs []Grant) {
	slices.SortFunc(gs, func(a, b Grant) int {
		return cmp.Or(cmp.Compare(roleRank(a.Role), roleRank(b.Role)), cmp.Compare(a.Region, b.Region))
	})
}

func roleRank(r viewer.Role) int { return slices.Index(viewer.AllRoles, r) }
