package portfolio

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/refusal"
)

// TrendPoint is the class counts of the accounts in scope in one published
// cycle (each account's final class there).
type TrendPoint struct {
	CycleID     int
	CycleName   string
	PeriodStart time.Time
	// Counts has one entry per class of Classes, in that order; Unclassified
	// counts accounts graded in the cycle whose class stayed empty.
	Counts []ClassCount
}

// ClassCount is a number of accounts of a class.
type ClassCount struct {
	Class    Class
	Accounts int
}

// TrendOf counts classes in the last n PUBLISHED cycles, oldest first, in
// one statement. The scope is today's: accounts the viewer reads now.
func TrendOf(ctx context.Context, q database.Querier, s Scope, n int) ([]TrendPoint, error) {
	if n < 1 || n > 40 {
		return nil, &refusal.Error{Kind: refusal.Invalid, Field: "cycles", Message: fmt.Sprintf("must be 1–40, got %d", n)}
	}
	st := s.statement()
	st.add(`, c AS (SELECT id, name, period_start FROM review_cycles WHERE status = 'PUBLISHED'
		ORDER BY period_start DESC, id DESC LIMIT ` + st.arg(n) + `)
		SELECT c.id, c.name, c.period_start, coalesce(r.final_class::text, 'UNCLASSIFIED'), count(r.account_id)
		FROM c LEFT JOIN review_results r ON r.cycle_id = c.id AND r.account_id IN (SELECT id FROM scoped)
		GROUP BY c.id, c.name, c.period_start, 4
		ORDER BY c.period_start, c.id`)
	var out []TrendPoint
	index := map[int]int{}
	err := st.each(ctx, q, func(rows pgx.Rows) error {
		var id, count int
		var name, class string
		var start time.Time
		if err := rows.Scan(&id, &name, &start, &class, &count); err != nil {
			return err
		}
		i, ok := index[id]
		if !ok {
			i = len(out)
			index[id] = i
			p := TrendPoint{CycleID: id, CycleName: name, PeriodStart: start}
			for _, c := range Classes {
				p.Counts = append(p.Counts, ClassCount{Class: c})
			}
			out = append(out, p)
		}
		for k := range out[i].Counts {
			if out[i].Counts[k].Class == Class(class) {
				out[i].Counts[k].Accounts += count
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("error computing the class trend: %w", err)
	}
	return out, nil
}
