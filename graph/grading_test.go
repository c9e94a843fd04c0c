package graph_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/graph"
	"github.com/summitkam/summit/internal/classes"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
	"github.com/summitkam/summit/workers"
)

// Grading, review cycles and class governance over real HTTP, with the
// handler as `summit serve` builds it: mutations in units of work that
// enqueue River jobs, and a worker running them.

const (
	gradingAdmin = "admin@summit.example"
	gradingExec  = "exec01@summit.example"
	gradingKAM   = "kam01@summit.example"
	gradingKAM2  = "kam02@summit.example"
)

// newGradingFixture seeds the demo accounts, installs the presets, serves
// GraphQL with a pool (units of work, simulations) and starts the workers.
func newGradingFixture(t *testing.T) *matrixFixture {
	t.Helper()
	ctx := context.Background()
	pool := testdb.NewPool(t)
	_, err := seed.Run(ctx, pool, seed.Options{Accounts: 160, Seed: 11})
	require.NoError(t, err)
	client := database.NewClient(pool)
	_, err = classes.EnsurePresets(viewer.System(ctx, "test"), client)
	require.NoError(t, err)
	f := &matrixFixture{pool: pool, client: client, viewers: map[string]*viewer.Viewer{}}
	for _, email := range matrixEmails {
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

	jobs, err := workers.NewClient(pool, workers.Config{ReviewSchedule: review.Off, ReviewChunkSize: 1000})
	require.NoError(t, err)
	require.NoError(t, jobs.Start(context.Background()))
	t.Cleanup(func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		require.NoError(t, workers.Stop(stopCtx, jobs))
	})
	return f
}

// gradingData runs q and decodes data into out, failing on any error.
func gradingData(t *testing.T, f *matrixFixture, email, q string, vars map[string]any, out any) {
	t.Helper()
	res := f.query(t, email, q, vars)
	require.Empty(t, res.Errors, "%s: %s", email, q)
	require.NoError(t, json.Unmarshal(res.Data, out))
}

// gradingErrCode runs q and returns the code of its single error.
func gradingErrCode(t *testing.T, f *matrixFixture, email, q string, vars map[string]any) (string, map[string]any) {
	t.Helper()
	res := f.query(t, email, q, vars)
	require.Len(t, res.Errors, 1, "%s: %s", email, q)
	code, _ := res.Errors[0].Extensions["code"].(string)
	return code, res.Errors[0].Extensions
}

func gradingInt(t *testing.T, f *matrixFixture, q string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, f.pool.QueryRow(context.Background(), q, args...).Scan(&n))
	return n
}

// gradingPublishedVersion returns the published version of the preset key.
func gradingPublishedVersion(t *testing.T, f *matrixFixture, key string) string {
	t.Helper()
	var out struct {
		GradingModels struct {
			Edges []struct {
				Node struct {
					Key      string
					Versions []struct {
						ID     string
						Status string
					}
				}
			}
		}
	}
	gradingData(t, f, gradingAdmin, `query($key: String!) { gradingModels(first: 5, where: {key: $key}) {
		edges { node { key versions { id status } } } } }`, map[string]any{"key": key}, &out)
	require.Len(t, out.GradingModels.Edges, 1)
	for _, v := range out.GradingModels.Edges[0].Node.Versions {
		if v.Status == "PUBLISHED" {
			return v.ID
		}
	}
	t.Fatalf("preset %s has no published version", key)
	return ""
}

type reviewCycleOut struct {
	ID       string
	Name     string
	Status   string
	Progress struct {
		Total, Done, Chunks, ChunksDone int
		NewlyClassified                 int
		ByClass                         []struct {
			Class string
			Count int
		}
		ByStatus []struct {
			Status string
			Count  int
		}
	}
}

const reviewCycleFields = `id name status progress { total done chunks chunksDone newlyClassified
	byClass { class count } byStatus { status count } }`

func reviewCycle(t *testing.T, f *matrixFixture, email, id string) reviewCycleOut {
	t.Helper()
	var out struct{ Node reviewCycleOut }
	gradingData(t, f, email, `query($id: ID!) { node(id: $id) { ... on ReviewCycle { `+reviewCycleFields+` } } }`,
		map[string]any{"id": id}, &out)
	return out.Node
}

