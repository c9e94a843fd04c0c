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

// ReviewCycle is one periodic re-grading (分级评定), e.g. 2026-Q4: metrics →
// score → proposed class → contest → approve S/A → publish → notify. Metrics
// are taken as of period_start (facts up to the day before). The unique name
// (e.g. "2026-Q4") makes the scheduled cycle of a period a no-op on every
// node but the first.
type ReviewCycle struct{ ent.Schema }

// Mixin of the ReviewCycle.
func (ReviewCycle) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the ReviewCycle.
func (ReviewCycle) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(64).Annotations(entgql.OrderField("NAME")),
		field.Time("period_start").SchemaType(dateType),
		field.Time("period_end").SchemaType(dateType),
		field.Enum("scope").Values(ModelScopes...).Default("ALL"),
		field.Int("model_version_id"),
		field.Enum("status").Values("SCHEDULED", "RUNNING", "IN_REVIEW", "PUBLISHING", "PUBLISHED", "CANCELLED", "FAILED").Default("SCHEDULED").
			Annotations(entgql.OrderField("STATUS")).
			Comment("RUNNING while chunk jobs compute results, IN_REVIEW while owners contest and executives approve, PUBLISHING while the publish job applies classes"),
		field.Enum("trigger").Values("SCHEDULE", "MANUAL").Default("MANUAL"),
		field.Int("created_by_id").Optional().Nillable(),
		field.Int("total_accounts").Default(0).NonNegative().
			Comment("accounts in scope when the cycle was planned; progress is results written / total"),
		field.Time("started_at").Optional().Nillable(),
		field.Time("computed_at").Optional().Nillable(),
		field.Time("published_at").Optional().Nillable(),
		field.JSON("stats", rawJSON{}).SchemaType(jsonbType).Annotations(entgql.Type("JSON")).Optional().Comment("counts per class, upgrades, downgrades, contested"),
	}
}

// Edges of the ReviewCycle.
func (ReviewCycle) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("model_version", GradingModelVersion.Type).Field("model_version_id").Unique().Required(),
		edge.To("created_by", User.Type).Field("created_by_id").Unique(),
		edge.To("results", ReviewResult.Type).
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the ReviewCycle.
func (ReviewCycle) Indexes() []ent.Index {
	return []ent.Index{index.Fields("name").Unique()}
}

// Annotations of the ReviewCycle.
func (ReviewCycle) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy of the ReviewCycle: see package rule.
func (ReviewCycle) Policy() ent.Policy { return rule.ReviewCyclePolicy() }
