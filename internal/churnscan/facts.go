package churnscan

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/database"
)

// Account is what a scan needs to know about an assessed account besides
// its facts: who owns it and where it is in its lifecycle.
type Account struct {
	ID      int
	OwnerID *int
	Stage   string
	Class   churn.Class
}

// Day truncates t to its UTC calendar day. Facts are as of the start of the
// scan's day, so a scan rerun later that day (after a crash, on another
// node) sees the same orders, payments and complaints.
func Day(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// trailingPeriods is how many PeriodDays-long periods before the current one
// the trailing averages cover (a year of history with the current period).
const trailingPeriods = 3

// inScope is which accounts a scan assesses: live customers and partners.
// Prospects (exploration) have nothing to lose yet, lost accounts are gone,
// internal accounts are us.
const inScope = `NOT a.archived AND a.kind <> 'INTERNAL' AND a.lifecycle_stage NOT IN ('EXPLORATION', 'LOST')`

// factsSQL gathers churn.Facts for the in-scope accounts with ids in
// [$1, $2] as of day $3 (midnight UTC), in one statement: one aggregation
// per fact table over an index range scan on (account_id, date), joined to
// the accounts. Windows, with D = $3 and P = churn.PeriodDays:
//
//   - orders (shipped, in the IntervalHistoryYears before D): the last order
//     date, the median gap between consecutive orders, revenue and order
//     counts of [D-P, D), of the trailing periods [D-4P, D-P) and of the same
//     window a year earlier [D-365-P, D-365);
//   - overdue receivables at D and at D-P: shipped orders past their due day
//     (order date + payment terms) less what was collected against them
//     before that day;
//   - collections: average days late (never negative) of payments received
//     in [D-P, D) and in the PreviousCollectionsDays before;
//   - satisfaction: the latest survey and the average of the earlier ones in
//     the history window, on a 0–100 scale (surveys score 0–10);
//   - complaints opened in [D-30, D) and [D-P, D), by severity (LOW minor,
//     MEDIUM major, HIGH critical);
//   - the last touchpoint before D; the class policy's contact cadence;
//   - decision makers who left in [D-P, D);
//   - the latest effective class downgrade in [D-DowngradeWindowDays, D).
const factsSQL = `
WITH acc AS (
	SELECT a.id, a.owner_id, a.lifecycle_stage, coalesce(a.current_class::text, '') AS class, a.created_at,
	       a.payment_terms_days, cp.contact_cadence_days
	FROM accounts a
	LEFT JOIN class_policies cp ON cp.class = a.current_class
	WHERE a.id BETWEEN $1 AND $2 AND ($7::bigint[] IS NULL OR a.id = ANY($7::bigint[])) AND ` + inScope + `
), paid AS (
	SELECT c.order_id, sum(c.amount_minor) AS now,
	       coalesce(sum(c.amount_minor) FILTER (WHERE c.received_on < $3::date - 90), 0) AS then
	FROM collections c
	WHERE c.account_id BETWEEN $1 AND $2 {{only:c.account_id}} AND c.received_on < $3::date AND c.order_id IS NOT NULL
	  -- Only orders in the history window matter, and their due day is after
	  -- their order day.
	  AND c.due_on >= $3::date - make_interval(years => $4)
	GROUP BY c.order_id
), ord AS (
	SELECT x.account_id,
	       max(x.order_date) AS last_order,
	       count(*) AS n,
	       ((max(x.order_date) - min(x.order_date))::float8 / nullif(count(*) - 1, 0)) AS mean_gap,
	       coalesce(sum(x.amount_minor) FILTER (WHERE x.order_date >= $3::date - 90), 0)::bigint AS rev_cur,
	       count(*) FILTER (WHERE x.order_date >= $3::date - 90) AS ord_cur,
	       coalesce(sum(x.amount_minor) FILTER (WHERE x.order_date >= $3::date - 360 AND x.order_date < $3::date - 90), 0)::bigint AS rev_trail,
	       count(*) FILTER (WHERE x.order_date >= $3::date - 360 AND x.order_date < $3::date - 90) AS ord_trail,
	       coalesce(sum(x.amount_minor) FILTER (WHERE x.order_date >= $3::date - 455 AND x.order_date < $3::date - 365), 0)::bigint AS rev_ly,
	       count(*) FILTER (WHERE x.order_date >= $3::date - 455 AND x.order_date < $3::date - 365) AS ord_ly,
	       coalesce(sum(greatest(x.amount_minor - coalesce(x.paid_now, 0), 0)) FILTER (WHERE x.due < $3::date), 0)::bigint AS overdue_now,
	       coalesce(sum(greatest(x.amount_minor - coalesce(x.paid_then, 0), 0)) FILTER (WHERE x.due < $3::date - 90), 0)::bigint AS overdue_then
	FROM (
		SELECT o.account_id, o.order_date, o.amount_minor, o.order_date + acc.payment_terms_days::int AS due,
		       paid.now AS paid_now, paid.then AS paid_then
		FROM orders o
		JOIN acc ON acc.id = o.account_id
		LEFT JOIN paid ON paid.order_id = o.id
		WHERE o.account_id BETWEEN $1 AND $2 AND o.status = 'SHIPPED'
		  AND o.order_date >= $3::date - make_interval(years => $4) AND o.order_date < $3::date
	) x
	GROUP BY x.account_id
), col AS (
	SELECT c.account_id,
	       avg(greatest(c.received_on - c.due_on, 0)) FILTER (WHERE c.received_on >= $3::date - 90)::float8 AS late_recent,
	       count(*) FILTER (WHERE c.received_on >= $3::date - 90) AS n_recent,
	       avg(greatest(c.received_on - c.due_on, 0)) FILTER (WHERE c.received_on < $3::date - 90)::float8 AS late_prev,
	       count(*) FILTER (WHERE c.received_on < $3::date - 90) AS n_prev
	FROM collections c
	WHERE c.account_id BETWEEN $1 AND $2 {{only:c.account_id}} AND c.received_on >= $3::date - (90 + $5::int) AND c.received_on < $3::date
	GROUP BY c.account_id
), sv AS (
	SELECT s.account_id,
	       (max(s.score) FILTER (WHERE s.rn = 1) * 10)::float8 AS latest,
	       (avg(s.score) FILTER (WHERE s.rn > 1) * 10)::float8 AS prev
	FROM (SELECT account_id, score, row_number() OVER (PARTITION BY account_id ORDER BY surveyed_on DESC, id DESC) AS rn
	      FROM satisfaction_surveys
	      WHERE account_id BETWEEN $1 AND $2 {{only:account_id}} AND surveyed_on < $3::date
	        AND surveyed_on >= $3::date - make_interval(years => $4)) s
	GROUP BY s.account_id
), cmp AS (
	SELECT c.account_id,
	       count(*) FILTER (WHERE c.severity = 'LOW' AND c.opened_at >= $3::date - 30) AS minor30,
	       count(*) FILTER (WHERE c.severity = 'MEDIUM' AND c.opened_at >= $3::date - 30) AS major30,
	       count(*) FILTER (WHERE c.severity = 'HIGH' AND c.opened_at >= $3::date - 30) AS critical30,
	       count(*) FILTER (WHERE c.severity = 'LOW') AS minor90,
	       count(*) FILTER (WHERE c.severity = 'MEDIUM') AS major90,
	       count(*) FILTER (WHERE c.severity = 'HIGH') AS critical90
	FROM complaints c
	WHERE c.account_id BETWEEN $1 AND $2 {{only:c.account_id}} AND c.opened_at >= $3::date - 90 AND c.opened_at < $3::date
	GROUP BY c.account_id
), tp AS (
	SELECT t.account_id, max(t.occurred_at) AS last_touch
	FROM touchpoints t
	WHERE t.account_id BETWEEN $1 AND $2 {{only:t.account_id}} AND t.occurred_at < $3::date
	GROUP BY t.account_id
), dm AS (
	SELECT c.account_id, count(*) AS left_n
	FROM contacts c
	WHERE c.account_id BETWEEN $1 AND $2 {{only:c.account_id}} AND c.buying_role = 'DECISION_MAKER'
	  AND c.left_at >= $3::date - 90 AND c.left_at < $3::date
	GROUP BY c.account_id
), dg AS (
	SELECT DISTINCT ON (ca.account_id) ca.account_id, ca.previous_class::text AS from_class, ca.class::text AS to_class,
	       coalesce(ca.effective_at, ca.created_at) AS at
	FROM class_assignments ca
	WHERE ca.account_id BETWEEN $1 AND $2 {{only:ca.account_id}} AND ca.approval_status IN ('NOT_REQUIRED', 'APPROVED')
	  AND ca.previous_class IS NOT NULL AND ca.class::text > ca.previous_class::text -- S < A < B < C: a downgrade
	  AND coalesce(ca.effective_at, ca.created_at) >= $3::date - $6::int
	  AND coalesce(ca.effective_at, ca.created_at) < $3::date
	ORDER BY ca.account_id, coalesce(ca.effective_at, ca.created_at) DESC, ca.id DESC
)
SELECT acc.id, acc.owner_id, acc.lifecycle_stage, acc.class, acc.created_at, coalesce(acc.contact_cadence_days, 0),
       ord.last_order, coalesce(ord.n, 0), coalesce(ord.mean_gap, 0)::float8,
       coalesce(ord.rev_cur, 0), coalesce(ord.ord_cur, 0), coalesce(ord.rev_trail, 0), coalesce(ord.ord_trail, 0),
       coalesce(ord.rev_ly, 0), coalesce(ord.ord_ly, 0), coalesce(ord.overdue_now, 0), coalesce(ord.overdue_then, 0),
       coalesce(col.late_recent, 0), coalesce(col.n_recent, 0), coalesce(col.late_prev, 0), coalesce(col.n_prev, 0),
       sv.latest, sv.prev,
       coalesce(cmp.minor30, 0), coalesce(cmp.major30, 0), coalesce(cmp.critical30, 0),
       coalesce(cmp.minor90, 0), coalesce(cmp.major90, 0), coalesce(cmp.critical90, 0),
       tp.last_touch, coalesce(dm.left_n, 0), coalesce(dg.from_class, ''), coalesce(dg.to_class, ''), dg.at
FROM acc
LEFT JOIN ord ON ord.account_id = acc.id
LEFT JOIN col ON col.account_id = acc.id
LEFT JOIN sv ON sv.account_id = acc.id
LEFT JOIN cmp ON cmp.account_id = acc.id
LEFT JOIN tp ON tp.account_id = acc.id
LEFT JOIN dm ON dm.account_id = acc.id
LEFT JOIN dg ON dg.account_id = acc.id
ORDER BY acc.id`

// factsSQLRange and factsSQLOnly are factsSQL for a whole id range (index
// range scans, merge joins) and for a list of ids within a range (index
// lookups per account): a page of 25 accounts spread over a million ids
// must not scan the range between them.
var (
	factsSQLRange = onlyFilter.ReplaceAllString(factsSQL, "")
	factsSQLOnly  = onlyFilter.ReplaceAllString(factsSQL, "AND ${1}account_id IN (SELECT id FROM acc)")
)

var onlyFilter = regexp.MustCompile(`\{\{only:([a-z]*\.?)account_id\}\}`)

// GatherFacts returns the churn facts of the in-scope accounts with ids in
// [fromID, toID] as of asOf's day, in one statement, in id order. Bound the
// range to a few thousand accounts so every aggregation is an index range
// scan.
func GatherFacts(ctx context.Context, q database.Querier, asOf time.Time, fromID, toID int) ([]churn.Facts, []Account, error) {
	return gatherFacts(ctx, q, asOf, fromID, toID, nil)
}

// GatherFactsOf returns the churn facts of the given in-scope accounts (a
// page of a list), in id order; accounts out of scope are left out.
func GatherFactsOf(ctx context.Context, q database.Querier, asOf time.Time, ids []int) ([]churn.Facts, []Account, error) {
	if len(ids) == 0 {
		return nil, nil, nil
	}
	return gatherFacts(ctx, q, asOf, slices.Min(ids), slices.Max(ids), ids)
}

func gatherFacts(ctx context.Context, q database.Querier, asOf time.Time, fromID, toID int, only []int) ([]churn.Facts, []Account, error) {
	// JIT off: the planner's row estimates for this many joined aggregates
	// are far too high, so PostgreSQL would spend 1–2 s compiling a
	// statement that runs in tens of milliseconds. SET LOCAL needs a
	// transaction; a pool gets a short read-only one.
	if pool, ok := q.(interface {
		BeginTx(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error)
	}); ok {
		if _, inTx := q.(pgx.Tx); !inTx {
			tx, err := pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
			if err != nil {
				return nil, nil, fmt.Errorf("error beginning churn facts read: %w", err)
			}
			defer tx.Rollback(ctx) //nolint:errcheck // read-only
			q = tx
		}
	}
	if _, err := q.Exec(ctx, "SET LOCAL jit = off"); err != nil {
		return nil, nil, fmt.Errorf("error configuring churn facts read: %w", err)
	}
	day := Day(asOf)
	// QueryExecModeExec: an unnamed statement is planned for its
	// parameters every time. A cached prepared statement switches to a
	// generic plan after five runs, and a generic plan cannot know how
	// narrow the id range is; it then scans whole tables (seconds, not
	// milliseconds, per chunk).
	sql := factsSQLRange
	if only != nil {
		sql = factsSQLOnly
	}
	rows, err := q.Query(ctx, sql, pgx.QueryExecModeExec, fromID, toID, day, churn.IntervalHistoryYears,
		churn.PreviousCollectionsDays, churn.DowngradeWindowDays, only)
	if err != nil {
		return nil, nil, fmt.Errorf("error gathering churn facts of accounts %d–%d: %w", fromID, toID, err)
	}
	defer rows.Close()
	var (
		facts    []churn.Facts
		accounts []Account
	)
	for rows.Next() {
		var (
			f                    churn.Facts
			a                    Account
			class                string
			lastOrder, lastTouch *time.Time
			orders               int
			revTrail             int64
			ordTrail             int
			dgFrom, dgTo         string
			dgAt                 *time.Time
		)
		if err := rows.Scan(&a.ID, &a.OwnerID, &a.Stage, &class, &f.CreatedAt, &f.ContactCadenceDays,
			&lastOrder, &orders, &f.OrderIntervalDays,
			&f.RevenueCurrent, &f.OrdersCurrent, &revTrail, &ordTrail, &f.RevenueLastYear, &f.OrdersLastYear,
			&f.OverdueNow, &f.Overdue90DaysAgo,
			&f.AvgDaysLateRecent, &f.PaymentsRecent, &f.AvgDaysLatePrevious, &f.PaymentsPrevious,
			&f.SatisfactionLatest, &f.SatisfactionPreviousAvg,
			&f.Complaints30Days.Minor, &f.Complaints30Days.Major, &f.Complaints30Days.Critical,
			&f.Complaints90Days.Minor, &f.Complaints90Days.Major, &f.Complaints90Days.Critical,
			&lastTouch, &f.KeyContactsLeft, &dgFrom, &dgTo, &dgAt); err != nil {
			return nil, nil, fmt.Errorf("error reading churn facts of accounts %d–%d: %w", fromID, toID, err)
		}
		a.Class = churn.Class(class)
		f.AccountID = strconv.Itoa(a.ID)
		f.Class = a.Class
		f.AsOf = day
		if f.CreatedAt.After(day) {
			f.CreatedAt = day
		}
		if lastOrder != nil {
			f.LastOrderAt = *lastOrder
		}
		// The interval is a median of gaps, so it needs two orders; the
		// count is of the orders it was computed from.
		f.IntervalOrderCount = orders
		f.TrailingPeriods = completePeriods(f.CreatedAt, day)
		if f.TrailingPeriods > 0 {
			// Averages over the periods the account existed in, so a young
			// account is not compared with periods before it was a customer.
			f.RevenueTrailingAvg = revTrail / int64(f.TrailingPeriods)
			f.OrdersTrailingAvg = float64(ordTrail) / float64(f.TrailingPeriods)
		}
		if lastTouch != nil {
			f.LastTouchpointAt = *lastTouch
		}
		if dgAt != nil && dgFrom != "" {
			f.Downgrade = churn.ClassChange{From: churn.Class(dgFrom), To: churn.Class(dgTo), At: *dgAt}
		}
		facts = append(facts, f)
		accounts = append(accounts, a)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("error reading churn facts of accounts %d–%d: %w", fromID, toID, err)
	}
	return facts, accounts, nil
}

// completePeriods is how many of the trailing periods before the current
// one the account existed for, whole.
func completePeriods(created, day time.Time) int {
	currentStart := day.AddDate(0, 0, -churn.PeriodDays)
	if !created.Before(currentStart) {
		return 0
	}
	n := int(currentStart.Sub(created).Hours() / 24 / churn.PeriodDays)
	return min(n, trailingPeriods)
}
