package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/touchpoint"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

// Account, team and stakeholder mutations over real HTTP: happy paths, every
// error code, and that a refused mutation changes nothing and audits
// nothing (each mutation runs in one transaction with its audit event).

const (
	acctCreateOp = `mutation($in: CreateAccountInput!) { createAccount(input: $in) {
		id code name nameEn kind version archived owner { email } parent { id }
		ancestors { id } rollup { accounts revenueMinor } } }`
	acctUpdateOp = `mutation($id: ID!, $v: Int!, $in: UpdateAccountInput!) { updateAccount(id: $id, version: $v, input: $in) {
		id name region version parent { id } } }`
	acctArchiveOp   = `mutation($id: ID!, $v: Int!, $r: String!) { archiveAccount(id: $id, version: $v, reason: $r) { id archived archivedAt version } }`
	acctUnarchiveOp = `mutation($id: ID!, $v: Int!, $r: String!) { unarchiveAccount(id: $id, version: $v, reason: $r) { id archived archivedAt version } }`
)

// acctErr asserts that res failed with one error of code (and, for
// BAD_USER_INPUT, naming field).
func acctErr(t *testing.T, res gqlResult, code, field string) {
	t.Helper()
	require.Len(t, res.Errors, 1, "errors: %+v", res.Errors)
	require.Equal(t, code, res.Errors[0].Extensions["code"], "error: %+v", res.Errors[0])
	if field != "" {
		require.Equal(t, field, res.Errors[0].Extensions["field"], "error: %+v", res.Errors[0])
	}
}

// acctAudits counts the audit events of an entity with an action.
func acctAudits(t *testing.T, f *matrixFixture, entityType string, id int, action string) int {
	t.Helper()
	return acctInt(t, f, `SELECT count(*) FROM audit_events WHERE entity_type = $1 AND entity_id = $2 AND action = $3`, entityType, id, action)
}

// acctTotals is a fingerprint of the tables the mutations touch.
func acctTotals(t *testing.T, f *matrixFixture) string {
	t.Helper()
	var s string
	require.NoError(t, f.pool.QueryRow(context.Background(), `SELECT concat_ws('/',
		(SELECT count(*) FROM accounts), (SELECT sum(version) FROM accounts), (SELECT count(*) FROM accounts WHERE archived),
		(SELECT count(*) FROM account_team_members), (SELECT string_agg(role || access_level, ',' ORDER BY id) FROM account_team_members),
		(SELECT count(*) FROM contacts), (SELECT count(*) FROM contacts WHERE active),
		(SELECT md5(string_agg(concat_ws('|', id, name, reports_to_id, relationship_strength, email), ',' ORDER BY id)) FROM contacts),
		(SELECT count(*) FROM audit_events))`).Scan(&s))
	return s
}

func acctDecode[T any](t *testing.T, res gqlResult) T {
	t.Helper()
	require.Empty(t, res.Errors)
	var out T
	require.NoError(t, json.Unmarshal(res.Data, &out))
	return out
}

type acctAccount struct {
	ID, Code, Name, Kind, Region string
	NameEn                       *string
	Version                      int
	Archived                     bool
	ArchivedAt                   *time.Time
	Owner                        *struct{ Email string }
	Parent                       *struct{ ID string }
	Ancestors                    []struct{ ID string }
	Rollup                       *acctRollup
}

