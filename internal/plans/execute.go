package plans

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/action"
	"github.com/summitkam/summit/ent/contact"
	"github.com/summitkam/summit/ent/touchpoint"
	"github.com/summitkam/summit/ent/user"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/planning"
	"github.com/summitkam/summit/internal/refusal"
)

// The execute half of the loop: actions and touchpoints. Both are account
// data (rule.AccountDataPolicy): whoever may change the account's data may
// record them; executives read them but change only their own accounts'.

// planActionSnapshot is what the audit trail keeps of an action.
type planActionSnapshot struct {
	AccountID   int    `json:"accountID"`
	PlanID      *int   `json:"planID,omitempty"`
	ObjectiveID *int   `json:"objectiveID,omitempty"`
	Title       string `json:"title"`
	OwnerID     *int   `json:"ownerID,omitempty"`
	DueOn       string `json:"dueOn,omitempty"`
	Status      string `json:"status"`
}

func planActionSnapshotOf(a *ent.Action) planActionSnapshot {
	s := planActionSnapshot{AccountID: a.AccountID, PlanID: a.PlanID, ObjectiveID: a.ObjectiveID, Title: a.Title, OwnerID: a.OwnerID, Status: string(a.Status)}
	if a.DueOn != nil {
		s.DueOn = a.DueOn.Format(time.DateOnly)
	}
	return s
}

func planCheckTitle(field, title string) (string, error) {
	title = strings.TrimSpace(title)
	switch {
	case title == "":
		return "", refusal.Invalidf(field, "a title is required")
	case len([]rune(title)) > 300:
		return "", refusal.Invalidf(field, "at most 300 characters")
	}
	return title, nil
}

// checkUsers refuses ids that are not members of staff.
func (s *Service) checkUsers(ctx context.Context, field string, ids []int) error {
	if len(ids) == 0 {
		return nil
	}
	found, err := s.client.User.Query().Where(user.IDIn(ids...)).IDs(ctx)
	if err != nil {
		return fmt.Errorf("error checking users: %w", err)
	}
	for _, id := range ids {
		if !slices.Contains(found, id) {
			return refusal.Invalidf(field, "user %d does not exist", id)
		}
	}
	return nil
}

// planActionLinks is where an action belongs: its account, and optionally a plan
// and an objective of that plan.
type planActionLinks struct {
	accountID   int
	planID      *int
	objectiveID *int
}

// resolveActionLinks checks that account, plan and objective agree, loading
// what was named, and refuses a closed plan. current holds the action's
// links before the change (zero for a new action); field names are relative
// to "input.".
func (s *Service) resolveActionLinks(ctx context.Context, current planActionLinks, accountID, planID, objectiveID *int) (planActionLinks, error) {
	links := current
	if accountID != nil {
		links.accountID = *accountID
	}
	if objectiveID != nil {
		o, err := s.loadObjective(ctx, "input.objectiveID", *objectiveID)
		if err != nil {
			return links, err
		}
		if planID != nil && *planID != o.PlanID {
			return links, refusal.Invalidf("input.objectiveID", "objective %d belongs to plan %d, not plan %d", o.ID, o.PlanID, *planID)
		}
		pid := o.PlanID
		planID = &pid
		links.objectiveID = &o.ID
	}
	if planID != nil {
		p, err := s.loadPlan(ctx, "input.planID", *planID)
		if err != nil {
			return links, err
		}
		switch {
		case accountID != nil && *accountID != p.AccountID:
			return links, refusal.Invalidf("input.accountID", "plan %d belongs to account %d, not account %d", p.ID, p.AccountID, *accountID)
		case accountID == nil && links.accountID != 0 && links.accountID != p.AccountID:
			field := "input.planID"
			if objectiveID != nil {
				field = "input.objectiveID"
			}
			return links, refusal.Invalidf(field, "plan %d belongs to account %d, not to the action's account %d", p.ID, p.AccountID, links.accountID)
		}
		if err := planning.CheckAcceptsActions(planning.Status(p.Status)); err != nil {
			return links, err
		}
		links.accountID = p.AccountID
		links.planID = &p.ID
		if links.objectiveID != nil && objectiveID == nil {
			// The plan changed under a linked objective of another plan.
			o, err := s.client.Objective.Get(ctx, *links.objectiveID)
			if err == nil && o.PlanID != p.ID {
				links.objectiveID = nil
			}
		}
	}
	if links.accountID == 0 {
		return links, refusal.Invalidf("input.accountID", "an account is required unless planID or objectiveID is given")
	}
	return links, nil
}

