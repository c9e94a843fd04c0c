package seed_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
)

func TestMain(m *testing.M) {
	testdb.SetupTemplate(dbmigrate.Apply)
	os.Exit(testdb.RunMain(m))
}

var asOf = seed.DefaultAsOf

// seeded is a database seeded with 2,000 accounts, shared by the checks
// of TestRun.
type seeded struct {
	pool  *pgxpool.Pool
	stats seed.Stats
}

func setup(t *testing.T, opts seed.Options) seeded {
	t.Helper()
	pool := testdb.NewPool(t)
	stats, err := seed.Run(context.Background(), pool, opts)
	require.NoError(t, err)
	return seeded{pool: pool, stats: stats}
}

func queryInt(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int64 {
	t.Helper()
	var n int64
	require.NoError(t, pool.QueryRow(context.Background(), sql, args...).Scan(&n), sql)
	return n
}

func queryFloat(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) float64 {
	t.Helper()
	var f float64
	require.NoError(t, pool.QueryRow(context.Background(), sql, args...).Scan(&f), sql)
	return f
}

func TestRun(t *testing.T) {
	t.Parallel()
	const accounts = 2000
	s := setup(t, seed.Options{Accounts: accounts})
	pool := s.pool
	ctx := context.Background()

	t.Run("EveryTableHasRows", func(t *testing.T) {
		for _, table := range seed.Tables {
			n := queryInt(t, pool, "SELECT count(*) FROM "+pgx.Identifier{table}.Sanitize())
			require.Positive(t, n, table)
			require.Equal(t, s.stats.Rows[table], n, table)
		}
		require.Equal(t, int64(accounts), s.stats.Rows["accounts"])
		require.Equal(t, int64(0), queryInt(t, pool, "SELECT count(*) FROM accounts WHERE current_class IS NOT NULL"))
	})

	t.Run("ParetoRevenue", func(t *testing.T) {
		share := queryFloat(t, pool, `
			WITH rev AS (
				SELECT account_id, sum(amount_minor)::float8 AS r FROM orders
				WHERE status = 'SHIPPED' AND order_date >= $1::date - 3*365 GROUP BY account_id),
			ranked AS (SELECT r, row_number() OVER (ORDER BY r DESC) AS rk, count(*) OVER () AS n FROM rev)
			SELECT sum(r) FILTER (WHERE rk <= ceil(n * 0.2)) / sum(r) FROM ranked`, asOf)
		t.Logf("top 20%% of accounts by 3-year revenue hold %.3f of it", share)
		require.GreaterOrEqual(t, share, 0.72)
		require.LessOrEqual(t, share, 0.88)
	})

	t.Run("OrdersPerAccount", func(t *testing.T) {
		avg := queryFloat(t, pool, "SELECT (SELECT count(*) FROM orders)::float8 / (SELECT count(*) FROM accounts)")
		t.Logf("%.1f orders per account", avg)
		require.GreaterOrEqual(t, avg, 15.0)
		require.LessOrEqual(t, avg, 25.0)
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM orders WHERE order_date >= $1::date OR order_date < $1::date - 3*365 - 1`, asOf))
		// Big accounts order more often: the top decile by revenue places
		// more orders per account than the bottom half.
		require.True(t, queryInt(t, pool, `
			WITH r AS (SELECT account_id, count(*) AS n, sum(amount_minor) AS rev FROM orders GROUP BY account_id),
			q AS (SELECT n, ntile(10) OVER (ORDER BY rev DESC) AS d FROM r)
			SELECT (avg(n) FILTER (WHERE d = 1) > 2 * avg(n) FILTER (WHERE d > 5))::int FROM q`) == 1)
		margin := queryFloat(t, pool, "SELECT max(abs(margin_minor::float8 / amount_minor - 0.2)) FROM orders")
		require.LessOrEqual(t, margin, 0.1501)
	})

	t.Run("Hierarchy", func(t *testing.T) {
		three := queryInt(t, pool, `SELECT count(*) FROM accounts c JOIN accounts p ON c.parent_id = p.id WHERE p.parent_id IS NOT NULL`)
		require.Positive(t, three, "a three-level hierarchy")
		four := queryInt(t, pool, `SELECT count(*) FROM accounts c JOIN accounts p ON c.parent_id = p.id JOIN accounts g ON p.parent_id = g.id WHERE g.parent_id IS NOT NULL`)
		require.Zero(t, four, "hierarchies are at most three levels deep")
		parents := queryFloat(t, pool, `SELECT count(DISTINCT parent_id)::float8 / count(*) FROM accounts`)
		t.Logf("%.3f of accounts are parents", parents)
		require.InDelta(t, 0.05, parents, 0.025)
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM accounts c JOIN accounts p ON c.parent_id = p.id WHERE p.id >= c.id`))
		sizes := queryInt(t, pool, `SELECT count(*) FROM (SELECT parent_id, count(*) n FROM accounts WHERE parent_id IS NOT NULL GROUP BY 1) x WHERE n < 2 OR n > 8`)
		require.Zero(t, sizes, "groups have 2-8 subsidiaries")
	})

	t.Run("Kinds", func(t *testing.T) {
		rows, err := pool.Query(ctx, "SELECT kind, count(*)::float8 / $1 FROM accounts GROUP BY kind", accounts)
		require.NoError(t, err)
		share := map[string]float64{}
		var k string
		var f float64
		_, err = pgx.ForEachRow(rows, []any{&k, &f}, func() error { share[k] = f; return nil })
		require.NoError(t, err)
		t.Logf("kinds: %v", share)
		require.Greater(t, share["B2B"], 0.5)
		require.InDelta(t, 0.08, share["DISTRIBUTOR"], 0.025)
		require.InDelta(t, 0.01, share["INTERNAL"], 0.008)
		require.Positive(t, share["END_CUSTOMER"])
		for _, stage := range []string{"EXPLORATION", "FORMATION", "STABLE", "DECLINE", "LOST"} {
			require.Positive(t, queryInt(t, pool, "SELECT count(*) FROM accounts WHERE lifecycle_stage = $1", stage), stage)
		}
		// Prospects: no orders, expected to close 1-18 months out.
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM accounts a WHERE lifecycle_stage = 'EXPLORATION'
			AND (expected_close_on IS NULL OR expected_close_on < $1::date + 28 OR expected_close_on > $1::date + 550
			     OR EXISTS (SELECT 1 FROM orders o WHERE o.account_id = a.id))`, asOf))
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM accounts WHERE lifecycle_stage <> 'EXPLORATION' AND expected_close_on IS NOT NULL`))
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM accounts WHERE influence_score NOT BETWEEN 0 AND 100 OR price_coefficient NOT BETWEEN 0.7 AND 1.3`))
		require.Zero(t, queryInt(t, pool, `SELECT count(*) - count(DISTINCT code) FROM accounts`))
		require.Equal(t, "C0000001", queryString(t, pool, "SELECT code FROM accounts ORDER BY id LIMIT 1"))
	})

	t.Run("Roles", func(t *testing.T) {
		for _, role := range []string{"ADMIN", "EXECUTIVE", "KEY_ACCOUNT_MANAGER", "PARTNER_MANAGER", "MEMBER", "VIEWER"} {
			require.Positive(t, queryInt(t, pool, "SELECT count(*) FROM role_assignments WHERE role = $1 AND source = 'LOCAL'", role), role)
		}
		require.Equal(t, int64(accounts/40), queryInt(t, pool, "SELECT count(*) FROM role_assignments WHERE role = 'KEY_ACCOUNT_MANAGER'"))
		require.Zero(t, queryInt(t, pool, "SELECT count(*) FROM role_assignments WHERE role = 'PARTNER_MANAGER' AND region IS NULL AND user_id <> (SELECT id FROM users WHERE email = 'channel@summit.example')"))
		for _, u := range seed.DemoUsers {
			require.Equal(t, int64(1), queryInt(t, pool, "SELECT count(*) FROM users u JOIN role_assignments r ON r.user_id = u.id WHERE u.email = $1 AND r.role = $2 AND u.title = $3", u.Email, u.Role, u.Title), u.Email)
		}
		// Every account is owned by a key-account manager who is its
		// ACCOUNT_MANAGER (with EDIT).
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM accounts a WHERE owner_id IS NULL
			OR NOT EXISTS (SELECT 1 FROM role_assignments r WHERE r.user_id = a.owner_id AND r.role = 'KEY_ACCOUNT_MANAGER')
			OR NOT EXISTS (SELECT 1 FROM account_team_members m WHERE m.account_id = a.id AND m.user_id = a.owner_id AND m.role = 'ACCOUNT_MANAGER' AND m.access_level = 'EDIT')`))
		require.Positive(t, queryInt(t, pool, `SELECT count(*) FROM account_team_members m JOIN role_assignments r ON r.user_id = m.user_id AND r.role = 'EXECUTIVE' WHERE m.role = 'EXECUTIVE_SPONSOR'`))
		require.Positive(t, queryInt(t, pool, `SELECT count(*) FROM account_team_members WHERE role = 'SERVICE_MANAGER'`))
	})

	t.Run("Partners", func(t *testing.T) {
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM accounts a WHERE kind = 'DISTRIBUTOR' AND NOT EXISTS (SELECT 1 FROM partner_profiles p WHERE p.account_id = a.id)`))
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM partner_profiles p JOIN accounts a ON a.id = p.account_id WHERE a.kind <> 'DISTRIBUTOR'`))
		require.Equal(t, int64(5), queryInt(t, pool, `SELECT count(DISTINCT t.rank) FROM partner_profiles p JOIN partner_tiers t ON t.id = p.tier_id`))
		// The tier the numbers support: the best rank all of whose minima
		// are met.
		const supported = `
			WITH s AS (
				SELECT p.id, p.tier_id, (
					SELECT min(t.rank) FROM partner_tiers t WHERE NOT EXISTS (
						SELECT 1 FROM tier_requirements q WHERE q.tier_id = t.id AND q.min_value > CASE q.criterion
							WHEN 'REGISTERED_CAPITAL' THEN p.registered_capital_minor
							WHEN 'ANNUAL_PERFORMANCE' THEN p.annual_performance_minor
							WHEN 'CERTIFIED_STAFF' THEN p.certified_staff END)) AS rank
				FROM partner_profiles p)
			SELECT s.rank, h.rank AS held FROM s JOIN partner_tiers h ON h.id = s.tier_id`
		require.Equal(t, int64(5), queryInt(t, pool, `SELECT count(DISTINCT rank) FROM (`+supported+`) x`), "the numbers support every tier")
		require.Positive(t, queryInt(t, pool, `SELECT count(*) FROM (`+supported+`) x WHERE held < rank OR rank IS NULL`), "some hold more than their numbers support")
		require.Positive(t, queryInt(t, pool, `SELECT count(*) FROM (`+supported+`) x WHERE held > rank`), "some could move up")
		// Requirements decrease down the ladder.
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM tier_requirements a JOIN partner_tiers ta ON ta.id = a.tier_id
			JOIN tier_requirements b ON b.criterion = a.criterion JOIN partner_tiers tb ON tb.id = b.tier_id
			WHERE ta.rank < tb.rank AND a.min_value <= b.min_value`))
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM partner_profiles p JOIN accounts a ON a.id = p.account_id
			JOIN users u ON u.id = p.partner_manager_id WHERE u.region <> a.region`))
		require.Equal(t, int64(4), queryInt(t, pool, `SELECT count(*) FROM class_policies`))
		require.Equal(t, `["EXECUTIVE_SPONSOR", "ACCOUNT_MANAGER", "SERVICE_MANAGER"]`, queryString(t, pool, `SELECT required_team_roles::text FROM class_policies WHERE class = 'S'`))
	})

	t.Run("Contacts", func(t *testing.T) {
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM contacts c JOIN contacts m ON m.id = c.reports_to_id WHERE m.account_id <> c.account_id`))
		require.Positive(t, queryInt(t, pool, `SELECT count(*) FROM contacts WHERE reports_to_id IS NOT NULL`))
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM accounts a WHERE NOT EXISTS (
			SELECT 1 FROM contacts c WHERE c.account_id = a.id AND c.buying_role = 'DECISION_MAKER' AND c.reports_to_id IS NULL)`))
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM (SELECT account_id, count(*) n FROM contacts GROUP BY 1) x WHERE n < 2 OR n > 6`))
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM contacts WHERE active = (left_at IS NOT NULL) OR relationship_strength NOT BETWEEN 1 AND 5`))
		avg := queryFloat(t, pool, `SELECT count(*)::float8 / $1 FROM contacts`, accounts)
		require.InDelta(t, 4, avg, 1)
		// Touchpoints involve contacts of their own account who had not
		// left yet.
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM touchpoint_contacts tc JOIN touchpoints t ON t.id = tc.touchpoint_id
			JOIN contacts c ON c.id = tc.contact_id WHERE c.account_id <> t.account_id OR c.left_at < t.occurred_at`))
	})

	t.Run("Touchpoints", func(t *testing.T) {
		avg := queryFloat(t, pool, `SELECT count(*)::float8 / $1 FROM touchpoints`, accounts)
		require.InDelta(t, 10, avg, 3)
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM touchpoints t JOIN accounts a ON a.id = t.account_id
			WHERE t.created_by_id IS DISTINCT FROM a.owner_id OR t.occurred_at < $1::timestamptz - interval '366 days' OR t.occurred_at >= $1::timestamptz
			OR t.created_at < t.occurred_at`, asOf))
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM touchpoints t WHERE NOT EXISTS (
			SELECT 1 FROM touchpoint_staff s WHERE s.touchpoint_id = t.id AND s.user_id = t.created_by_id)`))
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM touchpoints t WHERE NOT EXISTS (SELECT 1 FROM touchpoint_contacts c WHERE c.touchpoint_id = t.id)`))
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM satisfaction_surveys WHERE score NOT BETWEEN 0 AND 10 OR recommend_score NOT BETWEEN 0 AND 10 OR surveyed_on >= $1::date`, asOf))
		complained := queryFloat(t, pool, `SELECT count(DISTINCT account_id)::float8 / $1 FROM complaints`, accounts)
		require.InDelta(t, 0.1, complained, 0.04)
	})

	t.Run("Receivables", func(t *testing.T) {
		// Receivables are what shipped orders have not been paid yet;
		// overdue is the part already past due.
		require.Zero(t, queryInt(t, pool, `
			WITH paid AS (SELECT order_id, sum(amount_minor) AS paid FROM collections GROUP BY order_id),
			o AS (
				SELECT o.account_id, o.amount_minor - coalesce(p.paid, 0) AS open,
					o.order_date + a.payment_terms_days::int < $1::date AS due
				FROM orders o JOIN accounts a ON a.id = o.account_id LEFT JOIN paid p ON p.order_id = o.id
				WHERE o.status = 'SHIPPED'),
			t AS (SELECT account_id, sum(open) AS rec, sum(open) FILTER (WHERE due) AS ovd FROM o GROUP BY account_id)
			SELECT count(*) FROM accounts a LEFT JOIN t ON t.account_id = a.id
			WHERE a.receivables_minor <> coalesce(t.rec, 0) OR a.overdue_receivables_minor <> coalesce(t.ovd, 0)`, asOf))
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM collections c JOIN orders o ON o.id = c.order_id
			WHERE c.account_id <> o.account_id OR c.received_on < o.order_date OR c.received_on >= $1::date OR o.status <> 'SHIPPED'
			OR c.due_on <> o.order_date + (SELECT payment_terms_days::int FROM accounts a WHERE a.id = o.account_id)`, asOf))
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM (SELECT o.id FROM orders o JOIN collections c ON c.order_id = o.id
			GROUP BY o.id, o.amount_minor HAVING sum(c.amount_minor) > o.amount_minor) x`))
		late := queryFloat(t, pool, `SELECT avg((received_on > due_on)::int) FROM collections`)
		require.Greater(t, late, 0.15)
		require.Less(t, late, 0.6)
		require.Positive(t, queryInt(t, pool, `SELECT count(*) FROM accounts WHERE overdue_receivables_minor > 0`))
	})

	t.Run("Faded", func(t *testing.T) {
		want := s.stats.FadedAccountIDs
		require.NotEmpty(t, want)
		nonProspects := queryInt(t, pool, `SELECT count(*) FROM accounts WHERE lifecycle_stage <> 'EXPLORATION'`)
		require.InDelta(t, 0.03, float64(len(want))/float64(nonProspects), 0.015)
		// Recognisable by data alone: they had orders but none in the
		// last 120 days, and their decision maker left unreplaced.
		rows, err := pool.Query(ctx, `
			SELECT a.id FROM accounts a
			WHERE a.lifecycle_stage <> 'LOST'
			  AND EXISTS (SELECT 1 FROM orders o WHERE o.account_id = a.id)
			  AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.account_id = a.id AND o.order_date > $1::date - 120)
			  AND EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = a.id AND c.buying_role = 'DECISION_MAKER' AND NOT c.active AND c.left_at IS NOT NULL)
			  AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = a.id AND c.buying_role = 'DECISION_MAKER' AND c.active)
			ORDER BY a.id`, asOf)
		require.NoError(t, err)
		got, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		require.NoError(t, err)
		require.Equal(t, want, got)

		// Their last order is 120-300 days back, the last touchpoint is
		// older than that, satisfaction fell and payments stalled.
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM accounts a WHERE a.id = ANY($2) AND (
			(SELECT max(order_date) FROM orders o WHERE o.account_id = a.id) NOT BETWEEN $1::date - 300 AND $1::date - 120
			OR (SELECT max(occurred_at) FROM touchpoints t WHERE t.account_id = a.id) > $1::timestamptz - interval '150 days'
			OR (SELECT score FROM satisfaction_surveys s WHERE s.account_id = a.id ORDER BY surveyed_on DESC LIMIT 1) >=
			   (SELECT score FROM satisfaction_surveys s WHERE s.account_id = a.id ORDER BY surveyed_on LIMIT 1)
			OR a.lifecycle_stage <> 'STABLE')`, asOf, want))
		require.Zero(t, queryInt(t, pool, `SELECT count(*) FROM accounts WHERE id = ANY($1) AND overdue_receivables_minor = 0`, want))
	})

	t.Run("Integrity", func(t *testing.T) {
		// Foreign keys: the load may skip their triggers, so check every
		// single-column foreign key of the seeded tables by hand.
		rows, err := pool.Query(ctx, `
			SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, af.attname
			FROM pg_constraint c
			JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
			JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
			WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.conrelid::regclass::text = ANY($1)`, seed.Tables)
		require.NoError(t, err)
		type fk struct{ table, col, ref, refCol string }
		var fks []fk
		var f fk
		_, err = pgx.ForEachRow(rows, []any{&f.table, &f.col, &f.ref, &f.refCol}, func() error { fks = append(fks, f); return nil })
		require.NoError(t, err)
		require.Greater(t, len(fks), 20)
		for _, f := range fks {
			q := fmt.Sprintf(`SELECT count(*) FROM %s x WHERE x.%s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %s y WHERE y.%s = x.%s)`,
				pgx.Identifier{f.table}.Sanitize(), pgx.Identifier{f.col}.Sanitize(), pgx.Identifier{f.ref}.Sanitize(),
				pgx.Identifier{f.refCol}.Sanitize(), pgx.Identifier{f.col}.Sanitize())
			require.Zero(t, queryInt(t, pool, q), "%s.%s → %s", f.table, f.col, f.ref)
		}

		// Ids lie in their table's range, which starts at the identity
		// sequence's start and spans 2^32.
		for _, table := range seed.Tables {
			if strings.HasPrefix(table, "touchpoint_") {
				continue
			}
			var start, lo, hi int64
			require.NoError(t, pool.QueryRow(ctx, fmt.Sprintf(`SELECT (SELECT seqstart FROM pg_sequence WHERE seqrelid = pg_get_serial_sequence($1, 'id')::regclass),
				min(id), max(id) FROM %s`, pgx.Identifier{table}.Sanitize()), table).Scan(&start, &lo, &hi))
			require.GreaterOrEqual(t, lo, start, table)
			require.Less(t, hi, start+1<<32, table)
			// The sequence is past every id written: the app's next
			// insert does not collide.
			next := queryInt(t, pool, `SELECT last_value FROM pg_sequences WHERE schemaname || '.' || sequencename = pg_get_serial_sequence($1, 'id')
				OR sequencename = split_part(pg_get_serial_sequence($1, 'id'), '.', 2)`, table)
			require.GreaterOrEqual(t, next, hi, table)
		}

		// Timestamps: nothing after AsOf, nothing updated before created.
		for _, table := range seed.Tables {
			if strings.HasPrefix(table, "touchpoint_") {
				continue
			}
			require.Zero(t, queryInt(t, pool, fmt.Sprintf(`SELECT count(*) FROM %s WHERE created_at > $1::timestamptz OR updated_at > $1::timestamptz OR updated_at < created_at`,
				pgx.Identifier{table}.Sanitize()), asOf), table)
		}
	})
}

