package planning

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/refusal"
)

// TestApplyEveryStateAndTransition walks the whole table: every status ×
// every transition, as an executive with every reason given, for a
// strategic plan with and without approval and for a B/C plan.
func TestApplyEveryStateAndTransition(t *testing.T) {
	t.Parallel()

	// want[plan kind][status][transition] is the resulting status, or "" for
	// a conflict.
	type kind string
	const (
		bc           kind = "B/C"
		strategic    kind = "S/A without approval"
		strategicApp kind = "S/A with approval"
	)
	table := map[Status]map[Transition]Status{
		Draft:     {Submit: Submitted, Approve: "", Reject: "", Activate: "", Close: ""},
		Submitted: {Submit: "", Approve: Approved, Reject: Draft, Activate: Active, Close: ""},
		Approved:  {Submit: "", Approve: "", Reject: Draft, Activate: Active, Close: ""},
		Active:    {Submit: "", Approve: "", Reject: "", Activate: "", Close: Closed},
		Closed:    {Submit: "", Approve: "", Reject: "", Activate: "", Close: ""},
	}
	plans := map[kind]Plan{
		bc:           {},
		strategic:    {Strategic: true},
		strategicApp: {Strategic: true, HasApproval: true},
	}

	cells := 0
	for k, base := range plans {
		for _, from := range Statuses {
			for _, tr := range Transitions {
				want := table[from][tr]
				if k == strategic && tr == Activate && want != "" {
					want = "" // S/A needs the approval on record first
				}
				name := fmt.Sprintf("%s/%s/%s", k, from, tr)
				p := base
				p.Status = from
				eff, err := Apply(p, Request{Transition: tr, Actor: Actor{MayApprove: true}, Reason: "because"})
				if want == "" {
					require.Error(t, err, name)
					var pe *refusal.Error
					require.True(t, errors.As(err, &pe), name)
					require.Equal(t, refusal.Conflict, pe.Kind, name)
					require.Contains(t, err.Error(), string(from), "%s: the message names the current state", name)
					cells++
					continue
				}
				require.NoError(t, err, name)
				require.Equal(t, from, eff.From, name)
				require.Equal(t, want, eff.To, name)
				require.Equal(t, tr == Approve, eff.RecordApproval, name)
				require.Equal(t, tr == Reject, eff.ClearApproval, name)
				require.Equal(t, tr == Reject, eff.SetRejectionReason, name)
				require.Equal(t, tr == Close, eff.SetOutcome, name)
				cells++
			}
		}
	}
	require.Equal(t, 3*5*5, cells)
}

func TestApplyConflictNamesBothStates(t *testing.T) {
	t.Parallel()
	_, err := Apply(Plan{Status: Draft}, Request{Transition: Activate})
	require.EqualError(t, err, "cannot activate a plan that is DRAFT: activate moves a plan from APPROVED or SUBMITTED to ACTIVE")

	_, err = Apply(Plan{Status: Submitted, Strategic: true}, Request{Transition: Activate})
	require.ErrorContains(t, err, "SUBMITTED")
	require.ErrorContains(t, err, "needs an executive's approval")
}

func TestApplyChecksActorThenInputThenState(t *testing.T) {
	t.Parallel()
	kam := Actor{}
	exec := Actor{MayApprove: true}
	for _, tc := range []struct {
		name  string
		plan  Status
		req   Request
		kind  refusal.Kind
		field string
	}{
		{"kam approves", Submitted, Request{Transition: Approve, Actor: kam}, refusal.Forbidden, ""},
		{"kam rejects", Submitted, Request{Transition: Reject, Actor: kam, Reason: "no"}, refusal.Forbidden, ""},
		{"kam approves a draft: who before state", Draft, Request{Transition: Approve, Actor: kam}, refusal.Forbidden, ""},
		{"reject without reason", Submitted, Request{Transition: Reject, Actor: exec, Reason: "  "}, refusal.Invalid, "reason"},
		{"reject a draft without reason: input before state", Draft, Request{Transition: Reject, Actor: exec}, refusal.Invalid, "reason"},
		{"close without outcome", Active, Request{Transition: Close, Actor: kam}, refusal.Invalid, "outcome"},
		{"unknown transition", Draft, Request{Transition: "publish", Actor: exec}, refusal.Invalid, "transition"},
	} {
		_, err := Apply(Plan{Status: tc.plan}, tc.req)
		var pe *refusal.Error
		require.True(t, errors.As(err, &pe), tc.name)
		require.Equal(t, tc.kind, pe.Kind, tc.name)
		require.Equal(t, tc.field, pe.Field, tc.name)
	}

	// Everyone who may change the plan may submit, activate a B/C plan and close.
	for _, tr := range []struct {
		from Status
		t    Transition
	}{{Draft, Submit}, {Submitted, Activate}, {Approved, Activate}} {
		_, err := Apply(Plan{Status: tr.from}, Request{Transition: tr.t, Actor: kam})
		require.NoError(t, err, "%s %s", tr.t, tr.from)
	}
	_, err := Apply(Plan{Status: Active}, Request{Transition: Close, Actor: kam, Reason: "目标达成"})
	require.NoError(t, err)
}

func TestIsStrategic(t *testing.T) {
	t.Parallel()
	require.True(t, IsStrategic("S"))
	require.True(t, IsStrategic("", "A"))
	require.True(t, IsStrategic("B", "S"), "an account upgraded after the plan was created")
	require.False(t, IsStrategic("B", "C", ""))
	require.False(t, IsStrategic())
}

func TestWhatMayChangeWhen(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		s                                    Status
		content, track, actions, rollForward bool
	}{
		{Draft, true, true, true, false},
		{Submitted, true, true, true, false},
		{Approved, false, true, true, false},
		{Active, false, true, true, true},
		{Closed, false, false, false, true},
	} {
		require.Equal(t, tc.content, CanEditContent(tc.s), "content %s", tc.s)
		require.Equal(t, tc.content, CheckContentEditable(tc.s, "the strategy") == nil, "content %s", tc.s)
		require.Equal(t, tc.track, CanTrackObjectives(tc.s), "track %s", tc.s)
		require.Equal(t, tc.track, CheckTrackObjectives(tc.s) == nil, "track %s", tc.s)
		require.Equal(t, tc.actions, AcceptsActions(tc.s), "actions %s", tc.s)
		require.Equal(t, tc.actions, CheckAcceptsActions(tc.s) == nil, "actions %s", tc.s)
		require.Equal(t, tc.rollForward, CanRollForward(tc.s), "roll forward %s", tc.s)
		require.Equal(t, tc.rollForward, CheckRollForward(tc.s) == nil, "roll forward %s", tc.s)
		require.True(t, tc.s.Valid())
	}
	require.False(t, Status("PUBLISHED").Valid())
	err := CheckContentEditable(Active, "the SWOT")
	require.True(t, strings.HasPrefix(err.Error(), "cannot change the SWOT of a plan that is ACTIVE"), err.Error())
}
