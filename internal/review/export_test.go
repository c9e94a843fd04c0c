package review

import (
	"context"
	"time"

	"github.com/summitkam/summit/internal/database"
)

// GatherScopeFromScratch is GatherScope aggregating every fact row, as
// before the monthly aggregates.
func GatherScopeFromScratch(ctx context.Context, q database.Querier, scope string, asOf time.Time, fromID, toID, batch, parallel int, facts Facts) (Population, error) {
	return gatherScope(ctx, q, fromScratchSource, scope, asOf, fromID, toID, batch, parallel, facts)
}

// GatherScopeFromAggregates is GatherScope reading the monthly aggregates
// whatever facts the model reads.
func GatherScopeFromAggregates(ctx context.Context, q database.Querier, scope string, asOf time.Time, fromID, toID, batch, parallel int, facts Facts) (Population, error) {
	return gatherScope(ctx, q, aggregateSource, scope, asOf, fromID, toID, batch, parallel, facts)
}