func TestAccountMutations(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	ctx := context.Background()
	kam01, kam02 := f.viewers["kam01@summit.example"], f.viewers["kam02@summit.example"]
	parent := acctInt(t, f, `SELECT id FROM accounts WHERE owner_id = $1 AND NOT archived ORDER BY id LIMIT 1`, kam01.UserID)
	theirs := acctInt(t, f, `SELECT id FROM (`+readableAccountsSQL+`) r ORDER BY id DESC LIMIT 1`, accountArgs(kam02)...)
	require.Zero(t, acctInt(t, f, `SELECT count(*) FROM (`+readableAccountsSQL+`) r WHERE id = $6`, append(accountArgs(kam01), theirs)...),
		"kam02's account must be hidden from kam01")

	newAccount := map[string]any{"code": "NEW-0001", "name": "  杭州云栖科技有限公司 ", "nameEn": "Hangzhou Yunqi Technology",
		"kind": "B2B", "region": "EAST", "parentID": fmt.Sprint(parent), "priceCoefficient": 0.95, "creditLimitMinor": "5000000"}

	// Refusals first; none of them changes anything or audits anything.
	before := acctTotals(t, f)
	for _, tc := range []struct {
		name, email, code, field string
		change                   map[string]any
	}{
		{"viewer", "viewer@summit.example", "FORBIDDEN", "", nil},
		{"member", "sales01@summit.example", "FORBIDDEN", "", nil},
		{"someone else's", "kam01@summit.example", "FORBIDDEN", "", map[string]any{"ownerID": fmt.Sprint(kam02.UserID)}},
		{"duplicate code", "kam01@summit.example", "CONFLICT", "", map[string]any{"code": acctCode(t, f, theirs)}},
		{"empty name", "kam01@summit.example", "BAD_USER_INPUT", "input.name", map[string]any{"name": "  "}},
		{"bad code", "kam01@summit.example", "BAD_USER_INPUT", "input.code", map[string]any{"code": "has space"}},
		{"hidden parent", "kam01@summit.example", "BAD_USER_INPUT", "input.parentID", map[string]any{"parentID": fmt.Sprint(theirs)}},
		{"no such owner", "admin@summit.example", "BAD_USER_INPUT", "input.ownerID", map[string]any{"ownerID": "999999"}},
		{"no such category", "kam01@summit.example", "BAD_USER_INPUT", "input.categoryID", map[string]any{"categoryID": "999999"}},
		{"price", "kam01@summit.example", "BAD_USER_INPUT", "input.priceCoefficient", map[string]any{"priceCoefficient": 120}},
		{"currency", "kam01@summit.example", "BAD_USER_INPUT", "input.currency", map[string]any{"currency": "yuan"}},
		{"influence", "kam01@summit.example", "BAD_USER_INPUT", "input.influenceScore", map[string]any{"influenceScore": 101}},
		{"long name", "kam01@summit.example", "BAD_USER_INPUT", "input.name", map[string]any{"name": strings.Repeat("长", 101)}},
	} {
		in := acctWith(newAccount, tc.change)
		res := f.query(t, tc.email, acctCreateOp, map[string]any{"in": in})
		acctErr(t, res, tc.code, tc.field)
		require.Equal(t, before, acctTotals(t, f), "%s: a refused create changes nothing", tc.name)
	}

	// A key-account manager creates an account; they own it, it is audited.
	created := acctDecode[struct{ CreateAccount acctAccount }](t, f.query(t, "kam01@summit.example", acctCreateOp, map[string]any{"in": newAccount})).CreateAccount
	id := atoi(t, created.ID)
	require.Equal(t, "杭州云栖科技有限公司", created.Name, "names are trimmed")
	require.Equal(t, 1, created.Version)
	require.Equal(t, "kam01@summit.example", created.Owner.Email)
	require.Equal(t, fmt.Sprint(parent), created.Parent.ID)
	// The response reads through the mutation's transaction: the new account
	// already has its place in the group.
	require.Equal(t, fmt.Sprint(parent), created.Ancestors[len(created.Ancestors)-1].ID)
	require.Equal(t, acctRollup{Accounts: 1}, *created.Rollup)
	require.Equal(t, 1, acctAudits(t, f, "Account", id, "account.create"))
	var actor string
	require.NoError(t, f.pool.QueryRow(ctx, `SELECT actor_label FROM audit_events WHERE entity_id = $1 AND action = 'account.create'`, id).Scan(&actor))
	require.Equal(t, "kam01@summit.example", actor)
	// The code is now taken, for everyone.
	acctErr(t, f.query(t, "admin@summit.example", acctCreateOp, map[string]any{"in": newAccount}), "CONFLICT", "")

	// Update: the version moves on, the audit keeps only what changed.
	upd := func(email string, id, version int, in map[string]any) gqlResult {
		return f.query(t, email, acctUpdateOp, map[string]any{"id": fmt.Sprint(id), "v": version, "in": in})
	}
	updated := acctDecode[struct{ UpdateAccount acctAccount }](t, upd("kam01@summit.example", id, 1, map[string]any{"name": "杭州云栖智能科技有限公司", "region": "EAST"})).UpdateAccount
	require.Equal(t, 2, updated.Version)
	require.Equal(t, "杭州云栖智能科技有限公司", updated.Name)
	var b, a string
	require.NoError(t, f.pool.QueryRow(ctx, `SELECT before::text, after::text FROM audit_events WHERE entity_id = $1 AND action = 'account.update'`, id).Scan(&b, &a))
	require.JSONEq(t, `{"name":"杭州云栖科技有限公司","version":1}`, b, "region did not change, so it is not in the audit")
	require.JSONEq(t, `{"name":"杭州云栖智能科技有限公司","version":2}`, a)
	// An update that changes nothing still moves the version.
	require.Equal(t, 3, acctDecode[struct{ UpdateAccount acctAccount }](t, upd("kam01@summit.example", id, 2, map[string]any{})).UpdateAccount.Version)

	// A stale version says which version is current.
	stale := upd("kam01@summit.example", id, 1, map[string]any{"name": "过期"})
	acctErr(t, stale, "CONFLICT", "")
	require.EqualValues(t, 3, stale.Errors[0].Extensions["currentVersion"])

	before = acctTotals(t, f)
	for _, tc := range []struct {
		name, email string
		id, version int
		in          map[string]any
		code, field string
	}{
		// Someone saved version 3 in between: the client's version 2 is stale.
		{"stale version", "kam01@summit.example", id, 2, map[string]any{"name": "过期"}, "CONFLICT", ""},
		// kam02 cannot read kam01's account: to them it does not exist.
		{"another manager's account", "kam02@summit.example", id, 3, map[string]any{"name": "别人的"}, "NOT_FOUND", ""},
		// Executives read every account but the access rules let them edit none.
		{"executive", "exec01@summit.example", id, 3, map[string]any{"name": "高管"}, "FORBIDDEN", ""},
		{"viewer", "viewer@summit.example", id, 3, map[string]any{"name": "只读"}, "FORBIDDEN", ""},
		{"no such account", "admin@summit.example", 999999, 1, map[string]any{"name": "无"}, "NOT_FOUND", ""},
		{"empty name", "kam01@summit.example", id, 3, map[string]any{"name": ""}, "BAD_USER_INPUT", "input.name"},
		{"own parent", "kam01@summit.example", id, 3, map[string]any{"parentID": fmt.Sprint(id)}, "BAD_USER_INPUT", "input.parentID"},
		{"set and clear", "kam01@summit.example", id, 3, map[string]any{"parentID": fmt.Sprint(parent), "clearParent": true}, "BAD_USER_INPUT", "input.clearParent"},
		{"duplicate code", "kam01@summit.example", id, 3, map[string]any{"code": acctCode(t, f, theirs)}, "CONFLICT", ""},
		// The parent may not be below the account: that would be a cycle.
		{"cycle", "kam01@summit.example", parent, acctVersion(t, f, parent), map[string]any{"parentID": fmt.Sprint(id)}, "BAD_USER_INPUT", "input.parentID"},
	} {
		acctErr(t, upd(tc.email, tc.id, tc.version, tc.in), tc.code, tc.field)
		require.Equal(t, before, acctTotals(t, f), "%s: a refused update changes nothing", tc.name)
	}
	// A team member with READ access reads the account but may not change it.
	sales := f.viewers["sales01@summit.example"]
	readOnly := acctInt(t, f, `SELECT account_id FROM account_team_members WHERE user_id = $1 AND access_level = 'READ'
		AND account_id NOT IN (SELECT account_id FROM account_team_members WHERE user_id = $1 AND access_level = 'EDIT') ORDER BY 1 LIMIT 1`, sales.UserID)
	acctErr(t, upd("sales01@summit.example", readOnly, acctVersion(t, f, readOnly), map[string]any{"name": "改"}), "FORBIDDEN", "")
	require.Equal(t, before, acctTotals(t, f))

	// Clearing the parent detaches the account from its group.
	detached := acctDecode[struct{ UpdateAccount acctAccount }](t, upd("kam01@summit.example", id, 3, map[string]any{"clearParent": true})).UpdateAccount
	require.Nil(t, detached.Parent)

	// Archive and unarchive: a reason is required, the version is checked.
	arch := func(op string, version int, reason string) gqlResult {
		return f.query(t, "kam01@summit.example", op, map[string]any{"id": fmt.Sprint(id), "v": version, "r": reason})
	}
	before = acctTotals(t, f)
	acctErr(t, arch(acctArchiveOp, 4, " "), "BAD_USER_INPUT", "reason")
	acctErr(t, arch(acctArchiveOp, 3, "duplicate of C0000007"), "CONFLICT", "")
	acctErr(t, arch(acctUnarchiveOp, 4, "not archived"), "CONFLICT", "")
	require.Equal(t, before, acctTotals(t, f))
	archived := acctDecode[struct{ ArchiveAccount acctAccount }](t, arch(acctArchiveOp, 4, "duplicate of C0000007")).ArchiveAccount
	require.True(t, archived.Archived)
	require.NotNil(t, archived.ArchivedAt)
	require.Equal(t, 5, archived.Version)
	var reason string
	require.NoError(t, f.pool.QueryRow(ctx, `SELECT reason FROM audit_events WHERE entity_id = $1 AND action = 'account.archive'`, id).Scan(&reason))
	require.Equal(t, "duplicate of C0000007", reason)
	// An archived account is not edited until it is brought back.
	acctErr(t, upd("kam01@summit.example", id, 5, map[string]any{"name": "归档后"}), "CONFLICT", "")
	unarchived := acctDecode[struct{ UnarchiveAccount acctAccount }](t, arch(acctUnarchiveOp, 5, "not a duplicate after all")).UnarchiveAccount
	require.False(t, unarchived.Archived)
	require.Nil(t, unarchived.ArchivedAt)
	require.Equal(t, 6, unarchived.Version)
	require.Equal(t, 1, acctAudits(t, f, "Account", id, "account.unarchive"))

	// Nothing deletes an account: there is no such mutation, and the row stays.
	require.Equal(t, 1, acctInt(t, f, `SELECT count(*) FROM accounts WHERE id = $1`, id))

	// An admin creates an account for a manager.
	forKam02 := acctDecode[struct{ CreateAccount acctAccount }](t, f.query(t, "admin@summit.example", acctCreateOp, map[string]any{"in": map[string]any{
		"code": "NEW-0002", "name": "成都天府物流", "kind": "END_CUSTOMER", "ownerID": fmt.Sprint(kam02.UserID)}})).CreateAccount
	require.Equal(t, "kam02@summit.example", forKam02.Owner.Email)
}

