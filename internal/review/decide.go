package review

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/reviewcycle"
	"github.com/summitkam/summit/ent/reviewresult"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/txn"
	"github.com/summitkam/summit/internal/viewer"
)

// MaxDecisions bounds the results one approve or reject call decides.
const MaxDecisions = 1000

// Contest records an owner's objection to a proposal of a cycle IN_REVIEW:
// the result becomes CONTESTED and waits for an executive to approve the
// proposal or reject it (keeping the previous class). Whoever may change the
// account's data (its owner, team editors, admins) and executives may
// contest; a reason is required.
func Contest(ctx context.Context, client *ent.Client, resultID int, reason string) (*ent.ReviewResult, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, refusal.Invalidf("reason", "a reason is required")
	}
	r, err := client.ReviewResult.Query().Where(reviewresult.ID(resultID)).WithCycle().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("id", "review result %d not found", resultID)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading review result %d: %w", resultID, err)
	}
	if r.Edges.Cycle.Status != reviewcycle.StatusIN_REVIEW {
		return nil, refusal.Conflictf("review cycle %q is %s; results are contested while it is IN_REVIEW", r.Edges.Cycle.Name, r.Edges.Cycle.Status)
	}
	if r.Status != reviewresult.StatusPROPOSED && r.Status != reviewresult.StatusPENDING_APPROVAL {
		return nil, refusal.Conflictf("review result %d is %s; only PROPOSED or PENDING_APPROVAL results can be contested", r.ID, r.Status)
	}
	update := client.ReviewResult.Update().
		Where(reviewresult.ID(r.ID), reviewresult.StatusIn(reviewresult.StatusPROPOSED, reviewresult.StatusPENDING_APPROVAL)).
		SetStatus(reviewresult.StatusCONTESTED).
		SetContestReason(reason)
	if v := viewer.FromContext(ctx); v != nil && v.UserID != 0 {
		update.SetContestedByID(v.UserID)
	}
	n, err := update.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error contesting review result %d: %w", r.ID, err)
	}
	if n == 0 {
		// The privacy rule narrowed the update to accounts the viewer may
		// change, or another request decided the result first.
		return nil, refusal.Forbiddenf("only the account's owner, team editors, admins and executives contest its result")
	}
	if err := audit.Record(ctx, client, audit.Event{
		EntityType: "ReviewResult", EntityID: r.ID, Action: "review.contest", Reason: reason,
		Before: map[string]any{"status": r.Status, "proposed_class": r.ProposedClass},
		After:  map[string]any{"status": reviewresult.StatusCONTESTED},
	}); err != nil {
		return nil, err
	}
	return client.ReviewResult.Get(ctx, r.ID)
}

// Approve accepts proposals that wait for an executive (PENDING_APPROVAL:
// moves into or out of S/A; CONTESTED). Executives only; all or nothing.
func Approve(ctx context.Context, client *ent.Client, ids []int, note string) ([]*ent.ReviewResult, error) {
	return decide(ctx, client, ids, reviewresult.StatusAPPROVED, strings.TrimSpace(note))
}

// Reject refuses proposals that wait for an executive: publishing keeps the
// account's previous class. Executives only; a note is required.
func Reject(ctx context.Context, client *ent.Client, ids []int, note string) ([]*ent.ReviewResult, error) {
	note = strings.TrimSpace(note)
	if note == "" {
		return nil, refusal.Invalidf("note", "a note is required")
	}
	return decide(ctx, client, ids, reviewresult.StatusREJECTED, note)
}

