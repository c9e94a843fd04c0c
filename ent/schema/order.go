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

// Order is a shipped order (出货): the main fact that grading and churn read.
type Order struct{ ent.Schema }

// Mixin of the Order.
func (Order) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Order.
func (Order) Fields() []ent.Field {
	return []ent.Field{
		field.Int("account_id"),
		field.String("order_no").NotEmpty().MaxLen(64),
		field.Time("order_date").SchemaType(dateType).Annotations(entgql.OrderField("ORDER_DATE")),
		field.Int64("amount_minor").Default(0).Annotations(entgql.Type("Money")).Annotations(entgql.OrderField("AMOUNT")),
		field.Int64("margin_minor").Default(0).Annotations(entgql.Type("Money")).Comment("gross margin in minor units"),
		field.String("currency").Default("CNY").MaxLen(3).MinLen(3),
		field.String("product_line").Optional().MaxLen(128),
		field.Enum("status").Values("SHIPPED", "CANCELLED", "RETURNED").Default("SHIPPED"),
	}
}

// Edges of the Order.
func (Order) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("orders").Field("account_id").Unique().Required(),
	}
}

// Indexes of the Order.
func (Order) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "order_date"),
		index.Fields("order_no").Unique(),
		index.Fields("order_date"),
	}
}

// Annotations of the Order.
func (Order) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField(), entgql.MultiOrder()}
}

// Policy of the Order: see package rule.
func (Order) Policy() ent.Policy { return rule.AccountDataPolicy() }