func acctWith(base, change map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range change {
		out[k] = v
	}
	return out
}

func acctCode(t *testing.T, f *matrixFixture, id int) string {
	t.Helper()
	var code string
	require.NoError(t, f.pool.QueryRow(context.Background(), `SELECT code FROM accounts WHERE id = $1`, id).Scan(&code))
	return code
}

func acctVersion(t *testing.T, f *matrixFixture, id int) int {
	t.Helper()
	return acctInt(t, f, `SELECT version FROM accounts WHERE id = $1`, id)
}

const (
	acctAddMemberOp    = `mutation($in: AddTeamMemberInput!) { addTeamMember(input: $in) { id role accessLevel user { email } account { id } } }`
	acctUpdateMemberOp = `mutation($id: ID!, $in: UpdateTeamMemberInput!) { updateTeamMember(id: $id, input: $in) { id role accessLevel } }`
	acctRemoveMemberOp = `mutation($id: ID!, $r: String!) { removeTeamMember(id: $id, reason: $r) }`
)

func TestAccountTeamMutations(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	kam01 := f.viewers["kam01@summit.example"]
	// An account kam01 owns, with its account manager, and a member of staff
	// not on its team.
	acct := acctInt(t, f, `SELECT a.id FROM accounts a WHERE a.owner_id = $1
		AND EXISTS (SELECT 1 FROM account_team_members m WHERE m.account_id = a.id AND m.role = 'ACCOUNT_MANAGER') ORDER BY a.id LIMIT 1`, kam01.UserID)
	presales := acctInt(t, f, `SELECT id FROM users WHERE email LIKE 'presales%' AND id NOT IN
		(SELECT user_id FROM account_team_members WHERE account_id = $1) ORDER BY id LIMIT 1`, acct)
	add := func(email string, in map[string]any) gqlResult {
		return f.query(t, email, acctAddMemberOp, map[string]any{"in": acctWith(map[string]any{
			"accountID": fmt.Sprint(acct), "userID": fmt.Sprint(presales), "role": "PRESALES", "accessLevel": "EDIT", "reason": "solution design for the 2027 tender"}, in)})
	}

	before := acctTotals(t, f)
	for _, tc := range []struct {
		name, email, code, field string
		in                       map[string]any
	}{
		{"second account manager", "kam01@summit.example", "CONFLICT", "", map[string]any{"role": "ACCOUNT_MANAGER"}},
		{"no reason", "kam01@summit.example", "BAD_USER_INPUT", "input.reason", map[string]any{"reason": ""}},
		{"no such user", "kam01@summit.example", "BAD_USER_INPUT", "input.userID", map[string]any{"userID": "999999"}},
		{"already on the team", "kam01@summit.example", "CONFLICT", "", map[string]any{"userID": fmt.Sprint(kam01.UserID), "role": "ACCOUNT_MANAGER"}},
		{"another manager's account", "kam02@summit.example", "NOT_FOUND", "", nil},
		{"viewer", "viewer@summit.example", "FORBIDDEN", "", nil},
	} {
		acctErr(t, add(tc.email, tc.in), tc.code, tc.field)
		require.Equal(t, before, acctTotals(t, f), "%s: a refused change of the team changes nothing", tc.name)
	}
	// The database enforces one account manager too (partial unique index).
	_, err := f.pool.Exec(context.Background(), `INSERT INTO account_team_members (created_at, updated_at, account_id, user_id, role, access_level)
		VALUES (now(), now(), $1, $2, 'ACCOUNT_MANAGER', 'EDIT')`, acct, presales)
	require.ErrorContains(t, err, "accountteammember_one_account_manager")

	type memberOut struct {
		ID, Role, AccessLevel string
		User                  struct{ Email string }
	}
	added := acctDecode[struct{ AddTeamMember memberOut }](t, add("kam01@summit.example", nil))
	require.Equal(t, "PRESALES", added.AddTeamMember.Role)
	require.Equal(t, "EDIT", added.AddTeamMember.AccessLevel)
	require.Equal(t, 1, acctAudits(t, f, "Account", acct, "team.add"))
	var after, reason string
	require.NoError(t, f.pool.QueryRow(context.Background(), `SELECT after::text, reason FROM audit_events WHERE entity_id = $1 AND action = 'team.add'`, acct).Scan(&after, &reason))
	require.JSONEq(t, fmt.Sprintf(`{"memberID":%s,"userID":%d,"role":"PRESALES","accessLevel":"EDIT"}`, added.AddTeamMember.ID, presales), after)
	require.Equal(t, "solution design for the 2027 tender", reason)
	member := added.AddTeamMember.ID

	// The new member (EDIT) may now change the account's data.
	presalesEmail := added.AddTeamMember.User.Email
	f.viewers[presalesEmail] = testdb.Viewer(t, f.pool, presalesEmail)

	// Update: promoting to account manager conflicts; access can change.
	upd := func(in map[string]any) gqlResult {
		return f.query(t, "kam01@summit.example", acctUpdateMemberOp, map[string]any{"id": member, "in": in})
	}
	before = acctTotals(t, f)
	acctErr(t, upd(map[string]any{"role": "ACCOUNT_MANAGER", "reason": "take over"}), "CONFLICT", "")
	acctErr(t, upd(map[string]any{"accessLevel": "READ", "reason": ""}), "BAD_USER_INPUT", "input.reason")
	require.Equal(t, before, acctTotals(t, f))
	res := upd(map[string]any{"accessLevel": "READ", "reason": "tender submitted"})
	require.JSONEq(t, fmt.Sprintf(`{"updateTeamMember":{"id":%q,"role":"PRESALES","accessLevel":"READ"}}`, member), string(acctDecode[json.RawMessage](t, res)))
	require.Equal(t, 1, acctAudits(t, f, "Account", acct, "team.update"))

	// Remove: a reason is required; others cannot; it is audited once.
	remove := func(email, reason string) gqlResult {
		return f.query(t, email, acctRemoveMemberOp, map[string]any{"id": member, "r": reason})
	}
	before = acctTotals(t, f)
	acctErr(t, remove("kam01@summit.example", ""), "BAD_USER_INPUT", "reason")
	acctErr(t, remove("kam02@summit.example", "not mine"), "NOT_FOUND", "")
	acctErr(t, remove(presalesEmail, "READ access cannot change the team"), "FORBIDDEN", "")
	require.Equal(t, before, acctTotals(t, f))
	require.JSONEq(t, fmt.Sprintf(`{"removeTeamMember":%q}`, member), string(acctDecode[json.RawMessage](t, remove("kam01@summit.example", "left the presales team"))))
	require.Equal(t, 1, acctAudits(t, f, "Account", acct, "team.remove"))
	acctErr(t, remove("kam01@summit.example", "again"), "NOT_FOUND", "")

	// With the account manager removed, another can be added.
	am := acctInt(t, f, `SELECT id FROM account_team_members WHERE account_id = $1 AND role = 'ACCOUNT_MANAGER'`, acct)
	res = f.query(t, "kam01@summit.example", acctRemoveMemberOp, map[string]any{"id": fmt.Sprint(am), "r": "hand-over"})
	require.Empty(t, res.Errors)
	res = add("kam01@summit.example", map[string]any{"role": "ACCOUNT_MANAGER"})
	require.Empty(t, res.Errors)
	require.Equal(t, 1, acctInt(t, f, `SELECT count(*) FROM account_team_members WHERE account_id = $1 AND role = 'ACCOUNT_MANAGER'`, acct))
}

