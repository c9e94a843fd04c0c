package planning

import (
	"strings"

	"github.com/summitkam/summit/internal/refusal"
)

// Status is an account plan's state. The values equal the ent enum
// account_plans.status.
type Status string

// Statuses, in lifecycle order.
const (
	Draft     Status = "DRAFT"
	Submitted Status = "SUBMITTED"
	Approved  Status = "APPROVED"
	Active    Status = "ACTIVE"
	Closed    Status = "CLOSED"
)

// Statuses lists every status in lifecycle order.
var Statuses = []Status{Draft, Submitted, Approved, Active, Closed}

// Transition is a named move between statuses.
type Transition string

// Transitions. The values are the verbs of the audit actions ("plan.submit").
const (
	Submit   Transition = "submit"
	Approve  Transition = "approve"
	Reject   Transition = "reject"
	Activate Transition = "activate"
	Close    Transition = "close"
)

// Transitions lists every transition.
var Transitions = []Transition{Submit, Approve, Reject, Activate, Close}

// Plan is what the lifecycle needs to know about a plan.
type Plan struct {
	Status Status
	// Strategic is true for a plan of an S or A account: the class recorded
	// when the plan was created, or the account's class now (an account
	// upgraded mid-way needs approval too). See IsStrategic.
	Strategic bool
	// HasApproval is true when an executive's approval is on record
	// (approved_by and approved_at set).
	HasApproval bool
}

// Actor is who asks for a transition.
type Actor struct {
	// MayApprove is true for executives and admins.
	MayApprove bool
}

// Request is one transition asked for.
type Request struct {
	Transition Transition
	Actor      Actor
	// Reason: the rejection reason (required for Reject), the approval note
	// (optional for Approve) or the outcome (required for Close).
	Reason string
}

// Effect is what an allowed transition does.
type Effect struct {
	From, To Status
	// RecordApproval: set approved_by to the actor and approved_at to now.
	RecordApproval bool
	// ClearApproval: remove an approval on record (a rejection).
	ClearApproval bool
	// SetRejectionReason: keep Request.Reason as the plan's rejection reason;
	// ClearRejectionReason: the plan moves on, an old rejection no longer applies.
	SetRejectionReason, ClearRejectionReason bool
	// SetOutcome: keep Request.Reason as the plan's outcome (Close).
	SetOutcome bool
}

// edges lists the moves of the state machine. Activation from SUBMITTED is
// further limited to plans that are not strategic (see Apply).
var edges = map[Transition][]struct{ from, to Status }{
	Submit:   {{Draft, Submitted}},
	Approve:  {{Submitted, Approved}},
	Reject:   {{Submitted, Draft}, {Approved, Draft}},
	Activate: {{Approved, Active}, {Submitted, Active}},
	Close:    {{Active, Closed}},
}

// target returns where t leads from s, if anywhere.
func target(t Transition, s Status) (Status, bool) {
	for _, e := range edges[t] {
		if e.from == s {
			return e.to, true
		}
	}
	return "", false
}

// sources lists the statuses t starts from, for messages.
func sources(t Transition) []string {
	var out []string
	for _, e := range edges[t] {
		out = append(out, string(e.from))
	}
	return out
}

// Apply decides whether req may move p, and what the move does. Checks run
// in this order: who (refusal.Forbidden), what was given (refusal.Invalid),
// then the state (refusal.Conflict), so a refusal names the first thing to
// fix. See ExampleApply for a plan's whole life.
func Apply(p Plan, req Request) (Effect, error) {
	t := req.Transition
	if _, known := edges[t]; !known {
		return Effect{}, refusal.Invalidf("transition", "unknown transition %q", t)
	}
	if (t == Approve || t == Reject) && !req.Actor.MayApprove {
		return Effect{}, refusal.Forbiddenf("only executives and admins may %s a plan", t)
	}
	reason := strings.TrimSpace(req.Reason)
	switch {
	case t == Reject && reason == "":
		return Effect{}, refusal.Invalidf("reason", "a reason is required to reject a plan")
	case t == Close && reason == "":
		return Effect{}, refusal.Invalidf("outcome", "an outcome is required to close a plan")
	}
	to, ok := target(t, p.Status)
	if !ok {
		return Effect{}, refusal.Conflictf("cannot %s a plan that is %s: %s moves a plan from %s to %s",
			t, p.Status, t, strings.Join(sources(t), " or "), targetName(t))
	}
	if t == Activate && p.Strategic && !p.HasApproval {
		return Effect{}, refusal.Conflictf("cannot activate a %s plan of an S/A account: it needs an executive's approval first (%s → %s → %s)",
			p.Status, Submitted, Approved, Active)
	}
	eff := Effect{From: p.Status, To: to}
	switch t {
	case Submit:
		eff.ClearRejectionReason = true
	case Approve:
		eff.RecordApproval = true
		eff.ClearRejectionReason = true
	case Reject:
		eff.ClearApproval = true
		eff.SetRejectionReason = true
	case Close:
		eff.SetOutcome = true
	}
	return eff, nil
}

func targetName(t Transition) Status {
	return edges[t][0].to
}

// IsStrategic reports whether a plan governed by either class (the class at
// the plan's creation and the account's class now; "" when unknown) needs
// an executive's approval before activation.
func IsStrategic(classes ...string) bool {
	for _, c := range classes {
		if c == "S" || c == "A" {
			return true
		}
	}
	return false
}

// CanEditContent reports whether a plan's period, strategy and SWOT, and its
// objectives' definitions, may change in status s.
func CanEditContent(s Status) bool { return s == Draft || s == Submitted }

// CanTrackObjectives reports whether objective statuses (ACHIEVED, MISSED,
// DROPPED) may change in status s.
func CanTrackObjectives(s Status) bool { return s != Closed }

// AcceptsActions reports whether actions may be attached to a plan in
// status s.
func AcceptsActions(s Status) bool { return s != Closed }

// CanRollForward reports whether a plan in status s may be cloned into the
// next period's draft.
func CanRollForward(s Status) bool { return s == Active || s == Closed }

// ContentLocked is the refusal for a content change in status s.
func ContentLocked(s Status, what string) error {
	return refusal.Conflictf("cannot change %s of a plan that is %s: only %s or %s plans can be edited; roll an active or closed plan forward to start the next one",
		what, s, Draft, Submitted)
}

// CheckContentEditable refuses content changes outside DRAFT and SUBMITTED.
func CheckContentEditable(s Status, what string) error {
	if CanEditContent(s) {
		return nil
	}
	return ContentLocked(s, what)
}

// CheckRollForward refuses rolling forward a plan that has not started.
func CheckRollForward(s Status) error {
	if CanRollForward(s) {
		return nil
	}
	return refusal.Conflictf("cannot roll forward a plan that is %s: only %s or %s plans roll into the next period", s, Active, Closed)
}

// CheckAcceptsActions refuses new actions on a closed plan.
func CheckAcceptsActions(s Status) error {
	if AcceptsActions(s) {
		return nil
	}
	return refusal.Conflictf("cannot attach an action to a plan that is %s", s)
}

// CheckTrackObjectives refuses objective status changes on a closed plan.
func CheckTrackObjectives(s Status) error {
	if CanTrackObjectives(s) {
		return nil
	}
	return refusal.Conflictf("cannot change the status of an objective of a plan that is %s", s)
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, x := range Statuses {
		if x == s {
			return true
		}
	}
	return false
}
