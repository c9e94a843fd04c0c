package workers_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/workers"
)

// churnBenchChildEnv carries the database URL to the worker process the
// churn benchmark measures; churnBenchRSSEnv where it writes its peak RSS.
const (
	churnBenchChildEnv = "SUMMIT_CHURN_BENCH_CHILD_DB"
	churnBenchRSSEnv   = "SUMMIT_CHURN_BENCH_RSS_FILE"
)

// BenchmarkChurnScan scans 100,000 seeded accounts (about 2M orders, 2M
// collections, 1M touchpoints; SUMMIT_CHURN_BENCH_ACCOUNTS=1000000 for the
// 1M size) with the churn pipeline — a `summit work`-like worker process
// running the River jobs: plan, chunks gathering facts set-based, scoring
// in Go, reconciling alerts with explanations, audit and notifications —
// and, in the same run, with a baseline that computes the same facts for
// every account in one hand-written SQL statement (whole-table hash
// aggregates into a temporary table, no scoring, no writes to alerts). It
// checks the pipeline's stored inputs agree with the baseline's figures,
// and reports the median wall times of SUMMIT_CHURN_BENCH_ROUNDS rounds
// (default 3), their ratio and the worker's peak RSS. Between rounds the
// scan's writes are undone so every round does the same work.
func BenchmarkChurnScan(b *testing.B) {
	accounts := 100_000
	if s := os.Getenv("SUMMIT_CHURN_BENCH_ACCOUNTS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("SUMMIT_CHURN_BENCH_ACCOUNTS: %v", err)
		}
		accounts = n
	}
	rounds := 3
	if s := os.Getenv("SUMMIT_CHURN_BENCH_ROUNDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			b.Fatalf("SUMMIT_CHURN_BENCH_ROUNDS: want a positive number, got %q", s)
		}
		rounds = n
	}
	ctx := context.Background()
	pool := testdb.New(b).Pool()
	seedStart := time.Now()
	stats, err := seed.Run(ctx, pool, seed.Options{Accounts: accounts, Seed: 3})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %d accounts, %d orders, %d collections, %d touchpoints in %s", accounts, stats.Rows["orders"],
		stats.Rows["collections"], stats.Rows["touchpoints"], time.Since(seedStart).Round(time.Millisecond))
	if _, err := pool.Exec(ctx, `CREATE TABLE bench_stages AS SELECT id, lifecycle_stage FROM accounts`); err != nil {
		b.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}

	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var pipelines, baselines, reruns []time.Duration
		var rss int64
		var alerts int
		for r := 0; r < rounds; r++ {
			benchChurnReset(b, pool)
			p, peak := benchChurnPipeline(b, pool, churnAsOf)
			base := benchChurnBaseline(b, pool)
			alerts = benchChurnAgree(b, pool)
			// The next day's scan finds its alerts open: the steady state.
			if _, err := pool.Exec(context.Background(), `DELETE FROM river_job`); err != nil {
				b.Fatal(err)
			}
			rerun, _ := benchChurnPipeline(b, pool, churnAsOf.Add(time.Hour))
			pipelines, baselines, reruns, rss = append(pipelines, p), append(baselines, base), append(reruns, rerun), max(rss, peak)
			b.Logf("round %d: pipeline %s (rerun with the alerts open %s), baseline %s", r+1, p.Round(time.Millisecond),
				rerun.Round(time.Millisecond), base.Round(time.Millisecond))
		}
		pipeline, baseline := median(pipelines), median(baselines)
		ratio := pipeline.Seconds() / baseline.Seconds()
		rerun := median(reruns)
		b.Logf("churn scan of %d accounts (%d orders), %d alerts, median of %d rounds: pipeline %s (rerun %s), baseline SQL %s, ratio %.2f (rerun %.2f), worker peak RSS %d MB (%d CPUs)",
			accounts, stats.Rows["orders"], alerts, rounds, pipeline.Round(time.Millisecond), rerun.Round(time.Millisecond),
			baseline.Round(time.Millisecond), ratio, rerun.Seconds()/baseline.Seconds(), rss>>20, runtime.NumCPU())
		b.ReportMetric(rerun.Seconds(), "rerun-s")
		b.ReportMetric(pipeline.Seconds(), "pipeline-s")
		b.ReportMetric(baseline.Seconds(), "baseline-s")
		b.ReportMetric(ratio, "ratio")
		b.ReportMetric(float64(rss>>20), "peak-RSS-MB")
	}
}

// benchChurnReset undoes a scan: alerts, their notifications and audit
// events, lifecycle moves, and the finished jobs.
func benchChurnReset(b *testing.B, pool *pgxpool.Pool) {
	b.Helper()
	for _, sql := range []string{
		`DELETE FROM notifications WHERE kind LIKE 'churn_alert%'`,
		`DELETE FROM audit_events WHERE action LIKE 'churn_alert%' OR action = 'account.lifecycle'`,
		`DELETE FROM churn_alerts`,
		`UPDATE accounts a SET lifecycle_stage = s.lifecycle_stage FROM bench_stages s WHERE s.id = a.id AND a.lifecycle_stage <> s.lifecycle_stage`,
		`DELETE FROM river_job`,
		`VACUUM ANALYZE churn_alerts`,
	} {
		if _, err := pool.Exec(context.Background(), sql); err != nil {
			b.Fatal(err)
		}
	}
}

