package alerts

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/refusal"
)

func requireRefusal(t *testing.T, err error, kind refusal.Kind, field string) {
	t.Helper()
	var r *refusal.Error
	require.ErrorAs(t, err, &r)
	require.Equal(t, kind, r.Kind, "refusal: %v", err)
	require.Equal(t, field, r.Field, "refusal: %v", err)
}

func TestDecideAcknowledge(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

	for _, from := range []Status{StatusOpen, StatusEscalated} {
		c, err := DecideAcknowledge(Alert{ID: 1, Status: from}, "  calling them today ")
		require.NoError(t, err)
		require.Equal(t, Change{From: from, To: StatusAcknowledged, Acknowledge: true, Reason: "calling them today"}, c)
	}

	_, err := DecideAcknowledge(Alert{ID: 1, Status: StatusAcknowledged, AcknowledgedAt: &day}, "")
	requireRefusal(t, err, refusal.Conflict, "")
	require.ErrorContains(t, err, "already acknowledged on 2026-11-02")

	for _, closed := range []Status{StatusResolved, StatusFalseAlarm, StatusLost} {
		_, err := DecideAcknowledge(Alert{ID: 1, Status: closed}, "")
		requireRefusal(t, err, refusal.Conflict, "")
		require.ErrorContains(t, err, "final")
	}

	_, err = DecideAcknowledge(Alert{ID: 1, Status: StatusOpen}, strings.Repeat("x", MaxNoteLen+1))
	requireRefusal(t, err, refusal.Invalid, "note")
}

func TestDecideWinBack(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

	c, err := DecideWinBack(Alert{ID: 1, Status: StatusOpen})
	require.NoError(t, err)
	require.Equal(t, Change{From: StatusOpen, To: StatusAcknowledged, Acknowledge: true}, c, "starting work acknowledges an open alert")

	c, err = DecideWinBack(Alert{ID: 1, Status: StatusEscalated})
	require.NoError(t, err)
	require.True(t, c.Acknowledge)

	c, err = DecideWinBack(Alert{ID: 1, Status: StatusAcknowledged, AcknowledgedAt: &day})
	require.NoError(t, err)
	require.Equal(t, Change{From: StatusAcknowledged, To: StatusAcknowledged}, c, "an acknowledgement on record stays as it was")

	plan := 7
	_, err = DecideWinBack(Alert{ID: 1, Status: StatusAcknowledged, WinBackStartedAt: &day, WinBackPlanID: &plan})
	requireRefusal(t, err, refusal.Conflict, "")
	require.ErrorContains(t, err, "already started on 2026-11-02 for churn alert 1 on plan 7")

	_, err = DecideWinBack(Alert{ID: 1, Status: StatusLost, Outcome: OutcomeLost})
	requireRefusal(t, err, refusal.Conflict, "")
}

func TestDecideResolve(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

	for outcome, to := range map[Outcome]Status{OutcomeRecovered: StatusResolved, OutcomeFalseAlarm: StatusFalseAlarm, OutcomeLost: StatusLost} {
		c, err := DecideResolve(Alert{ID: 1, Status: StatusAcknowledged, AcknowledgedAt: &day}, outcome, " 客户恢复下单 ")
		require.NoError(t, err)
		require.Equal(t, Change{From: StatusAcknowledged, To: to, Outcome: outcome, Reason: "客户恢复下单"}, c)
	}

	c, err := DecideResolve(Alert{ID: 1, Status: StatusOpen}, OutcomeFalseAlarm, "seasonal")
	require.NoError(t, err)
	require.True(t, c.Acknowledge, "resolving an unanswered alert records the response")

	_, err = DecideResolve(Alert{ID: 1, Status: StatusOpen}, OutcomeSignalsCleared, "x")
	requireRefusal(t, err, refusal.Invalid, "outcome")
	_, err = DecideResolve(Alert{ID: 1, Status: StatusOpen}, OutcomeRecovered, "   ")
	requireRefusal(t, err, refusal.Invalid, "reason")
	_, err = DecideResolve(Alert{ID: 1, Status: StatusOpen}, OutcomeRecovered, strings.Repeat("x", MaxReasonLen+1))
	requireRefusal(t, err, refusal.Invalid, "reason")

	_, err = DecideResolve(Alert{ID: 1, Status: StatusResolved, Outcome: OutcomeRecovered, ResolvedAt: &day}, OutcomeLost, "changed my mind")
	requireRefusal(t, err, refusal.Conflict, "")
	require.ErrorContains(t, err, "closed as RESOLVED (RECOVERED) on 2026-11-02")
}

func TestAgeAndOverdue(t *testing.T) {
	t.Parallel()
	opened := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	now := opened.Add(10*24*time.Hour + time.Hour)
	resolved := opened.Add(3*24*time.Hour + 23*time.Hour)
	require.Equal(t, 10, AgeDays(opened, nil, now))
	require.Equal(t, 3, AgeDays(opened, &resolved, now), "a closed alert's age stops at its resolution")
	require.Equal(t, 0, AgeDays(now, nil, opened), "never negative")

	due := opened.Add(48 * time.Hour)
	require.True(t, Overdue(StatusOpen, &due, nil, now))
	require.True(t, Overdue(StatusEscalated, &due, nil, now))
	require.False(t, Overdue(StatusOpen, &due, nil, opened), "before the deadline")
	require.False(t, Overdue(StatusAcknowledged, &due, &opened, now))
	require.False(t, Overdue(StatusOpen, nil, nil, now), "no deadline")
	require.False(t, Overdue(StatusLost, &due, nil, now), "closed alerts are never overdue")
}
