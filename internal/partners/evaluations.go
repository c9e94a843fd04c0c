package partners

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/partnerprofile"
	"github.com/summitkam/summit/ent/roleassignment"
	"github.com/summitkam/summit/ent/tierevaluation"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// Service evaluates partners, records decisions and runs re-evaluations.
// Its zero value works: the clock defaults to time.Now.
type Service struct {
	// Now is the clock; "today" is its UTC day.
	//
	// Defaults to time.Now.
	Now func() time.Time
}

func (s Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Progress is where a partner stands on the ladder now.
type Progress struct {
	ProfileID  int
	Current    *Tier
	Evaluation Evaluation
	Standing   Standing
	// GapsToCurrent are what a partner below its tier misses to keep it.
	GapsToCurrent []Gap
}

// ProgressOf evaluates the partner profiles ids (already read through the
// row-level rules) against the ladder: one statement for the ladder, one
// for every partner's figures.
func (s Service) ProgressOf(ctx context.Context, client *ent.Client, ids []int) (map[int]Progress, error) {
	ladder, err := LoadLadder(ctx, client)
	if err != nil {
		return nil, err
	}
	rows, err := loadPartnerRows(ctx, client, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int]Progress, len(rows))
	for id, r := range rows {
		out[id] = progressOf(ladder, r)
	}
	return out, nil
}

func progressOf(ladder Ladder, r partnerRow) Progress {
	p := Progress{ProfileID: r.ID, Evaluation: ladder.Evaluate(r.Figures)}
	if r.TierID != nil {
		p.Current = ladder.ByID(*r.TierID)
	}
	p.Standing = Compare(p.Current, p.Evaluation.Supported)
	if p.Standing == Below {
		p.GapsToCurrent = p.Evaluation.GapsTo(p.Current)
	}
	return p
}

// Evaluate records a DRAFT evaluation of a partner by the viewer: its
// figures, the tier they support, each criterion's pass/fail and the gaps
// to the next tier, and the proposal against the tier held. Partner
// managers (of the partner's region), executives and admins. Audited as
// tier_evaluation.create.
func (s Service) Evaluate(ctx context.Context, client *ent.Client, profileID int) (*ent.TierEvaluation, error) {
	v := viewer.FromContext(ctx)
	if !mayGrade(v) {
		return nil, refusal.Forbiddenf("only partner managers, executives and admins evaluate partners")
	}
	profile, err := client.PartnerProfile.Get(ctx, profileID)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("partnerID", "partner %d not found", profileID)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading partner %d: %w", profileID, err)
	}
	progress, err := s.ProgressOf(ctx, client, []int{profile.ID})
	if err != nil {
		return nil, err
	}
	p := progress[profile.ID]
	inputs, explanation, err := evaluationDocs(p)
	if err != nil {
		return nil, err
	}
	create := client.TierEvaluation.Create().
		SetPartnerProfileID(profile.ID).
		SetInputs(inputs).SetExplanation(explanation).
		SetStatus(tierevaluation.StatusDRAFT).
		SetKind(tierevaluation.KindMANUAL).
		SetProposal(tierevaluation.Proposal(ProposalFor(p.Current, p.Evaluation.Supported))).
		SetProbation(profile.OnProbation).
		SetEvaluatedAt(s.now()).
		SetNillableEvaluatedByID(userID(v))
	if p.Current != nil {
		create.SetPreviousTierID(p.Current.ID)
	}
	if p.Evaluation.Supported != nil {
		create.SetSuggestedTierID(p.Evaluation.Supported.ID)
	}
	ev, err := create.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error recording an evaluation of partner %d: %w", profile.ID, err)
	}
	if err := audit.Record(ctx, client, audit.Event{EntityType: "TierEvaluation", EntityID: ev.ID, Action: "tier_evaluation.create",
		After: map[string]any{"partner_profile_id": profile.ID, "current_tier": tierCode(p.Current),
			"suggested_tier": tierCode(p.Evaluation.Supported), "proposal": ev.Proposal}}); err != nil {
		return nil, err
	}
	return ev, nil
}

// evaluationDocs renders the inputs and explanation columns of an
// evaluation.
func evaluationDocs(p Progress) (inputs, explanation json.RawMessage, err error) {
	if inputs, err = json.Marshal(p.Evaluation.Figures); err != nil {
		return nil, nil, fmt.Errorf("error encoding the figures of partner %d: %w", p.ProfileID, err)
	}
	if explanation, err = json.Marshal(p.Evaluation.Explain(p.Current)); err != nil {
		return nil, nil, fmt.Errorf("error encoding the explanation of partner %d: %w", p.ProfileID, err)
	}
	return inputs, explanation, nil
}

