package plans

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/accountplan"
	"github.com/summitkam/summit/ent/classpolicy"
	"github.com/summitkam/summit/ent/measure"
	"github.com/summitkam/summit/ent/objective"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/planning"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// Service does the database work of the plan operations: it loads what a
// rule needs, asks internal/planning, writes the change and its audit event
// with the same client (the caller's transaction, so both commit or roll
// back together).
//
// Refusals are *refusal.Error: NotFound when the plan (or account,
// objective …) the operation acts on is missing or invisible, Forbidden
// when the viewer may read but not change it, Conflict for a stale version
// (extensions currentVersion, currentStatus) or a change the current state
// does not allow, Invalid naming the input field ("input.title").
type Service struct {
	client *ent.Client
	now    time.Time
}

// New returns the service over client (a transaction's, for changes) with
// now as the time changes are stamped with.
func New(client *ent.Client, now time.Time) *Service {
	return &Service{client: client, now: now}
}

// planSnapshot is what the audit trail keeps of a plan's content and state.
type planSnapshot struct {
	Period            string          `json:"period"`
	PeriodStart       string          `json:"periodStart"`
	PeriodEnd         string          `json:"periodEnd"`
	Status            string          `json:"status"`
	Version           int             `json:"version"`
	StrategyStatement string          `json:"strategyStatement,omitempty"`
	SWOT              json.RawMessage `json:"swot,omitempty"`
	ClassAtCreation   string          `json:"classAtCreation,omitempty"`
}

func planSnapshotOf(p *ent.AccountPlan) planSnapshot {
	s := planSnapshot{
		Period: p.Period, PeriodStart: p.PeriodStart.Format(time.DateOnly), PeriodEnd: p.PeriodEnd.Format(time.DateOnly),
		Status: string(p.Status), Version: p.Version, StrategyStatement: p.StrategyStatement, SWOT: p.Swot,
	}
	if p.ClassAtCreation != nil {
		s.ClassAtCreation = string(*p.ClassAtCreation)
	}
	return s
}

// planStateChange is what the audit trail keeps of a transition.
type planStateChange struct {
	Status  string `json:"status"`
	Version int    `json:"version"`
}

// loadPlan returns a plan the viewer can read, with its account's class.
func (s *Service) loadPlan(ctx context.Context, field string, id int) (*ent.AccountPlan, error) {
	p, err := s.client.AccountPlan.Query().
		Where(accountplan.ID(id)).
		WithAccount(func(q *ent.AccountQuery) { q.Select(account.FieldID, account.FieldCurrentClass) }).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound(field, "plan", id)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading plan %d: %w", id, err)
	}
	return p, nil
}

// checkVersion refuses a change based on a stale read.
func checkPlanVersion(p *ent.AccountPlan, version int) error {
	if p.Version == version {
		return nil
	}
	return refusal.Conflictf("plan %d was changed since you read it: it is at version %d (%s), you sent version %d; reload and retry",
		p.ID, p.Version, p.Status, version).With("currentVersion", p.Version).With("currentStatus", string(p.Status))
}

// lostPlanUpdate explains an update that matched no row although the plan
// was readable and at the expected version a moment ago: either somebody
// changed it in between (CONFLICT) or the row-level rules narrowed the
// update away because the viewer may read but not change it (FORBIDDEN).
func (s *Service) lostPlanUpdate(ctx context.Context, id, version int) error {
	p, err := s.client.AccountPlan.Get(ctx, id)
	switch {
	case ent.IsNotFound(err):
		return notFound("", "plan", id)
	case err != nil:
		return fmt.Errorf("error reloading plan %d: %w", id, err)
	case p.Version != version:
		return checkPlanVersion(p, version)
	}
	return refusal.Forbiddenf("not allowed to change plans of account %d", p.AccountID)
}

// bumpPlan increments a plan's version, guarded by the version read: a
// change to its objectives is a change to the plan an approver signs.
func (s *Service) bumpPlan(ctx context.Context, p *ent.AccountPlan) error {
	err := s.client.AccountPlan.UpdateOneID(p.ID).Where(accountplan.Version(p.Version)).AddVersion(1).Exec(ctx)
	if ent.IsNotFound(err) {
		return s.lostPlanUpdate(ctx, p.ID, p.Version)
	}
	if err != nil {
		return fmt.Errorf("error updating plan %d: %w", p.ID, err)
	}
	return nil
}

