package alerts

import (
	"context"
	"fmt"
	"time"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/churnalert"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// The functions below take the client to write with: in a mutation, the
// unit of work's transaction client, so the change and its audit event
// commit or roll back together. Every read goes through ent and its
// row-level rules. Refusals are *refusal.Error.

// snapshot is what the audit trail keeps of an alert's lifecycle fields.
type snapshot struct {
	Status           string     `json:"status"`
	AcknowledgedAt   *time.Time `json:"acknowledgedAt,omitempty"`
	AcknowledgedByID *int       `json:"acknowledgedByID,omitempty"`
	ResolvedAt       *time.Time `json:"resolvedAt,omitempty"`
	ResolvedByID     *int       `json:"resolvedByID,omitempty"`
	Outcome          string     `json:"outcome,omitempty"`
	OutcomeNote      string     `json:"outcomeNote,omitempty"`
	WinBackPlanID    *int       `json:"winBackPlanID,omitempty"`
	WinBackStartedAt *time.Time `json:"winBackStartedAt,omitempty"`
}

func snapshotOf(a *ent.ChurnAlert) snapshot {
	s := snapshot{
		Status: string(a.Status), AcknowledgedAt: a.AcknowledgedAt, AcknowledgedByID: a.AcknowledgedByID,
		ResolvedAt: a.ResolvedAt, ResolvedByID: a.ResolvedByID, OutcomeNote: a.OutcomeNote,
		WinBackPlanID: a.WinBackPlanID, WinBackStartedAt: a.WinBackStartedAt,
	}
	if a.Outcome != nil {
		s.Outcome = string(*a.Outcome)
	}
	return s
}

func ruleView(a *ent.ChurnAlert) Alert {
	v := Alert{ID: a.ID, Status: Status(a.Status), AcknowledgedAt: a.AcknowledgedAt, ResolvedAt: a.ResolvedAt,
		WinBackStartedAt: a.WinBackStartedAt, WinBackPlanID: a.WinBackPlanID}
	if a.Outcome != nil {
		v.Outcome = Outcome(*a.Outcome)
	}
	return v
}

// load returns an alert the viewer may read, with its account's id, class
// and owner.
func load(ctx context.Context, client *ent.Client, field string, id int) (*ent.ChurnAlert, error) {
	a, err := client.ChurnAlert.Query().Where(churnalert.ID(id)).
		WithAccount(func(q *ent.AccountQuery) {
			q.Select(account.FieldID, account.FieldCurrentClass, account.FieldOwnerID)
		}).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil, &refusal.Error{Kind: refusal.NotFound, Field: field, Message: fmt.Sprintf("churn alert %d not found", id)}
	}
	if err != nil {
		return nil, fmt.Errorf("error loading churn alert %d: %w", id, err)
	}
	return a, nil
}

// actorID is the user acting, nil for the system and service tokens that
// act for nobody.
func actorID(ctx context.Context) *int {
	if v := viewer.FromContext(ctx); v != nil && v.UserID != 0 {
		id := v.UserID
		return &id
	}
	return nil
}

// apply writes change c to a, guarded by the status (and win-back state)
// it was decided from.
func apply(ctx context.Context, client *ent.Client, a *ent.ChurnAlert, c Change, now time.Time, edit func(*ent.ChurnAlertUpdateOne)) (*ent.ChurnAlert, error) {
	update := client.ChurnAlert.UpdateOneID(a.ID).
		Where(churnalert.StatusEQ(a.Status)).
		SetStatus(churnalert.Status(c.To))
	if a.WinBackStartedAt == nil {
		update.Where(churnalert.WinBackStartedAtIsNil())
	}
	if c.Acknowledge {
		update.SetAcknowledgedAt(now).SetNillableAcknowledgedByID(actorID(ctx))
	}
	if edit != nil {
		edit(update)
	}
	updated, err := update.Save(ctx)
	if ent.IsNotFound(err) {
		return nil, lostUpdate(ctx, client, a)
	}
	if err != nil {
		return nil, fmt.Errorf("error updating churn alert %d: %w", a.ID, err)
	}
	return updated, nil
}

// lostUpdate explains an update that matched no row although the alert was
// readable a moment ago: somebody changed it in between (CONFLICT), or the
// row-level rules narrowed the update away because the viewer may read the
// alert but not change it (FORBIDDEN).
func lostUpdate(ctx context.Context, client *ent.Client, read *ent.ChurnAlert) error {
	now, err := client.ChurnAlert.Get(ctx, read.ID)
	switch {
	case ent.IsNotFound(err):
		return &refusal.Error{Kind: refusal.NotFound, Message: fmt.Sprintf("churn alert %d not found", read.ID)}
	case err != nil:
		return fmt.Errorf("error reloading churn alert %d: %w", read.ID, err)
	case now.Status != read.Status || (read.WinBackStartedAt == nil) != (now.WinBackStartedAt == nil):
		return conflictf("churn alert %d was changed since you read it: it is now %s; reload and retry", read.ID, now.Status)
	}
	return &refusal.Error{Kind: refusal.Forbidden, Message: fmt.Sprintf(
		"not allowed to change churn alerts of account %d: only its owner, team members with EDIT access, executives and admins may", read.AccountID)}
}

func record(ctx context.Context, client *ent.Client, id int, action string, before, after any, reason string) error {
	return audit.Record(ctx, client, audit.Event{EntityType: "ChurnAlert", EntityID: id, Action: action,
		Before: before, After: after, Reason: reason})
}

// Acknowledge marks an OPEN or ESCALATED alert ACKNOWLEDGED by the viewer.
// The note becomes the reason of the alert.acknowledge audit event.
func Acknowledge(ctx context.Context, client *ent.Client, id int, note string, now time.Time) (*ent.ChurnAlert, error) {
	a, err := load(ctx, client, "id", id)
	if err != nil {
		return nil, err
	}
	c, err := DecideAcknowledge(ruleView(a), note)
	if err != nil {
		return nil, err
	}
	updated, err := apply(ctx, client, a, c, now, nil)
	if err != nil {
		return nil, err
	}
	if err := record(ctx, client, a.ID, "alert.acknowledge", snapshotOf(a), snapshotOf(updated), c.Reason); err != nil {
		return nil, err
	}
	return updated, nil
}

// Resolve closes an open alert with a person's outcome and reason.
func Resolve(ctx context.Context, client *ent.Client, id int, outcome Outcome, reason string, now time.Time) (*ent.ChurnAlert, error) {
	a, err := load(ctx, client, "id", id)
	if err != nil {
		return nil, err
	}
	c, err := DecideResolve(ruleView(a), outcome, reason)
	if err != nil {
		return nil, err
	}
	updated, err := apply(ctx, client, a, c, now, func(u *ent.ChurnAlertUpdateOne) {
		u.SetResolvedAt(now).SetNillableResolvedByID(actorID(ctx)).
			SetOutcome(churnalert.Outcome(c.Outcome)).SetOutcomeNote(c.Reason)
	})
	if err != nil {
		return nil, err
	}
	if err := record(ctx, client, a.ID, "alert.resolve", snapshotOf(a), snapshotOf(updated), c.Reason); err != nil {
		return nil, err
	}
	return updated, nil
}
