package imports

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// batch is one batch of rows staged in a temporary table, being checked
// and written in the caller's transaction.
type batch struct {
	tx    pgx.Tx
	stage string // the staging table: row_no, key, account_id, outcome, one column per field
	// restricted: the viewer changes only the accounts listed in the
	// temporary table import_editable.
	restricted bool
	// canCreateAccounts: the viewer's role may create accounts.
	canCreateAccounts bool
	userID            int
	// refuse records a database-level refusal of a row on a field.
	refuse func(row int, key, msg string)
	// has reports whether any row of the batch has a value for the field.
	has func(key string) bool
	// created and updated count rows written without marking the stage
	// (one statement per row kind: cheaper for large batches).
	created, updated int
}

// count runs a "WITH done AS (… RETURNING …) SELECT count(*) FROM done"
// statement and returns the count.
func (b *batch) count(ctx context.Context, what, query string) (int, error) {
	if debugTiming {
		start := time.Now()
		defer func() { fmt.Fprintf(os.Stderr, "%-28s %v\n", what, time.Since(start)) }()
	}
	var n int
	if err := b.tx.QueryRow(ctx, query).Scan(&n); err != nil {
		return 0, fmt.Errorf("error %s: %w", what, err)
	}
	return n, nil
}

// writer checks the staged rows against the database and writes the rest,
// marking each written row's outcome ('C' created, 'U' updated).
type writer interface {
	write(ctx context.Context, b *batch) error
}

// refuseWhere refuses the staged rows a query returns as (row_no, message)
// on field key, then drops them from the stage.
var debugTiming = os.Getenv("SUMMIT_IMPORT_DEBUG_TIMING") != ""

func (b *batch) refuseWhere(ctx context.Context, key, query string, args ...any) error {
	if debugTiming {
		start := time.Now()
		defer func() { fmt.Fprintf(os.Stderr, "check %-22s %v\n", key, time.Since(start)) }()
	}
	rows, err := b.tx.Query(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("error checking %s: %w", key, err)
	}
	var refused []int32
	for rows.Next() {
		var row int32
		var msg string
		if err := rows.Scan(&row, &msg); err != nil {
			rows.Close()
			return fmt.Errorf("error checking %s: %w", key, err)
		}
		refused = append(refused, row)
		b.refuse(int(row), key, msg)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("error checking %s: %w", key, err)
	}
	if len(refused) > 0 {
		if _, err := b.tx.Exec(ctx, "DELETE FROM "+b.stage+" WHERE row_no = ANY($1)", refused); err != nil {
			return fmt.Errorf("error dropping refused rows: %w", err)
		}
	}
	return nil
}

func (b *batch) exec(ctx context.Context, what, query string, args ...any) error {
	if debugTiming {
		start := time.Now()
		defer func() { fmt.Fprintf(os.Stderr, "%-28s %v\n", what, time.Since(start)) }()
	}
	if _, err := b.tx.Exec(ctx, query, args...); err != nil {
		return fmt.Errorf("error %s: %w", what, err)
	}
	return nil
}

// editable is the SQL condition "account id expr may be changed by the viewer".
func (b *batch) editable(expr string) string {
	if !b.restricted {
		return "true"
	}
	return expr + " IN (SELECT id FROM import_editable)"
}