func queryString(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) string {
	t.Helper()
	var s string
	require.NoError(t, pool.QueryRow(context.Background(), sql, args...).Scan(&s), sql)
	return s
}

// checksum hashes the key columns of accounts, orders, contacts and
// touchpoints in id order.
func checksum(t *testing.T, pool *pgxpool.Pool) string {
	t.Helper()
	return queryString(t, pool, `SELECT md5(
		(SELECT string_agg(concat_ws('|', id, code, name, name_en, kind, region, city, lifecycle_stage, owner_id, parent_id,
			receivables_minor, overdue_receivables_minor, price_coefficient, created_at), ',' ORDER BY id) FROM accounts) ||
		(SELECT string_agg(concat_ws('|', id, order_no, order_date, amount_minor, margin_minor, status, account_id, created_at), ',' ORDER BY id) FROM orders) ||
		(SELECT string_agg(concat_ws('|', id, name, email, reports_to_id, left_at), ',' ORDER BY id) FROM contacts) ||
		(SELECT string_agg(concat_ws('|', id, kind, occurred_at, account_id), ',' ORDER BY id) FROM touchpoints) ||
		(SELECT string_agg(concat_ws('|', id, received_on, amount_minor, order_id), ',' ORDER BY id) FROM collections))`)
}

func TestRunIsDeterministic(t *testing.T) {
	t.Parallel()
	opts := seed.Options{Accounts: 800, Seed: 42, AsOf: time.Date(2025, 3, 15, 13, 45, 0, 0, time.UTC)}
	a := setup(t, opts)
	b := setup(t, opts)
	require.Equal(t, checksum(t, a.pool), checksum(t, b.pool))
	require.Equal(t, a.stats.Rows, b.stats.Rows)
	require.Equal(t, a.stats.FadedAccountIDs, b.stats.FadedAccountIDs)

	opts.Seed = 43
	c := setup(t, opts)
	require.NotEqual(t, checksum(t, a.pool), checksum(t, c.pool))
}

