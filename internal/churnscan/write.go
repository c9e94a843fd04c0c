package churnscan

import (
	"context"
	"fmt"
	"time"
)

// open inserts new alerts and, in the same statements, their audit events
// and the owners' notifications. ON CONFLICT on the one-open-alert index
// makes a racing scan's insert a no-op instead of a duplicate. It returns
// how many alerts were opened.
func (w *writer) open(ctx context.Context, rows []alertRow) (int, error) {
	if len(rows) == 0 {
		return 0, nil
	}
	n := len(rows)
	accountIDs, severities, scores := make([]int, n), make([]string, n), make([]float64, n)
	signals, explanations := make([]string, n), make([]string, n)
	classes, owners, dues := make([]*string, n), make([]*int, n), make([]time.Time, n)
	for i, r := range rows {
		accountIDs[i], severities[i], scores[i] = r.accountID, r.severity, r.score
		signals[i], explanations[i] = string(r.signals), string(r.explanation)
		classes[i], owners[i], dues[i] = r.class, r.ownerID, r.due
	}
	var opened int
	err := w.tx.QueryRow(ctx, `
		WITH opened AS (
			INSERT INTO churn_alerts (created_at, updated_at, account_id, alert_type, status, severity, risk_score,
			                          signals, explanation, owner_id, opened_at, last_evaluated_at, response_due_at,
			                          account_class, escalation_level)
			SELECT now(), now(), u.account_id, $1, 'OPEN', u.severity, u.score, u.signals::jsonb, u.explanation::jsonb,
			       u.owner_id, $2, $2, u.due, u.class, 0
			FROM unnest($3::bigint[], $4::text[], $5::float8[], $6::text[], $7::text[], $8::bigint[], $9::timestamptz[], $10::text[])
			     AS u(account_id, severity, score, signals, explanation, owner_id, due, class)
			ON CONFLICT (account_id, alert_type) WHERE status IN `+openStatusesSQL+` DO NOTHING
			RETURNING id, account_id, owner_id, severity, risk_score, signals, response_due_at, account_class
		), audited AS (
			INSERT INTO audit_events (occurred_at, actor_kind, actor_label, entity_type, entity_id, action, after, reason)
			SELECT now(), $11, $12, 'ChurnAlert', o.id, 'churn_alert.open',
			       jsonb_build_object('account_id', o.account_id, 'severity', o.severity, 'risk_score', o.risk_score,
			                          'signals', jsonb_path_query_array(o.signals, '$[*].code'), 'owner_id', o.owner_id,
			                          'response_due_at', o.response_due_at, 'as_of', $2::timestamptz),
			       'churn scan'
			FROM opened o
		), notified AS (
		INSERT INTO notifications (created_at, updated_at, recipient_id, channel, kind, title, body, entity_type, entity_id,
		                           dedup_key, sent_at)
		SELECT now(), now(), o.owner_id, ch.channel, 'churn_alert.opened',
		       left(format('流失预警（%s）：%s', `+severityZH+`, a.name), 300),
		       format('%s shows %s churn risk (score %s): %s. Respond by %s.', a.name, lower(o.severity), o.risk_score::int,
		              (SELECT string_agg(s->>'code', ', ') FROM jsonb_array_elements(o.signals) s),
		              to_char(o.response_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')),
		       'ChurnAlert', o.id, format('churn_alert:%s:opened%s', o.id, ch.suffix), ch.sent_at
		FROM opened o
		JOIN accounts a ON a.id = o.account_id
		CROSS JOIN LATERAL (VALUES ('IN_APP', '', now()), ('EMAIL', '#email', NULL::timestamptz)) AS ch(channel, suffix, sent_at)
		WHERE o.owner_id IS NOT NULL
		  -- Email only where it matters: strategic accounts and critical risk.
		  AND (ch.channel = 'IN_APP' OR o.account_class IN ('S', 'A') OR o.severity = 'CRITICAL')
		ON CONFLICT (dedup_key) DO NOTHING
		)
		SELECT count(*) FROM opened`,
		alertTypeChurn, w.asOf, accountIDs, severities, scores, signals, explanations, owners, dues, classes,
		actorKind, actorLabel).Scan(&opened)
	if err != nil {
		return 0, fmt.Errorf("error opening churn alerts: %w", err)
	}
	return opened, nil
}

// severityZH renders o.severity in Chinese inside SQL.
const severityZH = `CASE o.severity WHEN 'CRITICAL' THEN '极高' WHEN 'HIGH' THEN '高' WHEN 'MEDIUM' THEN '中' ELSE '低' END`

