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

// TierEvaluation is one evaluation of a partner against the ladder: the
// inputs and evidence, the tier the numbers support, the tier decided, and
// whether a downgrade goes through probation first.
type TierEvaluation struct{ ent.Schema }

// Mixin of the TierEvaluation.
func (TierEvaluation) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the TierEvaluation.
func (TierEvaluation) Fields() []ent.Field {
	return []ent.Field{
		field.Int("partner_profile_id"),
		field.Int("previous_tier_id").Optional().Nillable(),
		field.Int("suggested_tier_id").Optional().Nillable(),
		field.Int("decided_tier_id").Optional().Nillable(),
		field.JSON("inputs", rawJSON{}).SchemaType(jsonbType).Annotations(entgql.Type("JSON")).Comment("capital, performance, staffing as evaluated"),
		field.JSON("explanation", rawJSON{}).SchemaType(jsonbType).Annotations(entgql.Type("JSON")).Optional().Comment("per-requirement pass/fail against each tier"),
		field.Text("evidence").Optional(),
		field.Enum("status").Values("DRAFT", "SUBMITTED", "APPROVED", "REJECTED", "APPLIED").Default("DRAFT").
			Annotations(entgql.OrderField("STATUS")),
		field.Bool("probation").Default(false),
		field.Enum("kind").Values("MANUAL", "REEVALUATION", "PROBATION_END").Default("MANUAL").
			Comment("who started it: a partner manager, the periodic re-evaluation, or a probation ending"),
		field.Enum("proposal").Values("UPGRADE", "DOWNGRADE", "PROBATION", "HOLD").Optional().Nillable().
			Comment("what the numbers propose against the current tier"),
		field.String("run_key").Optional().MaxLen(64).
			Comment("re-evaluation period or probation end, e.g. 2026-H2; one evaluation per partner and key"),
		field.Bool("requires_executive_approval").Default(false),
		field.Int("decided_by_id").Optional().Nillable(),
		field.Time("decided_at").Optional().Nillable(),
		field.Text("reason").Optional(),
		field.Int("evaluated_by_id").Optional().Nillable(),
		field.Int("approved_by_id").Optional().Nillable(),
		field.Time("evaluated_at").Annotations(entgql.OrderField("EVALUATED_AT")),
		field.Time("applied_at").Optional().Nillable(),
	}
}

// Edges of the TierEvaluation.
func (TierEvaluation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("partner_profile", PartnerProfile.Type).Ref("evaluations").Field("partner_profile_id").Unique().Required(),
		edge.To("previous_tier", PartnerTier.Type).Field("previous_tier_id").Unique(),
		edge.To("suggested_tier", PartnerTier.Type).Field("suggested_tier_id").Unique(),
		edge.To("decided_tier", PartnerTier.Type).Field("decided_tier_id").Unique(),
		edge.To("evaluated_by", User.Type).Field("evaluated_by_id").Unique(),
		edge.To("approved_by", User.Type).Field("approved_by_id").Unique(),
		edge.To("decided_by", User.Type).Field("decided_by_id").Unique(),
	}
}

// Indexes of the TierEvaluation.
func (TierEvaluation) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("partner_profile_id", "evaluated_at"),
		index.Fields("partner_profile_id", "run_key").Unique().
			Annotations(entsql.IndexWhere("((run_key IS NOT NULL) AND ((run_key)::text <> ''::text))")).
			StorageKey("tierevaluation_one_per_run"),
		index.Fields("status"),
	}
}

// Annotations of the TierEvaluation.
func (TierEvaluation) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy of the TierEvaluation: see package rule.
func (TierEvaluation) Policy() ent.Policy { return rule.PartnerPolicy() }
