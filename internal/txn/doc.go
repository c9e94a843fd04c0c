// Package txn runs a unit of work in one PostgreSQL transaction that both ent
// and River write in, so a change and the jobs it causes commit or roll back
// together (River's transactional enqueue).
//
// ent runs on database/sql and River on pgx, and River's database/sql driver
// is not available to us, so a unit of work pins ONE connection of the pool:
// it begins a *sql.Tx on that *sql.Conn, binds an ent client to the *sql.Tx,
// and reaches through database/sql (sql.Conn.Raw) to the same connection's
// *pgx.Conn, which it wraps in a pgx.Tx for River. Both see the same
// session, hence the same transaction.
//
//	err := runner.Run(ctx, func(ctx context.Context, tx *txn.Tx) error {
//		cycle, err := tx.Client.ReviewCycle.Create()....Save(ctx)
//		if err != nil {
//			return err
//		}
//		_, err = tx.Insert(ctx, jobargs.ReviewCycleStart{CycleID: cycle.ID}, nil)
//		return err
//	})
//
// The pgx.Tx handed to River may Begin nested transactions (savepoints) but
// may not Commit or Rollback the unit of work itself: the owner does that.
// A unit of work is not safe for concurrent use: ent and River statements
// share one connection, so callers issue them one at a time (GraphQL
// mutations are serialized by the handler, as with entgql.Transactioner).
//
// The GraphQL handler opens one unit of work per mutation and exposes it to
// resolvers through the context: ent.FromContext(ctx) is the unit's ent
// client (so resolvers written for entgql.Transactioner work unchanged) and
// InserterFromContext(ctx) enqueues River jobs in the same transaction.
package txn
