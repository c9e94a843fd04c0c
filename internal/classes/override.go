package classes

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/classassignment"
	"github.com/summitkam/summit/ent/privacy"
	"github.com/summitkam/summit/ent/roleassignment"
	"github.com/summitkam/summit/ent/rule"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/viewer"
)

// OverrideClass decides an account's class by hand, with a mandatory
// reason. A move into or out of S or A needs an executive: it is recorded
// PENDING (the executives are notified) and takes effect only when one
// approves it; an executive's own override takes effect at once. Other moves
// take effect at once. Whoever may change the account's data (owner, team
// editors, admins) and executives may override; an account has at most one
// pending override.
func OverrideClass(ctx context.Context, client *ent.Client, accountID int, class grading.Class, reason string) (*ent.ClassAssignment, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, refusal.Invalidf("reason", "a reason is required")
	}
	if err := class.Validate(); err != nil {
		return nil, refusal.Invalidf("class", "%v", err)
	}
	acc, err := client.Account.Get(ctx, accountID)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("accountID", "account %d not found", accountID)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading account %d: %w", accountID, err)
	}
	// Permission before state: a viewer who may not override this account's
	// class is told so whatever the account's state, so the answer reveals
	// nothing (e.g. that an override is pending).
	if err := mayDecideClass(ctx, client, accountID); err != nil {
		return nil, err
	}
	var from grading.Class
	if acc.CurrentClass != nil {
		from = grading.Class(*acc.CurrentClass)
	}
	if from == class {
		return nil, refusal.Invalidf("class", "account %d is already class %s", accountID, class)
	}
	pending, err := client.ClassAssignment.Query().
		Where(classassignment.AccountID(accountID), classassignment.ApprovalStatusEQ(classassignment.ApprovalStatusPENDING)).
		Exist(ctx)
	if err != nil {
		return nil, fmt.Errorf("error checking pending overrides of account %d: %w", accountID, err)
	}
	if pending {
		return nil, refusal.Conflictf("account %d already has an override awaiting an executive's approval", accountID)
	}
	v := viewer.FromContext(ctx)
	now := time.Now()
	create := client.ClassAssignment.Create().
		SetAccountID(accountID).
		SetClass(classassignment.Class(class)).
		SetSource(classassignment.SourceOVERRIDE).
		SetReason(reason).
		SetNillableDecidedByID(userID(ctx))
	if from != "" {
		create.SetPreviousClass(classassignment.PreviousClass(from))
	}
	needsApproval := review.NeedsApproval(from, class)
	effective := !needsApproval || v.Has(viewer.RoleExecutive)
	switch {
	case !needsApproval:
		create.SetApprovalStatus(classassignment.ApprovalStatusNOT_REQUIRED).SetEffectiveAt(now)
	case effective:
		create.SetApprovalStatus(classassignment.ApprovalStatusAPPROVED).SetEffectiveAt(now).
			SetApprovedAt(now).SetNillableApprovedByID(userID(ctx)).SetApprovalNote("decided by an executive")
	default:
		create.SetApprovalStatus(classassignment.ApprovalStatusPENDING)
	}
	assignment, err := create.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error overriding the class of account %d: %w", accountID, err)
	}
	if effective {
		if err := applyClass(ctx, client, acc, from, class, assignment.ID, reason); err != nil {
			return nil, err
		}
		return assignment, nil
	}
	if err := audit.Record(ctx, client, audit.Event{
		EntityType: "Account", EntityID: accountID, Action: "class.override_requested", Reason: reason,
		Before: map[string]any{"class": classOrNil(from), "level": acc.CurrentLevel},
		After:  map[string]any{"class": class, "class_assignment_id": assignment.ID, "approval_status": assignment.ApprovalStatus},
	}); err != nil {
		return nil, err
	}
	if err := notifyExecutives(ctx, client, acc, from, class, assignment.ID); err != nil {
		return nil, err
	}
	return assignment, nil
}

