package seed_test

import (
	"context"
	"log/slog"
	"os"
	"strconv"
	"testing"

	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
)

// BenchmarkRun seeds a fresh database per iteration; run it once with
//
//	go test ./internal/seed -run '^$' -bench Run -benchtime 1x
//
// SEED_BENCH_ACCOUNTS sets the size (default 100,000 accounts). It reports
// seconds per run and rows written per second; -v also logs every table.
func BenchmarkRun(b *testing.B) {
	accounts := 100_000
	if s := os.Getenv("SEED_BENCH_ACCOUNTS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("SEED_BENCH_ACCOUNTS: %v", err)
		}
		accounts = n
	}
	logger := slog.New(slog.DiscardHandler)
	if testing.Verbose() {
		logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	var rows int64
	var secs float64
	for b.Loop() {
		b.StopTimer()
		pool := testdb.New(b).Pool()
		b.StartTimer()
		stats, err := seed.Run(context.Background(), pool, seed.Options{Accounts: accounts, Logger: logger})
		if err != nil {
			b.Fatal(err)
		}
		rows += stats.Total()
		secs += stats.Duration.Seconds()
		b.Logf("%d accounts: %d rows in %.1fs (%.0f rows/s), %d faded; rows: %v",
			accounts, stats.Total(), stats.Duration.Seconds(), float64(stats.Total())/stats.Duration.Seconds(), stats.Faded(), stats.Rows)
	}
	b.ReportMetric(secs/float64(b.N), "s/run")
	b.ReportMetric(float64(rows)/secs, "rows/s")
}
