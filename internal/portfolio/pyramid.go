package portfolio

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/summitkam/summit/internal/database"
)

// ClassFigures are one class's accounts, revenue and margin, with their
// shares of the scope's totals (0–1; 0 when the total is 0).
type ClassFigures struct {
	Class        Class
	Accounts     int
	AccountShare float64
	RevenueMinor int64
	RevenueShare float64
	MarginMinor  int64
	MarginShare  float64
	// AccountsWhere is an AccountWhereInput that lists these accounts with
	// the accounts query (the drill-down).
	AccountsWhere json.RawMessage
}

// Pyramid is the class pyramid of a scope.
type Pyramid struct {
	Accounts     int
	RevenueMinor int64
	MarginMinor  int64
	// Classes has one entry per class of Classes, in that order.
	Classes []ClassFigures
}

// PyramidOf counts the accounts, revenue and margin of each class in one
// statement.
func PyramidOf(ctx context.Context, q database.Querier, s Scope, asOf time.Time) (Pyramid, error) {
	st := s.statement()
	st.revenueCTE("SELECT id FROM scoped", st.arg(asOf.Format(time.DateOnly)))
	st.add(`
		SELECT coalesce(s.current_class::text, 'UNCLASSIFIED'), count(*), coalesce(sum(r.revenue), 0)::bigint, coalesce(sum(r.margin), 0)::bigint
		FROM scoped s LEFT JOIN rev r ON r.account_id = s.id
		GROUP BY 1`)
	byClass := map[Class]*ClassFigures{}
	var p Pyramid
	err := st.each(ctx, q, func(rows pgx.Rows) error {
		var f ClassFigures
		var c string
		if err := rows.Scan(&c, &f.Accounts, &f.RevenueMinor, &f.MarginMinor); err != nil {
			return err
		}
		f.Class = Class(c)
		byClass[f.Class] = &f
		p.Accounts += f.Accounts
		p.RevenueMinor += f.RevenueMinor
		p.MarginMinor += f.MarginMinor
		return nil
	})
	if err != nil {
		return Pyramid{}, fmt.Errorf("error computing the class pyramid: %w", err)
	}
	for _, c := range Classes {
		f := ClassFigures{Class: c}
		if got := byClass[c]; got != nil {
			f = *got
		}
		f.AccountShare = share(int64(f.Accounts), int64(p.Accounts))
		f.RevenueShare = share(f.RevenueMinor, p.RevenueMinor)
		f.MarginShare = share(f.MarginMinor, p.MarginMinor)
		where := map[string]any{"currentClass": string(c)}
		if c == Unclassified {
			where = map[string]any{"currentClassIsNil": true}
		}
		f.AccountsWhere = s.where(where)
		p.Classes = append(p.Classes, f)
	}
	return p, nil
}

func share(part, total int64) float64 {
	if total == 0 {
		return 0
	}
	return float64(part) / float64(total)
}

// where returns an AccountWhereInput (as JSON) of the scope's filter and
// the given conditions; the accounts query adds the row rules itself.
func (s Scope) where(conds ...map[string]any) json.RawMessage {
	all := []map[string]any{{"archived": false}}
	f := s.filter
	if len(f.Kinds) > 0 {
		all = append(all, map[string]any{"kindIn": f.Kinds})
	}
	if len(f.CategoryIDs) > 0 {
		all = append(all, map[string]any{"categoryIDIn": ids(f.CategoryIDs)})
	}
	if len(f.Regions) > 0 {
		all = append(all, map[string]any{"regionIn": f.Regions})
	}
	if len(f.OwnerIDs) > 0 {
		all = append(all, map[string]any{"ownerIDIn": ids(f.OwnerIDs)})
	}
	all = append(all, conds...)
	b, _ := json.Marshal(map[string]any{"and": all})
	return b
}

func ids(ns []int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = fmt.Sprint(n)
	}
	return out
}