func planViewerUserID(ctx context.Context) *int {
	if v := viewer.FromContext(ctx); v != nil && v.UserID != 0 {
		id := v.UserID
		return &id
	}
	return nil
}

func planSWOTJSON(in *planning.SWOT) (json.RawMessage, error) {
	raw, err := json.Marshal(in.Normalize())
	if err != nil {
		return nil, fmt.Errorf("error encoding a SWOT: %w", err)
	}
	return raw, nil
}

// classPolicyOf returns the policy of class, nil when there is none.
func (s *Service) classPolicyOf(ctx context.Context, class *account.CurrentClass) (*ent.ClassPolicy, error) {
	if class == nil {
		return nil, nil
	}
	pol, err := s.client.ClassPolicy.Query().Where(classpolicy.ClassEQ(classpolicy.Class(*class))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("error loading the class policy of class %s: %w", *class, err)
	}
	return pol, nil
}

func planClassAtCreation(c *account.CurrentClass) *accountplan.ClassAtCreation {
	if c == nil {
		return nil
	}
	v := accountplan.ClassAtCreation(*c)
	return &v
}

// ensurePeriodFree refuses a second plan for the same account and period.
func (s *Service) ensurePeriodFree(ctx context.Context, field string, accountID int, period string, except int) error {
	other, err := s.client.AccountPlan.Query().
		Where(accountplan.AccountID(accountID), accountplan.Period(period), accountplan.IDNEQ(except)).
		FirstID(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("error checking plans of account %d: %w", accountID, err)
	}
	return refusal.Conflictf("account %d already has a plan for %s (plan %d)", accountID, period, other).
		At(field).With("existingPlanID", other)
}

// CreatePlan starts a DRAFT plan, pre-filled from the class policy.
func (s *Service) CreatePlan(ctx context.Context, in CreatePlanInput) (*ent.AccountPlan, error) {
	period := planning.Period{Name: in.Period, Start: in.PeriodStart, End: in.PeriodEnd}
	if err := period.Check("input."); err != nil {
		return nil, err
	}
	acct, err := s.client.Account.Query().Where(account.ID(in.AccountID)).
		Select(account.FieldID, account.FieldCurrentClass).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound("input.accountID", "account", in.AccountID)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading account %d: %w", in.AccountID, err)
	}
	if err := s.ensurePeriodFree(ctx, "input.period", acct.ID, period.Name, 0); err != nil {
		return nil, err
	}
	policy, err := s.classPolicyOf(ctx, acct.CurrentClass)
	if err != nil {
		return nil, err
	}
	create := s.client.AccountPlan.Create().
		SetAccountID(acct.ID).
		SetPeriod(period.Name).SetPeriodStart(period.Start).SetPeriodEnd(period.End).
		SetNillableClassAtCreation(planClassAtCreation(acct.CurrentClass)).
		SetNillableCreatedByID(planViewerUserID(ctx))
	switch {
	case in.StrategyStatement != nil:
		create.SetStrategyStatement(strings.TrimSpace(*in.StrategyStatement))
	case policy != nil:
		create.SetStrategyStatement(policy.StrategyTemplate)
	}
	if in.Swot != nil {
		raw, err := planSWOTJSON(in.Swot)
		if err != nil {
			return nil, err
		}
		create.SetSwot(raw)
	}
	plan, err := create.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error creating plan for account %d: %w", acct.ID, err)
	}

	var templates []planning.ObjectiveTemplate
	skipped := 0
	if policy != nil && (in.ObjectivesFromTemplate == nil || *in.ObjectivesFromTemplate) {
		templates, skipped = planning.ParseObjectiveTemplates(policy.ObjectiveTemplates)
	}
	if len(templates) > 0 {
		builders := make([]*ent.ObjectiveCreate, len(templates))
		for i, t := range templates {
			builders[i] = s.client.Objective.Create().SetPlanID(plan.ID).SetTitle(t.Title).
				SetMetric(objective.Metric(t.Metric)).SetUnit(objective.Unit(t.Unit)).
				SetTargetValue(t.Target).SetWeight(t.Weight).
				SetNillableDueOn(planNilIfZero(period.End))
		}
		if err := s.client.Objective.CreateBulk(builders...).Exec(ctx); err != nil {
			return nil, fmt.Errorf("error adding template objectives to plan %d: %w", plan.ID, err)
		}
	}
	after := struct {
		planSnapshot
		TemplateObjectives int `json:"templateObjectives"`
		TemplateSkipped    int `json:"templateEntriesSkipped,omitempty"`
	}{planSnapshotOf(plan), len(templates), skipped}
	if err := audit.Record(ctx, s.client, audit.Event{EntityType: "AccountPlan", EntityID: plan.ID, Action: "plan.create", After: after}); err != nil {
		return nil, err
	}
	return plan, nil
}

