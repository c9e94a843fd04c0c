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

// ServiceToken is a bearer token for machines (scripts, integrations),
// created with `summit token create`. The token is shown once; only its
// SHA-256 hash is stored. It grants one role, and may act for a user.
type ServiceToken struct{ ent.Schema }

// Fields of the ServiceToken.
func (ServiceToken) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(100).Immutable(),
		field.String("token_hash").NotEmpty().MaxLen(64).Immutable().Sensitive().
			Comment("hex SHA-256 of the token"),
		field.Enum("role").Values(Roles...).Immutable(),
		field.Int("user_id").Optional().Nillable().Immutable().
			Comment("the user the token acts for, if any"),
		field.String("region").Optional().MaxLen(64).Immutable().
			Comment("narrows a PARTNER_MANAGER token to one region (of its user's, when it acts for one); empty: no narrowing"),
		field.String("created_by").NotEmpty().MaxLen(320).Immutable().
			Comment("who created it: a user's email or system:<label>"),
		field.Time("created_at").Default(time.Now).Immutable(),
		field.Time("last_used_at").Optional().Nillable().
			Comment("updated at most once a minute"),
		field.Time("revoked_at").Optional().Nillable(),
		field.Time("expires_at").Optional().Nillable().Immutable(),
	}
}

// Edges of the ServiceToken.
func (ServiceToken) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("user", User.Type).Field("user_id").Unique().Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

// Indexes of the ServiceToken.
func (ServiceToken) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("name").Unique(),
		index.Fields("token_hash").Unique(),
	}
}

// Annotations of the ServiceToken: never part of the GraphQL surface.
func (ServiceToken) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the ServiceToken: only the system identity (the auth service) touches it.
func (ServiceToken) Policy() ent.Policy { return rule.SystemOnlyPolicy() }
