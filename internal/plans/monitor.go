package plans

import (
	"context"
	"fmt"
	"slices"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/accountplan"
	"github.com/summitkam/summit/ent/accountteammember"
	"github.com/summitkam/summit/ent/action"
	"github.com/summitkam/summit/ent/collection"
	"github.com/summitkam/summit/ent/measure"
	"github.com/summitkam/summit/ent/objective"
	"github.com/summitkam/summit/ent/order"
	"github.com/summitkam/summit/ent/touchpoint"
	"github.com/summitkam/summit/internal/planning"
)

// The monitor half of the loop: how far each objective is (Measure) and how
// an account's plan stands (Health).
//
// Both are asked per item (Objective.measure, Account.planHealth) but must
// not cost SQL per item, so a Monitor computes them for a whole page at
// once, with one set-based statement per fact for all of its items: a page
// costs the same statements whether it has 10 or 200 items. The API's page
// loaders (graph/plans_loader.go) decide what a page is.
//
// Row-level access: the items come from lists ent's privacy rules already
// filtered, and every statement is an ent query, so the same rules are
// added to it again; no statement can read rows of an account the viewer
// cannot see.

// Measure is an objective's actual against its target.
type Measure struct {
	planning.Progress
	// Source says where Actual comes from.
	Source planning.Source
	// AsOf is the day of the manual reading used; nil for computed metrics
	// or when there is none.
	AsOf *time.Time
}

// Health is how an account's plan stands.
type Health struct {
	// Plan is the ACTIVE plan, else the latest by period start; nil when
	// the account has none.
	Plan *ent.AccountPlan
	// ObjectivesOnTrack and ObjectivesTotal count the plan's objectives
	// (ACHIEVED counts as on track, MISSED does not, DROPPED is left out).
	ObjectivesOnTrack, ObjectivesTotal int
	// OverdueActions counts open, in-progress or blocked actions due before
	// today.
	OverdueActions   int
	LastTouchpointAt *time.Time
	// ContactCadenceDays is the class policy's; nil without a class.
	ContactCadenceDays *int
	Cadence            planning.Cadence
	// MissingTeamRoles are roles the class policy requires that nobody on
	// the team holds.
	MissingTeamRoles []string
}

// Monitor computes measures and plan health for one operation and
// remembers them by id, so that a row met again in another list is not
// computed again; plan health reuses the measures of the objectives it
// counts. It is not safe for concurrent use: callers hold a lock.
type Monitor struct {
	today    time.Time
	health   map[int]*Health
	measures map[int]*Measure
	plans    map[int]*ent.AccountPlan
	policies map[string]*ent.ClassPolicy // by class; nil until loaded
}

// NewMonitor returns a Monitor judging progress as of today (a UTC day).
func NewMonitor(today time.Time) *Monitor {
	return &Monitor{
		today:    planning.Day(today),
		health:   map[int]*Health{},
		measures: map[int]*Measure{},
		plans:    map[int]*ent.AccountPlan{},
	}
}

// Measures returns the measures of objs by objective id, computing those
// not known yet; an objective whose plan the viewer cannot read has none.
func (l *Monitor) Measures(ctx context.Context, client *ent.Client, objs []*ent.Objective) (map[int]*Measure, error) {
	var todo []*ent.Objective
	var planIDs []int
	for _, o := range objs {
		if _, done := l.measures[o.ID]; done || slices.ContainsFunc(todo, func(x *ent.Objective) bool { return x.ID == o.ID }) {
			continue
		}
		todo = append(todo, o)
		if _, ok := l.plans[o.PlanID]; !ok && !slices.Contains(planIDs, o.PlanID) {
			planIDs = append(planIDs, o.PlanID)
		}
	}
	if len(planIDs) > 0 {
		plans, err := client.AccountPlan.Query().Where(accountplan.IDIn(planIDs...)).
			Select(accountplan.FieldID, accountplan.FieldAccountID, accountplan.FieldPeriod, accountplan.FieldStatus,
				accountplan.FieldPeriodStart, accountplan.FieldPeriodEnd).
			All(ctx)
		if err != nil {
			return nil, fmt.Errorf("error loading the plans of %d objectives: %w", len(todo), err)
		}
		for _, p := range plans {
			l.plans[p.ID] = p
		}
	}
	if err := l.computeMeasures(ctx, client, todo); err != nil {
		return nil, err
	}
	out := make(map[int]*Measure, len(objs))
	for _, o := range objs {
		if m, ok := l.measures[o.ID]; ok {
			out[o.ID] = m
		}
	}
	return out, nil
}