func decide(ctx context.Context, client *ent.Client, ids []int, to reviewresult.Status, note string) ([]*ent.ReviewResult, error) {
	v := viewer.FromContext(ctx)
	if !v.IsSystem() && !v.Has(viewer.RoleExecutive) {
		return nil, refusal.Forbiddenf("only executives approve or reject review results")
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(ids) == 0 {
		return nil, refusal.Invalidf("ids", "at least one result is required")
	}
	if len(ids) > MaxDecisions {
		return nil, refusal.Invalidf("ids", "at most %d results per call, got %d", MaxDecisions, len(ids))
	}
	results, err := client.ReviewResult.Query().Where(reviewresult.IDIn(ids...)).WithCycle().Order(ent.Asc(reviewresult.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("error loading review results: %w", err)
	}
	for i, id := range ids {
		if i >= len(results) || results[i].ID != id {
			return nil, refusal.NotFoundf("ids", "review result %d not found", id)
		}
		r := results[i]
		if r.Edges.Cycle.Status != reviewcycle.StatusIN_REVIEW {
			return nil, refusal.Conflictf("review result %d belongs to cycle %q, which is %s", r.ID, r.Edges.Cycle.Name, r.Edges.Cycle.Status)
		}
		if r.Status != reviewresult.StatusPENDING_APPROVAL && r.Status != reviewresult.StatusCONTESTED {
			return nil, refusal.Conflictf("review result %d is %s; only PENDING_APPROVAL or CONTESTED results await a decision", r.ID, r.Status)
		}
	}
	now := time.Now()
	update := client.ReviewResult.Update().
		Where(reviewresult.IDIn(ids...), reviewresult.StatusIn(reviewresult.StatusPENDING_APPROVAL, reviewresult.StatusCONTESTED)).
		SetStatus(to).
		SetDecidedAt(now)
	if v.UserID != 0 {
		update.SetDecidedByID(v.UserID)
	}
	n, err := update.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error deciding review results: %w", err)
	}
	if n != len(ids) {
		return nil, refusal.Conflictf("%d of %d results were decided by someone else meanwhile; reload and retry", len(ids)-n, len(ids))
	}
	action := "review.approve"
	if to == reviewresult.StatusREJECTED {
		action = "review.reject"
	}
	for _, r := range results {
		if err := audit.Record(ctx, client, audit.Event{
			EntityType: "ReviewResult", EntityID: r.ID, Action: action, Reason: note,
			Before: map[string]any{"status": r.Status, "account_id": r.AccountID, "previous_class": r.PreviousClass, "proposed_class": r.ProposedClass},
			After:  map[string]any{"status": to},
		}); err != nil {
			return nil, err
		}
	}
	return client.ReviewResult.Query().Where(reviewresult.IDIn(ids...)).Order(ent.Asc(reviewresult.FieldID)).All(ctx)
}

// RequestPublish moves a cycle IN_REVIEW to PUBLISHING and enqueues the
// publish job in the same unit of work. It refuses while results await a
// decision (PENDING_APPROVAL, CONTESTED). Executives and admins only.
func RequestPublish(ctx context.Context, client *ent.Client, ins txn.Inserter, cycleID int) (*ent.ReviewCycle, error) {
	v := viewer.FromContext(ctx)
	if !v.IsSystem() && !v.HasAny(viewer.RoleExecutive, viewer.RoleAdmin) {
		return nil, refusal.Forbiddenf("only executives and admins publish review cycles")
	}
	cycle, err := client.ReviewCycle.Get(ctx, cycleID)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("id", "review cycle %d not found", cycleID)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading review cycle %d: %w", cycleID, err)
	}
	if cycle.Status != reviewcycle.StatusIN_REVIEW {
		return nil, refusal.Conflictf("review cycle %q is %s; only a cycle IN_REVIEW can be published", cycle.Name, cycle.Status)
	}
	waiting, err := client.ReviewResult.Query().
		Where(reviewresult.CycleID(cycle.ID), reviewresult.StatusIn(reviewresult.StatusPENDING_APPROVAL, reviewresult.StatusCONTESTED)).
		Count(ctx)
	if err != nil {
		return nil, fmt.Errorf("error counting undecided results of review cycle %d: %w", cycle.ID, err)
	}
	if waiting > 0 {
		return nil, &refusal.Error{Kind: refusal.Conflict, Message: fmt.Sprintf("%d results of review cycle %q await an executive's decision (PENDING_APPROVAL or CONTESTED); approve or reject them first", waiting, cycle.Name)}
	}
	n, err := client.ReviewCycle.Update().
		Where(reviewcycle.ID(cycle.ID), reviewcycle.StatusEQ(reviewcycle.StatusIN_REVIEW)).
		SetStatus(reviewcycle.StatusPUBLISHING).
		Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error publishing review cycle %d: %w", cycle.ID, err)
	}
	if n == 0 {
		return nil, refusal.Conflictf("review cycle %q changed meanwhile; reload and retry", cycle.Name)
	}
	if _, err := ins.Insert(ctx, jobargs.ReviewPublish{CycleID: cycle.ID, ActorID: v.UserID, ActorLabel: v.Label}, nil); err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, client, audit.Event{
		EntityType: "ReviewCycle", EntityID: cycle.ID, Action: "review.publish",
		Before: map[string]any{"status": cycle.Status}, After: map[string]any{"status": reviewcycle.StatusPUBLISHING},
	}); err != nil {
		return nil, err
	}
	return client.ReviewCycle.Get(ctx, cycle.ID)
}