// Decision is a partner manager's decision on an evaluation.
type Decision struct {
	// TierID is the tier decided; nil takes the partner off the ladder.
	TierID *int
	// Evidence notes are required when the decision changes the tier or
	// the decided tier has a requirement that needs evidence.
	Evidence string
	// Reason is required.
	Reason string
}

// Decide records a decision on a DRAFT evaluation. A move up into the top
// two tiers is SUBMITTED for an executive's approval (executives are
// notified; an executive's own decision takes effect at once); any other
// decision is APPLIED at once: the partner's tier and tier_since are set
// and probation is cleared. Partner managers of the partner's region,
// executives and admins. Audited as tier_evaluation.decide (and
// partner.tier_change when applied).
func (s Service) Decide(ctx context.Context, client *ent.Client, evaluationID int, d Decision) (*ent.TierEvaluation, error) {
	v := viewer.FromContext(ctx)
	if !mayGrade(v) {
		return nil, refusal.Forbiddenf("only partner managers, executives and admins decide tier evaluations")
	}
	d.Reason, d.Evidence = strings.TrimSpace(d.Reason), strings.TrimSpace(d.Evidence)
	if d.Reason == "" {
		return nil, refusal.Invalidf("reason", "a reason is required")
	}
	ev, err := client.TierEvaluation.Query().Where(tierevaluation.ID(evaluationID)).WithPartnerProfile().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("id", "tier evaluation %d not found", evaluationID)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading tier evaluation %d: %w", evaluationID, err)
	}
	if ev.Status != tierevaluation.StatusDRAFT {
		return nil, refusal.Conflictf("tier evaluation %d is %s; only a DRAFT is decided", ev.ID, ev.Status)
	}
	profile := ev.Edges.PartnerProfile
	waiting, err := client.TierEvaluation.Query().Where(tierevaluation.PartnerProfileID(profile.ID),
		tierevaluation.StatusEQ(tierevaluation.StatusSUBMITTED)).Exist(systemRead(ctx))
	if err != nil {
		return nil, fmt.Errorf("error checking decisions awaiting approval for partner %d: %w", profile.ID, err)
	}
	if waiting {
		return nil, refusal.Conflictf("partner %d already has a decision awaiting an executive's approval", profile.ID)
	}
	ladder, err := LoadLadder(ctx, client)
	if err != nil {
		return nil, err
	}
	var current, decided *Tier
	if profile.TierID != nil {
		current = ladder.ByID(*profile.TierID)
	}
	if d.TierID != nil {
		if decided = ladder.ByID(*d.TierID); decided == nil {
			return nil, refusal.Invalidf("tierID", "tier %d is not on the ladder", *d.TierID)
		}
	}
	if err := requireEvidence(current, decided, d.Evidence); err != nil {
		return nil, err
	}
	needsApproval := decided.NeedsExecutiveApproval() && Compare(current, decided) == Above
	now := s.now()
	applied := !needsApproval || v.Has(viewer.RoleExecutive) || v.IsSystem()
	update := client.TierEvaluation.UpdateOneID(ev.ID).
		Where(tierevaluation.StatusEQ(tierevaluation.StatusDRAFT)).
		SetEvidence(d.Evidence).SetReason(d.Reason).
		SetNillableDecidedByID(userID(v)).SetDecidedAt(now).
		SetRequiresExecutiveApproval(needsApproval)
	if decided != nil {
		update.SetDecidedTierID(decided.ID)
	} else {
		update.ClearDecidedTierID()
	}
	if current != nil {
		update.SetPreviousTierID(current.ID)
	} else {
		update.ClearPreviousTierID()
	}
	if applied {
		update.SetStatus(tierevaluation.StatusAPPLIED).SetAppliedAt(now)
		if needsApproval {
			update.SetNillableApprovedByID(userID(v))
		}
	} else {
		update.SetStatus(tierevaluation.StatusSUBMITTED)
	}
	saved, err := update.Save(ctx)
	if ent.IsNotFound(err) {
		// Filtered by the row-level rules, or decided meanwhile.
		return nil, refusal.NotFoundf("id", "tier evaluation %d not found", evaluationID)
	}
	if err != nil {
		return nil, fmt.Errorf("error deciding tier evaluation %d: %w", ev.ID, err)
	}
	if err := audit.Record(ctx, client, audit.Event{EntityType: "TierEvaluation", EntityID: ev.ID, Action: "tier_evaluation.decide",
		Reason: d.Reason,
		Before: map[string]any{"status": ev.Status, "tier": tierCode(current)},
		After: map[string]any{"status": saved.Status, "tier": tierCode(decided), "evidence": d.Evidence,
			"requires_executive_approval": needsApproval, "partner_profile_id": profile.ID}}); err != nil {
		return nil, err
	}
	if applied {
		if err := s.apply(ctx, client, profile, current, decided, ev.ID, d.Reason); err != nil {
			return nil, err
		}
		return saved, nil
	}
	if err := notifyExecutives(ctx, client, profile, current, decided, ev.ID); err != nil {
		return nil, err
	}
	return saved, nil
}

