package accounts

import (
	"context"
	"fmt"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect/sql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
)

// ListOrder is how the accounts list is ordered: by a stored column (ent's
// own order, keyset cursors) or by a figure computed from the account's
// facts (Rank set; cursors are positions in that order).
type ListOrder struct {
	Stored []*ent.AccountOrder
	Rank   Rank
	Desc   bool
}

// Rank is a computed order of the accounts list.
type Rank string

const (
	// RankNone orders by the stored columns.
	RankNone Rank = ""
	// RankRevenue orders by the account's own trailing-12-month shipped revenue.
	RankRevenue Rank = "REVENUE"
	// RankChurnRisk orders by the severity, then the score, of the account's
	// most severe open churn alert; accounts without one count as no risk.
	RankChurnRisk Rank = "CHURN_RISK"
	// RankNextActionDue orders by the due date of the account's next open
	// action due today or later; accounts without one come last.
	RankNextActionDue Rank = "NEXT_ACTION_DUE"
)

// ListFilter is what the accounts list adds to the API's AccountWhereInput.
type ListFilter struct {
	// NeedsAttention keeps the accounts with an open churn alert, an overdue
	// action, a plan still in draft or submitted, or a contact cadence their
	// class policy sets and nobody kept.
	NeedsAttention bool
}

// List returns one page of the accounts the viewer may read, filtered by
// where (the API's AccountWhereInput filter, nil for none) and f, in order.
// It is one ent query, so the privacy filter (row rules) applies in SQL;
// the computed conditions and orders are correlated subqueries attached
// through sql.Selector.
func List(ctx context.Context, client *ent.Client, after, before *entgql.Cursor[int], first, last *int,
	where func(*ent.AccountQuery) (*ent.AccountQuery, error), f ListFilter, order ListOrder, now time.Time,
) (*ent.AccountConnection, error) {
	today := now.UTC().Format(time.DateOnly)
	filter := func(q *ent.AccountQuery) (*ent.AccountQuery, error) {
		if where != nil {
			var err error
			if q, err = where(q); err != nil {
				return nil, err
			}
		}
		if f.NeedsAttention {
			q = q.Where(needsAttention(today))
		}
		return q, nil
	}
	if order.Rank == RankNone {
		conn, err := client.Account.Query().Paginate(ctx, after, first, before, last,
			ent.WithAccountOrder(order.Stored), ent.WithAccountFilter(filter))
		if err != nil {
			return nil, fmt.Errorf("error listing accounts: %w", err)
		}
		return conn, nil
	}
	return rankedPage(ctx, client, filter, order, today, now, after, before, first, last)
}

// rankedPage pages through a computed order by position: the cursor's
// value is the row's offset in the order (ties broken by id), so a page is
// OFFSET/LIMIT over the filtered accounts.
func rankedPage(ctx context.Context, client *ent.Client, filter func(*ent.AccountQuery) (*ent.AccountQuery, error),
	order ListOrder, today string, now time.Time, after, before *entgql.Cursor[int], first, last *int,
) (*ent.AccountConnection, error) {
	q, err := filter(client.Account.Query())
	if err != nil {
		return nil, fmt.Errorf("error filtering accounts: %w", err)
	}
	total, err := q.Clone().Count(ctx)
	if err != nil {
		return nil, fmt.Errorf("error counting accounts: %w", err)
	}
	limit := 25
	offset := 0
	switch {
	case first != nil:
		limit = *first
		if after != nil {
			offset = cursorPosition(after) + 1
		}
	case last != nil:
		limit = *last
		end := total
		if before != nil {
			end = cursorPosition(before)
		}
		offset = max(end-limit, 0)
		limit = end - offset
	}
	rows, err := q.Order(rankOrder(order, today, now)).Offset(offset).Limit(limit + 1).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("error listing accounts by %s: %w", order.Rank, err)
	}
	more := len(rows) > limit
	if more {
		rows = rows[:limit]
	}
	conn := &ent.AccountConnection{TotalCount: total, Edges: make([]*ent.AccountEdge, len(rows))}
	for i, a := range rows {
		conn.Edges[i] = &ent.AccountEdge{Node: a, Cursor: entgql.Cursor[int]{ID: a.ID, Value: offset + i}}
	}
	conn.PageInfo.HasPreviousPage = offset > 0
	conn.PageInfo.HasNextPage = more || (last != nil && offset+len(rows) < total)
	if len(rows) > 0 {
		conn.PageInfo.StartCursor = &conn.Edges[0].Cursor
		conn.PageInfo.EndCursor = &conn.Edges[len(rows)-1].Cursor
	}
	return conn, nil
}

