package churn

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// assessed builds an assessment with the given level and fired signals.
func assessed(account string, level Level, codes ...SignalCode) Assessment {
	a := Assessment{AccountID: account, Level: level, AsOf: testAsOf}
	for _, c := range codes {
		a.Fired = append(a.Fired, FiredSignal{Code: c, Severity: SeverityWarning})
	}
	return a
}

func openChurn(alertID, account string, level Level, openedAt time.Time, codes ...SignalCode) OpenAlert {
	return OpenAlert{AlertID: alertID, AccountID: account, Type: AlertTypeChurn, Level: level, SignalCodes: codes, OpenedAt: openedAt}
}

func TestReconcile(t *testing.T) {
	t.Parallel()

	t0 := testAsOf.Add(-72 * time.Hour)
	gap, contact, cadence := SignalOrderGap, SignalKeyContactLeft, SignalContactCadenceMissed

	type want struct {
		action    Action
		reason    DecisionReason
		alertID   string
		level     Level
		codes     []SignalCode
		prevLevel Level
	}
	tests := []struct {
		name     string
		open     []OpenAlert
		assessed []Assessment
		want     []want
	}{
		{
			name:     "NewRiskOpens",
			assessed: []Assessment{assessed("a", LevelHigh, gap, contact)},
			want:     []want{{ActionOpen, ReasonNewRisk, "", LevelHigh, []SignalCode{gap, contact}, ""}},
		},
		{
			name:     "NoRiskNoAlert",
			assessed: []Assessment{assessed("a", LevelLow)},
			want:     []want{{ActionNoop, ReasonNoRisk, "", LevelLow, []SignalCode{}, ""}},
		},
		{
			name:     "BelowMinLevelDoesNotOpen",
			assessed: []Assessment{assessed("a", LevelLow, cadence)},
			want:     []want{{ActionNoop, ReasonNoRisk, "", LevelLow, []SignalCode{cadence}, ""}},
		},
		{
			name:     "UnchangedIsNoopEvenIfReordered",
			open:     []OpenAlert{openChurn("x", "a", LevelHigh, t0, contact, gap)},
			assessed: []Assessment{assessed("a", LevelHigh, gap, contact)},
			want:     []want{{ActionNoop, ReasonUnchanged, "x", LevelHigh, []SignalCode{gap, contact}, LevelHigh}},
		},
		{
			name:     "LevelRaisedUpdates",
			open:     []OpenAlert{openChurn("x", "a", LevelMedium, t0, gap)},
			assessed: []Assessment{assessed("a", LevelCritical, gap)},
			want:     []want{{ActionUpdate, ReasonLevelRaised, "x", LevelCritical, []SignalCode{gap}, LevelMedium}},
		},
		{
			name:     "LevelLoweredUpdates",
			open:     []OpenAlert{openChurn("x", "a", LevelCritical, t0, gap, contact)},
			assessed: []Assessment{assessed("a", LevelMedium, gap)},
			want:     []want{{ActionUpdate, ReasonLevelLowered, "x", LevelMedium, []SignalCode{gap}, LevelCritical}},
		},
		{
			name:     "SignalsChangedUpdates",
			open:     []OpenAlert{openChurn("x", "a", LevelHigh, t0, gap)},
			assessed: []Assessment{assessed("a", LevelHigh, gap, contact)},
			want:     []want{{ActionUpdate, ReasonSignalsChanged, "x", LevelHigh, []SignalCode{gap, contact}, LevelHigh}},
		},
		{
			name:     "ClearedAutoResolves",
			open:     []OpenAlert{openChurn("x", "a", LevelHigh, t0, gap)},
			assessed: []Assessment{assessed("a", LevelLow)},
			want:     []want{{ActionResolve, ReasonCleared, "x", LevelHigh, []SignalCode{gap}, LevelHigh}},
		},
		{
			name:     "BelowMinLevelAutoResolves",
			open:     []OpenAlert{openChurn("x", "a", LevelMedium, t0, gap, cadence)},
			assessed: []Assessment{assessed("a", LevelLow, cadence)},
			want:     []want{{ActionResolve, ReasonBelowMinLevel, "x", LevelMedium, []SignalCode{gap, cadence}, LevelMedium}},
		},
		{
			name: "DuplicatesCollapseToOldest",
			open: []OpenAlert{
				openChurn("newer", "a", LevelHigh, t0.Add(time.Hour), gap),
				openChurn("older", "a", LevelHigh, t0, gap),
			},
			assessed: []Assessment{assessed("a", LevelHigh, gap)},
			want: []want{
				{ActionNoop, ReasonUnchanged, "older", LevelHigh, []SignalCode{gap}, LevelHigh},
				{ActionResolve, ReasonDuplicate, "newer", LevelHigh, []SignalCode{gap}, LevelHigh},
			},
		},
		{
			name:     "NotAssessedIsLeftAlone",
			open:     []OpenAlert{openChurn("x", "a", LevelHigh, t0, gap)},
			assessed: []Assessment{assessed("b", LevelLow)},
			want: []want{
				{ActionNoop, ReasonNotAssessed, "x", LevelHigh, []SignalCode{gap}, LevelHigh},
				{ActionNoop, ReasonNoRisk, "", LevelLow, []SignalCode{}, ""},
			},
		},
		{
			name:     "OtherAlertTypesIgnored",
			open:     []OpenAlert{{AlertID: "cov", AccountID: "a", Type: "coverage_gap", Level: LevelHigh}},
			assessed: []Assessment{assessed("a", LevelHigh, gap)},
			want:     []want{{ActionOpen, ReasonNewRisk, "", LevelHigh, []SignalCode{gap}, ""}},
		},
		{
			name: "LaterAssessmentWins",
			assessed: []Assessment{
				func() Assessment { a := assessed("a", LevelLow); a.AsOf = testAsOf.Add(time.Hour); return a }(),
				assessed("a", LevelCritical, gap),
			},
			want: []want{{ActionNoop, ReasonNoRisk, "", LevelLow, []SignalCode{}, ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Reconcile(tt.open, tt.assessed, LevelMedium)
			require.Len(t, got, len(tt.want))
			for i, w := range tt.want {
				d := got[i]
				require.Equal(t, w.action, d.Action, "decision %d: %+v", i, d)
				require.Equal(t, w.reason, d.Reason, "decision %d", i)
				require.Equal(t, w.alertID, d.AlertID, "decision %d", i)
				require.Equal(t, w.level, d.Level, "decision %d", i)
				require.ElementsMatch(t, w.codes, d.SignalCodes, "decision %d", i)
				require.Equal(t, w.prevLevel, d.PreviousLevel, "decision %d", i)
			}
		})
	}
}

func TestReconcileMinLevel(t *testing.T) {
	t.Parallel()

	a := []Assessment{assessed("a", LevelLow, SignalContactCadenceMissed)}
	require.Equal(t, ActionNoop, Reconcile(nil, a, LevelMedium)[0].Action)
	require.Equal(t, ActionOpen, Reconcile(nil, a, LevelLow)[0].Action)
	require.Equal(t, ActionOpen, Reconcile(nil, a, "")[0].Action, "empty minLevel admits any fired signal")
	require.Equal(t, ActionNoop, Reconcile(nil, []Assessment{assessed("a", LevelLow)}, "")[0].Action,
		"no fired signal never opens")
}

// TestReconcileConverges applies decisions to a store of open alerts over
// random scans and checks the invariants: never two open churn alerts for
// an account, an alert open exactly when the assessment warrants one, and
// a second Reconcile over the same input changes nothing.
func TestReconcileConverges(t *testing.T) {
	t.Parallel()

	rng := rand.New(rand.NewPCG(1, 2))
	levels := []Level{LevelLow, LevelMedium, LevelHigh, LevelCritical}
	codes := SignalCodes()

	store := map[string]OpenAlert{} // alertID → alert
	// Seed some duplicates, as a buggy past writer might have left.
	for i := range 20 {
		id := fmt.Sprintf("dup-%d", i)
		store[id] = openChurn(id, fmt.Sprintf("acc-%d", i%7), LevelHigh, testAsOf.Add(time.Duration(i)*time.Minute), codes[0])
	}
	nextID := 0

	for scan := range 30 {
		var batch []Assessment
		for acc := range 50 {
			if rng.IntN(4) == 0 { // not every account is in every chunk
				continue
			}
			a := assessed(fmt.Sprintf("acc-%d", acc), levels[rng.IntN(len(levels))])
			for _, c := range codes {
				if rng.IntN(6) == 0 {
					a.Fired = append(a.Fired, FiredSignal{Code: c})
				}
			}
			batch = append(batch, a)
		}

		apply := func(ds []Decision) {
			for _, d := range ds {
				switch d.Action {
				case ActionOpen:
					nextID++
					id := fmt.Sprintf("new-%d", nextID)
					store[id] = openChurn(id, d.AccountID, d.Level, testAsOf.Add(time.Duration(scan)*time.Hour), d.SignalCodes...)
				case ActionUpdate:
					o, ok := store[d.AlertID]
					require.True(t, ok, "update of unknown alert %s", d.AlertID)
					o.Level, o.SignalCodes = d.Level, d.SignalCodes
					store[d.AlertID] = o
				case ActionResolve:
					_, ok := store[d.AlertID]
					require.True(t, ok, "resolve of unknown alert %s", d.AlertID)
					delete(store, d.AlertID)
				}
			}
		}
		openList := func() []OpenAlert {
			var l []OpenAlert
			for _, o := range store {
				l = append(l, o)
			}
			return l
		}

		apply(Reconcile(openList(), batch, LevelMedium))

		perAccount := map[string]int{}
		for _, o := range store {
			perAccount[o.AccountID]++
		}
		for acc, n := range perAccount {
			require.Equal(t, 1, n, "scan %d: account %s has %d open alerts", scan, acc, n)
		}
		for _, a := range batch {
			warrants := len(a.Fired) > 0 && a.Level.AtLeast(LevelMedium)
			require.Equal(t, warrants, perAccount[a.AccountID] == 1, "scan %d: account %s", scan, a.AccountID)
		}
		for _, d := range Reconcile(openList(), batch, LevelMedium) {
			require.Equal(t, ActionNoop, d.Action, "scan %d: rerun must be a no-op: %+v", scan, d)
		}
	}
}
