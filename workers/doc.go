// Package workers will hold River job args (small, importable by the API so it
// can enqueue in the same transaction as the write that causes a job) and the
// workers for periodic reviews, churn scans and notifications. River's own
// migrations are already applied by internal/dbmigrate.
package workers
