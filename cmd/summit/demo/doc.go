// Package demo tells the demo story on a freshly seeded database, so that
// on the first `make run` every screen has something real to show.
//
//	stats, err := demo.Stage(ctx, pool, client, demo.Options{AsOf: today})
//
// internal/seed writes the facts (accounts, orders, contacts, touchpoints,
// teams, partners); the story then does what people and jobs would have done
// over the last half-year, through the same code they use:
//
//  1. Two quarterly review cycles, as of the starts of the two quarters
//     before AsOf's, are started by exec01 (startReviewCycle), computed by
//     the review workers' code (review.Service Plan and RunChunk, chunk jobs
//     handed over in process instead of through River), decided by exec01
//     (approveReviewResults; two rejections with a note in the later one)
//     and published by admin (publishReviewCycle, then review.Service.Publish).
//     Classes, explanations, class history, audit events and owners'
//     notifications are the grading engine's and the publish job's.
//  2. kam01 gets a portfolio: the admin hands over S/A accounts of kam01's
//     region (those the churn model sees at risk first) until kam01 has six,
//     three at risk — an owner change and a new account manager on the team.
//  3. The daily churn scan runs (churnscan.Service.RunChunk over all
//     accounts): alerts with signals and deadlines, owners notified.
//  4. Owners write plans (createPlan, addObjective, createAction,
//     completeAction) and move them through the state machine — DRAFT,
//     SUBMITTED, APPROVED (exec01), ACTIVE, CLOSED with an outcome; most
//     have an overdue action.
//  5. Owners answer alerts: kam01 starts a win-back, acknowledges one and
//     resolves one; other managers acknowledge and resolve (recovered, false
//     alarm, lost) a share of theirs.
//  6. Class overrides: kam01 asks for B → A (waiting for an executive),
//     another B → A was approved by exec01, a C → B needed no approval.
//  7. The semiannual re-evaluation of distributors runs; pm01 decides
//     upgrade proposals: one into the top two tiers waits for an executive,
//     another was approved, a lower one applied at once.
//  8. This quarter's cycle is computed and left IN_REVIEW: moves into and
//     out of S/A wait for an executive, kam01 contests one proposal, exec01
//     and admin are told.
//  9. kam01 logs this week's visits; the daily reminders run (overdue
//     actions, contact cadence).
//
// Person-made changes go through the GraphQL handler in process, as that
// person (validation, row rules, state machines, audit events and
// notifications as in real use); job-made ones through the workers' code.
// Selections are ordered by id, so the same seed gives the same story.
// Stage refuses (ErrTold) a database that already has review cycles or
// plans; `summit serve` calls it only right after seeding an empty one.
package demo