// inInput names an invalid field of a rule's refusal as a field of the
// input argument: "title" becomes "input.title".
func inInput(err error) error {
	if r := refusal.As(err); r != nil && r.Kind == refusal.Invalid && r.Field != "" && !strings.Contains(r.Field, ".") {
		r.Field = "input." + r.Field
	}
	return err
}

// notFound says what an operation acts on does not exist or is not visible
// to the viewer (the two look the same on purpose); field names the
// argument that referenced it, "" for none.
func notFound(field, what string, id int) error {
	return refusal.NotFoundf(field, "%s %d not found", what, id)
}

func planNilIfZero(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// UpdatePlan edits a DRAFT or SUBMITTED plan's content.
func (s *Service) UpdatePlan(ctx context.Context, id, version int, in UpdatePlanInput) (*ent.AccountPlan, error) {
	p, err := s.loadPlan(ctx, "", id)
	if err != nil {
		return nil, err
	}
	if err := checkPlanVersion(p, version); err != nil {
		return nil, err
	}
	if in.Period == nil && in.PeriodStart == nil && in.PeriodEnd == nil && in.StrategyStatement == nil && in.Swot == nil {
		return nil, refusal.Invalidf("input", "nothing to change")
	}
	if err := planning.CheckContentEditable(planning.Status(p.Status), "the content"); err != nil {
		return nil, err
	}
	period := planning.Period{Name: p.Period, Start: p.PeriodStart, End: p.PeriodEnd}
	if in.Period != nil {
		period.Name = *in.Period
	}
	if in.PeriodStart != nil {
		period.Start = *in.PeriodStart
	}
	if in.PeriodEnd != nil {
		period.End = *in.PeriodEnd
	}
	if err := period.Check("input."); err != nil {
		return nil, err
	}
	if period.Name != p.Period {
		if err := s.ensurePeriodFree(ctx, "input.period", p.AccountID, period.Name, p.ID); err != nil {
			return nil, err
		}
	}
	update := s.client.AccountPlan.UpdateOneID(p.ID).Where(accountplan.Version(version)).AddVersion(1).
		SetPeriod(period.Name).SetPeriodStart(period.Start).SetPeriodEnd(period.End)
	if in.StrategyStatement != nil {
		update.SetStrategyStatement(strings.TrimSpace(*in.StrategyStatement))
	}
	if in.Swot != nil {
		raw, err := planSWOTJSON(in.Swot)
		if err != nil {
			return nil, err
		}
		update.SetSwot(raw)
	}
	updated, err := update.Save(ctx)
	if ent.IsNotFound(err) {
		return nil, s.lostPlanUpdate(ctx, p.ID, version)
	}
	if err != nil {
		return nil, fmt.Errorf("error updating plan %d: %w", p.ID, err)
	}
	err = audit.Record(ctx, s.client, audit.Event{EntityType: "AccountPlan", EntityID: p.ID, Action: "plan.update",
		Before: planSnapshotOf(p), After: planSnapshotOf(updated)})
	if err != nil {
		return nil, err
	}
	return updated, nil
}

// Transition moves a plan through its lifecycle (see internal/planning).
func (s *Service) Transition(ctx context.Context, id, version int, t planning.Transition, reason string) (*ent.AccountPlan, error) {
	p, err := s.loadPlan(ctx, "", id)
	if err != nil {
		return nil, err
	}
	if err := checkPlanVersion(p, version); err != nil {
		return nil, err
	}
	var current *account.CurrentClass
	if p.Edges.Account != nil {
		current = p.Edges.Account.CurrentClass
	}
	classes := []string{}
	if p.ClassAtCreation != nil {
		classes = append(classes, string(*p.ClassAtCreation))
	}
	if current != nil {
		classes = append(classes, string(*current))
	}
	v := viewer.FromContext(ctx)
	eff, err := planning.Apply(
		planning.Plan{Status: planning.Status(p.Status), Strategic: planning.IsStrategic(classes...), HasApproval: p.ApprovedAt != nil},
		planning.Request{Transition: t, Actor: planning.Actor{MayApprove: v.IsSystem() || v.HasAny(viewer.RoleAdmin, viewer.RoleExecutive)}, Reason: reason},
	)
	if err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	update := s.client.AccountPlan.UpdateOneID(p.ID).Where(accountplan.Version(version)).AddVersion(1).
		SetStatus(accountplan.Status(eff.To))
	switch t {
	case planning.Submit:
		update.SetSubmittedAt(s.now)
	case planning.Activate:
		update.SetActivatedAt(s.now)
	case planning.Close:
		update.SetClosedAt(s.now)
	}
	if eff.RecordApproval {
		update.SetApprovedAt(s.now).SetNillableApprovedByID(planViewerUserID(ctx))
	}
	if eff.ClearApproval {
		update.ClearApprovedAt().ClearApprovedByID()
	}
	if eff.SetRejectionReason {
		update.SetRejectionReason(reason)
	}
	if eff.ClearRejectionReason {
		update.ClearRejectionReason()
	}
	if eff.SetOutcome {
		update.SetOutcome(reason)
	}
	updated, err := update.Save(ctx)
	if ent.IsNotFound(err) {
		return nil, s.lostPlanUpdate(ctx, p.ID, version)
	}
	if err != nil {
		return nil, fmt.Errorf("error moving plan %d to %s: %w", p.ID, eff.To, err)
	}
	err = audit.Record(ctx, s.client, audit.Event{
		EntityType: "AccountPlan", EntityID: p.ID, Action: "plan." + string(t),
		Before: planStateChange{Status: string(eff.From), Version: p.Version},
		After:  planStateChange{Status: string(eff.To), Version: updated.Version},
		Reason: reason,
	})
	if err != nil {
		return nil, err
	}
	return updated, nil
}

// RollForward clones an ACTIVE or CLOSED plan into next period's DRAFT.
func (s *Service) RollForward(ctx context.Context, id int, name string, start, end time.Time) (*ent.AccountPlan, error) {
	src, err := s.client.AccountPlan.Query().
		Where(accountplan.ID(id)).
		WithAccount(func(q *ent.AccountQuery) { q.Select(account.FieldID, account.FieldCurrentClass) }).
		WithObjectives(func(q *ent.ObjectiveQuery) { q.Order(ent.Asc(objective.FieldID)) }).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound("", "plan", id)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading plan %d: %w", id, err)
	}
	if err := planning.CheckRollForward(planning.Status(src.Status)); err != nil {
		return nil, err
	}
	period := planning.Period{Name: name, Start: start, End: end}
	if err := period.Check(""); err != nil {
		return nil, err
	}
	if !period.Start.After(src.PeriodStart) {
		return nil, refusal.Invalidf("periodStart", "the next period must start after %s, when plan %d starts", src.PeriodStart.Format(time.DateOnly), src.ID)
	}
	if err := s.ensurePeriodFree(ctx, "period", src.AccountID, period.Name, 0); err != nil {
		return nil, err
	}
	var current *account.CurrentClass
	if src.Edges.Account != nil {
		current = src.Edges.Account.CurrentClass
	}
	create := s.client.AccountPlan.Create().
		SetAccountID(src.AccountID).
		SetPeriod(period.Name).SetPeriodStart(period.Start).SetPeriodEnd(period.End).
		SetNillableClassAtCreation(planClassAtCreation(current)).
		SetNillableCreatedByID(planViewerUserID(ctx)).
		SetStrategyStatement(src.StrategyStatement).
		SetRolledFromID(src.ID)
	if len(src.Swot) > 0 {
		create.SetSwot(src.Swot)
	}
	plan, err := create.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error rolling plan %d forward: %w", src.ID, err)
	}
	if len(src.Edges.Objectives) > 0 {
		builders := make([]*ent.ObjectiveCreate, len(src.Edges.Objectives))
		for i, o := range src.Edges.Objectives {
			b := s.client.Objective.Create().SetPlanID(plan.ID).SetTitle(o.Title).SetDescription(o.Description).
				SetMetric(o.Metric).SetUnit(o.Unit).SetTargetValue(o.TargetValue).SetWeight(o.Weight)
			if o.DueOn != nil {
				b.SetDueOn(planning.ShiftDue(*o.DueOn, src.PeriodStart, period.Start))
			}
			builders[i] = b
		}
		if err := s.client.Objective.CreateBulk(builders...).Exec(ctx); err != nil {
			return nil, fmt.Errorf("error copying the objectives of plan %d: %w", src.ID, err)
		}
	}
	after := struct {
		planSnapshot
		RolledFrom int `json:"rolledFrom"`
		Objectives int `json:"objectives"`
	}{planSnapshotOf(plan), src.ID, len(src.Edges.Objectives)}
	err = audit.Record(ctx, s.client, audit.Event{EntityType: "AccountPlan", EntityID: plan.ID, Action: "plan.roll_forward",
		After: after, Reason: fmt.Sprintf("rolled forward from plan %d (%s)", src.ID, src.Period)})
	if err != nil {
		return nil, err
	}
	return plan, nil
}

