package accountfacts_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/accountfacts"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
)

// factTable describes how the random writes touch one fact table.
type factTable struct {
	name, date, amount string
	// copyCols are copied as they are when inserting copies of rows.
	copyCols string
	// unique is a unique column rewritten on copies ("" when none).
	unique string
	// other is an assignment to a column the aggregates do not read.
	other string
}

var factTables = []factTable{
	{name: "orders", date: "order_date", amount: "amount_minor", copyCols: "margin_minor, product_line, status, account_id",
		unique: "order_no", other: "product_line = product_line || 'x'"},
	{name: "collections", date: "received_on", amount: "amount_minor", copyCols: "due_on, account_id, order_id",
		other: "updated_at = now()"},
	{name: "satisfaction_surveys", date: "surveyed_on", amount: "score", copyCols: "recommend_score, channel, comment, account_id, contact_id",
		other: "comment = 'changed'"},
	{name: "complaints", date: "opened_at", copyCols: "severity, topic, description, status, resolved_at, account_id",
		other: "topic = topic || 'x'"},
	{name: "touchpoints", date: "occurred_at", copyCols: "kind, summary, next_step, next_step_due_on, account_id, created_by_id",
		other: "summary = summary || 'x'"},
}

// randomWrite runs one random statement against a fact table: a batch
// insert of shifted copies, an amount change, a date move (often across a
// month), an account change, a status or severity flip, a change to a
// column the aggregates ignore, or a delete. It returns what it did.
func randomWrite(ctx context.Context, t *testing.T, pool *pgxpool.Pool, rng *rand.Rand, step int) string {
	t.Helper()
	ft := factTables[rng.IntN(len(factTables))]
	var rows int64
	require.NoError(t, pool.QueryRow(ctx, "SELECT count(*) FROM "+ft.name).Scan(&rows))
	offset, limit := rng.Int64N(max(rows, 1)), 1+rng.IntN(40)
	pick := fmt.Sprintf("id IN (SELECT id FROM %s ORDER BY id OFFSET %d LIMIT %d)", ft.name, offset, limit)
	shift := rng.IntN(120) - 60
	var sql string
	switch op := rng.IntN(8); {
	case op == 0:
		unique, uniqueVal := "", ""
		if ft.unique != "" {
			unique, uniqueVal = ", "+ft.unique, fmt.Sprintf(", %s || '-r%d'", ft.unique, step)
		}
		dateExpr := fmt.Sprintf("%s + %d", ft.date, shift)
		if ft.date == "opened_at" || ft.date == "occurred_at" {
			dateExpr = fmt.Sprintf("%s + interval '%d hours'", ft.date, shift*13)
		}
		amountCol, amountVal := "", ""
		if ft.amount != "" {
			amountCol, amountVal = ", "+ft.amount, ", "+ft.amount
			if ft.amount == "score" {
				amountVal = ", (score + 3) % 11"
			}
		}
		sql = fmt.Sprintf("INSERT INTO %[1]s (created_at, updated_at, %[2]s%[3]s%[4]s, %[5]s) SELECT now(), now(), %[6]s%[7]s%[8]s, %[5]s FROM %[1]s WHERE %[9]s",
			ft.name, ft.date, unique, amountCol, ft.copyCols, dateExpr, uniqueVal, amountVal, pick)
	case op == 1 && ft.amount != "":
		set := fmt.Sprintf("%s = %s + %d", ft.amount, ft.amount, shift*100)
		if ft.amount == "score" {
			set = "score = (score + 7) % 11"
		}
		sql = fmt.Sprintf("UPDATE %s SET %s WHERE %s", ft.name, set, pick)
	case op == 2:
		if ft.date == "opened_at" || ft.date == "occurred_at" {
			sql = fmt.Sprintf("UPDATE %s SET %s = %s + interval '%d hours' WHERE %s", ft.name, ft.date, ft.date, shift*17, pick)
		} else {
			sql = fmt.Sprintf("UPDATE %s SET %s = %s + %d WHERE %s", ft.name, ft.date, ft.date, shift, pick)
		}
	case op == 3:
		sql = fmt.Sprintf("UPDATE %s SET account_id = (SELECT id FROM accounts ORDER BY id OFFSET %d LIMIT 1) WHERE %s",
			ft.name, rng.IntN(100), pick)
	case op == 4 && ft.name == "orders":
		sql = "UPDATE orders SET status = CASE status WHEN 'SHIPPED' THEN 'CANCELLED' ELSE 'SHIPPED' END WHERE " + pick
	case op == 4 && ft.name == "complaints":
		sql = "UPDATE complaints SET severity = CASE severity WHEN 'LOW' THEN 'HIGH' WHEN 'HIGH' THEN 'MEDIUM' ELSE 'LOW' END WHERE " + pick
	case op == 4 && ft.name == "collections":
		sql = fmt.Sprintf("UPDATE collections SET due_on = due_on + %d WHERE %s", shift, pick)
	case op == 5:
		sql = fmt.Sprintf("UPDATE %s SET %s WHERE %s", ft.name, ft.other, pick)
	case op == 6 && ft.name == "orders":
		// The import's upsert: rows that exist are updated, new ones inserted.
		sql = fmt.Sprintf(`INSERT INTO orders (created_at, updated_at, order_no, order_date, amount_minor, margin_minor, product_line, status, account_id)
			SELECT now(), now(), CASE WHEN id %% 2 = 0 THEN order_no ELSE order_no || '-u%d' END, order_date + %d, amount_minor + 1, margin_minor, product_line, status, account_id
			FROM orders WHERE %s
			ON CONFLICT (order_no) DO UPDATE SET amount_minor = excluded.amount_minor, order_date = excluded.order_date`, step, shift, pick)
	default:
		if ft.name == "orders" {
			// Payments reference orders; delete theirs first.
			sql = fmt.Sprintf("WITH d AS (DELETE FROM collections WHERE order_id IN (SELECT id FROM orders WHERE %s)) DELETE FROM orders WHERE %s", pick, pick)
		} else {
			sql = fmt.Sprintf("DELETE FROM %s WHERE %s", ft.name, pick)
		}
	}
	_, err := pool.Exec(ctx, sql)
	require.NoError(t, err, sql)
	return sql
}

