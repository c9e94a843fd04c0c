// Package accounts is the domain behind Summit's account screens: creating,
// editing and archiving accounts with optimistic concurrency, the group
// hierarchy (ancestors and roll-ups), account teams, the stakeholder map
// (contacts and their reporting lines) and account search.
//
// Every function takes the ent client to work with: the request's
// transaction client for changes (so a change and its audit event commit
// together), the plain client for reads. Every query goes through ent, so
// the row-level access rules of package ent/rule apply: a viewer never
// reads, counts or finds an account they may not read, and set-based SQL
// (recursive CTEs, aggregates, trigram ranking) is attached to ent queries
// with sql.Selector modifiers rather than run beside them.
//
// Errors: a *refusal.Error of kind Invalid names the input field that is
// wrong; one of kind Conflict means the data moved on (extension
// currentVersion) or a uniqueness rule was hit; ent's *NotFoundError means
// the row does not exist or the viewer may not read it; privacy.Deny means
// the viewer may read but not change it.
package accounts
