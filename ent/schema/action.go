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

// Action is an initiative that executes a plan: owner, due date, status.
type Action struct{ ent.Schema }

// Mixin of the Action.
func (Action) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Action.
func (Action) Fields() []ent.Field {
	return []ent.Field{
		field.Int("account_id"),
		field.Int("plan_id").Optional().Nillable(),
		field.Int("objective_id").Optional().Nillable(),
		field.String("title").NotEmpty().MaxLen(300).Annotations(entgql.OrderField("TITLE")),
		field.Text("description").Optional(),
		field.Int("owner_id").Optional().Nillable(),
		field.Time("due_on").SchemaType(dateType).Optional().Nillable().Annotations(entgql.OrderField("DUE_ON")),
		field.Enum("status").Values("OPEN", "IN_PROGRESS", "BLOCKED", "DONE", "CANCELLED").Default("OPEN").
			Annotations(entgql.OrderField("STATUS")),
		field.Time("completed_at").Optional().Nillable(),
	}
}

// Edges of the Action.
func (Action) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("actions").Field("account_id").Unique().Required(),
		edge.From("plan", AccountPlan.Type).Ref("actions").Field("plan_id").Unique(),
		edge.To("objective", Objective.Type).Field("objective_id").Unique(),
		edge.To("owner", User.Type).Field("owner_id").Unique(),
	}
}

// Indexes of the Action.
func (Action) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "status"),
		index.Fields("owner_id", "due_on"),
		index.Fields("plan_id"),
	}
}

// Annotations of the Action.
func (Action) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField(), entgql.MultiOrder()}
}

// Policy of the Action: see package rule.
func (Action) Policy() ent.Policy { return rule.AccountDataPolicy() }
