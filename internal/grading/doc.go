// Package grading turns per-account metrics into a grade (the model's native
// level, e.g. "diamond", "2", "champions") and a company class S/A/B/C, with
// an explanation that can be stored next to the decision.
//
// The package is pure: no I/O, no database, no clock. Metrics are gathered
// elsewhere (SQL over orders, collections, surveys, touchpoints) and handed in
// as []Metrics; the caller decides the as-of date.
//
// # Models
//
// A grading model is configured with JSON (snake_case keys), validated with
// field paths in the errors, and compiled into a Model:
//
//	model, err := grading.ParseModel(grading.KindWeightedScorecard, raw)
//	results, err := model.Evaluate(asOf, population)
//
// Every kind evaluates a whole population at once because the relative kinds
// (pyramid, rfm) rank accounts against each other; the single-account kinds
// simply map over it. results[i] always belongs to population[i]. Compiled
// models are immutable and safe for concurrent use. Ranking sorts once
// (O(n log n)); per-account work is linear and spread over the CPUs for
// large populations. Results hold a full explanation per account (roughly
// 1 KB each), so for a very large scope of a non-relative kind a caller may
// evaluate in chunks and get identical results (Kind.IsPopulationRelative).
//
// Kinds (see the *Config types for the JSON shape):
//
//   - weighted_scorecard: criteria scored 0–100 by bands or a linear scale,
//     weighted into a 0–100 total, then score thresholds (seed 000).
//   - influence_volume_matrix: influence × volume quadrant → S/A/B/C (seed 003).
//   - value_matrix: current × potential value quadrant → tiers 1–4 (seed 003).
//   - pyramid: rank by any metric; tiers by share of accounts
//     (platinum 1% / gold 19% / iron 30% / lead 50%), by share of value
//     (IBM diamond 50% / gold 25% / silver 20% / other 5% of revenue, cut
//     nearest each line by default) or by count (top_n: HP's 100 global and
//     70 key accounts).
//   - rfm: recency, frequency, monetary quintiles → rule-based segments.
//   - single_factor: one metric over 2–3 periods blended with weights
//     (e.g. 50/30/20) to damp one-off effects, then value thresholds (seed 003).
//   - tiered_ladder: one metric against ascending rungs, e.g. the store
//     membership ladder new/regular/silver/gold/diamond by cumulative spend
//     (seed 000). It is its own kind for readability of presets and audit
//     trails, but compiles onto the single_factor engine with one period.
//   - prospect_close: prospects graded A/B/C/D by months to expected close.
//   - rules: ordered either-or rules, conditions combined with all/any/not
//     over any metric; the first rule that holds decides (seed 000's diamond
//     customers: spend a great deal OR are industry heavyweights).
//
// Every config carries a class_mapping from each native level the model can
// produce to a Class; validation rejects a mapping that misses a level or
// names a level the model cannot produce (usually a typo).
//
// # Decisions worth knowing
//
//   - Money is int64 minor units (fen) in Metrics. Metrics.Value exposes every
//     metric as float64 so one threshold type serves money, ratios and counts;
//     thresholds on money metrics are therefore written in minor units too
//     (¥5,000,000 is 500000000). float64 represents integers exactly up to
//     2^53 (≈ ¥90 trillion in fen), so comparisons at a threshold are exact.
//   - Scorecard weights must sum to exactly 100; they are not normalised.
//     Silent normalisation would hide an admin's typo (weights 25+15+15+15+15
//     quietly re-scaled) and make the published weights differ from the ones
//     that decided. The admin UI can show the remaining weight instead.
//   - Thresholds are inclusive lower bounds (score ≥ min_score); scoring bands
//     are half-open [min, max) so a band edge belongs to exactly one band.
//   - Totals and blends are rounded to 6 decimal places before they are
//     compared, so float noise (74.99999999999999) cannot flip a level.
//   - A metric an account lacks (no survey, never ordered, no previous-year
//     revenue to grow from, unrated credit) counts as the worst outcome for
//     that input — 0 points, low axis, bottom rank, R=1, latest close band —
//     and is listed in Explanation.Missing so a reviewer can see why.
//   - Relative models rank ties together (competition ranking, "1224"); the
//     account-count pyramid and RFM keep tied accounts in one level. Cuts
//     that must hold an exact count or share (top_n, value_share nearest or
//     below) split a tie at the cut by account id, lower first, and say so
//     in the explanation.
//   - Explanations never contain NaN or ±Inf (Metrics.Value treats
//     non-finite values as missing), so they always marshal to JSON.
package grading
