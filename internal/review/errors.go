package review

import (
	"fmt"

	"github.com/summitkam/summit/internal/refusal"
)

// ErrorKind and Error are the shared refusal type (package refusal).
type (
	ErrorKind = refusal.Kind
	Error     = refusal.Error
)

// Error kinds.
const (
	KindInvalid   = refusal.Invalid
	KindNotFound  = refusal.NotFound
	KindConflict  = refusal.Conflict
	KindForbidden = refusal.Forbidden
)

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

// IsKind reports whether err is a refusal of kind k.
func IsKind(err error, k ErrorKind) bool { return refusal.Is(err, k) }
