package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// Session is a browser's login (package internal/auth). Only a SHA-256 hash
// of the random session id is stored, so a copy of this table cannot be
// replayed as cookies. A session ends at expires_at (absolute) or after the
// configured idle time since last_seen_at, whichever comes first.
type Session struct{ ent.Schema }

// Fields of the Session.
func (Session) Fields() []ent.Field {
	return []ent.Field{
		field.String("id_hash").NotEmpty().MaxLen(64).Immutable().Sensitive().
			Comment("hex SHA-256 of the session id in the cookie"),
		field.Int("user_id").Immutable(),
		field.Time("created_at").Default(time.Now).Immutable(),
		field.Time("last_seen_at").Default(time.Now).
			Comment("updated at most once a minute; the idle timeout counts from here"),
		field.Time("expires_at").Immutable().Comment("absolute end of the session"),
		field.String("user_agent").Optional().MaxLen(512).Immutable(),
		field.String("ip").Optional().MaxLen(64).Immutable(),
	}
}

// Edges of the Session.
func (Session) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("user", User.Type).Field("user_id").Unique().Required().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of the Session.
func (Session) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("id_hash").Unique(),
		index.Fields("user_id"),
		index.Fields("expires_at"),
	}
}

// Annotations of the Session: never part of the GraphQL surface.
func (Session) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the Session: only the system identity (the auth service) touches it.
func (Session) Policy() ent.Policy { return rule.SystemOnlyPolicy() }
