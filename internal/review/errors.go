package review

import (
	"errors"
	"fmt"
)

// ErrorKind classifies a refusal so the API can map it to an error code.
type ErrorKind int

// Error kinds.
const (
	KindInvalid ErrorKind = iota + 1
	KindNotFound
	KindConflict
	KindForbidden
)

// Error is a refusal of a review rule: bad input, a missing or invisible
// record, a state that does not allow the step, or a viewer who may not.
type Error struct {
	Kind ErrorKind
	// Field names the offending input, "" for none.
	Field   string
	Message string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

func invalid(field, format string, args ...any) error {
	return &Error{Kind: KindInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

func conflict(format string, args ...any) error {
	return &Error{Kind: KindConflict, Message: fmt.Sprintf(format, args...)}
}

func forbidden(format string, args ...any) error {
	return &Error{Kind: KindForbidden, Message: fmt.Sprintf(format, args...)}
}

func notFound(field, what string, id int) error {
	return &Error{Kind: KindNotFound, Field: field, Message: fmt.Sprintf("%s %d not found", what, id)}
}

// IsKind reports whether err is a review Error of kind k.
func IsKind(err error, k ErrorKind) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == k
}
