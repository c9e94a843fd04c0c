package portfolio

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/summitkam/summit/internal/database"
)

// CoverageFigures are the coverage and plan health of one class's accounts.
type CoverageFigures struct {
	// Class is nil for the S and A total.
	Class    *Class
	Accounts int
	// WithoutApprovedPlan: no plan APPROVED or ACTIVE.
	WithoutApprovedPlan int
	// MissingTeamRoles: a team role the class policy requires is not on
	// the account team.
	MissingTeamRoles int
	// ContactOverdue: the last touchpoint (or, without one, the account's
	// creation) is older than the class policy's contact cadence.
	ContactOverdue int
	// WithOverdueActions: an action due before today is not DONE or
	// CANCELLED.
	WithOverdueActions int
	// NeedsAttention: any of the above.
	NeedsAttention int
	// Drill-downs with the accounts query (the two conditions it can
	// express; team roles and contact cadence depend on the class policy).
	WithoutApprovedPlanWhere json.RawMessage
	WithOverdueActionsWhere  json.RawMessage
}

// Coverage is the coverage and plan health of the S and A accounts.
type Coverage struct {
	Total   CoverageFigures
	Classes []CoverageFigures // S, then A
}

// CoverageOf counts, per class S and A, the accounts with each gap, in one
// statement.
func CoverageOf(ctx context.Context, q database.Querier, s Scope, now time.Time) (Coverage, error) {
	st := s.statement()
	today := st.arg(now.UTC().Format(time.DateOnly))
	st.add(`, flags AS (
		SELECT s.current_class::text AS class,
		  NOT EXISTS (SELECT 1 FROM account_plans p WHERE p.account_id = s.id AND p.status IN ('APPROVED', 'ACTIVE')) AS no_plan,
		  EXISTS (SELECT 1 FROM jsonb_array_elements_text(coalesce(cp.required_team_roles, '[]'::jsonb)) req(role)
		          WHERE NOT EXISTS (SELECT 1 FROM account_team_members m WHERE m.account_id = s.id AND m.role = req.role)) AS team_gap,
		  cp.id IS NOT NULL AND (coalesce((SELECT max(t.occurred_at) FROM touchpoints t WHERE t.account_id = s.id AND t.occurred_at < ` + today + `::date + 1), s.created_at))::date
		      + cp.contact_cadence_days::int < ` + today + `::date AS contact_overdue,
		  EXISTS (SELECT 1 FROM actions ac WHERE ac.account_id = s.id AND ac.due_on < ` + today + `::date AND ac.status NOT IN ('DONE', 'CANCELLED')) AS overdue_actions
		FROM scoped s LEFT JOIN class_policies cp ON cp.class = s.current_class
		WHERE s.current_class IN ('S', 'A'))
		SELECT class, count(*), count(*) FILTER (WHERE no_plan), count(*) FILTER (WHERE team_gap),
		       count(*) FILTER (WHERE contact_overdue), count(*) FILTER (WHERE overdue_actions),
		       count(*) FILTER (WHERE no_plan OR team_gap OR contact_overdue OR overdue_actions)
		FROM flags GROUP BY class`)
	byClass := map[Class]CoverageFigures{}
	err := st.each(ctx, q, func(rows pgx.Rows) error {
		var f CoverageFigures
		var c string
		if err := rows.Scan(&c, &f.Accounts, &f.WithoutApprovedPlan, &f.MissingTeamRoles, &f.ContactOverdue, &f.WithOverdueActions, &f.NeedsAttention); err != nil {
			return err
		}
		class := Class(c)
		f.Class = &class
		byClass[class] = f
		return nil
	})
	if err != nil {
		return Coverage{}, fmt.Errorf("error computing coverage and plan health: %w", err)
	}
	var cov Coverage
	for _, c := range []Class{ClassS, ClassA} {
		f := byClass[c]
		f.Class = &c
		f.WithoutApprovedPlanWhere, f.WithOverdueActionsWhere = coverageWheres(s, []string{string(c)}, now)
		cov.Classes = append(cov.Classes, f)
		cov.Total.Accounts += f.Accounts
		cov.Total.WithoutApprovedPlan += f.WithoutApprovedPlan
		cov.Total.MissingTeamRoles += f.MissingTeamRoles
		cov.Total.ContactOverdue += f.ContactOverdue
		cov.Total.WithOverdueActions += f.WithOverdueActions
		cov.Total.NeedsAttention += f.NeedsAttention
	}
	cov.Total.WithoutApprovedPlanWhere, cov.Total.WithOverdueActionsWhere = coverageWheres(s, []string{"S", "A"}, now)
	return cov, nil
}

func coverageWheres(s Scope, classes []string, now time.Time) (noPlan, overdue json.RawMessage) {
	today := time.Date(now.UTC().Year(), now.UTC().Month(), now.UTC().Day(), 0, 0, 0, 0, time.UTC)
	noPlan = s.where(map[string]any{"currentClassIn": classes},
		map[string]any{"not": map[string]any{"hasPlansWith": []map[string]any{{"statusIn": []string{"APPROVED", "ACTIVE"}}}}})
	overdue = s.where(map[string]any{"currentClassIn": classes},
		map[string]any{"hasActionsWith": []map[string]any{{"dueOnLT": today, "statusNotIn": []string{"DONE", "CANCELLED"}}}})
	return noPlan, overdue
}
