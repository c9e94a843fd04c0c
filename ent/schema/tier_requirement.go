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
		field.Enum("criterion").Values("REGISTERED_CAPITAL", "ANNUAL_PERFORMANCE", "CERTIFIED_STAFF", "TOTAL_STAFF", "SALES_STAFF"),
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
	return []ent.Index{index.Fields("tier_id", "criterion").Unique()}
}

// Policy of the TierRequirement: see package rule.
func (TierRequirement) Policy() ent.Policy { return rule.ReferencePolicy() }
