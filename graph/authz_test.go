package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/churnalert"
	"github.com/summitkam/summit/ent/classassignment"
	"github.com/summitkam/summit/ent/gradingmodel"
	"github.com/summitkam/summit/ent/reviewresult"
	"github.com/summitkam/summit/graph"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/auth"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

func TestMain(m *testing.M) {
	testdb.SetupTemplate(dbmigrate.Apply)
	os.Exit(testdb.RunMain(m))
}

// The authorization matrix: on seeded data with accounts owned by different
// managers, every role × every list, count, node(id:) of every type, nested
// edge and mutation is compared with an oracle written independently in
// plain SQL. It fails if any role sees or changes one row it should not.

// matrixFixture is a seeded database and the viewers of every role.
type matrixFixture struct {
	pool    *pgxpool.Pool
	client  *ent.Client
	srv     *httptest.Server
	viewers map[string]*viewer.Viewer // by email
}

// matrixEmails are the identities tested: one per role, two key-account
// managers (so "other manager's accounts" exist), a region-scoped and an
// unscoped partner manager, and a member who is only on teams.
var matrixEmails = []string{
	"admin@summit.example", "exec01@summit.example", "kam01@summit.example", "kam02@summit.example",
	"pm01@summit.example", "channel@summit.example", "sales01@summit.example", "viewer@summit.example",
}

