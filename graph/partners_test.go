package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/graph"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/partners"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

// newPartnersFixture is a seeded database large enough for every tier to
// have partners in every region, served with units of work (mutations
// commit), and the demo users' viewers.
func newPartnersFixture(t *testing.T, accounts int) *matrixFixture {
	t.Helper()
	pool := testdb.NewPool(t)
	_, err := seed.Run(context.Background(), pool, seed.Options{Accounts: accounts, Seed: 3})
	require.NoError(t, err)
	client := database.NewClient(pool)
	f := &matrixFixture{pool: pool, client: client, viewers: map[string]*viewer.Viewer{}}
	for _, email := range []string{"admin@summit.example", "exec01@summit.example", "pm01@summit.example", "pm05@summit.example", "kam01@summit.example"} {
		f.viewers[email] = testdb.Viewer(t, pool, email)
	}
	handler := graph.NewHandler(client, graph.HandlerConfig{Pool: pool})
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if v, ok := f.viewers[r.Header.Get("X-Test-Viewer")]; ok {
			r = r.WithContext(viewer.NewContext(r.Context(), v))
		}
		handler.ServeHTTP(w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *matrixFixture) mustQuery(t *testing.T, email, q string, vars map[string]any, out any) {
	t.Helper()
	res := f.query(t, email, q, vars)
	require.Empty(t, res.Errors, "%s: %s", email, q)
	require.NoError(t, json.Unmarshal(res.Data, out))
}

func (f *matrixFixture) count(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, f.pool.QueryRow(context.Background(), q, args...).Scan(&n), q)
	return n
}

type draftProposal struct {
	ID            string
	Proposal      string
	RunKey        string
	SuggestedTier *struct {
		ID   string
		Code string
		Rank int
	}
}

