package accounts

import (
	"errors"
	"fmt"
	"strings"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/privacy"
)

// InputError is a value the caller must fix. Field is the path of the input
// field relative to the input object, e.g. "code" or "reportsToID".
type InputError struct {
	Field   string
	Message string
}

func (e *InputError) Error() string { return e.Field + ": " + e.Message }

func inputErr(field, format string, args ...any) *InputError {
	return &InputError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrConflict is matched (errors.Is) by errors that say the data moved on (a
// stale version) or that a uniqueness rule refused the change (a duplicate
// code, a second account manager). Retrying with fresh data may succeed.
var ErrConflict = errors.New("conflict")

// ConflictError is a conflict with a message fit for the caller.
type ConflictError struct {
	Message string
	// CurrentVersion is the account's version when a stale one was given
	// (0 when not known or not about a version).
	CurrentVersion int
}

func (e *ConflictError) Error() string { return "conflict: " + e.Message }

// Is makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

func conflict(format string, args ...any) error {
	return &ConflictError{Message: fmt.Sprintf(format, args...)}
}

// errForbidden refuses a change of a row the viewer may read but not change.
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
			return conflict("%s", msg)
		}
	}
	return conflict("the change conflicts with existing data")
}