func TestRunRefusesNonEmptyDatabase(t *testing.T) {
	t.Parallel()
	s := setup(t, seed.Options{Accounts: 150})
	before := tableCounts(t, s.pool)
	seqBefore := checksumSequences(t, s.pool)

	_, err := seed.Run(context.Background(), s.pool, seed.Options{Accounts: 150})
	require.ErrorIs(t, err, seed.ErrNotEmpty)
	require.ErrorContains(t, err, "accounts already has rows")
	require.Equal(t, before, tableCounts(t, s.pool))
	require.Equal(t, seqBefore, checksumSequences(t, s.pool), "no ids were consumed")
}

func TestRunWritesNothingOnFailure(t *testing.T) {
	t.Parallel()
	pool := testdb.NewPool(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Cancel the run once the orders are written: the transaction must
	// roll back everything written before.
	logger := slog.New(&cancelAfter{table: "orders", cancel: cancel})
	_, err := seed.Run(ctx, pool, seed.Options{Accounts: 300, Logger: logger})
	require.ErrorIs(t, err, context.Canceled)
	for table, n := range tableCounts(t, pool) {
		require.Zero(t, n, table)
	}

	// And the database can be seeded afterwards.
	stats, err := seed.Run(context.Background(), pool, seed.Options{Accounts: 300})
	require.NoError(t, err)
	require.Equal(t, int64(300), stats.Rows["accounts"])
}

func TestRunTiny(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 7} {
		s := setup(t, seed.Options{Accounts: n})
		require.Equal(t, int64(n), s.stats.Rows["accounts"])
		require.Equal(t, int64(4), s.stats.Rows["class_policies"])
		require.Equal(t, int64(5), queryInt(t, s.pool, "SELECT count(*) FROM role_assignments WHERE role = 'KEY_ACCOUNT_MANAGER'"))
	}
}

