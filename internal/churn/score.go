package churn

import "time"

// LevelReason says how an assessment's level was decided.
type LevelReason string

// Reasons for a level.
const (
	// LevelByCriticalSignal: a signal fired at critical severity.
	LevelByCriticalSignal LevelReason = "critical_signal"
	// LevelByScore: the score fell in a band.
	LevelByScore LevelReason = "score_band"
)

// MaxScore caps the risk score.
const MaxScore = 100

// Assessment is the churn evaluation of one account.
type Assessment struct {
	AccountID string
	Class     Class
	AsOf      time.Time
	// ConfigVersion is Config.Version of the model that produced this.
	ConfigVersion string
	// Score is min(MaxScore, RawPoints).
	Score int
	// RawPoints is the uncapped sum of the fired signals' points, kept so
	// two accounts at 100 can still be told apart.
	RawPoints   int
	Level       Level
	LevelReason LevelReason
	// Fired lists the signals that fired, in evaluation order.
	Fired []FiredSignal
	// Skipped lists the signals that could not be evaluated, and why.
	Skipped []SkippedSignal
	// Bands are the score bands that were applied.
	Bands LevelBands
	// Facts are the inputs, kept for the explanation.
	Facts Facts
}

// Evaluate scores one account. It applies cfg.WithDefaults, so the zero
// Config is the built-in model; validate a loaded Config once with
// Validate rather than relying on Evaluate, which cannot fail (one bad row
// must not stop a scan of a million accounts). Evaluate is pure and safe to
// call concurrently.
func Evaluate(cfg Config, f Facts) Assessment {
	cfg = cfg.WithDefaults()

	a := Assessment{
		AccountID:     f.AccountID,
		Class:         f.Class,
		AsOf:          f.AsOf,
		ConfigVersion: cfg.Version,
		Bands:         cfg.Bands,
		Facts:         f,
	}
	// Collect on the stack and copy out once, so an account costs at most
	// two slice allocations however many signals fire.
	var buf [len(signalOrderArray)]outcome
	nFired, nSkipped := 0, 0
	for i, code := range signalOrder {
		buf[i] = evalSignal(code, &cfg, &f)
		switch {
		case buf[i].fired:
			nFired++
		case buf[i].skipped:
			nSkipped++
		}
	}
	if nFired > 0 {
		a.Fired = make([]FiredSignal, 0, nFired)
	}
	if nSkipped > 0 {
		a.Skipped = make([]SkippedSignal, 0, nSkipped)
	}
	critical := false
	for i := range signalOrder {
		o := &buf[i]
		switch {
		case o.fired:
			o.signal.Family = o.signal.Code.Family()
			a.Fired = append(a.Fired, o.signal)
			critical = critical || o.signal.Severity == SeverityCritical
		case o.skipped:
			a.Skipped = append(a.Skipped, o.skip)
		}
	}
	// The strongest signal of each family counts (see Family); on equal
	// points the first in evaluation order. One pass: at most one counted
	// signal per family, moved when a stronger one turns up.
	var counted [len(families)]int // index into a.Fired plus one; 0 for none
	for i := range a.Fired {
		f := a.Fired[i].Family.index()
		if prev := counted[f] - 1; prev < 0 || a.Fired[i].Points > a.Fired[prev].Points {
			counted[f] = i + 1
		}
	}
	families := 0
	for _, c := range counted {
		if c > 0 {
			a.Fired[c-1].Counted = true
			a.RawPoints += a.Fired[c-1].Points
			families++
		}
	}
	a.Score = min(a.RawPoints, MaxScore)
	if critical && families >= cfg.CriticalMinFamilies {
		a.Level, a.LevelReason = LevelCritical, LevelByCriticalSignal
	} else {
		a.Level, a.LevelReason = cfg.Bands.Level(a.Score), LevelByScore
	}
	return a
}

// Level bands a score.
func (b LevelBands) Level(score int) Level {
	switch {
	case score >= b.Critical:
		return LevelCritical
	case score >= b.High:
		return LevelHigh
	case score >= b.Medium:
		return LevelMedium
	}
	return LevelLow
}

// SignalCodes returns the codes of the fired signals in evaluation order.
func (a Assessment) SignalCodes() []SignalCode {
	codes := make([]SignalCode, len(a.Fired))
	for i, s := range a.Fired {
		codes[i] = s.Code
	}
	return codes
}

// Signal returns the fired signal with the given code.
func (a Assessment) Signal(code SignalCode) (FiredSignal, bool) {
	for _, s := range a.Fired {
		if s.Code == code {
			return s, true
		}
	}
	return FiredSignal{}, false
}

// Skip returns the skipped signal with the given code.
func (a Assessment) Skip(code SignalCode) (SkippedSignal, bool) {
	for _, s := range a.Skipped {
		if s.Code == code {
			return s, true
		}
	}
	return SkippedSignal{}, false
}
