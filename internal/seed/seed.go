package seed

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DefaultAsOf is the "today" of a data set when Options.AsOf is zero.
var DefaultAsOf = time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)

// MaxAccounts bounds Options.Accounts (account codes have seven digits).
const MaxAccounts = 9_999_999

// ErrNotEmpty is returned (wrapped) when the database already has accounts.
var ErrNotEmpty = errors.New("database is not empty")

// Options configure Run.
type Options struct {
	// Accounts is the number of accounts to generate. Required; at most
	// MaxAccounts. Everything else scales with it: about 20 orders and
	// collections, 4 contacts and 10 touchpoints per account, one
	// key-account manager per 40 accounts.
	Accounts int

	// Seed selects the data set: the same Seed, Accounts and AsOf give the
	// same rows and ids in an empty database. Defaults to 1.
	Seed uint64

	// AsOf is the "today" of the data set: orders run up to the day before,
	// prospects expect to close after it. It is truncated to a UTC day.
	// Defaults to DefaultAsOf (2026-11-01 UTC) so output is deterministic;
	// the CLI passes the current day.
	AsOf time.Time

	// Logger receives progress, one line per table. Defaults to a logger
	// that discards everything.
	Logger *slog.Logger
}

// WithDefaults returns a copy of o with defaults applied.
func (o Options) WithDefaults() Options {
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.AsOf.IsZero() {
		o.AsOf = DefaultAsOf
	}
	o.AsOf = o.AsOf.UTC().Truncate(24 * time.Hour)
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

func (o Options) validate() error {
	if o.Accounts <= 0 {
		return fmt.Errorf("seed: Accounts must be positive, got %d", o.Accounts)
	}
	if o.Accounts > MaxAccounts {
		return fmt.Errorf("seed: Accounts must be at most %d, got %d", MaxAccounts, o.Accounts)
	}
	return nil
}

// Stats report what Run wrote.
type Stats struct {
	// Rows is the number of rows written per table name.
	Rows map[string]int64
	// FadedAccountIDs are the planted fading accounts: orders thin out and
	// stop 120–300 days before AsOf, the decision maker left, the last
	// touchpoint is old, satisfaction falls and payments stall. Their
	// lifecycle stage still says STABLE; finding them is the churn scan's
	// job.
	FadedAccountIDs []int64
	// ForeignKeyChecksSkipped reports whether the load ran with
	// session_replication_role = replica (only possible for a superuser).
	ForeignKeyChecksSkipped bool
	// Duration is the wall time of Run, ANALYZE included.
	Duration time.Duration
}

// Faded is the number of planted fading accounts.
func (s Stats) Faded() int { return len(s.FadedAccountIDs) }

// Total is the number of rows written to all tables.
func (s Stats) Total() int64 {
	var n int64
	for _, v := range s.Rows {
		n += v
	}
	return n
}

// Tables written by Run, in the order they are written. Every one of them
// is locked for the duration of the load.
var Tables = []string{
	"categories", "class_policies", "partner_tiers", "tier_requirements", "tier_benefits", "users", "role_assignments",
	"accounts", "contacts", "orders", "collections", "touchpoints", "touchpoint_staff", "touchpoint_contacts",
	"satisfaction_surveys", "complaints", "account_team_members", "partner_profiles",
}

// Run generates a data set and writes it to the empty database behind pool
// in one transaction: either everything is written or nothing is. It
// refuses (with ErrNotEmpty) when accounts already has rows.
func Run(ctx context.Context, pool *pgxpool.Pool, opts Options) (Stats, error) {
	start := time.Now()
	opts = opts.WithDefaults()
	if err := opts.validate(); err != nil {
		return Stats{}, err
	}
	log := opts.Logger
	w := plan(opts)
	log.InfoContext(ctx, "seed planned", "accounts", opts.Accounts, "users", len(w.staff), "faded", len(w.faded), "elapsed", time.Since(start).Round(time.Millisecond))

	stats := Stats{Rows: map[string]int64{}}
	tx, err := pool.Begin(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("error starting the seed transaction: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // a no-op after commit

	if stats.ForeignKeyChecksSkipped, err = prepare(ctx, tx); err != nil {
		return Stats{}, err
	}
	id := &ids{}
	if err := w.insertReference(ctx, tx, id, stats.Rows); err != nil {
		return Stats{}, err
	}

	copyTable := func(table string, cols []string, src pgx.CopyFromSource, want int64) error {
		t0 := time.Now()
		n, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, src)
		if err != nil {
			return fmt.Errorf("error writing %s: %w", table, err)
		}
		if want >= 0 && n != want {
			return fmt.Errorf("error writing %s: wrote %d rows, planned %d", table, n, want)
		}
		stats.Rows[table] = n
		el := time.Since(t0)
		log.InfoContext(ctx, "seeded table", "table", table, "rows", n, "elapsed", el.Round(time.Millisecond),
			"rows_per_second", int64(float64(n)/max(el.Seconds(), 1e-9)))
		return nil
	}

	if id.accounts, err = reserve(ctx, tx, "accounts", int64(len(w.accts))); err != nil {
		return Stats{}, err
	}
	if err := copyTable("accounts", accountCols, w.accountSource(id), int64(len(w.accts))); err != nil {
		return Stats{}, err
	}
	// Writing the accounts ran the order simulation and counted every
	// table's rows: reserve the id blocks now.
	c := &w.counts
	for _, b := range []struct {
		table string
		n     int64
		first *int64
	}{
		{"contacts", c.contacts, &id.contacts},
		{"orders", c.orders, &id.orders},
		{"collections", c.collections, &id.collections},
		{"touchpoints", c.touchpoints, &id.touchpoints},
		{"satisfaction_surveys", c.surveys, &id.surveys},
		{"complaints", c.complaints, &id.complaints},
		{"account_team_members", c.teamMembers, &id.team},
		{"partner_profiles", c.partnerProfiles, &id.partners},
	} {
		if *b.first, err = reserve(ctx, tx, b.table, b.n); err != nil {
			return Stats{}, err
		}
	}
	for _, t := range []struct {
		table string
		cols  []string
		src   *rowSource
		want  int64
	}{
		{"contacts", contactCols, w.contactSource(id), c.contacts},
		{"orders", orderCols, w.orderSource(id), c.orders},
		{"collections", collectionCols, w.collectionSource(id), c.collections},
		{"touchpoints", touchpointCols, w.touchpointSource(id), c.touchpoints},
		{"touchpoint_staff", []string{"touchpoint_id", "user_id"}, w.touchJoinSource(id, true), -1},
		{"touchpoint_contacts", []string{"touchpoint_id", "contact_id"}, w.touchJoinSource(id, false), -1},
		{"satisfaction_surveys", surveyCols, w.surveySource(id), c.surveys},
		{"complaints", complaintCols, w.complaintSource(id), c.complaints},
		{"account_team_members", teamCols, w.teamSource(id), c.teamMembers},
		{"partner_profiles", partnerCols, w.partnerSource(id), c.partnerProfiles},
	} {
		if err := copyTable(t.table, t.cols, t.src, t.want); err != nil {
			return Stats{}, err
		}
	}

	if err := linkPartners(ctx, tx); err != nil {
		return Stats{}, err
	}

	t0 := time.Now()
	if err := tx.Commit(ctx); err != nil {
		return Stats{}, fmt.Errorf("error committing the seed: %w", err)
	}
	log.InfoContext(ctx, "seed committed", "elapsed", time.Since(t0).Round(time.Millisecond))

	for _, i := range w.faded {
		stats.FadedAccountIDs = append(stats.FadedAccountIDs, id.accounts+int64(i))
	}

	// Fresh statistics, so the first queries on the new data plan well;
	// account_monthly_facts was filled by the fact tables' triggers.
	t0 = time.Now()
	if _, err := pool.Exec(ctx, "ANALYZE "+quotedTables()+", account_monthly_facts"); err != nil {
		stats.Duration = time.Since(start)
		return stats, fmt.Errorf("seed committed, but ANALYZE failed: %w", err)
	}
	stats.Duration = time.Since(start)
	log.InfoContext(ctx, "seed done", "analyze", time.Since(t0).Round(time.Millisecond),
		"rows", stats.Total(), "elapsed", stats.Duration.Round(time.Millisecond))
	return stats, nil
}

// prepare tunes the transaction for a bulk load, locks every table it
// writes and checks the database is empty. It reports whether foreign-key
// triggers are off for the load.
func prepare(ctx context.Context, tx pgx.Tx) (bool, error) {
	if _, err := tx.Exec(ctx, "SET LOCAL synchronous_commit = off"); err != nil {
		return false, fmt.Errorf("error preparing the seed transaction: %w", err)
	}
	// Skipping foreign-key triggers needs a superuser; the generator keeps
	// references consistent by construction (and the tests check it).
	var super bool
	if err := tx.QueryRow(ctx, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user").Scan(&super); err != nil {
		return false, fmt.Errorf("error checking the database role: %w", err)
	}
	if super {
		if _, err := tx.Exec(ctx, "SET LOCAL session_replication_role = replica"); err != nil {
			return false, fmt.Errorf("error preparing the seed transaction: %w", err)
		}
	}
	// EXCLUSIVE blocks other writers (and other seeders) but not readers.
	if _, err := tx.Exec(ctx, "LOCK TABLE "+quotedTables()+" IN EXCLUSIVE MODE"); err != nil {
		return false, fmt.Errorf("error locking tables for the seed: %w", err)
	}
	var nonEmpty bool
	if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM accounts)").Scan(&nonEmpty); err != nil {
		return false, fmt.Errorf("error checking for accounts: %w", err)
	}
	if nonEmpty {
		return false, fmt.Errorf("seed: %w: accounts already has rows; seeding is for an empty database", ErrNotEmpty)
	}
	return super, nil
}

func quotedTables() string {
	ts := slices.Clone(Tables)
	for i, t := range ts {
		ts[i] = pgx.Identifier{t}.Sanitize()
	}
	out := ts[0]
	for _, t := range ts[1:] {
		out += ", " + t
	}
	return out
}