// update refreshes open alerts with this scan's assessment; for the ones
// whose level went up (raised) it audits the change and tells the owner.
func (w *writer) update(ctx context.Context, rows []alertRow, raised []int) error {
	if len(rows) == 0 {
		return nil
	}
	n := len(rows)
	ids, severities, scores := make([]int, n), make([]string, n), make([]float64, n)
	signals, explanations, classes := make([]string, n), make([]string, n), make([]*string, n)
	for i, r := range rows {
		ids[i], severities[i], scores[i] = r.alertID, r.severity, r.score
		signals[i], explanations[i], classes[i] = string(r.signals), string(r.explanation), r.class
	}
	_, err := w.tx.Exec(ctx, `
		WITH before AS (
			SELECT c.id, c.severity, c.risk_score, jsonb_path_query_array(c.signals, '$[*].code') AS codes
			FROM churn_alerts c WHERE c.id = ANY($1)
		), updated AS (
			UPDATE churn_alerts c
			SET severity = u.severity, risk_score = u.score, signals = u.signals::jsonb, explanation = u.explanation::jsonb,
			    account_class = u.class, last_evaluated_at = $6, updated_at = now()
			FROM unnest($1::bigint[], $2::text[], $3::float8[], $4::text[], $5::text[], $7::text[])
			     AS u(id, severity, score, signals, explanation, class)
			WHERE c.id = u.id
			RETURNING c.id, c.account_id, c.owner_id, c.severity, c.risk_score, c.signals
		), audited AS (
			INSERT INTO audit_events (occurred_at, actor_kind, actor_label, entity_type, entity_id, action, before, after, reason)
			SELECT now(), $8, $9, 'ChurnAlert', n.id, 'churn_alert.reassess',
			       jsonb_build_object('severity', b.severity, 'risk_score', b.risk_score, 'signals', b.codes),
			       jsonb_build_object('severity', n.severity, 'risk_score', n.risk_score,
			                          'signals', jsonb_path_query_array(n.signals, '$[*].code'), 'as_of', $6::timestamptz),
			       'churn scan'
			FROM updated n JOIN before b ON b.id = n.id
			WHERE b.severity IS DISTINCT FROM n.severity OR b.codes IS DISTINCT FROM jsonb_path_query_array(n.signals, '$[*].code')
		)
		INSERT INTO notifications (created_at, updated_at, recipient_id, channel, kind, title, body, entity_type, entity_id,
		                           dedup_key, sent_at)
		SELECT now(), now(), o.owner_id, 'IN_APP', 'churn_alert.raised',
		       left(format('流失预警升级（%s）：%s', `+severityZH+`, a.name), 300),
		       format('Churn risk of %s rose to %s (score %s).', a.name, lower(o.severity), o.risk_score::int),
		       'ChurnAlert', o.id, format('churn_alert:%s:level:%s', o.id, o.severity), now()
		FROM updated o JOIN accounts a ON a.id = o.account_id
		WHERE o.owner_id IS NOT NULL AND o.id = ANY($10)
		ON CONFLICT (dedup_key) DO NOTHING`,
		ids, severities, scores, signals, explanations, w.asOf, classes, actorKind, actorLabel, raised)
	if err != nil {
		return fmt.Errorf("error updating churn alerts: %w", err)
	}
	return nil
}

// resolve closes alerts whose signals cleared (or duplicates), audited.
func (w *writer) resolve(ctx context.Context, ids []int, notes []string) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	var resolved int
	err := w.tx.QueryRow(ctx, `
		WITH resolved AS (
			UPDATE churn_alerts c
			SET status = 'RESOLVED', outcome = 'SIGNALS_CLEARED', outcome_note = u.note, resolved_at = $3,
			    last_evaluated_at = $3, updated_at = now()
			FROM unnest($1::bigint[], $2::text[]) AS u(id, note)
			WHERE c.id = u.id AND c.status IN `+openStatusesSQL+`
			RETURNING c.id, c.account_id, c.owner_id, u.note
		), audited AS (
			INSERT INTO audit_events (occurred_at, actor_kind, actor_label, entity_type, entity_id, action, before, after, reason)
			SELECT now(), $4, $5, 'ChurnAlert', r.id, 'churn_alert.resolve',
			       jsonb_build_object('status', 'OPEN'),
			       jsonb_build_object('status', 'RESOLVED', 'outcome', 'SIGNALS_CLEARED', 'as_of', $3::timestamptz),
			       r.note
			FROM resolved r
		), notified AS (
		INSERT INTO notifications (created_at, updated_at, recipient_id, channel, kind, title, body, entity_type, entity_id,
		                           dedup_key, sent_at)
		SELECT now(), now(), r.owner_id, 'IN_APP', 'churn_alert.cleared',
		       left(format('流失预警已解除：%s', a.name), 300), format('The churn alert on %s closed: %s.', a.name, r.note),
		       'ChurnAlert', r.id, format('churn_alert:%s:cleared', r.id), now()
		FROM resolved r JOIN accounts a ON a.id = r.account_id
		WHERE r.owner_id IS NOT NULL
		ON CONFLICT (dedup_key) DO NOTHING
		)
		SELECT count(*) FROM resolved`, ids, notes, w.asOf, actorKind, actorLabel).Scan(&resolved)
	if err != nil {
		return 0, fmt.Errorf("error resolving churn alerts: %w", err)
	}
	return resolved, nil
}

// moveToDecline moves high-risk accounts that are forming or stable to the
// decline stage (退化期), audited. Leaving decline is a person's call.
func (w *writer) moveToDecline(ctx context.Context, ids []int) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	var n int
	err := w.tx.QueryRow(ctx, `
		WITH moved AS (
			UPDATE accounts a SET lifecycle_stage = 'DECLINE', updated_at = now()
			FROM (SELECT id, lifecycle_stage AS before FROM accounts WHERE id = ANY($1) FOR UPDATE) b
			WHERE a.id = b.id AND b.before IN ('FORMATION', 'STABLE')
			RETURNING a.id, b.before
		), audited AS (
			INSERT INTO audit_events (occurred_at, actor_kind, actor_label, entity_type, entity_id, action, before, after, reason)
			SELECT now(), $2, $3, 'Account', m.id, 'account.lifecycle',
			       jsonb_build_object('lifecycle_stage', m.before), jsonb_build_object('lifecycle_stage', 'DECLINE'),
			       format('churn scan as of %s: high churn risk', to_char($4::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD'))
			FROM moved m
		)
		SELECT count(*) FROM moved`, ids, actorKind, actorLabel, w.asOf).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("error moving accounts to decline: %w", err)
	}
	return n, nil
}
