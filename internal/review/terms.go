package review

// Terms a class buys (seed 000: a class decides price, payment terms and
// credit limit). When a published review moves an account into a class, the
// account takes the terms its new class's policy sets; a term the policy
// leaves unset stays as it is. The move itself went through the class's
// approval rule (moves into or out of S/A approved by an executive before
// publishing), so the terms follow the same decision and need no second
// one. Each change is audited as terms.change with before and after.

// termsSteps returns the publish statements for terms; args are
// (cycle id, actor kind, actor label, actor id, reason, request id).
func termsSteps(args []any) []publishStep {
	return []publishStep{
		{"terms audit events", `
			INSERT INTO audit_events (occurred_at, actor_kind, actor_label, actor_id, entity_type, entity_id, action,
			                          before, after, reason, request_id)
			SELECT now(), $2, $3, $4, 'Account', a.id, 'terms.change',
			       jsonb_build_object('credit_limit_minor', a.credit_limit_minor, 'payment_terms_days', a.payment_terms_days,
			                          'price_coefficient', a.price_coefficient),
			       jsonb_build_object('credit_limit_minor', coalesce(p.credit_limit_minor, a.credit_limit_minor),
			                          'payment_terms_days', coalesce(p.payment_terms_days, a.payment_terms_days),
			                          'price_coefficient', coalesce(p.price_coefficient, a.price_coefficient),
			                          'class', r.final_class, 'review_cycle_id', r.cycle_id),
			       $5, $6
			FROM review_results r
			JOIN accounts a ON a.id = r.account_id
			JOIN class_policies p ON p.class = r.final_class
			WHERE r.cycle_id = $1 AND r.status = 'PUBLISHED' AND a.current_class IS DISTINCT FROM r.final_class
			  AND (a.credit_limit_minor, a.payment_terms_days, a.price_coefficient) IS DISTINCT FROM
			      (coalesce(p.credit_limit_minor, a.credit_limit_minor), coalesce(p.payment_terms_days, a.payment_terms_days),
			       coalesce(p.price_coefficient, a.price_coefficient))`, args},
		{"terms", `
			UPDATE accounts a
			SET credit_limit_minor = coalesce(p.credit_limit_minor, a.credit_limit_minor),
			    payment_terms_days = coalesce(p.payment_terms_days, a.payment_terms_days),
			    price_coefficient = coalesce(p.price_coefficient, a.price_coefficient),
			    updated_at = now()
			FROM review_results r JOIN class_policies p ON p.class = r.final_class
			WHERE r.cycle_id = $1 AND r.status = 'PUBLISHED' AND r.account_id = a.id
			  AND a.current_class IS DISTINCT FROM r.final_class
			  AND (a.credit_limit_minor, a.payment_terms_days, a.price_coefficient) IS DISTINCT FROM
			      (coalesce(p.credit_limit_minor, a.credit_limit_minor), coalesce(p.payment_terms_days, a.payment_terms_days),
			       coalesce(p.price_coefficient, a.price_coefficient))`, args[:1]},
	}
}
