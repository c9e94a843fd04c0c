package churnscan

import (
	"context"
	"strings"
	"time"

	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/database"
)

// fromScratchLastTouchCTE is the last touchpoint before the monthly
// aggregates: every touchpoint of the account.
const fromScratchLastTouchCTE = `
	SELECT t.account_id, max(t.occurred_at) AS last_touch
	FROM touchpoints t
	WHERE t.account_id BETWEEN $1 AND $2 {{only:t.account_id}} AND t.occurred_at < $3::date
	GROUP BY t.account_id
`

var fromScratchFacts = newFactsStatements(strings.Replace(factsSQL, lastTouchCTE, fromScratchLastTouchCTE, 1))

// GatherFactsFromScratch is GatherFacts reading every fact row, as before
// the monthly aggregates.
func GatherFactsFromScratch(ctx context.Context, q database.Querier, asOf time.Time, fromID, toID int) ([]churn.Facts, []Account, error) {
	return gatherFacts(ctx, q, fromScratchFacts, asOf, fromID, toID, nil)
}
