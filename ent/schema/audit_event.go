package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// AuditEvent is an append-only record of a change: who, when, what entity,
// before, after and why. Class, tier, plan-state and team changes write one.
type AuditEvent struct{ ent.Schema }

// Fields of the AuditEvent.
func (AuditEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Time("occurred_at").Default(time.Now).Immutable().
			Annotations(entgql.OrderField("OCCURRED_AT")),
		field.Enum("actor_kind").Values("USER", "SYSTEM", "SERVICE_TOKEN").Immutable(),
		field.Int("actor_id").Optional().Nillable().Immutable(),
		field.String("actor_label").MaxLen(320).Immutable().
			Comment("email, token name or system job, kept even if the user is later renamed"),
		field.String("entity_type").NotEmpty().MaxLen(64).Immutable(),
		field.Int("entity_id").Immutable(),
		field.String("action").NotEmpty().MaxLen(64).Immutable().Comment("e.g. plan.submit, team.add, class.override"),
		field.JSON("before", rawJSON{}).SchemaType(jsonbType).Annotations(entgql.Type("JSON")).Optional().Immutable(),
		field.JSON("after", rawJSON{}).SchemaType(jsonbType).Annotations(entgql.Type("JSON")).Optional().Immutable(),
		field.Text("reason").Optional().Immutable(),
		field.String("request_id").Optional().MaxLen(64).Immutable(),
	}
}

// Edges of the AuditEvent.
func (AuditEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("actor", User.Type).Field("actor_id").Unique().Immutable(),
	}
}

// Indexes of the AuditEvent.
func (AuditEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("entity_type", "entity_id", "occurred_at"),
		index.Fields("actor_id", "occurred_at"),
		index.Fields("occurred_at"),
	}
}

// Annotations of the AuditEvent.
func (AuditEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField(), entgql.MultiOrder()}
}

// Policy of the AuditEvent: see package rule.
func (AuditEvent) Policy() ent.Policy { return rule.AuditPolicy() }
