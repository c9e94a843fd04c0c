package churnscan

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/notify"
)

// changed is an alert a statement opened, re-assessed or resolved, with
// what its owner's notification says.
type changed struct {
	id          int
	ownerID     *int
	severity    string
	score       float64
	codes       []string
	due         *time.Time
	class       *string
	accountName string
	note        string
}

func collectChanged(rows pgx.Rows) ([]changed, error) {
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (changed, error) {
		var c changed
		err := row.Scan(&c.id, &c.ownerID, &c.severity, &c.score, &c.codes, &c.due, &c.class, &c.accountName, &c.note)
		return c, err
	})
}

// open inserts new alerts and, in the same statement, their audit events.
// ON CONFLICT on the one-open-alert index makes a racing scan's insert a
// no-op instead of a duplicate. The owners are notified (by email too for
// strategic accounts and critical risk). It returns how many alerts were
// opened.
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
	result, err := w.tx.Query(ctx, `
		WITH opened AS (
			INSERT INTO churn_alerts (created_at, updated_at, account_id, alert_type, status, severity, risk_score,
			                          signals, explanation, owner_id, opened_at, last_evaluated_at, response_due_at,
			                          account_class, escalation_level)
			SELECT now(), now(), u.account_id, $1, 'OPEN', u.severity, u.score, u.signals::jsonb, u.explanation::jsonb,
			       u.owner_id, $2, $2, u.due, u.class, 0
			FROM unnest($3::bigint[], $4::text[], $5::float8[], $6::text[], $7::text[], $8::bigint[], $9::timestamptz[], $10::text[])
			     AS u(account_id, severity, score, signals, explanation, owner_id, due, class)
			ON CONFLICT (account_id, alert_type) WHERE status IN `+openStatusesSQL+` DO NOTHING
			RETURNING id, account_id, owner_id, severity, risk_score, jsonb_path_query_array(signals, '$[*].code') AS codes,
			          response_due_at, account_class
		), audited AS (
			INSERT INTO audit_events (occurred_at, actor_kind, actor_label, entity_type, entity_id, action, after, reason)
			SELECT now(), $11, $12, 'ChurnAlert', o.id, 'churn_alert.open',
			       jsonb_build_object('account_id', o.account_id, 'severity', o.severity, 'risk_score', o.risk_score,
			                          'signals', o.codes, 'owner_id', o.owner_id, 'response_due_at', o.response_due_at,
			                          'as_of', $2::timestamptz),
			       'churn scan'
			FROM opened o
		)
		SELECT o.id, o.owner_id, o.severity, o.risk_score, o.codes, o.response_due_at, o.account_class, a.name, ''
		FROM opened o JOIN accounts a ON a.id = o.account_id`,
		alertTypeChurn, w.asOf, accountIDs, severities, scores, signals, explanations, owners, dues, classes,
		actorKind, actorLabel)
	if err != nil {
		return 0, fmt.Errorf("error opening churn alerts: %w", err)
	}
	opened, err := collectChanged(result)
	if err != nil {
		return 0, fmt.Errorf("error opening churn alerts: %w", err)
	}
	msgs := make([]notify.Message, 0, len(opened))
	for _, c := range opened {
		if c.ownerID == nil {
			continue
		}
		strategic := c.class != nil && churn.Class(*c.class).Strategic()
		msgs = append(msgs, notify.Message{
			RecipientID: *c.ownerID,
			Kind:        "churn_alert.opened",
			Title:       fmt.Sprintf("流失预警（%s）：%s", severityZH(c.severity), c.accountName),
			Body: fmt.Sprintf("%s shows %s churn risk (score %d): %s. Respond by %s.", c.accountName,
				strings.ToLower(c.severity), int(c.score), signalLabels(c.codes), c.due.UTC().Format("2006-01-02 15:04 UTC")),
			EntityType: "ChurnAlert",
			EntityID:   c.id,
			DedupKey:   fmt.Sprintf("churn_alert:%d:opened", c.id),
			// Email only where it matters: strategic accounts and critical risk.
			Email: strategic || c.severity == "CRITICAL",
		})
	}
	if _, err := notify.Enqueue(ctx, w.tx, msgs...); err != nil {
		return 0, fmt.Errorf("error notifying owners of opened churn alerts: %w", err)
	}
	return len(opened), nil
}

