package planning

import (
	"fmt"

	"github.com/summitkam/summit/internal/refusal"
)

// Kind and Error are the shared refusal type (package refusal).
type (
	Kind  = refusal.Kind
	Error = refusal.Error
)

// Kinds of refusal.
const (
	// KindConflict: the change does not fit the current state (wrong status,
	// missing approval). Reloading and choosing another change may help.
	KindConflict = refusal.Conflict
	// KindForbidden: the actor may not make this change in any state.
	KindForbidden = refusal.Forbidden
	// KindInvalid: an input value is wrong; Error.Field names it.
	KindInvalid = refusal.Invalid
)

func conflictf(format string, args ...any) error {
	return &Error{Kind: KindConflict, Message: fmt.Sprintf(format, args...)}
}

func forbiddenf(format string, args ...any) error {
	return &Error{Kind: KindForbidden, Message: fmt.Sprintf(format, args...)}
}

func invalidf(field, format string, args ...any) error {
	return &Error{Kind: KindInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}
