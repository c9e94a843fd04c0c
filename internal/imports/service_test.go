package imports_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/summitkam/summit/internal/imports"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

type bundle struct {
	ctx  context.Context
	pool *pgxpool.Pool
	svc  *imports.Service
	jobs *river.Client[pgx.Tx]
}

func setup(t *testing.T, accounts int) *bundle {
	t.Helper()
	ctx := context.Background()
	pool := testdb.New(t).Pool()
	if accounts > 0 {
		_, err := seed.Run(viewer.System(ctx, "test"), pool, seed.Options{Accounts: accounts, Seed: 3})
		require.NoError(t, err)
	}
	jobs, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	require.NoError(t, err)
	svc := imports.Service{Pool: pool, BatchSize: 4}.WithDefaults()
	return &bundle{ctx: ctx, pool: pool, svc: svc, jobs: jobs}
}

var admin = &viewer.Viewer{Kind: viewer.KindUser, Label: "admin@test", Roles: []viewer.Role{viewer.RoleAdmin}}

// run uploads body and runs a dry run or a commit in mode to the end, as the
// worker would.
func (b *bundle) run(t *testing.T, v *viewer.Viewer, kind, name string, body []byte, dryRun bool, mode string) (int, imports.Counts, []imports.Issue) {
	t.Helper()
	up, err := b.svc.Create(b.ctx, v, kind, name, bytes.NewReader(body))
	require.NoError(t, err)
	require.Empty(t, up.Unmapped, "mapping: %+v", up.Fields)
	require.NoError(t, b.svc.Start(b.ctx, b.jobs, v, up.ID, dryRun, mode))
	require.NoError(t, b.svc.Run(b.ctx, up.ID))
	st, err := b.svc.Status(b.ctx, v, up.ID)
	require.NoError(t, err)
	issues, err := b.svc.Issues(b.ctx, v, up.ID, 1000)
	require.NoError(t, err)
	return up.ID, st.Counts, issues
}

func (b *bundle) int(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(b.ctx, q, args...).Scan(&n))
	return n
}

func (b *bundle) codes(t *testing.T, n int) []string {
	t.Helper()
	rows, err := b.pool.Query(b.ctx, `SELECT code FROM accounts ORDER BY id LIMIT $1`, n)
	require.NoError(t, err)
	codes, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	return codes
}

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	out, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		for _, r := range s {
			if _, err := simplifiedchinese.GBK.NewEncoder().String(string(r)); err != nil {
				t.Fatalf("%q (%U) is not in GBK", r, r)
			}
		}
	}
	require.NoError(t, err)
	return []byte(out)
}

func issueAt(issues []imports.Issue, row int) *imports.Issue {
	for i := range issues {
		if issues[i].Row == row {
			return &issues[i]
		}
	}
	return nil
}

