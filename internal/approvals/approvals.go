// Package approvals is one queue of what awaits the viewer's decision:
// class overrides into or out of S/A, S/A plans SUBMITTED for approval,
// review results awaiting an executive (moves into or out of S/A, contested
// proposals) in cycles IN_REVIEW, and tier decisions SUBMITTED for an
// executive. Each item carries the id to act on with the existing mutations
// (approveClassAssignment, approvePlan, approveReviewResults,
// approveTierEvaluation and their reject twins), its reason and, where one
// exists, its explanation.
//
// Who decides what follows the rules of those mutations: executives decide
// all four; admins approve plans; nobody else decides anything, so their
// queue is empty. The queue is one set-based statement over the accounts the
// viewer may read (the scope of internal/portfolio: ent/rule's predicate in
// SQL), paged, and counted by a second one.
package approvals

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/portfolio"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// Kind is what an item asks to decide.
type Kind string

// Kinds, in the order the queue counts them.
const (
	ClassOverride Kind = "CLASS_OVERRIDE"
	Plan          Kind = "PLAN"
	ReviewResult  Kind = "REVIEW_RESULT"
	TierDecision  Kind = "TIER_DECISION"
)

// Kinds lists every kind.
var Kinds = []Kind{ClassOverride, Plan, ReviewResult, TierDecision}

// MarshalGQL writes the kind as a GraphQL enum value.
func (k Kind) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(k))) }

// UnmarshalGQL reads a GraphQL enum value.
func (k *Kind) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("approval kind must be a string, got %T", v)
	}
	for _, x := range Kinds {
		if string(x) == s {
			*k = x
			return nil
		}
	}
	return fmt.Errorf("%q is not an approval kind", s)
}

// Item is one decision awaited.
type Item struct {
	Kind Kind
	// ID is what to act on: a ClassAssignment, AccountPlan, ReviewResult or
	// TierEvaluation id, by Kind.
	ID int
	// Version is the plan's version (approvePlan needs it); nil otherwise.
	Version     *int
	AccountID   int
	AccountName string
	// AccountClass is the account's class now; nil when unclassified.
	AccountClass *string
	RequestedAt  time.Time
	// RequestedByID and RequestedByName: who asked (the override's author,
	// the plan's author, whoever contested the result, the tier's decider);
	// nil for a model's proposal nobody contested.
	RequestedByID   *int
	RequestedByName *string
	// From and To: the classes (override, review result; UNCLASSIFIED for
	// none) or tier codes (tier decision; nil for no tier); the plan's
	// period as To for a plan.
	From, To *string
	// Reason: the override's reason, the plan's strategy statement, the
	// contest reason, the tier decision's reason.
	Reason *string
	// Explanation: the grading explanation (the review result's, or for an
	// override the account's latest model grading), the tier evaluation's;
	// nil for a plan.
	Explanation json.RawMessage
	// CycleID is the review result's cycle.
	CycleID *int
}

// KindCount is how many items of a kind wait.
type KindCount struct {
	Kind  Kind
	Count int
}

// Queue is a page of items, oldest request first.
type Queue struct {
	TotalCount int
	ByKind     []KindCount
	Items      []Item
}

// rights says which kinds v decides.
func rights(v *viewer.Viewer) (exec, plans bool) {
	exec = v.IsSystem() || v.Has(viewer.RoleExecutive)
	plans = exec || v.Has(viewer.RoleAdmin)
	return exec, plans
}

// itemsSQL is the CTE "items" of every decision awaited in scope; $exec and
// $plans switch the kinds the viewer decides.
func itemsSQL(exec, plans string) string {
	return `, items AS (
		SELECT 'CLASS_OVERRIDE' AS kind, ca.id, NULL::bigint AS version, ca.account_id, ca.created_at AS requested_at,
		       ca.decided_by_id AS requested_by, coalesce(ca.previous_class::text, 'UNCLASSIFIED') AS from_, ca.class::text AS to_,
		       ca.reason, NULL::bigint AS cycle_id
		FROM class_assignments ca
		WHERE ` + exec + ` AND ca.approval_status = 'PENDING' AND ca.account_id IN (SELECT id FROM scoped)
		UNION ALL
		SELECT 'PLAN', p.id, p.version, p.account_id, coalesce(p.submitted_at, p.updated_at), p.created_by_id, NULL, p.period,
		       p.strategy_statement, NULL
		FROM account_plans p JOIN scoped s ON s.id = p.account_id
		WHERE ` + plans + ` AND p.status = 'SUBMITTED' AND (p.class_at_creation IN ('S', 'A') OR s.current_class IN ('S', 'A'))
		UNION ALL
		SELECT 'REVIEW_RESULT', r.id, NULL, r.account_id, r.updated_at, r.contested_by_id,
		       coalesce(r.previous_class::text, 'UNCLASSIFIED'), r.proposed_class::text, r.contest_reason, r.cycle_id
		FROM review_results r JOIN review_cycles c ON c.id = r.cycle_id AND c.status = 'IN_REVIEW'
		WHERE ` + exec + ` AND r.status IN ('PENDING_APPROVAL', 'CONTESTED') AND r.account_id IN (SELECT id FROM scoped)
		UNION ALL
		SELECT 'TIER_DECISION', e.id, NULL, pp.account_id, coalesce(e.decided_at, e.updated_at), e.decided_by_id,
		       pt.code, dt.code, e.reason, NULL
		FROM tier_evaluations e JOIN partner_profiles pp ON pp.id = e.partner_profile_id
		LEFT JOIN partner_tiers pt ON pt.id = e.previous_tier_id LEFT JOIN partner_tiers dt ON dt.id = e.decided_tier_id
		WHERE ` + exec + ` AND e.status = 'SUBMITTED' AND pp.account_id IN (SELECT id FROM scoped))`
}