// ApproveAssignment lets a PENDING override take effect. Executives only.
func ApproveAssignment(ctx context.Context, client *ent.Client, id int, note string) (*ent.ClassAssignment, error) {
	return decideAssignment(ctx, client, id, classassignment.ApprovalStatusAPPROVED, strings.TrimSpace(note))
}

// RejectAssignment refuses a PENDING override; the class stays. Executives
// only; a note is required.
func RejectAssignment(ctx context.Context, client *ent.Client, id int, note string) (*ent.ClassAssignment, error) {
	note = strings.TrimSpace(note)
	if note == "" {
		return nil, refusal.Invalidf("note", "a note is required")
	}
	return decideAssignment(ctx, client, id, classassignment.ApprovalStatusREJECTED, note)
}

func decideAssignment(ctx context.Context, client *ent.Client, id int, to classassignment.ApprovalStatus, note string) (*ent.ClassAssignment, error) {
	v := viewer.FromContext(ctx)
	if !v.IsSystem() && !v.Has(viewer.RoleExecutive) {
		return nil, refusal.Forbiddenf("only executives approve or reject class changes into or out of S and A")
	}
	ca, err := client.ClassAssignment.Query().Where(classassignment.ID(id)).WithAccount().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("id", "class assignment %d not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading class assignment %d: %w", id, err)
	}
	if ca.ApprovalStatus != classassignment.ApprovalStatusPENDING {
		return nil, refusal.Conflictf("class assignment %d is %s; only a PENDING one can be decided", id, ca.ApprovalStatus)
	}
	acc := ca.Edges.Account
	var from grading.Class
	if acc.CurrentClass != nil {
		from = grading.Class(*acc.CurrentClass)
	}
	now := time.Now()
	update := client.ClassAssignment.UpdateOneID(id).
		Where(classassignment.ApprovalStatusEQ(classassignment.ApprovalStatusPENDING)).
		SetApprovalStatus(to).
		SetApprovedAt(now).
		SetNillableApprovedByID(userID(ctx)).
		SetApprovalNote(note)
	if to == classassignment.ApprovalStatusAPPROVED {
		// The class takes effect now, over whatever the account holds now.
		update.SetEffectiveAt(now)
		if from != "" {
			update.SetPreviousClass(classassignment.PreviousClass(from))
		} else {
			update.ClearPreviousClass()
		}
	}
	saved, err := update.Save(ctx)
	if ent.IsNotFound(err) {
		return nil, refusal.Conflictf("class assignment %d was decided meanwhile", id)
	}
	if err != nil {
		return nil, fmt.Errorf("error deciding class assignment %d: %w", id, err)
	}
	action := "class.approve"
	if to == classassignment.ApprovalStatusREJECTED {
		action = "class.reject"
	}
	if err := audit.Record(ctx, client, audit.Event{
		EntityType: "ClassAssignment", EntityID: id, Action: action, Reason: note,
		Before: map[string]any{"approval_status": ca.ApprovalStatus},
		After:  map[string]any{"approval_status": to, "account_id": acc.ID, "class": ca.Class},
	}); err != nil {
		return nil, err
	}
	if to == classassignment.ApprovalStatusAPPROVED && from != grading.Class(ca.Class) {
		if err := applyClass(ctx, client, acc, from, grading.Class(ca.Class), id, ca.Reason); err != nil {
			return nil, err
		}
	}
	if ca.DecidedByID != nil && (v == nil || *ca.DecidedByID != v.UserID) {
		verb := map[classassignment.ApprovalStatus]string{classassignment.ApprovalStatusAPPROVED: "approved", classassignment.ApprovalStatusREJECTED: "rejected"}[to]
		if err := notify(ctx, client, *ca.DecidedByID, "class.override_decided",
			fmt.Sprintf("分级调整申请已%s：%s → %s", map[string]string{"approved": "批准", "rejected": "驳回"}[verb], acc.Name, ca.Class),
			fmt.Sprintf("Your override of %s to %s was %s. %s", acc.Name, ca.Class, verb, note),
			"ClassAssignment", id, fmt.Sprintf("class_assignment:%d:decided", id)); err != nil {
			return nil, err
		}
	}
	return saved, nil
}