func reviewWait(t *testing.T, f *matrixFixture, id, status string) reviewCycleOut {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		c := reviewCycle(t, f, gradingExec, id)
		if c.Status == status {
			return c
		}
		require.True(t, time.Now().Before(deadline), "review cycle %s is %s, want %s", id, c.Status, status)
		time.Sleep(50 * time.Millisecond)
	}
}

// reviewResultIDs lists the cycle's results with one of statuses, as email reads them.
func reviewResultIDs(t *testing.T, f *matrixFixture, email, cycleID string, statuses ...string) []string {
	t.Helper()
	var ids []string
	after := any(nil)
	for {
		var out struct {
			Node struct {
				Results struct {
					PageInfo struct {
						HasNextPage bool
						EndCursor   string
					}
					Edges []struct{ Node struct{ ID string } }
				}
			}
		}
		gradingData(t, f, email, `query($id: ID!, $after: Cursor, $statuses: [ReviewResultStatus!]) { node(id: $id) { ... on ReviewCycle {
			results(first: 200, after: $after, where: {statusIn: $statuses}) { pageInfo { hasNextPage endCursor } edges { node { id } } } } } }`,
			map[string]any{"id": cycleID, "after": after, "statuses": statuses}, &out)
		for _, e := range out.Node.Results.Edges {
			ids = append(ids, e.Node.ID)
		}
		if !out.Node.Results.PageInfo.HasNextPage {
			return ids
		}
		after = out.Node.Results.PageInfo.EndCursor
	}
}

