package partners

import (
	"errors"
	"fmt"

	"github.com/summitkam/summit/internal/refusal"
)

func invalid(field, format string, args ...any) error {
	return &refusal.Error{Kind: refusal.Invalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

func conflict(format string, args ...any) error {
	return &refusal.Error{Kind: refusal.Conflict, Message: fmt.Sprintf(format, args...)}
}

func forbidden(format string, args ...any) error {
	return &refusal.Error{Kind: refusal.Forbidden, Message: fmt.Sprintf(format, args...)}
}

func notFound(field, what string, id int) error {
	return &refusal.Error{Kind: refusal.NotFound, Field: field, Message: fmt.Sprintf("%s %d not found", what, id)}
}

// tierInvalid turns a TierError into a refusal listing every problem, with
// paths under prefix (e.g. "input.").
func tierInvalid(err error, prefix string) error {
	var te *TierError
	if !errors.As(err, &te) {
		return err
	}
	r := &refusal.Error{Kind: refusal.Invalid, Message: te.Error()}
	for _, p := range te.Problems {
		r.Fields = append(r.Fields, refusal.FieldError{Path: prefix + p.Field, Message: p.Message})
	}
	if len(te.Problems) == 1 {
		r.Field = prefix + te.Problems[0].Field
		r.Message = te.Problems[0].Message
	}
	return r
}

func conflictField(field, format string, args ...any) error {
	return &refusal.Error{Kind: refusal.Conflict, Field: field, Message: fmt.Sprintf(format, args...)}
}