// The aggregates the triggers keep equal what a from-scratch aggregation
// computes, after the seed's bulk COPY and after random inserts, updates
// (amounts, dates moved across months, accounts changed, statuses) and
// deletes of every fact table; and a rebuild repairs a damaged table.
func TestAggregatesFollowEveryWrite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.NewPool(t)
	_, err := seed.Run(ctx, pool, seed.Options{Accounts: 300, Seed: 7})
	require.NoError(t, err)

	var rows int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM account_monthly_facts`).Scan(&rows))
	require.Greater(t, rows, 1000, "the seed's COPY fills the aggregates")
	differing, err := accountfacts.Verify(ctx, pool)
	require.NoError(t, err)
	require.Zero(t, differing, "aggregates after the seed")

	rng := rand.New(rand.NewPCG(19, 2026))
	for step := range 150 {
		sql := randomWrite(ctx, t, pool, rng, step)
		if step%10 == 9 {
			differing, err := accountfacts.Verify(ctx, pool)
			require.NoError(t, err)
			require.Zero(t, differing, "aggregates after step %d: %s", step, sql)
		}
	}
	// Several statements in one transaction, one of them undone.
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	_, err = tx.Exec(ctx, `UPDATE orders SET order_date = order_date - 31 WHERE id IN (SELECT id FROM orders ORDER BY id LIMIT 50)`)
	require.NoError(t, err)
	_, err = tx.Exec(ctx, `SAVEPOINT s`)
	require.NoError(t, err)
	_, err = tx.Exec(ctx, `DELETE FROM touchpoints WHERE id IN (SELECT id FROM touchpoints ORDER BY id LIMIT 50)`)
	require.NoError(t, err)
	_, err = tx.Exec(ctx, `ROLLBACK TO SAVEPOINT s`)
	require.NoError(t, err)
	require.NoError(t, tx.Commit(ctx))
	differing, err = accountfacts.Verify(ctx, pool)
	require.NoError(t, err)
	require.Zero(t, differing, "aggregates after the random writes")

	// TRUNCATE empties the table's share of the aggregates.
	_, err = pool.Exec(ctx, `TRUNCATE complaints`)
	require.NoError(t, err)
	differing, err = accountfacts.Verify(ctx, pool)
	require.NoError(t, err)
	require.Zero(t, differing, "aggregates after TRUNCATE complaints")
}

// Rebuild restores aggregates that drifted (a restore without triggers, a
// load with them disabled) and reports how many rows were wrong.
func TestRebuildRepairs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.NewPool(t)
	_, err := seed.Run(ctx, pool, seed.Options{Accounts: 100, Seed: 5})
	require.NoError(t, err)
	var want int64
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM account_monthly_facts`).Scan(&want))

	_, err = pool.Exec(ctx, `
		ALTER TABLE orders DISABLE TRIGGER account_monthly_facts_inserted;
		INSERT INTO orders (created_at, updated_at, order_no, order_date, amount_minor, margin_minor, product_line, status, account_id)
		SELECT now(), now(), order_no || '-untracked', order_date, amount_minor, margin_minor, product_line, status, account_id
		FROM orders ORDER BY id LIMIT 20;
		ALTER TABLE orders ENABLE ALWAYS TRIGGER account_monthly_facts_inserted;
		DELETE FROM account_monthly_facts WHERE account_id IN (SELECT id FROM accounts ORDER BY id LIMIT 3) AND orders > 0;
		UPDATE account_monthly_facts SET touchpoints = touchpoints + 1 WHERE touchpoints > 0 AND account_id % 7 = 0`)
	require.NoError(t, err)
	differing, err := accountfacts.Verify(ctx, pool)
	require.NoError(t, err)
	require.Positive(t, differing, "the damage shows")

	res, err := accountfacts.Rebuild(ctx, pool)
	require.NoError(t, err)
	require.Equal(t, differing, res.Differing)
	require.GreaterOrEqual(t, res.Rows, want)
	differing, err = accountfacts.Verify(ctx, pool)
	require.NoError(t, err)
	require.Zero(t, differing, "aggregates after the rebuild")
}
