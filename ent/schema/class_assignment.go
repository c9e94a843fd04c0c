package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// ClassAssignment is one class decision for an account, kept forever as
// history: what was decided, by which model version or person, why, and who
// approved it. The account's current_class mirrors the latest effective one.
type ClassAssignment struct{ ent.Schema }

// Mixin of the ClassAssignment.
func (ClassAssignment) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the ClassAssignment.
func (ClassAssignment) Fields() []ent.Field {
	return []ent.Field{
		field.Int("account_id"),
		field.Enum("class").Values(Classes...),
		field.Enum("previous_class").Values(Classes...).Optional().Nillable(),
		field.String("level_label").Optional().MaxLen(64).
			Comment("the model's native level, e.g. diamond, platinum, tier 1"),
		field.Float("score").Optional().Nillable(),
		field.JSON("explanation", rawJSON{}).SchemaType(jsonbType).Annotations(entgql.Type("JSON")).Optional().
			Comment("inputs, per-criterion contribution and the deciding threshold"),
		field.Enum("source").Values("MODEL", "OVERRIDE", "IMPORT").Default("MODEL"),
		field.Int("model_version_id").Optional().Nillable(),
		field.Int("review_cycle_id").Optional().Nillable(),
		field.Int("decided_by_id").Optional().Nillable(),
		field.Text("reason").Optional(),
		field.Enum("approval_status").Values("NOT_REQUIRED", "PENDING", "APPROVED", "REJECTED").Default("NOT_REQUIRED").
			Comment("moves into or out of S/A need an executive's approval before they take effect"),
		field.Int("approved_by_id").Optional().Nillable(),
		field.Time("approved_at").Optional().Nillable(),
		field.Text("approval_note").Optional(),
		field.Time("effective_at").Optional().Nillable().
			Comment("when the class took effect; null while pending or if rejected"),
	}
}

// Edges of the ClassAssignment.
func (ClassAssignment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("class_assignments").Field("account_id").Unique().Required(),
		edge.To("model_version", GradingModelVersion.Type).Field("model_version_id").Unique(),
		edge.To("review_cycle", ReviewCycle.Type).Field("review_cycle_id").Unique(),
		edge.To("decided_by", User.Type).Field("decided_by_id").Unique(),
		edge.To("approved_by", User.Type).Field("approved_by_id").Unique(),
	}
}

// Indexes of the ClassAssignment.
func (ClassAssignment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "created_at"),
		index.Fields("approval_status"),
		// One decision per account and review cycle: publishing a cycle again
		// after a crash inserts nothing twice.
		index.Fields("review_cycle_id", "account_id").Unique(),
		// At most one override awaiting an executive per account.
		index.Fields("account_id").Unique().
			Annotations(entsql.IndexWhere("approval_status = 'PENDING'")).
			StorageKey("classassignment_one_pending"),
	}
}

// Annotations of the ClassAssignment.
func (ClassAssignment) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy of the ClassAssignment: see package rule.
func (ClassAssignment) Policy() ent.Policy { return rule.GovernedPolicy() }
