package churn

import (
	"cmp"
	"slices"
	"time"
)

// AlertTypeChurn is the alert type churn scans own. Reconcile ignores open
// alerts of other types, so other jobs' alerts on the same table are safe.
const AlertTypeChurn = "churn"

// OpenAlert is an alert that is currently open (not resolved, not closed).
type OpenAlert struct {
	AlertID   string
	AccountID string
	// Type is the alert type; only AlertTypeChurn is reconciled.
	Type        string
	Level       Level
	SignalCodes []SignalCode
	// OpenedAt picks which alert survives when an account has duplicates:
	// the oldest, because it carries the deadline and the history.
	OpenedAt time.Time
}

// Action is what to do with an account's alert.
type Action string

// What reconciling an account does to its alert.
const (
	ActionOpen    Action = "open"
	ActionUpdate  Action = "update"
	ActionResolve Action = "resolve"
	ActionNoop    Action = "noop"
)

// DecisionReason says why Reconcile decided an action.
type DecisionReason string

// Why reconciling decided what it did.
const (
	ReasonNewRisk        DecisionReason = "new_risk"        // open: risk with no open alert
	ReasonLevelRaised    DecisionReason = "level_raised"    // update: level went up
	ReasonLevelLowered   DecisionReason = "level_lowered"   // update: level went down, still alert-worthy
	ReasonSignalsChanged DecisionReason = "signals_changed" // update: same level, different signals
	ReasonUnchanged      DecisionReason = "unchanged"       // noop: open alert still matches
	ReasonCleared        DecisionReason = "signals_cleared" // resolve: no signal fires any more
	ReasonBelowMinLevel  DecisionReason = "below_min_level" // resolve: signals remain but level below minLevel
	ReasonDuplicate      DecisionReason = "duplicate"       // resolve: a second open alert for the same account
	ReasonNoRisk         DecisionReason = "no_risk"         // noop: nothing open, nothing to open
	ReasonNotAssessed    DecisionReason = "not_assessed"    // noop: open alert for an account not in this batch
)

// Decision is what to do for one account (or, for ReasonDuplicate, one
// surplus alert).
type Decision struct {
	Action    Action
	Reason    DecisionReason
	AccountID string
	// AlertID is the existing alert acted on; empty for ActionOpen and for
	// a noop without an open alert.
	AlertID string
	// Level and SignalCodes are the new state for open and update, and the
	// current state otherwise.
	Level       Level
	SignalCodes []SignalCode
	// PreviousLevel and PreviousSignalCodes are the open alert's state
	// before this decision, for the audit trail and notifications.
	PreviousLevel       Level
	PreviousSignalCodes []SignalCode
	// Assessment is the account's assessment (points into the assessed
	// slice), nil when the account was not assessed. Store its Explanation
	// with open and update.
	Assessment *Assessment
}