// CreateAction records an action on an account.
func (s *Service) CreateAction(ctx context.Context, in CreateActionInput) (*ent.Action, error) {
	title, err := planCheckTitle("input.title", in.Title)
	if err != nil {
		return nil, err
	}
	links, err := s.resolveActionLinks(ctx, planActionLinks{}, in.AccountID, in.PlanID, in.ObjectiveID)
	if err != nil {
		return nil, err
	}
	if in.PlanID == nil && in.ObjectiveID == nil {
		ok, err := s.client.Account.Query().Where(account.ID(links.accountID)).Exist(ctx)
		if err != nil {
			return nil, fmt.Errorf("error loading account %d: %w", links.accountID, err)
		}
		if !ok {
			return nil, notFound("input.accountID", "account", links.accountID)
		}
	}
	if in.OwnerID != nil {
		if err := s.checkUsers(ctx, "input.ownerID", []int{*in.OwnerID}); err != nil {
			return nil, err
		}
	}
	create := s.client.Action.Create().SetAccountID(links.accountID).SetTitle(title).
		SetNillablePlanID(links.planID).SetNillableObjectiveID(links.objectiveID).
		SetNillableOwnerID(in.OwnerID).SetNillableStatus(in.Status)
	if in.Description != nil {
		create.SetDescription(strings.TrimSpace(*in.Description))
	}
	if in.DueOn != nil {
		create.SetDueOn(planning.Day(*in.DueOn))
	}
	if in.Status != nil && *in.Status == action.StatusDONE {
		create.SetCompletedAt(s.now)
	}
	a, err := create.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error creating an action on account %d: %w", links.accountID, err)
	}
	if err := audit.Record(ctx, s.client, audit.Event{EntityType: "Action", EntityID: a.ID, Action: "action.create", After: planActionSnapshotOf(a)}); err != nil {
		return nil, err
	}
	return a, nil
}

func (s *Service) loadAction(ctx context.Context, id int) (*ent.Action, error) {
	a, err := s.client.Action.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, notFound("", "action", id)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading action %d: %w", id, err)
	}
	return a, nil
}

// UpdateAction changes an action.
func (s *Service) UpdateAction(ctx context.Context, id int, in UpdateActionInput) (*ent.Action, error) {
	a, err := s.loadAction(ctx, id)
	if err != nil {
		return nil, err
	}
	isSet := func(b *bool) bool { return b != nil && *b }
	if in.Title == nil && in.Description == nil && in.OwnerID == nil && !isSet(in.ClearOwner) && in.DueOn == nil &&
		!isSet(in.ClearDueOn) && in.Status == nil && in.PlanID == nil && !isSet(in.ClearPlan) && in.ObjectiveID == nil && !isSet(in.ClearObjective) {
		return nil, refusal.Invalidf("input", "nothing to change")
	}
	update := s.client.Action.UpdateOneID(a.ID)
	if in.Title != nil {
		title, err := planCheckTitle("input.title", *in.Title)
		if err != nil {
			return nil, err
		}
		update.SetTitle(title)
	}
	if in.Description != nil {
		update.SetDescription(strings.TrimSpace(*in.Description))
	}
	switch {
	case isSet(in.ClearOwner):
		update.ClearOwnerID()
	case in.OwnerID != nil:
		if err := s.checkUsers(ctx, "input.ownerID", []int{*in.OwnerID}); err != nil {
			return nil, err
		}
		update.SetOwnerID(*in.OwnerID)
	}
	switch {
	case isSet(in.ClearDueOn):
		update.ClearDueOn()
	case in.DueOn != nil:
		update.SetDueOn(planning.Day(*in.DueOn))
	}
	if in.PlanID != nil || in.ObjectiveID != nil {
		links, err := s.resolveActionLinks(ctx, planActionLinks{accountID: a.AccountID, planID: a.PlanID, objectiveID: a.ObjectiveID}, nil, in.PlanID, in.ObjectiveID)
		if err != nil {
			return nil, err
		}
		update.SetNillablePlanID(links.planID).SetNillableObjectiveID(links.objectiveID)
		if links.objectiveID == nil {
			update.ClearObjectiveID()
		}
	}
	if isSet(in.ClearPlan) {
		update.ClearPlanID().ClearObjectiveID()
	}
	if isSet(in.ClearObjective) {
		update.ClearObjectiveID()
	}
	if in.Status != nil && *in.Status != a.Status {
		update.SetStatus(*in.Status)
		if *in.Status == action.StatusDONE {
			update.SetCompletedAt(s.now)
		} else {
			update.ClearCompletedAt()
		}
	}
	updated, err := update.Save(ctx)
	if ent.IsNotFound(err) {
		return nil, refusal.Forbiddenf("not allowed to change data of account %d", a.AccountID)
	}
	if err != nil {
		return nil, fmt.Errorf("error updating action %d: %w", a.ID, err)
	}
	err = audit.Record(ctx, s.client, audit.Event{EntityType: "Action", EntityID: a.ID, Action: "action.update",
		Before: planActionSnapshotOf(a), After: planActionSnapshotOf(updated)})
	if err != nil {
		return nil, err
	}
	return updated, nil
}

