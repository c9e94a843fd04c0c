package graph

import (
	"context"
	"errors"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/summitkam/summit/internal/accounts"
)

// acctError gives the typed errors of package accounts their extensions.code:
// an *accounts.InputError becomes BAD_USER_INPUT with extensions.field set to
// the input path (prefix "input" turns field "code" into "input.code"), an
// *accounts.ConflictError becomes CONFLICT (with extensions.currentVersion
// for a stale version). Other errors (ent's not found,
// privacy denials, failures) go to the error presenter as they are.
func acctError(ctx context.Context, prefix string, err error) error {
	if err == nil {
		return nil
	}
	var in *accounts.InputError
	if errors.As(err, &in) {
		field := in.Field
		if prefix != "" {
			field = prefix + "." + field
		}
		return badInput(ctx, field, in.Message)
	}
	var c *accounts.ConflictError
	if errors.As(err, &c) {
		ext := map[string]any{"code": CodeConflict}
		if c.CurrentVersion != 0 {
			ext["currentVersion"] = c.CurrentVersion
		}
		return &gqlerror.Error{Message: c.Message, Path: graphql.GetPath(ctx), Extensions: ext}
	}
	return err
}