// update refreshes open alerts whose level or signals changed with this
// scan's assessment, audits the change, and tells the owners of the ones
// whose level went up (raised).
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
	result, err := w.tx.Query(ctx, `
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
			RETURNING c.id, c.account_id, c.owner_id, c.severity, c.risk_score,
			          jsonb_path_query_array(c.signals, '$[*].code') AS codes, c.response_due_at, c.account_class
		), audited AS (
			INSERT INTO audit_events (occurred_at, actor_kind, actor_label, entity_type, entity_id, action, before, after, reason)
			SELECT now(), $8, $9, 'ChurnAlert', n.id, 'churn_alert.reassess',
			       jsonb_build_object('severity', b.severity, 'risk_score', b.risk_score, 'signals', b.codes),
			       jsonb_build_object('severity', n.severity, 'risk_score', n.risk_score, 'signals', n.codes,
			                          'as_of', $6::timestamptz),
			       'churn scan'
			FROM updated n JOIN before b ON b.id = n.id
		)
		SELECT o.id, o.owner_id, o.severity, o.risk_score, o.codes, o.response_due_at, o.account_class, a.name, ''
		FROM updated o JOIN accounts a ON a.id = o.account_id
		WHERE o.owner_id IS NOT NULL AND o.id = ANY($10)`,
		ids, severities, scores, signals, explanations, w.asOf, classes, actorKind, actorLabel, raised)
	if err != nil {
		return fmt.Errorf("error updating churn alerts: %w", err)
	}
	up, err := collectChanged(result)
	if err != nil {
		return fmt.Errorf("error updating churn alerts: %w", err)
	}
	msgs := make([]notify.Message, len(up))
	for i, c := range up {
		msgs[i] = notify.Message{
			RecipientID: *c.ownerID,
			Kind:        "churn_alert.raised",
			Title:       fmt.Sprintf("流失预警升级（%s）：%s", severityZH(c.severity), c.accountName),
			Body:        fmt.Sprintf("Churn risk of %s rose to %s (score %d): %s.", c.accountName, strings.ToLower(c.severity), int(c.score), signalLabels(c.codes)),
			EntityType:  "ChurnAlert",
			EntityID:    c.id,
			DedupKey:    fmt.Sprintf("churn_alert:%d:level:%s", c.id, c.severity),
		}
	}
	if _, err := notify.Enqueue(ctx, w.tx, msgs...); err != nil {
		return fmt.Errorf("error notifying owners of raised churn alerts: %w", err)
	}
	return nil
}

// resolve closes alerts whose signals cleared (or duplicates), audited, and
// tells their owners.
func (w *writer) resolve(ctx context.Context, ids []int, notes []string) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	result, err := w.tx.Query(ctx, `
		WITH resolved AS (
			UPDATE churn_alerts c
			SET status = 'RESOLVED', outcome = 'SIGNALS_CLEARED', outcome_note = u.note, resolved_at = $3,
			    last_evaluated_at = $3, updated_at = now()
			FROM unnest($1::bigint[], $2::text[]) AS u(id, note)
			WHERE c.id = u.id AND c.status IN `+openStatusesSQL+`
			RETURNING c.id, c.account_id, c.owner_id, c.severity, c.risk_score,
			          jsonb_path_query_array(c.signals, '$[*].code') AS codes, c.response_due_at, c.account_class, u.note
		), audited AS (
			INSERT INTO audit_events (occurred_at, actor_kind, actor_label, entity_type, entity_id, action, before, after, reason)
			SELECT now(), $4, $5, 'ChurnAlert', r.id, 'churn_alert.resolve',
			       jsonb_build_object('status', 'OPEN'),
			       jsonb_build_object('status', 'RESOLVED', 'outcome', 'SIGNALS_CLEARED', 'as_of', $3::timestamptz),
			       r.note
			FROM resolved r
		)
		SELECT r.id, r.owner_id, r.severity, r.risk_score, r.codes, r.response_due_at, r.account_class, a.name, r.note
		FROM resolved r JOIN accounts a ON a.id = r.account_id`, ids, notes, w.asOf, actorKind, actorLabel)
	if err != nil {
		return 0, fmt.Errorf("error resolving churn alerts: %w", err)
	}
	resolved, err := collectChanged(result)
	if err != nil {
		return 0, fmt.Errorf("error resolving churn alerts: %w", err)
	}
	msgs := make([]notify.Message, 0, len(resolved))
	for _, c := range resolved {
		if c.ownerID == nil {
			continue
		}
		msgs = append(msgs, notify.Message{
			RecipientID: *c.ownerID,
			Kind:        "churn_alert.cleared",
			Title:       "流失预警已解除：" + c.accountName,
			Body:        fmt.Sprintf("The churn alert on %s closed: %s.", c.accountName, c.note),
			EntityType:  "ChurnAlert",
			EntityID:    c.id,
			DedupKey:    fmt.Sprintf("churn_alert:%d:cleared", c.id),
		})
	}
	if _, err := notify.Enqueue(ctx, w.tx, msgs...); err != nil {
		return 0, fmt.Errorf("error notifying owners of cleared churn alerts: %w", err)
	}
	return len(resolved), nil
}

// severityZH names a stored severity in Chinese.
func severityZH(severity string) string {
	switch severity {
	case "CRITICAL":
		return "极高"
	case "HIGH":
		return "高"
	case "MEDIUM":
		return "中"
	}
	return "低"
}

// signalLabels lists signal codes by their English labels.
func signalLabels(codes []string) string {
	labels := make([]string, len(codes))
	for i, c := range codes {
		labels[i] = churn.SignalCode(c).Label()
	}
	return strings.Join(labels, ", ")
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
