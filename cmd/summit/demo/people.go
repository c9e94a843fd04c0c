package demo

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/churnscan"
	"github.com/summitkam/summit/internal/notify"
	"github.com/summitkam/summit/internal/partners"
	"github.com/summitkam/summit/internal/viewer"
)

// kam01's portfolio: at least this many S/A accounts, of which at least
// kamAtRisk carry churn risk (so alerts open on them in the scan).
const (
	kamFocus  = 6
	kamAtRisk = 3
)

// handover gives kam01 a portfolio that tells a story: the admin hands over
// S/A accounts of kam01's region (at risk first, as the churn model sees
// them now) until kam01 has kamFocus of them, kamAtRisk at risk. Each
// handover is an owner change and a change of account manager on the team,
// audited like any other.
func (s *story) handover(ctx context.Context) error {
	facts, _, err := churnscan.GatherFacts(ctx, s.pool, s.opts.Now, 0, math.MaxInt64)
	if err != nil {
		return err
	}
	risky := map[int]bool{}
	for _, f := range facts {
		a := churn.Evaluate(s.opts.ChurnModel, f)
		if a.Level.AtLeast(s.opts.ChurnModel.AlertMinLevel) {
			n, _ := strconv.Atoi(a.AccountID)
			risky[n] = true
		}
	}
	owned, err := s.ints(ctx, `SELECT id FROM accounts WHERE owner_id = $1 AND current_class IN ('S', 'A') AND NOT archived ORDER BY id`, s.kam.UserID)
	if err != nil {
		return err
	}
	atRisk := 0
	for _, id := range owned {
		if risky[id] {
			atRisk++
		}
	}
	// Candidates: S/A accounts of kam01's home region, S first.
	candidates, err := s.ints(ctx, `
		SELECT a.id FROM accounts a
		WHERE a.current_class IN ('S', 'A') AND a.owner_id <> $1 AND NOT a.archived
		  AND a.region = (SELECT region FROM accounts WHERE owner_id = $1 GROUP BY region ORDER BY count(*) DESC, region LIMIT 1)
		ORDER BY a.current_class DESC, a.id`, s.kam.UserID)
	if err != nil {
		return err
	}
	var take []int
	for _, id := range candidates {
		if atRisk < kamAtRisk && risky[id] {
			take = append(take, id)
			atRisk++
		}
	}
	for _, id := range candidates {
		if len(owned)+len(take) >= kamFocus {
			break
		}
		if !risky[id] {
			take = append(take, id)
		}
	}
	for _, id := range take {
		if err := s.handOver(ctx, id); err != nil {
			return err
		}
	}
	s.stats.HandedOver = take
	return nil
}

