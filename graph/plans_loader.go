package graph

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/graph/model"
	"github.com/summitkam/summit/internal/planning"
	"github.com/summitkam/summit/internal/plans"
)

// Objective.measure and Account.planHealth are pageLoaders (loader.go): the
// first item of a list to ask loads for its siblings in the parent list
// gqlgen already resolved (a page of accounts, a plan's objectives, the
// objectives of a page of plans), and internal/plans computes them for the
// whole page with one set-based statement per fact.

// planLoader is one operation's plan facts (a plans.Monitor, which keeps
// them by id) shared by its two page loaders: plan health computes the
// measures of the objectives it counts.
type planLoader struct {
	mu      sync.Mutex // held while computing: the monitor is shared
	monitor *plans.Monitor

	// The page loaders key by the object gqlgen resolves, not its id: the
	// fetch needs it whole (an account's class, an objective's plan and
	// metric), and it is the element of the list its siblings come from.
	healthPages  *pageLoader[*ent.Account, *model.PlanHealth]
	measurePages *pageLoader[*ent.Objective, *model.ObjectiveMeasure]
}

func newPlanLoader() *planLoader {
	l := &planLoader{monitor: plans.NewMonitor(time.Now())}
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

// measureOf answers Objective.measure for obj, loaded with its siblings.
func (l *planLoader) measureOf(ctx context.Context, client *ent.Client, obj *ent.Objective) (*model.ObjectiveMeasure, error) {
	m, _, err := l.measurePages.load(ctx, client, obj)
	return m, err
}

// measureOfPage is the fetch of measurePages.
func (l *planLoader) measureOfPage(ctx context.Context, client *ent.Client, objs []*ent.Objective) (map[*ent.Objective]*model.ObjectiveMeasure, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	measures, err := l.monitor.Measures(ctx, client, objs)
	if err != nil {
		return nil, err
	}
	out := make(map[*ent.Objective]*model.ObjectiveMeasure, len(objs))
	for _, o := range objs {
		out[o] = measureModel(measures[o.ID])
	}
	return out, nil
}

// healthOf answers Account.planHealth for obj, loaded with its siblings.
func (l *planLoader) healthOf(ctx context.Context, client *ent.Client, obj *ent.Account) (*model.PlanHealth, error) {
	h, _, err := l.healthPages.load(ctx, client, obj)
	return h, err
}

// healthOfPage is the fetch of healthPages.
func (l *planLoader) healthOfPage(ctx context.Context, client *ent.Client, page []*ent.Account) (map[*ent.Account]*model.PlanHealth, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	health, err := l.monitor.Health(ctx, client, page)
	if err != nil {
		return nil, err
	}
	out := make(map[*ent.Account]*model.PlanHealth, len(page))
	for _, a := range page {
		out[a] = healthModel(health[a.ID])
	}
	return out, nil
}

var measureSources = map[planning.Source]model.ObjectiveMeasureSource{
	planning.SourceOrders:      model.ObjectiveMeasureSourceOrders,
	planning.SourceCollections: model.ObjectiveMeasureSourceCollections,
	planning.SourceManual:      model.ObjectiveMeasureSourceManual,
}

func measureModel(m *plans.Measure) *model.ObjectiveMeasure {
	if m == nil {
		return nil
	}
	return &model.ObjectiveMeasure{
		Actual: int(m.Actual), Target: int(m.Target), PercentDone: m.PercentDone,
		ElapsedShare: m.ElapsedShare, ExpectedToDate: int(m.Expected), OnTrack: m.OnTrack,
		Source: measureSources[m.Source], AsOf: m.AsOf,
	}
}

func healthModel(h *plans.Health) *model.PlanHealth {
	if h == nil {
		return nil
	}
	out := &model.PlanHealth{
		ObjectivesOnTrack: h.ObjectivesOnTrack, ObjectivesTotal: h.ObjectivesTotal,
		OverdueActions: h.OverdueActions, LastTouchpointAt: h.LastTouchpointAt,
		ContactCadenceDays: h.ContactCadenceDays, MissingTeamRoles: h.MissingTeamRoles,
		DaysSinceLastTouchpoint: h.Cadence.DaysSinceLast, ContactOverdue: h.Cadence.Overdue,
	}
	if p := h.Plan; p != nil {
		id, period, status := p.ID, p.Period, p.Status
		out.PlanID, out.PlanPeriod, out.PlanStatus = &id, &period, &status
	}
	return out
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