// requireEvidence: a decision that changes the tier, or lands on a tier
// with a requirement marked evidence_required, carries evidence notes.
func requireEvidence(current, decided *Tier, evidence string) error {
	if evidence != "" {
		if len([]rune(evidence)) > 10_000 {
			return refusal.Invalidf("evidence", "at most 10000 characters")
		}
		return nil
	}
	if tierCode(current) != tierCode(decided) {
		return refusal.Invalidf("evidence", "a tier change needs evidence notes (what was checked: capital, performance, staff certificates …)")
	}
	if decided != nil {
		for _, r := range decided.Requirements {
			if r.EvidenceRequired {
				return refusal.Invalidf("evidence", "%s requires evidence for %s", decided.Code, r.LabelEN())
			}
		}
	}
	return nil
}

// Approve lets a SUBMITTED decision take effect. Executives only. Audited
// as tier_evaluation.approve and partner.tier_change; the decider is
// notified.
func (s Service) Approve(ctx context.Context, client *ent.Client, evaluationID int, note string) (*ent.TierEvaluation, error) {
	return s.settle(ctx, client, evaluationID, true, strings.TrimSpace(note))
}

// Reject refuses a SUBMITTED decision; the partner keeps its tier. A note
// is required. Executives only. Audited as tier_evaluation.reject; the
// decider is notified.
func (s Service) Reject(ctx context.Context, client *ent.Client, evaluationID int, note string) (*ent.TierEvaluation, error) {
	note = strings.TrimSpace(note)
	if note == "" {
		return nil, refusal.Invalidf("note", "a note is required")
	}
	return s.settle(ctx, client, evaluationID, false, note)
}

func (s Service) settle(ctx context.Context, client *ent.Client, evaluationID int, approve bool, note string) (*ent.TierEvaluation, error) {
	v := viewer.FromContext(ctx)
	if !v.IsSystem() && !v.Has(viewer.RoleExecutive) {
		return nil, refusal.Forbiddenf("only executives approve or reject moves into the top two tiers")
	}
	ev, err := client.TierEvaluation.Query().Where(tierevaluation.ID(evaluationID)).WithPartnerProfile().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("id", "tier evaluation %d not found", evaluationID)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading tier evaluation %d: %w", evaluationID, err)
	}
	if ev.Status != tierevaluation.StatusSUBMITTED {
		return nil, refusal.Conflictf("tier evaluation %d is %s; only a SUBMITTED decision is approved or rejected", ev.ID, ev.Status)
	}
	profile := ev.Edges.PartnerProfile
	now := s.now()
	update := client.TierEvaluation.UpdateOneID(ev.ID).Where(tierevaluation.StatusEQ(tierevaluation.StatusSUBMITTED)).
		SetNillableApprovedByID(userID(v))
	action, verbZH, verbEN := "tier_evaluation.reject", "驳回", "rejected"
	if approve {
		action, verbZH, verbEN = "tier_evaluation.approve", "批准", "approved"
		update.SetStatus(tierevaluation.StatusAPPLIED).SetAppliedAt(now)
	} else {
		update.SetStatus(tierevaluation.StatusREJECTED)
	}
	saved, err := update.Save(ctx)
	if ent.IsNotFound(err) {
		return nil, refusal.Conflictf("tier evaluation %d was settled meanwhile", ev.ID)
	}
	if err != nil {
		return nil, fmt.Errorf("error settling tier evaluation %d: %w", ev.ID, err)
	}
	if err := audit.Record(ctx, client, audit.Event{EntityType: "TierEvaluation", EntityID: ev.ID, Action: action, Reason: note,
		Before: map[string]any{"status": ev.Status},
		After:  map[string]any{"status": saved.Status, "partner_profile_id": profile.ID}}); err != nil {
		return nil, err
	}
	ladder, err := LoadLadder(ctx, client)
	if err != nil {
		return nil, err
	}
	var current, decided *Tier
	if profile.TierID != nil {
		current = ladder.ByID(*profile.TierID)
	}
	if ev.DecidedTierID != nil {
		decided = ladder.ByID(*ev.DecidedTierID)
	}
	if approve {
		if err := s.apply(ctx, client, profile, current, decided, ev.ID, ev.Reason); err != nil {
			return nil, err
		}
	}
	if ev.DecidedByID != nil && *ev.DecidedByID != v.UserID {
		name := partnerName(ctx, client, profile)
		if err := notify(ctx, client, *ev.DecidedByID, "tier.decision_settled",
			fmt.Sprintf("渠道定级已%s：%s → %s", verbZH, name, tierNameZH(decided)),
			fmt.Sprintf("Your decision to move %s to %s was %s. %s", name, tierNameEN(decided), verbEN, note),
			"TierEvaluation", ev.ID, fmt.Sprintf("tier_evaluation:%d:settled", ev.ID)); err != nil {
			return nil, err
		}
	}
	return saved, nil
}