// planObjectiveSnapshot is what the audit trail keeps of an objective.
type planObjectiveSnapshot struct {
	PlanID      int    `json:"planID"`
	Title       string `json:"title"`
	Metric      string `json:"metric"`
	Unit        string `json:"unit"`
	TargetValue int64  `json:"targetValue"`
	Weight      int    `json:"weight"`
	DueOn       string `json:"dueOn,omitempty"`
	Status      string `json:"status"`
}

func planObjectiveSnapshotOf(o *ent.Objective) planObjectiveSnapshot {
	s := planObjectiveSnapshot{PlanID: o.PlanID, Title: o.Title, Metric: string(o.Metric), Unit: string(o.Unit),
		TargetValue: o.TargetValue, Weight: o.Weight, Status: string(o.Status)}
	if o.DueOn != nil {
		s.DueOn = o.DueOn.Format(time.DateOnly)
	}
	return s
}

// AddObjective adds an objective to a DRAFT or SUBMITTED plan.
func (s *Service) AddObjective(ctx context.Context, planID int, in ObjectiveInput) (*ent.Objective, error) {
	p, err := s.loadPlan(ctx, "planID", planID)
	if err != nil {
		return nil, err
	}
	if err := planning.CheckContentEditable(planning.Status(p.Status), "the objectives"); err != nil {
		return nil, err
	}
	d := planning.ObjectiveDraft{Title: in.Title, Metric: string(in.Metric), Target: int64(in.TargetValue), Weight: in.Weight}
	if in.Unit != nil {
		d.Unit = string(*in.Unit)
	}
	if err := d.Check(); err != nil {
		return nil, inInput(err)
	}
	create := s.client.Objective.Create().SetPlanID(p.ID).SetTitle(d.Title).
		SetMetric(objective.Metric(d.Metric)).SetUnit(objective.Unit(d.Unit)).
		SetTargetValue(d.Target).SetWeight(d.Weight)
	if in.Description != nil {
		create.SetDescription(strings.TrimSpace(*in.Description))
	}
	if in.DueOn != nil {
		create.SetDueOn(planning.Day(*in.DueOn))
	}
	o, err := create.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error adding an objective to plan %d: %w", p.ID, err)
	}
	if err := s.bumpPlan(ctx, p); err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, s.client, audit.Event{EntityType: "Objective", EntityID: o.ID, Action: "objective.add", After: planObjectiveSnapshotOf(o)}); err != nil {
		return nil, err
	}
	return o, nil
}

