package partners_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/tierbenefit"
	"github.com/summitkam/summit/ent/tierevaluation"
	"github.com/summitkam/summit/internal/partners"
	"github.com/summitkam/summit/internal/refusal"
)

func requireRefusal(t *testing.T, err error, kind refusal.Kind, field string) {
	t.Helper()
	var r *refusal.Error
	require.ErrorAs(t, err, &r)
	require.Equal(t, kind, r.Kind, "%v", err)
	if field != "" {
		require.Equal(t, field, r.Field, "%v", err)
	}
}

func TestLadderIsAdminConfigurable(t *testing.T) {
	t.Parallel()
	b := setup(t, 200)
	admin, pm := b.as(t, "admin@summit.example"), b.as(t, "pm01@summit.example")

	in := partners.TierInput{Code: "REGISTERED", Rank: 6, Name: "注册经销商", NameEN: "Registered dealer",
		Requirements: []partners.Requirement{
			{Criterion: partners.CertifiedStaff, Min: 1},
			{Criterion: partners.Custom, CustomCode: "SHOWROOM_M2", Label: "展厅面积 m²", Min: 50, EvidenceRequired: true},
		},
		Benefits: []partners.Benefit{{Kind: tierbenefit.KindDISCOUNT, Value: 200}, {Kind: tierbenefit.KindTERRITORY, Description: "县级"}}}
	_, err := partners.CreateTier(pm, b.client, in)
	requireRefusal(t, err, refusal.Forbidden, "")

	taken := in
	taken.Rank = 3
	_, err = partners.CreateTier(admin, b.client, taken)
	requireRefusal(t, err, refusal.Conflict, "input.rank")

	bad := in
	bad.Requirements = []partners.Requirement{{Criterion: partners.Custom, Min: 5}}
	_, err = partners.CreateTier(admin, b.client, bad)
	requireRefusal(t, err, refusal.Invalid, "input.requirements[0].customCode")

	tier, err := partners.CreateTier(admin, b.client, in)
	require.NoError(t, err)
	ladder, err := partners.LoadLadder(b.sys, b.client)
	require.NoError(t, err)
	require.Len(t, ladder.Tiers, 6)
	require.Equal(t, "REGISTERED", ladder.Tiers[5].Code)
	require.Len(t, ladder.Tiers[5].Requirements, 2)
	require.Equal(t, 2, b.queryInt(t, "SELECT count(*) FROM tier_benefits WHERE tier_id = $1", tier.ID))

	_, err = partners.SetBenefits(admin, b.client, tier.ID, []partners.Benefit{{Kind: tierbenefit.KindREBATE, Value: 12_000}})
	requireRefusal(t, err, refusal.Invalid, "benefits[0].value")

	rank := 5
	_, err = partners.UpdateTier(admin, b.client, tier.ID, partners.TierPatch{Rank: &rank})
	requireRefusal(t, err, refusal.Conflict, "input.rank")
	rank = 9
	name := "登记经销商"
	updated, err := partners.UpdateTier(admin, b.client, tier.ID, partners.TierPatch{Rank: &rank, Name: &name})
	require.NoError(t, err)
	require.Equal(t, 9, updated.Rank)

	// A tier held by partners stays; an unheld one goes with its rows.
	err = partners.DeleteTier(admin, b.client, b.tierID(t, "GOLD"))
	requireRefusal(t, err, refusal.Conflict, "")
	require.NoError(t, partners.DeleteTier(admin, b.client, tier.ID))
	require.Zero(t, b.queryInt(t, "SELECT count(*) FROM tier_requirements WHERE tier_id = $1", tier.ID))
	require.Equal(t, 5, b.queryInt(t, "SELECT count(*) FROM partner_tiers"))
	require.Equal(t, 1, b.queryInt(t, "SELECT count(*) FROM audit_events WHERE action = 'tier.delete' AND entity_id = $1", tier.ID))
	require.Equal(t, 1, b.queryInt(t, "SELECT count(*) FROM audit_events WHERE action = 'tier.update' AND entity_id = $1", tier.ID))
}

