package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// LoginState is one login in flight (package internal/auth): between the
// redirect to the identity provider and its callback. It is single use
// (deleted when the callback presents it) and short-lived. The state itself
// is stored only as a SHA-256 hash; the nonce and the PKCE verifier must be
// kept as they are, because the callback needs them.
type LoginState struct{ ent.Schema }

// Fields of the LoginState.
func (LoginState) Fields() []ent.Field {
	return []ent.Field{
		field.String("state_hash").NotEmpty().MaxLen(64).Immutable().Sensitive().
			Comment("hex SHA-256 of the OAuth state parameter"),
		field.String("nonce").NotEmpty().MaxLen(128).Immutable().Sensitive(),
		field.String("pkce_verifier").NotEmpty().MaxLen(128).Immutable().Sensitive(),
		field.String("next_path").Default("/").MaxLen(2048).Immutable().
			Comment("same-site path to return to after login"),
		field.Time("created_at").Default(time.Now).Immutable(),
		field.Time("expires_at").Immutable(),
	}
}

// Indexes of the LoginState.
func (LoginState) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("state_hash").Unique(),
		index.Fields("expires_at"),
	}
}

// Annotations of the LoginState: never part of the GraphQL surface.
func (LoginState) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the LoginState: only the system identity (the auth service) touches it.
func (LoginState) Policy() ent.Policy { return rule.SystemOnlyPolicy() }
