package workers_test

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/churnscan"
	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
	"github.com/summitkam/summit/workers"
)

// churnCrashChildEnv carries the database URL to the worker process the
// churn crash test kills.
const churnCrashChildEnv = "SUMMIT_CHURN_CRASH_CHILD_DB"

// churnAsOf is when the scans in these tests run: the seed's today.
var churnAsOf = seed.DefaultAsOf.Add(3 * time.Hour)

// churnConfig works churn chunks one at a time, in small chunks, with the
// other schedules off, and rescues a killed worker's job within seconds.
func churnConfig() workers.Config {
	return workers.Config{
		ReviewSchedule:       review.Off,
		ChurnScanAt:          -1,
		RemindersAt:          -1,
		ChurnChunkSize:       250,
		ChurnWorkers:         1,
		JobTimeout:           5 * time.Second,
		RescueStuckJobsAfter: 6 * time.Second,
	}
}

func runChurnCrashChild(url string) int {
	cfg := churnConfig()
	cfg.ChurnChunkPause = 300 * time.Millisecond
	return runWorkerUntilKilled("churn crash child", url, cfg)
}

// churnAlert is everything a scan decides about an account's alert.
type churnAlert struct {
	AccountID int
	Status    string
	Severity  string
	Score     float64
	Codes     []string
	Due       *time.Time
	OwnerID   *int
	OpenedAt  time.Time
}

func churnAlerts(t *testing.T, pool *pgxpool.Pool) []churnAlert {
	t.Helper()
	rows, err := pool.Query(context.Background(), `
		SELECT account_id, status, severity, risk_score, jsonb_path_query_array(signals, '$[*].code'), response_due_at,
		       owner_id, opened_at
		FROM churn_alerts ORDER BY account_id, id`)
	require.NoError(t, err)
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (churnAlert, error) {
		var a churnAlert
		err := row.Scan(&a.AccountID, &a.Status, &a.Severity, &a.Score, &a.Codes, &a.Due, &a.OwnerID, &a.OpenedAt)
		return a, err
	})
	require.NoError(t, err)
	return out
}

func seedChurn(t testing.TB, accounts int) *pgxpool.Pool {
	t.Helper()
	pool := testdb.New(t).Pool()
	_, err := seed.Run(viewer.System(context.Background(), "test"), pool, seed.Options{Accounts: accounts, Seed: 13})
	require.NoError(t, err)
	return pool
}

// uninterruptedAlerts runs the same scan in-process on a fresh copy of the
// data: what the scan decides when nothing goes wrong.
func uninterruptedAlerts(t *testing.T, accounts int) []churnAlert {
	t.Helper()
	pool := seedChurn(t, accounts)
	svc, err := churnscan.New(pool, churnscan.Config{ChunkSize: 250})
	require.NoError(t, err)
	ranges, err := churnscan.Ranges(context.Background(), pool, 250)
	require.NoError(t, err)
	for _, r := range ranges {
		_, err := svc.RunChunk(context.Background(), churnAsOf, r.From, r.To)
		require.NoError(t, err)
	}
	return churnAlerts(t, pool)
}

func insertChurnScan(t testing.TB, pool *pgxpool.Pool, asOf time.Time) {
	t.Helper()
	inserter, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	require.NoError(t, err)
	_, err = inserter.Insert(context.Background(), jobargs.ChurnScan{AsOf: asOf, Reason: "test"}, nil)
	require.NoError(t, err)
}

func waitJobsDone(t *testing.T, pool *pgxpool.Pool, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for queryInt(t, pool, `SELECT count(*) FROM river_job WHERE kind LIKE 'churn_scan%' AND state NOT IN ('completed', 'discarded', 'cancelled')`) > 0 {
		require.True(t, time.Now().Before(deadline), "churn scan jobs not done in %s", timeout)
		time.Sleep(50 * time.Millisecond)
	}
	require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM river_job WHERE kind LIKE 'churn_scan%' AND state <> 'completed'`))
}

// The scan on River, requested twice (two nodes, or the daily job and an
// on-demand request at once), ends with the alerts of one uninterrupted
// in-process scan.
func TestChurnScanOnRiver(t *testing.T) {
	t.Parallel()
	const accounts = 2000
	pool := seedChurn(t, accounts)
	insertChurnScan(t, pool, churnAsOf)
	insertChurnScan(t, pool, churnAsOf) // a duplicate request: unique while the first is pending
	startWorkers(t, pool, churnConfig())
	waitJobsDone(t, pool, 60*time.Second)
	require.Equal(t, 1, queryInt(t, pool, `SELECT count(*) FROM river_job WHERE kind = 'churn_scan'`))
	got := churnAlerts(t, pool)
	require.NotEmpty(t, got)
	require.Equal(t, uninterruptedAlerts(t, accounts), got)

	// Another scan the same day later on changes nothing.
	insertChurnScan(t, pool, churnAsOf.Add(time.Hour))
	waitJobsDone(t, pool, 60*time.Second)
	require.Equal(t, got, churnAlerts(t, pool))
}

// A worker SIGKILLed in the middle of a scan leaves, once another worker has
// finished it, exactly the alerts of an uninterrupted scan.
func TestChurnScanSurvivesSIGKILL(t *testing.T) {
	t.Parallel()
	const accounts = 4000
	pool := seedChurn(t, accounts)
	insertChurnScan(t, pool, churnAsOf)
	chunks := 0

	child := startChild(t, churnCrashChildEnv+"="+pool.Config().ConnString())

	// Kill it once a few chunks are done but not all.
	deadline := time.Now().Add(60 * time.Second)
	for {
		done := queryInt(t, pool, `SELECT count(*) FROM river_job WHERE kind = 'churn_scan_chunk' AND state = 'completed'`)
		chunks = queryInt(t, pool, `SELECT count(*) FROM river_job WHERE kind = 'churn_scan_chunk'`)
		if done >= 3 {
			break
		}
		require.True(t, time.Now().Before(deadline), "the worker process finished no chunk in 60s")
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(150 * time.Millisecond) // most likely mid-chunk, uncommitted
	require.NoError(t, child.Process.Signal(syscall.SIGKILL))
	_ = child.Wait()
	done := queryInt(t, pool, `SELECT count(*) FROM river_job WHERE kind = 'churn_scan_chunk' AND state = 'completed'`)
	require.Less(t, done, chunks, "the kill must land mid-scan")
	t.Logf("killed the worker after %d of %d chunks, with %d alerts written", done, chunks, len(churnAlerts(t, pool)))

	startWorkers(t, pool, churnConfig())
	waitJobsDone(t, pool, 90*time.Second)
	require.Equal(t, uninterruptedAlerts(t, accounts), churnAlerts(t, pool))
	require.Equal(t, 0, queryInt(t, pool, `
		SELECT count(*) FROM (SELECT account_id FROM churn_alerts
		WHERE status IN ('OPEN', 'ACKNOWLEDGED', 'ESCALATED') GROUP BY account_id, alert_type HAVING count(*) > 1) d`))
}
