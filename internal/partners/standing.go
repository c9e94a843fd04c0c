package partners

import (
	"fmt"
	"time"
)

// Standing is where the numbers put a partner against the tier it holds.
type Standing string

// Standings.
const (
	// Above: the figures support a better tier (or a first tier).
	Above Standing = "ABOVE"
	// Level: the figures support exactly the tier held (or none, holding none).
	Level Standing = "LEVEL"
	// Below: the figures do not support the tier held.
	Below Standing = "BELOW"
)

// Compare places supported against current; nil means no tier.
func Compare(current, supported *Tier) Standing {
	switch {
	case current == nil && supported == nil:
		return Level
	case current == nil:
		return Above
	case supported == nil:
		return Below
	case supported.Rank < current.Rank:
		return Above
	case supported.Rank > current.Rank:
		return Below
	}
	return Level
}

// Proposal is what an evaluation proposes against the tier held (the
// tier_evaluations.proposal enum).
type Proposal string

// Proposals.
const (
	ProposeUpgrade   Proposal = "UPGRADE"
	ProposeDowngrade Proposal = "DOWNGRADE"
	ProposeProbation Proposal = "PROBATION"
	ProposeHold      Proposal = "HOLD"
)

// ProposalFor is the proposal of a one-off evaluation: a partner below its
// tier is proposed for a downgrade (a partner manager may choose to keep
// the tier instead; probation is the periodic re-evaluation's business).
func ProposalFor(current, supported *Tier) Proposal {
	switch Compare(current, supported) {
	case Above:
		return ProposeUpgrade
	case Below:
		return ProposeDowngrade
	}
	return ProposeHold
}

// Kinds of evaluation (tier_evaluations.kind).
const (
	KindManual       = "MANUAL"
	KindReevaluation = "REEVALUATION"
	KindProbationEnd = "PROBATION_END"
)

// DefaultGraceDays is the default length of probation.
const DefaultGraceDays = 90

// Day truncates t to its UTC calendar day.
func Day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ProbationUntil is the day a probation started on start ends: graceDays
// later. On that day the partner is judged again.
func ProbationUntil(start time.Time, graceDays int) time.Time {
	return Day(start).AddDate(0, 0, graceDays)
}

// ProbationEnded reports whether a probation ending on until is over on
// today.
func ProbationEnded(until, today time.Time) bool {
	return !Day(today).Before(Day(until))
}

// ProbationEndKey is the run key of the evaluation made when a probation
// ending on until is over: one per partner and probation.
func ProbationEndKey(until time.Time) string {
	return "probation-end-" + Day(until).Format(time.DateOnly)
}

// Partner is what a periodic run needs to know about a partner.
type Partner struct {
	Current        *Tier
	Supported      *Tier
	OnProbation    bool
	ProbationUntil time.Time // zero when not on probation
}

// Step is what a periodic run does with one partner: record an evaluation
// under RunKey and, when the evaluation is new, change the partner.
type Step struct {
	Kind     string
	Proposal Proposal
	RunKey   string
	// Applied steps (probation, recovery) take effect at once; the others
	// are DRAFT proposals awaiting a partner manager's decision.
	Applied bool
	// StartProbation puts the partner on probation until ProbationUntil.
	StartProbation bool
	ProbationUntil time.Time
	// ClearProbation takes the partner off probation.
	ClearProbation bool
	// Reason is the evaluation's reason, for people.
	Reason string
}

// Plan decides the step of a periodic run for p on today, in the run of
// periodKey (e.g. "2026-H2"), with probation lasting graceDays. ok is false
// when nothing is to be done: a partner level with its tier, or below it
// and still within its probation.
//
//   - probation over: a PROBATION_END evaluation keyed by its end day —
//     still below: a DOWNGRADE proposal; recovered: probation cleared (and
//     an UPGRADE proposal if now above);
//   - on probation, not over: recovered partners are taken off probation;
//   - not on probation: above → UPGRADE proposal; below → probation.
func Plan(p Partner, periodKey string, today time.Time, graceDays int) (Step, bool) {
	standing := Compare(p.Current, p.Supported)
	if p.OnProbation && !p.ProbationUntil.IsZero() && ProbationEnded(p.ProbationUntil, today) {
		key := ProbationEndKey(p.ProbationUntil)
		switch standing {
		case Below:
			return Step{Kind: KindProbationEnd, Proposal: ProposeDowngrade, RunKey: key,
				Reason: fmt.Sprintf("probation ended on %s with the figures still below %s", Day(p.ProbationUntil).Format(time.DateOnly), p.Current.Code)}, true
		case Above:
			return Step{Kind: KindProbationEnd, Proposal: ProposeUpgrade, RunKey: key, ClearProbation: true,
				Reason: "recovered by the end of probation; the figures support a better tier"}, true
		}
		return Step{Kind: KindProbationEnd, Proposal: ProposeHold, RunKey: key, Applied: true, ClearProbation: true,
			Reason: "recovered by the end of probation"}, true
	}
	if p.OnProbation {
		switch standing {
		case Below:
			return Step{}, false // still within the grace period
		case Above:
			return Step{Kind: KindReevaluation, Proposal: ProposeUpgrade, RunKey: periodKey, ClearProbation: true,
				Reason: "recovered during probation; the figures support a better tier"}, true
		}
		return Step{Kind: KindReevaluation, Proposal: ProposeHold, RunKey: periodKey, Applied: true, ClearProbation: true,
			Reason: "recovered during probation"}, true
	}
	switch standing {
	case Above:
		return Step{Kind: KindReevaluation, Proposal: ProposeUpgrade, RunKey: periodKey,
			Reason: "the figures support a better tier"}, true
	case Below:
		until := ProbationUntil(today, graceDays)
		return Step{Kind: KindReevaluation, Proposal: ProposeProbation, RunKey: periodKey, Applied: true,
			StartProbation: true, ProbationUntil: until,
			Reason: fmt.Sprintf("the figures are below %s: on probation until %s", p.Current.Code, until.Format(time.DateOnly))}, true
	}
	return Step{}, false
}
