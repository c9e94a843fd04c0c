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

// PartnerProfile holds what a distributor account is graded on: registered
// capital (注册资金), performance contribution (业绩贡献) and staffing (人员配置).
type PartnerProfile struct{ ent.Schema }

// Mixin of the PartnerProfile.
func (PartnerProfile) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the PartnerProfile.
func (PartnerProfile) Fields() []ent.Field {
	return []ent.Field{
		field.Int("account_id"),
		field.Enum("channel_type").Values("DISTRIBUTOR", "REGIONAL_DISTRIBUTOR", "AGENT", "DEALER", "FRANCHISE_STORE").Default("DISTRIBUTOR"),
		field.Int64("registered_capital_minor").Default(0).Annotations(entgql.Type("Money"), entgql.OrderField("REGISTERED_CAPITAL")),
		field.Int64("annual_performance_minor").Default(0).Annotations(entgql.Type("Money"), entgql.OrderField("PERFORMANCE")).Comment("trailing-12-month sales through this partner"),
		field.Int("total_staff").Default(0).NonNegative(),
		field.Int("certified_staff").Default(0).NonNegative().Annotations(entgql.OrderField("CERTIFIED_STAFF")),
		field.Int("sales_staff").Default(0).NonNegative(),
		field.String("territory").Optional().MaxLen(200),
		field.Strings("regions_covered").Optional().Comment("region codes the partner sells in, e.g. [EAST, NORTH]"),
		field.Int("parent_id").Optional().Nillable().
			Comment("the distributor this partner buys through (distributor → sub-distributor → dealer)"),
		field.JSON("custom_values", map[string]int64{}).Optional().
			Comment("values of custom tier criteria by criterion code").
			// Exposed through the partner API as a list of {code, value}.
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("tier_since").SchemaType(dateType).Optional().Nillable(),
		field.Time("probation_started_on").SchemaType(dateType).Optional().Nillable(),
		field.Int("tier_id").Optional().Nillable(),
		field.Bool("on_probation").Default(false),
		field.Time("probation_until").SchemaType(dateType).Optional().Nillable(),
		field.Int("partner_manager_id").Optional().Nillable(),
		field.Time("next_evaluation_on").SchemaType(dateType).Optional().Nillable(),
	}
}

// Edges of the PartnerProfile.
func (PartnerProfile) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("partner_profile").Field("account_id").Unique().Required(),
		edge.To("tier", PartnerTier.Type).Field("tier_id").Unique(),
		edge.To("sub_partners", PartnerProfile.Type).From("parent").Field("parent_id").Unique(),
		edge.To("partner_manager", User.Type).Field("partner_manager_id").Unique(),
		edge.To("evaluations", TierEvaluation.Type).
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the PartnerProfile.
func (PartnerProfile) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id").Unique(),
		index.Fields("tier_id"),
		index.Fields("partner_manager_id"),
		index.Fields("parent_id"),
	}
}

// Annotations of the PartnerProfile.
func (PartnerProfile) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy of the PartnerProfile: see package rule.
func (PartnerProfile) Policy() ent.Policy { return rule.PartnerPolicy() }
