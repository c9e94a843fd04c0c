package partners

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/txn"
	"github.com/summitkam/summit/internal/viewer"
)

// DefaultChunkSize is how many partners one re-evaluation transaction
// handles.
const DefaultChunkSize = 1000

// RunInput is one periodic (or on-demand) re-evaluation.
type RunInput struct {
	// RunKey names the run, e.g. "2026-H2": one evaluation per partner and
	// key. Required.
	RunKey string
	// GraceDays is how long probation lasts. Defaults to DefaultGraceDays.
	GraceDays int
	// ProbationOnly limits the run to partners whose probation is over
	// (the daily sweep); otherwise every partner is re-evaluated.
	ProbationOnly bool
	// ChunkSize is the most partners per transaction. Defaults to
	// DefaultChunkSize.
	ChunkSize int
	// ActorID and ActorLabel name who started the run in the audit trail;
	// zero and empty for the schedule (the system).
	ActorID    int
	ActorLabel string
}

// RunResult counts what a run wrote. A re-run of the same key writes
// nothing and counts nothing.
type RunResult struct {
	// Evaluated is the number of partners looked at.
	Evaluated int
	// ByTier counts the evaluations written by the tier held ("" for none)
	// and proposal.
	ByTier map[string]map[Proposal]int
	// ProbationStarted and ProbationCleared count partners put on and taken
	// off probation.
	ProbationStarted, ProbationCleared int
	Notified                           int
}

// Written is the number of evaluations the run wrote.
func (r RunResult) Written() int {
	n := 0
	for _, byProposal := range r.ByTier {
		for _, c := range byProposal {
			n += c
		}
	}
	return n
}

func (r *RunResult) add(tier string, p Proposal) {
	if r.ByTier == nil {
		r.ByTier = map[string]map[Proposal]int{}
	}
	if r.ByTier[tier] == nil {
		r.ByTier[tier] = map[Proposal]int{}
	}
	r.ByTier[tier][p]++
}

// ValidateRunKey checks a run key: 1–64 characters of letters, digits, '-'
// and '_', e.g. 2026-H2 or manual-2026-11-01.
func ValidateRunKey(key string) error {
	if !runKeyPattern.MatchString(key) {
		return refusal.Invalidf("runKey", "a run key is 1–64 letters, digits, '-' or '_', e.g. 2026-H2")
	}
	return nil
}

var runKeyPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// RunDone reports whether a run of key has completed (its completion is
// recorded in the audit trail), so a scheduled run that starts again in the
// same period, on this node or another, is skipped.
func RunDone(ctx context.Context, pool *pgxpool.Pool, key string) (bool, error) {
	var done bool
	err := pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM audit_events
		WHERE entity_type = 'PartnerReevaluation' AND action = 'partner.reevaluation' AND after->>'run_key' = $1)`, key).Scan(&done)
	if err != nil {
		return false, fmt.Errorf("error checking re-evaluation %s: %w", key, err)
	}
	return done, nil
}

// Reevaluate re-evaluates partners in chunks of ChunkSize, one transaction
// per chunk, with the system's authority (it is a job, not a request):
//
//   - each chunk locks its partner rows (FOR UPDATE), reads their figures
//     with performance rolled up the chain, and plans each partner's step
//     (see Plan);
//   - it inserts the evaluations with ON CONFLICT (partner, run key) DO
//     NOTHING, and changes only the partners whose evaluation it inserted:
//     probation started or cleared. A retry, or a second node running the
//     same key, finds the evaluations and changes nothing;
//   - audit events and the partner managers' notifications (dedup key per
//     evaluation and recipient) are written in the same transaction.
//
// The completion of a run is recorded in the audit trail (RunDone).
func (s Service) Reevaluate(ctx context.Context, pool *pgxpool.Pool, in RunInput) (RunResult, error) {
	var res RunResult
	if err := ValidateRunKey(in.RunKey); err != nil {
		return res, err
	}
	if in.GraceDays <= 0 {
		in.GraceDays = DefaultGraceDays
	}
	if in.ChunkSize <= 0 {
		in.ChunkSize = DefaultChunkSize
	}
	now := s.now()
	today := Day(now)
	ladder, err := loadLadderPgx(ctx, pool)
	if err != nil {
		return res, err
	}
	after := 0
	for {
		last, err := s.reevaluateChunk(ctx, pool, ladder, in, after, now, &res)
		if err != nil {
			return res, err
		}
		if last == 0 {
			break
		}
		after = last
	}
	if in.ProbationOnly && res.Written() == 0 {
		return res, nil // a quiet day of the probation sweep leaves no trace
	}
	actor := newActor(in)
	counts, _ := json.Marshal(res.ByTier)
	if _, err := pool.Exec(ctx, `
		INSERT INTO audit_events (occurred_at, actor_kind, actor_label, actor_id, entity_type, entity_id, action, after, reason, request_id)
		VALUES (now(), $1, $2, $3, 'PartnerReevaluation', 0, 'partner.reevaluation',
		        jsonb_build_object('run_key', $4::text, 'as_of', $5::date, 'evaluated', $6::bigint, 'written', $7::bigint,
		                           'probation_only', $8::bool, 'by_tier', $9::jsonb), $10, '')`,
		actor.kind, actor.label, actor.id, in.RunKey, today, res.Evaluated, res.Written(), in.ProbationOnly, string(counts),
		"partner re-evaluation "+in.RunKey); err != nil {
		return res, fmt.Errorf("error recording re-evaluation %s: %w", in.RunKey, err)
	}
	return res, nil
}

type actor struct {
	kind, label string
	id          *int
}

func newActor(in RunInput) actor {
	if in.ActorID != 0 {
		id := in.ActorID
		return actor{kind: "USER", label: in.ActorLabel, id: &id}
	}
	return actor{kind: "SYSTEM", label: "system:worker:partners"}
}

// plannedStep is one partner's step with what its evaluation records.
type plannedStep struct {
	Step
	profileID   int
	name        string
	current     *Tier
	supported   *Tier
	inputs      string
	explanation string
	onProbation bool
}

// reevaluateChunk handles the partners after id after; it returns the last
// id handled, 0 when there were none.
func (s Service) reevaluateChunk(ctx context.Context, pool *pgxpool.Pool, ladder Ladder, in RunInput, after int, now time.Time, res *RunResult) (int, error) {
	today := Day(now)
	tx, err := pool.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("error starting a re-evaluation chunk: %w", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // a no-op after commit

	// Lock the chunk's partners: a decision or a second node waits, and
	// what is read below is what the evaluations are based on.
	rows, err := tx.Query(ctx, `
		SELECT p.id, a.name FROM partner_profiles p JOIN accounts a ON a.id = p.account_id
		WHERE p.id > $1 AND (NOT $2::bool OR (p.on_probation AND p.probation_until <= $3::date))
		ORDER BY p.id LIMIT $4
		FOR UPDATE OF p`, after, in.ProbationOnly, today, in.ChunkSize)
	if err != nil {
		return 0, fmt.Errorf("error locking partners after %d: %w", after, err)
	}
	var ids []int64
	names := map[int]string{}
	for rows.Next() {
		var id int
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return 0, fmt.Errorf("error locking partners after %d: %w", after, err)
		}
		ids = append(ids, int64(id))
		names[id] = name
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("error locking partners after %d: %w", after, err)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	last := int(ids[len(ids)-1])

	rows, err = tx.Query(ctx, figuresSQL, ids)
	if err != nil {
		return 0, fmt.Errorf("error reading partner figures: %w", err)
	}
	var steps []plannedStep
	for rows.Next() {
		r, err := scanPartnerRow(rows.Scan)
		if err != nil {
			rows.Close()
			return 0, fmt.Errorf("error reading partner figures: %w", err)
		}
		p := progressOf(ladder, r)
		standing := Partner{Current: p.Current, Supported: p.Evaluation.Supported, OnProbation: r.OnProbation}
		if r.ProbationUntil != nil {
			standing.ProbationUntil = *r.ProbationUntil
		}
		step, ok := Plan(standing, in.RunKey, today, in.GraceDays)
		res.Evaluated++
		if !ok {
			continue
		}
		inputs, explanation, err := evaluationDocs(p)
		if err != nil {
			rows.Close()
			return 0, err
		}
		steps = append(steps, plannedStep{Step: step, profileID: r.ID, name: names[r.ID], current: p.Current,
			supported: p.Evaluation.Supported, inputs: string(inputs), explanation: string(explanation), onProbation: r.OnProbation})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("error reading partner figures: %w", err)
	}
	if len(steps) == 0 {
		return last, tx.Commit(ctx)
	}

	written, err := insertEvaluations(ctx, tx, steps, now)
	if err != nil {
		return 0, err
	}
	// Only the partners whose evaluation this chunk inserted change.
	var done []plannedStep
	for _, st := range steps {
		if _, ok := written[st.profileID]; ok {
			done = append(done, st)
		}
	}
	if err := applySteps(ctx, tx, done, today); err != nil {
		return 0, err
	}
	if err := auditSteps(ctx, tx, done, written, newActor(in), in.RunKey); err != nil {
		return 0, err
	}
	notified, err := notifySteps(ctx, tx, done, written)
	if err != nil {
		return 0, err
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, fmt.Errorf("error committing a re-evaluation chunk: %w", err)
	}
	for _, st := range done {
		code := ""
		if st.current != nil {
			code = st.current.Code
		}
		res.add(code, st.Proposal)
		if st.StartProbation {
			res.ProbationStarted++
		}
		if st.ClearProbation {
			res.ProbationCleared++
		}
	}
	res.Notified += notified
	return last, nil
}

// insertEvaluations writes one evaluation per step unless the partner has
// one under the step's run key; it returns the new evaluations' ids by
// partner.
func insertEvaluations(ctx context.Context, tx pgx.Tx, steps []plannedStep, now time.Time) (map[int]int, error) {
	n := len(steps)
	var (
		pids                     = make([]int64, n)
		prev, sugg, decided      = make([]*int64, n), make([]*int64, n), make([]*int64, n)
		inputs, expl             = make([]string, n), make([]string, n)
		status, kind, prop, keys = make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		reasons                  = make([]string, n)
		probation, needsExec     = make([]bool, n), make([]bool, n)
		applied                  = make([]bool, n)
	)
	for i, st := range steps {
		pids[i] = int64(st.profileID)
		prev[i], sugg[i] = tierID(st.current), tierID(st.supported)
		inputs[i], expl[i] = st.inputs, st.explanation
		status[i] = "DRAFT"
		if st.Applied {
			status[i], decided[i] = "APPLIED", tierID(st.current)
		}
		kind[i], prop[i], keys[i], reasons[i] = st.Kind, string(st.Proposal), st.RunKey, st.Reason
		probation[i] = st.StartProbation || (st.onProbation && !st.ClearProbation)
		needsExec[i] = st.Proposal == ProposeUpgrade && st.supported.NeedsExecutiveApproval()
		applied[i] = st.Applied
	}
	rows, err := tx.Query(ctx, `
		INSERT INTO tier_evaluations (created_at, updated_at, partner_profile_id, previous_tier_id, suggested_tier_id,
		                              decided_tier_id, inputs, explanation, status, probation, kind, proposal, run_key,
		                              requires_executive_approval, reason, evaluated_at, decided_at, applied_at)
		SELECT $1, $1, x.pid, x.prev, x.sugg, x.decided, x.inputs::jsonb, x.expl::jsonb, x.status, x.probation, x.kind,
		       x.prop, x.key, x.needs_exec, x.reason, $1,
		       CASE WHEN x.applied THEN $1::timestamptz END, CASE WHEN x.applied THEN $1::timestamptz END
		FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[],
		            $9::bool[], $10::text[], $11::text[], $12::text[], $13::bool[], $14::text[], $15::bool[])
		     AS x(pid, prev, sugg, decided, inputs, expl, status, probation, kind, prop, key, needs_exec, reason, applied)
		ON CONFLICT (partner_profile_id, run_key) WHERE ((run_key IS NOT NULL) AND ((run_key)::text <> ''::text)) DO NOTHING
		RETURNING id, partner_profile_id`,
		now, pids, prev, sugg, decided, inputs, expl, status, probation, kind, prop, keys, needsExec, reasons, applied)
	if err != nil {
		return nil, fmt.Errorf("error writing re-evaluations: %w", err)
	}
	defer rows.Close()
	out := map[int]int{}
	for rows.Next() {
		var id, pid int
		if err := rows.Scan(&id, &pid); err != nil {
			return nil, fmt.Errorf("error writing re-evaluations: %w", err)
		}
		out[pid] = id
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("error writing re-evaluations: %w", err)
	}
	return out, nil
}

// applySteps puts partners on probation or takes them off it.
func applySteps(ctx context.Context, tx pgx.Tx, steps []plannedStep, today time.Time) error {
	var start, recovered []int64
	var until []time.Time
	for _, st := range steps {
		switch {
		case st.StartProbation:
			start = append(start, int64(st.profileID))
			until = append(until, st.ProbationUntil)
		case st.ClearProbation:
			recovered = append(recovered, int64(st.profileID))
		}
	}
	if len(start) > 0 {
		if _, err := tx.Exec(ctx, `
			UPDATE partner_profiles p SET on_probation = true, probation_started_on = $3, probation_until = x.until, updated_at = now()
			FROM unnest($1::bigint[], $2::date[]) AS x(id, until) WHERE p.id = x.id`, start, until, today); err != nil {
			return fmt.Errorf("error starting probations: %w", err)
		}
	}
	if len(recovered) > 0 {
		if _, err := tx.Exec(ctx, `
			UPDATE partner_profiles SET on_probation = false, probation_started_on = NULL, probation_until = NULL, updated_at = now()
			WHERE id = ANY($1::bigint[])`, recovered); err != nil {
			return fmt.Errorf("error clearing probations: %w", err)
		}
	}
	return nil
}

// auditSteps records each new evaluation (tier_evaluation.propose) and each
// probation started or cleared (on the partner profile).
func auditSteps(ctx context.Context, tx pgx.Tx, steps []plannedStep, written map[int]int, a actor, runKey string) error {
	var (
		entityTypes, actions, befores, afters, reasons []string
		entityIDs                                      []int64
	)
	add := func(entityType string, id int, action string, before, after map[string]any, reason string) error {
		b, err := json.Marshal(before)
		if err != nil {
			return err
		}
		f, err := json.Marshal(after)
		if err != nil {
			return err
		}
		entityTypes, entityIDs, actions = append(entityTypes, entityType), append(entityIDs, int64(id)), append(actions, action)
		befores, afters, reasons = append(befores, string(b)), append(afters, string(f)), append(reasons, reason)
		return nil
	}
	for _, st := range steps {
		evID := written[st.profileID]
		if err := add("TierEvaluation", evID, "tier_evaluation.propose", nil, map[string]any{
			"partner_profile_id": st.profileID, "kind": st.Kind, "proposal": st.Proposal, "run_key": runKey,
			"current_tier": tierCode(st.current), "suggested_tier": tierCode(st.supported),
		}, st.Reason); err != nil {
			return fmt.Errorf("error encoding an audit event: %w", err)
		}
		switch {
		case st.StartProbation:
			if err := add("PartnerProfile", st.profileID, "partner.probation_started",
				map[string]any{"on_probation": false},
				map[string]any{"on_probation": true, "probation_until": st.ProbationUntil.Format(time.DateOnly), "tier_evaluation_id": evID},
				st.Reason); err != nil {
				return fmt.Errorf("error encoding an audit event: %w", err)
			}
		case st.ClearProbation:
			if err := add("PartnerProfile", st.profileID, "partner.probation_cleared",
				map[string]any{"on_probation": true},
				map[string]any{"on_probation": false, "tier_evaluation_id": evID}, st.Reason); err != nil {
				return fmt.Errorf("error encoding an audit event: %w", err)
			}
		}
	}
	if len(actions) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `
		INSERT INTO audit_events (occurred_at, actor_kind, actor_label, actor_id, entity_type, entity_id, action, before, after, reason, request_id)
		SELECT now(), $1, $2, $3, x.et, x.eid, x.action, nullif(x.before, 'null')::jsonb, x.after::jsonb, x.reason, ''
		FROM unnest($4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[]) AS x(et, eid, action, before, after, reason)`,
		a.kind, a.label, a.id, entityTypes, entityIDs, actions, befores, afters, reasons); err != nil {
		return fmt.Errorf("error auditing re-evaluations: %w", err)
	}
	return nil
}

// notifySteps tells each partner's manager (or, when it has none, the
// partner managers of its region) about each new evaluation, in-app, once
// per evaluation and recipient.
func notifySteps(ctx context.Context, tx pgx.Tx, steps []plannedStep, written map[int]int) (int, error) {
	n := len(steps)
	if n == 0 {
		return 0, nil
	}
	evIDs, titles, bodies, kinds := make([]int64, n), make([]string, n), make([]string, n), make([]string, n)
	for i, st := range steps {
		evIDs[i] = int64(written[st.profileID])
		titles[i], bodies[i] = stepText(st)
		kinds[i] = "tier." + strings.ToLower(string(st.Proposal))
		if st.Kind == KindProbationEnd {
			kinds[i] = "tier.probation_end"
		}
	}
	tag, err := tx.Exec(ctx, `
		INSERT INTO notifications (created_at, updated_at, recipient_id, channel, kind, title, body, entity_type, entity_id, dedup_key, sent_at)
		SELECT now(), now(), r.user_id, 'IN_APP', x.kind, left(x.title, 300), x.body, 'TierEvaluation', x.eid,
		       format('tier_evaluation:%s:pm:%s', x.eid, r.user_id), now()
		FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS x(eid, kind, title, body)
		JOIN tier_evaluations e ON e.id = x.eid
		JOIN partner_profiles p ON p.id = e.partner_profile_id
		JOIN accounts a ON a.id = p.account_id
		JOIN LATERAL (
			SELECT p.partner_manager_id AS user_id WHERE p.partner_manager_id IS NOT NULL
			UNION
			SELECT ra.user_id FROM role_assignments ra
			WHERE p.partner_manager_id IS NULL AND ra.role = 'PARTNER_MANAGER' AND (ra.region IS NULL OR ra.region = a.region)
		) r ON true
		ON CONFLICT (dedup_key) DO NOTHING`, evIDs, kinds, titles, bodies)
	if err != nil {
		return 0, fmt.Errorf("error notifying partner managers: %w", err)
	}
	return int(tag.RowsAffected()), nil
}

// stepText is a step's notification: title in zh-CN, body in English.
func stepText(st plannedStep) (title, body string) {
	name := st.name
	switch {
	case st.StartProbation:
		return fmt.Sprintf("渠道考察期：%s 未达到%s标准，考察期至 %s", name, tierNameZH(st.current), st.ProbationUntil.Format(time.DateOnly)),
			fmt.Sprintf("%s no longer meets the minimums of %s and is on probation until %s; if still below then, it is proposed for a downgrade.",
				name, tierNameEN(st.current), st.ProbationUntil.Format(time.DateOnly))
	case st.Proposal == ProposeDowngrade:
		return fmt.Sprintf("渠道降级建议：%s %s → %s（考察期结束）", name, tierNameZH(st.current), tierNameZH(st.supported)),
			fmt.Sprintf("Probation of %s has ended with its figures still below %s; a downgrade to %s awaits your decision.",
				name, tierNameEN(st.current), tierNameEN(st.supported))
	case st.Proposal == ProposeUpgrade:
		return fmt.Sprintf("渠道升级建议：%s %s → %s", name, tierNameZH(st.current), tierNameZH(st.supported)),
			fmt.Sprintf("The figures of %s support %s (it holds %s); the upgrade awaits your decision.",
				name, tierNameEN(st.supported), tierNameEN(st.current))
	}
	return fmt.Sprintf("渠道考察期结束：%s 已恢复%s标准", name, tierNameZH(st.current)),
		fmt.Sprintf("%s meets the minimums of %s again and is off probation.", name, tierNameEN(st.current))
}

func tierID(t *Tier) *int64 {
	if t == nil {
		return nil
	}
	id := int64(t.ID)
	return &id
}

// loadLadderPgx reads the ladder with the worker's pool.
func loadLadderPgx(ctx context.Context, pool *pgxpool.Pool) (Ladder, error) {
	rows, err := pool.Query(ctx, `
		SELECT t.id, t.rank, t.code, t.name, t.name_en, r.criterion, coalesce(r.custom_code, ''), coalesce(r.label, ''),
		       coalesce(r.evidence_required, false), r.min_value
		FROM partner_tiers t LEFT JOIN tier_requirements r ON r.tier_id = t.id
		ORDER BY t.rank, r.id`)
	if err != nil {
		return Ladder{}, fmt.Errorf("error loading the tier ladder: %w", err)
	}
	defer rows.Close()
	var l Ladder
	for rows.Next() {
		var t Tier
		var criterion *string
		var r Requirement
		var minValue *int64
		if err := rows.Scan(&t.ID, &t.Rank, &t.Code, &t.Name, &t.NameEN, &criterion, &r.CustomCode, &r.Label, &r.EvidenceRequired, &minValue); err != nil {
			return Ladder{}, fmt.Errorf("error loading the tier ladder: %w", err)
		}
		if n := len(l.Tiers); n == 0 || l.Tiers[n-1].ID != t.ID {
			l.Tiers = append(l.Tiers, t)
		}
		if criterion != nil {
			r.Criterion, r.Min = Criterion(*criterion), *minValue
			last := &l.Tiers[len(l.Tiers)-1]
			last.Requirements = append(last.Requirements, r)
		}
	}
	return l, rows.Err()
}

// ReevaluationStart is what an on-demand re-evaluation request did.
type ReevaluationStart struct {
	RunKey string
	// Enqueued is false when a run of this key was already queued.
	Enqueued bool
}

// StartReevaluation enqueues an on-demand re-evaluation with ins (the
// unit of work of the change that asks for it). Admins only. Without a run
// key the run is named "manual-" and the UTC date of now, so a second
// request on the same day joins the first.
func StartReevaluation(ctx context.Context, ins txn.Inserter, runKey *string, now time.Time) (ReevaluationStart, error) {
	if err := requireAdmin(ctx); err != nil {
		return ReevaluationStart{}, err
	}
	v := viewer.FromContext(ctx)
	key := "manual-" + now.UTC().Format(time.DateOnly)
	if runKey != nil {
		key = *runKey
	}
	if err := ValidateRunKey(key); err != nil {
		return ReevaluationStart{}, err
	}
	res, err := ins.Insert(ctx, jobargs.PartnerReevaluation{RunKey: key, ActorID: v.UserID, ActorLabel: v.Label}, nil)
	if err != nil {
		return ReevaluationStart{}, fmt.Errorf("error enqueuing re-evaluation %s: %w", key, err)
	}
	return ReevaluationStart{RunKey: key, Enqueued: !res.UniqueSkippedAsDuplicate}, nil
}
