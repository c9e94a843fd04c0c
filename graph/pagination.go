package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

const (
	// DefaultPageSize applies when a connection is asked for without first or
	// last: entgql adds no LIMIT then, and an unbounded list is a denial of service.
	DefaultPageSize = 25
	// MaxPageSize is the most rows one page may ask for.
	MaxPageSize = 200
)

// boundConnections is a field middleware that bounds every Relay connection,
// top-level or nested: it fills in first=DefaultPageSize when neither first nor
// last is given and refuses a page above MaxPageSize before any SQL runs.
// Doing it here, once, keeps resolvers one-liners and covers generated edge
// resolvers that no hand-written code touches.
func boundConnections(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Definition == nil || !strings.HasSuffix(fc.Field.Definition.Type.Name(), "Connection") {
		return next(ctx)
	}
	if fc.Field.Definition.Arguments.ForName("first") == nil {
		return next(ctx)
	}
	var given bool
	for _, name := range []string{"first", "last"} {
		v, _ := fc.Args[name].(*int)
		if v == nil {
			continue
		}
		given = true
		if *v < 0 || *v > MaxPageSize {
			return nil, &gqlerror.Error{
				Message:    fmt.Sprintf("%s must be between 0 and %d, got %d", name, MaxPageSize, *v),
				Path:       fc.Path(),
				Extensions: map[string]any{"code": "BAD_USER_INPUT", "field": name},
			}
		}
	}
	if !given {
		n := DefaultPageSize
		fc.Args["first"] = &n
	}
	return next(ctx)
}
