package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// planCodeError is a typed error with extensions.code and any extra
// extensions (e.g. currentVersion on a conflict).
func planCodeError(ctx context.Context, code, message string, extra map[string]any) error {
	ext := map[string]any{"code": code}
	for k, v := range extra {
		ext[k] = v
	}
	return &gqlerror.Error{Message: message, Path: graphql.GetPath(ctx), Extensions: ext}
}

// planNotFound says that what an operation acts on does not exist or is not
// visible to the viewer (the two look the same on purpose). field names the
// argument that referenced it, "" for none.
func planNotFound(ctx context.Context, field, what string, id int) error {
	var extra map[string]any
	if field != "" {
		extra = map[string]any{"field": field}
	}
	return planCodeError(ctx, CodeNotFound, fmt.Sprintf("%s %d not found", what, id), extra)
}

func planConflict(ctx context.Context, message string, extra map[string]any) error {
	return planCodeError(ctx, CodeConflict, message, extra)
}

func planForbidden(ctx context.Context, message string) error {
	return planCodeError(ctx, CodeForbidden, message, nil)
}

// planRefusal turns a refusal of a planning rule into its API error (see
// refusalError); other errors pass through to the error presenter.
func planRefusal(ctx context.Context, err error, prefix string) error {
	return refusalError(ctx, err, prefix)
}
