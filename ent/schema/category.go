package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// Category is an admin-defined, stable, objective attribute of an account
// (industry, business type): it drives which product, not how much service.
type Category struct{ ent.Schema }

// Mixin of the Category.
func (Category) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Category.
func (Category) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").NotEmpty().MaxLen(64),
		field.String("name").NotEmpty().MaxLen(200).Comment("zh-CN name").
			Annotations(entgql.OrderField("NAME")),
		field.String("name_en").Optional().MaxLen(200),
		field.Text("description").Optional(),
	}
}

// Edges of the Category.
func (Category) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("accounts", Account.Type).Ref("category").
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the Category.
func (Category) Indexes() []ent.Index {
	return []ent.Index{index.Fields("code").Unique()}
}

// Annotations of the Category.
func (Category) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}

// Policy of the Category: see package rule.
func (Category) Policy() ent.Policy { return rule.ReferencePolicy() }