// Acceptance: a re-evaluation of the seed produces proposals (counts by
// tier in the output), and a partner manager takes one distributor from
// proposal to decision through GraphQL, with an executive's approval when
// the move is into the top two tiers.
func TestPartnerProposalToDecision(t *testing.T) {
	t.Parallel()
	f := newPartnersFixture(t, 2000)
	ctx := viewer.System(context.Background(), "test")
	res, err := partners.Service{}.Reevaluate(ctx, f.pool, partners.RunInput{RunKey: "2026-H2"})
	require.NoError(t, err)
	require.Positive(t, res.Written())
	t.Logf("re-evaluation 2026-H2 of %d partners: %d evaluations, %d put on probation, %d notifications",
		res.Evaluated, res.Written(), res.ProbationStarted, res.Notified)
	for _, tier := range []string{"GENERAL_DISTRIBUTOR", "TIER1", "GOLD", "SILVER", "CERTIFIED", ""} {
		if byProposal := res.ByTier[tier]; len(byProposal) > 0 {
			t.Logf("  %-19s upgrade %d, probation %d, downgrade %d, hold %d", tier+":", byProposal[partners.ProposeUpgrade],
				byProposal[partners.ProposeProbation], byProposal[partners.ProposeDowngrade], byProposal[partners.ProposeHold])
		}
	}

	// pm01 (EAST) lists the distributors with a pending proposal.
	const pm = "pm01@summit.example"
	var page struct {
		Partners struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					ID           string
					Account      struct{ Name, Region string }
					Tier         *struct{ Code string }
					TierProgress struct {
						Standing      string
						SupportedTier *struct{ Code string }
						Gaps          []struct{ TextEn, Text string }
						Tiers         []struct {
							Passed   bool
							Criteria []struct {
								Criterion string
								Passed    bool
							}
						}
					}
					RolledUpPerformance int64
					Evaluations         struct {
						Edges []struct{ Node draftProposal }
					}
				}
			}
		}
	}
	f.mustQuery(t, pm, `{ partners(first: 100, where: {pendingEvaluation: true}) { totalCount edges { node {
		id account { name region } tier { code }
		tierProgress { standing supportedTier { code } gaps { textEn text } tiers { passed criteria { criterion passed } } }
		rolledUpPerformance
		evaluations(where: {status: DRAFT, runKey: "2026-H2"}) { edges { node { id proposal runKey suggestedTier { id code rank } } } }
	} } } }`, nil, &page)
	require.Equal(t, f.count(t, `SELECT count(DISTINCT p.id) FROM partner_profiles p JOIN accounts a ON a.id = p.account_id
		JOIN tier_evaluations e ON e.partner_profile_id = p.id AND e.status IN ('DRAFT', 'SUBMITTED') WHERE a.region = 'EAST'`), page.Partners.TotalCount)
	var partnerID string
	var proposal *draftProposal
	for _, e := range page.Partners.Edges {
		n := e.Node
		require.Equal(t, "EAST", n.Account.Region)
		require.Len(t, n.TierProgress.Tiers, 5)
		for _, ev := range n.Evaluations.Edges {
			if ev.Node.Proposal == "UPGRADE" && proposal == nil {
				require.Equal(t, "ABOVE", n.TierProgress.Standing)
				require.Equal(t, ev.Node.SuggestedTier.Code, n.TierProgress.SupportedTier.Code)
				partnerID, proposal = n.ID, &ev.Node
			}
		}
	}
	require.NotNil(t, proposal, "an EAST partner has an upgrade proposal")
	t.Logf("pm01 decides proposal %s: upgrade partner %s to %s", proposal.ID, partnerID, proposal.SuggestedTier.Code)

	// The decision needs evidence when the tier changes.
	decide := `mutation($id: ID!, $tier: ID, $evidence: String, $reason: String!) {
		decideTierEvaluation(id: $id, tierID: $tier, evidence: $evidence, reason: $reason) {
			id status requiresExecutiveApproval decidedTier { code } decidedBy { email } } }`
	r := f.query(t, pm, decide, map[string]any{"id": proposal.ID, "tier": proposal.SuggestedTier.ID, "reason": "numbers support it"})
	require.Len(t, r.Errors, 1)
	require.Equal(t, "BAD_USER_INPUT", r.Errors[0].Extensions["code"])
	require.Equal(t, "evidence", r.Errors[0].Extensions["field"])

	var decided struct {
		DecideTierEvaluation struct {
			ID, Status                string
			RequiresExecutiveApproval bool
			DecidedTier               struct{ Code string }
			DecidedBy                 struct{ Email string }
		}
	}
	f.mustQuery(t, pm, decide, map[string]any{"id": proposal.ID, "tier": proposal.SuggestedTier.ID,
		"evidence": "2026 audited statements; staff certificates checked", "reason": "numbers support it"}, &decided)
	d := decided.DecideTierEvaluation
	require.Equal(t, pm, d.DecidedBy.Email)
	require.Equal(t, proposal.SuggestedTier.Code, d.DecidedTier.Code)
	if proposal.SuggestedTier.Rank <= partners.ExecutiveApprovalRanks {
		require.Equal(t, "SUBMITTED", d.Status)
		require.True(t, d.RequiresExecutiveApproval)
		r := f.query(t, pm, `mutation($id: ID!) { approveTierEvaluation(id: $id) { status } }`, map[string]any{"id": d.ID})
		require.Equal(t, "FORBIDDEN", r.Errors[0].Extensions["code"])
		f.mustQuery(t, "exec01@summit.example", `mutation($id: ID!) { approveTierEvaluation(id: $id, note: "ok") { status } }`,
			map[string]any{"id": d.ID}, &struct{}{})
	} else {
		require.Equal(t, "APPLIED", d.Status)
	}

	// The partner now holds the tier; the evaluation is history.
	var after struct {
		Node struct {
			Tier        struct{ Code string }
			OnProbation bool
			TierSince   *string
			Evaluations struct {
				Edges []struct{ Node struct{ ID, Status string } }
			}
		}
	}
	f.mustQuery(t, pm, `query($id: ID!) { node(id: $id) { ... on PartnerProfile { tier { code } onProbation tierSince
		evaluations(where: {runKey: "2026-H2"}) { edges { node { id status } } } } } }`, map[string]any{"id": partnerID}, &after)
	require.Equal(t, proposal.SuggestedTier.Code, after.Node.Tier.Code)
	require.False(t, after.Node.OnProbation)
	require.NotNil(t, after.Node.TierSince)
	require.Equal(t, "APPLIED", after.Node.Evaluations.Edges[0].Node.Status)
	require.Equal(t, 1, f.count(t, "SELECT count(*) FROM audit_events WHERE action = 'partner.tier_change' AND entity_id = $1", atoi(t, partnerID)))
}

