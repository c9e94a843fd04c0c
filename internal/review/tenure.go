package review

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/grading"
)

// Tenure metrics: how long an account has been a customer and how many
// times it bought. They are gathered by a statement of their own, only for
// models that name them, so the main metrics statement stays as it is.

// usesTenure reports whether a model config names a tenure metric.
func usesTenure(config string) bool {
	return strings.Contains(config, `"`+string(grading.MetricOrdersTotal)+`"`) ||
		strings.Contains(config, `"`+string(grading.MetricDaysSinceFirstOrder)+`"`)
}

// tenureSQL counts shipped orders before $3 and the days since the first,
// for accounts with ids in [$1, $2].
const tenureSQL = `
SELECT o.account_id, count(*), ($3::date - min(o.order_date))
FROM orders o
WHERE o.account_id BETWEEN $1 AND $2 AND o.order_date < $3::date AND o.status = 'SHIPPED'
GROUP BY o.account_id`

// gatherTenure fills OrdersTotal and DaysSinceFirstOrder; an account that
// never ordered keeps 0 and nil (missing).
func gatherTenure(ctx context.Context, q database.Querier, pop *Population, asOf time.Time, fromID, toID int) error {
	index := make(map[int64]int, pop.Len())
	for i, m := range pop.Metrics {
		index[m.AccountID] = i
	}
	rows, err := q.Query(ctx, tenureSQL, fromID, toID, asOf)
	if err != nil {
		return fmt.Errorf("error gathering tenure of accounts %d–%d: %w", fromID, toID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, orders int64
		var days int
		if err := rows.Scan(&id, &orders, &days); err != nil {
			return fmt.Errorf("error reading tenure of accounts %d–%d: %w", fromID, toID, err)
		}
		i, ok := index[id]
		if !ok {
			continue // outside the scope
		}
		pop.Metrics[i].OrdersTotal = orders
		pop.Metrics[i].DaysSinceFirstOrder = &days
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("error reading tenure of accounts %d–%d: %w", fromID, toID, err)
	}
	return nil
}
