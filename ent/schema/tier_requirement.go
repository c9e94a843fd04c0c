package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// TierRequirement is a minimum a partner must meet to hold a tier.
type TierRequirement struct{ ent.Schema }

// Mixin of the TierRequirement.
func (TierRequirement) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the TierRequirement.
func (TierRequirement) Fields() []ent.Field {
	return []ent.Field{
		field.Int("tier_id"),
		field.Enum("criterion").Values("REGISTERED_CAPITAL", "ANNUAL_PERFORMANCE", "CERTIFIED_STAFF", "TOTAL_STAFF", "SALES_STAFF", "CUSTOM"),
		field.String("custom_code").Optional().MaxLen(64).
			Comment("for CUSTOM: the key in PartnerProfile.custom_values, e.g. SHOWROOM_M2"),
		field.String("label").Optional().MaxLen(200).Comment("for CUSTOM: what is measured, e.g. 展厅面积 m²"),
		field.Bool("evidence_required").Default(false).
			Comment("a decision that relies on this criterion must carry evidence notes"),
		field.Int64("min_value").NonNegative().
			Comment("minor currency units for money criteria, a head count for staff"),
	}
}

// Edges of the TierRequirement.
func (TierRequirement) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("tier", PartnerTier.Type).Ref("requirements").Field("tier_id").Unique().Required(),
	}
}

// Indexes of the TierRequirement.
func (TierRequirement) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tier_id", "criterion", "custom_code").Unique()}
}

// Policy of the TierRequirement: see package rule.
func (TierRequirement) Policy() ent.Policy { return rule.ReferencePolicy() }