// A partner manager decides; upgrades into the top two tiers wait for an
// executive, everything else applies at once; every step is audited.
func TestDecisionApprovalRules(t *testing.T) {
	t.Parallel()
	b := setup(t, 400)
	svc := partners.Service{Now: b.clock}
	pm, exec := b.as(t, "pm01@summit.example"), b.as(t, "exec01@summit.example")
	silver := b.partnerIn(t, "EAST", "SILVER")

	ev, err := svc.Evaluate(pm, b.client, silver)
	require.NoError(t, err)
	require.Equal(t, tierevaluation.StatusDRAFT, ev.Status)
	var x partners.Explanation
	require.NoError(t, json.Unmarshal(ev.Explanation, &x))
	require.Equal(t, partners.ModelKind, x.ModelKind)
	require.NotEmpty(t, x.Criteria)

	// Into rank 2: needs evidence, then waits for an executive.
	tier1 := b.tierID(t, "TIER1")
	_, err = svc.Decide(pm, b.client, ev.ID, partners.Decision{TierID: &tier1, Reason: "strong year"})
	requireRefusal(t, err, refusal.Invalid, "evidence")
	ev, err = svc.Decide(pm, b.client, ev.ID, partners.Decision{TierID: &tier1, Reason: "strong year", Evidence: "audited accounts 2026"})
	require.NoError(t, err)
	require.Equal(t, tierevaluation.StatusSUBMITTED, ev.Status)
	require.True(t, ev.RequiresExecutiveApproval)
	require.Equal(t, b.tierID(t, "SILVER"), b.queryInt(t, "SELECT tier_id FROM partner_profiles WHERE id = $1", silver), "not applied yet")
	execs := b.queryInt(t, "SELECT count(DISTINCT user_id) FROM role_assignments WHERE role = 'EXECUTIVE'")
	require.Equal(t, execs, b.queryInt(t, "SELECT count(*) FROM notifications WHERE kind = 'tier.approval_requested' AND entity_id = $1", ev.ID))

	// A second decision on the partner waits for the first.
	other, err := svc.Evaluate(pm, b.client, silver)
	require.NoError(t, err)
	_, err = svc.Decide(pm, b.client, other.ID, partners.Decision{TierID: &tier1, Reason: "again", Evidence: "x"})
	requireRefusal(t, err, refusal.Conflict, "")

	_, err = svc.Approve(pm, b.client, ev.ID, "")
	requireRefusal(t, err, refusal.Forbidden, "")
	b.now = b.now.AddDate(0, 0, 3)
	ev, err = svc.Approve(exec, b.client, ev.ID, "checked")
	require.NoError(t, err)
	require.Equal(t, tierevaluation.StatusAPPLIED, ev.Status)
	var tierID int
	var since time.Time
	require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT tier_id, tier_since FROM partner_profiles WHERE id = $1", silver).Scan(&tierID, &since))
	require.Equal(t, tier1, tierID)
	require.Equal(t, partners.Day(b.now), since)
	require.Equal(t, 1, b.queryInt(t, "SELECT count(*) FROM audit_events WHERE action = 'partner.tier_change' AND entity_id = $1", silver))
	require.Equal(t, 1, b.queryInt(t, "SELECT count(*) FROM notifications WHERE kind = 'tier.decision_settled' AND entity_id = $1", ev.ID))
	_, err = svc.Approve(exec, b.client, ev.ID, "")
	requireRefusal(t, err, refusal.Conflict, "")

	// Into rank 3 (or down): applied at once.
	gold := b.tierID(t, "GOLD")
	other, err = svc.Decide(pm, b.client, other.ID, partners.Decision{TierID: &gold, Reason: "not yet tier-1", Evidence: "review"})
	require.NoError(t, err)
	require.Equal(t, tierevaluation.StatusAPPLIED, other.Status)
	require.False(t, other.RequiresExecutiveApproval)
	require.Equal(t, gold, b.queryInt(t, "SELECT tier_id FROM partner_profiles WHERE id = $1", silver))

	// Rejected: the tier stays; an executive's own upgrade applies at once.
	third, err := svc.Evaluate(pm, b.client, silver)
	require.NoError(t, err)
	general := b.tierID(t, "GENERAL_DISTRIBUTOR")
	third, err = svc.Decide(pm, b.client, third.ID, partners.Decision{TierID: &general, Reason: "r", Evidence: "e"})
	require.NoError(t, err)
	_, err = svc.Reject(exec, b.client, third.ID, " ")
	requireRefusal(t, err, refusal.Invalid, "note")
	third, err = svc.Reject(exec, b.client, third.ID, "capital not verified")
	require.NoError(t, err)
	require.Equal(t, tierevaluation.StatusREJECTED, third.Status)
	require.Equal(t, gold, b.queryInt(t, "SELECT tier_id FROM partner_profiles WHERE id = $1", silver))

	fourth, err := svc.Evaluate(exec, b.client, silver)
	require.NoError(t, err)
	fourth, err = svc.Decide(exec, b.client, fourth.ID, partners.Decision{TierID: &general, Reason: "strategic", Evidence: "board decision"})
	require.NoError(t, err)
	require.Equal(t, tierevaluation.StatusAPPLIED, fourth.Status)
	require.NotNil(t, fourth.ApprovedByID)
	require.Equal(t, general, b.queryInt(t, "SELECT tier_id FROM partner_profiles WHERE id = $1", silver))
	require.Equal(t, 3, b.queryInt(t, "SELECT count(*) FROM audit_events WHERE action = 'partner.tier_change' AND entity_id = $1", silver))
}