// benchChurnPipeline runs a scan in a worker process and returns the wall
// time from the request to the last chunk's commit and the process's peak
// RSS in bytes.
func benchChurnPipeline(b *testing.B, pool *pgxpool.Pool, asOf time.Time) (time.Duration, int64) {
	b.Helper()
	rssFile := filepath.Join(b.TempDir(), "rss")
	child := startChild(b, churnBenchChildEnv+"="+pool.Config().ConnString(), churnBenchRSSEnv+"="+rssFile)
	time.Sleep(300 * time.Millisecond) // let River start
	start := time.Now()
	insertChurnScan(b, pool, asOf)
	if err := child.Wait(); err != nil {
		b.Fatalf("worker process: %v", err)
	}
	return time.Since(start), readRSS(b, rssFile)
}

// runChurnBenchChild works jobs until a churn scan has been planned and all
// its chunks are done, then exits.
func runChurnBenchChild(url string) int {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		fmt.Fprintln(os.Stderr, "churn bench worker:", err)
		return 2
	}
	cfg := workers.Config{ReviewSchedule: review.Off, ChurnScanAt: -1, RemindersAt: -1, ChurnWorkers: runtime.NumCPU()}
	if n, err := strconv.Atoi(os.Getenv("SUMMIT_CHURN_BENCH_WORKERS")); err == nil {
		cfg.ChurnWorkers = n
	}
	if n, err := strconv.Atoi(os.Getenv("SUMMIT_CHURN_BENCH_CHUNK")); err == nil {
		cfg.ChurnChunkSize = n
	}
	client, err := workers.NewClient(pool, cfg)
	if err == nil {
		err = client.Start(ctx)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "churn bench worker:", err)
		return 2
	}
	for {
		var planned, pending int
		err := pool.QueryRow(ctx, `
			SELECT count(*) FILTER (WHERE kind = 'churn_scan' AND state = 'completed'),
			       count(*) FILTER (WHERE kind LIKE 'churn_scan%' AND state <> 'completed')
			FROM river_job`).Scan(&planned, &pending)
		if err == nil && planned > 0 && pending == 0 {
			if err := os.WriteFile(os.Getenv(churnBenchRSSEnv), []byte(strconv.FormatInt(peakRSS(), 10)), 0o600); err != nil {
				fmt.Fprintln(os.Stderr, "churn bench worker:", err)
				return 2
			}
			return 0
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// benchChurnBaseline computes the churn facts of every account in scope in
// one hand-written statement into a temporary table.
func benchChurnBaseline(b *testing.B, pool *pgxpool.Pool) time.Duration {
	b.Helper()
	ctx := context.Background()
	if _, err := pool.Exec(ctx, `DROP TABLE IF EXISTS bench_churn_baseline`); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	tx, err := pool.Begin(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck
	// The baseline gets its best settings: no JIT (seconds of compile time
	// for one big statement) and the machine's parallel workers.
	if _, err := tx.Exec(ctx, "SET LOCAL jit = off"); err != nil {
		b.Fatal(err)
	}
	day := time.Date(churnAsOf.Year(), churnAsOf.Month(), churnAsOf.Day(), 0, 0, 0, 0, time.UTC)
	if _, err := tx.Exec(ctx, churnBaselineSQL, day, churn.IntervalHistoryYears); err != nil {
		b.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// benchChurnAgree fails unless the inputs stored with every alert equal the
// baseline's figures for the account; it returns the number of alerts.
func benchChurnAgree(b *testing.B, pool *pgxpool.Pool) int {
	b.Helper()
	var alerts, disagree int
	if err := pool.QueryRow(context.Background(), `
		SELECT count(*), count(*) FILTER (WHERE
		        (c.explanation->'inputs'->>'revenue_current')::bigint IS DISTINCT FROM f.rev_cur
		     OR (c.explanation->'inputs'->>'orders_current')::int IS DISTINCT FROM f.ord_cur
		     OR (c.explanation->'inputs'->>'overdue_now')::bigint IS DISTINCT FROM f.overdue_now
		     OR (c.explanation->'inputs'->>'payments_recent')::int IS DISTINCT FROM f.n_recent
		     OR (c.explanation->'inputs'->>'key_contacts_left')::int IS DISTINCT FROM f.left_n
		     OR coalesce((c.explanation->'inputs'->'complaints_90_days'->>'critical')::int, 0) IS DISTINCT FROM f.critical90)
		FROM churn_alerts c JOIN bench_churn_baseline f ON f.id = c.account_id`).Scan(&alerts, &disagree); err != nil {
		b.Fatal(err)
	}
	if alerts == 0 || disagree != 0 {
		b.Fatalf("the pipeline's inputs and the baseline disagree on %d of %d alerted accounts", disagree, alerts)
	}
	return alerts
}

// churnBaselineSQL is the set-based aggregation of every churn fact (see
// churnscan's factsSQL for the definitions) over whole tables at once.
const churnBaselineSQL = `
CREATE TABLE bench_churn_baseline AS
WITH acc AS (
	SELECT a.id, a.payment_terms_days::int AS terms FROM accounts a
	WHERE NOT a.archived AND a.kind <> 'INTERNAL' AND a.lifecycle_stage NOT IN ('EXPLORATION', 'LOST')
), paid AS (
	SELECT order_id, sum(amount_minor) AS now, coalesce(sum(amount_minor) FILTER (WHERE received_on < $1::date - 90), 0) AS then
	FROM collections WHERE received_on < $1::date AND order_id IS NOT NULL AND due_on >= $1::date - make_interval(years => $2)
	GROUP BY order_id
), ord AS (
	SELECT o.account_id, max(o.order_date) AS last_order, count(*) AS n,
	       (max(o.order_date) - min(o.order_date))::float8 / nullif(count(*) - 1, 0) AS mean_gap,
	       coalesce(sum(o.amount_minor) FILTER (WHERE o.order_date >= $1::date - 90), 0)::bigint AS rev_cur,
	       count(*) FILTER (WHERE o.order_date >= $1::date - 90) AS ord_cur,
	       coalesce(sum(o.amount_minor) FILTER (WHERE o.order_date >= $1::date - 360 AND o.order_date < $1::date - 90), 0)::bigint AS rev_trail,
	       coalesce(sum(o.amount_minor) FILTER (WHERE o.order_date >= $1::date - 455 AND o.order_date < $1::date - 365), 0)::bigint AS rev_ly,
	       coalesce(sum(greatest(o.amount_minor - coalesce(p.now, 0), 0)) FILTER (WHERE o.order_date + acc.terms < $1::date), 0)::bigint AS overdue_now,
	       coalesce(sum(greatest(o.amount_minor - coalesce(p.then, 0), 0)) FILTER (WHERE o.order_date + acc.terms < $1::date - 90), 0)::bigint AS overdue_then
	FROM orders o JOIN acc ON acc.id = o.account_id LEFT JOIN paid p ON p.order_id = o.id
	WHERE o.status = 'SHIPPED' AND o.order_date >= $1::date - make_interval(years => $2) AND o.order_date < $1::date
	GROUP BY o.account_id
), col AS (
	SELECT account_id,
	       avg(greatest(received_on - due_on, 0)) FILTER (WHERE received_on >= $1::date - 90) AS late_recent,
	       count(*) FILTER (WHERE received_on >= $1::date - 90) AS n_recent,
	       avg(greatest(received_on - due_on, 0)) FILTER (WHERE received_on < $1::date - 90) AS late_prev
	FROM collections WHERE received_on >= $1::date - 270 AND received_on < $1::date GROUP BY account_id
), sv AS (
	SELECT account_id, max(score) FILTER (WHERE rn = 1) * 10 AS latest, avg(score) FILTER (WHERE rn > 1) * 10 AS prev
	FROM (SELECT account_id, score, row_number() OVER (PARTITION BY account_id ORDER BY surveyed_on DESC, id DESC) AS rn
	      FROM satisfaction_surveys WHERE surveyed_on < $1::date AND surveyed_on >= $1::date - make_interval(years => $2)) s
	GROUP BY account_id
), cmp AS (
	SELECT account_id, count(*) FILTER (WHERE severity = 'HIGH') AS critical90, count(*) AS all90
	FROM complaints WHERE opened_at >= $1::date - 90 AND opened_at < $1::date GROUP BY account_id
), tp AS (
	SELECT account_id, max(occurred_at) AS last_touch FROM touchpoints WHERE occurred_at < $1::date GROUP BY account_id
), dm AS (
	SELECT account_id, count(*) AS left_n FROM contacts
	WHERE buying_role = 'DECISION_MAKER' AND left_at >= $1::date - 90 AND left_at < $1::date GROUP BY account_id
)
SELECT acc.id, ord.last_order, coalesce(ord.n, 0) AS n, ord.mean_gap, coalesce(ord.rev_cur, 0) AS rev_cur,
       coalesce(ord.ord_cur, 0)::int AS ord_cur, ord.rev_trail, ord.rev_ly,
       coalesce(ord.overdue_now, 0) AS overdue_now, ord.overdue_then,
       col.late_recent, coalesce(col.n_recent, 0)::int AS n_recent, col.late_prev, sv.latest, sv.prev,
       coalesce(cmp.critical90, 0)::int AS critical90, cmp.all90, tp.last_touch, coalesce(dm.left_n, 0)::int AS left_n
FROM acc
LEFT JOIN ord ON ord.account_id = acc.id
LEFT JOIN col ON col.account_id = acc.id
LEFT JOIN sv ON sv.account_id = acc.id
LEFT JOIN cmp ON cmp.account_id = acc.id
LEFT JOIN tp ON tp.account_id = acc.id
LEFT JOIN dm ON dm.account_id = acc.id`
