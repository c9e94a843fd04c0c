package portfolio

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5"

	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/predicate"
	"github.com/summitkam/summit/ent/rule"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/viewer"
)

// Filter narrows the portfolio; every given field narrows it further.
type Filter struct {
	Kinds       []account.Kind
	CategoryIDs []int
	Regions     []string
	OwnerIDs    []int
}

// Class is an account class, or Unclassified.
type Class string

// Classes in pyramid order.
const (
	ClassS       Class = "S"
	ClassA       Class = "A"
	ClassB       Class = "B"
	ClassC       Class = "C"
	Unclassified Class = "UNCLASSIFIED"
)

// Classes lists the classes top down, Unclassified last.
var Classes = []Class{ClassS, ClassA, ClassB, ClassC, Unclassified}

// IsFocus reports whether c is S or A.
func (c Class) IsFocus() bool { return c == ClassS || c == ClassA }

func (c Class) rank() int {
	for i, x := range Classes {
		if x == c {
			return i
		}
	}
	return len(Classes)
}

// MarshalGQL writes the class as a GraphQL enum value.
func (c Class) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(c))) }

// UnmarshalGQL reads a GraphQL enum value.
func (c *Class) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("class must be a string, got %T", v)
	}
	x := Class(s)
	if x.rank() == len(Classes) {
		return fmt.Errorf("%q is not a class (S, A, B, C, UNCLASSIFIED)", s)
	}
	*c = x
	return nil
}

// Scope is the set of accounts a portfolio is computed over, as SQL: the
// accounts the viewer may read (ent/rule's predicate, the same one every ent
// query of accounts gets) that pass the filter and are not archived.
type Scope struct {
	// sql selects id, current_class and created_at of the accounts in scope;
	// its arguments are $1 … $len(args).
	sql    string
	args   []any
	filter Filter
}

// NewScope renders the scope of v and f.
func NewScope(v *viewer.Viewer, f Filter) Scope {
	t := sql.Table(account.Table)
	s := sql.Dialect(dialect.Postgres).
		Select(t.C(account.FieldID), t.C(account.FieldCurrentClass), t.C(account.FieldCreatedAt)).
		From(t)
	preds := []predicate.Account{account.Archived(false)}
	if p, restricted := rule.ReadableAccounts(v); restricted {
		preds = append(preds, p)
	}
	if len(f.Kinds) > 0 {
		preds = append(preds, account.KindIn(f.Kinds...))
	}
	if len(f.CategoryIDs) > 0 {
		preds = append(preds, account.CategoryIDIn(f.CategoryIDs...))
	}
	if len(f.Regions) > 0 {
		preds = append(preds, account.RegionIn(f.Regions...))
	}
	if len(f.OwnerIDs) > 0 {
		preds = append(preds, account.OwnerIDIn(f.OwnerIDs...))
	}
	for _, p := range preds {
		p(s)
	}
	q, args := s.Query()
	return Scope{sql: q, args: args, filter: f}
}

// statement builds one statement that starts with the scope as the CTE
// "scoped" (id, current_class, created_at); arg appends an argument and
// returns its placeholder.
type statement struct {
	b    strings.Builder
	args []any
}

func (s Scope) statement() *statement {
	st := &statement{args: append([]any(nil), s.args...)}
	// NOT MATERIALIZED: each reference plans with the accounts table's own
	// statistics (a materialized CTE is estimated at 200 rows, which sends
	// the revenue join into 100,000 index probes of orders).
	st.b.WriteString("WITH scoped AS NOT MATERIALIZED (")
	st.b.WriteString(s.sql)
	st.b.WriteString(")")
	return st
}

func (st *statement) arg(v any) string {
	st.args = append(st.args, v)
	return "$" + strconv.Itoa(len(st.args))
}

func (st *statement) add(sql string) *statement {
	st.b.WriteString(sql)
	return st
}

func (st *statement) String() string { return st.b.String() }

// revenueCTE is ", rev AS (…)": trailing-12-month revenue and margin of the
// accounts whose ids the subquery in selects: shipped orders dated in
// (asOf − 1 year, asOf]. The months the window covers whole come from the
// monthly aggregates (account_monthly_facts, kept by triggers), only the
// two months its ends cut through from the orders themselves: a dozen
// summary rows per account instead of a year of orders.
func (st *statement) revenueCTE(in string, asOf string) {
	from := `(` + asOf + `::date - interval '1 year')::date + 1` // first day in the window
	to := asOf + `::date + 1`                                    // first day after it
	st.add(`, rev AS (
		SELECT x.account_id, sum(x.revenue)::bigint AS revenue, sum(x.margin)::bigint AS margin
		FROM (
			SELECT f.account_id, f.revenue_minor AS revenue, f.margin_minor AS margin
			FROM account_monthly_facts f
			WHERE f.account_id IN (` + in + `) AND f.orders > 0
			  AND f.month > date_trunc('month', ` + from + `)::date AND f.month < date_trunc('month', ` + to + `)::date
			UNION ALL
			SELECT o.account_id, o.amount_minor, o.margin_minor
			FROM orders o
			WHERE o.account_id IN (` + in + `) AND o.status = 'SHIPPED'
			  AND o.order_date >= ` + from + ` AND o.order_date < date_trunc('month', ` + from + `)::date + interval '1 month'
			UNION ALL
			SELECT o.account_id, o.amount_minor, o.margin_minor
			FROM orders o
			WHERE o.account_id IN (` + in + `) AND o.status = 'SHIPPED'
			  AND o.order_date >= date_trunc('month', ` + to + `)::date AND o.order_date < ` + to + `
		) x
		GROUP BY x.account_id)`)
}

// Portfolio is a portfolio query: the scope and the day revenue runs up
// to. Its figures are computed on demand by the functions of this package.
type Portfolio struct {
	Scope Scope
	// AsOf is the last day of the revenue window.
	AsOf time.Time
	// Now is the moment overdue and due are judged against.
	Now time.Time
}

// SQL returns the scope's statement (id, current_class, created_at of the
// accounts in scope) and its arguments ($1 …), for other set-based readers
// that must count the same rows (internal/approvals).
func (s Scope) SQL() (string, []any) { return s.sql, append([]any(nil), s.args...) }

// each runs the statement in a transaction with JIT off and calls scan for
// every row. The statements take well under a second where they are planned
// well; JIT compilation would add a few hundred milliseconds to each.
func (st *statement) each(ctx context.Context, q database.Querier, scan func(pgx.Rows) error) error {
	if b, ok := q.(interface {
		Begin(context.Context) (pgx.Tx, error)
	}); ok {
		tx, err := b.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // a no-op after Commit
		if _, err := tx.Exec(ctx, "SET LOCAL jit = off"); err != nil {
			return err
		}
		if err := st.scan(ctx, tx, scan); err != nil {
			return err
		}
		return tx.Commit(ctx)
	}
	return st.scan(ctx, q, scan)
}

func (st *statement) scan(ctx context.Context, q database.Querier, scan func(pgx.Rows) error) error {
	rows, err := q.Query(ctx, st.String(), st.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
