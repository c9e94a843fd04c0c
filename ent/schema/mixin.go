// Package schema holds the ent schema of Summit: one file per entity, plus the
// mixins they share. Conventions:
//   - money is int64 minor units (fen/cents) in fields suffixed _minor; never a float;
//   - timestamps are timestamptz (ent's default on PostgreSQL); calendar days use
//     the SQL date type and the _on suffix;
//   - enum values are UPPER_SNAKE so they read naturally in GraphQL;
//   - foreign keys are explicit fields (account_id, owner_id …) so set-based SQL
//     (seed, metrics, scans) can use them directly.
package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"
)

// TimeMixin adds created_at and updated_at.
type TimeMixin struct{ mixin.Schema }

// Fields of the TimeMixin.
func (TimeMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").
			Default(time.Now).
			Immutable().
			Annotations(
				entgql.OrderField("CREATED_AT"),
				// Set by Summit, never by a client (custom metrics take generated mutation inputs).
				entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
			),
		field.Time("updated_at").
			Default(time.Now).
			UpdateDefault(time.Now).
			Annotations(
				entgql.OrderField("UPDATED_AT"),
				// Set by Summit, never by a client (custom metrics take generated mutation inputs).
				entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
			),
	}
}

// VersionMixin adds a version counter for optimistic concurrency: an update
// names the version it read and fails with a conflict when it has moved on.
type VersionMixin struct{ mixin.Schema }

// Fields of the VersionMixin.
func (VersionMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Int("version").
			Default(1).
			Positive(),
	}
}

// dateType stores a calendar date (no time of day, no zone).
var dateType = map[string]string{dialect.Postgres: "date"}

// jsonbType stores documents (explanations, configs, signals) as JSONB; the Go
// side keeps them raw so the domain packages own their shape.
var jsonbType = map[string]string{dialect.Postgres: "jsonb"}