// resolveAccounts refuses the staged rows whose account is unknown, not the named one, or not the viewer's to
// change.
func (b *batch) resolveAccounts(ctx context.Context, hasName bool) error {
	s := b.stage
	// account_id was staged with the rows (run.flush looked the codes up).
	if err := b.refuseWhere(ctx, "account_code", `SELECT row_no, format('no account has the code %s', account_code) FROM `+s+` WHERE account_id IS NULL`); err != nil {
		return err
	}
	if hasName && b.has("account_name") {
		// A name that does not match catches a mistyped code.
		err := b.refuseWhere(ctx, "account_name", `
			SELECT s.row_no, format('account %s is %s, not %s', a.code, a.name, s.account_name)
			FROM `+s+` s JOIN accounts a ON a.id = s.account_id
			WHERE s.account_name IS NOT NULL
			  AND lower(regexp_replace(s.account_name, '[\s()（）]', '', 'g')) <> lower(regexp_replace(a.name, '[\s()（）]', '', 'g'))
			  AND lower(regexp_replace(s.account_name, '[\s()（）]', '', 'g')) <> lower(regexp_replace(coalesce(a.name_en, ''), '[\s()（）]', '', 'g'))`)
		if err != nil {
			return err
		}
	}
	if b.restricted {
		return b.refuseWhere(ctx, "account_code", `SELECT row_no, format('you may not change the data of account %s', account_code) FROM `+s+` WHERE NOT (`+b.editable("account_id")+`)`)
	}
	return nil
}

// refuseForeignKey refuses rows whose external key already belongs to a
// fact of another account (a fact does not move between accounts).
func (b *batch) refuseForeignKey(ctx context.Context, table, keyCol, stageKey, field, what string) error {
	return b.refuseWhere(ctx, field, fmt.Sprintf(`
		SELECT s.row_no, format('%s %%s is recorded for account %%s', s.%s, a.code)
		FROM %s s JOIN %s t ON t.%s = s.%s JOIN accounts a ON a.id = t.account_id
		WHERE t.account_id <> s.account_id`, what, stageKey, b.stage, table, keyCol, stageKey))
}

// markFrom marks the rows a CTE named "done" returned (by key) with outcome.
func (b *batch) mark(outcome, stageKey string) string {
	if outcome == "C" {
		return fmt.Sprintf(`UPDATE %s s SET outcome = 'C' FROM done WHERE s.%s = done.k`, b.stage, stageKey)
	}
	return fmt.Sprintf(`UPDATE %s s SET outcome = coalesce(s.outcome, 'U') FROM done WHERE s.%s = done.k`, b.stage, stageKey)
}

// ordersWriter upserts orders by order number, and the collection a row of
// the shipment-and-collection sheet carries, keyed by order and date.
type ordersWriter struct{}

func (ordersWriter) write(ctx context.Context, b *batch) error {
	s := b.stage
	if err := b.resolveAccounts(ctx, true); err != nil {
		return err
	}
	if err := b.refuseForeignKey(ctx, "orders", "order_no", "order_no", "order_no", "order"); err != nil {
		return err
	}
	// With collections in the batch, a row is "updated" when its order or
	// its collection changed: mark the stage. Without, count statements.
	withCollections := b.has("received_on")
	tail := func(outcome string) string {
		if withCollections {
			return b.mark(outcome, "order_no")
		}
		return "SELECT count(*) FROM done"
	}
	run := b.exec
	if !withCollections {
		run = func(ctx context.Context, what, query string, _ ...any) error {
			n, err := b.count(ctx, what, query)
			if what == "creating orders" {
				b.created += n
			} else {
				b.updated += n
			}
			return err
		}
	}
	if err := run(ctx, "updating orders", `
		WITH done AS (
			UPDATE orders o SET order_date = s.order_date, amount_minor = s.amount,
				margin_minor = coalesce(s.margin, o.margin_minor), currency = coalesce(s.currency, o.currency),
				product_line = coalesce(s.product_line, o.product_line), status = coalesce(s.status, o.status), updated_at = now()
			FROM `+s+` s
			WHERE o.order_no = s.order_no
			  AND (o.order_date, o.amount_minor, o.margin_minor, o.currency, o.product_line, o.status) IS DISTINCT FROM
			      (s.order_date, s.amount, coalesce(s.margin, o.margin_minor), coalesce(s.currency, o.currency),
			       coalesce(s.product_line, o.product_line), coalesce(s.status, o.status))
			RETURNING o.order_no AS k)
		`+tail("U")); err != nil {
		return err
	}
	if err := run(ctx, "creating orders", `
		WITH done AS (
			INSERT INTO orders (created_at, updated_at, account_id, order_no, order_date, amount_minor, margin_minor, currency, product_line, status)
			SELECT now(), now(), s.account_id, s.order_no, s.order_date, s.amount, coalesce(s.margin, 0), coalesce(s.currency, 'CNY'),
				s.product_line, coalesce(s.status, 'SHIPPED')
			FROM `+s+` s
			WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_no = s.order_no)
			RETURNING order_no AS k)
		`+tail("C")); err != nil {
		return err
	}
	// The collection of a row, if any: one per order and received date.
	if !withCollections {
		return nil
	}
	return upsertCollections(ctx, b, `
		SELECT s.order_no AS k, s.account_id, o.id AS order_id, 'order:' || s.order_no || ':' || s.received_on AS external_id,
			coalesce(s.due_on, s.order_date + a.payment_terms_days::int) AS due_on, s.received_on, s.received_amount AS amount,
			coalesce(s.currency, 'CNY') AS currency
		FROM `+s+` s JOIN orders o ON o.order_no = s.order_no JOIN accounts a ON a.id = s.account_id
		WHERE s.received_on IS NOT NULL`, "order_no")
}

