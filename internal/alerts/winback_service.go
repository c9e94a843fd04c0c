package alerts

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/accountplan"
	"github.com/summitkam/summit/ent/privacy"
	"github.com/summitkam/summit/ent/user"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/planning"
	"github.com/summitkam/summit/internal/refusal"
)

// WinBack is what startWinBack did (GraphQL StartWinBackPayload).
type WinBack struct {
	Alert *ent.ChurnAlert
	Plan  *ent.AccountPlan
	// PlanCreated is true when a win-back DRAFT plan was made for it.
	PlanCreated bool
	Actions     []*ent.Action
}

// StartWinBack starts the win-back of an open alert: it puts the win-back
// actions (the template, or in.Actions) on a plan of the alert's account,
// owned by the alert's owner unless an action names another, and records
// the plan and start on the alert, acknowledging it if nobody had. The plan
// is in.PlanID, else the account's ACTIVE plan, else an open win-back draft
// of an earlier win-back, else a new DRAFT win-back plan (plan.create).
// Audited as alert.win_back, with action.create per action.
func StartWinBack(ctx context.Context, client *ent.Client, alertID int, in WinBackInput, now time.Time) (*WinBack, error) {
	a, err := load(ctx, client, "alertID", alertID)
	if err != nil {
		return nil, err
	}
	c, err := DecideWinBack(ruleView(a))
	if err != nil {
		return nil, err
	}
	today := planning.Day(now)
	class := ""
	if a.Edges.Account != nil && a.Edges.Account.CurrentClass != nil {
		class = string(*a.Edges.Account.CurrentClass)
	}
	signals := SignalCodes(ParseSignals(a.Signals))
	var drafts []ActionDraft
	if in.Actions != nil {
		if drafts, err = CheckActions(in.Actions, today); err != nil {
			return nil, err
		}
		if err := checkOwners(ctx, client, in.Actions); err != nil {
			return nil, err
		}
	} else {
		drafts = WinBackTemplate(TemplateFacts{AlertID: a.ID, Class: class, Signals: signals, Today: today})
	}
	plan, err := pickPlan(ctx, client, a.AccountID, in.PlanID)
	if err != nil {
		return nil, err
	}

	// Claim the alert first: a stale read or a viewer who may not change it
	// is refused before anything is created.
	if _, err := apply(ctx, client, a, c, now, func(u *ent.ChurnAlertUpdateOne) { u.SetWinBackStartedAt(now) }); err != nil {
		return nil, err
	}
	created := plan == nil
	if created {
		if plan, err = createWinBackPlan(ctx, client, a, class, signals, today); err != nil {
			return nil, err
		}
	}
	owner := defaultOwner(ctx, a)
	actions, err := createActions(ctx, client, a.AccountID, plan.ID, drafts, owner)
	if err != nil {
		return nil, err
	}
	updated, err := client.ChurnAlert.UpdateOneID(a.ID).SetWinBackPlanID(plan.ID).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error recording plan %d on churn alert %d: %w", plan.ID, a.ID, err)
	}
	ids := make([]int, len(actions))
	for i, act := range actions {
		ids[i] = act.ID
	}
	after := struct {
		snapshot
		PlanCreated bool  `json:"planCreated"`
		ActionIDs   []int `json:"actionIDs"`
	}{snapshotOf(updated), created, ids}
	reason := fmt.Sprintf("win-back on plan %d (%s) with %d actions", plan.ID, plan.Period, len(actions))
	if err := record(ctx, client, a.ID, "alert.win_back", snapshotOf(a), after, reason); err != nil {
		return nil, err
	}
	return &WinBack{Alert: updated, Plan: plan, PlanCreated: created, Actions: actions}, nil
}

// defaultOwner is who owns a win-back action nobody was named for: the
// alert's owner, else the account's owner, else the viewer.
func defaultOwner(ctx context.Context, a *ent.ChurnAlert) *int {
	if a.OwnerID != nil {
		return a.OwnerID
	}
	if a.Edges.Account != nil && a.Edges.Account.OwnerID != nil {
		return a.Edges.Account.OwnerID
	}
	return actorID(ctx)
}