// CompleteAction marks an open, in-progress or blocked action DONE.
func (s *Service) CompleteAction(ctx context.Context, id int) (*ent.Action, error) {
	a, err := s.loadAction(ctx, id)
	if err != nil {
		return nil, err
	}
	if a.Status == action.StatusDONE || a.Status == action.StatusCANCELLED {
		return nil, refusal.Conflictf("cannot complete an action that is %s: only OPEN, IN_PROGRESS or BLOCKED actions become DONE", a.Status).
			With("currentStatus", string(a.Status))
	}
	updated, err := s.client.Action.UpdateOneID(a.ID).Where(action.StatusEQ(a.Status)).
		SetStatus(action.StatusDONE).SetCompletedAt(s.now).Save(ctx)
	if ent.IsNotFound(err) {
		return nil, refusal.Forbiddenf("not allowed to change data of account %d", a.AccountID)
	}
	if err != nil {
		return nil, fmt.Errorf("error completing action %d: %w", a.ID, err)
	}
	err = audit.Record(ctx, s.client, audit.Event{EntityType: "Action", EntityID: a.ID, Action: "action.complete",
		Before: planActionSnapshotOf(a), After: planActionSnapshotOf(updated)})
	if err != nil {
		return nil, err
	}
	return updated, nil
}

// planTouchpointSnapshot is what the audit trail keeps of a touchpoint.
type planTouchpointSnapshot struct {
	AccountID  int       `json:"accountID"`
	Kind       string    `json:"kind"`
	OccurredAt time.Time `json:"occurredAt"`
	StaffIDs   []int     `json:"staffIDs"`
	ContactIDs []int     `json:"contactIDs"`
	NextStep   string    `json:"nextStep,omitempty"`
	NextDueOn  string    `json:"nextStepDueOn,omitempty"`
}

func planTouchpointSnapshotOf(t *ent.Touchpoint, staff, contacts []int) planTouchpointSnapshot {
	s := planTouchpointSnapshot{AccountID: t.AccountID, Kind: string(t.Kind), OccurredAt: t.OccurredAt, StaffIDs: staff, ContactIDs: contacts, NextStep: t.NextStep}
	if s.StaffIDs == nil {
		s.StaffIDs = []int{}
	}
	if s.ContactIDs == nil {
		s.ContactIDs = []int{}
	}
	if t.NextStepDueOn != nil {
		s.NextDueOn = t.NextStepDueOn.Format(time.DateOnly)
	}
	return s
}

