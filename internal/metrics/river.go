package metrics

import (
	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
)

// WatchJobs counts and times the jobs client works on this node, until the
// client stops. Call it after the client is built and before it starts.
func (r *Registry) WatchJobs(client *river.Client[pgx.Tx]) {
	events, cancel := client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed,
		river.EventKindJobCancelled, river.EventKindJobSnoozed)
	go func() {
		defer cancel()
		for ev := range events {
			if ev == nil || ev.Job == nil {
				continue
			}
			outcome := map[river.EventKind]string{
				river.EventKindJobCompleted: "completed", river.EventKindJobFailed: "failed",
				river.EventKindJobCancelled: "cancelled", river.EventKindJobSnoozed: "snoozed",
			}[ev.Kind]
			r.jobsFinished.WithLabelValues(ev.Job.Kind, outcome).Inc()
			if ev.JobStats != nil {
				r.jobRun.WithLabelValues(ev.Job.Kind).Observe(ev.JobStats.RunDuration.Seconds())
				r.jobWait.WithLabelValues(ev.Job.Queue).Observe(ev.JobStats.QueueWaitDuration.Seconds())
			}
		}
	}()
}
