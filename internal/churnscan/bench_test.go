package churnscan_test

import (
	"context"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/summitkam/summit/internal/churnscan"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
)

// gatherAll gathers the churn facts of every in-scope account in chunks of
// 5,000 (the scan's default) and returns the wall time.
func gatherAll(b *testing.B, pool *pgxpool.Pool, at time.Time, fromScratch bool) time.Duration {
	b.Helper()
	ctx := context.Background()
	gather := churnscan.GatherFacts
	if fromScratch {
		gather = churnscan.GatherFactsFromScratch
	}
	start := time.Now()
	ranges, err := churnscan.Ranges(ctx, pool, 5000)
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range ranges {
		if _, _, err := gather(ctx, pool, at, r.From, r.To); err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(start)
}

// BenchmarkChurnFacts gathers the churn facts of every seeded account
// (SUMMIT_SCAN_BENCH_ACCOUNTS, default 20,000) with the monthly aggregates
// and, interleaved in the same run, from every fact row, and reports both
// medians and their ratio; then, for one day of new touchpoints and orders
// on 0.1 %, 1 % and 10 % of the accounts, the next day's gather against the
// from-scratch one (the curve of scan time by facts changed).
func BenchmarkChurnFacts(b *testing.B) {
	accounts := 20_000
	if s := os.Getenv("SUMMIT_SCAN_BENCH_ACCOUNTS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 100 {
			b.Fatalf("SUMMIT_SCAN_BENCH_ACCOUNTS: want a number ≥ 100, got %q", s)
		}
		accounts = v
	}
	ctx := context.Background()
	pool := testdb.New(b).Pool()
	if _, err := seed.Run(ctx, pool, seed.Options{Accounts: accounts, Seed: 3}); err != nil {
		b.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `VACUUM ANALYZE account_monthly_facts`); err != nil {
		b.Fatal(err)
	}
	median := func(ds []time.Duration) time.Duration {
		s := slices.Clone(ds)
		slices.Sort(s)
		return s[len(s)/2]
	}
	b.ResetTimer()
	for range b.N {
		var aggs, scratch []time.Duration
		for range 3 {
			scratch = append(scratch, gatherAll(b, pool, asOf, true))
			aggs = append(aggs, gatherAll(b, pool, asOf, false))
		}
		agg, base := median(aggs), median(scratch)
		b.Logf("churn facts of %d accounts: aggregates %s, from scratch %s, ratio %.2f", accounts,
			agg.Round(time.Millisecond), base.Round(time.Millisecond), agg.Seconds()/base.Seconds())
		b.ReportMetric(agg.Seconds(), "aggregates-s")
		b.ReportMetric(base.Seconds(), "scratch-s")
		b.ReportMetric(agg.Seconds()/base.Seconds(), "ratio")
		next := asOf
		for _, share := range []float64{0.001, 0.01, 0.1} {
			day := next.Truncate(24 * time.Hour)
			t0 := time.Now()
			for _, sql := range []string{
				`INSERT INTO orders (created_at, updated_at, order_no, order_date, amount_minor, margin_minor, product_line, status, account_id)
				 SELECT now(), now(), 'day-' || $1::date || '-' || id, $1::date, 10000, 1000, 'X', 'SHIPPED', id FROM accounts WHERE random() < $2`,
				`INSERT INTO touchpoints (created_at, updated_at, kind, occurred_at, account_id)
				 SELECT now(), now(), 'CALL', $1::date + interval '10 hours', id FROM accounts WHERE random() < $2`,
			} {
				if _, err := pool.Exec(ctx, sql, day, share); err != nil {
					b.Fatal(err)
				}
			}
			write := time.Since(t0)
			next = next.AddDate(0, 0, 1)
			scan := gatherAll(b, pool, next, false)
			b.Logf("day after facts for %.1f %% of accounts: writes (with triggers) %s, gather %s, %.2f of a from-scratch gather",
				share*100, write.Round(time.Millisecond), scan.Round(time.Millisecond), scan.Seconds()/base.Seconds())
			b.ReportMetric(scan.Seconds()/base.Seconds(), "daily-ratio-"+strconv.FormatFloat(share*100, 'f', -1, 64)+"pct")
		}
	}
}
