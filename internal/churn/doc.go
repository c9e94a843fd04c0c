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
// Each fired signal contributes the points configured for its severity
// (warning or critical). The score is the sum of those points capped at
// 100:
//
//	score = min(100, Σ points(fired signal))
//
// The level is critical as soon as any signal fires at critical severity,
// because one severe fact (two decision makers gone, a critical complaint)
// warrants a response whatever else looks fine. Otherwise the score is
// banded: ≥ Bands.Critical → critical, ≥ Bands.High → high, ≥ Bands.Medium
// → medium, else low.
//
// A signal fires when its value reaches (≥) its warning threshold and is
// critical when it reaches its critical threshold. Signals whose inputs are
// missing or too thin are skipped, never fired, and the explanation says
// why.
package churn
