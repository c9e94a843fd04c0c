// Package partners grades distributors (渠道分级, seed 003) on the tier
// ladder: general distributor 总经销商 (rank 1) → tier-1 一级经销商 → gold
// 金牌经销商 → silver 银牌经销商 → certified 认证经销商.
//
// The pure half (ladder.go, evaluate.go, explain.go, standing.go,
// period.go) has no database and no clock: it says which tier a partner's
// figures support, which minimum of every tier passes or fails, what is
// missing for the next tier ("¥2.1M more performance", "3 more certified
// staff", in English and zh-CN), what a periodic re-evaluation does with a
// partner (upgrade proposal, probation, downgrade proposal when probation
// ends) and when probation ends.
//
// The database half (tiers.go, figures.go, evaluations.go, profiles.go,
// reevaluate.go) keeps the ladder (admins), evaluates partners, records
// partner managers' decisions and executives' approvals, applies tiers, and
// runs the periodic re-evaluation. Every state change is audited in the
// transaction that makes it.
//
// # Decisions worth knowing
//
//   - The supported tier is the best-ranked tier all of whose minimums the
//     figures meet; a tier without requirements is met by everyone (an entry
//     tier). A partner meeting no tier is supported for none.
//   - Performance (业绩贡献) is rolled up the distribution chain: a
//     distributor is evaluated on its own trailing-12-month performance plus
//     that of every sub-distributor and dealer below it (recursive SQL over
//     parent_id). The roll-up is a fact about the partner, so it counts the
//     whole chain whoever asks.
//   - Explanations are grading.Explanation documents (kind
//     "partner_tier_ladder") with the gaps to the next tier added: for each
//     requirement of each tier, Points is 1 when the minimum is met and 0
//     when not, Weight 1, Contribution = Points, Rule the minimum.
//   - Upgrades into the top two tiers (rank 1–2) need an executive's
//     approval; an executive's own decision takes effect at once.
//   - A partner found below its tier goes on probation for a grace period
//     (default 90 days); probation_until is the day it ends. A partner still
//     below on that day gets a downgrade proposal (kind PROBATION_END); one
//     that recovered is taken off probation. Probation and recovery are
//     applied by the system; upgrades and downgrades wait for a partner
//     manager's decision.
//   - Periodic runs are idempotent per partner through
//     tier_evaluations.run_key (a partial unique index): "2026-H2" for a
//     semiannual run, "probation-end-2027-01-30" for a probation ending. The
//     state change of a partner is made only by the statement that inserted
//     its evaluation, so two nodes running the same period change each
//     partner once.
package partners
