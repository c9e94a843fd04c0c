package churn

import (
	"testing"
	"time"
)

func TestNextEscalation(t *testing.T) {
	t.Parallel()
	deadline := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	escalated := time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		s    EscalationState
		now  time.Time
		want EscalationStep
	}{
		{"S before deadline", EscalationState{Class: ClassS, Deadline: deadline}, deadline, EscalateNone},
		{"S past deadline", EscalationState{Class: ClassS, Deadline: deadline}, deadline.Add(time.Minute), EscalateToSponsor},
		{"A past deadline", EscalationState{Class: ClassA, Deadline: deadline}, deadline.Add(time.Minute), EscalateToSponsor},
		{"B never escalates", EscalationState{Class: ClassB, Deadline: deadline}, deadline.AddDate(1, 0, 0), EscalateNone},
		{"ungraded never escalates", EscalationState{Deadline: deadline}, deadline.AddDate(1, 0, 0), EscalateNone},
		{"acknowledged", EscalationState{Class: ClassS, Deadline: deadline, Acknowledged: true}, deadline.AddDate(0, 1, 0), EscalateNone},
		{"sponsor still has time", EscalationState{Class: ClassS, Deadline: deadline, Level: LevelSponsor, EscalatedAt: escalated, ResponseDays: 2},
			escalated.AddDate(0, 0, 2), EscalateNone},
		{"sponsor let it pass", EscalationState{Class: ClassS, Deadline: deadline, Level: LevelSponsor, EscalatedAt: escalated, ResponseDays: 2},
			escalated.AddDate(0, 0, 2).Add(time.Second), EscalateToManager},
		{"zero response days waits a day", EscalationState{Class: ClassA, Deadline: deadline, Level: LevelSponsor, EscalatedAt: escalated},
			escalated.Add(23 * time.Hour), EscalateNone},
		{"manager is the last step", EscalationState{Class: ClassS, Deadline: deadline, Level: LevelManager, EscalatedAt: escalated, ResponseDays: 2},
			escalated.AddDate(1, 0, 0), EscalateNone},
	} {
		if got := NextEscalation(tc.s, tc.now); got != tc.want {
			t.Errorf("%s: NextEscalation = %d, want %d", tc.name, got, tc.want)
		}
	}
}