// upsertCollections writes the collections a query yields (k, account_id,
// order_id, external_id, due_on, received_on, amount, currency).
func upsertCollections(ctx context.Context, b *batch, source, stageKey string) error {
	if err := b.exec(ctx, "updating collections", `
		WITH src AS (`+source+`), done AS (
			UPDATE collections c SET order_id = src.order_id, due_on = src.due_on, received_on = src.received_on,
				amount_minor = src.amount, currency = src.currency, updated_at = now()
			FROM src WHERE c.external_id = src.external_id
			  AND (c.order_id, c.due_on, c.received_on, c.amount_minor, c.currency) IS DISTINCT FROM
			      (src.order_id, src.due_on, src.received_on, src.amount, src.currency)
			RETURNING src.k)
		`+b.mark("U", stageKey)); err != nil {
		return err
	}
	// A new collection on an order row updates that row's facts; on a
	// collections row it is the row's creation.
	outcome := "U"
	if stageKey != "order_no" {
		outcome = "C"
	}
	return b.exec(ctx, "creating collections", `
		WITH src AS (`+source+`), ins AS (
			INSERT INTO collections (created_at, updated_at, account_id, order_id, external_id, due_on, received_on, amount_minor, currency)
			SELECT now(), now(), src.account_id, src.order_id, src.external_id, src.due_on, src.received_on, src.amount, src.currency
			FROM src WHERE NOT EXISTS (SELECT 1 FROM collections c WHERE c.external_id = src.external_id)
			RETURNING external_id), done AS (SELECT src.k FROM ins JOIN src ON src.external_id = ins.external_id)
		`+b.mark(outcome, stageKey))
}

// collectionsWriter upserts payments by external id (or a digest of the
// row when the file has none).
type collectionsWriter struct{}

func (collectionsWriter) write(ctx context.Context, b *batch) error {
	if err := b.resolveAccounts(ctx, true); err != nil {
		return err
	}
	if err := b.refuseForeignKey(ctx, "collections", "external_id", "key", "external_id", "collection"); err != nil {
		return err
	}
	if err := b.refuseWhere(ctx, "order_no", `
		SELECT s.row_no, CASE WHEN o.id IS NULL THEN format('no order has the number %s', s.order_no)
			ELSE format('order %s is of another account', s.order_no) END
		FROM `+b.stage+` s LEFT JOIN orders o ON o.order_no = s.order_no
		WHERE s.order_no IS NOT NULL AND (o.id IS NULL OR o.account_id <> s.account_id)`); err != nil {
		return err
	}
	return upsertCollections(ctx, b, `
		SELECT s.key AS k, s.account_id, o.id AS order_id, s.key AS external_id, coalesce(s.due_on, s.received_on) AS due_on,
			s.received_on, s.amount, coalesce(s.currency, 'CNY') AS currency
		FROM `+b.stage+` s LEFT JOIN orders o ON o.order_no = s.order_no`, "key")
}