// computeMeasures measures objs against their plans (already in l.plans):
// one statement for order sums per plan, one for collection sums per plan,
// one for the latest reading per objective, each only when needed.
func (l *Monitor) computeMeasures(ctx context.Context, client *ent.Client, objs []*ent.Objective) error {
	var orderPlans, collectionPlans, manual []int
	for _, o := range objs {
		if _, ok := l.plans[o.PlanID]; !ok {
			continue
		}
		switch planning.SourceOf(string(o.Metric)) {
		case planning.SourceOrders:
			if !slices.Contains(orderPlans, o.PlanID) {
				orderPlans = append(orderPlans, o.PlanID)
			}
		case planning.SourceCollections:
			if !slices.Contains(collectionPlans, o.PlanID) {
				collectionPlans = append(collectionPlans, o.PlanID)
			}
		default:
			manual = append(manual, o.ID)
		}
	}

	type orderSums struct {
		PlanID int   `sql:"plan_id"`
		Amount int64 `sql:"amount"`
		Margin int64 `sql:"margin"`
		Orders int64 `sql:"orders"`
	}
	orders := map[int]orderSums{}
	if len(orderPlans) > 0 {
		var rows []orderSums
		err := client.Order.Query().
			Where(order.StatusEQ(order.StatusSHIPPED)).
			Modify(func(s *sql.Selector) {
				p := planJoinByPeriod(s, order.FieldAccountID, order.FieldOrderDate, orderPlans)
				s.SelectExpr(sql.Expr(fmt.Sprintf("%s AS plan_id, COALESCE(SUM(%s), 0)::bigint AS amount, COALESCE(SUM(%s), 0)::bigint AS margin, COUNT(*) AS orders",
					p.C(accountplan.FieldID), s.C(order.FieldAmountMinor), s.C(order.FieldMarginMinor))))
			}).
			Scan(ctx, &rows)
		if err != nil {
			return fmt.Errorf("error summing orders of %d plans: %w", len(orderPlans), err)
		}
		for _, r := range rows {
			orders[r.PlanID] = r
		}
	}

	type collectionSums struct {
		PlanID int   `sql:"plan_id"`
		Amount int64 `sql:"amount"`
	}
	collections := map[int]int64{}
	if len(collectionPlans) > 0 {
		var rows []collectionSums
		err := client.Collection.Query().
			Modify(func(s *sql.Selector) {
				p := planJoinByPeriod(s, collection.FieldAccountID, collection.FieldReceivedOn, collectionPlans)
				s.SelectExpr(sql.Expr(fmt.Sprintf("%s AS plan_id, COALESCE(SUM(%s), 0)::bigint AS amount",
					p.C(accountplan.FieldID), s.C(collection.FieldAmountMinor))))
			}).
			Scan(ctx, &rows)
		if err != nil {
			return fmt.Errorf("error summing collections of %d plans: %w", len(collectionPlans), err)
		}
		for _, r := range rows {
			collections[r.PlanID] = r.Amount
		}
	}

	type reading struct {
		ObjectiveID int       `sql:"objective_id"`
		Actual      int64     `sql:"actual"`
		AsOf        time.Time `sql:"as_of"`
	}
	readings := map[int]reading{}
	if len(manual) > 0 {
		var rows []reading
		err := client.Measure.Query().
			Where(measure.ObjectiveIDIn(manual...)).
			Modify(func(s *sql.Selector) {
				s.SelectExpr(sql.Expr(fmt.Sprintf("DISTINCT ON (%[1]s) %[1]s AS objective_id, %[2]s AS actual, %[3]s AS as_of",
					s.C(measure.FieldObjectiveID), s.C(measure.FieldActualValue), s.C(measure.FieldAsOf))))
				s.OrderExpr(sql.Expr(fmt.Sprintf("%s, %s DESC, %s DESC", s.C(measure.FieldObjectiveID), s.C(measure.FieldAsOf), s.C(measure.FieldID))))
			}).
			Scan(ctx, &rows)
		if err != nil {
			return fmt.Errorf("error loading the latest readings of %d objectives: %w", len(manual), err)
		}
		for _, r := range rows {
			readings[r.ObjectiveID] = r
		}
	}

	for _, o := range objs {
		plan, ok := l.plans[o.PlanID]
		if !ok {
			continue
		}
		var (
			actual int64
			asOf   *time.Time
		)
		source := planning.SourceOf(string(o.Metric))
		switch source {
		case planning.SourceOrders:
			sums := orders[o.PlanID]
			switch o.Metric {
			case objective.MetricREVENUE:
				actual = sums.Amount
			case objective.MetricGROSS_MARGIN:
				actual = sums.Margin
			default:
				actual = sums.Orders
			}
		case planning.SourceCollections:
			actual = collections[o.PlanID]
		default:
			if r, ok := readings[o.ID]; ok {
				actual = r.Actual
				day := r.AsOf
				asOf = &day
			}
		}
		l.measures[o.ID] = &Measure{
			Progress: planning.Evaluate(actual, o.TargetValue, plan.PeriodStart, plan.PeriodEnd, l.today),
			Source:   source, AsOf: asOf,
		}
	}
	return nil
}

