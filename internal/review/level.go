package review

// Levels within a class: a model's native level (the store ladder's "new"
// or "regular", both class C; the key-account ladder's platinum and white
// gold, both B) is kept on the account as current_level, so it can be
// shown, filtered on and given its own benefits (class policy
// level_entitlements). A level change that comes with a class change is in
// the class.change audit event; one within the same class is audited as
// level.change. A REJECTED result keeps the account's class and level.

// levelSteps returns the publish statements for levels; args as termsSteps.
func levelSteps(args []any) []publishStep {
	return []publishStep{
		{"level audit events", `
			INSERT INTO audit_events (occurred_at, actor_kind, actor_label, actor_id, entity_type, entity_id, action,
			                          before, after, reason, request_id)
			SELECT now(), $2, $3, $4, 'Account', a.id, 'level.change',
			       jsonb_build_object('class', a.current_class, 'level', a.current_level),
			       jsonb_build_object('class', r.final_class, 'level', nullif(r.level_label, ''), 'review_cycle_id', r.cycle_id),
			       $5, $6
			FROM review_results r JOIN accounts a ON a.id = r.account_id
			WHERE r.cycle_id = $1 AND r.status = 'PUBLISHED' AND a.current_class IS NOT DISTINCT FROM r.final_class
			  AND a.current_level IS DISTINCT FROM nullif(r.level_label, '')`, args},
		{"levels", `
			UPDATE accounts a SET current_level = nullif(r.level_label, ''), updated_at = now()
			FROM review_results r
			WHERE r.cycle_id = $1 AND r.status = 'PUBLISHED' AND r.account_id = a.id
			  AND a.current_level IS DISTINCT FROM nullif(r.level_label, '')`, args[:1]},
	}
}
