package graph

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"entgo.io/ent/dialect/sql"
	"github.com/99designs/gqlgen/graphql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/accountplan"
	"github.com/summitkam/summit/ent/accountteammember"
	"github.com/summitkam/summit/ent/action"
	"github.com/summitkam/summit/ent/collection"
	"github.com/summitkam/summit/ent/measure"
	"github.com/summitkam/summit/ent/objective"
	"github.com/summitkam/summit/ent/order"
	"github.com/summitkam/summit/ent/touchpoint"
	"github.com/summitkam/summit/graph/model"
	"github.com/summitkam/summit/internal/planning"
)

// The monitor half of the loop: Objective.measure and Account.planHealth.
//
// Both are computed per item but must not cost SQL per item, so both are
// pageLoaders (loader.go): the first item of a list to ask loads for its
// siblings in the parent list gqlgen already resolved (a page of accounts, a
// plan's objectives, the objectives of a page of plans), with one set-based
// statement per fact for all of them; a page costs the same statements
// whether it has 10 or 200 items.
//
// Row-level access: the ids come from lists ent's privacy rules already
// filtered, and every statement is an ent query, so the same rules are
// added to it again; no statement can read rows of an account the viewer
// cannot see.

// planLoader is one operation's plan facts, kept by id, so that a row met
// again in another list is not computed again, and shared by its two page
// loaders: plan health computes the measures of the objectives it counts.
type planLoader struct {
	mu       sync.Mutex // held while computing: the facts below are shared
	today    time.Time
	health   map[int]*model.PlanHealth
	measures map[int]*model.ObjectiveMeasure
	plans    map[int]*ent.AccountPlan
	policies map[string]*ent.ClassPolicy // by class; nil until loaded

	// The page loaders key by the object gqlgen resolves, not its id: the
	// fetch needs it whole (an account's class, an objective's plan and
	// metric), and it is the element of the list its siblings come from.
	healthPages  *pageLoader[*ent.Account, *model.PlanHealth]
	measurePages *pageLoader[*ent.Objective, *model.ObjectiveMeasure]
}

func newPlanLoader() *planLoader {
	l := &planLoader{
		today:    planning.Day(time.Now()),
		health:   map[int]*model.PlanHealth{},
		measures: map[int]*model.ObjectiveMeasure{},
		plans:    map[int]*ent.AccountPlan{},
	}
	l.healthPages = &pageLoader[*ent.Account, *model.PlanHealth]{siblings: planSiblingAccounts, fetch: l.healthOfPage}
	l.measurePages = &pageLoader[*ent.Objective, *model.ObjectiveMeasure]{siblings: planSiblingObjectives, fetch: l.measureOfPage}
	return l
}

// planLoaderKey is the key of the planLoader among an operation's loader
// state.
type planLoaderKey struct{}

// planLoaderFor returns the planLoader of ctx's operation (of ctx's root
// field in a mutation, see loaderScope).
func planLoaderFor(ctx context.Context) *planLoader {
	l, _ := operationState(ctx, planLoaderKey{}, newPlanLoader)
	return l
}

// planClient is the client to read with: the mutation's transaction when
// there is one, so a mutation's answer sees its own writes.
func (r *Resolver) planClient(ctx context.Context) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return r.Client
}

// planMaxSiblingLevels bounds how far up the field contexts a sibling list is
// looked for (object → list element → list).
const planMaxSiblingLevels = 4

// planSiblingAccounts returns the accounts of the list obj was resolved in
// (a connection page, children, nodes(ids:)), or just obj.
func planSiblingAccounts(ctx context.Context, obj *ent.Account) []*ent.Account {
	fc := graphql.GetFieldContext(ctx)
	for p, level := fc.Parent, 0; p != nil && level < planMaxSiblingLevels; p, level = p.Parent, level+1 {
		if p.Index != nil {
			continue
		}
		var out []*ent.Account
		switch r := p.Result.(type) {
		case []*ent.AccountEdge:
			for _, e := range r {
				if e != nil && e.Node != nil {
					out = append(out, e.Node)
				}
			}
		case []*ent.Account:
			out = r
		case []ent.Noder:
			for _, n := range r {
				if a, ok := n.(*ent.Account); ok {
					out = append(out, a)
				}
			}
		default:
			continue
		}
		if slices.Contains(out, obj) {
			return out
		}
		break
	}
	return []*ent.Account{obj}
}

// planSiblingObjectives returns the objectives of the list obj was resolved
// in; for the objectives of a plan in a list of plans, those of all the
// plans of the list that entgql loaded eagerly.
func planSiblingObjectives(ctx context.Context, obj *ent.Objective) []*ent.Objective {
	fc := graphql.GetFieldContext(ctx)
	for p, level := fc.Parent, 0; p != nil && level < planMaxSiblingLevels; p, level = p.Parent, level+1 {
		if p.Index != nil {
			continue
		}
		var out []*ent.Objective
		switch r := p.Result.(type) {
		case []*ent.ObjectiveEdge:
			for _, e := range r {
				if e != nil && e.Node != nil {
					out = append(out, e.Node)
				}
			}
		case []*ent.Objective:
			out = r
			if wider := planObjectivesOfPlanList(p); len(wider) > 0 {
				out = append(wider, out...)
			}
		case []ent.Noder:
			for _, n := range r {
				if o, ok := n.(*ent.Objective); ok {
					out = append(out, o)
				}
			}
		default:
			continue
		}
		if slices.Contains(out, obj) {
			return out
		}
		break
	}
	return []*ent.Objective{obj}
}

