package imports_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/imports"
	"github.com/summitkam/summit/internal/review"
)

// Admin-defined metrics: values imported as people write them (checked
// against the metric's type, dated), re-imported without change, and graded
// by a model that names them like built-in metrics — the seed's "market
// share, contribution and demand" scheme as a model a company runs.
func TestCustomMetricsImportAndGrade(t *testing.T) {
	t.Parallel()
	b := setup(t, 0)
	_, err := b.pool.Exec(b.ctx, `
		INSERT INTO accounts (created_at, updated_at, code, name, kind) VALUES
			(now(), now(), 'M1', '甲公司', 'B2B'), (now(), now(), 'M2', '乙公司', 'B2B'), (now(), now(), 'M3', '丙公司', 'B2B');
		INSERT INTO custom_metrics (created_at, updated_at, key, name, name_en, value_type, options, active) VALUES
			(now(), now(), 'market_share', '市场占有率', 'Market share', 'NUMBER', NULL, true),
			(now(), now(), 'demand', '需求潜力', 'Demand', 'ENUM', '["低", "中", "高"]', true),
			(now(), now(), 'strategic_fit', '战略契合', 'Strategic fit', 'BOOL', NULL, true)`)
	require.NoError(t, err)
	csv := "客户编码,指标,指标值,生效日期\n" +
		"M1,市场占有率,35%,2026/1/1\n" + // row 2
		"M1,market_share,0.2,2025/1/1\n" + // row 3: an older value
		"M2,市场占有率,8%,2026/1/1\n" +
		"M3,市场占有率,０.１５,2026/1/1\n" +
		"M1,需求潜力,高,2026/1/1\n" +
		"M2,demand,中,2026/1/1\n" +
		"M3,需求潜力,极高,2026/1/1\n" + // row 8: not an option
		"M1,战略契合,是,2026/1/1\n" +
		"M2,市场占有率,many,2026/2/1\n" + // row 10: not a number
		"M2,利润贡献,1,2026/1/1\n" // row 11: no such metric
	_, counts, issues := b.run(t, admin, "metric_values", "指标.csv", []byte(csv), false, imports.ValidRows)
	require.Equal(t, imports.Counts{Total: 10, Created: 7, Refused: 3}, counts, "%+v", issues)
	require.Contains(t, issueAt(issues, 8).Message, "not an option")
	require.Contains(t, issueAt(issues, 10).Message, "not a number")
	require.Contains(t, issueAt(issues, 11).Message, "no active custom metric")
	_, counts, _ = b.run(t, admin, "metric_values", "指标.csv", []byte(csv), false, imports.ValidRows)
	require.Equal(t, imports.Counts{Total: 10, Unchanged: 7, Refused: 3}, counts)

	// Market share 60%, demand 40%: M1 35% → 100, 高 (3) → 100: 100 → A;
	// M2 8% → 40, 中 (2) → 60: 48 → C; M3 15% → 70, no demand (worst) → 0: 42 → C.
	config := json.RawMessage(`{
		"criteria": [
			{"name": "market share", "metric": "extra.market_share", "weight": 60, "bands": [
				{"max": 0.1, "points": 40}, {"min": 0.1, "max": 0.3, "points": 70}, {"min": 0.3, "points": 100}]},
			{"name": "demand", "metric": "extra.demand", "weight": 40, "bands": [
				{"max": 2, "points": 20}, {"min": 2, "max": 3, "points": 60}, {"min": 3, "points": 100}]}
		],
		"thresholds": [{"level": "A", "min_score": 75}, {"level": "B", "min_score": 60}, {"level": "C", "min_score": 0}],
		"class_mapping": {"A": "A", "B": "B", "C": "C"}}`)
	sim, err := review.Simulate(b.ctx, b.pool, grading.KindWeightedScorecard, config, review.SimulateInput{AsOf: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Sample: 10})
	require.NoError(t, err)
	got := map[int]float64{}
	classes := map[int]grading.Class{}
	for _, m := range sim.Movers {
		got[m.AccountID] = *m.Score
		classes[m.AccountID] = m.To
	}
	for code, want := range map[string]struct {
		score float64
		class grading.Class
	}{"M1": {100, "A"}, "M2": {48, "C"}, "M3": {42, "C"}} {
		var id int
		require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT id FROM accounts WHERE code = $1`, code).Scan(&id))
		require.InDelta(t, want.score, got[id], 1e-6, code)
		require.Equal(t, want.class, classes[id], code)
	}
}
