package graph

import (
	"context"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/summitkam/summit/internal/portfolio"
	"github.com/summitkam/summit/internal/txn"
)

// portfolioPool is the pool the portfolio's set-based statements run on:
// the handler's (HandlerConfig.Pool).
func portfolioPool(ctx context.Context) (*pgxpool.Pool, error) {
	runner := txn.FromContext(ctx)
	if runner == nil {
		return nil, &gqlerror.Error{Message: "portfolio figures are not available on this server", Path: graphql.GetPath(ctx),
			Extensions: map[string]any{"code": CodeInternal}}
	}
	return runner.Pool(), nil
}

func migrationSide(cycleID *int, date *time.Time) portfolio.Side {
	var s portfolio.Side
	if cycleID != nil {
		s.CycleID = *cycleID
	}
	if date != nil {
		s.Date = *date
	}
	return s
}

func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}
