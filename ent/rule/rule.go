// Package rule holds Summit's row-level access rules, used by the Policy of
// every ent schema. Reads are filtered in SQL (predicates added to the query),
// never checked after it, so pages stay full, counts stay right, and node(id:),
// nested edges and eager loading all obey the same rules. A context without a
// viewer is denied everything.
//
// Who reads which accounts:
//   - the system identity, admins, executives and viewers (analysts): all;
//   - key-account managers and members: accounts they own or whose team they are on;
//   - partner managers: distributor accounts in their assigned regions (all
//     regions when unscoped), plus accounts they own or are on the team of.
//
// Who edits an account's data: admins and the system; the owner; team members
// with EDIT access. Executives additionally decide governance records
// (plans, class assignments, review results, alerts, tier evaluations) and
// staff account teams;
// partner managers edit partner profiles and tier evaluations in their regions.
//
// Data tied to an account (contacts, orders, plans, alerts …) follows its
// account through the account edge. A new entity gets its rules by choosing
// one of the policies below in its schema's Policy method; an entity without
// a Policy would be open, which TestEveryEntityHasAPolicy forbids.
package rule

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/accountteammember"
	"github.com/summitkam/summit/ent/predicate"
	"github.com/summitkam/summit/ent/privacy"
	"github.com/summitkam/summit/internal/viewer"
)

// nothing is a predicate that matches no row.
func nothing() predicate.Account {
	return predicate.Account(func(s *sql.Selector) { s.Where(sql.False()) })
}

// ReadableAccounts returns the predicate of the accounts v may read, and
// false when v may read all of them.
func ReadableAccounts(v *viewer.Viewer) (predicate.Account, bool) {
	if v == nil {
		return nothing(), true
	}
	if v.ReadsEverything() {
		return nil, false
	}
	var arms []*sql.Selector
	if v.UserID != 0 && v.HasAny(viewer.RoleKeyAccountManager, viewer.RoleMember, viewer.RolePartnerManager) {
		arms = append(arms, ownedBy(v.UserID), onTeamOf(v.UserID, false))
	}
	if v.Has(viewer.RolePartnerManager) {
		arms = append(arms, distributorsIn(v.Regions))
	}
	return idIn(arms), true
}

// EditableAccounts returns the predicate of the accounts whose data v may
// change, and false when v may change all of them.
func EditableAccounts(v *viewer.Viewer) (predicate.Account, bool) {
	if v == nil {
		return nothing(), true
	}
	if v.IsSystem() || v.Has(viewer.RoleAdmin) {
		return nil, false
	}
	if v.UserID == 0 || !v.HasAny(viewer.RoleKeyAccountManager, viewer.RoleMember, viewer.RolePartnerManager) {
		return nothing(), true
	}
	return idIn([]*sql.Selector{ownedBy(v.UserID), onTeamOf(v.UserID, true)}), true
}

// idIn is "accounts.id IN (arm1 UNION arm2 …)". A union of small indexed
// lookups, rather than an OR of conditions, lets PostgreSQL find a manager's
// few hundred accounts through the owner and team indexes instead of
// scanning every account in every statement of a page.
func idIn(arms []*sql.Selector) predicate.Account {
	if len(arms) == 0 {
		return nothing()
	}
	return predicate.Account(func(s *sql.Selector) {
		union := arms[0]
		for _, arm := range arms[1:] {
			union = union.Union(arm)
		}
		s.Where(sql.In(s.C(account.FieldID), union))
	})
}

func ownedBy(userID int) *sql.Selector {
	t := sql.Table(account.Table)
	return sql.Select(t.C(account.FieldID)).From(t).Where(sql.EQ(t.C(account.FieldOwnerID), userID))
}

func onTeamOf(userID int, editOnly bool) *sql.Selector {
	t := sql.Table(accountteammember.Table)
	where := sql.EQ(t.C(accountteammember.FieldUserID), userID)
	if editOnly {
		where = sql.And(where, sql.EQ(t.C(accountteammember.FieldAccessLevel), accountteammember.AccessLevelEDIT))
	}
	return sql.Select(t.C(accountteammember.FieldAccountID)).From(t).Where(where)
}

// PartnerAccounts returns the distributor accounts a partner manager grades.
func PartnerAccounts(v *viewer.Viewer) (predicate.Account, bool) {
	if v == nil {
		return nothing(), true
	}
	if v.IsSystem() || v.Has(viewer.RoleAdmin) {
		return nil, false
	}
	if !v.Has(viewer.RolePartnerManager) {
		return nothing(), true
	}
	return idIn([]*sql.Selector{distributorsIn(v.Regions)}), true
}

func distributorsIn(regions []string) *sql.Selector {
	t := sql.Table(account.Table)
	where := sql.EQ(t.C(account.FieldKind), account.KindDISTRIBUTOR)
	if len(regions) > 0 {
		args := make([]any, len(regions))
		for i, r := range regions {
			args[i] = r
		}
		where = sql.And(where, sql.In(t.C(account.FieldRegion), args...))
	}
	return sql.Select(t.C(account.FieldID)).From(t).Where(where)
}

// DenyIfNoViewer denies every query and mutation without a viewer.
func DenyIfNoViewer() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if viewer.FromContext(ctx) == nil {
			return privacy.Denyf("no viewer in context")
		}
		return privacy.Skip
	})
}

// AllowIfSystem allows the system identity (workers, seeding, auth internals).
func AllowIfSystem() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if viewer.FromContext(ctx).IsSystem() {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// AllowIfRole allows viewers holding any of roles.
func AllowIfRole(roles ...viewer.Role) privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if viewer.FromContext(ctx).HasAny(roles...) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// AllowIfViewer allows any authenticated viewer.
func AllowIfViewer() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if viewer.FromContext(ctx) != nil {
			return privacy.Allow
		}
		return privacy.Skip
	})
}
