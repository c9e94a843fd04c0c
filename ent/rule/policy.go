package rule

import (
	"context"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/auditevent"
	"github.com/summitkam/summit/ent/dataimport"
	"github.com/summitkam/summit/ent/notification"
	"github.com/summitkam/summit/ent/privacy"
	"github.com/summitkam/summit/ent/roleassignment"
	"github.com/summitkam/summit/internal/viewer"
)

// The policies below are what schemas choose from. Each starts by denying a
// context without a viewer and allowing the system identity.

func base() (privacy.QueryPolicy, privacy.MutationPolicy) {
	return privacy.QueryPolicy{DenyIfNoViewer(), AllowIfSystem()},
		privacy.MutationPolicy{DenyIfNoViewer(), AllowIfSystem()}
}

// AccountPolicy governs accounts: filtered reads; creation by admins,
// executives and key-account managers; edits by those who may edit the
// account; never deleted (archived instead).
func AccountPolicy() ent.Policy {
	q, m := base()
	q = append(q, filterReadableAccounts())
	m = append(m,
		privacy.OnMutationOperation(privacy.AlwaysDenyRule(), ent.OpDelete|ent.OpDeleteOne),
		privacy.OnMutationOperation(AllowIfRole(viewer.RoleAdmin, viewer.RoleExecutive, viewer.RoleKeyAccountManager), ent.OpCreate),
		privacy.OnMutationOperation(privacy.AccountMutationRuleFunc(func(ctx context.Context, am *ent.AccountMutation) error {
			if p, restricted := EditableAccounts(viewer.FromContext(ctx)); restricted {
				am.Where(p)
			}
			return privacy.Allow
		}), ent.OpUpdate|ent.OpUpdateOne),
		privacy.AlwaysDenyRule(),
	)
	return privacy.Policy{Query: q, Mutation: m}
}

// AccountDataPolicy governs data that belongs to an account (contacts,
// touchpoints, orders, collections, surveys, complaints, team, actions).
func AccountDataPolicy() ent.Policy {
	return accountScoped(mutationScope{})
}

// GovernedPolicy is AccountDataPolicy for records executives decide on
// (plans and their objectives, class assignments, review results, alerts,
// account teams).
func GovernedPolicy() ent.Policy {
	return accountScoped(mutationScope{governors: []viewer.Role{viewer.RoleExecutive}})
}

// PartnerPolicy is for distributor grading (partner profiles, tier
// evaluations): partner managers change those of their regions, executives
// approve.
func PartnerPolicy() ent.Policy {
	return accountScoped(mutationScope{governors: []viewer.Role{viewer.RoleExecutive}, partners: true})
}

func accountScoped(scope mutationScope) ent.Policy {
	q, m := base()
	q = append(q, filterByReadableAccount())
	m = append(m, accountScopedMutation(scope))
	return privacy.Policy{Query: q, Mutation: m}
}

// ReferencePolicy is for shared configuration every member of staff reads and
// only admins change: categories, grading models, class policies, the tier
// ladder, users (the staff directory).
func ReferencePolicy() ent.Policy {
	q, m := base()
	q = append(q, AllowIfViewer())
	m = append(m, AllowIfRole(viewer.RoleAdmin), privacy.AlwaysDenyRule())
	return privacy.Policy{Query: q, Mutation: m}
}

// ReviewCyclePolicy: every member of staff reads review cycles; admins and
// executives run them.
func ReviewCyclePolicy() ent.Policy {
	q, m := base()
	q = append(q, AllowIfViewer())
	m = append(m, AllowIfRole(viewer.RoleAdmin, viewer.RoleExecutive), privacy.AlwaysDenyRule())
	return privacy.Policy{Query: q, Mutation: m}
}

// RoleAssignmentPolicy: admins, executives and viewers read all role
// assignments, anyone else only their own; only admins change them.
func RoleAssignmentPolicy() ent.Policy {
	q, m := base()
	q = append(q, privacy.RoleAssignmentQueryRuleFunc(func(ctx context.Context, rq *ent.RoleAssignmentQuery) error {
		if v := viewer.FromContext(ctx); !v.ReadsEverything() {
			rq.Where(roleassignment.UserID(v.UserID))
		}
		return privacy.Allow
	}))
	m = append(m, AllowIfRole(viewer.RoleAdmin), privacy.AlwaysDenyRule())
	return privacy.Policy{Query: q, Mutation: m}
}

// AuditPolicy: audit events are append-only for everyone, the system
// included. Admins, executives and viewers read them all; others read the
// events they caused.
func AuditPolicy() ent.Policy {
	q, m := base()
	q = append(q, privacy.AuditEventQueryRuleFunc(func(ctx context.Context, aq *ent.AuditEventQuery) error {
		if v := viewer.FromContext(ctx); !v.ReadsEverything() {
			aq.Where(auditevent.ActorID(v.UserID))
		}
		return privacy.Allow
	}))
	m = privacy.MutationPolicy{
		DenyIfNoViewer(),
		privacy.OnMutationOperation(AllowIfViewer(), ent.OpCreate),
		privacy.AlwaysDenyRule(),
	}
	return privacy.Policy{Query: q, Mutation: m}
}

// NotificationPolicy: a notification is its recipient's; anyone may create
// one (actions notify people), only the recipient marks it read.
func NotificationPolicy() ent.Policy {
	q, m := base()
	q = append(q, privacy.NotificationQueryRuleFunc(func(ctx context.Context, nq *ent.NotificationQuery) error {
		nq.Where(notification.RecipientID(viewer.FromContext(ctx).UserID))
		return privacy.Allow
	}))
	m = append(m,
		privacy.OnMutationOperation(AllowIfViewer(), ent.OpCreate),
		privacy.OnMutationOperation(privacy.NotificationMutationRuleFunc(func(ctx context.Context, nm *ent.NotificationMutation) error {
			nm.Where(notification.RecipientID(viewer.FromContext(ctx).UserID))
			return privacy.Allow
		}), ent.OpUpdate|ent.OpUpdateOne),
		privacy.AlwaysDenyRule(),
	)
	return privacy.Policy{Query: q, Mutation: m}
}

// SystemOnlyPolicy is for plumbing only the system identity touches
// (sessions, login states, service tokens).
func SystemOnlyPolicy() ent.Policy {
	q, m := base()
	return privacy.Policy{Query: append(q, privacy.AlwaysDenyRule()), Mutation: append(m, privacy.AlwaysDenyRule())}
}

// DataImportPolicy: admins, executives and viewers read every import, others
// the imports they started; rows are written by internal/imports (SQL as the
// importing viewer's rules allow), never through ent mutations.
func DataImportPolicy() ent.Policy {
	q, m := base()
	q = append(q, privacy.DataImportQueryRuleFunc(func(ctx context.Context, dq *ent.DataImportQuery) error {
		if v := viewer.FromContext(ctx); !v.ReadsEverything() {
			dq.Where(dataimport.CreatedByID(v.UserID))
		}
		return privacy.Allow
	}))
	m = append(m, privacy.AlwaysDenyRule())
	return privacy.Policy{Query: q, Mutation: m}
}