// checkOwners refuses action owners that are not members of staff.
func checkOwners(ctx context.Context, client *ent.Client, in []WinBackActionInput) error {
	var ids []int
	for _, a := range in {
		if a.OwnerID != nil && !slices.Contains(ids, *a.OwnerID) {
			ids = append(ids, *a.OwnerID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	found, err := client.User.Query().Where(user.IDIn(ids...)).IDs(ctx)
	if err != nil {
		return fmt.Errorf("error checking action owners: %w", err)
	}
	for i, a := range in {
		if a.OwnerID != nil && !slices.Contains(found, *a.OwnerID) {
			return invalid(fmt.Sprintf("input.actions[%d].ownerID", i), fmt.Sprintf("user %d does not exist", *a.OwnerID))
		}
	}
	return nil
}

// pickPlan returns the plan a win-back's actions go on, nil when a new
// win-back plan must be made.
func pickPlan(ctx context.Context, client *ent.Client, accountID int, planID *int) (*ent.AccountPlan, error) {
	if planID != nil {
		p, err := client.AccountPlan.Get(ctx, *planID)
		if ent.IsNotFound(err) {
			return nil, &refusal.Error{Kind: refusal.NotFound, Field: "input.planID", Message: fmt.Sprintf("plan %d not found", *planID)}
		}
		if err != nil {
			return nil, fmt.Errorf("error loading plan %d: %w", *planID, err)
		}
		if p.AccountID != accountID {
			return nil, invalid("input.planID", fmt.Sprintf("plan %d belongs to account %d, not to the alert's account %d", p.ID, p.AccountID, accountID))
		}
		if err := planning.CheckAcceptsActions(planning.Status(p.Status)); err != nil {
			return nil, err
		}
		return p, nil
	}
	active, err := client.AccountPlan.Query().
		Where(accountplan.AccountID(accountID), accountplan.StatusEQ(accountplan.StatusACTIVE)).
		Order(accountplan.ByPeriodStart(sqlDesc()), accountplan.ByID(sqlDesc())).
		First(ctx)
	if err == nil {
		return active, nil
	}
	if !ent.IsNotFound(err) {
		return nil, fmt.Errorf("error loading the active plan of account %d: %w", accountID, err)
	}
	earlier, err := client.AccountPlan.Query().
		Where(accountplan.AccountID(accountID), accountplan.StatusNEQ(accountplan.StatusCLOSED),
			accountplan.PeriodHasPrefix(WinBackPeriodPrefix)).
		Order(accountplan.ByPeriodStart(sqlDesc()), accountplan.ByID(sqlDesc())).
		First(ctx)
	if err == nil {
		return earlier, nil
	}
	if !ent.IsNotFound(err) {
		return nil, fmt.Errorf("error loading win-back plans of account %d: %w", accountID, err)
	}
	return nil, nil
}

// planSnapshot is what the audit trail keeps of a new win-back plan.
type planSnapshot struct {
	Period            string `json:"period"`
	PeriodStart       string `json:"periodStart"`
	PeriodEnd         string `json:"periodEnd"`
	Status            string `json:"status"`
	Version           int    `json:"version"`
	StrategyStatement string `json:"strategyStatement,omitempty"`
	ClassAtCreation   string `json:"classAtCreation,omitempty"`
	WinBackForAlert   int    `json:"winBackForAlert"`
}

// createWinBackPlan starts a DRAFT win-back plan, as createPlan would: the
// class recorded at creation, the creator, one plan per account and period.
// It then follows the plan lifecycle like any other (an S/A plan needs an
// executive's approval before it is activated).
func createWinBackPlan(ctx context.Context, client *ent.Client, a *ent.ChurnAlert, class string, signals []string, today time.Time) (*ent.AccountPlan, error) {
	period := WinBackPeriod(today)
	if err := period.Check(""); err != nil {
		return nil, err
	}
	taken, err := client.AccountPlan.Query().Where(accountplan.AccountID(a.AccountID), accountplan.Period(period.Name)).Exist(ctx)
	if err != nil {
		return nil, fmt.Errorf("error checking plans of account %d: %w", a.AccountID, err)
	}
	if taken {
		return nil, conflictf("account %d already has a closed plan named %q: start the win-back on another plan (input.planID)", a.AccountID, period.Name)
	}
	create := client.AccountPlan.Create().SetAccountID(a.AccountID).
		SetPeriod(period.Name).SetPeriodStart(period.Start).SetPeriodEnd(period.End).
		SetStrategyStatement(WinBackStrategy(a.ID, signals)).
		SetNillableCreatedByID(actorID(ctx))
	if class != "" {
		create.SetClassAtCreation(accountplan.ClassAtCreation(class))
	}
	p, err := create.Save(ctx)
	if errors.Is(err, privacy.Deny) {
		return nil, forbidden(a.AccountID)
	}
	if err != nil {
		return nil, fmt.Errorf("error creating a win-back plan for account %d: %w", a.AccountID, err)
	}
	after := planSnapshot{Period: p.Period, PeriodStart: p.PeriodStart.Format(time.DateOnly), PeriodEnd: p.PeriodEnd.Format(time.DateOnly),
		Status: string(p.Status), Version: p.Version, StrategyStatement: p.StrategyStatement, ClassAtCreation: class, WinBackForAlert: a.ID}
	err = audit.Record(ctx, client, audit.Event{EntityType: "AccountPlan", EntityID: p.ID, Action: "plan.create",
		After: after, Reason: fmt.Sprintf("win-back for churn alert %d", a.ID)})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// actionSnapshot is what the audit trail keeps of an action (the same shape
// as the plans API's action.create events).
type actionSnapshot struct {
	AccountID int    `json:"accountID"`
	PlanID    *int   `json:"planID,omitempty"`
	Title     string `json:"title"`
	OwnerID   *int   `json:"ownerID,omitempty"`
	DueOn     string `json:"dueOn,omitempty"`
	Status    string `json:"status"`
}

// createActions creates the drafts on plan planID in one statement, each
// audited as action.create.
func createActions(ctx context.Context, client *ent.Client, accountID, planID int, drafts []ActionDraft, owner *int) ([]*ent.Action, error) {
	builders := make([]*ent.ActionCreate, len(drafts))
	for i, d := range drafts {
		o := owner
		if d.OwnerID != nil {
			o = d.OwnerID
		}
		builders[i] = client.Action.Create().SetAccountID(accountID).SetPlanID(planID).
			SetTitle(d.Title).SetDescription(d.Description).SetDueOn(d.DueOn).SetNillableOwnerID(o)
	}
	actions, err := client.Action.CreateBulk(builders...).Save(ctx)
	if errors.Is(err, privacy.Deny) {
		return nil, forbidden(accountID)
	}
	if err != nil {
		return nil, fmt.Errorf("error creating win-back actions on plan %d: %w", planID, err)
	}
	for _, act := range actions {
		s := actionSnapshot{AccountID: act.AccountID, PlanID: act.PlanID, Title: act.Title, OwnerID: act.OwnerID, Status: string(act.Status)}
		if act.DueOn != nil {
			s.DueOn = act.DueOn.Format(time.DateOnly)
		}
		if err := audit.Record(ctx, client, audit.Event{EntityType: "Action", EntityID: act.ID, Action: "action.create", After: s}); err != nil {
			return nil, err
		}
	}
	return actions, nil
}

// forbidden is the refusal of a privacy denial while adding the plan or
// its actions. Actions are account data: the account's owner, team members
// with EDIT access and admins add them, executives only on their own
// accounts.
func forbidden(accountID int) error {
	return &refusal.Error{Kind: refusal.Forbidden, Message: fmt.Sprintf(
		"not allowed to add win-back actions to account %d: only its owner, team members with EDIT access and admins may", accountID)}
}

func sqlDesc() sql.OrderTermOption { return sql.OrderDesc() }
