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

// AccountPlan is the strategy for one account in one period (e.g. FY2026):
// draft → submitted → approved → active → closed. S/A plans need an
// executive's approval before activation.
type AccountPlan struct{ ent.Schema }

// Mixin of the AccountPlan.
func (AccountPlan) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, VersionMixin{}} }

// Fields of the AccountPlan.
func (AccountPlan) Fields() []ent.Field {
	return []ent.Field{
		field.Int("account_id"),
		field.String("period").NotEmpty().MaxLen(32).Annotations(entgql.OrderField("PERIOD")),
		field.Time("period_start").SchemaType(dateType),
		field.Time("period_end").SchemaType(dateType),
		field.Enum("status").Values("DRAFT", "SUBMITTED", "APPROVED", "ACTIVE", "CLOSED").Default("DRAFT").
			Annotations(entgql.OrderField("STATUS")),
		field.Enum("class_at_creation").Values(Classes...).Optional().Nillable(),
		field.Text("strategy_statement").Optional(),
		field.JSON("swot", rawJSON{}).SchemaType(jsonbType).Annotations(entgql.Type("JSON")).Optional().Comment(`{"strengths":[],"weaknesses":[],"opportunities":[],"threats":[]}`),
		field.Text("outcome").Optional().Comment("the periodic review's (QBR) conclusion, feeding the next plan"),
		field.Int("created_by_id").Optional().Nillable(),
		field.Int("approved_by_id").Optional().Nillable(),
		field.Time("submitted_at").Optional().Nillable(),
		field.Time("approved_at").Optional().Nillable(),
		field.Time("activated_at").Optional().Nillable(),
		field.Time("closed_at").Optional().Nillable(),
		field.Text("rejection_reason").Optional(),
		field.Int("rolled_from_id").Optional().Nillable(),
	}
}

// Edges of the AccountPlan.
func (AccountPlan) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("plans").Field("account_id").Unique().Required(),
		edge.To("objectives", Objective.Type),
		edge.To("actions", Action.Type).
			Annotations(entgql.RelayConnection()),
		edge.To("created_by", User.Type).Field("created_by_id").Unique(),
		edge.To("approved_by", User.Type).Field("approved_by_id").Unique(),
		edge.To("rolled_into", AccountPlan.Type).
			From("rolled_from").Field("rolled_from_id").Unique(),
	}
}

// Indexes of the AccountPlan.
func (AccountPlan) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "period").Unique(),
		index.Fields("status"),
	}
}

// Annotations of the AccountPlan.
func (AccountPlan) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField(), entgql.MultiOrder()}
}

// Policy of the AccountPlan: see package rule.
func (AccountPlan) Policy() ent.Policy { return rule.GovernedPolicy() }
