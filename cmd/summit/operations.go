package main

import (
	"fmt"
	"log/slog"

	"github.com/summitkam/summit/cmd/summit/server"
	"github.com/summitkam/summit/internal/config"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/metrics"
)

// operations is a node's metrics registry and, with SUMMIT_METRICS_ADDR, the
// listener serving it with the probes.
type operations struct {
	Metrics  *metrics.Registry
	listener *metrics.Listener
}

// startOperations builds the node's metrics (always: they cost little and
// the HTTP layer records into them) and serves them when cfg.MetricsAddr is
// set.
func startOperations(db *database.Database, cfg config.Config, logger *slog.Logger) (*operations, error) {
	ops := &operations{Metrics: metrics.New()}
	if err := ops.Metrics.Register(metrics.NewDatabaseCollector(db.Pool, logger.With("component", "metrics"))); err != nil {
		return nil, fmt.Errorf("error registering database metrics: %w", err)
	}
	if cfg.MetricsAddr == "" {
		return ops, nil
	}
	l, err := metrics.Listen(cfg.MetricsAddr, ops.Metrics, server.ReadyCheck(db.Pool), logger)
	if err != nil {
		return nil, err
	}
	ops.listener = l
	logger.Info("metrics and probes listening", "addr", "http://"+l.Addr(), "paths", "/metrics /livez /readyz")
	return ops, nil
}

// Close stops the listener.
func (o *operations) Close() {
	if o.listener != nil {
		_ = o.listener.Close() // shutting down; nothing to report
	}
}