// loadObjective returns an objective the viewer can read, with its plan.
func (s *Service) loadObjective(ctx context.Context, field string, id int) (*ent.Objective, error) {
	o, err := s.client.Objective.Query().Where(objective.ID(id)).WithPlan().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound(field, "objective", id)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading objective %d: %w", id, err)
	}
	return o, nil
}

// UpdateObjective changes an objective's definition (DRAFT or SUBMITTED
// plans) or status (until the plan is CLOSED).
func (s *Service) UpdateObjective(ctx context.Context, id int, in UpdateObjectiveInput) (*ent.Objective, error) {
	o, err := s.loadObjective(ctx, "", id)
	if err != nil {
		return nil, err
	}
	p := o.Edges.Plan
	redefines := in.Title != nil || in.Description != nil || in.Metric != nil || in.Unit != nil ||
		in.TargetValue != nil || in.Weight != nil || in.DueOn != nil || (in.ClearDueOn != nil && *in.ClearDueOn)
	if !redefines && in.Status == nil {
		return nil, refusal.Invalidf("input", "nothing to change")
	}
	if redefines {
		if err := planning.CheckContentEditable(planning.Status(p.Status), "the objectives"); err != nil {
			return nil, err
		}
	}
	if in.Status != nil {
		if err := planning.CheckTrackObjectives(planning.Status(p.Status)); err != nil {
			return nil, err
		}
	}
	d := planning.ObjectiveDraft{Title: o.Title, Metric: string(o.Metric), Unit: string(o.Unit), Target: o.TargetValue, Weight: o.Weight}
	if in.Title != nil {
		d.Title = *in.Title
	}
	if in.Metric != nil {
		d.Metric = string(*in.Metric)
		if in.Unit == nil {
			d.Unit = "" // follow the new metric's unit
		}
	}
	if in.Unit != nil {
		d.Unit = string(*in.Unit)
	}
	if in.TargetValue != nil {
		d.Target = int64(*in.TargetValue)
	}
	if in.Weight != nil {
		d.Weight = *in.Weight
	}
	if err := d.Check(); err != nil {
		return nil, inInput(err)
	}
	update := s.client.Objective.UpdateOneID(o.ID).SetTitle(d.Title).
		SetMetric(objective.Metric(d.Metric)).SetUnit(objective.Unit(d.Unit)).
		SetTargetValue(d.Target).SetWeight(d.Weight)
	if in.Description != nil {
		update.SetDescription(strings.TrimSpace(*in.Description))
	}
	switch {
	case in.ClearDueOn != nil && *in.ClearDueOn:
		update.ClearDueOn()
	case in.DueOn != nil:
		update.SetDueOn(planning.Day(*in.DueOn))
	}
	if in.Status != nil {
		update.SetStatus(*in.Status)
	}
	updated, err := update.Save(ctx)
	if ent.IsNotFound(err) {
		return nil, refusal.Forbiddenf("not allowed to change plans of account %d", p.AccountID)
	}
	if err != nil {
		return nil, fmt.Errorf("error updating objective %d: %w", o.ID, err)
	}
	if err := s.bumpPlan(ctx, p); err != nil {
		return nil, err
	}
	err = audit.Record(ctx, s.client, audit.Event{EntityType: "Objective", EntityID: o.ID, Action: "objective.update",
		Before: planObjectiveSnapshotOf(o), After: planObjectiveSnapshotOf(updated)})
	if err != nil {
		return nil, err
	}
	return updated, nil
}

