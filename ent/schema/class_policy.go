package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
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
	}
}

// Indexes of the ClassPolicy.
func (ClassPolicy) Indexes() []ent.Index {
	return []ent.Index{index.Fields("class").Unique()}
}

// Policy of the ClassPolicy: see package rule.
func (ClassPolicy) Policy() ent.Policy { return rule.ReferencePolicy() }
