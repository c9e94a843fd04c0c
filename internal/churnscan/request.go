package churnscan

import (
	"context"
	"fmt"
	"time"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/txn"
	"github.com/summitkam/summit/internal/viewer"
)

// requestEarliest bounds a requested scan's as-of: the data has nothing
// older, and an earlier date is a typo.
var requestEarliest = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// requestFutureSlack tolerates the clock of a client slightly ahead.
const requestFutureSlack = time.Minute

// ScanRequest is what an on-demand scan request did.
type ScanRequest struct {
	// AsOf is the as-of of the requested scan (UTC).
	AsOf time.Time
	// JobID is the scan's background job.
	JobID int
	// Duplicate is true when the same scan was already waiting or running:
	// no new job was created.
	Duplicate bool
}

// Request enqueues a churn scan with ins (the unit of work of the request)
// and audits the request with client, in the same transaction. Admins
// only. Without asOf the scan is as of now to the minute, so a request
// repeated in the same minute (a double click) finds the first and reports
// a duplicate instead of scanning twice.
func Request(ctx context.Context, client *ent.Client, ins txn.Inserter, asOf *time.Time, now time.Time) (ScanRequest, error) {
	v := viewer.FromContext(ctx)
	if !v.IsSystem() && !v.Has(viewer.RoleAdmin) {
		return ScanRequest{}, refusal.Forbiddenf("only admins start churn scans")
	}
	at := now.UTC().Truncate(time.Minute)
	if asOf != nil {
		at = asOf.UTC().Truncate(time.Second)
		switch {
		case at.After(now.Add(requestFutureSlack)):
			return ScanRequest{}, refusal.Invalidf("asOf", "must not lie in the future (by more than a minute)")
		case at.Before(requestEarliest):
			return ScanRequest{}, refusal.Invalidf("asOf", "must be on or after 2000-01-01")
		}
	}
	args := jobargs.ChurnScan{AsOf: at, Reason: "on demand by " + v.Label}
	res, err := ins.Insert(ctx, args, nil)
	if err != nil {
		return ScanRequest{}, fmt.Errorf("error enqueuing the churn scan as of %s: %w", at.Format(time.RFC3339), err)
	}
	if err := audit.Record(ctx, client, audit.Event{EntityType: "ChurnScan", EntityID: int(res.Job.ID), Action: "churn_scan.request",
		After: map[string]any{"as_of": at, "job_id": res.Job.ID, "duplicate": res.UniqueSkippedAsDuplicate}}); err != nil {
		return ScanRequest{}, err
	}
	return ScanRequest{AsOf: at, JobID: int(res.Job.ID), Duplicate: res.UniqueSkippedAsDuplicate}, nil
}
