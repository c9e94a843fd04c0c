package workers_test

import (
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/workers"
)

// crashChildEnv carries the database URL to the worker process the crash
// test kills.
const crashChildEnv = "SUMMIT_REVIEW_CRASH_CHILD_DB"

// crashConfig is the worker of both the killed process and its successor:
// one chunk at a time, a pause after each so the kill lands mid-cycle, and a
// short rescue delay so River retries the killed worker's job soon.
func crashConfig() workers.Config {
	return workers.Config{
		ReviewChunkSize:      1000,
		ReviewWorkers:        1,
		ReviewSchedule:       review.Off,
		JobTimeout:           5 * time.Second,
		RescueStuckJobsAfter: 6 * time.Second,
	}
}

// runCrashChild is the worker process: it works jobs until it is killed.
func runCrashChild(url string) int {
	cfg := crashConfig()
	cfg.ReviewChunkPause = 400 * time.Millisecond
	return runWorkerUntilKilled("crash child", url, cfg)
}

// A worker killed with SIGKILL in the middle of a cycle leaves no trace once
// another worker has finished the cycle: every account has exactly one
// result, equal to what an uninterrupted run decides.
func TestReviewSurvivesSIGKILL(t *testing.T) {
	t.Parallel()
	b, versionID := setup(t, 5000, grading.PresetComputerMakerScorecard)
	accounts := queryInt(t, b.pool, "SELECT count(*) FROM accounts WHERE NOT archived")
	crashed := b.start(t, "crashed", versionID)

	child := startChild(t, crashChildEnv+"="+b.pool.Config().ConnString())

	// Kill it once some chunks are committed but not all.
	deadline := time.Now().Add(60 * time.Second)
	var written int
	for {
		written = queryInt(t, b.pool, "SELECT count(*) FROM review_results WHERE cycle_id = $1", crashed)
		if written >= 1000 {
			break
		}
		require.True(t, time.Now().Before(deadline), "the worker process wrote nothing in 60s")
		time.Sleep(20 * time.Millisecond)
	}
	// Let it get into the next chunk, most likely with results written but
	// not committed (a committed chunk whose job is still "running" is
	// covered too: that is where the previous chunk stands).
	time.Sleep(500 * time.Millisecond)
	require.NoError(t, child.Process.Signal(syscall.SIGKILL))
	_ = child.Wait()
	written = queryInt(t, b.pool, "SELECT count(*) FROM review_results WHERE cycle_id = $1", crashed)
	require.Less(t, written, accounts, "the kill must land mid-cycle")
	require.Equal(t, review.StatusRunning, cycleStatus(t, b.pool, crashed))
	t.Logf("killed the worker after %d of %d results", written, accounts)

	// A new worker finishes the cycle (River rescues the killed job).
	startWorkers(t, b.pool, crashConfig())
	waitStatus(t, b.pool, crashed, review.StatusInReview, 90*time.Second)
	require.Equal(t, accounts, queryInt(t, b.pool, "SELECT count(*) FROM review_results WHERE cycle_id = $1", crashed))
	require.Equal(t, accounts, queryInt(t, b.pool, "SELECT count(DISTINCT account_id) FROM review_results WHERE cycle_id = $1", crashed))

	// River rescues the killed worker's job and runs it again: it changes
	// nothing.
	before := results(t, b.pool, crashed)
	deadline = time.Now().Add(90 * time.Second)
	for queryInt(t, b.pool, "SELECT count(*) FROM river_job WHERE state NOT IN ('completed', 'discarded', 'cancelled')") > 0 {
		require.True(t, time.Now().Before(deadline), "the killed worker's job was not rescued in 90s")
		time.Sleep(100 * time.Millisecond)
	}
	require.Zero(t, queryInt(t, b.pool, "SELECT count(*) FROM river_job WHERE state <> 'completed'"))
	require.Equal(t, before, results(t, b.pool, crashed))

	// The same review without a kill decides the same.
	clean := b.start(t, "clean", versionID)
	waitStatus(t, b.pool, clean, review.StatusInReview, 60*time.Second)
	require.Equal(t, results(t, b.pool, clean), results(t, b.pool, crashed))
}
