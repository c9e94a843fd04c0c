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

// Collection is a payment received (回款). due_on against received_on tells
// whether collections are slowing down.
type Collection struct{ ent.Schema }

// Mixin of the Collection.
func (Collection) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Collection.
func (Collection) Fields() []ent.Field {
	return []ent.Field{
		field.Int("account_id"),
		field.String("external_id").Optional().Nillable().MaxLen(64).
			Comment("the source system's id (ERP, import): imports and feeds upsert by it").
			Annotations(entgql.Skip(entgql.SkipMutationUpdateInput)),
		field.Int("order_id").Optional().Nillable(),
		field.Time("due_on").SchemaType(dateType),
		field.Time("received_on").SchemaType(dateType).Annotations(entgql.OrderField("RECEIVED_ON")),
		field.Int64("amount_minor").Default(0).Annotations(entgql.Type("Money")).Annotations(entgql.OrderField("AMOUNT")),
		field.String("currency").Default("CNY").MaxLen(3).MinLen(3),
	}
}

// Edges of the Collection.
func (Collection) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("collections").Field("account_id").Unique().Required(),
		edge.To("order", Order.Type).Field("order_id").Unique(),
	}
}

// Indexes of the Collection.
func (Collection) Indexes() []ent.Index {
	return []ent.Index{index.Fields("external_id").Unique(), index.Fields("account_id", "received_on")}
}

// Annotations of the Collection.
func (Collection) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField(), entgql.MultiOrder()}
}

// Policy of the Collection: see package rule.
func (Collection) Policy() ent.Policy { return rule.AccountDataPolicy() }
