package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// TeamRoles are the roles on an account team; class policies name the ones a
// class requires, and a missing one is a coverage gap.
var TeamRoles = []string{"EXECUTIVE_SPONSOR", "ACCOUNT_MANAGER", "SALES", "PRESALES", "SERVICE_MANAGER", "CUSTOMER_SUCCESS", "OTHER"}

// AccountTeamMember puts a member of staff on an account's team with a role
// and an access level.
type AccountTeamMember struct{ ent.Schema }

// Mixin of the AccountTeamMember.
func (AccountTeamMember) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the AccountTeamMember.
func (AccountTeamMember) Fields() []ent.Field {
	return []ent.Field{
		field.Int("account_id"),
		field.Int("user_id"),
		field.Enum("role").Values(TeamRoles...),
		field.Enum("access_level").Values("READ", "EDIT").Default("READ"),
		field.Int("added_by_id").Optional().Nillable(),
	}
}

// Edges of the AccountTeamMember.
func (AccountTeamMember) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("account", Account.Type).Ref("team_members").Field("account_id").Unique().Required(),
		edge.To("user", User.Type).Field("user_id").Unique().Required(),
		edge.To("added_by", User.Type).Field("added_by_id").Unique(),
	}
}

// Indexes of the AccountTeamMember. user_id leads one index because row-level
// access asks "which accounts is this user on" on every request.
func (AccountTeamMember) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("account_id", "user_id", "role").Unique(),
		index.Fields("user_id", "account_id"),
		index.Fields("account_id").Unique().
			Annotations(entsql.IndexWhere("role = 'ACCOUNT_MANAGER'")).
			StorageKey("accountteammember_one_account_manager"),
	}
}

// Policy of the AccountTeamMember: see package rule. Executives may staff
// any account (coverage is their decision: sponsors, directors).
func (AccountTeamMember) Policy() ent.Policy { return rule.GovernedPolicy() }