// Count counts the items awaiting v's decision, by kind, in one statement.
func Count(ctx context.Context, q database.Querier, v *viewer.Viewer) ([]KindCount, int, error) {
	exec, plans := rights(v)
	out := make([]KindCount, len(Kinds))
	for i, k := range Kinds {
		out[i].Kind = k
	}
	if !plans {
		return out, 0, nil
	}
	scope, args := portfolio.NewScope(v, portfolio.Filter{}).SQL()
	args = append(args, exec, plans)
	sql := `WITH scoped AS (` + scope + `)` + itemsSQL(fmt.Sprintf("$%d::bool", len(args)-1), fmt.Sprintf("$%d::bool", len(args))) +
		` SELECT kind, count(*) FROM items GROUP BY kind`
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("error counting approvals: %w", err)
	}
	total := 0
	counts, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (KindCount, error) {
		var c KindCount
		err := row.Scan(&c.Kind, &c.Count)
		return c, err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("error counting approvals: %w", err)
	}
	for _, c := range counts {
		for i := range out {
			if out[i].Kind == c.Kind {
				out[i].Count = c.Count
			}
		}
		total += c.Count
	}
	return out, total, nil
}

// MaxPage bounds first.
const MaxPage = 200

// List returns a page of the items awaiting v's decision (of kinds, all
// when empty), oldest request first, with the counts.
func List(ctx context.Context, q database.Querier, v *viewer.Viewer, kinds []Kind, first, offset int) (Queue, error) {
	if first < 0 || first > MaxPage {
		return Queue{}, &refusal.Error{Kind: refusal.Invalid, Field: "first", Message: fmt.Sprintf("must be 0–%d, got %d", MaxPage, first)}
	}
	if offset < 0 {
		return Queue{}, &refusal.Error{Kind: refusal.Invalid, Field: "offset", Message: "must not be negative"}
	}
	byKind, total, err := Count(ctx, q, v)
	if err != nil {
		return Queue{}, err
	}
	queue := Queue{TotalCount: total, ByKind: byKind}
	exec, plans := rights(v)
	if !plans || first == 0 {
		return queue, nil
	}
	if len(kinds) == 0 {
		kinds = Kinds
	} else {
		queue.TotalCount = 0
		for _, c := range byKind {
			for _, k := range kinds {
				if c.Kind == k {
					queue.TotalCount += c.Count
				}
			}
		}
	}
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k)
	}
	scope, args := portfolio.NewScope(v, portfolio.Filter{}).SQL()
	arg := func(x any) string {
		args = append(args, x)
		return "$" + strconv.Itoa(len(args))
	}
	execArg, plansArg := arg(exec), arg(plans)
	sql := `WITH scoped AS (` + scope + `)` + itemsSQL(execArg+"::bool", plansArg+"::bool") + `
		SELECT i.kind, i.id, i.version, i.account_id, a.name, a.current_class::text, i.requested_at, i.requested_by, u.name,
		       i.from_, i.to_, nullif(i.reason, ''), i.cycle_id,
		       CASE i.kind
		         WHEN 'REVIEW_RESULT' THEN (SELECT r.explanation FROM review_results r WHERE r.id = i.id)
		         WHEN 'TIER_DECISION' THEN (SELECT e.explanation FROM tier_evaluations e WHERE e.id = i.id)
		         WHEN 'CLASS_OVERRIDE' THEN (SELECT m.explanation FROM class_assignments m
		                                     WHERE m.account_id = i.account_id AND m.source = 'MODEL'
		                                     ORDER BY m.created_at DESC, m.id DESC LIMIT 1)
		       END
		FROM items i JOIN accounts a ON a.id = i.account_id LEFT JOIN users u ON u.id = i.requested_by
		WHERE i.kind = ANY(` + arg(names) + `::text[])
		ORDER BY i.requested_at, i.kind, i.id
		LIMIT ` + arg(first) + ` OFFSET ` + arg(offset)
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return Queue{}, fmt.Errorf("error listing approvals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var it Item
		var explanation []byte
		if err := rows.Scan(&it.Kind, &it.ID, &it.Version, &it.AccountID, &it.AccountName, &it.AccountClass, &it.RequestedAt,
			&it.RequestedByID, &it.RequestedByName, &it.From, &it.To, &it.Reason, &it.CycleID, &explanation); err != nil {
			return Queue{}, fmt.Errorf("error reading approvals: %w", err)
		}
		if explanation != nil {
			it.Explanation = explanation
		}
		queue.Items = append(queue.Items, it)
	}
	if err := rows.Err(); err != nil {
		return Queue{}, fmt.Errorf("error listing approvals: %w", err)
	}
	return queue, nil
}
