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

// Notification tells a member of staff (or, through a channel, a customer
// contact) that something needs them: a class change, an alert, an approval.
type Notification struct{ ent.Schema }

// Mixin of the Notification.
func (Notification) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Notification.
func (Notification) Fields() []ent.Field {
	return []ent.Field{
		field.Int("recipient_id"),
		field.Enum("channel").Values("IN_APP", "EMAIL", "SMS").Default("IN_APP"),
		field.String("kind").NotEmpty().MaxLen(64).Comment("e.g. class.changed, alert.opened, plan.approval_requested"),
		field.String("title").NotEmpty().MaxLen(300),
		field.Text("body").Optional(),
		field.String("entity_type").Optional().MaxLen(64),
		field.Int("entity_id").Optional().Nillable(),
		field.String("dedup_key").Optional().MaxLen(200).
			Comment("jobs set it so a retried job never notifies twice"),
		field.Time("sent_at").Optional().Nillable(),
		field.Time("read_at").Optional().Nillable(),
		field.Int("attempts").Default(0).NonNegative().
			Comment("delivery attempts of an EMAIL or SMS notification by the outbox sender"),
		field.Time("next_attempt_at").Optional().Nillable().
			Comment("when the outbox sender may try again after a failure"),
		field.Text("last_error").Optional().Comment("the last delivery error, without secrets"),
		field.Time("failed_at").Optional().Nillable().Comment("set when the sender gave up"),
	}
}

// Edges of the Notification.
func (Notification) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("recipient", User.Type).Field("recipient_id").Unique().Required(),
	}
}

// Indexes of the Notification.
func (Notification) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("recipient_id", "read_at"),
		index.Fields("dedup_key").Unique(),
		// The outbox: undelivered external notifications, oldest first.
		index.Fields("channel", "next_attempt_at").
			Annotations(entsql.IndexWhere("((sent_at IS NULL) AND (failed_at IS NULL))")).
			StorageKey("notification_outbox"),
	}
}

// Annotations of the Notification.
func (Notification) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy of the Notification: see package rule.
func (Notification) Policy() ent.Policy { return rule.NotificationPolicy() }
