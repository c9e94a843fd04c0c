package accounts

import (
	"context"
	"fmt"
	"slices"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
)

// Rollup sums an account's subtree: the account and every account below it
// that the viewer may read. An account the viewer may not read adds nothing,
// but readable accounts below it still count (the hierarchy is walked in
// full, the access rule applies to what is summed).
type Rollup struct {
	// RevenueMinor is the amount of SHIPPED orders dated in the twelve months
	// up to the as-of day, in minor units. Amounts are summed as stored; the
	// demo data and today's customers order in one currency (CNY).
	RevenueMinor int64
	// OpenAlerts counts churn alerts still OPEN, ACKNOWLEDGED or ESCALATED.
	OpenAlerts int
	// TeamSize counts distinct staff on the teams of the subtree.
	TeamSize int
	// Accounts counts the accounts summed, the account itself included.
	Accounts int
}

// Rollups returns the roll-up of each of ids, as of asOf, in one SQL
// statement: a recursive CTE walks every subtree, the privacy filter of the
// ent query keeps the readable accounts, and correlated aggregates over
// each subtree's account ids sum orders, alerts and teams. An id the viewer
// may not read is missing from the result.
func Rollups(ctx context.Context, client *ent.Client, ids []int, asOf time.Time) (map[int]Rollup, error) {
	if len(ids) == 0 {
		return map[int]Rollup{}, nil
	}
	to := asOf.Format(time.DateOnly)
	from := asOf.AddDate(-1, 0, 0).Format(time.DateOnly)
	var rows []struct {
		RootID       int   `sql:"root_id"`
		Accounts     int   `sql:"accounts"`
		RevenueMinor int64 `sql:"revenue_minor"`
		OpenAlerts   int   `sql:"open_alerts"`
		TeamSize     int   `sql:"team_size"`
	}
	err := client.Account.Query().Modify(func(s *sql.Selector) {
		s.Prefix(subtreeCTE(ids))
		tree := sql.Table("subtree")
		s.Join(tree).On(s.C(account.FieldID), tree.C("id"))
		// PostgreSQL estimates a recursive CTE at ten times its first step
		// (500 rows for a page of 50, most of which have no children), which
		// made it hash the whole accounts table (100,000 rows: 400 ms and JIT
		// compilation) to join a few dozen. Naming the subtree's ids as an
		// array lets it fetch them by primary key instead (10 ms).
		s.Where(sql.P(func(b *sql.Builder) {
			b.WriteString(s.C(account.FieldID) + " = ANY(ARRAY(SELECT id FROM subtree))")
		}))
		// The aggregates' arguments are all outer columns, so PostgreSQL
		// evaluates array_agg per group of the outer query: each subquery sees
		// the readable account ids of one subtree.
		members := "array_agg(" + s.C(account.FieldID) + ")"
		s.Select(sql.As(tree.C("root_id"), "root_id"))
		s.AppendSelectExprAs(sql.Raw("count(*)"), "accounts")
		s.AppendSelectExprAs(sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString(`(SELECT coalesce(sum(o.amount_minor), 0)::bigint FROM orders o WHERE o.account_id = ANY(` + members + `)` +
				` AND o.status = 'SHIPPED' AND o.order_date > `).Arg(from).WriteString(`::date AND o.order_date <= `).Arg(to).WriteString(`::date)`)
		}), "revenue_minor")
		s.AppendSelectExprAs(sql.Raw(`(SELECT count(*) FROM churn_alerts c WHERE c.account_id = ANY(`+members+`)`+
			` AND c.status IN ('OPEN', 'ACKNOWLEDGED', 'ESCALATED'))`), "open_alerts")
		s.AppendSelectExprAs(sql.Raw(`(SELECT count(DISTINCT m.user_id) FROM account_team_members m WHERE m.account_id = ANY(`+members+`))`), "team_size")
		s.GroupBy(tree.C("root_id"))
	}).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("error computing roll-ups of %d accounts: %w", len(ids), err)
	}
	out := make(map[int]Rollup, len(rows))
	for _, r := range rows {
		out[r.RootID] = Rollup{RevenueMinor: r.RevenueMinor, OpenAlerts: r.OpenAlerts, TeamSize: r.TeamSize, Accounts: r.Accounts}
	}
	return out, nil
}

// subtreeCTE is WITH RECURSIVE subtree(root_id, id, depth): each of roots
// and every account below it.
func subtreeCTE(roots []int) sql.Querier {
	return sql.ExprFunc(func(b *sql.Builder) {
		b.WriteString(`WITH RECURSIVE subtree(root_id, id, depth) AS (SELECT a.id, a.id, 0 FROM accounts a WHERE a.id = ANY(`).Arg(roots).
			WriteString(`) UNION ALL SELECT t.root_id, c.id, t.depth + 1 FROM accounts c JOIN subtree t ON c.parent_id = t.id WHERE t.depth < `).Arg(maxDepth).
			WriteString(`)`)
	})
}

// Ancestors returns, for each of ids, the accounts above it that the viewer
// may read, root first, in one SQL statement: a recursive CTE walks up the
// parent links of all ids at once and the ent query (with its privacy
// filter) loads the accounts it reaches. An ancestor the viewer may not read
// is left out; the ones above it are still listed.
func Ancestors(ctx context.Context, client *ent.Client, ids []int) (map[int][]*ent.Account, error) {
	out := make(map[int][]*ent.Account, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	q := client.Account.Query()
	q.Modify(func(s *sql.Selector) {
		s.Prefix(sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString(`WITH RECURSIVE up(key_id, id, depth) AS (SELECT a.id, a.parent_id, 1 FROM accounts a WHERE a.id = ANY(`).Arg(ids).
				WriteString(`) AND a.parent_id IS NOT NULL UNION ALL SELECT up.key_id, a.parent_id, up.depth + 1 FROM accounts a JOIN up ON a.id = up.id WHERE a.parent_id IS NOT NULL AND up.depth < `).Arg(maxDepth).
				WriteString(`)`)
		}))
		up := sql.Table("up")
		s.Join(up).On(s.C(account.FieldID), up.C("id"))
		s.AppendSelectAs(up.C("key_id"), "key_id")
		s.AppendSelectAs(up.C("depth"), "depth")
	})
	list, err := q.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("error loading ancestors of %d accounts: %w", len(ids), err)
	}
	depth := make(map[*ent.Account]int64, len(list))
	for _, a := range list {
		key, err := intValue(a, "key_id")
		if err != nil {
			return nil, err
		}
		d, err := intValue(a, "depth")
		if err != nil {
			return nil, err
		}
		depth[a] = d
		out[int(key)] = append(out[int(key)], a)
	}
	for _, list := range out {
		// The deepest step up is the root.
		slices.SortFunc(list, func(a, b *ent.Account) int { return int(depth[b] - depth[a]) })
	}
	return out, nil
}

// intValue reads an integer column a modifier added to an ent query.
func intValue(a *ent.Account, column string) (int64, error) {
	v, err := a.Value(column)
	if err != nil {
		return 0, fmt.Errorf("error reading %s of account %d: %w", column, a.ID, err)
	}
	switch n := v.(type) {
	case int64:
		return n, nil
	case int32:
		return int64(n), nil
	case int:
		return int64(n), nil
	}
	return 0, fmt.Errorf("%s of account %d is a %T, not an integer", column, a.ID, v)
}
