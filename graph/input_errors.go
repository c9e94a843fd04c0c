package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// badInput is a BAD_USER_INPUT error naming the offending input field, e.g.
// field "input.reason".
func badInput(ctx context.Context, field, message string) error {
	return &gqlerror.Error{
		Message:    field + ": " + message,
		Path:       graphql.GetPath(ctx),
		Extensions: map[string]any{"code": CodeBadUserInput, "field": field},
	}
}

// requireReason refuses a blank reason: decisions that change access or
// grades must say why.
func requireReason(ctx context.Context, field, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return badInput(ctx, field, "a reason is required")
	}
	return nil
}