// A partner manager of EAST neither sees nor grades a WEST partner.
func TestRegionScoping(t *testing.T) {
	t.Parallel()
	b := setup(t, 400)
	svc := partners.Service{Now: b.clock}
	east := b.as(t, "pm01@summit.example")
	west := b.partnerIn(t, "WEST", "CERTIFIED")

	_, err := svc.Evaluate(east, b.client, west)
	requireRefusal(t, err, refusal.NotFound, "partnerID")
	ev, err := svc.Evaluate(b.sys, b.client, west)
	require.NoError(t, err)
	tier := b.tierID(t, "SILVER")
	_, err = svc.Decide(east, b.client, ev.ID, partners.Decision{TierID: &tier, Reason: "r", Evidence: "e"})
	requireRefusal(t, err, refusal.NotFound, "id")
	staff := 99
	_, err = svc.UpdateProfile(east, b.client, west, partners.ProfilePatch{CertifiedStaff: &staff})
	requireRefusal(t, err, refusal.NotFound, "id")

	eastCount, err := b.client.PartnerProfile.Query().Count(east)
	require.NoError(t, err)
	require.Equal(t, b.queryInt(t, `SELECT count(*) FROM partner_profiles p JOIN accounts a ON a.id = p.account_id WHERE a.region = 'EAST'`), eastCount)

	// The west's own partner manager may.
	wpm := b.as(t, "pm05@summit.example")
	_, err = svc.Decide(wpm, b.client, ev.ID, partners.Decision{TierID: &tier, Reason: "r", Evidence: "e"})
	require.NoError(t, err)
}

