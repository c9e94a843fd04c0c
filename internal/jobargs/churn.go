package jobargs

import (
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// QueueChurn runs churn scan chunks, bounded separately like reviews so a
// daily scan of a million accounts cannot starve notifications.
const QueueChurn = "churn"

// activeStates are the job states in which a unique job blocks a duplicate:
// a second scan may start once the first has finished, but not while it
// runs.
var activeStates = []rivertype.JobState{
	rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
	rivertype.JobStateRetryable, rivertype.JobStateScheduled,
}

// ChurnScan plans a churn scan as of AsOf: it splits the accounts in scope
// into id ranges and inserts one ChurnScanChunk per range in one
// transaction. AsOf is fixed when the scan is requested and travels with
// every chunk, so a chunk retried after a crash decides exactly as it would
// have the first time.
type ChurnScan struct {
	AsOf time.Time `json:"as_of" river:"unique"`
	// Reason is why the scan runs ("daily", "on demand by …"), for the log.
	Reason string `json:"reason,omitempty"`
}

// Kind implements river.JobArgs.
func (ChurnScan) Kind() string { return "churn_scan" }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (ChurnScan) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueChurn, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: activeStates}}
}

// ChurnScanChunk assesses the accounts with ids in [FromID, ToID] as of
// AsOf and reconciles their churn alerts in one transaction: opens,
// updates and resolves alerts, moves high-risk accounts to decline, audits
// and notifies. Rerunning it changes nothing.
type ChurnScanChunk struct {
	AsOf   time.Time `json:"as_of" river:"unique"`
	Index  int       `json:"index" river:"unique"`
	FromID int       `json:"from_id"`
	ToID   int       `json:"to_id"`
}

// Kind implements river.JobArgs.
func (ChurnScanChunk) Kind() string { return "churn_scan_chunk" }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (ChurnScanChunk) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueChurn, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// ScheduledChurnScan is the daily periodic job: it requests the day's scan
// (a ChurnScan as of now) unless one already ran that day. Day is the UTC
// date, so however many nodes insert it, one scan per day results.
type ScheduledChurnScan struct {
	Day string `json:"day" river:"unique"`
}

// Kind implements river.JobArgs.
func (ScheduledChurnScan) Kind() string { return "churn_scan_scheduled" }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (ScheduledChurnScan) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueDefault, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// ChurnEscalate escalates unacknowledged strategic alerts past their
// deadline: first to the account's executive sponsor, then to the owner's
// manager. It runs every few minutes; each step is recorded on the alert,
// so a retry or a second node finds nothing left to do.
type ChurnEscalate struct{}

// Kind implements river.JobArgs.
func (ChurnEscalate) Kind() string { return "churn_escalate" }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (ChurnEscalate) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueDefault, UniqueOpts: river.UniqueOpts{ByState: activeStates}}
}
