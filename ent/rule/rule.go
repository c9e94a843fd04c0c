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
// (plans, class assignments, review results, alerts, tier evaluations);
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
	var any []predicate.Account
	if v.UserID != 0 && v.HasAny(viewer.RoleKeyAccountManager, viewer.RoleMember, viewer.RolePartnerManager) {
		any = append(any,
			account.OwnerID(v.UserID),
			account.HasTeamMembersWith(accountteammember.UserID(v.UserID)),
		)
	}
	if v.Has(viewer.RolePartnerManager) {
		any = append(any, distributorsIn(v.Regions))
	}
	if len(any) == 0 {
		return nothing(), true
	}
	return account.Or(any...), true
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
	return account.Or(
		account.OwnerID(v.UserID),
		account.HasTeamMembersWith(
			accountteammember.UserID(v.UserID),
			accountteammember.AccessLevelEQ(accountteammember.AccessLevelEDIT),
		),
	), true
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
	return distributorsIn(v.Regions), true
}

func distributorsIn(regions []string) predicate.Account {
	if len(regions) == 0 {
		return account.KindEQ(account.KindDISTRIBUTOR)
	}
	return account.And(account.KindEQ(account.KindDISTRIBUTOR), account.RegionIn(regions...))
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