// On the demo data, a review started through GraphQL completes, an owner
// contests, an executive approves, it is published, and the account's class
// history shows the model version and explanation.
func TestReviewCycleOverHTTP(t *testing.T) {
	t.Parallel()
	f := newGradingFixture(t)
	versionID := gradingPublishedVersion(t, f, "computer_maker_scorecard")
	accounts := gradingInt(t, f, "SELECT count(*) FROM accounts WHERE NOT archived")

	const start = `mutation($v: ID!, $name: String!, $asOf: Time) { startReviewCycle(scope: ALL, modelVersionID: $v, name: $name, asOf: $asOf) { ` + reviewCycleFields + ` } }`
	vars := map[string]any{"v": versionID, "name": "2026-Q4", "asOf": "2026-11-01T00:00:00Z"}
	code, _ := gradingErrCode(t, f, gradingKAM, start, vars)
	require.Equal(t, "FORBIDDEN", code, "managers do not start reviews")
	var started struct{ StartReviewCycle reviewCycleOut }
	gradingData(t, f, gradingExec, start, vars, &started)
	require.Equal(t, "RUNNING", started.StartReviewCycle.Status)
	code, ext := gradingErrCode(t, f, gradingExec, start, vars)
	require.Equal(t, "CONFLICT", code, "names are unique")
	require.Equal(t, "name", ext["field"])

	cycleID := started.StartReviewCycle.ID
	cycle := reviewWait(t, f, cycleID, "IN_REVIEW")
	require.Equal(t, accounts, cycle.Progress.Total)
	require.Equal(t, accounts, cycle.Progress.Done)
	require.Equal(t, accounts, cycle.Progress.NewlyClassified)
	byClass := 0
	for _, c := range cycle.Progress.ByClass {
		byClass += c.Count
	}
	require.Equal(t, accounts, byClass)

	// A manager contests a proposal of one of their accounts, with a reason;
	// one of another manager's accounts is invisible to them.
	own := reviewResultIDs(t, f, gradingKAM, cycleID, "PROPOSED")
	require.NotEmpty(t, own)
	const contest = `mutation($id: ID!, $r: String!) { contestReviewResult(id: $id, reason: $r) { id status contestReason } }`
	code, ext = gradingErrCode(t, f, gradingKAM, contest, map[string]any{"id": own[0], "r": " "})
	require.Equal(t, "BAD_USER_INPUT", code)
	require.Equal(t, "reason", ext["field"])
	var contested struct {
		ContestReviewResult struct{ Status, ContestReason string }
	}
	gradingData(t, f, gradingKAM, contest, map[string]any{"id": own[0], "r": "signed a framework agreement last week"}, &contested)
	require.Equal(t, "CONTESTED", contested.ContestReviewResult.Status)
	others := reviewResultIDs(t, f, gradingKAM2, cycleID, "PROPOSED")
	code, _ = gradingErrCode(t, f, gradingKAM, contest, map[string]any{"id": others[0], "r": "not mine"})
	require.Equal(t, "NOT_FOUND", code)

	// Publishing waits for the executive's decisions.
	const publish = `mutation($id: ID!) { publishReviewCycle(id: $id) { id status } }`
	code, _ = gradingErrCode(t, f, gradingExec, publish, map[string]any{"id": cycleID})
	require.Equal(t, "CONFLICT", code)
	waiting := reviewResultIDs(t, f, gradingExec, cycleID, "PENDING_APPROVAL", "CONTESTED")
	require.Greater(t, len(waiting), 1)
	const approve = `mutation($ids: [ID!]!) { approveReviewResults(ids: $ids, note: "agreed") { id status } }`
	code, _ = gradingErrCode(t, f, gradingKAM, approve, map[string]any{"ids": waiting})
	require.Equal(t, "FORBIDDEN", code, "only executives approve")
	var approved struct{ ApproveReviewResults []struct{ Status string } }
	gradingData(t, f, gradingExec, approve, map[string]any{"ids": waiting}, &approved)
	require.Len(t, approved.ApproveReviewResults, len(waiting))
	require.Equal(t, "APPROVED", approved.ApproveReviewResults[0].Status)

	var published struct{ PublishReviewCycle struct{ Status string } }
	gradingData(t, f, gradingExec, publish, map[string]any{"id": cycleID}, &published)
	require.Equal(t, "PUBLISHING", published.PublishReviewCycle.Status)
	reviewWait(t, f, cycleID, "PUBLISHED")

	// The manager's account: its class, and the history with the model
	// version and explanation.
	accountID := gradingInt(t, f, "SELECT account_id FROM review_results WHERE id = $1", atoi(t, own[0]))
	var acc struct {
		Node struct {
			CurrentClass string
			ClassHistory struct {
				TotalCount int
				Edges      []struct {
					Node struct {
						Class        string
						Source       string
						Explanation  json.RawMessage
						ModelVersion struct{ ID string }
						ReviewCycle  struct{ Name string }
					}
				}
			}
		}
	}
	gradingData(t, f, gradingKAM, `query($id: ID!) { node(id: $id) { ... on Account { currentClass
		classHistory(first: 5) { totalCount edges { node { class source explanation modelVersion { id } reviewCycle { name } } } } } } }`,
		map[string]any{"id": strconv.Itoa(accountID)}, &acc)
	require.NotEmpty(t, acc.Node.CurrentClass)
	require.Equal(t, 1, acc.Node.ClassHistory.TotalCount)
	h := acc.Node.ClassHistory.Edges[0].Node
	require.Equal(t, acc.Node.CurrentClass, h.Class)
	require.Equal(t, "MODEL", h.Source)
	require.Equal(t, versionID, h.ModelVersion.ID)
	require.Equal(t, "2026-Q4", h.ReviewCycle.Name)
	var explanation struct {
		ModelKind string `json:"model_kind"`
		Criteria  []struct{ Metric string }
		Decision  struct{ Text string }
	}
	require.NoError(t, json.Unmarshal(h.Explanation, &explanation))
	require.Equal(t, "weighted_scorecard", explanation.ModelKind)
	require.Len(t, explanation.Criteria, 6)
	require.NotEmpty(t, explanation.Decision.Text)

	// Every account classed, audited, its owner told once.
	require.Equal(t, accounts, gradingInt(t, f, "SELECT count(*) FROM accounts WHERE current_class IS NOT NULL"))
	require.Equal(t, accounts, gradingInt(t, f, "SELECT count(*) FROM audit_events WHERE action = 'class.change'"))
	require.Equal(t, gradingInt(t, f, "SELECT count(*) FROM accounts WHERE owner_id IS NOT NULL"),
		gradingInt(t, f, "SELECT count(*) FROM notifications WHERE kind = 'class.changed'"))
	require.Equal(t, 1, gradingInt(t, f, "SELECT count(*) FROM audit_events WHERE action = 'review.contest'"))
}

