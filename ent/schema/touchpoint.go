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

// Touchpoint is one contact with an account (接触): a visit, call, meeting,
// email or event, with who took part and what happens next.
type Touchpoint struct{ ent.Schema }

// Mixin of the Touchpoint.
func (Touchpoint) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Touchpoint.
func (Touchpoint) Fields() []ent.Field {
	return []ent.Field{
		field.Int("account_id"),
		field.Enum("kind").Values("VISIT", "CALL", "MEETING", "EMAIL", "EVENT"),
		field.Time("occurred_at").Annotations(entgql.OrderField("OCCURRED_AT")),
		field.Text("summary").Optional(),
		field.Text("next_step").Optional(),
		field.Time("next_step_due_on").SchemaType(dateType).Optional().Nillable(),
		field.Int("created_by_id").Optional().Nillable(),
	}
}

// Edges of the Touchpoint.
func (Touchpoint) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("touchpoints").Field("account_id").Unique().Required(),
		edge.To("created_by", User.Type).Field("created_by_id").Unique(),
		edge.To("staff", User.Type).StorageKey(edge.Table("touchpoint_staff"), edge.Columns("touchpoint_id", "user_id")),
		edge.To("contacts", Contact.Type).StorageKey(edge.Table("touchpoint_contacts"), edge.Columns("touchpoint_id", "contact_id")),
	}
}

// Indexes of the Touchpoint.
func (Touchpoint) Indexes() []ent.Index {
	return []ent.Index{index.Fields("account_id", "occurred_at")}
}

// Annotations of the Touchpoint.
func (Touchpoint) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField(), entgql.MultiOrder()}
}

// Policy of the Touchpoint: see package rule.
func (Touchpoint) Policy() ent.Policy { return rule.AccountDataPolicy() }