// RemoveObjective deletes an objective of a DRAFT or SUBMITTED plan with its
// readings; actions linked to it are unlinked by the foreign key.
func (s *Service) RemoveObjective(ctx context.Context, id int, reason string) (int, error) {
	o, err := s.loadObjective(ctx, "", id)
	if err != nil {
		return 0, err
	}
	p := o.Edges.Plan
	if err := planning.CheckContentEditable(planning.Status(p.Status), "the objectives"); err != nil {
		return 0, err
	}
	// Bump first: a viewer who may not change the plan is refused here,
	// before anything is deleted.
	if err := s.bumpPlan(ctx, p); err != nil {
		return 0, err
	}
	if _, err := s.client.Measure.Delete().Where(measure.ObjectiveID(o.ID)).Exec(ctx); err != nil {
		return 0, fmt.Errorf("error removing the readings of objective %d: %w", o.ID, err)
	}
	if err := s.client.Objective.DeleteOneID(o.ID).Exec(ctx); err != nil {
		if ent.IsNotFound(err) {
			return 0, refusal.Forbiddenf("not allowed to change plans of account %d", p.AccountID)
		}
		return 0, fmt.Errorf("error removing objective %d: %w", o.ID, err)
	}
	err = audit.Record(ctx, s.client, audit.Event{EntityType: "Objective", EntityID: o.ID, Action: "objective.remove",
		Before: planObjectiveSnapshotOf(o), Reason: strings.TrimSpace(reason)})
	if err != nil {
		return 0, err
	}
	return o.ID, nil
}
