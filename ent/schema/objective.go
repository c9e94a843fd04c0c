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

// ObjectiveMetrics are what an objective measures. The computed ones
// (revenue, gross margin, order count, collections) are read from facts, not typed in.
var ObjectiveMetrics = []string{"REVENUE", "GROSS_MARGIN", "ORDER_COUNT", "COLLECTIONS", "WALLET_SHARE", "NEW_PRODUCTS", "CUSTOM"}

// Objective is a target in an account plan.
type Objective struct{ ent.Schema }

// Mixin of the Objective.
func (Objective) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Objective.
func (Objective) Fields() []ent.Field {
	return []ent.Field{
		field.Int("plan_id"),
		field.String("title").NotEmpty().MaxLen(300),
		field.Text("description").Optional(),
		field.Enum("metric").Values(ObjectiveMetrics...).Default("CUSTOM"),
		field.Enum("unit").Values("MONEY_MINOR", "COUNT", "PERCENT_BP").Default("MONEY_MINOR").
			Comment("how target and actual are read: minor currency units, a count, or basis points"),
		field.Int64("target_value").Default(0),
		field.Int("weight").Default(1).Positive(),
		field.Time("due_on").SchemaType(dateType).Optional().Nillable(),
		field.Enum("status").Values("OPEN", "ACHIEVED", "MISSED", "DROPPED").Default("OPEN"),
	}
}

// Edges of the Objective.
func (Objective) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("plan", AccountPlan.Type).Ref("objectives").Field("plan_id").Unique().Required(),
		edge.To("measures", Measure.Type),
		edge.From("actions", Action.Type).Ref("objective"),
	}
}

// Indexes of the Objective.
func (Objective) Indexes() []ent.Index {
	return []ent.Index{index.Fields("plan_id")}
}

// Annotations of the Objective.
func (Objective) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}

// Policy of the Objective: see package rule.
func (Objective) Policy() ent.Policy { return rule.GovernedPolicy() }
