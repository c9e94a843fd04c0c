package portfolio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/refusal"
)

// Side names one side of a migration: a PUBLISHED review cycle (each
// account's final class in it) or a day (each account's class in force at
// the end of that day: its latest class assignment effective by then that
// needed no approval or was approved).
type Side struct {
	CycleID int
	Date    time.Time
}

// Point is a resolved side.
type Point struct {
	// CycleID and CycleName are set for a cycle, zero for a day.
	CycleID   int
	CycleName string
	// Date is the cycle's period start, or the day.
	Date time.Time
}

// MigrationCell counts the accounts that moved from one class to another
// (Unclassified: not graded in the cycle, or no class by the day), with
// their trailing-12-month revenue.
type MigrationCell struct {
	From, To     Class
	Accounts     int
	RevenueMinor int64
	// AccountsWhere lists the cell's accounts with the accounts query; set
	// when both sides are cycles (a class in force on a day has no filter).
	AccountsWhere json.RawMessage
}

// Migration is the from×to matrix between two sides; cells with no accounts
// are left out. An account counts when it has a class on either side.
type Migration struct {
	// From and To are nil when there is nothing to compare.
	From, To                        *Point
	Cells                           []MigrationCell
	Upgrades, Downgrades, Unchanged int
}

// MigrationOf computes the matrix in one statement. A zero from and to
// default to the two latest PUBLISHED cycles (by period start); with fewer
// than two, the matrix is empty and the points are zero.
func MigrationOf(ctx context.Context, q database.Querier, s Scope, asOf time.Time, from, to Side) (Migration, error) {
	var m Migration
	if from == (Side{}) && to == (Side{}) {
		latest, err := latestCycles(ctx, q, 2)
		if err != nil {
			return m, err
		}
		if len(latest) < 2 {
			return m, nil
		}
		from, to = Side{CycleID: latest[1]}, Side{CycleID: latest[0]}
	}
	if from == (Side{}) || to == (Side{}) {
		return m, &refusal.Error{Kind: refusal.Invalid, Field: "migration", Message: "give both sides of the migration (a cycle or a date each), or neither for the two latest published cycles"}
	}
	var err error
	if m.From, err = resolve(ctx, q, "from", from); err != nil {
		return m, err
	}
	if m.To, err = resolve(ctx, q, "to", to); err != nil {
		return m, err
	}
	st := s.statement()
	st.add(", f AS (" + sideSQL(st, m.From) + "), t AS (" + sideSQL(st, m.To) + ")")
	st.revenueCTE("SELECT id FROM scoped", st.arg(asOf.Format(time.DateOnly)))
	st.add(`
		SELECT coalesce(f.class, 'UNCLASSIFIED'), coalesce(t.class, 'UNCLASSIFIED'), count(*), coalesce(sum(r.revenue), 0)::bigint
		FROM scoped s
		LEFT JOIN f ON f.account_id = s.id
		LEFT JOIN t ON t.account_id = s.id
		LEFT JOIN rev r ON r.account_id = s.id
		WHERE f.account_id IS NOT NULL OR t.account_id IS NOT NULL
		GROUP BY 1, 2`)
	err = st.each(ctx, q, func(rows pgx.Rows) error {
		var c MigrationCell
		var f, t string
		if err := rows.Scan(&f, &t, &c.Accounts, &c.RevenueMinor); err != nil {
			return err
		}
		c.From, c.To = Class(f), Class(t)
		switch {
		case c.From == c.To:
			m.Unchanged += c.Accounts
		case c.To.rank() < c.From.rank():
			m.Upgrades += c.Accounts
		default:
			m.Downgrades += c.Accounts
		}
		if m.From.CycleID != 0 && m.To.CycleID != 0 {
			c.AccountsWhere = s.where(cycleClass(m.From.CycleID, c.From), cycleClass(m.To.CycleID, c.To),
				map[string]any{"or": []map[string]any{
					{"hasReviewResultsWith": []map[string]any{{"cycleID": fmt.Sprint(m.From.CycleID)}}},
					{"hasReviewResultsWith": []map[string]any{{"cycleID": fmt.Sprint(m.To.CycleID)}}},
				}})
		}
		m.Cells = append(m.Cells, c)
		return nil
	})
	if err != nil {
		return m, fmt.Errorf("error computing class migrations: %w", err)
	}
	sortCells(m.Cells)
	return m, nil
}

