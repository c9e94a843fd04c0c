// Package portfolio computes the executive's portfolio figures: the class
// pyramid, class migrations between review cycles or dates, revenue
// concentration, S/A accounts at risk, coverage and plan health, and the
// trend of class counts over the last cycles.
//
// Every figure is set-based SQL over the accounts in scope — those the viewer
// may read (the row rules of ent/rule, rendered into the statement, not
// applied after it) that pass the filter and are not archived — a few
// statements per figure, none per account:
//
//	scope, err := portfolio.NewScope(viewer, portfolio.Filter{Regions: []string{"EAST"}})
//	pyramid, err := portfolio.PyramidOf(ctx, pool, scope, asOf)
//
// Revenue and margin are the SHIPPED orders dated in the twelve months up to
// asOf (order_date > asOf − 1 year and ≤ asOf), as everywhere else in Summit
// (Account.rollup).
package portfolio