// surveysWriter upserts satisfaction surveys by external id.
type surveysWriter struct{}

func (surveysWriter) write(ctx context.Context, b *batch) error {
	s := b.stage
	if err := b.resolveAccounts(ctx, true); err != nil {
		return err
	}
	if err := b.refuseForeignKey(ctx, "satisfaction_surveys", "external_id", "key", "external_id", "survey"); err != nil {
		return err
	}
	if err := b.exec(ctx, "updating surveys", `
		WITH done AS (
			UPDATE satisfaction_surveys v SET surveyed_on = s.surveyed_on, score = s.score,
				recommend_score = coalesce(s.recommend_score, v.recommend_score), channel = coalesce(s.channel, v.channel),
				comment = coalesce(s.comment, v.comment), updated_at = now()
			FROM `+s+` s WHERE v.external_id = s.key
			  AND (v.surveyed_on, v.score, v.recommend_score, v.channel, v.comment) IS DISTINCT FROM
			      (s.surveyed_on, s.score, coalesce(s.recommend_score, v.recommend_score), coalesce(s.channel, v.channel), coalesce(s.comment, v.comment))
			RETURNING s.key AS k)
		`+b.mark("U", "key")); err != nil {
		return err
	}
	return b.exec(ctx, "creating surveys", `
		WITH done AS (
			INSERT INTO satisfaction_surveys (created_at, updated_at, account_id, external_id, surveyed_on, score, recommend_score, channel, comment)
			SELECT now(), now(), s.account_id, s.key, s.surveyed_on, s.score, s.recommend_score, coalesce(s.channel, 'EMAIL'), s.comment
			FROM `+s+` s WHERE NOT EXISTS (SELECT 1 FROM satisfaction_surveys v WHERE v.external_id = s.key)
			RETURNING external_id AS k)
		`+b.mark("C", "key"))
}

// complaintsWriter upserts complaints by external id.
type complaintsWriter struct{}

func (complaintsWriter) write(ctx context.Context, b *batch) error {
	s := b.stage
	if err := b.resolveAccounts(ctx, true); err != nil {
		return err
	}
	if err := b.refuseForeignKey(ctx, "complaints", "external_id", "key", "external_id", "complaint"); err != nil {
		return err
	}
	// A resolution date implies the complaint is resolved.
	const status = `coalesce(s.status, CASE WHEN s.resolved_at IS NOT NULL THEN 'RESOLVED' END)`
	if err := b.exec(ctx, "updating complaints", `
		WITH done AS (
			UPDATE complaints c SET opened_at = s.opened_at, severity = coalesce(s.severity, c.severity),
				topic = coalesce(s.topic, c.topic), description = coalesce(s.description, c.description),
				status = coalesce(`+status+`, c.status), resolved_at = coalesce(s.resolved_at, c.resolved_at), updated_at = now()
			FROM `+s+` s WHERE c.external_id = s.key
			  AND (c.opened_at, c.severity, c.topic, c.description, c.status, c.resolved_at) IS DISTINCT FROM
			      (s.opened_at, coalesce(s.severity, c.severity), coalesce(s.topic, c.topic), coalesce(s.description, c.description),
			       coalesce(`+status+`, c.status), coalesce(s.resolved_at, c.resolved_at))
			RETURNING s.key AS k)
		`+b.mark("U", "key")); err != nil {
		return err
	}
	return b.exec(ctx, "creating complaints", `
		WITH done AS (
			INSERT INTO complaints (created_at, updated_at, account_id, external_id, opened_at, severity, topic, description, status, resolved_at)
			SELECT now(), now(), s.account_id, s.key, s.opened_at, coalesce(s.severity, 'MEDIUM'), s.topic, s.description,
				coalesce(`+status+`, 'OPEN'), s.resolved_at
			FROM `+s+` s WHERE NOT EXISTS (SELECT 1 FROM complaints c WHERE c.external_id = s.key)
			RETURNING external_id AS k)
		`+b.mark("C", "key"))
}

