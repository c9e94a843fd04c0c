package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// Roles a member of staff can hold. A user may hold several.
var Roles = []string{"ADMIN", "EXECUTIVE", "KEY_ACCOUNT_MANAGER", "PARTNER_MANAGER", "MEMBER", "VIEWER"}

// RoleAssignment grants a role to a user, either from the IdP's groups claim
// (source IDP, replaced at each login) or by an admin (source LOCAL).
type RoleAssignment struct{ ent.Schema }

// Mixin of the RoleAssignment.
func (RoleAssignment) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the RoleAssignment.
func (RoleAssignment) Fields() []ent.Field {
	return []ent.Field{
		field.Int("user_id"),
		field.Enum("role").Values(Roles...),
		field.Enum("source").Values("IDP", "LOCAL").Default("LOCAL"),
		field.String("region").Optional().MaxLen(64).
			Comment("scope of a partner manager's grading rights; empty means every region"),
		field.Int("granted_by_id").Optional().Nillable(),
	}
}

// Edges of the RoleAssignment.
func (RoleAssignment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("role_assignments").Field("user_id").Unique().Required(),
		edge.To("granted_by", User.Type).Field("granted_by_id").Unique(),
	}
}

// Indexes of the RoleAssignment.
func (RoleAssignment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("user_id", "role", "region").Unique(),
	}
}

// Policy of the RoleAssignment: see package rule.
func (RoleAssignment) Policy() ent.Policy { return rule.RoleAssignmentPolicy() }