// Admins create, validate, edit and publish models; one version is
// published per scope; simulations grade live data without writing.
func TestGradingRegistryOverHTTP(t *testing.T) {
	t.Parallel()
	f := newGradingFixture(t)
	presetVersion := gradingPublishedVersion(t, f, "computer_maker_scorecard")

	var presets struct {
		GradingPresets []struct {
			Key   string
			Model *struct{ Key string }
		}
	}
	gradingData(t, f, gradingKAM, `{ gradingPresets { key model { key } } }`, nil, &presets)
	require.Len(t, presets.GradingPresets, len(grading.Presets()))
	for _, p := range presets.GradingPresets {
		require.NotNil(t, p.Model, "preset %s is installed", p.Key)
	}

	var validation struct {
		ValidateGradingModelConfig struct {
			Valid    bool
			Problems []struct{ Path, Message string }
		}
	}
	bad := map[string]any{"metric": "revenue_12m", "thresholds": []any{map[string]any{"level": "A", "min": -1}}, "class_mapping": map[string]any{"A": "X"}}
	gradingData(t, f, gradingKAM, `query($c: JSON!) { validateGradingModelConfig(kind: TIERED_LADDER, config: $c) { valid problems { path message } } }`,
		map[string]any{"c": bad}, &validation)
	require.False(t, validation.ValidateGradingModelConfig.Valid)
	require.NotEmpty(t, validation.ValidateGradingModelConfig.Problems)

	const create = `mutation($in: CreateGradingModelInput!) { createGradingModel(input: $in) { id key scope versions { id number status } } }`
	ladder := map[string]any{
		"metric":        "revenue_12m",
		"thresholds":    []any{map[string]any{"level": "top", "min": 100000000}, map[string]any{"level": "rest"}},
		"class_mapping": map[string]any{"top": "A", "rest": "C"},
	}
	in := map[string]any{"key": "revenue_ladder", "name": "营收阶梯", "kind": "TIERED_LADDER", "config": ladder}
	code, _ := gradingErrCode(t, f, gradingKAM, create, map[string]any{"in": in})
	require.Equal(t, "FORBIDDEN", code)
	code, ext := gradingErrCode(t, f, gradingAdmin, create, map[string]any{"in": acctWith(in, map[string]any{"config": bad})})
	require.Equal(t, "BAD_USER_INPUT", code)
	require.NotEmpty(t, ext["problems"])
	var created struct {
		CreateGradingModel struct {
			ID       string
			Scope    string
			Versions []struct {
				ID     string
				Number int
				Status string
			}
		}
	}
	gradingData(t, f, gradingAdmin, create, map[string]any{"in": in}, &created)
	require.Equal(t, "ALL", created.CreateGradingModel.Scope)
	require.Len(t, created.CreateGradingModel.Versions, 1)
	draft := created.CreateGradingModel.Versions[0]
	require.Equal(t, "DRAFT", draft.Status)

	// Simulate the draft: no writes; executives too, managers not.
	const simulate = `query($v: ID!) { simulateGradingModel(versionID: $v, asOf: "2026-11-01T00:00:00Z", sample: 5) {
		total distribution { class count } movers { from to count } newlyClassified totalRevenue revenue { class revenue share }
		sample { accountID account { id } from to level explanation } } }`
	code, _ = gradingErrCode(t, f, gradingKAM, simulate, map[string]any{"v": draft.ID})
	require.Equal(t, "FORBIDDEN", code)
	var sim struct {
		SimulateGradingModel struct {
			Total           int
			NewlyClassified int
			TotalRevenue    int64
			Distribution    []struct {
				Class string
				Count int
			}
			Revenue []struct {
				Class   string
				Revenue int64
				Share   float64
			}
			Sample []struct {
				AccountID   string
				Account     *struct{ ID string }
				To          string
				Level       string
				Explanation json.RawMessage
			}
		}
	}
	audits := gradingInt(t, f, "SELECT count(*) FROM audit_events")
	gradingData(t, f, gradingExec, simulate, map[string]any{"v": draft.ID}, &sim)
	s := sim.SimulateGradingModel
	accounts := gradingInt(t, f, "SELECT count(*) FROM accounts WHERE NOT archived")
	require.Equal(t, accounts, s.Total)
	require.Equal(t, accounts, s.NewlyClassified)
	var distributed int
	var revenue int64
	for _, d := range s.Distribution {
		distributed += d.Count
	}
	for _, r := range s.Revenue {
		revenue += r.Revenue
	}
	require.Equal(t, accounts, distributed)
	require.Equal(t, s.TotalRevenue, revenue)
	require.Len(t, s.Sample, 5)
	require.NotNil(t, s.Sample[0].Account)
	require.Contains(t, string(s.Sample[0].Explanation), "decision")
	require.Equal(t, audits, gradingInt(t, f, "SELECT count(*) FROM audit_events"), "a simulation writes nothing")

	// Edit the draft, publish it: the preset published for ALL retires.
	const update = `mutation($id: ID!, $c: JSON) { updateGradingModelVersion(id: $id, config: $c, notes: "tuned") { id notes } }`
	ladder["thresholds"] = []any{map[string]any{"level": "top", "min": 200000000}, map[string]any{"level": "rest"}}
	var updated struct{ UpdateGradingModelVersion struct{ Notes string } }
	gradingData(t, f, gradingAdmin, update, map[string]any{"id": draft.ID, "c": ladder}, &updated)
	require.Equal(t, "tuned", updated.UpdateGradingModelVersion.Notes)
	const publish = `mutation($id: ID!) { publishGradingModelVersion(id: $id) { id status publishedAt } }`
	var pub struct{ PublishGradingModelVersion struct{ Status string } }
	gradingData(t, f, gradingAdmin, publish, map[string]any{"id": draft.ID}, &pub)
	require.Equal(t, "PUBLISHED", pub.PublishGradingModelVersion.Status)
	require.Equal(t, 1, gradingInt(t, f, `SELECT count(*) FROM grading_model_versions v JOIN grading_models m ON m.id = v.model_id
		WHERE v.status = 'PUBLISHED' AND m.scope = 'ALL'`))
	require.Equal(t, 1, gradingInt(t, f, "SELECT count(*) FROM grading_model_versions WHERE id = $1 AND status = 'RETIRED'", atoi(t, presetVersion)))
	code, _ = gradingErrCode(t, f, gradingAdmin, update, map[string]any{"id": draft.ID, "c": ladder})
	require.Equal(t, "CONFLICT", code, "a published version is immutable")
	require.Equal(t, 1, gradingInt(t, f, "SELECT count(*) FROM audit_events WHERE action = 'model.version.publish'"))

	// A new version numbers on.
	var v2 struct{ CreateGradingModelVersion struct{ Number int } }
	gradingData(t, f, gradingAdmin, `mutation($m: ID!, $c: JSON!) { createGradingModelVersion(modelID: $m, config: $c) { number } }`,
		map[string]any{"m": created.CreateGradingModel.ID, "c": ladder}, &v2)
	require.Equal(t, 2, v2.CreateGradingModelVersion.Number)
}

