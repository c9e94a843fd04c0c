package metrics

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
)

// DatabaseCollector reports the pgx pool of this node and, read at scrape
// time from PostgreSQL, River's queues, running review cycles' progress and
// the email outbox. The database figures are the same on every node: query
// them with max(), not sum(), across nodes.
type DatabaseCollector struct {
	pool    *pgxpool.Pool
	logger  *slog.Logger
	timeout time.Duration

	poolConns, poolAcquires, poolAcquireWait, poolEmptyAcquires, poolCanceled, poolMax *prometheus.Desc

	jobs, queueAge, jobsErrored, reviewTotal, reviewDone, outbox, up *prometheus.Desc
}

// NewDatabaseCollector returns a collector over pool; each scrape's queries
// get at most 2 s.
func NewDatabaseCollector(pool *pgxpool.Pool, logger *slog.Logger) *DatabaseCollector {
	d := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc(prometheus.BuildFQName(Namespace, "", name), help, labels, nil)
	}
	return &DatabaseCollector{
		pool: pool, logger: logger, timeout: 2 * time.Second,
		poolConns:         d("db_pool_connections", "pgx pool connections by state (idle, acquired, constructing).", "state"),
		poolMax:           d("db_pool_max_connections", "The pgx pool's size limit."),
		poolAcquires:      d("db_pool_acquires_total", "Connections acquired from the pgx pool."),
		poolAcquireWait:   d("db_pool_acquire_wait_seconds_total", "Time spent waiting for a pgx pool connection."),
		poolEmptyAcquires: d("db_pool_empty_acquires_total", "Acquires that had to wait because the pool was empty."),
		poolCanceled:      d("db_pool_canceled_acquires_total", "Acquires cancelled by their context."),
		up:                d("db_up", "1 when the scrape's database queries succeeded."),
		jobs:              d("river_jobs", "River jobs in the database by queue, kind and state.", "queue", "kind", "state"),
		queueAge:          d("river_queue_oldest_available_seconds", "Age of the oldest job ready to run, by queue (0 when none wait).", "queue"),
		jobsErrored:       d("river_jobs_with_errors", "Jobs not yet completed that have failed at least once (retryable or discarded), by kind.", "kind", "state"),
		reviewTotal:       d("review_cycle_accounts", "Accounts in each running review cycle.", "cycle"),
		reviewDone:        d("review_cycle_accounts_done", "Accounts already computed in each running review cycle.", "cycle"),
		outbox:            d("notification_outbox", "Emails by outbox state (pending, failed).", "state"),
	}
}

// Describe implements prometheus.Collector.
func (c *DatabaseCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.poolConns, c.poolMax, c.poolAcquires, c.poolAcquireWait, c.poolEmptyAcquires,
		c.poolCanceled, c.up, c.jobs, c.queueAge, c.jobsErrored, c.reviewTotal, c.reviewDone, c.outbox} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *DatabaseCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.pool.Stat()
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	counter := func(d *prometheus.Desc, v float64) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v)
	}
	gauge(c.poolConns, float64(s.IdleConns()), "idle")
	gauge(c.poolConns, float64(s.AcquiredConns()), "acquired")
	gauge(c.poolConns, float64(s.ConstructingConns()), "constructing")
	gauge(c.poolMax, float64(s.MaxConns()))
	counter(c.poolAcquires, float64(s.AcquireCount()))
	counter(c.poolAcquireWait, s.AcquireDuration().Seconds())
	counter(c.poolEmptyAcquires, float64(s.EmptyAcquireCount()))
	counter(c.poolCanceled, float64(s.CanceledAcquireCount()))

	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	if err := c.collectDatabase(ctx, ch); err != nil {
		c.logger.Warn("metrics: error reading database figures", "error", err)
		gauge(c.up, 0)
		return
	}
	gauge(c.up, 1)
}

// databaseFiguresSQL reads every database figure in one round trip.
const databaseFiguresSQL = `
	SELECT 'jobs', queue, kind, state::text, count(*)::float8 FROM river_job GROUP BY queue, kind, state
	UNION ALL
	SELECT 'age', queue, '', '', COALESCE(EXTRACT(EPOCH FROM now() - min(scheduled_at)), 0)::float8
	  FROM river_job WHERE state = 'available' AND scheduled_at <= now() GROUP BY queue
	UNION ALL
	SELECT 'errored', '', kind, state::text, count(*)::float8 FROM river_job
	 WHERE state IN ('retryable', 'discarded') GROUP BY kind, state
	UNION ALL
	SELECT 'review_total', c.id::text, '', '', c.total_accounts::float8 FROM review_cycles c WHERE c.status = 'RUNNING'
	UNION ALL
	SELECT 'review_done', c.id::text, '', '', (SELECT count(*) FROM review_results r WHERE r.cycle_id = c.id)::float8
	  FROM review_cycles c WHERE c.status = 'RUNNING'
	UNION ALL
	SELECT 'outbox', CASE WHEN failed_at IS NULL THEN 'pending' ELSE 'failed' END, '', '', count(*)::float8
	  FROM notifications WHERE channel = 'EMAIL' AND sent_at IS NULL GROUP BY 2`

func (c *DatabaseCollector) collectDatabase(ctx context.Context, ch chan<- prometheus.Metric) error {
	rows, err := c.pool.Query(ctx, databaseFiguresSQL)
	if err != nil {
		return err
	}
	defer rows.Close()
	var metrics []prometheus.Metric
	for rows.Next() {
		var what, a, b, state string
		var v float64
		if err := rows.Scan(&what, &a, &b, &state, &v); err != nil {
			return err
		}
		var m prometheus.Metric
		switch what {
		case "jobs":
			m = prometheus.MustNewConstMetric(c.jobs, prometheus.GaugeValue, v, a, b, state)
		case "age":
			m = prometheus.MustNewConstMetric(c.queueAge, prometheus.GaugeValue, v, a)
		case "errored":
			m = prometheus.MustNewConstMetric(c.jobsErrored, prometheus.GaugeValue, v, b, state)
		case "review_total":
			m = prometheus.MustNewConstMetric(c.reviewTotal, prometheus.GaugeValue, v, a)
		case "review_done":
			m = prometheus.MustNewConstMetric(c.reviewDone, prometheus.GaugeValue, v, a)
		case "outbox":
			m = prometheus.MustNewConstMetric(c.outbox, prometheus.GaugeValue, v, a)
		}
		metrics = append(metrics, m)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	// Sent only when the whole read succeeded, so a failed scrape shows
	// db_up 0 rather than half the figures.
	for _, m := range metrics {
		ch <- m
	}
	return nil
}
