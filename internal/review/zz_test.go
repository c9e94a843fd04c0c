package review

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
)

func TestZZProfileChunk(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	ctx := context.Background()
	pool := testdb.New(t).Pool()
	if _, err := seed.Run(ctx, pool, seed.Options{Accounts: 100000, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	asOf := seed.DefaultAsOf
	p, _ := grading.LookupPreset(grading.PresetComputerMakerScorecard)
	model, _ := grading.ParseModel(grading.KindWeightedScorecard, p.Config)
	ranges, _ := accountRanges(ctx, pool, "ALL", 0, maxAccountID, 5000)
	var cycleID int
	pool.QueryRow(ctx, `INSERT INTO grading_models (created_at, updated_at, key, name, kind, scope) VALUES (now(), now(), 'k', 'k', 'WEIGHTED_SCORECARD', 'ALL') RETURNING id`).Scan(&cycleID)
	var vid int
	pool.QueryRow(ctx, `INSERT INTO grading_model_versions (created_at, updated_at, model_id, number, status, config) VALUES (now(), now(), $1, 1, 'PUBLISHED', $2) RETURNING id`, cycleID, p.Config).Scan(&vid)
	pool.QueryRow(ctx, `INSERT INTO review_cycles (created_at, updated_at, name, period_start, period_end, scope, status, trigger, total_accounts, model_version_id) VALUES (now(), now(), 'x', now(), now(), 'ALL', 'RUNNING', 'MANUAL', 0, $1) RETURNING id`, vid).Scan(&cycleID)
	for _, filterIn := range []bool{true, false} {
		var g, e, w time.Duration
		for _, r := range ranges[:6] {
			s := time.Now()
			pop, err := GatherMetrics(ctx, pool, "ALL", asOf, r.From, r.To, FactsFor(p.Config))
			if err != nil {
				t.Fatal(err)
			}
			g += time.Since(s)
			s = time.Now()
			res, _ := model.Evaluate(asOf, pop.Metrics)
			e += time.Since(s)
			s = time.Now()
			tx, _ := pool.Begin(ctx)
			if err := writeResults(ctx, tx, cycleID, pop.Current, res); err != nil {
				t.Fatal(err)
			}
			tx.Rollback(ctx)
			w += time.Since(s)
		}
		t.Logf("per chunk: gather %s eval %s write(+marshal) %s", g/6, e/6, w/6)
		pop, _ := GatherMetrics(ctx, pool, "ALL", asOf, ranges[7].From, ranges[7].To, FactsFor(p.Config))
		res, _ := model.Evaluate(asOf, pop.Metrics)
		for _, variant := range []string{"full", "empty-json", "no-jsonb-cast"} {
			s := time.Now()
			tx, _ := pool.Begin(ctx)
			rs := res
			if variant != "full" {
				rs = make([]grading.Result, len(res))
				for i := range res {
					rs[i] = res[i]
					rs[i].Explanation = grading.Explanation{}
				}
			}
			if err := writeResults(ctx, tx, cycleID, pop.Current, rs); err != nil {
				t.Fatal(err)
			}
			tx.Rollback(ctx)
			t.Logf("%s: %s", variant, time.Since(s))
		}
		rows, _ := pool.Query(ctx, "EXPLAIN (ANALYZE, BUFFERS) "+buildMetricsSQL("NOT a.archived", FactsFor(p.Config)), ranges[3].From, ranges[3].To,
			asOf, asOf.AddDate(-1, 0, 0), asOf.AddDate(-2, 0, 0), asOf, asOf, asOf, asOf)
		for rows.Next() {
			var line string
			rows.Scan(&line)
			t.Log(line)
		}
		rows.Close()
		_ = filterIn
		break
	}
}
