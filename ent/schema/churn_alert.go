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

// ChurnAlert is a churn warning (流失预警) on an account: the signals that
// fired, a risk score, an owner with a response deadline, and the outcome.
// At most one alert per account and type is open at a time.
type ChurnAlert struct{ ent.Schema }

// Mixin of the ChurnAlert.
func (ChurnAlert) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the ChurnAlert.
func (ChurnAlert) Fields() []ent.Field {
	return []ent.Field{
		field.Int("account_id"),
		field.Enum("alert_type").Values("CHURN_RISK", "CONTACT_CADENCE", "COVERAGE_GAP").Default("CHURN_RISK"),
		field.Enum("status").Values("OPEN", "ACKNOWLEDGED", "ESCALATED", "RESOLVED", "FALSE_ALARM", "LOST").Default("OPEN").
			Annotations(entgql.OrderField("STATUS")),
		field.Enum("severity").Values("LOW", "MEDIUM", "HIGH", "CRITICAL").
			Annotations(entgql.OrderField("SEVERITY")),
		field.Float("risk_score").Min(0).Max(100).Annotations(entgql.OrderField("RISK_SCORE")),
		field.JSON("signals", rawJSON{}).SchemaType(jsonbType).Annotations(entgql.Type("JSON")).Comment("fired signals with their values and thresholds"),
		field.JSON("explanation", rawJSON{}).SchemaType(jsonbType).Annotations(entgql.Type("JSON")).Optional().Comment("inputs and config version behind the score"),
		field.Int("owner_id").Optional().Nillable(),
		field.Int("escalated_to_id").Optional().Nillable(),
		field.Time("opened_at").Annotations(entgql.OrderField("OPENED_AT")),
		field.Time("last_evaluated_at"),
		field.Time("response_due_at").Optional().Nillable().Annotations(entgql.OrderField("RESPONSE_DUE_AT")),
		field.Time("acknowledged_at").Optional().Nillable(),
		field.Time("escalated_at").Optional().Nillable(),
		field.Time("resolved_at").Optional().Nillable(),
		field.Text("outcome_note").Optional().Comment("the reason given when the alert was resolved"),
		field.Enum("outcome").Values("RECOVERED", "FALSE_ALARM", "LOST", "SIGNALS_CLEARED").Optional().Nillable().
			Comment("how the alert ended; SIGNALS_CLEARED when a scan found no signal any more"),
		field.Enum("account_class").Values(Classes...).Optional().Nillable().
			Comment("the account's class when the alert was last evaluated; sets the deadline"),
		field.Int("escalation_level").Default(0).NonNegative().
			Comment("0 not escalated, 1 executive sponsor notified, 2 owner's manager notified"),
		field.Int("resolved_by_id").Optional().Nillable(),
		field.Int("acknowledged_by_id").Optional().Nillable(),
		field.Int("win_back_plan_id").Optional().Nillable().Comment("the plan whose actions were created by startWinBack"),
		field.Time("win_back_started_at").Optional().Nillable(),
	}
}

// Edges of the ChurnAlert.
func (ChurnAlert) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("churn_alerts").Field("account_id").Unique().Required(),
		edge.To("owner", User.Type).Field("owner_id").Unique(),
		edge.To("escalated_to", User.Type).Field("escalated_to_id").Unique(),
		edge.To("resolved_by", User.Type).Field("resolved_by_id").Unique(),
		edge.To("acknowledged_by", User.Type).Field("acknowledged_by_id").Unique(),
		edge.To("win_back_plan", AccountPlan.Type).Field("win_back_plan_id").Unique(),
	}
}

// Indexes of the ChurnAlert.
func (ChurnAlert) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("owner_id", "status"),
		index.Fields("account_id", "alert_type").Unique().
			// Written as PostgreSQL prints it back, so the migration diff is stable.
			Annotations(entsql.IndexWhere("((status)::text = ANY ((ARRAY['OPEN'::character varying, 'ACKNOWLEDGED'::character varying, 'ESCALATED'::character varying])::text[]))")).
			StorageKey("churnalert_one_open_per_type"),
		index.Fields("status", "response_due_at"),
		index.Fields("severity", "status"),
	}
}

// Annotations of the ChurnAlert.
func (ChurnAlert) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.MultiOrder()}
}

// Policy of the ChurnAlert: see package rule.
func (ChurnAlert) Policy() ent.Policy { return rule.GovernedPolicy() }
