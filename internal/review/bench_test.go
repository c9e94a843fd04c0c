package review_test

import (
	"context"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
)

// benchAccounts is the seeded size of the scan benchmarks:
// SUMMIT_SCAN_BENCH_ACCOUNTS (default 20,000; 1000000 for the 1M size,
// about 20M orders).
func benchAccounts(b *testing.B) int {
	b.Helper()
	n := 20_000
	if s := os.Getenv("SUMMIT_SCAN_BENCH_ACCOUNTS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 100 {
			b.Fatalf("SUMMIT_SCAN_BENCH_ACCOUNTS: want a number ≥ 100, got %q", s)
		}
		n = v
	}
	return n
}

func medianOf(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// timeGather gathers every account's metrics (all facts) and returns the
// wall time.
func timeGather(b *testing.B, pool *pgxpool.Pool, asOf time.Time, fromScratch bool) time.Duration {
	b.Helper()
	ctx := context.Background()
	gather := review.GatherScopeFromAggregates
	if fromScratch {
		gather = review.GatherScopeFromScratch
	}
	start := time.Now()
	pop, err := gather(ctx, pool, review.ScopeAll, asOf, 0, 1<<62, review.DefaultChunkSize, 2, review.AllFacts)
	if err != nil {
		b.Fatal(err)
	}
	if pop.Len() == 0 {
		b.Fatal("no accounts gathered")
	}
	return time.Since(start)
}

// BenchmarkReviewMetrics gathers the review metrics of every seeded
// account (orders, surveys, touchpoints, collections) from the monthly
// aggregates and, interleaved in the same run, from every fact row (the
// computation before the aggregates), and reports both medians and their
// ratio. It then writes one day of new orders for 0.1 %, 1 % and 10 % of
// the accounts and reports, for each, the cost of keeping the aggregates
// (the triggers, measured as the insert's time over the same insert with
// the triggers disabled) and the next day's gather: the curve of scan time
// by facts changed.
func BenchmarkReviewMetrics(b *testing.B) {
	accounts := benchAccounts(b)
	ctx := context.Background()
	pool := testdb.New(b).Pool()
	t0 := time.Now()
	stats, err := seed.Run(ctx, pool, seed.Options{Accounts: accounts, Seed: 3})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d accounts, %d orders in %s", accounts, stats.Rows["orders"], time.Since(t0).Round(time.Millisecond))
	if _, err := pool.Exec(ctx, `VACUUM ANALYZE account_monthly_facts`); err != nil {
		b.Fatal(err)
	}
	asOf := seed.DefaultAsOf
	b.ResetTimer()
	for range b.N {
		var aggs, scratch []time.Duration
		for range 3 {
			scratch = append(scratch, timeGather(b, pool, asOf, true))
			aggs = append(aggs, timeGather(b, pool, asOf, false))
		}
		agg, base := medianOf(aggs), medianOf(scratch)
		b.Logf("review metrics of %d accounts: aggregates %s, from scratch %s, ratio %.2f",
			accounts, agg.Round(time.Millisecond), base.Round(time.Millisecond), agg.Seconds()/base.Seconds())
		b.ReportMetric(agg.Seconds(), "aggregates-s")
		b.ReportMetric(base.Seconds(), "scratch-s")
		b.ReportMetric(agg.Seconds()/base.Seconds(), "ratio")

		// The next days: one day of orders for a share of the accounts.
		next := asOf
		for _, share := range []float64{0.001, 0.01, 0.1} {
			maintain := benchNewDay(b, pool, next, share)
			next = next.AddDate(0, 0, 1)
			scan := timeGather(b, pool, next, false)
			daily := maintain + scan
			b.Logf("day after orders for %.1f %% of accounts: triggers %s + gather %s = %s, %.2f of a from-scratch gather",
				share*100, maintain.Round(time.Millisecond), scan.Round(time.Millisecond), daily.Round(time.Millisecond),
				daily.Seconds()/base.Seconds())
			b.ReportMetric(daily.Seconds()/base.Seconds(), "daily-ratio-"+strconv.FormatFloat(share*100, 'f', -1, 64)+"pct")
		}
	}
}

// benchNewDay inserts one order dated day for share of the accounts (in
// one statement, as an import does) and returns what the triggers added:
// the insert's time less the same insert with them disabled (rolled back).
func benchNewDay(b *testing.B, pool *pgxpool.Pool, day time.Time, share float64) time.Duration {
	b.Helper()
	ctx := context.Background()
	insert := `INSERT INTO orders (created_at, updated_at, order_no, order_date, amount_minor, margin_minor, product_line, status, account_id)
		SELECT now(), now(), 'day-' || $1::date || '-' || id, $1::date, 10000 + id % 991, 1000, 'X', 'SHIPPED', id
		FROM accounts WHERE random() < $2`
	run := func(triggers bool) time.Duration {
		tx, err := pool.Begin(ctx)
		if err != nil {
			b.Fatal(err)
		}
		defer tx.Rollback(ctx) //nolint:errcheck
		if !triggers {
			if _, err := tx.Exec(ctx, `ALTER TABLE orders DISABLE TRIGGER account_monthly_facts_inserted`); err != nil {
				b.Fatal(err)
			}
		}
		start := time.Now()
		if _, err := tx.Exec(ctx, insert, day, share); err != nil {
			b.Fatal(err)
		}
		el := time.Since(start)
		if triggers {
			if err := tx.Commit(ctx); err != nil {
				b.Fatal(err)
			}
		}
		return el
	}
	without := run(false)
	with := run(true)
	return max(with-without, 0)
}
