//go:build ignore

// entc.go generates the ent client and the GraphQL schema of every entity
// (graph/schema/ent.graphqls). Run it through `make generate`.
package main

import (
	"log"
	"strings"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
	"github.com/vektah/gqlparser/v2/ast"
)

func main() {
	ex, err := entgql.NewExtension(
		entgql.WithConfigPath("../graph/gqlgen.yml"),
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("../graph/schema/ent.graphqls"),
		entgql.WithWhereInputs(true),
		entgql.WithSchemaHook(scopeWhereInputs),
	)
	if err != nil {
		log.Fatalf("error creating entgql extension: %v", err)
	}
	err = entc.Generate("./schema", &gen.Config{
		Features: []gen.Feature{
			gen.FeaturePrivacy,
			gen.FeatureEntQL,
			gen.FeatureIntercept,
			gen.FeatureNamedEdges,
			gen.FeatureModifier,
			gen.FeatureExecQuery,
			gen.FeatureUpsert,
			gen.FeatureLock,
			gen.FeatureVersionedMigration,
			gen.FeatureGlobalID,
		},
	}, entc.Extensions(ex))
	if err != nil {
		log.Fatalf("error running ent codegen: %v", err)
	}
}

// scopeWhereInputs marks every where input with @scopedFilter. The directive
// (graph/filters.go) runs whenever such an input is decoded — for a
// resolver's arguments and for the nested connections entgql loads eagerly
// alike — and makes every row its has…With filters traverse obey the row
// rules (ent/rule.ScopeWhereInput).
func scopeWhereInputs(_ *gen.Graph, s *ast.Schema) error {
	if s.Directives == nil {
		s.Directives = map[string]*ast.DirectiveDefinition{}
	}
	s.Directives["scopedFilter"] = &ast.DirectiveDefinition{
		Name:        "scopedFilter",
		Description: "Restricts the rows the input's edge filters traverse to those the viewer may read.",
		Locations:   []ast.DirectiveLocation{ast.LocationInputObject},
	}
	for name, def := range s.Types {
		if def.Kind == ast.InputObject && strings.HasSuffix(name, "WhereInput") {
			def.Directives = append(def.Directives, &ast.Directive{Name: "scopedFilter", Location: ast.LocationInputObject})
		}
	}
	return nil
}
