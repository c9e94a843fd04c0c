package accounts

import (
	"strings"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/privacy"
	"github.com/summitkam/summit/internal/refusal"
)

// errForbidden refuses a change of a row the viewer may read but not change.
// It is a privacy denial, like the row-level rules' own, so the API answers
// it exactly as it answers a change the rules stop.
func errForbidden(what string, id int) error {
	return privacy.Denyf("not allowed to change %s %d", what, id)
}

// errCreateForOthers refuses a key-account manager creating an account owned
// by someone else: they would lose sight of it at once. Admins assign
// accounts to others, and an owner can hand an account over by updating it.
var errCreateForOthers = privacy.Denyf("you may only create accounts you own")

// constraintConflict turns a unique-constraint violation into a conflict
// with a readable message; names maps constraint (index) names to messages.
// Other errors pass through.
func constraintConflict(err error, names map[string]string) error {
	if !ent.IsConstraintError(err) {
		return err
	}
	for name, msg := range names {
		if strings.Contains(err.Error(), `"`+name+`"`) {
			return refusal.Conflictf("%s", msg)
		}
	}
	return refusal.Conflictf("the change conflicts with existing data")
}