// Probation starts when a re-evaluation finds a partner below its tier,
// lasts the grace period, and ends in a downgrade proposal if the partner
// is still below, or in recovery.
func TestProbationTimingWithClock(t *testing.T) {
	t.Parallel()
	b := setup(t, 400)
	b.exec(t, "UPDATE partner_profiles SET on_probation = false, probation_until = NULL, probation_started_on = NULL")
	svc := partners.Service{Now: b.clock}
	falling, rising, recovering := b.partnerIn(t, "EAST", "GOLD"), b.partnerIn(t, "EAST", "CERTIFIED"), b.partnerIn(t, "NORTH", "GOLD")
	b.setFigures(t, falling, "SILVER")
	b.setFigures(t, rising, "SILVER")
	b.setFigures(t, recovering, "SILVER")

	b.now = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	res, err := svc.Reevaluate(b.sys, b.pool, partners.RunInput{RunKey: "2026-H2", GraceDays: 90})
	require.NoError(t, err)
	require.Positive(t, res.Written())
	status := func(id int) (onProbation bool, until *time.Time) {
		require.NoError(t, b.pool.QueryRow(context.Background(), "SELECT on_probation, probation_until FROM partner_profiles WHERE id = $1", id).Scan(&onProbation, &until))
		return onProbation, until
	}
	on, until := status(falling)
	require.True(t, on)
	require.Equal(t, time.Date(2027, 1, 30, 0, 0, 0, 0, time.UTC), until.UTC())
	require.Equal(t, "PROBATION", queryString(t, b, "SELECT proposal FROM tier_evaluations WHERE partner_profile_id = $1 AND run_key = '2026-H2'", falling))
	require.Equal(t, "UPGRADE", queryString(t, b, "SELECT proposal FROM tier_evaluations WHERE partner_profile_id = $1 AND run_key = '2026-H2'", rising))
	require.Equal(t, 1, b.queryInt(t, `SELECT count(*) FROM notifications n JOIN partner_profiles p ON p.partner_manager_id = n.recipient_id
		WHERE p.id = $1 AND n.kind = 'tier.probation'`, falling))
	require.Equal(t, 1, b.queryInt(t, "SELECT count(*) FROM audit_events WHERE action = 'partner.probation_started' AND entity_id = $1", falling))

	// A re-run of the period changes nothing.
	again, err := svc.Reevaluate(b.sys, b.pool, partners.RunInput{RunKey: "2026-H2", GraceDays: 90})
	require.NoError(t, err)
	require.Zero(t, again.Written())
	require.Equal(t, 1, b.queryInt(t, "SELECT count(*) FROM audit_events WHERE action = 'partner.probation_started' AND entity_id = $1", falling))

	// The other partner recovers during its probation.
	b.setFigures(t, recovering, "GOLD")
	sweep := func(day string) partners.RunResult {
		b.now = date(t, day).Add(2 * time.Hour)
		res, err := svc.Reevaluate(b.sys, b.pool, partners.RunInput{RunKey: "probation-sweep-" + day, GraceDays: 90, ProbationOnly: true})
		require.NoError(t, err)
		return res
	}
	require.Zero(t, sweep("2027-01-29").Written(), "one day before the end")
	on, _ = status(falling)
	require.True(t, on)
	ended := sweep("2027-01-30")
	require.Positive(t, ended.Written())
	var proposal, kind string
	var suggested int
	require.NoError(t, b.pool.QueryRow(context.Background(), `SELECT proposal, kind, suggested_tier_id FROM tier_evaluations
		WHERE partner_profile_id = $1 AND run_key = 'probation-end-2027-01-30'`, falling).Scan(&proposal, &kind, &suggested))
	require.Equal(t, []any{"DOWNGRADE", "PROBATION_END", b.tierID(t, "SILVER")}, []any{proposal, kind, suggested})
	on, _ = status(falling)
	require.True(t, on, "still on probation until a partner manager decides")
	on, _ = status(recovering)
	require.False(t, on, "recovered: off probation")
	require.Equal(t, "HOLD", queryString(t, b, "SELECT proposal FROM tier_evaluations WHERE partner_profile_id = $1 AND run_key = 'probation-end-2027-01-30'", recovering))
	require.Zero(t, sweep("2027-01-30").Written(), "the sweep is idempotent")

	// The partner manager takes the downgrade.
	evID := b.queryInt(t, "SELECT id FROM tier_evaluations WHERE partner_profile_id = $1 AND run_key = 'probation-end-2027-01-30'", falling)
	silver := b.tierID(t, "SILVER")
	_, err = svc.Decide(b.as(t, "pm01@summit.example"), b.client, evID, partners.Decision{TierID: &silver, Reason: "probation ended", Evidence: "H2 figures"})
	require.NoError(t, err)
	on, _ = status(falling)
	require.False(t, on)
	require.Equal(t, silver, b.queryInt(t, "SELECT tier_id FROM partner_profiles WHERE id = $1", falling))
}

