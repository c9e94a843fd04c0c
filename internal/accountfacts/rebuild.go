package accountfacts

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/summitkam/summit/internal/database"
)

// factTables are the tables whose rows the aggregates summarise.
const factTables = `orders, collections, satisfaction_surveys, complaints, touchpoints`

// columns are the aggregate columns, in FromScratchSQL's order.
const columns = `account_id, month, revenue_minor, margin_minor, orders, first_order_on, last_order_on,
	collected_minor, collected_late_minor, collections, days_late_sum, survey_score_sum, surveys,
	complaints_low, complaints_medium, complaints_high, touchpoints, last_touch_at`

// FromScratchSQL computes every row of account_monthly_facts from the fact
// tables: the definition the triggers maintain incrementally.
const FromScratchSQL = `
WITH o AS (
	SELECT account_id, date_trunc('month', order_date)::date AS month, sum(amount_minor)::bigint AS revenue_minor,
	       sum(margin_minor)::bigint AS margin_minor, count(*)::int AS orders, min(order_date) AS first_order_on,
	       max(order_date) AS last_order_on
	FROM orders WHERE status = 'SHIPPED' GROUP BY 1, 2
), c AS (
	SELECT account_id, date_trunc('month', received_on)::date AS month, sum(amount_minor)::bigint AS collected_minor,
	       coalesce(sum(amount_minor) FILTER (WHERE received_on > due_on), 0)::bigint AS collected_late_minor,
	       count(*)::int AS collections, sum(greatest(received_on - due_on, 0))::bigint AS days_late_sum
	FROM collections GROUP BY 1, 2
), s AS (
	SELECT account_id, date_trunc('month', surveyed_on)::date AS month, sum(score)::bigint AS survey_score_sum,
	       count(*)::int AS surveys
	FROM satisfaction_surveys GROUP BY 1, 2
), p AS (
	SELECT account_id, date_trunc('month', opened_at AT TIME ZONE 'UTC')::date AS month,
	       (count(*) FILTER (WHERE severity = 'LOW'))::int AS complaints_low,
	       (count(*) FILTER (WHERE severity = 'MEDIUM'))::int AS complaints_medium,
	       (count(*) FILTER (WHERE severity = 'HIGH'))::int AS complaints_high
	FROM complaints GROUP BY 1, 2
), t AS (
	SELECT account_id, date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date AS month, count(*)::int AS touchpoints,
	       max(occurred_at) AS last_touch_at
	FROM touchpoints GROUP BY 1, 2
)
SELECT account_id, month,
       coalesce(o.revenue_minor, 0), coalesce(o.margin_minor, 0), coalesce(o.orders, 0), o.first_order_on, o.last_order_on,
       coalesce(c.collected_minor, 0), coalesce(c.collected_late_minor, 0), coalesce(c.collections, 0), coalesce(c.days_late_sum, 0),
       coalesce(s.survey_score_sum, 0), coalesce(s.surveys, 0),
       coalesce(p.complaints_low, 0), coalesce(p.complaints_medium, 0), coalesce(p.complaints_high, 0),
       coalesce(t.touchpoints, 0), t.last_touch_at
FROM o FULL JOIN c USING (account_id, month) FULL JOIN s USING (account_id, month)
       FULL JOIN p USING (account_id, month) FULL JOIN t USING (account_id, month)`

// Verify returns how many (account, month) rows of account_monthly_facts
// differ from FromScratchSQL (missing, extra or with other totals); 0 means
// the aggregates are exact.
func Verify(ctx context.Context, q database.Querier) (int, error) {
	var n int
	err := q.QueryRow(ctx, `
		WITH want AS (`+FromScratchSQL+`), have AS (SELECT `+columns+` FROM account_monthly_facts)
		SELECT count(*) FROM ((TABLE want EXCEPT ALL TABLE have) UNION ALL (TABLE have EXCEPT ALL TABLE want)) d`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("error comparing account_monthly_facts with the fact tables: %w", err)
	}
	return n, nil
}

// RebuildResult says what Rebuild did.
type RebuildResult struct {
	// Differing is how many rows were wrong, missing or extra before.
	Differing int
	// Rows is how many rows the table holds now.
	Rows     int64
	Duration time.Duration
}

// Rebuild replaces account_monthly_facts with FromScratchSQL in one
// transaction. Writers of the fact tables wait for it (SHARE lock), so no
// fact lands between the read and the swap; readers do not.
func Rebuild(ctx context.Context, db interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}) (RebuildResult, error) {
	start := time.Now()
	tx, err := db.Begin(ctx)
	if err != nil {
		return RebuildResult{}, fmt.Errorf("error beginning the aggregate rebuild: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // a no-op after Commit
	if _, err := tx.Exec(ctx, `LOCK TABLE `+factTables+` IN SHARE MODE`); err != nil {
		return RebuildResult{}, fmt.Errorf("error locking the fact tables for the aggregate rebuild: %w", err)
	}
	var res RebuildResult
	if res.Differing, err = Verify(ctx, tx); err != nil {
		return RebuildResult{}, err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM account_monthly_facts`); err != nil {
		return RebuildResult{}, fmt.Errorf("error clearing account_monthly_facts: %w", err)
	}
	tag, err := tx.Exec(ctx, `INSERT INTO account_monthly_facts (`+columns+`) `+FromScratchSQL)
	if err != nil {
		return RebuildResult{}, fmt.Errorf("error rebuilding account_monthly_facts: %w", err)
	}
	res.Rows = tag.RowsAffected()
	if err := tx.Commit(ctx); err != nil {
		return RebuildResult{}, fmt.Errorf("error committing the aggregate rebuild: %w", err)
	}
	res.Duration = time.Since(start)
	return res, nil
}