func (s *story) handOver(ctx context.Context, accountID int) error {
	var version int
	if err := s.pool.QueryRow(ctx, `SELECT version FROM accounts WHERE id = $1`, accountID).Scan(&version); err != nil {
		return fmt.Errorf("error reading account %d: %w", accountID, err)
	}
	if err := s.api.do(ctx, s.admin, `mutation($id: ID!, $v: Int!, $owner: ID!) {
		updateAccount(id: $id, version: $v, input: {ownerID: $owner}) { id } }`,
		map[string]any{"id": gid(accountID), "v": version, "owner": gid(s.kam.UserID)}, nil); err != nil {
		return err
	}
	managers, err := s.ints(ctx, `SELECT id FROM account_team_members WHERE account_id = $1 AND role = 'ACCOUNT_MANAGER' ORDER BY id`, accountID)
	if err != nil {
		return err
	}
	const reason = "大客户组合调整：移交 kam01 统一经营 (portfolio realignment: handed over to kam01)"
	for _, m := range managers {
		if err := s.api.do(ctx, s.admin, `mutation($id: ID!, $r: String!) { removeTeamMember(id: $id, reason: $r) }`,
			map[string]any{"id": gid(m), "r": reason}, nil); err != nil {
			return err
		}
	}
	return s.api.do(ctx, s.admin, `mutation($in: AddTeamMemberInput!) { addTeamMember(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"accountID": gid(accountID), "userID": gid(s.kam.UserID), "role": "ACCOUNT_MANAGER", "accessLevel": "EDIT", "reason": reason}}, nil)
}

// ---- plans ----

type planSpec struct {
	account, owner int
	// target is the status the plan ends in; prior adds last year's plan,
	// CLOSED with an outcome, before this year's.
	target string
	prior  bool
}

// planMix is the status of the i-th plan of other key-account managers' S/A
// accounts: most plans run, some wait, a few are still drafts.
var planMix = []string{"ACTIVE", "ACTIVE", "APPROVED", "SUBMITTED", "ACTIVE", "DRAFT", "ACTIVE", "SUBMITTED"}

// kamMix is kam01's S/A plans, best account first.
var kamMix = []string{"ACTIVE", "SUBMITTED", "APPROVED", "DRAFT", "ACTIVE", "ACTIVE"}

// otherPlans is how many S/A accounts of other managers get plans.
const otherPlans = 24

func (s *story) plans(ctx context.Context) error {
	var specs []planSpec
	mine, err := s.ints(ctx, `
		SELECT a.id FROM accounts a
		WHERE a.owner_id = $1 AND a.current_class IN ('S', 'A') AND NOT a.archived
		ORDER BY a.current_class DESC, a.id`, s.kam.UserID)
	if err != nil {
		return err
	}
	for i, id := range mine {
		target := "ACTIVE"
		if i < len(kamMix) {
			target = kamMix[i]
		}
		specs = append(specs, planSpec{account: id, owner: s.kam.UserID, target: target, prior: i == 0})
	}
	// A B account of kam01's: its plan needs no executive.
	if b, err := s.ints(ctx, `SELECT id FROM accounts WHERE owner_id = $1 AND current_class = 'B' AND NOT archived ORDER BY id LIMIT 1`, s.kam.UserID); err != nil {
		return err
	} else if len(b) == 1 {
		specs = append(specs, planSpec{account: b[0], owner: s.kam.UserID, target: "ACTIVE"})
	}
	rows, err := s.pool.Query(ctx, `
		SELECT a.id, a.owner_id FROM accounts a
		WHERE a.owner_id <> $1 AND a.current_class IN ('S', 'A') AND NOT a.archived
		ORDER BY a.current_class DESC, a.id LIMIT $2`, s.kam.UserID, otherPlans)
	if err != nil {
		return fmt.Errorf("error choosing accounts for plans: %w", err)
	}
	i := 0
	for rows.Next() {
		sp := planSpec{target: planMix[i%len(planMix)], prior: i%6 == 0}
		if err := rows.Scan(&sp.account, &sp.owner); err != nil {
			rows.Close()
			return fmt.Errorf("error choosing accounts for plans: %w", err)
		}
		specs = append(specs, sp)
		i++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("error choosing accounts for plans: %w", err)
	}
	for k, sp := range specs {
		if err := s.plan(ctx, k, sp); err != nil {
			return err
		}
	}
	return nil
}

type planRef struct {
	ID         id     `json:"id"`
	Version    int    `json:"version"`
	Status     string `json:"status"`
	Objectives []struct {
		ID id `json:"id"`
	} `json:"objectives"`
}

// plan writes one account's plans as its owner would, and moves them through
// the state machine with the executive where approval is needed.
func (s *story) plan(ctx context.Context, k int, sp planSpec) error {
	owner, err := s.api.asUser(ctx, sp.owner)
	if err != nil {
		return err
	}
	var revenue int64
	if err := s.pool.QueryRow(ctx, `
		SELECT coalesce(sum(amount_minor), 0) FROM orders
		WHERE account_id = $1 AND status = 'SHIPPED' AND order_date >= $2::date - 365 AND order_date < $2::date`,
		sp.account, s.opts.AsOf).Scan(&revenue); err != nil {
		return fmt.Errorf("error reading the revenue of account %d: %w", sp.account, err)
	}
	year := s.opts.AsOf.Year()
	if sp.prior {
		p, err := s.createPlan(ctx, owner, sp.account, year-1, revenue*9/10, k)
		if err != nil {
			return err
		}
		if err := s.advance(ctx, owner, p, "CLOSED"); err != nil {
			return err
		}
	}
	p, err := s.createPlan(ctx, owner, sp.account, year, revenue*11/10, k)
	if err != nil {
		return err
	}
	// Actions: one overdue for most plans, one coming up, one done.
	due := []struct {
		title string
		days  int
		done  bool
	}{
		{"拜访决策人，确认明年采购预算 (meet the decision maker on next year's budget)", -(4 + k%17), false},
		{"提交新产品线联合方案 (propose the joint solution for the new product line)", 12 + k%20, false},
		{"完成季度业务回顾（QBR） (hold the quarterly business review)", -(30 + k%9), true},
	}
	for j, d := range due {
		if j == 0 && k%4 == 3 {
			continue // not every plan runs late
		}
		var out struct {
			CreateAction struct{ ID id } `json:"createAction"`
		}
		in := map[string]any{"planID": string(p.ID), "title": d.title, "ownerID": gid(sp.owner), "dueOn": s.opts.AsOf.AddDate(0, 0, d.days)}
		if len(p.Objectives) > 0 {
			in["objectiveID"] = string(p.Objectives[0].ID)
		}
		if err := s.api.do(ctx, owner, `mutation($in: CreateActionInput!) { createAction(input: $in) { id } }`, map[string]any{"in": in}, &out); err != nil {
			return err
		}
		if d.done {
			if err := s.api.do(ctx, owner, `mutation($id: ID!) { completeAction(id: $id) { id } }`, map[string]any{"id": string(out.CreateAction.ID)}, nil); err != nil {
				return err
			}
		}
	}
	if err := s.advance(ctx, owner, p, sp.target); err != nil {
		return err
	}
	return nil
}

var swots = []map[string]any{
	{
		"strengths":     []string{"多年合作，决策层关系稳固", "交付与服务口碑好"},
		"weaknesses":    []string{"新业务线渗透率低"},
		"opportunities": []string{"客户扩建产线，明年设备采购增加", "数字化改造预算已立项"},
		"threats":       []string{"竞争对手以低价切入", "客户推行集中采购"},
	},
	{
		"strengths":     []string{"Trusted by the CIO and procurement", "Reference site for the region"},
		"weaknesses":    []string{"Single-threaded: one sponsor"},
		"opportunities": []string{"Group-wide framework agreement up for renewal"},
		"threats":       []string{"Budget freeze in the second half"},
	},
}

func (s *story) createPlan(ctx context.Context, owner *viewer.Viewer, accountID, year int, target int64, k int) (*planRef, error) {
	var out struct {
		CreatePlan planRef `json:"createPlan"`
	}
	start := time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(year, time.December, 31, 0, 0, 0, 0, time.UTC)
	if err := s.api.do(ctx, owner, `mutation($in: CreatePlanInput!) {
		createPlan(input: $in) { id version status objectives { id } } }`,
		map[string]any{"in": map[string]any{
			"accountID": gid(accountID), "period": "FY" + strconv.Itoa(year), "periodStart": start, "periodEnd": end,
			"swot": swots[k%len(swots)],
		}}, &out); err != nil {
		return nil, err
	}
	p := &out.CreatePlan
	var obj struct {
		AddObjective struct{ ID id } `json:"addObjective"`
	}
	if err := s.api.do(ctx, owner, `mutation($id: ID!, $in: ObjectiveInput!) { addObjective(planID: $id, input: $in) { id } }`,
		map[string]any{"id": string(p.ID), "in": map[string]any{
			"title": fmt.Sprintf("%d 年销售额增长 10%% (grow revenue 10%% in %d)", year, year), "metric": "REVENUE",
			"targetValue": max(target, 100_000_00), "weight": 3, "dueOn": end,
		}}, &obj); err != nil {
		return nil, err
	}
	p.Objectives = append([]struct {
		ID id `json:"id"`
	}{{ID: obj.AddObjective.ID}}, p.Objectives...)
	return p, nil
}

// advance moves a DRAFT plan to target: the owner submits, the executive
// approves (S/A plans; others are activated straight from SUBMITTED), the
// owner activates and, for CLOSED, closes with an outcome.
func (s *story) advance(ctx context.Context, owner *viewer.Viewer, p *planRef, target string) error {
	steps := map[string][]string{
		"DRAFT":     nil,
		"SUBMITTED": {"submit"},
		"APPROVED":  {"submit", "approve"},
		"ACTIVE":    {"submit", "approve", "activate"},
		"CLOSED":    {"submit", "approve", "activate", "close"},
	}[target]
	// Objectives and actions bump the plan's version: start from the latest.
	var strategic bool
	if err := s.pool.QueryRow(ctx, `SELECT coalesce(a.current_class IN ('S', 'A'), false), p.version FROM account_plans p JOIN accounts a ON a.id = p.account_id WHERE p.id = $1`, p.ID.Int()).Scan(&strategic, &p.Version); err != nil {
		return fmt.Errorf("error reading plan %s: %w", p.ID, err)
	}
	for _, step := range steps {
		var out map[string]planRef
		vars := map[string]any{"id": string(p.ID), "v": p.Version}
		var err error
		switch step {
		case "submit":
			err = s.api.do(ctx, owner, `mutation($id: ID!, $v: Int!) { p: submitPlan(id: $id, version: $v) { id version status } }`, vars, &out)
		case "approve":
			if !strategic {
				continue
			}
			vars["note"] = "目标与资源匹配，同意 (targets and resources fit; approved)"
			err = s.api.do(ctx, s.exec, `mutation($id: ID!, $v: Int!, $note: String) { p: approvePlan(id: $id, version: $v, note: $note) { id version status } }`, vars, &out)
		case "activate":
			err = s.api.do(ctx, owner, `mutation($id: ID!, $v: Int!) { p: activatePlan(id: $id, version: $v) { id version status } }`, vars, &out)
		case "close":
			vars["o"] = "全年目标基本达成，新产品线导入延后到下一年度 (annual targets mostly met; the new product line moves to next year)"
			err = s.api.do(ctx, owner, `mutation($id: ID!, $v: Int!, $o: String!) { p: closePlan(id: $id, version: $v, outcome: $o) { id version status } }`, vars, &out)
		}
		if err != nil {
			return err
		}
		p.Version, p.Status = out["p"].Version, out["p"].Status
	}
	if p.Status != target {
		return fmt.Errorf("plan %s is %s, want %s", p.ID, p.Status, target)
	}
	s.stats.Plans[target]++
	return nil
}

// ---- alerts ----

var resolutions = []struct{ outcome, reason string }{
	{"RECOVERED", "客户恢复下单，回款已到账 (orders resumed and the overdue invoices were paid)"},
	{"FALSE_ALARM", "客户为年度盘点暂停采购，属计划内波动 (purchases paused for the annual stock-take; planned)"},
	{"LOST", "客户已转向竞争对手的集中采购合同 (the customer signed a competitor's framework contract)"},
}

// alertResponses has owners answer some of the alerts the scan opened:
// kam01 starts a win-back, acknowledges one and resolves one; other
// managers acknowledge and resolve a share of theirs.
func (s *story) alertResponses(ctx context.Context) error {
	rows, err := s.pool.Query(ctx, `
		SELECT al.id, a.owner_id FROM churn_alerts al JOIN accounts a ON a.id = al.account_id
		WHERE al.status = 'OPEN' AND a.owner_id IS NOT NULL
		ORDER BY (a.owner_id = $1) DESC, a.current_class DESC NULLS LAST, al.id`, s.kam.UserID)
	if err != nil {
		return fmt.Errorf("error listing open alerts: %w", err)
	}
	type open struct{ id, owner int }
	var alerts []open
	for rows.Next() {
		var o open
		if err := rows.Scan(&o.id, &o.owner); err != nil {
			rows.Close()
			return fmt.Errorf("error listing open alerts: %w", err)
		}
		alerts = append(alerts, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("error listing open alerts: %w", err)
	}
	mine, others, resolved := 0, 0, 0
	for _, al := range alerts {
		v, err := s.api.asUser(ctx, al.owner)
		if err != nil {
			return err
		}
		var step string
		if al.owner == s.kam.UserID {
			step = []string{"winback", "acknowledge", "open", "resolve"}[min(mine, 3)]
			if mine > 3 {
				step = "open"
			}
			mine++
		} else {
			if others >= 60 {
				break
			}
			step = []string{"resolve", "acknowledge", "open"}[others%3]
			others++
		}
		vars := map[string]any{"id": gid(al.id)}
		switch step {
		case "winback":
			err = s.api.do(ctx, v, `mutation($id: ID!) { startWinBack(alertID: $id) { alert { id } } }`, vars, nil)
		case "acknowledge":
			vars["note"] = "已联系客户，本周内上门拜访 (called the customer; visiting this week)"
			err = s.api.do(ctx, v, `mutation($id: ID!, $note: String) { acknowledgeChurnAlert(id: $id, note: $note) { id } }`, vars, nil)
		case "resolve":
			r := resolutions[resolved%len(resolutions)]
			resolved++
			vars["o"], vars["r"] = r.outcome, r.reason
			err = s.api.do(ctx, v, `mutation($id: ID!, $o: ChurnAlertResolution!, $r: String!) { resolveChurnAlert(id: $id, outcome: $o, reason: $r) { id } }`, vars, nil)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// ---- class overrides ----

// overrides: kam01 asks to lift a B account to A (waiting for an
// executive); another manager's B → A request was approved; a C → B change
// needed nobody's approval.
func (s *story) overrides(ctx context.Context) error {
	type ask struct {
		owner      *viewer.Viewer
		account    int
		class      string
		reason     string
		execDecide bool
	}
	var asks []ask
	if b, err := s.ints(ctx, `
		SELECT a.id FROM accounts a
		WHERE a.owner_id = $1 AND a.current_class = 'B' AND NOT a.archived
		  AND NOT EXISTS (SELECT 1 FROM account_plans p WHERE p.account_id = a.id)
		ORDER BY a.influence_score DESC NULLS LAST, a.id LIMIT 1`, s.kam.UserID); err != nil {
		return err
	} else if len(b) == 1 {
		asks = append(asks, ask{s.kam, b[0], "A", "客户为行业龙头，明年新基地投产后采购规模翻倍，建议提升为伙伴型客户 (an industry leader whose purchases double when its new site opens next year)", false})
	}
	rows, err := s.pool.Query(ctx, `
		SELECT DISTINCT ON (a.current_class) a.id, a.owner_id, a.current_class FROM accounts a
		WHERE a.owner_id <> $1 AND a.current_class IN ('B', 'C') AND NOT a.archived
		ORDER BY a.current_class, a.id`, s.kam.UserID)
	if err != nil {
		return fmt.Errorf("error choosing accounts for overrides: %w", err)
	}
	type pick struct {
		account, owner int
		class          string
	}
	var picks []pick
	for rows.Next() {
		var p pick
		if err := rows.Scan(&p.account, &p.owner, &p.class); err != nil {
			rows.Close()
			return fmt.Errorf("error choosing accounts for overrides: %w", err)
		}
		picks = append(picks, p)
	}
	rows.Close()
	for _, p := range picks {
		owner, err := s.api.asUser(ctx, p.owner)
		if err != nil {
			return err
		}
		if p.class == "B" {
			asks = append(asks, ask{owner, p.account, "A", "集团总部指定我司为唯一供应商 (named sole supplier by the group headquarters)", true})
		} else {
			asks = append(asks, ask{owner, p.account, "B", "新签三年框架协议，年采购额预计翻番 (a new three-year framework agreement doubles annual purchases)", false})
		}
	}
	for _, a := range asks {
		var out struct {
			OverrideClass struct {
				ID             id     `json:"id"`
				ApprovalStatus string `json:"approvalStatus"`
			} `json:"overrideClass"`
		}
		if err := s.api.do(ctx, a.owner, `mutation($id: ID!, $c: AccountCurrentClass!, $r: String!) {
			overrideClass(accountID: $id, class: $c, reason: $r) { id approvalStatus } }`,
			map[string]any{"id": gid(a.account), "c": a.class, "r": a.reason}, &out); err != nil {
			return err
		}
		if a.execDecide && out.OverrideClass.ApprovalStatus == "PENDING" {
			if err := s.api.do(ctx, s.exec, `mutation($id: ID!, $n: String) { approveClassAssignment(id: $id, note: $n) { id } }`,
				map[string]any{"id": string(out.OverrideClass.ID), "n": "同意，纳入战略客户季度复盘 (approved; joins the quarterly strategic review)"}, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// ---- distributor tiers ----

// tierDecisions: the semiannual re-evaluation of distributors runs (as the
// schedule would have at the start of the half-year): proposals for every
// partner, probation for those below their tier, partner managers notified.
// pm01 then decides upgrade proposals of their partners (the channel
// director those of other regions when pm01 has too few): a move into the
// top two tiers waits for an executive, another such move was approved,
// and a move lower down applies at once.
func (s *story) tierDecisions(ctx context.Context) error {
	cadence, err := partners.ParseCadence("semiannual")
	if err != nil {
		return err
	}
	svc := partners.Service{Now: func() time.Time { return s.opts.Now }}
	if _, err := svc.Reevaluate(ctx, s.pool, partners.RunInput{RunKey: cadence.PeriodOf(s.opts.AsOf).Key}); err != nil {
		return err
	}
	rows, err := s.pool.Query(ctx, `
		SELECT e.id, e.suggested_tier_id, t.rank, p.partner_manager_id = $1 FROM tier_evaluations e
		JOIN partner_profiles p ON p.id = e.partner_profile_id
		JOIN partner_tiers t ON t.id = e.suggested_tier_id
		WHERE e.status = 'DRAFT' AND e.proposal = 'UPGRADE'
		ORDER BY p.partner_manager_id = $1 DESC, t.rank, e.id`, s.pm.UserID)
	if err != nil {
		return fmt.Errorf("error listing upgrade proposals: %w", err)
	}
	type proposal struct {
		id, tier, rank int
		mine           bool // pm01's partner; others are decided by the channel director
	}
	var top, lower []proposal
	for rows.Next() {
		var p proposal
		if err := rows.Scan(&p.id, &p.tier, &p.rank, &p.mine); err != nil {
			rows.Close()
			return fmt.Errorf("error listing upgrade proposals: %w", err)
		}
		if p.rank <= partners.ExecutiveApprovalRanks {
			top = append(top, p)
		} else {
			lower = append(lower, p)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("error listing upgrade proposals: %w", err)
	}
	type decision struct {
		proposal
		approve bool
	}
	var ds []decision
	if len(top) > 0 {
		ds = append(ds, decision{top[0], false})
	}
	if len(top) > 1 {
		ds = append(ds, decision{top[1], true})
	}
	if len(lower) > 0 {
		ds = append(ds, decision{lower[0], false})
	}
	channel, err := s.api.as(ctx, "channel@summit.example")
	if err != nil {
		return err
	}
	for _, d := range ds {
		decider := s.pm
		if !d.mine {
			decider = channel
		}
		var dec struct {
			DecideTierEvaluation struct {
				ID     id     `json:"id"`
				Status string `json:"status"`
			} `json:"decideTierEvaluation"`
		}
		if err := s.api.do(ctx, decider, `mutation($id: ID!, $t: ID, $e: String, $r: String!) {
			decideTierEvaluation(id: $id, tierID: $t, evidence: $e, reason: $r) { id status } }`,
			map[string]any{"id": gid(d.id), "t": gid(d.tier),
				"e": "近 12 个月业绩、注册资本证明与认证工程师名单已核验 (12-month performance, capital certificate and certified-engineer list checked)",
				"r": "各项指标已达到上一级标准 (meets every requirement of the higher tier)"}, &dec); err != nil {
			return err
		}
		if d.approve && dec.DecideTierEvaluation.Status == "SUBMITTED" {
			if err := s.api.do(ctx, s.exec, `mutation($id: ID!, $n: String) { approveTierEvaluation(id: $id, note: $n) { id } }`,
				map[string]any{"id": string(dec.DecideTierEvaluation.ID), "n": "同意升级 (upgrade approved)"}, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// ---- touchpoints and reminders ----

// touchpointsAndReminders: kam01 logs this week's visits to two accounts,
// then the daily reminders run (overdue actions, contact cadence) as the
// workers would at 08:00; the same keys make the workers' own run a no-op.
func (s *story) touchpointsAndReminders(ctx context.Context) error {
	rows, err := s.pool.Query(ctx, `
		SELECT a.id, (SELECT c.id FROM contacts c WHERE c.account_id = a.id AND c.active ORDER BY c.id LIMIT 1)
		FROM accounts a WHERE a.owner_id = $1 AND a.current_class IN ('S', 'A') ORDER BY a.current_class DESC, a.id LIMIT 2`, s.kam.UserID)
	if err != nil {
		return fmt.Errorf("error choosing accounts for touchpoints: %w", err)
	}
	type visit struct {
		account int
		contact *int
	}
	var visits []visit
	for rows.Next() {
		var v visit
		if err := rows.Scan(&v.account, &v.contact); err != nil {
			rows.Close()
			return fmt.Errorf("error choosing accounts for touchpoints: %w", err)
		}
		visits = append(visits, v)
	}
	rows.Close()
	for i, v := range visits {
		in := map[string]any{
			"accountID": gid(v.account), "kind": []string{"VISIT", "MEETING"}[i%2],
			"occurredAt": s.opts.Now.Add(-time.Duration(26+24*i) * time.Hour).Truncate(time.Hour),
			"staffIDs":   []string{gid(s.kam.UserID)},
			"summary":    "与采购总监沟通明年框架协议，客户关注交付周期与价格 (discussed next year's framework agreement; delivery times and price matter most)",
			"nextStep":   "一周内提交报价与交付方案 (send the quote and delivery plan within a week)", "nextStepDueOn": s.opts.AsOf.AddDate(0, 0, 7),
		}
		if v.contact != nil {
			in["contactIDs"] = []string{gid(*v.contact)}
		}
		if err := s.api.do(ctx, s.kam, `mutation($in: LogTouchpointInput!) { logTouchpoint(input: $in) { id } }`, map[string]any{"in": in}, nil); err != nil {
			return err
		}
	}
	_, err = notify.SendReminders(ctx, s.pool, notify.RemindersInput{Now: s.opts.Now, Location: s.opts.Location})
	return err
}