func sortCells(cells []MigrationCell) {
	for i := 1; i < len(cells); i++ {
		for j := i; j > 0 && less(cells[j], cells[j-1]); j-- {
			cells[j], cells[j-1] = cells[j-1], cells[j]
		}
	}
}

func less(a, b MigrationCell) bool {
	if a.From != b.From {
		return a.From.rank() < b.From.rank()
	}
	return a.To.rank() < b.To.rank()
}

// cycleClass is the AccountWhereInput of "had class c in cycle id".
func cycleClass(id int, c Class) map[string]any {
	cycle := fmt.Sprint(id)
	if c == Unclassified {
		return map[string]any{"not": map[string]any{"hasReviewResultsWith": []map[string]any{{"cycleID": cycle, "finalClassNotNil": true}}}}
	}
	return map[string]any{"hasReviewResultsWith": []map[string]any{{"cycleID": cycle, "finalClass": string(c)}}}
}

// sideSQL selects (account_id, class) of a side; class NULL is unclassified.
func sideSQL(st *statement, p *Point) string {
	if p.CycleID != 0 {
		return `SELECT account_id, final_class::text AS class FROM review_results WHERE cycle_id = ` + st.arg(p.CycleID)
	}
	return `SELECT DISTINCT ON (account_id) account_id, class::text AS class FROM class_assignments
		WHERE effective_at < ` + st.arg(p.Date.Format(time.DateOnly)) + `::date + 1 AND approval_status IN ('NOT_REQUIRED', 'APPROVED')
		ORDER BY account_id, effective_at DESC, id DESC`
}

func resolve(ctx context.Context, q database.Querier, field string, side Side) (*Point, error) {
	switch {
	case side.CycleID != 0 && !side.Date.IsZero():
		return nil, &refusal.Error{Kind: refusal.Invalid, Field: field, Message: "give a cycle or a date, not both"}
	case side.CycleID == 0 && side.Date.IsZero():
		return nil, &refusal.Error{Kind: refusal.Invalid, Field: field, Message: "give both sides of the migration, or neither for the two latest published cycles"}
	case side.CycleID == 0:
		d := side.Date.UTC()
		return &Point{Date: time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)}, nil
	}
	var p Point
	var status string
	err := q.QueryRow(ctx, `SELECT id, name, period_start, status FROM review_cycles WHERE id = $1`, side.CycleID).Scan(&p.CycleID, &p.CycleName, &p.Date, &status)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, &refusal.Error{Kind: refusal.NotFound, Field: field + "CycleID", Message: fmt.Sprintf("review cycle %d not found", side.CycleID)}
	}
	if err != nil {
		return nil, fmt.Errorf("error loading review cycle %d: %w", side.CycleID, err)
	}
	if status != "PUBLISHED" {
		return nil, &refusal.Error{Kind: refusal.Conflict, Field: field + "CycleID", Message: fmt.Sprintf("review cycle %q is %s; migrations compare PUBLISHED cycles", p.CycleName, status)}
	}
	return &p, nil
}

// latestCycles returns the ids of the n latest PUBLISHED cycles, newest first.
func latestCycles(ctx context.Context, q database.Querier, n int) ([]int, error) {
	rows, err := q.Query(ctx, `SELECT id FROM review_cycles WHERE status = 'PUBLISHED' ORDER BY period_start DESC, id DESC LIMIT $1`, n)
	if err != nil {
		return nil, fmt.Errorf("error finding the latest review cycles: %w", err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		return nil, fmt.Errorf("error finding the latest review cycles: %w", err)
	}
	return out, nil
}
