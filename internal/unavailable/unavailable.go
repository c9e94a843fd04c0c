// Package unavailable recognises errors that mean "the database cannot be
// reached right now" (a restart, a failover, a dropped connection) and lets
// the code that sees such an error tell the HTTP layer, so the request is
// answered 503 with extensions.code DATABASE_UNAVAILABLE — retryable —
// rather than 500 INTERNAL, which says "a bug".
package unavailable

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
)

// Code is the extensions.code of a request that failed because the database
// was unavailable; the client may retry it.
const Code = "DATABASE_UNAVAILABLE"

// Message is what the client is told.
const Message = "the database is unavailable; retry shortly"

// Database reports whether err means the database could not be reached or
// went away mid-statement, as opposed to a statement it refused.
func Database(err error) bool {
	if err == nil {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// 08: connection exception; 57P01..57P03: admin/crash shutdown,
		// cannot connect now (starting up or shutting down).
		return strings.HasPrefix(pgErr.Code, "08") || pgErr.Code == "57P01" || pgErr.Code == "57P02" || pgErr.Code == "57P03"
	}
	var connectErr *pgconn.ConnectError
	if errors.As(err, &connectErr) {
		return true
	}
	var netErr *net.OpError
	if errors.As(err, &netErr) {
		return true
	}
	if errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return true
	}
	// pgx reports a connection closed under a statement, and a pool closed
	// mid-restart, with plain errors; their texts are stable.
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "failed to connect") ||
		strings.Contains(msg, "unexpected EOF") || strings.Contains(msg, "connection reset by peer") ||
		strings.Contains(msg, "broken pipe") || strings.Contains(msg, "the database system is")
}

type markKey struct{}

// NewContext returns ctx carrying a mark that Mark sets; the HTTP layer calls
// it once per request and asks Marked after the handler ran.
func NewContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, markKey{}, new(atomic.Bool))
}

// Mark records in ctx that the request failed on an unavailable database.
// Without NewContext it does nothing.
func Mark(ctx context.Context) {
	if m, ok := ctx.Value(markKey{}).(*atomic.Bool); ok {
		m.Store(true)
	}
}

// Marked reports whether Mark was called on ctx (or a context derived from it).
func Marked(ctx context.Context) bool {
	m, ok := ctx.Value(markKey{}).(*atomic.Bool)
	return ok && m.Load()
}