func planDedupe(ids []int) []int {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// checkContacts refuses contacts that are not the account's own.
func (s *Service) checkContacts(ctx context.Context, field string, accountID int, ids []int) error {
	if len(ids) == 0 {
		return nil
	}
	found, err := s.client.Contact.Query().Where(contact.IDIn(ids...), contact.AccountID(accountID)).IDs(ctx)
	if err != nil {
		return fmt.Errorf("error checking contacts of account %d: %w", accountID, err)
	}
	for _, id := range ids {
		if !slices.Contains(found, id) {
			return refusal.Invalidf(field, "contact %d is not a contact of account %d", id, accountID)
		}
	}
	return nil
}

// LogTouchpoint records a touchpoint with its participants.
func (s *Service) LogTouchpoint(ctx context.Context, in LogTouchpointInput) (*ent.Touchpoint, error) {
	ok, err := s.client.Account.Query().Where(account.ID(in.AccountID)).Exist(ctx)
	if err != nil {
		return nil, fmt.Errorf("error loading account %d: %w", in.AccountID, err)
	}
	if !ok {
		return nil, notFound("input.accountID", "account", in.AccountID)
	}
	if in.OccurredAt.IsZero() {
		return nil, refusal.Invalidf("input.occurredAt", "when the touchpoint happened is required")
	}
	staff, contacts := planDedupe(in.StaffIDs), planDedupe(in.ContactIDs)
	if err := s.checkContacts(ctx, "input.contactIDs", in.AccountID, contacts); err != nil {
		return nil, err
	}
	if err := s.checkUsers(ctx, "input.staffIDs", staff); err != nil {
		return nil, err
	}
	create := s.client.Touchpoint.Create().SetAccountID(in.AccountID).SetKind(in.Kind).SetOccurredAt(in.OccurredAt).
		SetNillableCreatedByID(planViewerUserID(ctx)).AddStaffIDs(staff...).AddContactIDs(contacts...)
	if in.Summary != nil {
		create.SetSummary(strings.TrimSpace(*in.Summary))
	}
	if in.NextStep != nil {
		create.SetNextStep(strings.TrimSpace(*in.NextStep))
	}
	if in.NextStepDueOn != nil {
		create.SetNextStepDueOn(planning.Day(*in.NextStepDueOn))
	}
	t, err := create.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error logging a touchpoint on account %d: %w", in.AccountID, err)
	}
	err = audit.Record(ctx, s.client, audit.Event{EntityType: "Touchpoint", EntityID: t.ID, Action: "touchpoint.log",
		After: planTouchpointSnapshotOf(t, staff, contacts)})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// UpdateTouchpoint changes a touchpoint; given participant lists replace
// the old ones.
func (s *Service) UpdateTouchpoint(ctx context.Context, id int, in EditTouchpointInput) (*ent.Touchpoint, error) {
	t, err := s.client.Touchpoint.Query().Where(touchpoint.ID(id)).
		WithStaff(func(q *ent.UserQuery) { q.Select(user.FieldID) }).
		WithContacts(func(q *ent.ContactQuery) { q.Select(contact.FieldID) }).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, notFound("", "touchpoint", id)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading touchpoint %d: %w", id, err)
	}
	clearDue := in.ClearNextStepDueOn != nil && *in.ClearNextStepDueOn
	if in.Kind == nil && in.OccurredAt == nil && in.StaffIDs == nil && in.ContactIDs == nil && in.Summary == nil &&
		in.NextStep == nil && in.NextStepDueOn == nil && !clearDue {
		return nil, refusal.Invalidf("input", "nothing to change")
	}
	oldStaff, oldContacts := []int{}, []int{}
	for _, u := range t.Edges.Staff {
		oldStaff = append(oldStaff, u.ID)
	}
	for _, c := range t.Edges.Contacts {
		oldContacts = append(oldContacts, c.ID)
	}
	slices.Sort(oldStaff)
	slices.Sort(oldContacts)
	staff, contacts := oldStaff, oldContacts
	update := s.client.Touchpoint.UpdateOneID(t.ID)
	if in.Kind != nil {
		update.SetKind(*in.Kind)
	}
	if in.OccurredAt != nil {
		if in.OccurredAt.IsZero() {
			return nil, refusal.Invalidf("input.occurredAt", "when the touchpoint happened is required")
		}
		update.SetOccurredAt(*in.OccurredAt)
	}
	if in.ContactIDs != nil {
		contacts = planDedupe(in.ContactIDs)
		if err := s.checkContacts(ctx, "input.contactIDs", t.AccountID, contacts); err != nil {
			return nil, err
		}
		update.ClearContacts().AddContactIDs(contacts...)
	}
	if in.StaffIDs != nil {
		staff = planDedupe(in.StaffIDs)
		if err := s.checkUsers(ctx, "input.staffIDs", staff); err != nil {
			return nil, err
		}
		update.ClearStaff().AddStaffIDs(staff...)
	}
	if in.Summary != nil {
		update.SetSummary(strings.TrimSpace(*in.Summary))
	}
	if in.NextStep != nil {
		update.SetNextStep(strings.TrimSpace(*in.NextStep))
	}
	switch {
	case clearDue:
		update.ClearNextStepDueOn()
	case in.NextStepDueOn != nil:
		update.SetNextStepDueOn(planning.Day(*in.NextStepDueOn))
	}
	updated, err := update.Save(ctx)
	if ent.IsNotFound(err) {
		return nil, refusal.Forbiddenf("not allowed to change data of account %d", t.AccountID)
	}
	if err != nil {
		return nil, fmt.Errorf("error updating touchpoint %d: %w", t.ID, err)
	}
	err = audit.Record(ctx, s.client, audit.Event{EntityType: "Touchpoint", EntityID: t.ID, Action: "touchpoint.update",
		Before: planTouchpointSnapshotOf(t, oldStaff, oldContacts), After: planTouchpointSnapshotOf(updated, staff, contacts)})
	if err != nil {
		return nil, err
	}
	return updated, nil
}