// The shipment-and-collection sheet as a KAM keeps it: GBK CSV from Excel,
// a title row, Chinese headers with units, amounts and dates as typed.
func TestOrdersSheetGBK(t *testing.T) {
	t.Parallel()
	b := setup(t, 40)
	c := b.codes(t, 3)
	sheet := strings.Join([]string{
		"客户出货回款信息表,,,,,,,",
		"客户编码,客户名称,出货单号,出货日期,出货金额（元）,毛利,回款日期,回款金额",
		c[0] + ",,IMP-001,2026/3/1,\"￥1,234.50\",200,2026/4/1,\"1,234.50\"", // row 3: ok with a collection
		c[0] + " ,,IMP-002,46084,12.5万,1万,,",                                // row 4: serial date, 万, trailing space
		c[1] + ",,IMP-003,２０２６-03-05,１２００,,,",                               // row 5: full-width digits
		",,,,,,,",                                      // row 6: empty
		c[1] + ",,IMP-004,3/5/2026,100,,,",             // row 7: ambiguous date
		"NO-SUCH,,IMP-005,2026-03-06,100,,,",           // row 8: unknown account
		c[2] + ",,IMP-006,2026-03-07,abc,,,",           // row 9: bad amount
		c[2] + ",,IMP-001,2026-03-08,5,,,",             // row 10: duplicate order number
		c[2] + ",,IMP-007,2026-03-09,100,,2026-03-10,", // row 11: collection without amount
		c[2] + ",,IMP-008,2026-03-09,\"1,000\",,,",     // row 12: ok
	}, "\r\n") + "\r\n"
	body := gbk(t, sheet)

	// Dry run: every row checked, nothing written.
	_, counts, issues := b.run(t, admin, "orders", "出货回款表.csv", body, true, "")
	require.Equal(t, imports.Counts{Total: 9, Created: 4, Updated: 0, Unchanged: 0, Refused: 5}, counts, "issues: %+v", issues)
	require.Zero(t, b.int(t, `SELECT count(*) FROM orders WHERE order_no LIKE 'IMP-%'`))
	require.Contains(t, issueAt(issues, 7).Message, "ambiguous")
	require.Equal(t, "出货日期", issueAt(issues, 7).Column)
	require.Contains(t, issueAt(issues, 8).Message, "no account has the code NO-SUCH")
	require.Equal(t, "abc", issueAt(issues, 9).Value)
	require.Contains(t, issueAt(issues, 10).Message, "row 3")
	require.Equal(t, "回款金额", issueAt(issues, 11).Column)

	// All or nothing with bad rows writes nothing.
	_, counts, _ = b.run(t, admin, "orders", "出货回款表.csv", body, false, imports.AllOrNothing)
	require.Equal(t, 5, counts.Refused)
	require.Zero(t, b.int(t, `SELECT count(*) FROM orders WHERE order_no LIKE 'IMP-%'`))

	// Valid rows: four orders, one collection.
	_, counts, _ = b.run(t, admin, "orders", "出货回款表.csv", body, false, imports.ValidRows)
	require.Equal(t, imports.Counts{Total: 9, Created: 4, Refused: 5}, counts)
	require.Equal(t, 4, b.int(t, `SELECT count(*) FROM orders WHERE order_no LIKE 'IMP-%'`))
	require.Equal(t, 123450, b.int(t, `SELECT amount_minor FROM orders WHERE order_no = 'IMP-001'`))
	require.Equal(t, 12500000, b.int(t, `SELECT amount_minor FROM orders WHERE order_no = 'IMP-002'`))
	require.Equal(t, 1000000, b.int(t, `SELECT margin_minor FROM orders WHERE order_no = 'IMP-002'`))
	require.Equal(t, 120000, b.int(t, `SELECT amount_minor FROM orders WHERE order_no = 'IMP-003'`))
	var day string
	require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT order_date::text FROM orders WHERE order_no = 'IMP-002'`).Scan(&day))
	require.Equal(t, "2026-03-03", day)
	require.Equal(t, 1, b.int(t, `SELECT count(*) FROM collections c JOIN orders o ON o.id = c.order_id WHERE o.order_no = 'IMP-001' AND c.amount_minor = 123450`))
	audits := b.int(t, `SELECT count(*) FROM audit_events WHERE action = 'import.commit'`)
	require.Equal(t, 1, audits)

	// The same file again changes nothing.
	ordersBefore := b.int(t, `SELECT count(*) FROM orders`)
	collectionsBefore := b.int(t, `SELECT count(*) FROM collections`)
	_, counts, _ = b.run(t, admin, "orders", "出货回款表.csv", body, false, imports.ValidRows)
	require.Equal(t, imports.Counts{Total: 9, Unchanged: 4, Refused: 5}, counts)
	require.Equal(t, ordersBefore, b.int(t, `SELECT count(*) FROM orders`))
	require.Equal(t, collectionsBefore, b.int(t, `SELECT count(*) FROM collections`))

	// A corrected amount updates the order.
	fixed := strings.Replace(sheet, "\"￥1,234.50\"", "1300", 1)
	_, counts, _ = b.run(t, admin, "orders", "出货回款表.csv", gbk(t, fixed), false, imports.ValidRows)
	require.Equal(t, 1, counts.Updated)
	require.Equal(t, 130000, b.int(t, `SELECT amount_minor FROM orders WHERE order_no = 'IMP-001'`))
}

// A key-account manager imports into the accounts they may edit; rows of
// other accounts are refused, and their data is untouched.
func TestKAMImportsOnlyEditableAccounts(t *testing.T) {
	t.Parallel()
	b := setup(t, 80)
	var kamID int
	var own, other string
	require.NoError(t, b.pool.QueryRow(b.ctx, `
		SELECT u.id, a.code FROM users u JOIN accounts a ON a.owner_id = u.id
		JOIN role_assignments r ON r.user_id = u.id AND r.role = 'KEY_ACCOUNT_MANAGER'
		ORDER BY a.id LIMIT 1`).Scan(&kamID, &own))
	require.NoError(t, b.pool.QueryRow(b.ctx, `
		SELECT code FROM accounts a WHERE a.owner_id IS DISTINCT FROM $1
		  AND NOT EXISTS (SELECT 1 FROM account_team_members m WHERE m.account_id = a.id AND m.user_id = $1) LIMIT 1`, kamID).Scan(&other))
	kam := &viewer.Viewer{Kind: viewer.KindUser, UserID: kamID, Label: "kam", Roles: []viewer.Role{viewer.RoleKeyAccountManager}}
	var otherBefore string
	require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT coalesce(credit_rating, '') || credit_limit_minor FROM accounts WHERE code = $1`, other).Scan(&otherBefore))
	csv := "Account code,Credit rating,Credit limit\n" + own + ",AA,\"50,000\"\n" + other + ",C,1\n"
	_, counts, issues := b.run(t, kam, "credit_ratings", "credit.csv", []byte(csv), false, imports.ValidRows)
	require.Equal(t, imports.Counts{Total: 2, Updated: 1, Refused: 1}, counts)
	require.Contains(t, issueAt(issues, 3).Message, "you may not change")
	var rating string
	require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT coalesce(credit_rating, '') FROM accounts WHERE code = $1`, own).Scan(&rating))
	require.Equal(t, "AA", rating)
	require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT coalesce(credit_rating, '') || credit_limit_minor FROM accounts WHERE code = $1`, other).Scan(&rating))
	require.Equal(t, otherBefore, rating)

	// Someone else's import is not theirs to see.
	id, _, _ := b.run(t, admin, "credit_ratings", "credit.csv", []byte(csv), true, "")
	_, err := b.svc.Status(b.ctx, kam, id)
	require.Error(t, err)
}

