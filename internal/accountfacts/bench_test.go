package accountfacts_test

import (
	"context"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
)

// BenchmarkCopyOrdersWithAggregates measures what the aggregate triggers
// add to a bulk load: COPY of SUMMIT_FACTS_BENCH_ORDERS orders (default
// 200,000; 1000000 for the import target's size) over 2,000 accounts and
// three years, with the triggers and, in the same run (interleaved, each
// load rolled back), with them disabled; it reports both medians and the
// ratio.
func BenchmarkCopyOrdersWithAggregates(b *testing.B) {
	n := 200_000
	if s := os.Getenv("SUMMIT_FACTS_BENCH_ORDERS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			b.Fatalf("SUMMIT_FACTS_BENCH_ORDERS: want a positive number, got %q", s)
		}
		n = v
	}
	ctx := context.Background()
	pool := testdb.New(b).Pool()
	if _, err := seed.Run(ctx, pool, seed.Options{Accounts: 2000, Seed: 3}); err != nil {
		b.Fatal(err)
	}
	var firstAccount int64
	if err := pool.QueryRow(ctx, `SELECT min(id) FROM accounts`).Scan(&firstAccount); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		var with, without []time.Duration
		for r := range 3 {
			without = append(without, copyOrders(b, pool, n, firstAccount, r, false))
			with = append(with, copyOrders(b, pool, n, firstAccount, r, true))
		}
		w, wo := median(with), median(without)
		b.Logf("COPY %d orders: with aggregate triggers %s, without %s, ratio %.2f", n, w.Round(time.Millisecond),
			wo.Round(time.Millisecond), w.Seconds()/wo.Seconds())
		b.ReportMetric(w.Seconds(), "with-s")
		b.ReportMetric(wo.Seconds(), "without-s")
		b.ReportMetric(w.Seconds()/wo.Seconds(), "ratio")
	}
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// copyOrders COPYs n generated orders in a transaction it rolls back and
// returns the COPY's wall time (commit excluded: both variants roll back).
func copyOrders(b *testing.B, pool *pgxpool.Pool, n int, firstAccount int64, round int, triggers bool) time.Duration {
	b.Helper()
	ctx := context.Background()
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
	now := time.Now()
	start := time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC)
	i := 0
	src := pgx.CopyFromFunc(func() ([]any, error) {
		if i == n {
			return nil, nil
		}
		i++
		return []any{now, now, "bench-" + strconv.Itoa(round) + "-" + strconv.Itoa(i), start.AddDate(0, 0, i%1095),
			int64(10_000 + i%997), int64(1_000), "X", "SHIPPED", firstAccount + int64(i%2000)}, nil
	})
	t0 := time.Now()
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"orders"},
		[]string{"created_at", "updated_at", "order_no", "order_date", "amount_minor", "margin_minor", "product_line", "status", "account_id"}, src); err != nil {
		b.Fatal(err)
	}
	return time.Since(t0)
}
