package txn

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// ErrOwnedTx is returned by Commit and Rollback of the pgx.Tx of a unit of
// work: the transaction belongs to the unit's owner, who ends it.
var ErrOwnedTx = errors.New("txn: the transaction is owned by its unit of work; it commits or rolls back when the unit ends")

// connTx is a pgx.Tx over a *pgx.Conn that is already inside a transaction
// begun through database/sql. The top level only delegates; Begin opens a
// savepoint whose connTx releases (Commit) or rolls back to it (Rollback).
type connTx struct {
	conn *pgx.Conn
	// savepoint is "" at the top level.
	savepoint string
	// nested counts savepoints opened over the life of the unit, so that
	// names never repeat.
	nested *int
	closed bool
}

var _ pgx.Tx = (*connTx)(nil)

func newConnTx(conn *pgx.Conn) *connTx {
	return &connTx{conn: conn, nested: new(int)}
}

// Begin starts a pseudo nested transaction (a savepoint).
func (t *connTx) Begin(ctx context.Context) (pgx.Tx, error) {
	if t.closed {
		return nil, pgx.ErrTxClosed
	}
	*t.nested++
	name := fmt.Sprintf("summit_sp_%d", *t.nested)
	if _, err := t.conn.Exec(ctx, "SAVEPOINT "+name); err != nil {
		return nil, fmt.Errorf("error creating savepoint %s: %w", name, err)
	}
	return &connTx{conn: t.conn, savepoint: name, nested: t.nested}, nil
}

// Commit releases the savepoint of a nested transaction and refuses at the
// top level.
func (t *connTx) Commit(ctx context.Context) error {
	if t.savepoint == "" {
		return ErrOwnedTx
	}
	if t.closed {
		return pgx.ErrTxClosed
	}
	t.closed = true
	if _, err := t.conn.Exec(ctx, "RELEASE SAVEPOINT "+t.savepoint); err != nil {
		return fmt.Errorf("error releasing savepoint %s: %w", t.savepoint, err)
	}
	return nil
}

// Rollback rolls back to the savepoint of a nested transaction and refuses
// at the top level. Like pgx, a second call (e.g. a deferred Rollback after
// Commit) returns ErrTxClosed without touching the connection: a ROLLBACK TO
// a released savepoint would abort the whole transaction.
func (t *connTx) Rollback(ctx context.Context) error {
	if t.savepoint == "" {
		return ErrOwnedTx
	}
	if t.closed {
		return pgx.ErrTxClosed
	}
	t.closed = true
	if _, err := t.conn.Exec(ctx, "ROLLBACK TO SAVEPOINT "+t.savepoint); err != nil {
		return fmt.Errorf("error rolling back to savepoint %s: %w", t.savepoint, err)
	}
	return nil
}

func (t *connTx) CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error) {
	if t.closed {
		return 0, pgx.ErrTxClosed
	}
	return t.conn.CopyFrom(ctx, tableName, columnNames, rowSrc)
}

func (t *connTx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	return t.conn.SendBatch(ctx, b)
}

// LargeObjects is not supported: pgx builds it only over its own
// transactions. Its zero value fails on use.
func (t *connTx) LargeObjects() pgx.LargeObjects { return pgx.LargeObjects{} }

func (t *connTx) Prepare(ctx context.Context, name, sql string) (*pgconn.StatementDescription, error) {
	if t.closed {
		return nil, pgx.ErrTxClosed
	}
	return t.conn.Prepare(ctx, name, sql)
}

func (t *connTx) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	if t.closed {
		return pgconn.CommandTag{}, pgx.ErrTxClosed
	}
	return t.conn.Exec(ctx, sql, arguments...)
}

func (t *connTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	if t.closed {
		return nil, pgx.ErrTxClosed
	}
	return t.conn.Query(ctx, sql, args...)
}

func (t *connTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return t.conn.QueryRow(ctx, sql, args...)
}

func (t *connTx) Conn() *pgx.Conn { return t.conn }