// cursorPosition reads the offset a ranked page's cursor carries (msgpack
// gives any integer type back; a zero offset is omitted).
func cursorPosition(c *entgql.Cursor[int]) int {
	switch v := c.Value.(type) {
	case int:
		return v
	case int8:
		return int(v)
	case int16:
		return int(v)
	case int32:
		return int(v)
	case int64:
		return int(v)
	case uint8:
		return int(v)
	case uint16:
		return int(v)
	case uint32:
		return int(v)
	case uint64:
		return int(v)
	case float64:
		return int(v)
	}
	return 0
}

// rankOrder is the ORDER BY of a computed order, ties broken by id so the
// positions are stable between pages. Its dates are written as literals
// (formatted here from a time.Time, never from input): ent numbers the
// placeholders of an ORDER BY expression on their own, clashing with the
// WHERE clause's. Accounts without the figure (no
// revenue counts as zero) come last whichever the direction.
func rankOrder(o ListOrder, today string, now time.Time) func(*sql.Selector) {
	return func(s *sql.Selector) {
		dir := " ASC NULLS LAST"
		if o.Desc {
			dir = " DESC NULLS LAST"
		}
		id := s.C(account.FieldID)
		s.OrderExprFunc(func(b *sql.Builder) {
			switch o.Rank {
			case RankRevenue:
				b.Join(revenueTTM(id, now))
			case RankChurnRisk:
				b.WriteString(`(SELECT max(CASE c.severity WHEN 'CRITICAL' THEN 4 WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 1 END * 1000 + c.risk_score)` +
					` FROM churn_alerts c WHERE c.account_id = ` + id + ` AND c.status IN ('OPEN', 'ACKNOWLEDGED', 'ESCALATED'))`)
			case RankNextActionDue:
				b.WriteString(`(SELECT min(ac.due_on) FROM actions ac WHERE ac.account_id = ` + id +
					` AND ac.status IN ('OPEN', 'IN_PROGRESS', 'BLOCKED') AND ac.due_on >= '` + today + `'::date)`)
			}
			b.WriteString(dir).Comma().WriteString(id).WriteString(" ASC")
		})
	}
}

// revenueTTM is the account's own shipped revenue over the twelve months to
// now, in minor units. Kept to this one expression so it can read the
// monthly aggregates once they exist instead of the orders.
func revenueTTM(id string, now time.Time) sql.Querier {
	to := now.UTC().Format(time.DateOnly)
	from := now.UTC().AddDate(-1, 0, 0).Format(time.DateOnly)
	return sql.Raw(`(SELECT coalesce(sum(o.amount_minor), 0) FROM orders o WHERE o.account_id = ` + id +
		` AND o.status = 'SHIPPED' AND o.order_date > '` + from + `'::date AND o.order_date <= '` + to + `'::date)`)
}

// needsAttention is the list's "needs attention" condition (see
// ListFilter). The contact cadence is the class policy's: the last
// touchpoint up to today (or, without one, the account's creation) plus
// contact_cadence_days is before today — the rule the coverage figures
// and the contact reminders use.
func needsAttention(today string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		id := s.C(account.FieldID)
		s.Where(sql.P(func(b *sql.Builder) {
			b.WriteString(`(EXISTS (SELECT 1 FROM churn_alerts c WHERE c.account_id = ` + id + ` AND c.status IN ('OPEN', 'ACKNOWLEDGED', 'ESCALATED'))` +
				` OR EXISTS (SELECT 1 FROM actions ac WHERE ac.account_id = ` + id + ` AND ac.status IN ('OPEN', 'IN_PROGRESS', 'BLOCKED') AND ac.due_on < `).Arg(today).WriteString(`::date)` +
				` OR EXISTS (SELECT 1 FROM account_plans p WHERE p.account_id = ` + id + ` AND p.status IN ('DRAFT', 'SUBMITTED'))` +
				` OR EXISTS (SELECT 1 FROM class_policies cp WHERE cp.class::text = ` + s.C(account.FieldCurrentClass) + `::text` +
				` AND coalesce((SELECT max(t.occurred_at) FROM touchpoints t WHERE t.account_id = ` + id + ` AND t.occurred_at < `).Arg(today).WriteString(`::date + 1), ` + s.C(account.FieldCreatedAt) + `)::date` +
				` + cp.contact_cadence_days::int < `).Arg(today).WriteString(`::date))`)
		}))
	}
}
