package partners

import (
	"context"

	"github.com/summitkam/summit/ent/privacy"
	"github.com/summitkam/summit/internal/viewer"
)

// systemRead lets a rule read rows past the viewer's row-level filter, for
// checks that must see every row (tier holders, executives to notify); what
// it reads is never returned to the viewer.
func systemRead(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}

// mayGrade reports whether the viewer grades partners: partner managers
// (in their regions, by the row-level rules), executives, admins and the
// system.
func mayGrade(v *viewer.Viewer) bool {
	return v.IsSystem() || v.HasAny(viewer.RolePartnerManager, viewer.RoleExecutive, viewer.RoleAdmin)
}
