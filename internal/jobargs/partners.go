package jobargs

import (
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// PartnerReevaluation re-evaluates every partner against the tier ladder
// under RunKey (e.g. "2026-H2"): upgrade proposals for partners above their
// tier, probation for those below, downgrade proposals for those whose
// probation is over. One evaluation per partner and key, so a retry or a
// second node changes nothing twice.
//
// Scheduled runs leave RunKey empty: the worker names the run after the
// current period and skips it when it has completed or when the period
// started more than the catch-up window ago. ActorID/ActorLabel name the
// admin who started an on-demand run.
type PartnerReevaluation struct {
	RunKey     string `json:"run_key,omitempty" river:"unique"`
	ActorID    int    `json:"actor_id,omitempty"`
	ActorLabel string `json:"actor_label,omitempty"`
}

// Kind implements river.JobArgs.
func (PartnerReevaluation) Kind() string { return "partner_reevaluation" }

// InsertOpts implements river.JobArgsWithInsertOpts: one queued run per
// key (a run that finished may be started again; it writes nothing new).
func (PartnerReevaluation) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueDefault, UniqueOpts: river.UniqueOpts{ByArgs: true,
		ByState: []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
			rivertype.JobStateRetryable, rivertype.JobStateScheduled}}}
}

// PartnerProbationSweep is the daily job that judges partners whose
// probation ended: a downgrade proposal when still below their tier, off
// probation when they recovered. Keyed by the probation's end day, so it
// is idempotent.
type PartnerProbationSweep struct{}

// Kind implements river.JobArgs.
func (PartnerProbationSweep) Kind() string { return "partner_probation_sweep" }

// InsertOpts implements river.JobArgsWithInsertOpts.
func (PartnerProbationSweep) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: QueueDefault}
}
