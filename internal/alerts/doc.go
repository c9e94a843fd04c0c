// Package alerts is the lifecycle of churn alerts (流失预警) after the daily
// scan (internal/churnscan) opened them: a key-account manager acknowledges
// an alert, starts a win-back (挽回) that puts actions on the account's plan,
// and resolves it with an outcome and a reason.
//
// # Lifecycle
//
//	OPEN ──(scan)──▶ ESCALATED
//	  │                  │
//	  └──acknowledge─────┴──▶ ACKNOWLEDGED
//
//	OPEN, ACKNOWLEDGED or ESCALATED ──resolve──▶ RESOLVED | FALSE_ALARM | LOST
//
// The steps:
//
//   - acknowledge: OPEN or ESCALATED → ACKNOWLEDGED; records who and when. An
//     optional note is kept as the audit event's reason.
//   - start a win-back: on any open alert (OPEN, ACKNOWLEDGED, ESCALATED),
//     once; acknowledges an OPEN or ESCALATED alert on the way, because
//     starting work is a response.
//   - resolve: from any open status, with an outcome and a mandatory reason:
//     RECOVERED → RESOLVED, FALSE_ALARM → FALSE_ALARM, LOST → LOST. A closed
//     alert is final: resolving it again is a conflict. SIGNALS_CLEARED is the
//     scan's outcome (no signal fired any more), never a person's.
//
// The scan escalates unanswered S/A alerts and closes alerts whose signals
// cleared; those moves are not here.
//
// # Who
//
// The row-level rules of ent/rule decide (ChurnAlert uses GovernedPolicy):
// the account's owner, team members with EDIT access, executives and admins
// change alerts; anybody else who can read the alert is refused FORBIDDEN,
// and an alert the viewer cannot read is NOT_FOUND. Win-back actions are
// account data (AccountDataPolicy): an executive who is not on the account's
// team with EDIT access can acknowledge and resolve, but not start a win-back.
//
// # Concurrency
//
// Alerts carry no version column; every change is a compare-and-set on the
// status it was decided from (and, for a win-back, on no win-back having
// started). A scan refreshing the score in between does not conflict; a
// colleague acknowledging or resolving first does (CONFLICT, reload).
//
// The rules (lifecycle.go, winback.go, timing.go, signals.go) are pure; the
// functions taking an *ent.Client (service.go, winback_service.go, list.go)
// load, write and audit in the caller's transaction.
package alerts