// apply makes decided the partner's tier (tier_since today when it
// changes) and takes it off probation. The decision was authorized by the
// evaluation's rules (an executive approves tiers of partners whose other
// data they may not edit), so the profile write is allowed past the
// profile policy.
func (s Service) apply(ctx context.Context, client *ent.Client, profile *ent.PartnerProfile, current, decided *Tier, evaluationID int, reason string) error {
	today := Day(s.now())
	update := client.PartnerProfile.UpdateOneID(profile.ID).
		SetOnProbation(false).ClearProbationUntil().ClearProbationStartedOn()
	changed := tierCode(current) != tierCode(decided)
	if changed {
		update.SetTierSince(today)
		if decided != nil {
			update.SetTierID(decided.ID)
		} else {
			update.ClearTierID()
		}
	}
	if err := update.Exec(systemRead(ctx)); err != nil {
		return fmt.Errorf("error applying the tier of partner %d: %w", profile.ID, err)
	}
	before := map[string]any{"tier": tierCode(current), "on_probation": profile.OnProbation}
	if profile.ProbationUntil != nil {
		before["probation_until"] = profile.ProbationUntil.Format(time.DateOnly)
	}
	after := map[string]any{"tier": tierCode(decided), "on_probation": false, "tier_evaluation_id": evaluationID}
	action := "partner.tier_change"
	switch {
	case changed:
		after["tier_since"] = today.Format(time.DateOnly)
	case profile.OnProbation:
		action = "partner.probation_cleared"
	default:
		action = "partner.tier_confirmed"
	}
	return audit.Record(ctx, client, audit.Event{EntityType: "PartnerProfile", EntityID: profile.ID, Action: action,
		Reason: reason, Before: before, After: after})
}

// notifyExecutives tells every executive that a decision awaits them.
func notifyExecutives(ctx context.Context, client *ent.Client, profile *ent.PartnerProfile, current, decided *Tier, evaluationID int) error {
	execs, err := client.RoleAssignment.Query().
		Where(roleassignment.RoleEQ(roleassignment.RoleEXECUTIVE)).
		Select(roleassignment.FieldUserID).Ints(systemRead(ctx))
	if err != nil {
		return fmt.Errorf("error finding executives: %w", err)
	}
	name := partnerName(ctx, client, profile)
	seen := map[int]bool{}
	for _, id := range execs {
		if seen[id] {
			continue
		}
		seen[id] = true
		if err := notify(ctx, client, id, "tier.approval_requested",
			fmt.Sprintf("待审批渠道升级：%s %s → %s", name, tierNameZH(current), tierNameZH(decided)),
			fmt.Sprintf("Moving %s from %s to %s awaits your approval.", name, tierNameEN(current), tierNameEN(decided)),
			"TierEvaluation", evaluationID, fmt.Sprintf("tier_evaluation:%d:approver:%d", evaluationID, id)); err != nil {
			return err
		}
	}
	return nil
}

func notify(ctx context.Context, client *ent.Client, recipient int, kind, title, body, entityType string, entityID int, dedup string) error {
	if r := []rune(title); len(r) > 300 {
		title = string(r[:300])
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

// partnerName is the partner's account name for messages.
func partnerName(ctx context.Context, client *ent.Client, profile *ent.PartnerProfile) string {
	name, err := client.PartnerProfile.Query().Where(partnerprofile.ID(profile.ID)).QueryAccount().
		Select("name").String(systemRead(ctx))
	if err != nil {
		return fmt.Sprintf("partner %d", profile.ID)
	}
	return name
}

func userID(v *viewer.Viewer) *int {
	if v == nil || v.UserID == 0 {
		return nil
	}
	id := v.UserID
	return &id
}

func tierCode(t *Tier) any {
	if t == nil {
		return nil
	}
	return t.Code
}

func tierNameZH(t *Tier) string {
	if t == nil {
		return "无级别"
	}
	return t.Name
}

func tierNameEN(t *Tier) string {
	if t == nil {
		return "no tier"
	}
	return t.NameEN
}