// Two nodes running the same period at once change each partner once.
func TestConcurrentRunsChangeEachPartnerOnce(t *testing.T) {
	t.Parallel()
	b := setup(t, 600)
	b.exec(t, "UPDATE partner_profiles SET on_probation = false, probation_until = NULL, probation_started_on = NULL")
	svc := partners.Service{Now: b.clock}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range 2 {
		wg.Go(func() {
			_, errs[i] = svc.Reevaluate(b.sys, b.pool, partners.RunInput{RunKey: "2026-H2", ChunkSize: 7})
		})
	}
	wg.Wait()
	require.NoError(t, errs[0])
	require.NoError(t, errs[1])
	evaluations := b.queryInt(t, "SELECT count(*) FROM tier_evaluations WHERE run_key = '2026-H2'")
	require.Positive(t, evaluations)
	require.Equal(t, evaluations, b.queryInt(t, "SELECT count(*) FROM audit_events WHERE action = 'tier_evaluation.propose'"))
	require.Equal(t, b.queryInt(t, "SELECT count(*) FROM partner_profiles WHERE on_probation"),
		b.queryInt(t, "SELECT count(*) FROM audit_events WHERE action = 'partner.probation_started'"))
	require.Equal(t, b.queryInt(t, "SELECT count(*) FROM partner_profiles WHERE on_probation"),
		b.queryInt(t, "SELECT count(*) FROM tier_evaluations WHERE run_key = '2026-H2' AND proposal = 'PROBATION'"))
}

func queryString(t *testing.T, b *bundle, q string, args ...any) string {
	t.Helper()
	var s string
	require.NoError(t, b.pool.QueryRow(context.Background(), q, args...).Scan(&s), q)
	return s
}

func date(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	require.NoError(t, err)
	return d
}

// Performance rolls up the distribution chain in SQL, and a chain cannot
// be made to loop.
func TestRollUpAlongTheChain(t *testing.T) {
	t.Parallel()
	b := setup(t, 400)
	require.Positive(t, b.queryInt(t, "SELECT count(*) FROM partner_profiles WHERE parent_id IS NOT NULL"), "the seed links partners")
	top, mid, leaf := b.partnerIn(t, "EAST", "GOLD"), b.partnerIn(t, "EAST", "SILVER"), b.partnerIn(t, "EAST", "CERTIFIED")
	for id, perf := range map[int]int64{top: 100, mid: 20, leaf: 3} {
		b.exec(t, "UPDATE partner_profiles SET annual_performance_minor = $2 WHERE id = $1", id, perf)
	}
	svc := partners.Service{Now: b.clock}
	pm := b.as(t, "pm01@summit.example")
	_, err := svc.UpdateProfile(pm, b.client, mid, partners.ProfilePatch{ParentID: &top})
	require.NoError(t, err)
	_, err = svc.UpdateProfile(pm, b.client, leaf, partners.ProfilePatch{ParentID: &mid, RegionsCovered: []string{"north", "EAST"}})
	require.NoError(t, err)
	figures, err := partners.FiguresOf(pm, b.client, []int{top, mid, leaf})
	require.NoError(t, err)
	require.EqualValues(t, 123, figures[top].Performance)
	require.EqualValues(t, 100, figures[top].OwnPerformance)
	require.Equal(t, 2, figures[top].SubPartners)
	require.EqualValues(t, 23, figures[mid].Performance)
	require.EqualValues(t, 3, figures[leaf].Performance)
	require.Equal(t, `["EAST", "NORTH"]`, queryString(t, b, "SELECT regions_covered::text FROM partner_profiles WHERE id = $1", leaf))

	_, err = svc.UpdateProfile(pm, b.client, top, partners.ProfilePatch{ParentID: &leaf})
	requireRefusal(t, err, refusal.Conflict, "input.parentID")
	_, err = svc.UpdateProfile(pm, b.client, top, partners.ProfilePatch{ParentID: &top})
	requireRefusal(t, err, refusal.Invalid, "input.parentID")
	require.Equal(t, 2, b.queryInt(t, "SELECT count(*) FROM audit_events WHERE action = 'partner.update' AND entity_id IN ($1, $2)", mid, leaf))
}
