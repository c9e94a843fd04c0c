package rule

import (
	"context"
	"fmt"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/accountplan"
	"github.com/summitkam/summit/ent/objective"
	"github.com/summitkam/summit/ent/partnerprofile"
	"github.com/summitkam/summit/ent/predicate"
	"github.com/summitkam/summit/ent/privacy"
	"github.com/summitkam/summit/internal/viewer"
)

// accountFilterer is the entql filter of every entity with an "account" edge.
type accountFilterer interface {
	WhereHasAccountWith(...predicate.Account)
}

// restrictToAccounts adds "belongs to an account matching p" to f, walking
// the edges of entities that reach their account indirectly.
func restrictToAccounts(f privacy.Filter, p predicate.Account) error {
	switch f := f.(type) {
	case *ent.ObjectiveFilter:
		f.WhereHasPlanWith(accountplan.HasAccountWith(p))
	case *ent.MeasureFilter:
		f.WhereHasObjectiveWith(objective.HasPlanWith(accountplan.HasAccountWith(p)))
	case *ent.TierEvaluationFilter:
		f.WhereHasPartnerProfileWith(partnerprofile.HasAccountWith(p))
	case accountFilterer:
		f.WhereHasAccountWith(p)
	default:
		return privacy.Denyf("rule: %T has no path to an account", f)
	}
	return privacy.Allow
}

// filterReadableAccounts restricts an Account query to the readable accounts.
func filterReadableAccounts() privacy.QueryRule {
	return privacy.AccountQueryRuleFunc(func(ctx context.Context, q *ent.AccountQuery) error {
		if p, restricted := ReadableAccounts(viewer.FromContext(ctx)); restricted {
			q.Where(p)
		}
		return privacy.Allow
	})
}

// filterByReadableAccount restricts a query on account-scoped data to rows
// of readable accounts.
func filterByReadableAccount() privacy.QueryRule {
	return privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
		p, restricted := ReadableAccounts(viewer.FromContext(ctx))
		if !restricted {
			return privacy.Allow
		}
		return restrictToAccounts(f, p)
	})
}

// accountIDOf returns the account a create mutation attaches its row to.
func accountIDOf(ctx context.Context, m ent.Mutation) (int, error) {
	if v, ok := m.Field("account_id"); ok {
		return v.(int), nil
	}
	client := clientOf(m)
	switch m := m.(type) {
	case *ent.ObjectiveMutation:
		if planID, ok := m.PlanID(); ok {
			return client.AccountPlan.Query().Where(accountplan.ID(planID)).Select(accountplan.FieldAccountID).Int(ctx)
		}
	case *ent.MeasureMutation:
		if objID, ok := m.ObjectiveID(); ok {
			return client.Objective.Query().Where(objective.ID(objID)).QueryPlan().Select(accountplan.FieldAccountID).Int(ctx)
		}
	case *ent.TierEvaluationMutation:
		if ppID, ok := m.PartnerProfileID(); ok {
			return client.PartnerProfile.Query().Where(partnerprofile.ID(ppID)).Select(partnerprofile.FieldAccountID).Int(ctx)
		}
	}
	return 0, fmt.Errorf("rule: cannot tell which account a %s create belongs to", m.Type())
}

func clientOf(m ent.Mutation) *ent.Client {
	return m.(interface{ Client() *ent.Client }).Client()
}

// mutationScope decides which accounts' data a mutation may touch.
type mutationScope struct {
	// governors may change these records on any account (executives approve
	// plans, classes, review results, tiers and answer escalated alerts).
	governors []viewer.Role
	// partners lets partner managers change rows of distributor accounts in
	// their regions (partner profiles, tier evaluations).
	partners bool
}

func (s mutationScope) accounts(v *viewer.Viewer) (predicate.Account, bool) {
	if v.HasAny(s.governors...) {
		return nil, false
	}
	edit, restricted := EditableAccounts(v)
	if !restricted {
		return nil, false
	}
	if s.partners && v.Has(viewer.RolePartnerManager) {
		partner, _ := PartnerAccounts(v)
		return account.Or(edit, partner), true
	}
	return edit, true
}

// accountScopedMutation allows a create only onto an account the viewer may
// change, and narrows updates and deletes to such rows (an update of any
// other row then matches nothing and changes nothing).
func accountScopedMutation(scope mutationScope) privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		v := viewer.FromContext(ctx)
		p, restricted := scope.accounts(v)
		if !restricted {
			return privacy.Allow
		}
		if m.Op().Is(ent.OpCreate) {
			id, err := accountIDOf(ctx, m)
			if err != nil {
				return privacy.Denyf("%v", err)
			}
			ok, err := clientOf(m).Account.Query().Where(account.ID(id), p).Exist(ctx)
			if err != nil {
				return err
			}
			if !ok {
				return privacy.Denyf("not allowed to change data of account %d", id)
			}
			return privacy.Allow
		}
		return privacy.FilterFunc(func(_ context.Context, f privacy.Filter) error {
			return restrictToAccounts(f, p)
		}).EvalMutation(ctx, m)
	})
}