// contactsWriter upserts contacts by external id; a contact without one is
// the account's contact of that name (an existing one is adopted).
type contactsWriter struct{}

func (contactsWriter) write(ctx context.Context, b *batch) error {
	s := b.stage
	if err := b.resolveAccounts(ctx, true); err != nil {
		return err
	}
	// The key of a row without an id is "auto:<digest>"; adopt the
	// existing contact of the same account and name.
	if err := b.exec(ctx, "matching contacts", `
		UPDATE contacts c SET external_id = s.key
		FROM `+s+` s WHERE s.external_id IS NULL AND c.external_id IS NULL AND c.account_id = s.account_id AND c.name = s.name
		  AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.external_id = s.key)`); err != nil {
		return err
	}
	if err := b.refuseForeignKey(ctx, "contacts", "external_id", "key", "external_id", "contact"); err != nil {
		return err
	}
	if err := b.exec(ctx, "updating contacts", `
		WITH done AS (
			UPDATE contacts c SET name = s.name, title = coalesce(s.title, c.title), department = coalesce(s.department, c.department),
				email = coalesce(s.email, c.email), phone = coalesce(s.phone, c.phone), buying_role = coalesce(s.buying_role, c.buying_role),
				updated_at = now()
			FROM `+s+` s WHERE c.external_id = s.key
			  AND (c.name, c.title, c.department, c.email, c.phone, c.buying_role) IS DISTINCT FROM
			      (s.name, coalesce(s.title, c.title), coalesce(s.department, c.department), coalesce(s.email, c.email),
			       coalesce(s.phone, c.phone), coalesce(s.buying_role, c.buying_role))
			RETURNING s.key AS k)
		`+b.mark("U", "key")); err != nil {
		return err
	}
	return b.exec(ctx, "creating contacts", `
		WITH done AS (
			INSERT INTO contacts (created_at, updated_at, account_id, external_id, name, title, department, email, phone, buying_role)
			SELECT now(), now(), s.account_id, s.key, s.name, s.title, s.department, s.email, s.phone, s.buying_role
			FROM `+s+` s WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.external_id = s.key)
			RETURNING external_id AS k)
		`+b.mark("C", "key"))
}

// accountAttributesWriter updates fields of existing accounts (the credit
// rating and price-coefficient sheets); empty cells leave a field as is.
type accountAttributesWriter struct{ fields []string }

// accountColumns maps import fields to accounts columns.
var accountColumns = map[string]string{
	"credit_rating": "credit_rating", "credit_limit": "credit_limit_minor", "payment_terms_days": "payment_terms_days",
	"receivables": "receivables_minor", "overdue_receivables": "overdue_receivables_minor", "price_coefficient": "price_coefficient",
}

func (w accountAttributesWriter) write(ctx context.Context, b *batch) error {
	if err := b.resolveAccounts(ctx, true); err != nil {
		return err
	}
	var set, olds, news []string
	for _, f := range w.fields {
		col := accountColumns[f]
		v := fmt.Sprintf("coalesce(s.%s, a.%s)", f, col)
		set = append(set, fmt.Sprintf("%s = %s", col, v))
		olds = append(olds, "a."+col)
		news = append(news, v)
	}
	return b.exec(ctx, "updating accounts", `
		WITH done AS (
			UPDATE accounts a SET `+strings.Join(set, ", ")+`, version = a.version + 1, updated_at = now()
			FROM `+b.stage+` s WHERE a.id = s.account_id
			  AND (`+strings.Join(olds, ", ")+`) IS DISTINCT FROM (`+strings.Join(news, ", ")+`)
			RETURNING s.account_code AS k)
		`+b.mark("U", "account_code"))
}

// distributorWriter upserts a distributor's profile (one per account).
type distributorWriter struct{}

