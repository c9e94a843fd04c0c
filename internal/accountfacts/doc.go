// Package accountfacts owns the per-account monthly fact aggregates
// (account_monthly_facts): one row per account and calendar month (UTC)
// holding the totals of its shipped orders, collections, satisfaction
// surveys, complaints and touchpoints of that month.
//
// PostgreSQL keeps the table equal to the fact tables on every write path
// (API mutations, imports, the ERP feed, the seed, deletes and updates):
// statement-level triggers with transition tables, created by the
// account_monthly_facts migration, add the totals of each inserting
// statement in one upsert and recompute the (account, month) keys an update
// or delete touched. Reviews, churn scans and the portfolio read these
// summaries plus the raw facts of the few months their windows cut through,
// so their cost grows with the accounts and the months, not with every
// order ever shipped.
//
// FromScratchSQL is the definition the triggers maintain; Verify compares
// the table against it and Rebuild (`summit repair-aggregates`) restores it,
// for a database restored without triggers or loaded with them disabled.
package accountfacts
