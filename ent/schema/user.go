package schema

import (
	"regexp"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// User is a member of staff. Staff sign in through the company's SSO, so there
// is no password here; subject is the IdP's stable identifier.
type User struct{ ent.Schema }

// Mixin of the User.
func (User) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the User.
func (User) Fields() []ent.Field {
	return []ent.Field{
		field.String("email").NotEmpty().MaxLen(320).
			Annotations(entgql.OrderField("EMAIL")),
		field.String("name").NotEmpty().MaxLen(200).
			Annotations(entgql.OrderField("NAME")),
		field.String("subject").Optional().Nillable().MaxLen(255).
			Comment("OIDC subject (sub claim); set on first login"),
		field.String("title").Optional().MaxLen(200),
		field.String("region").Optional().MaxLen(64).
			Comment("home region code, e.g. EAST; partner managers grade distributors in their regions"),
		// A string, not an enum: "zh-CN" is not a valid GraphQL enum value.
		field.String("locale").Default("zh-CN").Match(regexp.MustCompile(`^(zh-CN|en)$`)),
		field.Bool("active").Default(true),
		field.Int("manager_id").Optional().Nillable().
			Comment("line manager; churn escalations go to the owner's manager after the executive sponsor"),
		field.Time("last_login_at").Optional().Nillable(),
	}
}

// Edges of the User.
func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("reports", User.Type).From("manager").Field("manager_id").Unique(),
		edge.To("role_assignments", RoleAssignment.Type),
		edge.From("owned_accounts", Account.Type).Ref("owner").
			Annotations(entgql.RelayConnection()),
		edge.From("touchpoints", Touchpoint.Type).Ref("staff"),
		edge.From("team_memberships", AccountTeamMember.Type).Ref("user"),
	}
}

// Indexes of the User.
func (User) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("email").Unique(),
		index.Fields("subject").Unique(),
	}
}

// Annotations of the User.
func (User) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField(), entgql.MultiOrder()}
}

// Policy of the User: see package rule.
func (User) Policy() ent.Policy { return rule.ReferencePolicy() }
