package churn

import "time"

// EscalationStep is whom an unacknowledged alert goes to next.
type EscalationStep int

// Escalation steps.
const (
	// EscalateNone: nothing to do now.
	EscalateNone EscalationStep = iota
	// EscalateToSponsor: the account's executive sponsor (team role), the
	// first step once a strategic alert's deadline has passed.
	EscalateToSponsor
	// EscalateToManager: the owner's line manager, when the sponsor too let
	// another response period pass, or when the account has no sponsor.
	EscalateToManager
)

// Escalation levels stored on an alert: how far it has been escalated.
const (
	LevelNotEscalated = 0
	LevelSponsor      = 1
	LevelManager      = 2
)

// EscalationState is what NextEscalation decides on.
type EscalationState struct {
	Class Class
	// Deadline is the alert's response deadline.
	Deadline time.Time
	// Level is how far the alert has been escalated (LevelNotEscalated,
	// LevelSponsor, LevelManager) and EscalatedAt when it last was.
	Level       int
	EscalatedAt time.Time
	// Acknowledged is true once anyone acknowledged the alert.
	Acknowledged bool
	// ResponseDays is the class's response time; the sponsor gets as long
	// as the owner had before the manager hears of it.
	ResponseDays int
}

// NextEscalation decides the next escalation of an alert at now. Only
// strategic (S, A) alerts escalate (see ShouldEscalate); an acknowledged
// alert never does; the sponsor step comes first and the manager step one
// response period after it.
func NextEscalation(s EscalationState, now time.Time) EscalationStep {
	if s.Acknowledged || !s.Class.Strategic() {
		return EscalateNone
	}
	switch s.Level {
	case LevelNotEscalated:
		if ShouldEscalate(s.Class, s.Deadline, now, s.Acknowledged) {
			return EscalateToSponsor
		}
	case LevelSponsor:
		if now.After(s.EscalatedAt.AddDate(0, 0, max(1, s.ResponseDays))) {
			return EscalateToManager
		}
	}
	return EscalateNone
}
