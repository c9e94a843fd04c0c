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

// ReviewResult is one account's outcome in a review cycle. (cycle, account) is
// unique so a rerun of a crashed job rewrites, never duplicates.
type ReviewResult struct{ ent.Schema }

// Mixin of the ReviewResult.
func (ReviewResult) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the ReviewResult.
func (ReviewResult) Fields() []ent.Field {
	return []ent.Field{
		field.Int("cycle_id"),
		field.Int("account_id"),
		field.Enum("previous_class").Values(Classes...).Optional().Nillable(),
		field.Enum("proposed_class").Values(Classes...),
		field.Enum("final_class").Values(Classes...).Optional().Nillable(),
		field.String("level_label").Optional().MaxLen(64),
		field.Float("score").Optional().Nillable(),
		field.JSON("explanation", rawJSON{}).SchemaType(jsonbType).Annotations(entgql.Type("JSON")).Optional(),
		field.Enum("status").Values("PROPOSED", "CONTESTED", "PENDING_APPROVAL", "APPROVED", "REJECTED", "PUBLISHED").Default("PROPOSED"),
		field.Text("contest_reason").Optional(),
		field.Int("contested_by_id").Optional().Nillable(),
		field.Int("decided_by_id").Optional().Nillable(),
		field.Time("decided_at").Optional().Nillable(),
	}
}

// Edges of the ReviewResult.
func (ReviewResult) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("cycle", ReviewCycle.Type).Ref("results").Field("cycle_id").Unique().Required(),
		edge.From("account", Account.Type).Ref("review_results").Field("account_id").Unique().Required(),
		edge.To("contested_by", User.Type).Field("contested_by_id").Unique(),
		edge.To("decided_by", User.Type).Field("decided_by_id").Unique(),
	}
}

// Indexes of the ReviewResult.
func (ReviewResult) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("cycle_id", "account_id").Unique(),
		index.Fields("account_id"),
		index.Fields("cycle_id", "status"),
	}
}

// Annotations of the ReviewResult.
func (ReviewResult) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy of the ReviewResult: see package rule.
func (ReviewResult) Policy() ent.Policy { return rule.GovernedPolicy() }
