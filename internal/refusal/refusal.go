// Package refusal is the one error type Summit's domain rules use to refuse
// a change: a kind the API maps to an error code without reading messages
// (graph/errors.go is the only place that does), the input at fault, a
// message fit for the caller, and extensions a client may act on (the
// current version of a stale row, the plan already holding a period).
//
// Services in internal/ return *Error for everything the caller can fix or
// must be told; anything else is a failure the API answers as INTERNAL.
//
// The constructors end in f (Invalidf, NotFoundf, Conflictf, Forbiddenf)
// so that they do not clash with the Kind constants Invalid, NotFound,
// Conflict and Forbidden, which callers also use (refusal.Is(err,
// refusal.Conflict)).
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
	// Extensions are facts a client may act on, sent as GraphQL error
	// extensions next to the code: "currentVersion" of a stale row,
	// "currentStatus", "existingPlanID". Keys are camelCase; "code",
	// "field" and "problems" are reserved for the fields above.
	Extensions map[string]any
}

func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

// New returns a refusal of kind k.
func New(k Kind, field, message string) *Error {
	return &Error{Kind: k, Field: field, Message: message}
}

// Invalidf refuses the input field: its value is wrong.
func Invalidf(field, format string, args ...any) *Error {
	return New(Invalid, field, fmt.Sprintf(format, args...))
}

// NotFoundf says what the argument field refers to does not exist or is not
// visible to the viewer (the two look the same on purpose); field is "" when
// the operation acts on it as a whole.
func NotFoundf(field, format string, args ...any) *Error {
	return New(NotFound, field, fmt.Sprintf(format, args...))
}

// Conflictf refuses a change the current state does not allow.
func Conflictf(format string, args ...any) *Error {
	return New(Conflict, "", fmt.Sprintf(format, args...))
}

// Forbiddenf refuses a change the actor may not make in any state.
func Forbiddenf(format string, args ...any) *Error {
	return New(Forbidden, "", fmt.Sprintf(format, args...))
}

// At names the input at fault and returns e.
func (e *Error) At(field string) *Error {
	e.Field = field
	return e
}

// With adds an extension and returns e.
func (e *Error) With(key string, value any) *Error {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions[key] = value
	return e
}

// Is reports whether err is a refusal of kind k.
func Is(err error, k Kind) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == k
}

// As returns the refusal err is or wraps, or nil.
func As(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