func newMatrixFixture(t *testing.T) *matrixFixture {
	t.Helper()
	ctx := context.Background()
	pool := testdb.NewPool(t)
	_, err := seed.Run(ctx, pool, seed.Options{Accounts: 160, Seed: 11})
	require.NoError(t, err)
	client := database.NewClient(pool)
	f := &matrixFixture{pool: pool, client: client, viewers: map[string]*viewer.Viewer{}}
	addGovernanceRows(t, client)
	for _, email := range matrixEmails {
		f.viewers[email] = testdb.Viewer(t, pool, email)
	}
	f.addTokens(t)
	handler := graph.NewHandler(client, graph.HandlerConfig{})
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The test stands in for the auth middleware: it names the viewer.
		if v, ok := f.viewers[r.Header.Get("X-Test-Viewer")]; ok {
			r = r.WithContext(viewer.NewContext(r.Context(), v))
		}
		handler.ServeHTTP(w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// addGovernanceRows gives the types the seed does not write (plans,
// objectives, measures, actions, classes, reviews, alerts, tier
// evaluations, models, audit events, notifications) rows on a spread of
// accounts, so node(id:) of every type is exercised.
func addGovernanceRows(t *testing.T, client *ent.Client) {
	t.Helper()
	ctx := viewer.System(context.Background(), "test")
	preset, ok := grading.LookupPreset("computer_maker_scorecard")
	require.True(t, ok)
	model := client.GradingModel.Create().SetKey("cm").SetName("评分卡").SetKind(gradingmodel.KindWEIGHTED_SCORECARD).SaveX(ctx)
	version := client.GradingModelVersion.Create().SetModelID(model.ID).SetNumber(1).SetConfig(preset.Config).SaveX(ctx)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cycle := client.ReviewCycle.Create().SetName("2026-Q4").SetPeriodStart(start).SetPeriodEnd(start.AddDate(1, 0, -1)).SetModelVersionID(version.ID).SaveX(ctx)
	accounts := client.Account.Query().Order(account.ByID()).AllX(ctx)
	for i, a := range accounts {
		if i%4 != 0 {
			continue
		}
		plan := client.AccountPlan.Create().SetAccountID(a.ID).SetPeriod("FY2026").SetPeriodStart(start).SetPeriodEnd(start.AddDate(1, 0, -1)).SaveX(ctx)
		obj := client.Objective.Create().SetPlanID(plan.ID).SetTitle("收入目标").SetTargetValue(1_000_000_00).SaveX(ctx)
		client.Measure.Create().SetObjectiveID(obj.ID).SetAsOf(start.AddDate(0, 6, 0)).SetActualValue(400_000_00).ExecX(ctx)
		client.Action.Create().SetAccountID(a.ID).SetPlanID(plan.ID).SetObjectiveID(obj.ID).SetTitle("拜访决策人").ExecX(ctx)
		client.ClassAssignment.Create().SetAccountID(a.ID).SetClass(classassignment.ClassB).SetModelVersionID(version.ID).SetExplanation(json.RawMessage(`{}`)).ExecX(ctx)
		client.ReviewResult.Create().SetCycleID(cycle.ID).SetAccountID(a.ID).SetProposedClass(reviewresult.ProposedClassA).ExecX(ctx)
		client.ChurnAlert.Create().SetAccountID(a.ID).SetSeverity(churnalert.SeverityHIGH).SetRiskScore(60).
			SetSignals(json.RawMessage(`[]`)).SetOpenedAt(start).SetLastEvaluatedAt(start).ExecX(ctx)
		if a.OwnerID != nil {
			client.Notification.Create().SetRecipientID(*a.OwnerID).SetKind("alert.opened").SetTitle("预警").SetDedupKey(fmt.Sprintf("n-%d", a.ID)).ExecX(ctx)
			require.NoError(t, audit.Record(viewer.NewContext(ctx, &viewer.Viewer{Kind: viewer.KindUser, UserID: *a.OwnerID, Label: "owner"}),
				client, audit.Event{EntityType: "Account", EntityID: a.ID, Action: "account.update"}))
		}
	}
	profiles := client.PartnerProfile.Query().AllX(ctx)
	for _, p := range profiles {
		client.TierEvaluation.Create().SetPartnerProfileID(p.ID).SetInputs(json.RawMessage(`{}`)).SetEvaluatedAt(start).ExecX(ctx)
	}
}

// oracle answers, in plain SQL, which rows of a table a viewer may read.
type oracle struct {
	pool *pgxpool.Pool
}

// readableAccountsSQL is the access rule restated independently of package rule.
const readableAccountsSQL = `
	SELECT a.id FROM accounts a
	WHERE $1::bool
	   OR ($2::bool AND (a.owner_id = $3 OR EXISTS (SELECT 1 FROM account_team_members m WHERE m.account_id = a.id AND m.user_id = $3)))
	   OR ($4::bool AND a.kind = 'DISTRIBUTOR' AND (cardinality($5::text[]) = 0 OR a.region = ANY($5)))`

func accountArgs(v *viewer.Viewer) []any {
	all := v.HasAny(viewer.RoleAdmin, viewer.RoleExecutive, viewer.RoleViewer)
	staff := v.HasAny(viewer.RoleKeyAccountManager, viewer.RoleMember, viewer.RolePartnerManager)
	regions := v.Regions
	if regions == nil {
		regions = []string{}
	}
	return []any{all, staff, v.UserID, v.Has(viewer.RolePartnerManager), regions}
}

// typeRows describes, per GraphQL type, the table and the SQL that decides
// whether a viewer reads a row: "readable" is a subquery of readable
// account ids, $3 the viewer's user id, $1 whether the viewer reads all.
var typeRows = map[string]struct{ table, visible string }{
	"Account":             {"accounts", "id IN (readable)"},
	"Contact":             {"contacts", "account_id IN (readable)"},
	"Touchpoint":          {"touchpoints", "account_id IN (readable)"},
	"Order":               {"orders", "account_id IN (readable)"},
	"Collection":          {"collections", "account_id IN (readable)"},
	"SatisfactionSurvey":  {"satisfaction_surveys", "account_id IN (readable)"},
	"Complaint":           {"complaints", "account_id IN (readable)"},
	"AccountTeamMember":   {"account_team_members", "account_id IN (readable)"},
	"Action":              {"actions", "account_id IN (readable)"},
	"AccountPlan":         {"account_plans", "account_id IN (readable)"},
	"Objective":           {"objectives", "plan_id IN (SELECT id FROM account_plans WHERE account_id IN (readable))"},
	"Measure":             {"measures", "objective_id IN (SELECT o.id FROM objectives o JOIN account_plans p ON p.id = o.plan_id WHERE p.account_id IN (readable))"},
	"ClassAssignment":     {"class_assignments", "account_id IN (readable)"},
	"ReviewResult":        {"review_results", "account_id IN (readable)"},
	"ChurnAlert":          {"churn_alerts", "account_id IN (readable)"},
	"PartnerProfile":      {"partner_profiles", "account_id IN (readable)"},
	"TierEvaluation":      {"tier_evaluations", "partner_profile_id IN (SELECT id FROM partner_profiles WHERE account_id IN (readable))"},
	"User":                {"users", "true"},
	"Category":            {"categories", "true"},
	"GradingModel":        {"grading_models", "true"},
	"GradingModelVersion": {"grading_model_versions", "true"},
	"ClassPolicy":         {"class_policies", "true"},
	"PartnerTier":         {"partner_tiers", "true"},
	"TierRequirement":     {"tier_requirements", "true"},
	"TierBenefit":         {"tier_benefits", "true"},
	"ReviewCycle":         {"review_cycles", "true"},
	"RoleAssignment":      {"role_assignments", "($1 OR user_id = $3)"},
	"AuditEvent":          {"audit_events", "($1 OR actor_id = $3)"},
	"Notification":        {"notifications", "recipient_id = $3"},
	"CustomMetric":        {"custom_metrics", "true"},
	"DataImport":          {"data_imports", "($1 OR created_by_id = $3)"},
}

// topLevelLists maps each top-level connection to its type.
var topLevelLists = map[string]string{
	"accounts": "Account", "contacts": "Contact", "touchpoints": "Touchpoint", "orders": "Order",
	"collections": "Collection", "accountPlans": "AccountPlan", "objectives": "Objective",
	"actions": "Action", "auditEvents": "AuditEvent", "users": "User", "categories": "Category",
	"partners": "PartnerProfile", "tierEvaluations": "TierEvaluation",
	"churnAlerts": "ChurnAlert",
}

// count returns how many rows of a type v may read.
func (o oracle) count(t *testing.T, v *viewer.Viewer, typ string) int {
	t.Helper()
	spec := typeRows[typ]
	cond := strings.ReplaceAll(spec.visible, "readable", readableAccountsSQL)
	q := fmt.Sprintf(`WITH params AS (SELECT $1::bool, $2::bool, $3::bigint, $4::bool, $5::text[])
		SELECT count(*) FROM %s WHERE %s`, spec.table, cond)
	var n int
	require.NoError(t, o.pool.QueryRow(context.Background(), q, accountArgs(v)...).Scan(&n), typ)
	return n
}

// rows returns up to limit visible and limit invisible ids of a type for v.
func (o oracle) rows(t *testing.T, v *viewer.Viewer, typ string, limit int) (visible, invisible []int) {
	t.Helper()
	spec := typeRows[typ]
	cond := strings.ReplaceAll(spec.visible, "readable", readableAccountsSQL)
	// The CTE declares all five parameters, so rules that use none still
	// take the same arguments.
	q := fmt.Sprintf(`WITH params AS (SELECT $1::bool, $2::bool, $3::bigint, $4::bool, $5::text[])
		SELECT id, coalesce((%s), false) FROM %s ORDER BY md5(id::text)`, cond, spec.table)
	rows, err := o.pool.Query(context.Background(), q, accountArgs(v)...)
	require.NoError(t, err, typ)
	defer rows.Close()
	for rows.Next() {
		var id int
		var ok bool
		require.NoError(t, rows.Scan(&id, &ok))
		if ok && len(visible) < limit {
			visible = append(visible, id)
		} else if !ok && len(invisible) < limit {
			invisible = append(invisible, id)
		}
	}
	require.NoError(t, rows.Err())
	return visible, invisible
}

func (o oracle) readableAccounts(t *testing.T, v *viewer.Viewer) []int {
	t.Helper()
	rows, err := o.pool.Query(context.Background(), readableAccountsSQL+" ORDER BY a.id", accountArgs(v)...)
	require.NoError(t, err)
	defer rows.Close()
	var ids []int
	for rows.Next() {
		var id int
		require.NoError(t, rows.Scan(&id))
		ids = append(ids, id)
	}
	return ids
}

type gqlResult struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func (f *matrixFixture) query(t *testing.T, email, q string, vars map[string]any) gqlResult {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Test-Viewer", email)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var out gqlResult
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return out
}

func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	o := oracle{pool: f.pool}
	var cells int

	for _, email := range f.identities() {
		v := f.viewers[email]
		readable := o.readableAccounts(t, v)
		t.Run(email, func(t *testing.T) {
			// The account list: every page, and totalCount, equal the oracle.
			var seen []int
			after := any(nil)
			for {
				res := f.query(t, email, `query($after: Cursor) { accounts(first: 200, after: $after) {
					totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`, map[string]any{"after": after})
				require.Empty(t, res.Errors)
				var page struct {
					Accounts struct {
						TotalCount int
						PageInfo   struct {
							HasNextPage bool
							EndCursor   string
						}
						Edges []struct{ Node struct{ ID string } }
					}
				}
				require.NoError(t, json.Unmarshal(res.Data, &page))
				require.Equal(t, len(readable), page.Accounts.TotalCount, "totalCount")
				for _, e := range page.Accounts.Edges {
					seen = append(seen, atoi(t, e.Node.ID))
				}
				if !page.Accounts.PageInfo.HasNextPage {
					break
				}
				after = page.Accounts.PageInfo.EndCursor
			}
			sort.Ints(seen)
			require.Equal(t, readable, seen, "account list")
			cells += 2

			// A filtered count.
			res := f.query(t, email, `{ accounts(where: {kind: DISTRIBUTOR}) { totalCount } }`, nil)
			require.Empty(t, res.Errors)
			var distributors int
			require.NoError(t, f.pool.QueryRow(context.Background(),
				"SELECT count(*) FROM ("+readableAccountsSQL+") r JOIN accounts a2 ON a2.id = r.id WHERE a2.kind = 'DISTRIBUTOR'", accountArgs(v)...).Scan(&distributors))
			require.JSONEq(t, fmt.Sprintf(`{"accounts":{"totalCount":%d}}`, distributors), string(res.Data))
			cells++

			// Every top-level list counts exactly the rows the oracle allows.
			for field, typ := range topLevelLists {
				res := f.query(t, email, fmt.Sprintf(`{ %s { totalCount } }`, field), nil)
				require.Empty(t, res.Errors, field)
				require.JSONEq(t, fmt.Sprintf(`{%q:{"totalCount":%d}}`, field, o.count(t, v, typ)), string(res.Data), "%s for %s", field, email)
				cells++
			}

			// Search finds only readable accounts, and finds them when they match.
			for _, term := range []string{"集团", "有限公司", "C00001"} {
				res := f.query(t, email, `query($q: String!) { searchAccounts(query: $q, first: 100) { account { id } } }`, map[string]any{"q": term})
				require.Empty(t, res.Errors, term)
				var hits struct {
					SearchAccounts []struct{ Account struct{ ID string } }
				}
				require.NoError(t, json.Unmarshal(res.Data, &hits))
				for _, h := range hits.SearchAccounts {
					require.Contains(t, readable, atoi(t, h.Account.ID), "search %q returned account %s that %s may not read", term, h.Account.ID, email)
				}
				var matching int
				require.NoError(t, f.pool.QueryRow(context.Background(), `WITH params AS (SELECT $1::bool, $2::bool, $3::bigint, $4::bool, $5::text[])
					SELECT count(*) FROM accounts WHERE (name LIKE '%' || $6 || '%' OR code LIKE $6 || '%') AND NOT archived AND id IN (`+readableAccountsSQL+`)`,
					append(accountArgs(v), term)...).Scan(&matching))
				require.Equal(t, matching > 0, len(hits.SearchAccounts) > 0, "search %q for %s: %d readable matches, %d hits", term, email, matching, len(hits.SearchAccounts))
				cells++
			}

			// node(id:) and nodes(ids:) of every type.
			for typ := range typeRows {
				visible, invisible := o.rows(t, v, typ, 6)
				for _, id := range visible {
					res := f.query(t, email, `query($id: ID!) { node(id: $id) { id __typename } }`, map[string]any{"id": fmt.Sprint(id)})
					require.Empty(t, res.Errors, "%s %d should be visible", typ, id)
					require.JSONEq(t, fmt.Sprintf(`{"node":{"id":"%d","__typename":%q}}`, id, typ), string(res.Data))
					cells++
				}
				for _, id := range invisible {
					res := f.query(t, email, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": fmt.Sprint(id)})
					require.JSONEq(t, `{"node":null}`, string(res.Data), "%s %d must not be visible to %s", typ, id, email)
					require.Len(t, res.Errors, 1)
					require.Equal(t, "NOT_FOUND", res.Errors[0].Extensions["code"], "an invisible row looks like a missing one")
					cells++
				}
				if len(visible)+len(invisible) > 0 {
					ids := []string{}
					for _, id := range append(slices.Clone(visible), invisible...) {
						ids = append(ids, fmt.Sprint(id))
					}
					res := f.query(t, email, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": ids})
					var got struct{ Nodes []*struct{ ID string } }
					require.NoError(t, json.Unmarshal(res.Data, &got))
					var gotIDs []int
					for _, n := range got.Nodes {
						if n != nil {
							gotIDs = append(gotIDs, atoi(t, n.ID))
						}
					}
					require.ElementsMatch(t, visible, gotIDs, "nodes(ids:) of %s", typ)
					cells++
				}
			}

			// Nested edges that lead back to accounts obey the same rules.
			cells += f.checkNestedEdges(t, email, v)
		})
	}

	cells += checkMutations(t, f)
	t.Logf("authorization matrix: %d roles/identities × %d types; %d checks", len(f.identities()), len(typeRows), cells)
}

// checkNestedEdges walks owner → ownedAccounts, category → accounts,
// parent/children and the account's own connections, comparing counts with
// the oracle.
func (f *matrixFixture) checkNestedEdges(t *testing.T, email string, v *viewer.Viewer) int {
	t.Helper()
	ctx := context.Background()
	res := f.query(t, email, `{ accounts(first: 15, orderBy: [{field: CODE}]) { edges { node {
		id parent { id } children { id }
		owner { id ownedAccounts { totalCount } }
		category { id accounts { totalCount } }
		contacts { totalCount } orders { totalCount } touchpoints { totalCount } plans { totalCount }
		churnAlerts { totalCount } classAssignments { totalCount } teamMembers { id }
	} } } }`, nil)
	require.Empty(t, res.Errors, email)
	var out struct {
		Accounts struct {
			Edges []struct {
				Node struct {
					ID       string
					Parent   *struct{ ID string }
					Children []struct{ ID string }
					Owner    *struct {
						ID            string
						OwnedAccounts struct{ TotalCount int }
					}
					Category *struct {
						ID       string
						Accounts struct{ TotalCount int }
					}
					Contacts, Orders, Touchpoints, Plans, ChurnAlerts, ClassAssignments struct{ TotalCount int }
					TeamMembers                                                         []struct{ ID string }
				}
			}
		}
	}
	require.NoError(t, json.Unmarshal(res.Data, &out))
	count := func(q string, args ...any) int {
		var n int
		require.NoError(t, f.pool.QueryRow(ctx, q, args...).Scan(&n), q)
		return n
	}
	readable := "(" + readableAccountsSQL + ")"
	args := accountArgs(v)
	checks := 0
	for _, e := range out.Accounts.Edges {
		n := e.Node
		id := atoi(t, n.ID)
		if n.Owner != nil {
			require.Equal(t, count("SELECT count(*) FROM accounts WHERE owner_id = $6 AND id IN "+readable, append(args, atoi(t, n.Owner.ID))...), n.Owner.OwnedAccounts.TotalCount, "owner.ownedAccounts")
			checks++
		}
		if n.Category != nil {
			require.Equal(t, count("SELECT count(*) FROM accounts WHERE category_id = $6 AND id IN "+readable, append(args, atoi(t, n.Category.ID))...), n.Category.Accounts.TotalCount, "category.accounts")
			checks++
		}
		require.Equal(t, count("SELECT count(*) FROM accounts WHERE parent_id = $6 AND id IN "+readable, append(args, id)...), len(n.Children), "children")
		wantParent := count("SELECT count(*) FROM accounts WHERE id = (SELECT parent_id FROM accounts WHERE id = $6) AND id IN "+readable, append(args, id)...)
		require.Equal(t, wantParent == 1, n.Parent != nil, "parent of %d visible to %s", id, email)
		for table, got := range map[string]int{"contacts": n.Contacts.TotalCount, "orders": n.Orders.TotalCount, "touchpoints": n.Touchpoints.TotalCount,
			"account_plans": n.Plans.TotalCount, "churn_alerts": n.ChurnAlerts.TotalCount, "class_assignments": n.ClassAssignments.TotalCount,
			"account_team_members": len(n.TeamMembers)} {
			require.Equal(t, count("SELECT count(*) FROM "+table+" WHERE account_id = $1", id), got, "%s of account %d", table, id)
			checks++
		}
		checks += 2
	}
	return checks
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	_, err := fmt.Sscanf(s, "%d", &n)
	require.NoError(t, err)
	return n
}

// identities are the emails of matrixEmails followed by the service tokens
// the fixture created (by name), each with its viewer in f.viewers.
func (f *matrixFixture) identities() []string {
	ids := slices.Clone(matrixEmails)
	for name := range f.viewers {
		if strings.HasPrefix(name, "token:") {
			ids = append(ids, name)
		}
	}
	sort.Strings(ids[len(matrixEmails):])
	return ids
}

func (f *matrixFixture) viewer(identity string) *viewer.Viewer { return f.viewers[identity] }

// matrixTokens are service tokens in the matrix: each is authenticated
// through the token store, as a request would be, and must carry exactly the
// scope given by want (the roles and regions of the user it acts for,
// narrowed by the token).
var matrixTokens = []struct {
	name, role, user, region string
	wantRoles                []viewer.Role
	wantRegions              []string // nil: every region
}{
	// The audit's case: a partner-manager token for a region-limited user.
	{"pm01-partner", "PARTNER_MANAGER", "pm01@summit.example", "", []viewer.Role{viewer.RolePartnerManager}, []string{"EAST"}},
	// An unscoped partner manager's token narrowed to one region.
	{"channel-north", "PARTNER_MANAGER", "channel@summit.example", "NORTH", []viewer.Role{viewer.RolePartnerManager}, []string{"NORTH"}},
	{"kam01-kam", "KEY_ACCOUNT_MANAGER", "kam01@summit.example", "", []viewer.Role{viewer.RoleKeyAccountManager}, nil},
	{"analyst", "VIEWER", "", "", []viewer.Role{viewer.RoleViewer}, nil},
}

func (f *matrixFixture) addTokens(t *testing.T) {
	t.Helper()
	store := &auth.TokenStore{Client: f.client}
	for _, tc := range matrixTokens {
		secret, _, err := store.Create(context.Background(), auth.NewToken{Name: tc.name, Role: viewer.Role(tc.role), UserEmail: tc.user, Region: tc.region})
		require.NoError(t, err, tc.name)
		v, err := store.Authenticate(context.Background(), secret)
		require.NoError(t, err)
		require.NotNil(t, v, tc.name)
		require.Equal(t, tc.wantRoles, v.Roles, "roles of token %s", tc.name)
		require.Equal(t, tc.wantRegions, v.Regions, "regions of token %s: never more than its user's", tc.name)
		f.viewers["token:"+tc.name] = v
	}
}
