// Package planning holds the rules of Summit's strategy → execute → monitor
// loop for one account: the account-plan lifecycle, what may change in which
// state, how objectives are measured against the plan period, and how an
// account's plan health is judged (contact cadence, coverage gaps).
//
// The package is pure: no I/O, no database, no clock. Callers load the facts
// (plan status, class, sums of orders in the period, last touchpoint …),
// pass "today" in, and persist the outcome together with its audit event.
//
// # Lifecycle
//
//	DRAFT ──submit──▶ SUBMITTED ──approve──▶ APPROVED ──activate──▶ ACTIVE ──close──▶ CLOSED
//	  ▲                  │  │                   │
//	  └──────reject──────┘  └──activate (B/C)   └──reject──▶ DRAFT
//
// The transitions ([Apply]):
//
//   - submit: DRAFT → SUBMITTED, by anyone who may change the account's plans.
//   - approve: SUBMITTED → APPROVED, executives and admins only; records who
//     approved and when.
//   - reject: SUBMITTED or APPROVED → DRAFT, executives and admins only, with
//     a reason; clears an approval.
//   - activate: APPROVED → ACTIVE; SUBMITTED → ACTIVE only for plans that are
//     not strategic. A strategic plan is one of an S or A account (its class
//     when the plan was created, or its class now) and must carry an
//     executive's approval first. B, C and unclassified accounts may skip
//     approval: the class policy decides how much governance an account
//     buys, and a value or general account's plan is the KAM's call.
//   - close: ACTIVE → CLOSED, with the periodic review's outcome.
//
// Anything else is a conflict with the current state ([refusal.Conflict]).
//
// # What may change when
//
// A plan's content (period, strategy, SWOT) and its objectives' definitions
// change only while DRAFT or SUBMITTED: approval is given to a specific
// content, so approved and active plans are frozen (roll a plan forward to
// start the next one). Objective status (ACHIEVED, MISSED, DROPPED) is
// execution tracking and may also change while APPROVED or ACTIVE. Actions
// may be attached to any plan that is not CLOSED.
package planning