func (distributorWriter) write(ctx context.Context, b *batch) error {
	s := b.stage
	if err := b.resolveAccounts(ctx, true); err != nil {
		return err
	}
	if err := b.refuseWhere(ctx, "account_code", `
		SELECT s.row_no, format('account %s is not a distributor', s.account_code)
		FROM `+s+` s JOIN accounts a ON a.id = s.account_id WHERE a.kind <> 'DISTRIBUTOR'`); err != nil {
		return err
	}
	if err := b.exec(ctx, "updating distributor profiles", `
		WITH done AS (
			UPDATE partner_profiles p SET channel_type = coalesce(s.channel_type, p.channel_type),
				registered_capital_minor = coalesce(s.registered_capital, p.registered_capital_minor),
				annual_performance_minor = coalesce(s.annual_performance, p.annual_performance_minor),
				total_staff = coalesce(s.total_staff, p.total_staff), certified_staff = coalesce(s.certified_staff, p.certified_staff),
				sales_staff = coalesce(s.sales_staff, p.sales_staff), territory = coalesce(s.territory, p.territory), updated_at = now()
			FROM `+s+` s WHERE p.account_id = s.account_id
			  AND (p.channel_type, p.registered_capital_minor, p.annual_performance_minor, p.total_staff, p.certified_staff, p.sales_staff, p.territory)
			      IS DISTINCT FROM
			      (coalesce(s.channel_type, p.channel_type), coalesce(s.registered_capital, p.registered_capital_minor),
			       coalesce(s.annual_performance, p.annual_performance_minor), coalesce(s.total_staff, p.total_staff),
			       coalesce(s.certified_staff, p.certified_staff), coalesce(s.sales_staff, p.sales_staff), coalesce(s.territory, p.territory))
			RETURNING s.account_code AS k)
		`+b.mark("U", "account_code")); err != nil {
		return err
	}
	return b.exec(ctx, "creating distributor profiles", `
		WITH done AS (
			INSERT INTO partner_profiles (created_at, updated_at, account_id, channel_type, registered_capital_minor, annual_performance_minor,
				total_staff, certified_staff, sales_staff, territory)
			SELECT now(), now(), s.account_id, coalesce(s.channel_type, 'DISTRIBUTOR'), coalesce(s.registered_capital, 0),
				coalesce(s.annual_performance, 0), coalesce(s.total_staff, 0), coalesce(s.certified_staff, 0), coalesce(s.sales_staff, 0), s.territory
			FROM `+s+` s WHERE NOT EXISTS (SELECT 1 FROM partner_profiles p WHERE p.account_id = s.account_id)
			RETURNING (SELECT code FROM accounts WHERE id = account_id) AS k)
		`+b.mark("C", "account_code"))
}

// accountsWriter upserts accounts by code. Empty cells leave an existing
// account's field as is and take the default on a new account; a key-account
// manager's new account is their own unless the file names its owner.
type accountsWriter struct{}

