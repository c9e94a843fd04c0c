// Package viewer is who is asking: the member of staff behind a request (from
// a session or a service token), or the system itself (workers, migrations,
// seeding). Row-level access rules in ent read it from the context; a context
// without a viewer sees nothing.
package viewer

import (
	"context"
	"slices"
)

// Role is a staff role. The values equal the ent enum role_assignments.role.
type Role string

// Roles.
const (
	RoleAdmin             Role = "ADMIN"
	RoleExecutive         Role = "EXECUTIVE"
	RoleKeyAccountManager Role = "KEY_ACCOUNT_MANAGER"
	RolePartnerManager    Role = "PARTNER_MANAGER"
	RoleMember            Role = "MEMBER"
	RoleViewer            Role = "VIEWER"
)

// AllRoles lists every role, most powerful first.
var AllRoles = []Role{RoleAdmin, RoleExecutive, RoleKeyAccountManager, RolePartnerManager, RoleMember, RoleViewer}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(AllRoles, r) }

// Kind says what sort of identity a viewer is.
type Kind string

// Kinds. They equal the ent enum audit_events.actor_kind.
const (
	KindUser         Kind = "USER"
	KindServiceToken Kind = "SERVICE_TOKEN"
	KindSystem       Kind = "SYSTEM"
)

// Viewer is an authenticated identity.
type Viewer struct {
	Kind Kind
	// UserID is the staff user (users.id); 0 for the system and for service
	// tokens not bound to a user.
	UserID int
	// Label names the viewer in audit events: an email, a token name or a job.
	Label string
	Roles []Role
	// Regions limit a partner manager's distributor rights; empty means all
	// regions.
	Regions []string
	// SessionID or TokenID identify how the viewer authenticated (for logout
	// and revocation); zero when not applicable.
	SessionID string
	TokenID   int
}

// Has reports whether the viewer holds role r.
func (v *Viewer) Has(r Role) bool {
	return v != nil && slices.Contains(v.Roles, r)
}

// HasAny reports whether the viewer holds any of roles.
func (v *Viewer) HasAny(roles ...Role) bool {
	for _, r := range roles {
		if v.Has(r) {
			return true
		}
	}
	return false
}

// IsSystem reports whether the viewer is the system identity.
func (v *Viewer) IsSystem() bool { return v != nil && v.Kind == KindSystem }

// ReadsEverything reports whether row-level filters do not apply to reads:
// the system, admins, executives and viewers (analysts) read all accounts.
func (v *Viewer) ReadsEverything() bool {
	return v.IsSystem() || v.HasAny(RoleAdmin, RoleExecutive, RoleViewer)
}

type ctxKey struct{}

// NewContext returns ctx carrying v.
func NewContext(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, ctxKey{}, v)
}

// FromContext returns the viewer in ctx, or nil.
func FromContext(ctx context.Context) *Viewer {
	v, _ := ctx.Value(ctxKey{}).(*Viewer)
	return v
}

// System returns ctx acting as the system identity, labelled for the audit
// trail (e.g. "worker:review-cycle", "migrate", "seed"). Only code paths
// that are not driven by a request may use it.
func System(ctx context.Context, label string) context.Context {
	return NewContext(ctx, &Viewer{Kind: KindSystem, Label: "system:" + label})
}
