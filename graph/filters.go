package graph

import (
	"context"
	"fmt"
	"reflect"

	"github.com/99designs/gqlgen/graphql"

	"github.com/summitkam/summit/ent/rule"
	"github.com/summitkam/summit/internal/viewer"
)

// scopedFilter implements the @scopedFilter directive every where input
// carries (ent/entc.go): each time gqlgen decodes a where input — the
// arguments of a resolver, or the nested connections entgql loads eagerly
// in the same query — the rows its edge filters traverse are limited to
// those the viewer may read (rule.ScopeWhereInput). Inner inputs are
// decoded first, so every depth is covered.
func scopedFilter(ctx context.Context, _ any, next graphql.Resolver) (any, error) {
	res, err := next(ctx)
	if err != nil || !rule.HasEdgeFilters(res) {
		return res, err
	}
	in := reflect.ValueOf(res)
	ptr := in
	if in.Kind() != reflect.Pointer {
		ptr = reflect.New(in.Type())
		ptr.Elem().Set(in)
	}
	if err := rule.ScopeWhereInput(viewer.FromContext(ctx), ptr.Interface()); err != nil {
		return nil, fmt.Errorf("scoping filter: %w", err)
	}
	if in.Kind() != reflect.Pointer {
		return ptr.Elem().Interface(), nil
	}
	return res, nil
}
