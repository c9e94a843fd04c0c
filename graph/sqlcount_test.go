package graph_test

import (
	"context"
	"sync"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/summitkam/summit/ent"
)

// countingDriver records every SQL statement the ent client sends, so tests
// can pin how many statements a screen costs and that refused queries cost
// none.
type countingDriver struct {
	dialect.Driver
	mu    sync.Mutex
	stmts []string
}

func (d *countingDriver) record(query string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stmts = append(d.stmts, query)
}

func (d *countingDriver) Exec(ctx context.Context, query string, args, v any) error {
	d.record(query)
	return d.Driver.Exec(ctx, query, args, v)
}

func (d *countingDriver) Query(ctx context.Context, query string, args, v any) error {
	d.record(query)
	return d.Driver.Query(ctx, query, args, v)
}

// Statements returns the statements recorded since the last Reset.
func (d *countingDriver) Statements() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.stmts...)
}

func (d *countingDriver) Reset() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stmts = nil
}

func newCountingClient(pool *pgxpool.Pool) (*ent.Client, *countingDriver) {
	drv := &countingDriver{Driver: entsql.OpenDB(dialect.Postgres, stdlib.OpenDBFromPool(pool))}
	return ent.NewClient(ent.Driver(drv)), drv
}
