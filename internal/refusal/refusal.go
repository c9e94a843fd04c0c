// Package refusal is the one error type domain rules (planning, grading
// governance, review cycles) use to refuse a change: a kind the API maps to
// an error code without reading messages, the input at fault, and a message
// fit for the caller.
package refusal

import (
	"errors"
	"fmt"
)

// Kind classifies why a rule refused.
type Kind int

// Kinds of refusal.
const (
	// Invalid: an input value is wrong; Error.Field names it.
	Invalid Kind = iota + 1
	// NotFound: what the change refers to does not exist or is not visible.
	NotFound
	// Conflict: the change does not fit the current state (wrong status,
	// stale data, missing approval); reloading may help.
	Conflict
	// Forbidden: the actor may not make this change in any state.
	Forbidden
)

func (k Kind) String() string {
	switch k {
	case Invalid:
		return "invalid"
	case NotFound:
		return "not found"
	case Conflict:
		return "conflict"
	case Forbidden:
		return "forbidden"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// FieldError is one problem inside a structured input, e.g. a model config
// ("criteria[2].bands[0].min").
type FieldError struct {
	Path    string
	Message string
}

// Error is a refusal.
type Error struct {
	Kind Kind
	// Field names the input at fault, relative to the operation's arguments;
	// "" for none.
	Field   string
	Message string
	// Fields lists every problem of an invalid structured input.
	Fields []FieldError
}

func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

// Is reports whether err is a refusal of kind k.
func Is(err error, k Kind) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == k
}
