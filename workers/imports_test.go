package workers_test

import (
	"bytes"
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/imports"
	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
	"github.com/summitkam/summit/workers"
)

// importCrashChildEnv carries the database URL to the worker process the
// import crash test kills.
const importCrashChildEnv = "SUMMIT_IMPORT_CRASH_CHILD_DB"

func importCrashConfig() workers.Config {
	return workers.Config{
		ReviewSchedule:       review.Off,
		ChurnScanAt:          -1,
		RemindersAt:          -1,
		ImportBatchSize:      500,
		JobTimeout:           5 * time.Second,
		RescueStuckJobsAfter: 6 * time.Second,
	}
}

func runImportCrashChild(url string) int {
	cfg := importCrashConfig()
	cfg.ImportBatchPause = 300 * time.Millisecond
	return runWorkerUntilKilled("import crash child", url, cfg)
}

// A worker killed with SIGKILL in the middle of a VALID_ROWS commit leaves
// no trace once another worker has finished it: every valid row is written
// exactly once, the counts add up, and the audit has one event.
func TestImportSurvivesSIGKILL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t).Pool()
	_, err := seed.Run(viewer.System(ctx, "test"), pool, seed.Options{Accounts: 50, Seed: 5})
	require.NoError(t, err)
	codes := []string{}
	rows, err := pool.Query(ctx, `SELECT code FROM accounts ORDER BY id`)
	require.NoError(t, err)
	for rows.Next() {
		var c string
		require.NoError(t, rows.Scan(&c))
		codes = append(codes, c)
	}
	require.NoError(t, rows.Err())

	const total = 10000
	var csv bytes.Buffer
	csv.WriteString("客户编码,出货单号,出货日期,出货金额\n")
	for i := range total {
		amount := fmt.Sprintf("%d.%02d", 100+i%977, i%100)
		if i%1000 == 999 {
			amount = "n/a?" // a refused row now and then
		}
		fmt.Fprintf(&csv, "%s,CRASH-%06d,2026/%d/%d,%s\n", codes[i%len(codes)], i, 1+i%12, 1+i%28, amount)
	}
	svc := imports.Service{Pool: pool}.WithDefaults()
	admin := &viewer.Viewer{Kind: viewer.KindUser, Label: "admin@test", Roles: []viewer.Role{viewer.RoleAdmin}}
	up, err := svc.Create(ctx, admin, "orders", "orders.csv", bytes.NewReader(csv.Bytes()))
	require.NoError(t, err)
	inserter, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	require.NoError(t, err)
	require.NoError(t, svc.Start(ctx, inserter, admin, up.ID, false, imports.ValidRows))

	child := startChild(t, importCrashChildEnv+"="+pool.Config().ConnString())
	deadline := time.Now().Add(60 * time.Second)
	for queryInt(t, pool, `SELECT rows_done FROM data_imports WHERE id = $1`, up.ID) < 2000 {
		if time.Now().After(deadline) {
			var state, errs string
			_ = pool.QueryRow(ctx, `SELECT state, coalesce(errors::text, '') FROM river_job WHERE kind = 'data_import_run'`).Scan(&state, &errs)
			t.Fatalf("the worker process committed nothing in 60s: job %s %s", state, errs)
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(150 * time.Millisecond) // most likely inside the next batch
	require.NoError(t, child.Process.Signal(syscall.SIGKILL))
	_ = child.Wait()
	done := queryInt(t, pool, `SELECT rows_done FROM data_imports WHERE id = $1`, up.ID)
	require.Less(t, done, total, "the kill must land mid-import")
	written := queryInt(t, pool, `SELECT count(*) FROM orders WHERE order_no LIKE 'CRASH-%'`)
	t.Logf("killed the worker after %d of %d rows (%d orders written)", done, total, written)

	startWorkers(t, pool, importCrashConfig())
	deadline = time.Now().Add(90 * time.Second)
	for {
		var status string
		require.NoError(t, pool.QueryRow(ctx, `SELECT status FROM data_imports WHERE id = $1`, up.ID).Scan(&status))
		if status == imports.StatusCommitted {
			break
		}
		require.NotEqual(t, imports.StatusFailed, status)
		require.True(t, time.Now().Before(deadline), "the import did not finish in 90s (status %s)", status)
		time.Sleep(100 * time.Millisecond)
	}
	refused := total / 1000
	require.Equal(t, total-refused, queryInt(t, pool, `SELECT count(*) FROM orders WHERE order_no LIKE 'CRASH-%'`))
	require.Equal(t, total-refused, queryInt(t, pool, `SELECT count(DISTINCT order_no) FROM orders WHERE order_no LIKE 'CRASH-%'`))
	st, err := svc.Status(ctx, admin, up.ID)
	require.NoError(t, err)
	require.Equal(t, imports.Counts{Total: total, Created: total - refused, Refused: refused}, st.Counts)
	require.Equal(t, refused, queryInt(t, pool, `SELECT count(*) FROM data_import_issues WHERE import_id = $1`, up.ID))
	require.Equal(t, 1, queryInt(t, pool, `SELECT count(*) FROM audit_events WHERE action = 'import.commit' AND entity_id = $1`, up.ID))
	// The amounts are the file's, not doubled or lost.
	var sum int64
	for i := range total {
		if i%1000 != 999 {
			sum += int64((100+i%977)*100 + i%100)
		}
	}
	require.Equal(t, sum, int64(queryInt(t, pool, `SELECT sum(amount_minor) FROM orders WHERE order_no LIKE 'CRASH-%'`)))
}
