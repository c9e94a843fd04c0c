package txn

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"

	"github.com/summitkam/summit/ent"
	// The runtime wires schema defaults, validators, hooks and privacy
	// policies into the clients built here.
	_ "github.com/summitkam/summit/ent/runtime"
)

// Runner opens units of work on a pool.
type Runner struct {
	pool *pgxpool.Pool
	db   *sql.DB
	jobs *river.Client[pgx.Tx]
}

// New returns a Runner over pool that enqueues with jobs. A nil jobs gets an
// insert-only River client over pool: it works no jobs itself, a worker
// (`summit serve` or `summit work`) does.
func New(pool *pgxpool.Pool, jobs *river.Client[pgx.Tx]) (*Runner, error) {
	if pool == nil {
		return nil, errors.New("txn: pool is nil")
	}
	if jobs == nil {
		var err error
		if jobs, err = river.NewClient(riverpgxv5.New(pool), &river.Config{}); err != nil {
			return nil, fmt.Errorf("error creating insert-only River client: %w", err)
		}
	}
	return &Runner{pool: pool, db: stdlib.OpenDBFromPool(pool), jobs: jobs}, nil
}

// Pool is the pool units of work are opened on, for set-based reads outside
// a unit.
func (r *Runner) Pool() *pgxpool.Pool { return r.pool }

// Jobs is the River client units of work enqueue with.
func (r *Runner) Jobs() *river.Client[pgx.Tx] { return r.jobs }

// Run runs fn in a unit of work and commits it when fn returns nil; any
// error (or panic) rolls it back. The context passed to fn carries the unit
// (see Tx.Context).
func (r *Runner) Run(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) (err error) {
	tx, err := r.Begin(ctx, nil)
	if err != nil {
		return err
	}
	// fn may panic or end its goroutine (runtime.Goexit, e.g. t.FailNow):
	// either way the unit rolls back and its connection goes back to the pool.
	defer func() { _ = tx.Rollback() }()
	if err := fn(tx.Context(ctx), tx); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	return tx.Commit()
}

// Begin opens a unit of work on a connection of its own; the caller must end
// it with Commit or Rollback, which also return the connection to the pool.
func (r *Runner) Begin(ctx context.Context, opts *sql.TxOptions) (*Tx, error) {
	conn, err := r.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("error acquiring a connection for a transaction: %w", err)
	}
	var pgxConn *pgx.Conn
	if err := conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("txn: unexpected driver connection %T", dc)
		}
		pgxConn = c.Conn()
		return nil
	}); err != nil {
		conn.Close()
		return nil, err
	}
	sqlTx, err := conn.BeginTx(ctx, opts)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("error beginning a transaction: %w", err)
	}
	base := ent.NewClient(ent.Driver(unitDriver{conn: entsql.Conn{ExecQuerier: sqlTx}}))
	// An ent transaction over the unit's driver gives resolvers what
	// entgql.Transactioner gave them: a transactional client on which a
	// nested Tx is ent.ErrTxStarted, and ent.TxFromContext.
	entTx, err := base.Tx(ctx)
	if err != nil {
		_ = sqlTx.Rollback()
		conn.Close()
		return nil, fmt.Errorf("error opening ent transaction: %w", err)
	}
	return &Tx{
		Client: entTx.Client(),
		entTx:  entTx,
		pgx:    newConnTx(pgxConn),
		conn:   conn,
		sqlTx:  sqlTx,
		jobs:   r.jobs,
	}, nil
}

// Tx is one unit of work: one transaction on one connection, written by ent
// (Client), River (Insert, InsertMany) and raw pgx (Pgx) alike.
type Tx struct {
	// Client is the ent client bound to the transaction.
	Client *ent.Client

	entTx *ent.Tx
	pgx   *connTx
	conn  *sql.Conn
	sqlTx *sql.Tx
	jobs  *river.Client[pgx.Tx]
	done  bool
}

// Pgx is the transaction as a pgx.Tx, for River and set-based SQL. Its
// Commit and Rollback refuse (ErrOwnedTx); Begin opens a savepoint.
func (t *Tx) Pgx() pgx.Tx { return t.pgx }

// Insert enqueues a job in the transaction: it becomes visible to workers
// only when the unit commits, and never exists if it rolls back.
func (t *Tx) Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error) {
	res, err := t.jobs.InsertTx(ctx, t.pgx, args, opts)
	if err != nil {
		return nil, fmt.Errorf("error enqueueing %s job: %w", args.Kind(), err)
	}
	return res, nil
}

