package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// TierBenefit is what a tier earns a partner: discount, rebate, marketing
// funds, territory rights.
type TierBenefit struct{ ent.Schema }

// Mixin of the TierBenefit.
func (TierBenefit) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the TierBenefit.
func (TierBenefit) Fields() []ent.Field {
	return []ent.Field{
		field.Int("tier_id"),
		field.Enum("kind").Values("DISCOUNT", "REBATE", "MARKETING_FUND", "TERRITORY", "CREDIT_LIMIT", "OTHER"),
		field.Int64("value").Default(0).
			Comment("basis points for DISCOUNT/REBATE, minor currency units for funds and credit"),
		field.String("description").Optional().MaxLen(500),
	}
}

// Edges of the TierBenefit.
func (TierBenefit) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("tier", PartnerTier.Type).Ref("benefits").Field("tier_id").Unique().Required(),
	}
}

// Indexes of the TierBenefit.
func (TierBenefit) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tier_id", "kind")}
}

// Policy of the TierBenefit: see package rule.
func (TierBenefit) Policy() ent.Policy { return rule.ReferencePolicy() }
