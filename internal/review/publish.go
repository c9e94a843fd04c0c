package review

import (
	"context"
	"fmt"

	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/refusal"
)

// Publish applies the classes of a PUBLISHING cycle, all in one transaction,
// so a crash leaves either nothing or everything done (and the status
// PUBLISHED, which makes a re-run a no-op):
//
//   - each result's final class: the proposal, or for a REJECTED result the
//     previous class;
//   - one class_assignments row per applied result (history: class, score,
//     level, explanation, model version, cycle, approver), unique per
//     (cycle, account);
//   - for accounts whose class changes: a class.change audit event
//     attributed to whoever asked to publish, an in-app notification to the
//     owner (dedup key review:<cycle>:account:<id>, so it is sent once), and
//     accounts.current_class;
//   - the terms of the new class's policy (terms.go) and the model's level
//     (level.go), each audited.
func (s *Service) Publish(ctx context.Context, args jobargs.ReviewPublish) error {
	tx, err := s.Pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("error publishing review cycle %d: %w", args.CycleID, err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck
	c, err := loadCycle(ctx, tx, args.CycleID, true)
	if refusal.Is(err, refusal.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if c.Status != StatusPublishing {
		return tx.Commit(ctx)
	}
	actorKind, actorLabel := "SYSTEM", "system:worker:review"
	var actorID *int
	if args.ActorID != 0 {
		actorKind, actorLabel, actorID = "USER", args.ActorLabel, &args.ActorID
	}
	reason := "review cycle " + c.Name

	audited := []any{c.ID, actorKind, actorLabel, actorID, reason, args.RequestID}
	steps := []publishStep{
		{"final classes", `
			UPDATE review_results
			SET final_class = CASE WHEN status = 'REJECTED' THEN previous_class ELSE proposed_class END,
			    status = CASE WHEN status = 'REJECTED' THEN 'REJECTED' ELSE 'PUBLISHED' END,
			    updated_at = now()
			WHERE cycle_id = $1 AND status IN ('PROPOSED', 'APPROVED', 'REJECTED')`, []any{c.ID}},
		{"audit events", `
			INSERT INTO audit_events (occurred_at, actor_kind, actor_label, actor_id, entity_type, entity_id, action,
			                          before, after, reason, request_id)
			SELECT now(), $2, $3, $4, 'Account', a.id, 'class.change',
			       jsonb_build_object('class', a.current_class, 'level', a.current_level),
			       jsonb_build_object('class', r.final_class, 'review_cycle_id', r.cycle_id, 'model_version_id', $5::bigint,
			                          'level', r.level_label, 'score', r.score),
			       $6, $7
			FROM review_results r JOIN accounts a ON a.id = r.account_id
			WHERE r.cycle_id = $1 AND r.status = 'PUBLISHED' AND a.current_class IS DISTINCT FROM r.final_class`,
			[]any{c.ID, actorKind, actorLabel, actorID, c.ModelVersionID, reason, args.RequestID}},
		{"notifications", `
			INSERT INTO notifications (created_at, updated_at, recipient_id, channel, kind, title, body,
			                           entity_type, entity_id, dedup_key, sent_at)
			SELECT now(), now(), a.owner_id, 'IN_APP', 'class.changed',
			       left(format('客户分级调整：%s %s → %s', a.name, coalesce(a.current_class, '未分级'), r.final_class), 300),
			       format('%s moved from %s to %s in %s.', a.name, coalesce(a.current_class, 'unclassified'), r.final_class, $2::text),
			       'Account', a.id, format('review:%s:account:%s', r.cycle_id, a.id), now()
			FROM review_results r JOIN accounts a ON a.id = r.account_id
			WHERE r.cycle_id = $1 AND r.status = 'PUBLISHED' AND a.owner_id IS NOT NULL
			  AND a.current_class IS DISTINCT FROM r.final_class
			ON CONFLICT (dedup_key) DO NOTHING`, []any{c.ID, reason}},
		{"class history", `
			INSERT INTO class_assignments (created_at, updated_at, account_id, class, previous_class, level_label, score,
			                               explanation, source, model_version_id, review_cycle_id, reason,
			                               approval_status, approved_by_id, approved_at, effective_at)
			SELECT now(), now(), r.account_id, r.final_class, a.current_class, r.level_label, r.score,
			       r.explanation, 'MODEL', $2, r.cycle_id, $3,
			       CASE WHEN r.decided_at IS NULL THEN 'NOT_REQUIRED' ELSE 'APPROVED' END, r.decided_by_id, r.decided_at, now()
			FROM review_results r JOIN accounts a ON a.id = r.account_id
			WHERE r.cycle_id = $1 AND r.status = 'PUBLISHED'
			ON CONFLICT (review_cycle_id, account_id) DO NOTHING`, []any{c.ID, c.ModelVersionID, reason}},
	}
	// Terms and levels read the classes before they change.
	steps = append(steps, termsSteps(audited)...)
	steps = append(steps, levelSteps(audited)...)
	steps = append(steps, []publishStep{
		{"current classes", `
			UPDATE accounts a SET current_class = r.final_class, updated_at = now()
			FROM review_results r
			WHERE r.cycle_id = $1 AND r.status = 'PUBLISHED' AND r.account_id = a.id
			  AND a.current_class IS DISTINCT FROM r.final_class`, []any{c.ID}},
	}...)
	counts := map[string]int64{}
	for _, step := range steps {
		tag, err := tx.Exec(ctx, step.sql, step.args...)
		if err != nil {
			return fmt.Errorf("error publishing review cycle %d (%s): %w", c.ID, step.what, err)
		}
		counts[step.what] = tag.RowsAffected()
	}
	if _, err := tx.Exec(ctx, `
		UPDATE review_cycles
		SET status = 'PUBLISHED', published_at = now(), updated_at = now(),
		    stats = coalesce(stats, '{}'::jsonb) || jsonb_build_object('published', jsonb_build_object(
		        'applied', $2::bigint, 'changed', $3::bigint, 'notified', $4::bigint))
		WHERE id = $1`, c.ID, counts["class history"], counts["current classes"], counts["notifications"]); err != nil {
		return fmt.Errorf("error publishing review cycle %d: %w", c.ID, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("error publishing review cycle %d: %w", c.ID, err)
	}
	s.logger().InfoContext(ctx, "review cycle published", "cycle_id", c.ID, "name", c.Name,
		"applied", counts["class history"], "changed", counts["current classes"], "notified", counts["notifications"])
	return nil
}

// publishStep is one statement of Publish.
type publishStep struct {
	what string
	sql  string
	args []any
}
