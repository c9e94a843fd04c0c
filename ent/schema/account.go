package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// Classes are the grades an account can hold: S strategic, A partner,
// B value, C general.
var Classes = []string{"S", "A", "B", "C"}

// Account is a customer: an end customer, a B2B customer, a channel partner
// (distributor) or an internal customer. Accounts are archived, never deleted,
// because their history (orders, classes, audits) must stay explainable.
type Account struct{ ent.Schema }

// Mixin of the Account.
func (Account) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, VersionMixin{}} }

// Fields of the Account.
func (Account) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").NotEmpty().MaxLen(64).
			Comment("external customer number, unique").
			Annotations(entgql.OrderField("CODE")),
		field.String("name").NotEmpty().MaxLen(300).
			Annotations(entgql.OrderField("NAME")),
		field.String("name_en").Optional().MaxLen(300),
		field.Enum("kind").Values("END_CUSTOMER", "B2B", "DISTRIBUTOR", "INTERNAL").
			Annotations(entgql.OrderField("KIND")),
		field.Int("category_id").Optional().Nillable(),
		field.Enum("geo_scope").Values("NATIONAL", "REGIONAL", "LOCAL").Default("LOCAL"),
		field.String("region").Optional().MaxLen(64).
			Annotations(entgql.OrderField("REGION")),
		field.String("province").Optional().MaxLen(64),
		field.String("city").Optional().MaxLen(64),
		field.String("industry").Optional().MaxLen(128),
		field.Int("parent_id").Optional().Nillable(),
		field.Enum("lifecycle_stage").
			Values("EXPLORATION", "FORMATION", "STABLE", "DECLINE", "LOST").
			Default("EXPLORATION").
			Annotations(entgql.OrderField("LIFECYCLE_STAGE")),
		field.Int("owner_id").Optional().Nillable(),
		field.Enum("current_class").Values(Classes...).Optional().Nillable().
			Comment("the class in force; denormalized from the latest effective class assignment").
			Annotations(
				entgql.OrderField("CURRENT_CLASS"),
			),
		field.String("current_level").Optional().Nillable().MaxLen(64).
			Comment("the grading model's level within the class, e.g. platinum or new; set by a published review, cleared by an override").
			Annotations(entgql.OrderField("CURRENT_LEVEL")),
		field.Enum("credit_rating").Values("AAA", "AA", "A", "BBB", "BB", "B", "C").Optional().Nillable(),
		field.String("currency").Default("CNY").MaxLen(3).MinLen(3),
		field.Int64("credit_limit_minor").Default(0).Annotations(entgql.Type("Money")),
		field.Int64("receivables_minor").Default(0).Annotations(entgql.Type("Money")),
		field.Int64("overdue_receivables_minor").Default(0).Annotations(entgql.Type("Money")),
		field.Int("payment_terms_days").Default(30).NonNegative(),
		field.Float("price_coefficient").Default(1).
			SchemaType(map[string]string{dialect.Postgres: "numeric(6,4)"}).
			Comment("单价系数: multiplier on list price for this account"),
		field.Int("influence_score").Optional().Nillable().Min(0).Max(100).
			Comment("estimated industry influence, 0–100 (influence × volume matrix)"),
		field.Int64("potential_value_minor").Optional().Nillable().
			Comment("estimated annual potential value (current × potential matrix)").
			Annotations(entgql.Type("Money")),
		field.Time("expected_close_on").Optional().Nillable().
			SchemaType(dateType).
			Comment("prospects: expected close, drives opportunity grading"),
		field.Bool("archived").Default(false),
		field.Time("archived_at").Optional().Nillable(),
	}
}

// Edges of the Account.
func (Account) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("category", Category.Type).Field("category_id").Unique(),
		edge.To("children", Account.Type).
			From("parent").Field("parent_id").Unique(),
		edge.To("owner", User.Type).Field("owner_id").Unique(),
		edge.To("team_members", AccountTeamMember.Type),
		edge.To("contacts", Contact.Type).
			Annotations(entgql.RelayConnection()),
		edge.To("touchpoints", Touchpoint.Type).
			Annotations(entgql.RelayConnection()),
		edge.To("orders", Order.Type).
			Annotations(entgql.RelayConnection()),
		edge.To("collections", Collection.Type).
			Annotations(entgql.RelayConnection()),
		edge.To("surveys", SatisfactionSurvey.Type),
		edge.To("complaints", Complaint.Type),
		edge.To("plans", AccountPlan.Type).
			Annotations(entgql.RelayConnection()),
		edge.To("actions", Action.Type).
			Annotations(entgql.RelayConnection()),
		edge.To("class_assignments", ClassAssignment.Type).
			Annotations(entgql.RelayConnection()),
		edge.To("review_results", ReviewResult.Type),
		edge.To("churn_alerts", ChurnAlert.Type).
			Annotations(entgql.RelayConnection()),
		edge.To("partner_profile", PartnerProfile.Type).Unique(),
	}
}

// Indexes of the Account: the hot paths are "my accounts", "accounts of a
// class", "children of a group", the default list of live accounts and
// search by name or code.
func (Account) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("code").Unique(),
		index.Fields("owner_id"),
		index.Fields("current_class", "current_level"),
		index.Fields("parent_id"),
		index.Fields("category_id"),
		index.Fields("kind", "region"),
		// One index per sort order of the account list (AccountOrderField),
		// ending in id as the order does (entgql breaks ties on id), so that
		// ORDER BY x, id LIMIT 51 reads 51 index entries instead of sorting
		// the table. None is partial: the API's list does not have to filter
		// on archived to use them. They also serve equality lookups on their
		// leading column (accounts of a class, of a stage). The name index
		// includes archived so that the live list's totalCount is an
		// index-only scan.
		index.Fields("name", "id").Annotations(entsql.IncludeColumns("archived")),
		index.Fields("current_class", "id"),
		index.Fields("lifecycle_stage", "id"),
		index.Fields("region", "id"),
		index.Fields("updated_at", "id"),
		// Trigram (pg_trgm) indexes serve searchAccounts: similarity and word
		// similarity on Chinese and Latin names and codes, and ILIKE '%…%'
		// for partial words of three characters or more.
		index.Fields("name").
			Annotations(entsql.IndexType("GIN"), entsql.OpClass("gin_trgm_ops")).
			StorageKey("account_name_trgm"),
		index.Fields("name_en").
			Annotations(entsql.IndexType("GIN"), entsql.OpClass("gin_trgm_ops")).
			StorageKey("account_name_en_trgm"),
		index.Fields("code").
			Annotations(entsql.IndexType("GIN"), entsql.OpClass("gin_trgm_ops")).
			StorageKey("account_code_trgm"),
	}
}

// Annotations of the Account.
func (Account) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.QueryField(),
		entgql.MultiOrder(),
	}
}

// Policy of the Account: see package rule.
func (Account) Policy() ent.Policy { return rule.AccountPolicy() }