// A partner manager of EAST neither sees, counts nor decides WEST partners;
// an admin configures the ladder and a CONFLICT protects held tiers.
func TestPartnersRegionScopingAndLadder(t *testing.T) {
	t.Parallel()
	f := newPartnersFixture(t, 600)
	ctx := viewer.System(context.Background(), "test")
	west := f.count(t, `SELECT p.id FROM partner_profiles p JOIN accounts a ON a.id = p.account_id WHERE a.region = 'WEST' ORDER BY p.id LIMIT 1`)
	ev, err := partners.Service{}.Evaluate(ctx, f.client, west)
	require.NoError(t, err)

	r := f.query(t, "pm01@summit.example", `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": fmt.Sprint(west)})
	require.Equal(t, "NOT_FOUND", r.Errors[0].Extensions["code"])
	r = f.query(t, "pm01@summit.example", `mutation($id: ID!) { decideTierEvaluation(id: $id, reason: "r", evidence: "e") { id } }`,
		map[string]any{"id": fmt.Sprint(ev.ID)})
	require.Equal(t, "NOT_FOUND", r.Errors[0].Extensions["code"])
	r = f.query(t, "pm01@summit.example", `mutation($id: ID!) { evaluatePartner(partnerID: $id) { id } }`, map[string]any{"id": fmt.Sprint(west)})
	require.Equal(t, "NOT_FOUND", r.Errors[0].Extensions["code"])

	counts := func(email string) (all, west, probation int) {
		var out struct {
			All, West, Probation struct{ TotalCount int }
		}
		f.mustQuery(t, email, `{ all: partners { totalCount } west: partners(where: {region: "WEST"}) { totalCount }
			probation: partners(where: {onProbation: true}) { totalCount } }`, nil, &out)
		return out.All.TotalCount, out.West.TotalCount, out.Probation.TotalCount
	}
	all, westCount, probation := counts("pm01@summit.example")
	require.Equal(t, f.count(t, `SELECT count(*) FROM partner_profiles p JOIN accounts a ON a.id = p.account_id WHERE a.region = 'EAST'`), all)
	require.Zero(t, westCount)
	require.Equal(t, f.count(t, `SELECT count(*) FROM partner_profiles p JOIN accounts a ON a.id = p.account_id WHERE a.region = 'EAST' AND p.on_probation`), probation)
	all, westCount, _ = counts("admin@summit.example")
	require.Equal(t, f.count(t, "SELECT count(*) FROM partner_profiles"), all)
	require.Equal(t, f.count(t, `SELECT count(*) FROM partner_profiles p JOIN accounts a ON a.id = p.account_id
		WHERE a.region = 'WEST' OR p.regions_covered @> '["WEST"]'`), westCount)
	var ordered struct {
		Partners struct {
			Edges []struct {
				Node struct{ AnnualPerformanceMinor int64 }
			}
		}
	}
	f.mustQuery(t, "pm01@summit.example", `{ partners(first: 5, orderBy: {field: PERFORMANCE, direction: DESC}) {
		edges { node { annualPerformanceMinor } } } }`, nil, &ordered)
	require.Len(t, ordered.Partners.Edges, 5)
	for i := 1; i < 5; i++ {
		require.GreaterOrEqual(t, ordered.Partners.Edges[i-1].Node.AnnualPerformanceMinor, ordered.Partners.Edges[i].Node.AnnualPerformanceMinor)
	}
	require.Equal(t, int64(f.count(t, `SELECT max(annual_performance_minor) FROM partner_profiles p JOIN accounts a ON a.id = p.account_id WHERE a.region = 'EAST'`)),
		ordered.Partners.Edges[0].Node.AnnualPerformanceMinor)

	// The WEST partner manager decides it.
	var ok struct{ DecideTierEvaluation struct{ Status string } }
	f.mustQuery(t, "pm05@summit.example", `mutation($id: ID!) { decideTierEvaluation(id: $id, reason: "r", evidence: "e") { status } }`,
		map[string]any{"id": fmt.Sprint(ev.ID)}, &ok)
	require.Equal(t, "APPLIED", ok.DecideTierEvaluation.Status)

	// Ladder: admins only; ranks unique; held tiers cannot go.
	create := `mutation($in: CreatePartnerTierInput!) { createPartnerTier(input: $in) { id code rank requirements { criterion minValue } } }`
	in := map[string]any{"code": "REGISTERED", "rank": 6, "name": "注册经销商", "nameEn": "Registered dealer",
		"requirements": []map[string]any{{"criterion": "CERTIFIED_STAFF", "min": 1}},
		"benefits":     []map[string]any{{"kind": "DISCOUNT", "value": 150}}}
	r = f.query(t, "pm01@summit.example", create, map[string]any{"in": in})
	require.Equal(t, "FORBIDDEN", r.Errors[0].Extensions["code"])
	in["rank"] = 2
	r = f.query(t, "admin@summit.example", create, map[string]any{"in": in})
	require.Equal(t, "CONFLICT", r.Errors[0].Extensions["code"])
	in["rank"] = 6
	var created struct{ CreatePartnerTier struct{ ID string } }
	f.mustQuery(t, "admin@summit.example", create, map[string]any{"in": in}, &created)
	var ladder struct {
		PartnerTiers []struct {
			Code     string
			Rank     int
			Benefits []struct{ Kind string }
		}
	}
	f.mustQuery(t, "pm01@summit.example", `{ partnerTiers { code rank benefits { kind } } }`, nil, &ladder)
	require.Len(t, ladder.PartnerTiers, 6)
	require.Equal(t, "GENERAL_DISTRIBUTOR", ladder.PartnerTiers[0].Code)
	require.Equal(t, "REGISTERED", ladder.PartnerTiers[5].Code)

	gold := f.count(t, "SELECT id FROM partner_tiers WHERE code = 'GOLD'")
	r = f.query(t, "admin@summit.example", `mutation($id: ID!) { deletePartnerTier(id: $id) }`, map[string]any{"id": fmt.Sprint(gold)})
	require.Equal(t, "CONFLICT", r.Errors[0].Extensions["code"])
	var deleted struct{ DeletePartnerTier string }
	f.mustQuery(t, "admin@summit.example", `mutation($id: ID!) { deletePartnerTier(id: $id) }`, map[string]any{"id": created.CreatePartnerTier.ID}, &deleted)
	require.Equal(t, 5, f.count(t, "SELECT count(*) FROM partner_tiers"))
}
