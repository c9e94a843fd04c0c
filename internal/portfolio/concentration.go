package portfolio

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/refusal"
)

// TopShares are the top shares of accounts Concentration reports, in basis
// points: the top 1 %, 5 %, 10 % and 20 %.
var TopShares = []int{100, 500, 1000, 2000}

// TopShare is the revenue share of the top Percent of accounts by revenue.
type TopShare struct {
	Percent float64
	// Accounts is ceil(accounts × Percent / 100).
	Accounts     int
	RevenueMinor int64
	Share        float64
}

// LorenzPoint says that the AccountShare of accounts with the least revenue carry
// RevenueShare of it.
type LorenzPoint struct {
	AccountShare float64
	RevenueShare float64
}

// Concentration is how concentrated the revenue of a scope is, over the
// accounts with revenue in the last twelve months.
type Concentration struct {
	Accounts     int
	RevenueMinor int64
	Top          []TopShare
	// Lorenz has points+1 points from (0, 0) to (1, 1).
	Lorenz []LorenzPoint
	// HHI is the Herfindahl–Hirschman index of account revenue shares,
	// 0–10,000.
	HHI float64
}

// ConcentrationOf computes the concentration in one statement: per-account
// revenue ranked by a window, and the cumulative revenue read at the ranks
// the top shares and the Lorenz points need.
func ConcentrationOf(ctx context.Context, q database.Querier, s Scope, asOf time.Time, points int) (Concentration, error) {
	if points < 1 || points > 100 {
		return Concentration{}, &refusal.Error{Kind: refusal.Invalid, Field: "lorenzPoints", Message: fmt.Sprintf("must be 1–100, got %d", points)}
	}
	st := s.statement()
	st.revenueCTE("SELECT id FROM scoped", st.arg(asOf.Format(time.DateOnly)))
	tops, steps, p := st.arg(TopShares), st.arg(seq(points)), st.arg(points)
	st.add(`, pos AS (SELECT revenue, row_number() OVER w AS rn, sum(revenue) OVER w AS cum
		FROM rev WHERE revenue > 0 WINDOW w AS (ORDER BY revenue DESC, account_id ROWS UNBOUNDED PRECEDING)),
	stats AS (SELECT count(*) AS n, coalesce(sum(revenue), 0)::bigint AS total,
		coalesce(sum(revenue::numeric * revenue) / nullif(sum(revenue)::numeric ^ 2, 0) * 10000, 0)::float8 AS hhi FROM pos),
	wanted AS (SELECT (n * bp + 9999) / 10000 AS rn FROM stats, unnest(` + tops + `::bigint[]) bp
		UNION SELECT n - (n * i) / ` + p + ` FROM stats, unnest(` + steps + `::bigint[]) i)
	SELECT st.n, st.total, st.hhi,
		coalesce(array_agg(pos.rn ORDER BY pos.rn) FILTER (WHERE pos.rn IS NOT NULL), '{}'),
		coalesce(array_agg(pos.cum::bigint ORDER BY pos.rn) FILTER (WHERE pos.rn IS NOT NULL), '{}')
	FROM stats st LEFT JOIN (wanted w JOIN pos ON pos.rn = w.rn) ON true
	GROUP BY st.n, st.total, st.hhi`)
	var (
		c      Concentration
		n      int64
		rns    []int64
		cums   []int64
		cumsAt = map[int64]int64{0: 0}
	)
	if err := st.each(ctx, q, func(rows pgx.Rows) error { return rows.Scan(&n, &c.RevenueMinor, &c.HHI, &rns, &cums) }); err != nil {
		return Concentration{}, fmt.Errorf("error computing revenue concentration: %w", err)
	}
	c.Accounts = int(n)
	for i, rn := range rns {
		cumsAt[rn] = cums[i]
	}
	for _, bp := range TopShares {
		k := (n*int64(bp) + 9999) / 10000
		c.Top = append(c.Top, TopShare{Percent: float64(bp) / 100, Accounts: int(k), RevenueMinor: cumsAt[k], Share: share(cumsAt[k], c.RevenueMinor)})
	}
	for i := 0; i <= points; i++ {
		m := n * int64(i) / int64(points) // the m accounts with the least revenue
		lp := LorenzPoint{AccountShare: float64(i) / float64(points), RevenueShare: share(c.RevenueMinor-cumsAt[n-m], c.RevenueMinor)}
		if n == 0 {
			lp.RevenueShare = lp.AccountShare
		}
		c.Lorenz = append(c.Lorenz, lp)
	}
	return c, nil
}

func seq(n int) []int {
	out := make([]int, n+1)
	for i := range out {
		out[i] = i
	}
	return out
}
