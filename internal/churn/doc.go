// Package churn turns per-account facts into churn-risk signals, a risk
// score, a level and an explanation (流失预警). It is pure Go: the facts are
// gathered set-based in SQL elsewhere and the decisions it returns are
// written elsewhere, so everything here is deterministic and cheap to test.
//
// The flow of one churn scan is:
//
//	facts   := ... // one Facts per account, from SQL
//	a       := churn.Evaluate(cfg, facts)          // signals, score, level
//	ds      := churn.Reconcile(open, assessed, cfg.AlertMinLevel)
//	due     := churn.Deadline(cfg, class, openedAt) // for newly opened alerts
//	json    := json.Marshal(a.Explanation())        // stored as JSONB
//
// # Score
//
// Each fired signal is worth the points configured for its severity
// (warning or critical). Signals are grouped in families that measure the
// same behaviour (see Family): ordering (order_gap, order_volume_drop,
// revenue_drop_yoy), payment (collections_slowing, overdue_rising),
// sentiment (satisfaction_falling, new_complaints), relationship
// (key_contact_left), engagement (contact_cadence_missed) and standing
// (class_downgraded). One event shows up in several signals of a family, so
// only the strongest fired signal of each family counts (FiredSignal.Counted;
// among equal points the first in evaluation order). The score is the sum
// of the counted points capped at 100:
//
//	score = min(100, Σ over families of max points(fired signals of the family))
//
// Uncounted signals stay in the explanation with their points, so a reader
// sees every measurement that fired.
//
// The level is critical when a signal fires at critical severity and at
// least Config.CriticalMinFamilies families fired (default 3), counting
// the critical signal's own: one severe measurement alone (an empty quarter
// from a lumpy buyer, one bad survey) is common in healthy accounts, while
// corroborated by other kinds of evidence it warrants the critical response
// (LevelByCriticalSignal).
// CriticalMinFamilies 1 makes any critical signal decisive. Otherwise the
// score is banded (LevelByScore): ≥ Bands.Critical → critical,
// ≥ Bands.High → high, ≥ Bands.Medium → medium, else low.
//
// A signal fires when its value reaches (≥) its warning threshold and is
// critical when it reaches its critical threshold. Signals whose inputs are
// missing or too thin are skipped, never fired, and the explanation says
// why.
package churn
