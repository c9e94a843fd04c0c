package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// Complaint is a customer complaint; new ones are a churn signal.
type Complaint struct{ ent.Schema }

// Mixin of the Complaint.
func (Complaint) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Complaint.
func (Complaint) Fields() []ent.Field {
	return []ent.Field{
		field.Int("account_id"),
		field.String("external_id").Optional().Nillable().MaxLen(64).
			Comment("the source system's id (ERP, import): imports and feeds upsert by it").
			Annotations(entgql.Skip(entgql.SkipMutationUpdateInput)),
		field.Time("opened_at"),
		field.Enum("severity").Values("LOW", "MEDIUM", "HIGH").Default("MEDIUM"),
		field.String("topic").Optional().MaxLen(200),
		field.Text("description").Optional(),
		field.Enum("status").Values("OPEN", "RESOLVED").Default("OPEN"),
		field.Time("resolved_at").Optional().Nillable(),
	}
}

// Edges of the Complaint.
func (Complaint) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("complaints").Field("account_id").Unique().Required(),
	}
}

// Indexes of the Complaint.
func (Complaint) Indexes() []ent.Index {
	return []ent.Index{index.Fields("external_id").Unique(), index.Fields("account_id", "opened_at")}
}

// Policy of the Complaint: see package rule.
func (Complaint) Policy() ent.Policy { return rule.AccountDataPolicy() }
