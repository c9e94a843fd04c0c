package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// PartnerTier is one rung of the distributor ladder; rank 1 is the top
// (general distributor 总经销商), then tier-1, gold, silver, certified.
type PartnerTier struct{ ent.Schema }

// Mixin of the PartnerTier.
func (PartnerTier) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the PartnerTier.
func (PartnerTier) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").NotEmpty().MaxLen(64).Comment("e.g. GENERAL_DISTRIBUTOR, TIER1, GOLD, SILVER, CERTIFIED"),
		field.Int("rank").Positive().Comment("1 is the top of the ladder").
			Annotations(entgql.OrderField("RANK")),
		field.String("name").NotEmpty().MaxLen(64).Comment("zh-CN name, e.g. 总经销商"),
		field.String("name_en").NotEmpty().MaxLen(64),
		field.Text("description").Optional(),
	}
}

// Edges of the PartnerTier.
func (PartnerTier) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("requirements", TierRequirement.Type),
		edge.To("benefits", TierBenefit.Type),
	}
}

// Indexes of the PartnerTier.
func (PartnerTier) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("code").Unique(),
		index.Fields("rank").Unique(),
	}
}

// Policy of the PartnerTier: see package rule.
func (PartnerTier) Policy() ent.Policy { return rule.ReferencePolicy() }
