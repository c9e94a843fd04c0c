package churnscan

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/notify"
)

// EscalationResult counts what one escalation run did.
type EscalationResult struct {
	ToSponsor int
	ToManager int
	// NoRecipient counts steps taken with nobody to tell (no sponsor and no
	// manager on record); they are recorded so the gap shows in the audit.
	NoRecipient int
}

// escalationCandidate is an open, unacknowledged strategic alert.
type escalationCandidate struct {
	id, accountID, level int
	class                string
	due                  time.Time
	escalatedAt          *time.Time
	ownerID              *int
	sponsorID, managerID *int
	accountName          string
	severity             string
}

// Escalate takes the next escalation step of every unacknowledged S or A
// churn alert whose deadline (or the sponsor's response period) has passed
// at now: first the account's executive sponsor (team role), then the
// owner's line manager; an account without a sponsor goes straight to the
// manager. Each step is recorded on the alert (status ESCALATED, level,
// recipient, time), audited and notified in-app and by email, in one
// transaction; rows locked by another node are skipped, so two nodes never
// take the same step twice.
func (s *Service) Escalate(ctx context.Context, now time.Time) (EscalationResult, error) {
	var res EscalationResult
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return res, fmt.Errorf("error beginning churn escalation: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit
	rows, err := tx.Query(ctx, `
		SELECT c.id, c.account_id, c.escalation_level, c.account_class, c.response_due_at, c.escalated_at, c.owner_id,
		       (SELECT m.user_id FROM account_team_members m
		        WHERE m.account_id = c.account_id AND m.role = 'EXECUTIVE_SPONSOR' ORDER BY m.id LIMIT 1),
		       (SELECT u.manager_id FROM users u WHERE u.id = c.owner_id),
		       a.name, c.severity
		FROM churn_alerts c JOIN accounts a ON a.id = c.account_id
		WHERE c.status IN ('OPEN', 'ESCALATED') AND c.acknowledged_at IS NULL
		  AND c.account_class IN ('S', 'A') AND c.escalation_level < $2
		  AND c.response_due_at < $1
		ORDER BY c.id
		FOR UPDATE OF c SKIP LOCKED`, now, churn.LevelManager)
	if err != nil {
		return res, fmt.Errorf("error finding alerts to escalate: %w", err)
	}
	candidates, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (escalationCandidate, error) {
		var c escalationCandidate
		err := row.Scan(&c.id, &c.accountID, &c.level, &c.class, &c.due, &c.escalatedAt, &c.ownerID,
			&c.sponsorID, &c.managerID, &c.accountName, &c.severity)
		return c, err
	})
	if err != nil {
		return res, fmt.Errorf("error reading alerts to escalate: %w", err)
	}
	responseDays, err := loadResponseDays(ctx, tx, s.cfg.Model)
	if err != nil {
		return res, err
	}
	for _, c := range candidates {
		state := churn.EscalationState{
			Class: churn.Class(c.class), Deadline: c.due, Level: c.level,
			ResponseDays: responseDays.For(churn.Class(c.class)),
		}
		if c.escalatedAt != nil {
			state.EscalatedAt = *c.escalatedAt
		}
		step := churn.NextEscalation(state, now)
		if step == churn.EscalateNone {
			continue
		}
		recipient, level, role := c.sponsorID, churn.LevelSponsor, "executive_sponsor"
		if step == churn.EscalateToManager || c.sponsorID == nil {
			// Without a sponsor the manager is the next person who can act.
			recipient, level, role = c.managerID, churn.LevelManager, "owner_manager"
		}
		if err := escalateOne(ctx, tx, c, now, recipient, level, role); err != nil {
			return res, err
		}
		switch {
		case recipient == nil:
			res.NoRecipient++
		case level == churn.LevelSponsor:
			res.ToSponsor++
		default:
			res.ToManager++
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return res, fmt.Errorf("error committing churn escalation: %w", err)
	}
	if n := res.ToSponsor + res.ToManager + res.NoRecipient; n > 0 {
		s.cfg.Logger.InfoContext(ctx, "churn alerts escalated", "to_sponsor", res.ToSponsor, "to_manager", res.ToManager,
			"no_recipient", res.NoRecipient)
	}
	return res, nil
}

func escalateOne(ctx context.Context, tx pgx.Tx, c escalationCandidate, now time.Time, recipient *int, level int, role string) error {
	before, _ := json.Marshal(map[string]any{"escalation_level": c.level, "escalated_at": c.escalatedAt})
	after, _ := json.Marshal(map[string]any{
		"status": "ESCALATED", "escalation_level": level, "escalated_to_id": recipient, "escalated_at": now,
		"recipient_role": role, "response_due_at": c.due,
	})
	reason := fmt.Sprintf("unacknowledged %s-class alert past its response deadline; escalated to the %s", c.class,
		map[string]string{"executive_sponsor": "executive sponsor", "owner_manager": "owner's manager"}[role])
	if recipient == nil {
		reason += " (none on record: nobody could be told)"
	}
	if _, err := tx.Exec(ctx, `
		UPDATE churn_alerts SET status = 'ESCALATED', escalation_level = $2, escalated_to_id = $3, escalated_at = $4, updated_at = now()
		WHERE id = $1`, c.id, level, recipient, now); err != nil {
		return fmt.Errorf("error escalating churn alert %d: %w", c.id, err)
	}
	if _, err := tx.Exec(ctx, `
		INSERT INTO audit_events (occurred_at, actor_kind, actor_label, entity_type, entity_id, action, before, after, reason)
		VALUES (now(), $1, $2, 'ChurnAlert', $3, 'churn_alert.escalate', $4, $5, $6)`,
		actorKind, actorLabel, c.id, before, after, reason); err != nil {
		return fmt.Errorf("error auditing escalation of churn alert %d: %w", c.id, err)
	}
	if recipient == nil {
		return nil
	}
	who := map[string]string{"executive_sponsor": "as its executive sponsor", "owner_manager": "as the owner's manager"}[role]
	_, err := notify.Enqueue(ctx, tx, notify.Message{
		RecipientID: *recipient,
		Kind:        "churn_alert.escalated",
		Title:       fmt.Sprintf("流失预警升级至您：%s（%s类客户，逾期未响应）", c.accountName, c.class),
		Body: fmt.Sprintf("The %s churn alert on %s (class %s) was not acknowledged by its deadline %s; it is escalated to you %s.",
			c.severity, c.accountName, c.class, c.due.UTC().Format("2006-01-02 15:04 UTC"), who),
		EntityType: "ChurnAlert",
		EntityID:   c.id,
		DedupKey:   fmt.Sprintf("churn_alert:%d:escalated:%d", c.id, level),
		Email:      true,
	})
	if err != nil {
		return fmt.Errorf("error notifying escalation of churn alert %d: %w", c.id, err)
	}
	return nil
}