// applyClass makes class the account's current class and audits it. The
// class decision was authorized by the assignment's rules (an executive may
// decide classes of accounts whose other data they may not edit), so the
// account write itself is allowed past the account policy. A class set by
// hand has no model level, so the account's level is cleared.
func applyClass(ctx context.Context, client *ent.Client, acc *ent.Account, from, to grading.Class, assignmentID int, reason string) error {
	allow := privacy.DecisionContext(ctx, privacy.Allow)
	if err := client.Account.UpdateOneID(acc.ID).SetCurrentClass(account.CurrentClass(to)).ClearCurrentLevel().Exec(allow); err != nil {
		return fmt.Errorf("error setting the class of account %d: %w", acc.ID, err)
	}
	return audit.Record(ctx, client, audit.Event{
		EntityType: "Account", EntityID: acc.ID, Action: "class.change", Reason: reason,
		Before: map[string]any{"class": classOrNil(from), "level": acc.CurrentLevel},
		After:  map[string]any{"class": to, "class_assignment_id": assignmentID, "source": "OVERRIDE"},
	})
}

func classOrNil(c grading.Class) any {
	if c == "" {
		return nil
	}
	return c
}

// notifyExecutives tells every executive that an override awaits them.
func notifyExecutives(ctx context.Context, client *ent.Client, acc *ent.Account, from, to grading.Class, assignmentID int) error {
	allow := privacy.DecisionContext(ctx, privacy.Allow)
	execs, err := client.RoleAssignment.Query().
		Where(roleassignment.RoleEQ(roleassignment.RoleEXECUTIVE)).
		Select(roleassignment.FieldUserID).Ints(allow)
	if err != nil {
		return fmt.Errorf("error finding executives: %w", err)
	}
	fromLabel := "未分级"
	if from != "" {
		fromLabel = string(from)
	}
	seen := map[int]bool{}
	for _, id := range execs {
		if seen[id] {
			continue
		}
		seen[id] = true
		if err := notify(ctx, client, id, "class.approval_requested",
			fmt.Sprintf("待审批分级调整：%s %s → %s", acc.Name, fromLabel, to),
			fmt.Sprintf("An override of %s from %s to %s awaits your approval.", acc.Name, fromLabel, to),
			"ClassAssignment", assignmentID, fmt.Sprintf("class_assignment:%d:approver:%d", assignmentID, id)); err != nil {
			return err
		}
	}
	return nil
}

func notify(ctx context.Context, client *ent.Client, recipient int, kind, title, body, entityType string, entityID int, dedup string) error {
	if len([]rune(title)) > 300 {
		title = string([]rune(title)[:300])
	}
	err := client.Notification.Create().
		SetRecipientID(recipient).SetKind(kind).SetTitle(title).SetBody(body).
		SetEntityType(entityType).SetEntityID(entityID).SetDedupKey(dedup).SetSentAt(time.Now()).
		OnConflictColumns("dedup_key").DoNothing().
		Exec(ctx)
	if err != nil && !ent.IsNotFound(err) { // DO NOTHING on a duplicate reports no row
		return fmt.Errorf("error notifying user %d: %w", recipient, err)
	}
	return nil
}

// mayDecideClass refuses a viewer who may not write class assignments of
// the account: the same rule as the class assignment's policy
// (rule.GovernedPolicy) — executives decide any account's class, others
// those of accounts they may edit.
func mayDecideClass(ctx context.Context, client *ent.Client, accountID int) error {
	v := viewer.FromContext(ctx)
	if v.Has(viewer.RoleExecutive) {
		return nil
	}
	p, restricted := rule.EditableAccounts(v)
	if !restricted {
		return nil
	}
	ok, err := client.Account.Query().Where(account.ID(accountID), p).Exist(ctx)
	if err != nil {
		return fmt.Errorf("error checking rights on account %d: %w", accountID, err)
	}
	if !ok {
		return refusal.Forbiddenf("not allowed to decide the class of account %d", accountID)
	}
	return nil
}
