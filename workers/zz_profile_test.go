package workers_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
)

func TestZZProfile(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	ctx := context.Background()
	pool := testdb.New(t).Pool()
	_, err := seed.Run(ctx, pool, seed.Options{Accounts: 100000, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := grading.LookupPreset(grading.PresetComputerMakerScorecard)
	model, _ := grading.ParseModel(grading.KindWeightedScorecard, p.Config)
	var gather, eval, marshal time.Duration
	var bytes int
	start := time.Now()
	pop, err := review.GatherScope(ctx, pool, "ALL", asOf, 0, 1<<62, 5000, 1, review.FactsFor(p.Config))
	gather = time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	results, _ := model.Evaluate(asOf, pop.Metrics)
	eval = time.Since(start)
	start = time.Now()
	for _, r := range results {
		b, _ := json.Marshal(r.Explanation)
		bytes += len(b)
	}
	marshal = time.Since(start)
	b, _ := json.Marshal(results[0].Explanation)
	t.Logf("gather %s eval %s marshal %s (%d bytes, avg %d)\n%s", gather, eval, marshal, bytes, bytes/len(results), b)
	start = time.Now()
	_, err = pool.Exec(ctx, `CREATE TEMP TABLE x AS SELECT 1`)
	var n int
	pool.QueryRow(ctx, "SELECT count(*) FROM orders").Scan(&n)
	t.Logf("orders %d", n)
}