// planJoinByPeriod joins the plans planIDs to the fact rows of s (orders,
// collections) of the plan's account dated within the plan period, and
// groups by plan. It returns the plans table for selecting.
func planJoinByPeriod(s *sql.Selector, accountCol, dateCol string, planIDs []int) *sql.SelectTable {
	p := sql.Table(accountplan.Table).As("plan")
	s.Join(p).OnP(sql.And(
		sql.ColumnsEQ(s.C(accountCol), p.C(accountplan.FieldAccountID)),
		sql.ColumnsGTE(s.C(dateCol), p.C(accountplan.FieldPeriodStart)),
		sql.ColumnsLTE(s.C(dateCol), p.C(accountplan.FieldPeriodEnd)),
	)).
		Where(sql.InInts(p.C(accountplan.FieldID), planIDs...)).
		GroupBy(p.C(accountplan.FieldID))
	return p
}

// Health returns the plan health of page by account id, computing it for
// the accounts not known yet. The accounts must carry their current class.
func (l *Monitor) Health(ctx context.Context, client *ent.Client, page []*ent.Account) (map[int]*Health, error) {
	var accounts []*ent.Account
	var ids []int
	for _, a := range page {
		if _, done := l.health[a.ID]; done || slices.Contains(ids, a.ID) {
			continue
		}
		accounts = append(accounts, a)
		ids = append(ids, a.ID)
	}
	if len(accounts) > 0 {
		if err := l.loadHealth(ctx, client, accounts, ids); err != nil {
			return nil, err
		}
	}
	out := make(map[int]*Health, len(page))
	for _, a := range page {
		out[a.ID] = l.health[a.ID]
	}
	return out, nil
}