const (
	acctCreateContactOp = `mutation($in: CreateContactInput!) { createContact(input: $in) {
		id name buyingRole attitude relationshipStrength active reportsTo { id } } }`
	acctUpdateContactOp = `mutation($id: ID!, $in: UpdateContactInput!) { updateContact(id: $id, input: $in) {
		id name buyingRole relationshipStrength reportsTo { id } } }`
	acctContactLeftOp = `mutation($id: ID!, $at: Time) { markContactLeft(id: $id, leftAt: $at) { id active leftAt } }`
)

func TestAccountContactMutations(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	kam01 := f.viewers["kam01@summit.example"]
	acct := acctInt(t, f, `SELECT id FROM accounts WHERE owner_id = $1 ORDER BY id LIMIT 1`, kam01.UserID)
	otherContact := acctInt(t, f, `SELECT c.id FROM contacts c JOIN accounts a ON a.id = c.account_id
		WHERE a.owner_id = $1 AND a.id <> $2 ORDER BY c.id LIMIT 1`, kam01.UserID, acct)

	create := func(email string, in map[string]any) gqlResult {
		return f.query(t, email, acctCreateContactOp, map[string]any{"in": acctWith(map[string]any{"accountID": fmt.Sprint(acct)}, in)})
	}
	type contactOut struct {
		ID, Name             string
		BuyingRole           *string
		RelationshipStrength int
		Active               bool
		ReportsTo            *struct{ ID string }
	}
	// An org chart: the CIO, a director reporting to the CIO, an engineer
	// reporting to the director.
	cio := acctDecode[struct{ CreateContact contactOut }](t, create("kam01@summit.example", map[string]any{
		"name": "王建国", "title": "CIO", "buyingRole": "DECISION_MAKER", "attitude": "SUPPORTER", "relationshipStrength": 4, "email": "wang.jianguo@example.cn"})).CreateContact
	require.Equal(t, "DECISION_MAKER", *cio.BuyingRole)
	require.True(t, cio.Active)
	require.Equal(t, 1, acctAudits(t, f, "Contact", atoi(t, cio.ID), "contact.create"))
	director := acctDecode[struct{ CreateContact contactOut }](t, create("kam01@summit.example", map[string]any{
		"name": "李敏", "buyingRole": "INFLUENCER", "reportsToID": cio.ID})).CreateContact
	require.Equal(t, cio.ID, director.ReportsTo.ID)
	require.Equal(t, 3, director.RelationshipStrength, "defaults to 3")
	engineer := acctDecode[struct{ CreateContact contactOut }](t, create("kam01@summit.example", map[string]any{
		"name": "赵磊", "buyingRole": "USER", "reportsToID": director.ID})).CreateContact

	res := f.query(t, "kam01@summit.example", `query($id: ID!) { node(id: $id) { ... on Contact { directReports { id directReports { id } } } } }`, map[string]any{"id": cio.ID})
	require.JSONEq(t, fmt.Sprintf(`{"node":{"directReports":[{"id":%q,"directReports":[{"id":%q}]}]}}`, director.ID, engineer.ID), string(acctDecode[json.RawMessage](t, res)))

	before := acctTotals(t, f)
	for _, tc := range []struct {
		name, email, code, field string
		in                       map[string]any
	}{
		{"empty name", "kam01@summit.example", "BAD_USER_INPUT", "input.name", map[string]any{"name": " "}},
		{"strength", "kam01@summit.example", "BAD_USER_INPUT", "input.relationshipStrength", map[string]any{"name": "甲", "relationshipStrength": 6}},
		{"email", "kam01@summit.example", "BAD_USER_INPUT", "input.email", map[string]any{"name": "甲", "email": "not an address"}},
		{"manager of another account", "kam01@summit.example", "BAD_USER_INPUT", "input.reportsToID", map[string]any{"name": "甲", "reportsToID": fmt.Sprint(otherContact)}},
		{"no such manager", "kam01@summit.example", "BAD_USER_INPUT", "input.reportsToID", map[string]any{"name": "甲", "reportsToID": "999999"}},
		{"another manager's account", "kam02@summit.example", "NOT_FOUND", "", map[string]any{"name": "甲"}},
		{"viewer", "viewer@summit.example", "FORBIDDEN", "", map[string]any{"name": "甲"}},
	} {
		acctErr(t, create(tc.email, tc.in), tc.code, tc.field)
		require.Equal(t, before, acctTotals(t, f), "%s: a refused create changes nothing", tc.name)
	}

	upd := func(email, id string, in map[string]any) gqlResult {
		return f.query(t, email, acctUpdateContactOp, map[string]any{"id": id, "in": in})
	}
	for _, tc := range []struct {
		name, email, id, code, field string
		in                           map[string]any
	}{
		// The CIO reporting to the engineer two levels below would be a cycle.
		{"cycle", "kam01@summit.example", cio.ID, "BAD_USER_INPUT", "input.reportsToID", map[string]any{"reportsToID": engineer.ID}},
		{"self", "kam01@summit.example", cio.ID, "BAD_USER_INPUT", "input.reportsToID", map[string]any{"reportsToID": cio.ID}},
		{"set and clear", "kam01@summit.example", director.ID, "BAD_USER_INPUT", "input.clearReportsTo", map[string]any{"reportsToID": cio.ID, "clearReportsTo": true}},
		{"another manager's contact", "kam02@summit.example", cio.ID, "NOT_FOUND", "", map[string]any{"name": "改"}},
	} {
		acctErr(t, upd(tc.email, tc.id, tc.in), tc.code, tc.field)
		require.Equal(t, before, acctTotals(t, f), "%s: a refused update changes nothing", tc.name)
	}
	// Moving the engineer to report to the CIO directly is fine.
	moved := acctDecode[struct{ UpdateContact contactOut }](t, upd("kam01@summit.example", engineer.ID, map[string]any{
		"reportsToID": cio.ID, "relationshipStrength": 2, "buyingRole": "GATEKEEPER"})).UpdateContact
	require.Equal(t, cio.ID, moved.ReportsTo.ID)
	require.Equal(t, "GATEKEEPER", *moved.BuyingRole)
	var b, a string
	require.NoError(t, f.pool.QueryRow(context.Background(), `SELECT before::text, after::text FROM audit_events WHERE entity_id = $1 AND action = 'contact.update'`, atoi(t, engineer.ID)).Scan(&b, &a))
	require.JSONEq(t, fmt.Sprintf(`{"reportsToID":%s,"relationshipStrength":3,"buyingRole":"USER"}`, director.ID), b)
	require.JSONEq(t, fmt.Sprintf(`{"reportsToID":%s,"relationshipStrength":2,"buyingRole":"GATEKEEPER"}`, cio.ID), a)
	cleared := acctDecode[struct{ UpdateContact contactOut }](t, upd("kam01@summit.example", engineer.ID, map[string]any{"clearReportsTo": true, "clearBuyingRole": true})).UpdateContact
	require.Nil(t, cleared.ReportsTo)
	require.Nil(t, cleared.BuyingRole)

	// lastTouchedAt: the latest touchpoint the contact took part in.
	sys := viewer.System(context.Background(), "test")
	at := time.Date(2026, 10, 12, 9, 30, 0, 0, time.UTC)
	for i, when := range []time.Time{at.AddDate(0, -2, 0), at, at.AddDate(0, -1, 0)} {
		tp := f.client.Touchpoint.Create().SetAccountID(acct).SetKind(touchpoint.KindVISIT).SetOccurredAt(when).SetSummary(fmt.Sprint("visit ", i)).SaveX(sys)
		f.client.Touchpoint.UpdateOne(tp).AddContactIDs(atoi(t, cio.ID)).ExecX(sys)
	}
	res = f.query(t, "kam01@summit.example", `query($id: ID!) { node(id: $id) { ... on Account {
		contacts(first: 200, where: {idIn: [`+cio.ID+`, `+director.ID+`]}) { edges { node { id lastTouchedAt } } } } } }`, map[string]any{"id": fmt.Sprint(acct)})
	require.JSONEq(t, fmt.Sprintf(`{"node":{"contacts":{"edges":[{"node":{"id":%q,"lastTouchedAt":"2026-10-12T09:30:00Z"}},{"node":{"id":%q,"lastTouchedAt":null}}]}}}`, cio.ID, director.ID),
		string(acctDecode[json.RawMessage](t, res)))

	// Marking a contact as left.
	left := func(email, id string, at any) gqlResult {
		return f.query(t, email, acctContactLeftOp, map[string]any{"id": id, "at": at})
	}
	before = acctTotals(t, f)
	acctErr(t, left("kam01@summit.example", cio.ID, time.Now().Add(48*time.Hour).Format(time.RFC3339)), "BAD_USER_INPUT", "leftAt")
	acctErr(t, left("kam02@summit.example", cio.ID, nil), "NOT_FOUND", "")
	require.Equal(t, before, acctTotals(t, f))
	gone := acctDecode[struct {
		MarkContactLeft struct {
			Active bool
			LeftAt time.Time
		}
	}](t, left("kam01@summit.example", cio.ID, "2026-11-02T08:00:00+08:00")).MarkContactLeft
	require.False(t, gone.Active)
	require.True(t, gone.LeftAt.Equal(time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)))
	require.Equal(t, 1, acctAudits(t, f, "Contact", atoi(t, cio.ID), "contact.left"))
	acctErr(t, left("kam01@summit.example", cio.ID, nil), "CONFLICT", "")
}