func (accountsWriter) write(ctx context.Context, b *batch) error {
	s := b.stage
	steps := []struct{ what, query string }{
		{"resolving owners", `UPDATE ` + s + ` s SET owner_id = u.id FROM users u WHERE s.owner_email IS NOT NULL AND lower(u.email) = lower(s.owner_email)`},
		{"resolving categories", `UPDATE ` + s + ` s SET category_id = c.id FROM categories c WHERE s.category IS NOT NULL AND (c.code = s.category OR c.name = s.category OR lower(c.name_en) = lower(s.category))`},
	}
	for _, st := range steps {
		if err := b.exec(ctx, st.what, st.query); err != nil {
			return err
		}
	}
	if b.restricted {
		if err := b.refuseWhere(ctx, "account_code", `SELECT row_no, format('you may not change account %s', account_code) FROM `+s+` WHERE account_id IS NOT NULL AND NOT (`+b.editable("account_id")+`)`); err != nil {
			return err
		}
	}
	if !b.canCreateAccounts {
		if err := b.refuseWhere(ctx, "account_code", `SELECT row_no, format('no account has the code %s, and your role may not create accounts', account_code) FROM `+s+` WHERE account_id IS NULL`); err != nil {
			return err
		}
	}
	checks := []struct{ key, query string }{
		{"owner_email", `SELECT row_no, format('no user has the email %s', owner_email) FROM ` + s + ` WHERE owner_email IS NOT NULL AND owner_id IS NULL`},
		{"category", `SELECT row_no, format('no category is named %s', category) FROM ` + s + ` WHERE category IS NOT NULL AND category_id IS NULL`},
		{"parent_code", `SELECT s.row_no, format('no account has the code %s', s.parent_code) FROM ` + s + ` s
			WHERE s.parent_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.code = s.parent_code)
			  AND NOT EXISTS (SELECT 1 FROM ` + s + ` p WHERE p.account_code = s.parent_code)`},
		{"parent_code", `SELECT row_no, 'an account cannot be its own parent' FROM ` + s + ` WHERE parent_code = account_code`},
	}
	for _, c := range checks {
		if err := b.refuseWhere(ctx, c.key, c.query); err != nil {
			return err
		}
	}
	cols := []struct{ col, src string }{
		{"name", "s.name"}, {"name_en", "s.name_en"}, {"kind", "s.kind"}, {"category_id", "s.category_id"}, {"geo_scope", "s.geo_scope"},
		{"region", "s.region"}, {"province", "s.province"}, {"city", "s.city"}, {"industry", "s.industry"}, {"owner_id", "s.owner_id"},
		{"parent_id", "(SELECT p.id FROM accounts p WHERE p.code = s.parent_code)"},
		{"credit_rating", "s.credit_rating"}, {"credit_limit_minor", "s.credit_limit"}, {"payment_terms_days", "s.payment_terms_days"},
		{"price_coefficient", "s.price_coefficient"},
	}
	var set, olds, news []string
	for _, c := range cols {
		v := fmt.Sprintf("coalesce(%s, a.%s)", c.src, c.col)
		set = append(set, c.col+" = "+v)
		olds = append(olds, "a."+c.col)
		news = append(news, v)
	}
	if err := b.exec(ctx, "updating accounts", `
		WITH done AS (
			UPDATE accounts a SET `+strings.Join(set, ", ")+`, version = a.version + 1, updated_at = now()
			FROM `+s+` s WHERE a.id = s.account_id
			  AND (`+strings.Join(olds, ", ")+`) IS DISTINCT FROM (`+strings.Join(news, ", ")+`)
			RETURNING s.account_code AS k)
		`+b.mark("U", "account_code")); err != nil {
		return err
	}
	owner := "s.owner_id"
	if b.restricted && b.userID != 0 {
		owner = fmt.Sprintf("coalesce(s.owner_id, %d)", b.userID)
	}
	if err := b.exec(ctx, "creating accounts", `
		WITH done AS (
			INSERT INTO accounts (created_at, updated_at, code, name, name_en, kind, category_id, geo_scope, region, province, city, industry,
				owner_id, credit_rating, credit_limit_minor, payment_terms_days, price_coefficient)
			SELECT now(), now(), s.account_code, s.name, s.name_en, coalesce(s.kind, 'B2B'), s.category_id, coalesce(s.geo_scope, 'LOCAL'),
				s.region, s.province, s.city, s.industry, `+owner+`, s.credit_rating, coalesce(s.credit_limit, 0),
				coalesce(s.payment_terms_days, 30), coalesce(s.price_coefficient, 1)
			FROM `+s+` s WHERE s.account_id IS NULL
			ON CONFLICT (code) DO NOTHING
			RETURNING code AS k)
		`+b.mark("C", "account_code")); err != nil {
		return err
	}
	// Parents named in the same batch exist now.
	return b.exec(ctx, "linking parents", `
		UPDATE accounts a SET parent_id = p.id FROM `+s+` s JOIN accounts p ON p.code = s.parent_code
		WHERE a.code = s.account_code AND s.account_id IS NULL AND a.parent_id IS DISTINCT FROM p.id`)
}