// loadHealth computes the plan health of accounts (ids in the same order)
// with a fixed set of statements: class policies (once per loader), plans,
// objectives and their measures, overdue actions, last touchpoints, team
// roles.
func (l *Monitor) loadHealth(ctx context.Context, client *ent.Client, accounts []*ent.Account, ids []int) error {
	if l.policies == nil {
		policies, err := client.ClassPolicy.Query().All(ctx)
		if err != nil {
			return fmt.Errorf("error loading class policies: %w", err)
		}
		l.policies = map[string]*ent.ClassPolicy{}
		for _, p := range policies {
			l.policies[string(p.Class)] = p
		}
	}

	// The plan of each account: ACTIVE, else the latest.
	plans, err := client.AccountPlan.Query().Where(accountplan.AccountIDIn(ids...)).
		Select(accountplan.FieldID, accountplan.FieldAccountID, accountplan.FieldPeriod, accountplan.FieldStatus,
			accountplan.FieldPeriodStart, accountplan.FieldPeriodEnd).
		All(ctx)
	if err != nil {
		return fmt.Errorf("error loading the plans of %d accounts: %w", len(ids), err)
	}
	byAccount := map[int][]*ent.AccountPlan{}
	for _, p := range plans {
		byAccount[p.AccountID] = append(byAccount[p.AccountID], p)
		l.plans[p.ID] = p
	}
	chosen := map[int]*ent.AccountPlan{}
	var chosenIDs []int
	for id, ps := range byAccount {
		refs := make([]planning.PlanRef, len(ps))
		for i, p := range ps {
			refs[i] = planning.PlanRef{ID: p.ID, Status: planning.Status(p.Status), PeriodStart: p.PeriodStart}
		}
		if i := planning.PickHealthPlan(refs); i >= 0 {
			chosen[id] = ps[i]
			chosenIDs = append(chosenIDs, ps[i].ID)
		}
	}

	objectivesByPlan := map[int][]*ent.Objective{}
	if len(chosenIDs) > 0 {
		objs, err := client.Objective.Query().Where(objective.PlanIDIn(chosenIDs...)).All(ctx)
		if err != nil {
			return fmt.Errorf("error loading the objectives of %d plans: %w", len(chosenIDs), err)
		}
		var todo []*ent.Objective
		for _, o := range objs {
			objectivesByPlan[o.PlanID] = append(objectivesByPlan[o.PlanID], o)
			if _, done := l.measures[o.ID]; !done {
				todo = append(todo, o)
			}
		}
		if err := l.computeMeasures(ctx, client, todo); err != nil {
			return err
		}
	}

	var overdue []struct {
		AccountID int `json:"account_id"`
		Count     int `json:"count"`
	}
	err = client.Action.Query().
		Where(action.AccountIDIn(ids...), action.StatusIn(action.StatusOPEN, action.StatusIN_PROGRESS, action.StatusBLOCKED), action.DueOnLT(l.today)).
		GroupBy(action.FieldAccountID).Aggregate(ent.Count()).
		Scan(ctx, &overdue)
	if err != nil {
		return fmt.Errorf("error counting overdue actions of %d accounts: %w", len(ids), err)
	}
	overdueBy := map[int]int{}
	for _, r := range overdue {
		overdueBy[r.AccountID] = r.Count
	}

	var last []struct {
		AccountID int       `json:"account_id"`
		Max       time.Time `json:"max"`
	}
	err = client.Touchpoint.Query().
		Where(touchpoint.AccountIDIn(ids...), touchpoint.OccurredAtLTE(time.Now())).
		GroupBy(touchpoint.FieldAccountID).Aggregate(ent.Max(touchpoint.FieldOccurredAt)).
		Scan(ctx, &last)
	if err != nil {
		return fmt.Errorf("error loading the last touchpoints of %d accounts: %w", len(ids), err)
	}
	lastBy := map[int]time.Time{}
	for _, r := range last {
		lastBy[r.AccountID] = r.Max
	}

	var roles []struct {
		AccountID int    `json:"account_id"`
		Role      string `json:"role"`
	}
	err = client.AccountTeamMember.Query().
		Where(accountteammember.AccountIDIn(ids...)).
		GroupBy(accountteammember.FieldAccountID, accountteammember.FieldRole).
		Scan(ctx, &roles)
	if err != nil {
		return fmt.Errorf("error loading the team roles of %d accounts: %w", len(ids), err)
	}
	rolesBy := map[int][]string{}
	for _, r := range roles {
		rolesBy[r.AccountID] = append(rolesBy[r.AccountID], r.Role)
	}

	for _, a := range accounts {
		h := &Health{MissingTeamRoles: []string{}}
		if p := chosen[a.ID]; p != nil {
			h.Plan = p
			for _, o := range objectivesByPlan[p.ID] {
				counts, onTrack := planning.CountsOnTrack(string(o.Status), progressOf(l.measures[o.ID]))
				if counts {
					h.ObjectivesTotal++
				}
				if onTrack {
					h.ObjectivesOnTrack++
				}
			}
		}
		h.OverdueActions = overdueBy[a.ID]
		var lastAt *time.Time
		if t, ok := lastBy[a.ID]; ok {
			lastAt = &t
		}
		h.LastTouchpointAt = lastAt
		cadence := 0
		if a.CurrentClass != nil {
			if pol := l.policies[string(*a.CurrentClass)]; pol != nil {
				cadence = pol.ContactCadenceDays
				h.ContactCadenceDays = &cadence
				h.MissingTeamRoles = planning.MissingRoles(pol.RequiredTeamRoles, rolesBy[a.ID])
			}
		}
		h.Cadence = planning.CheckCadence(lastAt, cadence, l.today)
		l.health[a.ID] = h
	}
	return nil
}

func progressOf(m *Measure) planning.Progress {
	if m == nil {
		return planning.Progress{}
	}
	return m.Progress
}
