// Package plans is the database half of Summit's strategy → execute →
// monitor loop; internal/planning holds its rules, pure.
//
//   - plans.go: plans (create, edit, lifecycle transitions, roll forward)
//     and their objectives;
//   - execute.go: actions and touchpoints, the account data a plan is
//     carried out with;
//   - monitor.go: objective measures and plan health, set-based for a page
//     of items.
//
// Every change loads what a rule needs, asks internal/planning, writes the
// change and its audit event with the caller's client (a transaction's, so
// both commit or roll back together) and refuses with *refusal.Error.
// Row-level access is ent's privacy rules: reads see only what the viewer
// may read, and a change the rules narrow away is told apart from a stale
// version (lostPlanUpdate).
package plans