// XLSX as Excel saves it: shared strings, a merged customer code over
// several order rows, a formula cell with its cached value.
func TestOrdersSheetXLSX(t *testing.T) {
	t.Parallel()
	b := setup(t, 40)
	c := b.codes(t, 2)
	var buf bytes.Buffer
	x, err := imports.NewXLSXWriter(&buf, "出货回款表")
	require.NoError(t, err)
	require.NoError(t, x.WriteRow("客户出货回款信息表"))
	x.Merge("A1:F1")
	require.NoError(t, x.WriteRow("客户编码", "出货单号", "出货日期", "单价", "数量", "出货金额"))
	require.NoError(t, x.WriteCells([]imports.Cell{{Value: c[0]}, {Value: "X-1"}, {Value: "46082", Number: true}, {Value: "10", Number: true}, {Value: "3", Number: true}, {Formula: "D3*E3", Value: "30", Number: true}}))
	require.NoError(t, x.WriteCells([]imports.Cell{{}, {Value: "X-2"}, {Value: "2026/3/2"}, {Value: "10", Number: true}, {Value: "4", Number: true}, {Formula: "D4*E4", Value: "40", Number: true}}))
	require.NoError(t, x.WriteCells([]imports.Cell{{Value: c[1]}, {Value: "X-3"}, {Value: "46083", Number: true}, {}, {}, {Formula: "1/0", Value: "#DIV/0!"}}))
	x.Merge("A3:A4")
	require.NoError(t, x.Close())

	_, counts, issues := b.run(t, admin, "orders", "出货回款表.xlsx", buf.Bytes(), false, imports.ValidRows)
	require.Equal(t, imports.Counts{Total: 3, Created: 2, Refused: 1}, counts, "issues: %+v", issues)
	require.Equal(t, 3000, b.int(t, `SELECT amount_minor FROM orders WHERE order_no = 'X-1'`))
	require.Equal(t, 4000, b.int(t, `SELECT amount_minor FROM orders o JOIN accounts a ON a.id = o.account_id WHERE o.order_no = 'X-2' AND a.code = $1`, c[0]))
	require.Equal(t, 5, issueAt(issues, 5).Row)
	require.Equal(t, "#DIV/0!", issueAt(issues, 5).Value)
}

// Contacts without an id are the account's contact of that name: an
// existing one is adopted (updated, not duplicated) and a re-import
// changes nothing.
func TestContactsByAccountAndName(t *testing.T) {
	t.Parallel()
	b := setup(t, 20)
	var code, name string
	var before int
	require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT a.code, c.name FROM contacts c JOIN accounts a ON a.id = c.account_id ORDER BY c.id LIMIT 1`).Scan(&code, &name))
	before = b.int(t, `SELECT count(*) FROM contacts`)
	csv := "客户编码,姓名,职务,邮箱,采购角色\n" + code + "," + name + ",采购总监,new@example.com,决策者\n" + code + ",新联系人,工程师,,使用者\n"
	_, counts, issues := b.run(t, admin, "contacts", "联系人.csv", []byte(csv), false, imports.ValidRows)
	require.Equal(t, imports.Counts{Total: 2, Created: 1, Updated: 1}, counts, "%+v", issues)
	require.Equal(t, before+1, b.int(t, `SELECT count(*) FROM contacts`))
	_, counts, _ = b.run(t, admin, "contacts", "联系人.csv", []byte(csv), false, imports.ValidRows)
	require.Equal(t, imports.Counts{Total: 2, Unchanged: 2}, counts)
}
