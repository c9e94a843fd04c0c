// Package classes governs how accounts get their class S/A/B/C: the registry
// of grading models (versions DRAFT → PUBLISHED → RETIRED, one published
// version per scope), the presets installed as ready model versions, manual
// overrides with their executive approval, and the class policies (what a
// class buys). Review cycles, which apply a model's classes in bulk, are
// package review.
//
// Every change is audited in the caller's transaction (pass the ent client of
// the unit of work): model.create, model.version.create/update/publish/
// retire, class.change, class.override_requested, class.approve,
// class.reject, class_policy.update.
package classes