// Overrides: a reason is mandatory, moves into or out of S/A wait for an
// executive, everything lands in the class history and the audit trail.
// The accounts surface's own mutations keep working in the unit of work.
func TestClassOverrideOverHTTP(t *testing.T) {
	t.Parallel()
	f := newGradingFixture(t)
	kam := f.viewers[gradingKAM]
	accountID := gradingInt(t, f, "SELECT min(id) FROM accounts WHERE owner_id = $1", kam.UserID)
	id := strconv.Itoa(accountID)

	const override = `mutation($a: ID!, $c: AccountCurrentClass!, $r: String!) { overrideClass(accountID: $a, class: $c, reason: $r) {
		id class previousClass approvalStatus effectiveAt } }`
	type overrideOut struct {
		OverrideClass struct {
			ID, Class, ApprovalStatus string
			PreviousClass             *string
			EffectiveAt               *string
		}
	}
	code, ext := gradingErrCode(t, f, gradingKAM, override, map[string]any{"a": id, "c": "B", "r": ""})
	require.Equal(t, "BAD_USER_INPUT", code)
	require.Equal(t, "reason", ext["field"])
	code, _ = gradingErrCode(t, f, gradingKAM2, override, map[string]any{"a": id, "c": "B", "r": "not mine"})
	require.Equal(t, "NOT_FOUND", code)

	// Unclassified → B takes effect at once.
	var o overrideOut
	gradingData(t, f, gradingKAM, override, map[string]any{"a": id, "c": "B", "r": "steady repeat orders"}, &o)
	require.Equal(t, "NOT_REQUIRED", o.OverrideClass.ApprovalStatus)
	require.NotNil(t, o.OverrideClass.EffectiveAt)
	require.Equal(t, "B", gradingAccountClass(t, f, accountID))

	// B → A waits for an executive; a second request meanwhile is refused.
	gradingData(t, f, gradingKAM, override, map[string]any{"a": id, "c": "A", "r": "became the provincial reference customer"}, &o)
	require.Equal(t, "PENDING", o.OverrideClass.ApprovalStatus)
	require.Nil(t, o.OverrideClass.EffectiveAt)
	require.Equal(t, "B", gradingAccountClass(t, f, accountID), "a pending move has no effect")
	code, _ = gradingErrCode(t, f, gradingKAM, override, map[string]any{"a": id, "c": "C", "r": "changed my mind"})
	require.Equal(t, "CONFLICT", code)
	// Lack of permission wins over the account's state: a viewer (who reads
	// every account) learns nothing about the pending override.
	code, _ = gradingErrCode(t, f, "viewer@summit.example", override, map[string]any{"a": id, "c": "C", "r": "probing"})
	require.Equal(t, "FORBIDDEN", code, "a VIEWER must be refused for lack of permission, not told an override is pending")
	require.Equal(t, 1, gradingInt(t, f, "SELECT count(*) FROM notifications WHERE kind = 'class.approval_requested' AND recipient_id = $1",
		f.viewers[gradingExec].UserID))

	var pending struct {
		PendingClassAssignments struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	gradingData(t, f, gradingExec, `{ pendingClassAssignments(first: 10) { edges { node { id } } } }`, nil, &pending)
	require.Len(t, pending.PendingClassAssignments.Edges, 1)
	require.Equal(t, o.OverrideClass.ID, pending.PendingClassAssignments.Edges[0].Node.ID)

	const approve = `mutation($id: ID!) { approveClassAssignment(id: $id, note: "agreed at the QBR") { id approvalStatus approvedBy { email } effectiveAt } }`
	code, _ = gradingErrCode(t, f, gradingKAM, approve, map[string]any{"id": o.OverrideClass.ID})
	require.Equal(t, "FORBIDDEN", code)
	var approved struct {
		ApproveClassAssignment struct {
			ApprovalStatus string
			ApprovedBy     struct{ Email string }
		}
	}
	gradingData(t, f, gradingExec, approve, map[string]any{"id": o.OverrideClass.ID}, &approved)
	require.Equal(t, "APPROVED", approved.ApproveClassAssignment.ApprovalStatus)
	require.Equal(t, gradingExec, approved.ApproveClassAssignment.ApprovedBy.Email)
	require.Equal(t, "A", gradingAccountClass(t, f, accountID))

	// A → C is rejected: the class stays.
	gradingData(t, f, gradingKAM, override, map[string]any{"a": id, "c": "C", "r": "orders stopped"}, &o)
	require.Equal(t, "PENDING", o.OverrideClass.ApprovalStatus)
	code, _ = gradingErrCode(t, f, gradingExec, `mutation($id: ID!) { rejectClassAssignment(id: $id, note: "") { id } }`, map[string]any{"id": o.OverrideClass.ID})
	require.Equal(t, "BAD_USER_INPUT", code)
	gradingData(t, f, gradingExec, `mutation($id: ID!) { rejectClassAssignment(id: $id, note: "a seasonal dip") { id approvalStatus } }`,
		map[string]any{"id": o.OverrideClass.ID}, &struct{}{})
	require.Equal(t, "A", gradingAccountClass(t, f, accountID))

	var history struct {
		Node struct {
			ClassHistory struct {
				Edges []struct {
					Node struct {
						Class, ApprovalStatus, Reason string
						DecidedBy                     struct{ Email string }
					}
				}
			}
		}
	}
	gradingData(t, f, gradingKAM, `query($id: ID!) { node(id: $id) { ... on Account {
		classHistory(first: 10) { edges { node { class approvalStatus reason decidedBy { email } } } } } } }`, map[string]any{"id": id}, &history)
	var got []string
	for _, e := range history.Node.ClassHistory.Edges {
		got = append(got, e.Node.Class+":"+e.Node.ApprovalStatus)
		require.Equal(t, gradingKAM, e.Node.DecidedBy.Email)
		require.NotEmpty(t, e.Node.Reason)
	}
	require.Equal(t, []string{"C:REJECTED", "A:APPROVED", "B:NOT_REQUIRED"}, got, "newest first")
	require.Equal(t, 2, gradingInt(t, f, "SELECT count(*) FROM audit_events WHERE action = 'class.change' AND entity_id = $1", accountID))
	require.Equal(t, 1, gradingInt(t, f, "SELECT count(*) FROM audit_events WHERE action = 'class.reject'"))

	// Another surface's mutation runs in the unit of work unchanged.
	version := gradingInt(t, f, "SELECT version FROM accounts WHERE id = $1", accountID)
	res := f.query(t, gradingKAM, acctUpdateOp, map[string]any{"id": id, "v": version, "in": map[string]any{"name": "改名后的客户"}})
	require.Empty(t, res.Errors)
	require.Equal(t, 1, gradingInt(t, f, "SELECT count(*) FROM accounts WHERE id = $1 AND name = '改名后的客户'", accountID))
}

// Admins edit class policies with optimistic concurrency.
func TestClassPolicyOverHTTP(t *testing.T) {
	t.Parallel()
	f := newGradingFixture(t)
	var policies struct {
		ClassPolicies []struct {
			Class             string
			Version           int
			RequiredTeamRoles []string
		}
	}
	gradingData(t, f, gradingKAM, `{ classPolicies { class version requiredTeamRoles } }`, nil, &policies)
	require.Len(t, policies.ClassPolicies, 4)
	require.Equal(t, "S", policies.ClassPolicies[0].Class)
	s := policies.ClassPolicies[0]

	const update = `mutation($v: Int!, $in: UpdateClassPolicyInput!) { updateClassPolicy(class: S, version: $v, input: $in) {
		version contactCadenceDays requiredTeamRoles } }`
	in := map[string]any{"contactCadenceDays": 14, "requiredTeamRoles": []string{"EXECUTIVE_SPONSOR", "ACCOUNT_MANAGER"}}
	code, _ := gradingErrCode(t, f, gradingKAM, update, map[string]any{"v": s.Version, "in": in})
	require.Equal(t, "FORBIDDEN", code)
	code, ext := gradingErrCode(t, f, gradingAdmin, update, map[string]any{"v": s.Version, "in": map[string]any{"contactCadenceDays": 0}})
	require.Equal(t, "BAD_USER_INPUT", code)
	require.Equal(t, "input.contactCadenceDays", ext["field"])
	var out struct {
		UpdateClassPolicy struct {
			Version            int
			ContactCadenceDays int
			RequiredTeamRoles  []string
		}
	}
	gradingData(t, f, gradingAdmin, update, map[string]any{"v": s.Version, "in": in}, &out)
	require.Equal(t, s.Version+1, out.UpdateClassPolicy.Version)
	require.Equal(t, 14, out.UpdateClassPolicy.ContactCadenceDays)
	code, _ = gradingErrCode(t, f, gradingAdmin, update, map[string]any{"v": s.Version, "in": in})
	require.Equal(t, "CONFLICT", code, "a stale version")
	require.Equal(t, 1, gradingInt(t, f, "SELECT count(*) FROM audit_events WHERE action = 'class_policy.update'"))
}

func gradingAccountClass(t *testing.T, f *matrixFixture, id int) string {
	t.Helper()
	var class *string
	require.NoError(t, f.pool.QueryRow(context.Background(), "SELECT current_class FROM accounts WHERE id = $1", id).Scan(&class))
	if class == nil {
		return ""
	}
	return *class
}
