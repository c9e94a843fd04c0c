package alerts

import (
	"fmt"
	"strings"
	"time"

	"github.com/summitkam/summit/internal/refusal"
)

// Status is an alert's state. The values equal the ent enum
// churn_alerts.status.
type Status string

// Statuses.
const (
	StatusOpen         Status = "OPEN"
	StatusAcknowledged Status = "ACKNOWLEDGED"
	StatusEscalated    Status = "ESCALATED"
	StatusResolved     Status = "RESOLVED"
	StatusFalseAlarm   Status = "FALSE_ALARM"
	StatusLost         Status = "LOST"
)

// OpenStatuses are the statuses of an alert still waiting for an outcome;
// at most one alert per account and type is in one of them.
var OpenStatuses = []Status{StatusOpen, StatusAcknowledged, StatusEscalated}

// IsOpen reports whether s is OPEN, ACKNOWLEDGED or ESCALATED.
func (s Status) IsOpen() bool {
	return s == StatusOpen || s == StatusAcknowledged || s == StatusEscalated
}

// Outcome is how an alert ended. The values equal the ent enum
// churn_alerts.outcome.
type Outcome string

// Outcomes.
const (
	OutcomeRecovered  Outcome = "RECOVERED"
	OutcomeFalseAlarm Outcome = "FALSE_ALARM"
	OutcomeLost       Outcome = "LOST"
	// OutcomeSignalsCleared is set by the scan, never by a person.
	OutcomeSignalsCleared Outcome = "SIGNALS_CLEARED"
)

// resolutions maps the outcomes a person may record to the status they
// close the alert with.
var resolutions = map[Outcome]Status{
	OutcomeRecovered:  StatusResolved,
	OutcomeFalseAlarm: StatusFalseAlarm,
	OutcomeLost:       StatusLost,
}

// Limits on free text, so an audit trail stays readable.
const (
	MaxNoteLen   = 2000
	MaxReasonLen = 4000
)

// Alert is what the lifecycle rules need to know about an alert.
type Alert struct {
	ID               int
	Status           Status
	Outcome          Outcome // "" while open
	AcknowledgedAt   *time.Time
	ResolvedAt       *time.Time
	WinBackStartedAt *time.Time
	WinBackPlanID    *int
}

// Change is what an allowed lifecycle step does to an alert.
type Change struct {
	From, To Status
	// Acknowledge: set acknowledged_at to now and acknowledged_by to the
	// actor (the alert had no acknowledgement yet).
	Acknowledge bool
	// Outcome and Reason close the alert (resolve only).
	Outcome Outcome
	Reason  string
}

// DecideAcknowledge decides whether a may be acknowledged, with an optional note.
func DecideAcknowledge(a Alert, note string) (Change, error) {
	if err := checkText("note", note, MaxNoteLen); err != nil {
		return Change{}, err
	}
	switch {
	case !a.Status.IsOpen():
		return Change{}, closedConflict(a, "acknowledge")
	case a.Status == StatusAcknowledged:
		return Change{}, conflictf("churn alert %d is already acknowledged%s", a.ID, since(a.AcknowledgedAt))
	}
	return Change{From: a.Status, To: StatusAcknowledged, Acknowledge: true, Reason: strings.TrimSpace(note)}, nil
}

// DecideWinBack decides whether a win-back may start on a. Starting work is a
// response, so an OPEN or ESCALATED alert is acknowledged on the way.
func DecideWinBack(a Alert) (Change, error) {
	if !a.Status.IsOpen() {
		return Change{}, closedConflict(a, "start a win-back on")
	}
	if a.WinBackStartedAt != nil {
		plan := ""
		if a.WinBackPlanID != nil {
			plan = fmt.Sprintf(" on plan %d", *a.WinBackPlanID)
		}
		return Change{}, conflictf("a win-back was already started%s for churn alert %d%s; add further actions to that plan", since(a.WinBackStartedAt), a.ID, plan)
	}
	return Change{From: a.Status, To: StatusAcknowledged, Acknowledge: a.AcknowledgedAt == nil}, nil
}

// DecideResolve decides whether a may be closed with outcome and reason. Checks
// run in this order: the input (outcome, then reason), then the state, so a
// refusal names the first thing to fix. Resolving an alert nobody
// acknowledged records the acknowledgement too: the resolution was the
// response.
func DecideResolve(a Alert, outcome Outcome, reason string) (Change, error) {
	to, ok := resolutions[outcome]
	if !ok {
		return Change{}, &refusal.Error{Kind: refusal.Invalid, Field: "outcome",
			Message: fmt.Sprintf("outcome must be %s, %s or %s; got %q", OutcomeRecovered, OutcomeFalseAlarm, OutcomeLost, outcome)}
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Change{}, &refusal.Error{Kind: refusal.Invalid, Field: "reason", Message: "a reason is required to resolve a churn alert"}
	}
	if err := checkText("reason", reason, MaxReasonLen); err != nil {
		return Change{}, err
	}
	if !a.Status.IsOpen() {
		return Change{}, closedConflict(a, "resolve")
	}
	return Change{From: a.Status, To: to, Acknowledge: a.AcknowledgedAt == nil, Outcome: outcome, Reason: reason}, nil
}

func checkText(field, v string, limit int) error {
	if len(v) > limit {
		return &refusal.Error{Kind: refusal.Invalid, Field: field, Message: fmt.Sprintf("at most %d bytes", limit)}
	}
	return nil
}

// closedConflict refuses a change of a closed alert: an outcome is final.
func closedConflict(a Alert, verb string) error {
	how := string(a.Status)
	if a.Outcome != "" && string(a.Outcome) != how {
		how += " (" + string(a.Outcome) + ")"
	}
	return conflictf("cannot %s churn alert %d: it is closed as %s%s, and a closed alert is final", verb, a.ID, how, since(a.ResolvedAt))
}

func since(t *time.Time) string {
	if t == nil {
		return ""
	}
	return " on " + t.UTC().Format(time.DateOnly)
}

func conflictf(format string, args ...any) error {
	return &refusal.Error{Kind: refusal.Conflict, Message: fmt.Sprintf(format, args...)}
}