func TestOptions(t *testing.T) {
	t.Parallel()
	o := seed.Options{Accounts: 1}.WithDefaults()
	require.Equal(t, uint64(1), o.Seed)
	require.Equal(t, seed.DefaultAsOf, o.AsOf)
	require.NotNil(t, o.Logger)
	o = seed.Options{Accounts: 1, AsOf: time.Date(2026, 1, 2, 23, 59, 0, 0, time.FixedZone("CST", 8*3600))}.WithDefaults()
	require.Equal(t, time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), o.AsOf)

	for _, n := range []int{0, -1, seed.MaxAccounts + 1} {
		_, err := seed.Run(context.Background(), nil, seed.Options{Accounts: n})
		require.ErrorContains(t, err, "Accounts must be")
	}
}

// cancelAfter is a slog handler that cancels a context when a table has
// been written.
type cancelAfter struct {
	table  string
	cancel context.CancelFunc
}

func (h *cancelAfter) Enabled(context.Context, slog.Level) bool { return true }
func (h *cancelAfter) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if r.Message == "seeded table" && a.Key == "table" && a.Value.String() == h.table {
			h.cancel()
		}
		return true
	})
	return nil
}
func (h *cancelAfter) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *cancelAfter) WithGroup(string) slog.Handler      { return h }

func tableCounts(t *testing.T, pool *pgxpool.Pool) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, table := range seed.Tables {
		out[table] = queryInt(t, pool, "SELECT count(*) FROM "+pgx.Identifier{table}.Sanitize())
	}
	return out
}

func checksumSequences(t *testing.T, pool *pgxpool.Pool) []int64 {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT coalesce(last_value, 0) FROM pg_sequences ORDER BY sequencename`)
	require.NoError(t, err)
	vals, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	require.NoError(t, err)
	return vals
}
