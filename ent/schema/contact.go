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

// Contact is a person at an account: a stakeholder with a buying role, an
// attitude towards us and a place in the account's org chart.
type Contact struct{ ent.Schema }

// Mixin of the Contact.
func (Contact) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Contact.
func (Contact) Fields() []ent.Field {
	return []ent.Field{
		field.Int("account_id"),
		field.String("external_id").Optional().Nillable().MaxLen(64).
			Comment("the source system's id (ERP, import): imports and feeds upsert by it").
			Annotations(entgql.Skip(entgql.SkipMutationUpdateInput)),
		field.String("name").NotEmpty().MaxLen(200).Annotations(entgql.OrderField("NAME")),
		field.String("title").Optional().MaxLen(200),
		field.String("department").Optional().MaxLen(200),
		field.String("email").Optional().MaxLen(320),
		field.String("phone").Optional().MaxLen(64),
		field.Enum("buying_role").Values("DECISION_MAKER", "INFLUENCER", "USER", "GATEKEEPER", "APPROVER").Optional().Nillable(),
		field.Enum("attitude").Values("SUPPORTER", "NEUTRAL", "OPPONENT").Default("NEUTRAL"),
		field.Int("relationship_strength").Default(3).Min(1).Max(5).
			Comment("1 (none) to 5 (trusted advisor)"),
		field.Int("reports_to_id").Optional().Nillable(),
		field.Bool("active").Default(true),
		field.Time("left_at").Optional().Nillable().
			Comment("when the contact left the account; a departed decision maker is a churn signal"),
	}
}

// Edges of the Contact.
func (Contact) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("contacts").Field("account_id").Unique().Required(),
		edge.To("direct_reports", Contact.Type).
			From("reports_to").Field("reports_to_id").Unique(),
		edge.From("touchpoints", Touchpoint.Type).Ref("contacts"),
	}
}

// Indexes of the Contact.
func (Contact) Indexes() []ent.Index {
	return []ent.Index{index.Fields("external_id").Unique(),
		index.Fields("account_id", "buying_role"),
		index.Fields("reports_to_id"),
	}
}

// Annotations of the Contact.
func (Contact) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField(), entgql.MultiOrder()}
}

// Policy of the Contact: see package rule.
func (Contact) Policy() ent.Policy { return rule.AccountDataPolicy() }
