package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// SatisfactionSurvey is one answered survey: a 0–10 satisfaction score and,
// when asked, the 0–10 likelihood to recommend that NPS is computed from.
type SatisfactionSurvey struct{ ent.Schema }

// Mixin of the SatisfactionSurvey.
func (SatisfactionSurvey) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the SatisfactionSurvey.
func (SatisfactionSurvey) Fields() []ent.Field {
	return []ent.Field{
		field.Int("account_id"),
		field.String("external_id").Optional().Nillable().MaxLen(64).
			Comment("the source system's id (ERP, import): imports and feeds upsert by it").
			Annotations(entgql.Skip(entgql.SkipMutationUpdateInput)),
		field.Int("contact_id").Optional().Nillable(),
		field.Time("surveyed_on").SchemaType(dateType),
		field.Int("score").Min(0).Max(10),
		field.Int("recommend_score").Optional().Nillable().Min(0).Max(10),
		field.Enum("channel").Values("SMS", "EMAIL", "PHONE", "VISIT", "WEB").Default("EMAIL"),
		field.Text("comment").Optional(),
	}
}

// Edges of the SatisfactionSurvey.
func (SatisfactionSurvey) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("surveys").Field("account_id").Unique().Required(),
		edge.To("contact", Contact.Type).Field("contact_id").Unique(),
	}
}

// Indexes of the SatisfactionSurvey.
func (SatisfactionSurvey) Indexes() []ent.Index {
	return []ent.Index{index.Fields("external_id").Unique(), index.Fields("account_id", "surveyed_on")}
}

// Policy of the SatisfactionSurvey: see package rule.
func (SatisfactionSurvey) Policy() ent.Policy { return rule.AccountDataPolicy() }
