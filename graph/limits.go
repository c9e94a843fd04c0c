package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Limits bound what one request may ask for. They are checked on the parsed,
// validated operation before any resolver runs, so an over-limit query costs
// no SQL at all.
type Limits struct {
	// MaxDepth is the deepest field nesting allowed. Defaults to 12.
	MaxDepth int
	// MaxAliases is the number of aliased fields allowed in a document
	// (aliases multiply work without multiplying bytes). Defaults to 30.
	MaxAliases int
	// MaxOperations is the number of operations one document may define.
	// Defaults to 5.
	MaxOperations int
	// MaxCost caps the estimated rows an operation can touch: every field
	// costs 1, and the fields under a connection count once per requested
	// item (first/last, DefaultPageSize when absent). Defaults to 50,000.
	MaxCost int
}

// WithDefaults returns l with zero fields set to their defaults.
func (l Limits) WithDefaults() Limits {
	if l.MaxDepth == 0 {
		l.MaxDepth = 12
	}
	if l.MaxAliases == 0 {
		l.MaxAliases = 30
	}
	if l.MaxOperations == 0 {
		l.MaxOperations = 5
	}
	if l.MaxCost == 0 {
		l.MaxCost = 50_000
	}
	return l
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = Limits{}

// ExtensionName implements graphql.HandlerExtension.
func (Limits) ExtensionName() string { return "SummitLimits" }

// Validate implements graphql.HandlerExtension.
func (Limits) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext refuses an over-limit operation before execution.
func (l Limits) MutateOperationContext(_ context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if n := len(op.Doc.Operations); n > l.MaxOperations {
		return limitError("operations", fmt.Sprintf("document defines %d operations; at most %d", n, l.MaxOperations))
	}
	if n := countAliases(op.Doc); n > l.MaxAliases {
		return limitError("aliases", fmt.Sprintf("document uses %d aliases; at most %d", n, l.MaxAliases))
	}
	if op.Operation == nil {
		return nil
	}
	w := walker{vars: op.Variables, fragments: op.Doc.Fragments}
	depth, cost, err := w.measure(op.Operation.SelectionSet, 1)
	if err != nil {
		return err
	}
	if depth > l.MaxDepth {
		return limitError("depth", fmt.Sprintf("query is nested %d levels deep; at most %d", depth, l.MaxDepth))
	}
	if cost > l.MaxCost {
		return limitError("cost", fmt.Sprintf("query could touch about %d rows; at most %d — ask for smaller pages", cost, l.MaxCost))
	}
	return nil
}

func limitError(limit, message string) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    "query refused: " + message,
		Extensions: map[string]any{"code": CodeBadUserInput, "limit": limit},
	}
}

func countAliases(doc *ast.QueryDocument) int {
	n := 0
	var visit func(ast.SelectionSet)
	visit = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if s.Alias != "" && s.Alias != s.Name {
					n++
				}
				visit(s.SelectionSet)
			case *ast.InlineFragment:
				visit(s.SelectionSet)
			}
		}
	}
	for _, op := range doc.Operations {
		visit(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		visit(f.SelectionSet)
	}
	return n
}

type walker struct {
	vars      map[string]any
	fragments ast.FragmentDefinitionList
	// spreads guards against a fragment cycle slipping past validation.
	spreads int
}

// measure returns the depth and estimated cost of a selection set.
func (w *walker) measure(set ast.SelectionSet, level int) (depth, cost int, _ *gqlerror.Error) {
	depth = level - 1
	for _, sel := range set {
		var (
			d, c int
			err  *gqlerror.Error
		)
		switch s := sel.(type) {
		case *ast.Field:
			d, c, err = w.field(s, level)
		case *ast.InlineFragment:
			d, c, err = w.measure(s.SelectionSet, level)
		case *ast.FragmentSpread:
			if w.spreads++; w.spreads > 1000 {
				return 0, 0, limitError("fragments", "too many fragment spreads")
			}
			def := w.fragments.ForName(s.Name)
			if def == nil {
				continue
			}
			d, c, err = w.measure(def.SelectionSet, level)
		}
		if err != nil {
			return 0, 0, err
		}
		depth = max(depth, d)
		cost += c
	}
	return depth, cost, nil
}

func (w *walker) field(f *ast.Field, level int) (int, int, *gqlerror.Error) {
	childDepth, childCost, err := w.measure(f.SelectionSet, level+1)
	if err != nil {
		return 0, 0, err
	}
	depth := max(level, childDepth)
	multiplier := 1
	if f.Definition != nil && strings.HasSuffix(f.Definition.Type.Name(), "Connection") {
		multiplier = DefaultPageSize
		args := f.ArgumentMap(w.vars)
		for _, name := range []string{"first", "last"} {
			v, ok := args[name]
			if !ok || v == nil {
				continue
			}
			n, ok := asInt(v)
			if !ok {
				continue
			}
			if n < 0 || n > MaxPageSize {
				return 0, 0, &gqlerror.Error{
					Message:    fmt.Sprintf("query refused: %s.%s must be between 0 and %d, got %d", f.Alias, name, MaxPageSize, n),
					Extensions: map[string]any{"code": CodeBadUserInput, "limit": "page", "field": name},
				}
			}
			multiplier = n
		}
	}
	return depth, 1 + multiplier*childCost, nil
}

func asInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case float64:
		return int(n), true
	}
	return 0, false
}
