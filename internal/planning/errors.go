package planning

import "fmt"

// Kind classifies why a rule refused a change, so the API can map it to an
// error code without reading messages.
type Kind int

// Kinds of refusal.
const (
	// KindConflict: the change does not fit the current state (wrong status,
	// missing approval). Reloading and choosing another change may help.
	KindConflict Kind = iota + 1
	// KindForbidden: the actor may not make this change in any state.
	KindForbidden
	// KindInvalid: an input value is wrong; Error.Field names it.
	KindInvalid
)

func (k Kind) String() string {
	switch k {
	case KindConflict:
		return "conflict"
	case KindForbidden:
		return "forbidden"
	case KindInvalid:
		return "invalid"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Error is a refusal by a planning rule.
type Error struct {
	Kind Kind
	// Field is the input that is wrong (KindInvalid only), as the API names
	// it relative to the operation's arguments, e.g. "reason", "unit".
	Field   string
	Message string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

func conflictf(format string, args ...any) error {
	return &Error{Kind: KindConflict, Message: fmt.Sprintf(format, args...)}
}

func forbiddenf(format string, args ...any) error {
	return &Error{Kind: KindForbidden, Message: fmt.Sprintf(format, args...)}
}

func invalidf(field, format string, args ...any) error {
	return &Error{Kind: KindInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}