// Reconcile decides, per account, what to do with churn alerts given the
// alerts open now and this scan's assessments. An assessment warrants an
// alert when at least one signal fired and its level is at least minLevel;
// an empty minLevel admits every level.
//
// It never produces a duplicate: at most one open alert per account
// survives (the oldest; the others are resolved as ReasonDuplicate), and
// open is only decided where no alert is open. An open alert for an
// account that is not in assessed is left alone (ReasonNotAssessed),
// because scans run in chunks and absence from a chunk is not evidence of
// recovery. If assessed holds an account twice, the later AsOf wins (the
// later entry on a tie).
//
// Every assessed account and every account with an open churn alert gets
// exactly one decision other than duplicates, sorted by AccountID; callers
// usually act on everything but ActionNoop.
func Reconcile(open []OpenAlert, assessed []Assessment, minLevel Level) []Decision {
	openByAccount := make(map[string][]OpenAlert)
	for _, o := range open {
		if o.Type != AlertTypeChurn {
			continue
		}
		openByAccount[o.AccountID] = append(openByAccount[o.AccountID], o)
	}
	latest := make(map[string]*Assessment, len(assessed))
	for i := range assessed {
		a := &assessed[i]
		if prev, ok := latest[a.AccountID]; !ok || !a.AsOf.Before(prev.AsOf) {
			latest[a.AccountID] = a
		}
	}

	accounts := make([]string, 0, len(latest)+len(openByAccount))
	for id := range latest {
		accounts = append(accounts, id)
	}
	for id := range openByAccount {
		if _, ok := latest[id]; !ok {
			accounts = append(accounts, id)
		}
	}
	slices.Sort(accounts)

	decisions := make([]Decision, 0, len(accounts))
	for _, id := range accounts {
		alerts := openByAccount[id]
		slices.SortFunc(alerts, func(x, y OpenAlert) int {
			return cmp.Or(x.OpenedAt.Compare(y.OpenedAt), cmp.Compare(x.AlertID, y.AlertID))
		})
		var current *OpenAlert
		if len(alerts) > 0 {
			current = &alerts[0]
		}
		decisions = append(decisions, decide(id, current, latest[id], minLevel))
		for _, dup := range alerts[min(1, len(alerts)):] {
			decisions = append(decisions, Decision{
				Action: ActionResolve, Reason: ReasonDuplicate, AccountID: id, AlertID: dup.AlertID,
				Level: dup.Level, SignalCodes: dup.SignalCodes,
				PreviousLevel: dup.Level, PreviousSignalCodes: dup.SignalCodes,
				Assessment: latest[id],
			})
		}
	}
	return decisions
}

func decide(accountID string, current *OpenAlert, a *Assessment, minLevel Level) Decision {
	d := Decision{AccountID: accountID, Assessment: a}
	if current != nil {
		d.AlertID = current.AlertID
		d.PreviousLevel, d.PreviousSignalCodes = current.Level, current.SignalCodes
		d.Level, d.SignalCodes = current.Level, current.SignalCodes
	}
	if a == nil {
		d.Action, d.Reason = ActionNoop, ReasonNotAssessed
		return d
	}
	warrants := len(a.Fired) > 0 && a.Level.AtLeast(minLevel)

	switch {
	case current == nil && !warrants:
		d.Action, d.Reason = ActionNoop, ReasonNoRisk
		d.Level, d.SignalCodes = a.Level, a.SignalCodes()
	case current == nil:
		d.Action, d.Reason = ActionOpen, ReasonNewRisk
		d.Level, d.SignalCodes = a.Level, a.SignalCodes()
	case !warrants:
		d.Action, d.Reason = ActionResolve, ReasonBelowMinLevel
		if len(a.Fired) == 0 {
			d.Reason = ReasonCleared
		}
	default:
		d.Level, d.SignalCodes = a.Level, a.SignalCodes()
		switch {
		case a.Level.rank() > current.Level.rank():
			d.Action, d.Reason = ActionUpdate, ReasonLevelRaised
		case a.Level.rank() < current.Level.rank():
			d.Action, d.Reason = ActionUpdate, ReasonLevelLowered
		case !sameCodes(d.SignalCodes, current.SignalCodes):
			d.Action, d.Reason = ActionUpdate, ReasonSignalsChanged
		default:
			d.Action, d.Reason = ActionNoop, ReasonUnchanged
		}
	}
	return d
}

// sameCodes compares signal codes as sets: the order stored on an alert is
// not meaningful, and a reordering must not churn updates.
func sameCodes(a, b []SignalCode) bool {
	set := func(cs []SignalCode) map[SignalCode]struct{} {
		m := make(map[SignalCode]struct{}, len(cs))
		for _, c := range cs {
			m[c] = struct{}{}
		}
		return m
	}
	sa, sb := set(a), set(b)
	if len(sa) != len(sb) {
		return false
	}
	for c := range sa {
		if _, ok := sb[c]; !ok {
			return false
		}
	}
	return true
}