// planObjectivesOfPlanList returns, for the objectives field list of a plan
// inside a list of plans, the eagerly loaded objectives of every plan of
// that list under the same alias.
func planObjectivesOfPlanList(list *graphql.FieldContext) []*ent.Objective {
	alias := list.Field.Alias
	for p, level := list.Parent, 0; p != nil && level < planMaxSiblingLevels; p, level = p.Parent, level+1 {
		if p.Index != nil {
			continue
		}
		var plans []*ent.AccountPlan
		switch r := p.Result.(type) {
		case *ent.AccountPlan:
			continue
		case []*ent.AccountPlanEdge:
			for _, e := range r {
				if e != nil && e.Node != nil {
					plans = append(plans, e.Node)
				}
			}
		case []*ent.AccountPlan:
			plans = r
		default:
			return nil
		}
		var out []*ent.Objective
		for _, plan := range plans {
			if objs, err := plan.NamedObjectives(alias); err == nil {
				out = append(out, objs...)
			}
		}
		return out
	}
	return nil
}

// measureOf answers Objective.measure for obj, loaded with its siblings.
func (l *planLoader) measureOf(ctx context.Context, client *ent.Client, obj *ent.Objective) (*model.ObjectiveMeasure, error) {
	m, _, err := l.measurePages.load(ctx, client, obj)
	return m, err
}

// measureOfPage is the fetch of measurePages: the measures of objs, computed
// for those not known yet.
func (l *planLoader) measureOfPage(ctx context.Context, client *ent.Client, objs []*ent.Objective) (map[*ent.Objective]*model.ObjectiveMeasure, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
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
	out := make(map[*ent.Objective]*model.ObjectiveMeasure, len(objs))
	for _, o := range objs {
		out[o] = l.measures[o.ID]
	}
	return out, nil
}

// computeMeasures measures objs against their plans (already in l.plans):
// one statement for order sums per plan, one for collection sums per plan,
// one for the latest reading per objective, each only when needed.
func (l *planLoader) computeMeasures(ctx context.Context, client *ent.Client, objs []*ent.Objective) error {
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
			source model.ObjectiveMeasureSource
		)
		switch planning.SourceOf(string(o.Metric)) {
		case planning.SourceOrders:
			source = model.ObjectiveMeasureSourceOrders
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
			source = model.ObjectiveMeasureSourceCollections
			actual = collections[o.PlanID]
		default:
			source = model.ObjectiveMeasureSourceManual
			if r, ok := readings[o.ID]; ok {
				actual = r.Actual
				day := r.AsOf
				asOf = &day
			}
		}
		p := planning.Evaluate(actual, o.TargetValue, plan.PeriodStart, plan.PeriodEnd, l.today)
		l.measures[o.ID] = &model.ObjectiveMeasure{
			Actual: int(p.Actual), Target: int(p.Target), PercentDone: p.PercentDone,
			ElapsedShare: p.ElapsedShare, ExpectedToDate: int(p.Expected), OnTrack: p.OnTrack,
			Source: source, AsOf: asOf,
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

// healthOf answers Account.planHealth for obj, loaded with its siblings.
func (l *planLoader) healthOf(ctx context.Context, client *ent.Client, obj *ent.Account) (*model.PlanHealth, error) {
	h, _, err := l.healthPages.load(ctx, client, obj)
	return h, err
}

// healthOfPage is the fetch of healthPages: the plan health of page,
// computed for the accounts not known yet.
func (l *planLoader) healthOfPage(ctx context.Context, client *ent.Client, page []*ent.Account) (map[*ent.Account]*model.PlanHealth, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
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
	out := make(map[*ent.Account]*model.PlanHealth, len(page))
	for _, a := range page {
		out[a] = l.health[a.ID]
	}
	return out, nil
}

// loadHealth computes the plan health of accounts (ids in the same order)
// with a fixed set of statements: class policies (once per loader), plans,
// objectives and their measures, overdue actions, last touchpoints, team
// roles.
func (l *planLoader) loadHealth(ctx context.Context, client *ent.Client, accounts []*ent.Account, ids []int) error {
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
		h := &model.PlanHealth{MissingTeamRoles: []string{}}
		if p := chosen[a.ID]; p != nil {
			id, period, status := p.ID, p.Period, p.Status
			h.PlanID, h.PlanPeriod, h.PlanStatus = &id, &period, &status
			for _, o := range objectivesByPlan[p.ID] {
				counts, onTrack := planning.CountsOnTrack(string(o.Status), planProgressOf(l.measures[o.ID]))
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
		c := planning.CheckCadence(lastAt, cadence, l.today)
		h.DaysSinceLastTouchpoint, h.ContactOverdue = c.DaysSinceLast, c.Overdue
		l.health[a.ID] = h
	}
	return nil
}

func planProgressOf(m *model.ObjectiveMeasure) planning.Progress {
	if m == nil {
		return planning.Progress{}
	}
	return planning.Progress{OnTrack: m.OnTrack}
}
