package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// ClassPolicy is what a class buys: coverage, required team roles, cadences,
// service levels, entitlements and the strategy template for new plans.
type ClassPolicy struct{ ent.Schema }

// Mixin of the ClassPolicy.
func (ClassPolicy) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, VersionMixin{}} }

// Fields of the ClassPolicy.
func (ClassPolicy) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("class").Values(Classes...),
		field.String("label").NotEmpty().MaxLen(64).Comment("zh-CN label, e.g. 战略客户"),
		field.String("label_en").NotEmpty().MaxLen(64),
		field.Text("coverage").Optional().Comment("who leads, e.g. group VP + customer-relationship director"),
		field.Strings("required_team_roles").Optional().
			Comment("team roles every account of this class must have; a missing one is a coverage gap"),
		field.Int("review_cadence_days").Default(90).Positive(),
		field.Int("contact_cadence_days").Default(30).Positive(),
		field.Int("alert_response_days").Default(10).Positive().
			Comment("deadline for answering a churn alert on an account of this class"),
		field.Text("service_level").Optional(),
		field.Strings("entitlements").Optional(),
		field.Text("strategy_template").Optional(),
		field.JSON("objective_templates", rawJSON{}).SchemaType(jsonbType).Annotations(entgql.Type("JSON")).Optional().
			Comment("default objectives for a new plan of this class"),
		field.Bool("notify_customer").Default(false).
			Comment("tell the customer about a class change (SMS/email/phone in the seed scheme)"),
		// Terms the class buys (seed 000); unset leaves an account's own
		// term as it is when a review moves it into the class.
		field.Int64("credit_limit_minor").Optional().Nillable().NonNegative().Annotations(entgql.Type("Money")).
			Comment("credit limit an account of this class gets"),
		field.Int("payment_terms_days").Optional().Nillable().NonNegative().
			Comment("payment terms in days"),
		field.Float("price_coefficient").Optional().Nillable().
			SchemaType(map[string]string{dialect.Postgres: "numeric(6,4)"}).
			Comment("单价系数: multiplier on list price"),
		// Telephone service levels (seed 000's hotline).
		field.Int("hotline_answer_percent").Optional().Nillable().Min(1).Max(100).
			Comment("share of calls answered by a person within hotline_answer_seconds, e.g. 90"),
		field.Int("hotline_answer_seconds").Optional().Nillable().Positive().
			Comment("e.g. 20"),
		field.Int("callback_within_hours").Optional().Nillable().Positive().
			Comment("an unanswered caller is called back within this many hours, e.g. 24"),
		field.Enum("queue_priority").Values("GREEN_CHANNEL", "STANDARD", "BACK_OF_QUEUE").Default("STANDARD").
			Comment("GREEN_CHANNEL: always at the front of the hotline queue; BACK_OF_QUEUE: the blacklist's place"),
		field.JSON("level_entitlements", rawJSON{}).SchemaType(jsonbType).Annotations(entgql.Type("JSON")).Optional().
			Comment("benefits of each model level within the class, e.g. the store ladder's new and regular, both C"),
	}
}

// Indexes of the ClassPolicy.
func (ClassPolicy) Indexes() []ent.Index {
	return []ent.Index{index.Fields("class").Unique()}
}

// Policy of the ClassPolicy: see package rule.
func (ClassPolicy) Policy() ent.Policy { return rule.ReferencePolicy() }
