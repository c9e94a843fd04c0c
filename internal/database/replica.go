package database

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
)

// OpenReplica connects to a streaming replica of the primary
// (SUMMIT_DATABASE_REPLICA_URL) for heavy reads that may lag a moment
// behind: exports. A replica that cannot be reached at start is an error,
// so a typo is found at deploy time, not at the first export.
func OpenReplica(ctx context.Context, url string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("error parsing SUMMIT_DATABASE_REPLICA_URL: %w", err)
	}
	if !strings.Contains(url, "pool_max_conns") {
		cfg.MaxConns = DefaultMaxConns()
	}
	// A statement sent here by mistake must fail, not write.
	cfg.ConnConfig.RuntimeParams["default_transaction_read_only"] = "on"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("error connecting to the replica %s: %w", redact(url), err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("error connecting to the replica %s: %w", redact(url), err)
	}
	return pool, nil
}