// InsertMany enqueues several jobs in the transaction.
func (t *Tx) InsertMany(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error) {
	res, err := t.jobs.InsertManyTx(ctx, t.pgx, params)
	if err != nil {
		return nil, fmt.Errorf("error enqueueing %d jobs: %w", len(params), err)
	}
	return res, nil
}

// Commit commits the unit (ent commit hooks first) and returns its
// connection to the pool.
func (t *Tx) Commit() error {
	if t.done {
		return sql.ErrTxDone
	}
	t.done = true
	defer t.conn.Close()
	if err := t.entTx.Commit(); err != nil {
		_ = t.sqlTx.Rollback()
		return fmt.Errorf("error committing: %w", err)
	}
	if err := t.sqlTx.Commit(); err != nil {
		return fmt.Errorf("error committing: %w", err)
	}
	return nil
}

// Rollback rolls the unit back and returns its connection to the pool. It
// is a no-op after Commit or Rollback, so it can be deferred.
func (t *Tx) Rollback() error {
	if t.done {
		return nil
	}
	t.done = true
	defer t.conn.Close()
	_ = t.entTx.Rollback() // runs rollback hooks; the driver's rollback is a no-op
	if err := t.sqlTx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return fmt.Errorf("error rolling back: %w", err)
	}
	return nil
}

// Context returns ctx carrying the unit: ent.FromContext is its client,
// ent.TxFromContext its ent transaction and InserterFromContext enqueues in
// it.
func (t *Tx) Context(ctx context.Context) context.Context {
	ctx = ent.NewTxContext(ctx, t.entTx)
	ctx = ent.NewContext(ctx, t.Client)
	return context.WithValue(ctx, inserterKey{}, Inserter(t))
}

// Inserter enqueues River jobs, in a transaction when it comes from one.
type Inserter interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
	InsertMany(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)
}

// ErrNoUnitOfWork is returned by the Inserter of a context without a unit of
// work: a job enqueued outside the transaction of its cause could outlive a
// rolled-back change or be lost after a committed one.
var ErrNoUnitOfWork = errors.New("txn: no unit of work in context; jobs are enqueued in the transaction of the change that causes them")

type inserterKey struct{}

// InserterFromContext returns the inserter of the unit of work in ctx. Without
// one it returns an Inserter whose every call fails with ErrNoUnitOfWork, so
// callers need no nil check.
func InserterFromContext(ctx context.Context) Inserter {
	if ins, ok := ctx.Value(inserterKey{}).(Inserter); ok {
		return ins
	}
	return noInserter{}
}

type noInserter struct{}

func (noInserter) Insert(context.Context, river.JobArgs, *river.InsertOpts) (*rivertype.JobInsertResult, error) {
	return nil, ErrNoUnitOfWork
}

func (noInserter) InsertMany(context.Context, []river.InsertManyParams) ([]*rivertype.JobInsertResult, error) {
	return nil, ErrNoUnitOfWork
}

type runnerKey struct{}

// NewContext returns ctx carrying r, for code that needs the pool or opens
// its own units of work (set-based reads such as simulations).
func NewContext(ctx context.Context, r *Runner) context.Context {
	return context.WithValue(ctx, runnerKey{}, r)
}

// FromContext returns the Runner in ctx, or nil.
func FromContext(ctx context.Context) *Runner {
	r, _ := ctx.Value(runnerKey{}).(*Runner)
	return r
}

// unitDriver is the ent driver of a unit of work: every statement goes to
// the unit's *sql.Tx, and the transactions ent opens over it are no-ops
// because the unit's owner commits.
type unitDriver struct{ conn entsql.Conn }

var _ dialect.Driver = unitDriver{}

func (d unitDriver) Exec(ctx context.Context, query string, args, v any) error {
	return d.conn.Exec(ctx, query, args, v)
}

func (d unitDriver) Query(ctx context.Context, query string, args, v any) error {
	return d.conn.Query(ctx, query, args, v)
}

// ExecContext and QueryContext serve ent's ExecContext/QueryContext (the
// sql/execquery feature) for raw SQL inside the unit.
func (d unitDriver) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return d.conn.ExecContext(ctx, query, args...)
}

func (d unitDriver) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return d.conn.QueryContext(ctx, query, args...)
}

func (d unitDriver) Tx(context.Context) (dialect.Tx, error) { return unitTx{d}, nil }

func (d unitDriver) BeginTx(context.Context, *sql.TxOptions) (dialect.Tx, error) {
	return unitTx{d}, nil
}

func (unitDriver) Close() error    { return nil }
func (unitDriver) Dialect() string { return dialect.Postgres }

type unitTx struct{ unitDriver }

func (unitTx) Commit() error   { return nil }
func (unitTx) Rollback() error { return nil }
