package imports_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/summitkam/summit/ent/gradingmodel"
	"github.com/summitkam/summit/ent/gradingmodelversion"
	"github.com/summitkam/summit/internal/database"

	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/imports"
	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/txn"
	"github.com/summitkam/summit/internal/viewer"
)

// The seed's four KAM sheets (seed 000: 客户信息表, 客户单价系数确认表,
// 客户资信等级评估表, 客户出货回款信息表), filled in as a KAM fills them in
// Excel: a title row, Chinese headers with units, amounts with ¥, commas and
// 万, a few bad rows. Each sheet exists as a GBK CSV and as an XLSX with the
// same content (numbers as numbers, some dates as Excel serials) under
// testdata/kam/. SUMMIT_UPDATE_FIXTURES=1 rewrites them from the tables
// below.
var kamSheets = []struct {
	file, kind string
	rows       [][]string
}{
	{"客户信息表", "accounts", [][]string{
		{"客户信息表（大项目中心 2026年）"},
		{"客户编码", "客户名称", "客户范畴", "地域范围", "大区", "省份", "城市", "行业", "账期（天）"},
		{"KAM001", "华东建工集团有限公司", "B2B客户", "全国性", "EAST", "上海", "上海", "建筑业", "60"},
		{"KAM002", "恒通贸易有限公司", "B2B客户", "区域性", "EAST", "江苏", "南京", "批发和零售业", "45"},
		{"KAM003", "西部运营中心", "内部客户", "区域性", "WEST", "四川", "成都", "租赁和商务服务业", "30"},
		{"KAM004", "华南项目零售连锁", "终端客户", "当地性", "SOUTH", "广东", "广州", "零售业", "30"},
		{"KAM005", "北方精密制造厂", "B2B客户", "当地性", "NORTH", "河北", "石家庄", "制造业", "３０"},
		{"KAM006", "火星贸易", "火星客户", "当地性", "NORTH", "河北", "保定", "批发和零售业", "30"}, // bad: kind
		{"KAM007", "", "B2B客户", "当地性", "NORTH", "河北", "保定", "制造业", "30"},       // bad: no name
	}},
	{"单价系数表", "price_coefficients", [][]string{
		{"客户单价系数确认表"},
		{"客户编码", "客户名称", "单价系数"},
		{"KAM001", "华东建工集团有限公司", "0.92"},
		{"KAM002", "恒通贸易有限公司", "１.０５"},
		{"KAM003", "西部运营中心", "100%"}, // the default: unchanged
		{"KAM004", "华南项目零售连锁", "0.98 "},
		{"KAM005", "北方精密制造厂", "abc"}, // bad: not a number
	}},
	{"资信等级表", "credit_ratings", [][]string{
		{"客户资信等级评估表"},
		{"客户编码", "客户名称", "资信等级", "信用额度（元）", "应收账款（元）", "逾期应收（元）", "账期（天）"},
		{"KAM001", "华东建工集团有限公司", "AA", "￥5,000,000.00", "1,000,000", "30,000", "60"},
		{"KAM002", "恒通贸易有限公司", "A", "200万", "800,000", "80,000", ""},
		{"KAM003", "西部运营中心", "BBB", "100万", "50万", "10万", ""},
		{"KAM004", "华南项目零售连锁", "bbb", "50万", "300,000.00", "0", ""},
		{"KAM005", "北方精密制造厂", "BB", "20万", "200,000", "80,000", ""},
		{"KAM009", "不存在的客户", "AAAA", "1", "1", "1", ""}, // bad: rating (and unknown account)
	}},
	{"出货回款表", "orders", [][]string{
		{"客户出货回款信息表"},
		{"客户编码", "客户名称", "出货单号", "出货日期", "出货金额（元）", "毛利（元）", "应收日期", "回款日期", "回款金额（元）"},
		{"KAM001", "华东建工集团有限公司", "SO-2026-0001", "2026/1/15", "￥3,200,000.00", "480,000", "2026/3/15", "2026/3/10", "3,200,000"},
		{"KAM001", "华东建工集团有限公司", "SO-2026-0002", "2026/6/20", "300万", "45万", "2026/8/20", "2026/9/1", "300万"},
		{"KAM001", "华东建工集团有限公司", "SO-2025-0003", "2025/6/1", "9,999,999", "1,000,000", "", "", ""}, // before the 12 months
		{"KAM002", "恒通贸易有限公司", "SO-2026-0004", "2026/2/3", "1,500,000", "150,000", "", "2026/4/1", "1,500,000"},
		{"KAM002", "恒通贸易有限公司", "SO-2026-0005", "2026/9/9", "100万", "9万", "", "", ""},
		{"KAM003", "西部运营中心", "SO-2026-0006", "46000", "900,000", "60,000", "", "", ""},
		{"KAM004", "华南项目零售连锁", "SO-2026-0007", "2026-05-05", "1,500,000.00", "200,000", "", "2026-07-01", "1,000,000"},
		{"KAM005", "北方精密制造厂", "SO-2026-0008", "2026年8月8日", "30万", "3万", "", "", ""},
		{"KAM005", "北方精密制造厂", "SO-2026-0009", "8/9/2026", "10,000", "", "", "", ""}, // bad: ambiguous date
		{"KAM404", "", "SO-2026-0010", "2026/8/9", "10,000", "", "", "", ""},        // bad: unknown account
		{"KAM004", "华南项目零售连锁", "SO-2026-0011", "2026/8/9", "一万", "", "", "", ""},    // bad: amount in words
	}},
}

func fixturePath(name string) string { return filepath.Join("testdata", "kam", name) }

// writeKAMFixtures writes each sheet as GBK CSV and XLSX.
func writeKAMFixtures(t *testing.T) {
	require.NoError(t, os.MkdirAll(filepath.Join("testdata", "kam"), 0o755))
	for _, s := range kamSheets {
		var csv strings.Builder
		for _, row := range s.rows {
			for i, c := range row {
				if i > 0 {
					csv.WriteString(",")
				}
				if strings.ContainsAny(c, ",\"") {
					c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
				}
				csv.WriteString(c)
			}
			csv.WriteString("\r\n")
		}
		enc, err := simplifiedchinese.GBK.NewEncoder().String(csv.String())
		require.NoError(t, err, s.file)
		require.NoError(t, os.WriteFile(fixturePath(s.file+".csv"), []byte(enc), 0o644))

		var buf bytes.Buffer
		x, err := imports.NewXLSXWriter(&buf, s.file)
		require.NoError(t, err)
		for ri, row := range s.rows {
			cells := make([]imports.Cell, len(row))
			for i, c := range row {
				cells[i] = imports.Cell{Value: c}
				if ri < 2 {
					continue
				}
				// What Excel stores as numbers: plain amounts and dates.
				if _, err := imports.ParseDecimal(c); err == nil && !strings.ContainsAny(c, "%万") && strings.TrimSpace(c) == c && i != 0 && i != 2 {
					// Codes and order numbers stay text.
					cells[i] = imports.Cell{Value: strings.ReplaceAll(c, ",", ""), Number: true}
				}
				if d, err := time.Parse("2006/1/2", c); err == nil {
					serial := int(d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
					cells[i] = imports.Cell{Value: strconv.Itoa(serial), Number: true}
				}
			}
			require.NoError(t, x.WriteCells(cells))
		}
		x.Merge("A1:" + imports.ColumnName(len(s.rows[1])-1) + "1")
		require.NoError(t, x.Close())
		require.NoError(t, os.WriteFile(fixturePath(s.file+".xlsx"), buf.Bytes(), 0o644))
	}
}

// The acceptance path of issue 16: the four sheets import with a clear
// report, the same sheets as XLSX change nothing, and the classes graded
// from the imported facts match a hand calculation.
func TestKAMSheetsImportAndGrade(t *testing.T) {
	t.Parallel()
	if os.Getenv("SUMMIT_UPDATE_FIXTURES") != "" {
		writeKAMFixtures(t)
	}
	b := setup(t, 0)
	type want struct {
		counts  imports.Counts
		refused map[int]string // row → part of the message
	}
	wants := map[string]want{
		"客户信息表": {imports.Counts{Total: 7, Created: 5, Refused: 2}, map[int]string{8: "is not one of", 9: "is required"}},
		"单价系数表": {imports.Counts{Total: 5, Updated: 3, Unchanged: 1, Refused: 1}, map[int]string{7: "is not a number"}},
		"资信等级表": {imports.Counts{Total: 6, Updated: 5, Refused: 1}, map[int]string{8: "is not one of"}},
		"出货回款表": {imports.Counts{Total: 11, Created: 8, Refused: 3}, map[int]string{11: "ambiguous", 12: "no account has the code KAM404", 13: "is not an amount"}},
	}
	// Each column a bad row is refused on, with the value as the file has
	// it (headers read with full-width forms folded: （元） is (元)).
	wantIssue := map[string]map[int][2]string{
		"客户信息表": {8: {"客户范畴", "火星客户"}, 9: {"客户名称", ""}},
		"单价系数表": {7: {"单价系数", "abc"}},
		"资信等级表": {8: {"资信等级", "AAAA"}},
		"出货回款表": {11: {"出货日期", "8/9/2026"}, 12: {"客户编码", "KAM404"}, 13: {"出货金额(元)", "一万"}},
	}
	facts := func() [5]int {
		return [5]int{b.int(t, `SELECT count(*) FROM accounts`), b.int(t, `SELECT count(*) FROM orders`),
			b.int(t, `SELECT count(*) FROM collections`), b.int(t, `SELECT coalesce(sum(amount_minor), 0) FROM orders`),
			b.int(t, `SELECT count(*) FROM accounts WHERE credit_rating IS NOT NULL`)}
	}
	for _, s := range kamSheets {
		body, err := os.ReadFile(fixturePath(s.file + ".csv"))
		require.NoError(t, err)
		w := wants[s.file]
		// The dry run reports what the commit will do, and writes nothing.
		before := facts()
		_, dry, dryIssues := b.run(t, admin, s.kind, s.file+".csv", body, true, imports.ValidRows)
		require.Equal(t, w.counts, dry, "%s dry run: %+v", s.file, dryIssues)
		require.Equal(t, before, facts(), "%s: a dry run writes nothing", s.file)
		for row, cv := range wantIssue[s.file] {
			is := issueAt(dryIssues, row)
			require.NotNil(t, is, "%s row %d: %+v", s.file, row, dryIssues)
			require.Equal(t, cv[0], is.Column, "%s row %d", s.file, row)
			require.Equal(t, cv[1], is.Value, "%s row %d", s.file, row)
		}
		_, counts, issues := b.run(t, admin, s.kind, s.file+".csv", body, false, imports.ValidRows)
		require.Equal(t, w.counts, counts, "%s: %+v", s.file, issues)
		require.Equal(t, dryIssues, issues, "%s: the commit refuses what the dry run reported", s.file)
		for row, msg := range w.refused {
			is := issueAt(issues, row)
			require.NotNil(t, is, "%s row %d: %+v", s.file, row, issues)
			require.Contains(t, is.Message, msg, "%s row %d", s.file, row)
		}
	}
	imported := facts()
	// 5 accounts, 8 orders, 4 collections; the shipped amounts of the sheet
	// (3.2M + 3M + 9,999,999 + 1.5M + 1M + 0.9M + 1.5M + 0.3M yuan) in fen;
	// 5 credit ratings.
	require.Equal(t, [5]int{5, 8, 4, 2_139_999_900, 5}, imported, "accounts, orders, collections, amount, rated")
	// The same CSV files again: every valid row unchanged, nothing written.
	for _, s := range kamSheets {
		body, err := os.ReadFile(fixturePath(s.file + ".csv"))
		require.NoError(t, err)
		_, counts, issues := b.run(t, admin, s.kind, s.file+".csv", body, false, imports.ValidRows)
		w := wants[s.file]
		require.Equal(t, imports.Counts{Total: w.counts.Total, Unchanged: w.counts.Total - w.counts.Refused, Refused: w.counts.Refused}, counts, "%s: %+v", s.file, issues)
	}
	require.Equal(t, imported, facts(), "re-importing the CSV files changes nothing")
	// The same sheets saved as XLSX: nothing changes.
	for _, s := range kamSheets {
		body, err := os.ReadFile(fixturePath(s.file + ".xlsx"))
		require.NoError(t, err)
		_, counts, issues := b.run(t, admin, s.kind, s.file+".xlsx", body, false, imports.ValidRows)
		w := wants[s.file]
		require.Equal(t, w.counts.Refused, counts.Refused, "%s: %+v", s.file, issues)
		require.Zero(t, counts.Created, s.file)
		require.Zero(t, counts.Updated, "%s: %+v", s.file, issues)
		require.Equal(t, w.counts.Total-w.counts.Refused, counts.Unchanged, s.file)
	}
	require.Equal(t, imported, facts(), "importing the XLSX files changes nothing")
	require.Equal(t, 12, b.int(t, `SELECT count(*) FROM audit_events WHERE action = 'import.commit'`), "one per commit, none per dry run")
	var coefficient float64
	require.NoError(t, b.pool.QueryRow(b.ctx, `SELECT price_coefficient FROM accounts WHERE code = 'KAM002'`).Scan(&coefficient))
	require.InDelta(t, 1.05, coefficient, 1e-9)
	require.Equal(t, 4, b.int(t, `SELECT count(*) FROM collections`))
	require.Equal(t, 100000000, b.int(t, `SELECT c.amount_minor FROM collections c JOIN orders o ON o.id = c.order_id WHERE o.order_no = 'SO-2026-0007'`))

	// Seed 000's department A/B/C model (volume 50%, receivables 25%,
	// credit 25%; A ≥ 75, B ≥ 60) over the imported facts, as of
	// 2026-11-01 (shipments since 2025-11-01 count). By hand:
	//   KAM001: 6,200,000 ≥ 5M → 100×.5 = 50; overdue 30k/1M = 3% → 100×.25 = 25; AA → 100×.25 = 25; 100 → A
	//   KAM002: 2,500,000 → 80×.5 = 40; 80k/800k = 10% → 70×.25 = 17.5; A → 80×.25 = 20; 77.5 → A
	//   KAM003:   900,000 → 60×.5 = 30; 100k/500k = 20% → 40×.25 = 10; BBB → 60×.25 = 15; 55 → C
	//   KAM004: 1,500,000 → 60×.5 = 30; 0/300k = 0% → 100×.25 = 25; BBB → 60×.25 = 15; 70 → B
	//   KAM005:   300,000 → 20×.5 = 10; 80k/200k = 40% → 0; BB → 40×.25 = 10; 20 → C
	scores := runReview(t, b, grading.PresetDepartmentABC, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	expect := map[string]struct {
		class grading.Class
		score float64
	}{"KAM001": {"A", 100}, "KAM002": {"A", 77.5}, "KAM003": {"C", 55}, "KAM004": {"B", 70}, "KAM005": {"C", 20}}
	for code, e := range expect {
		got, ok := scores[code]
		require.True(t, ok, "%s has a review result: %v", code, scores)
		require.Equal(t, string(e.class), got.class, code)
		require.InDelta(t, e.score, got.score, 1e-6, code)
	}
}

type reviewed struct {
	class string
	score float64
}

// runReview grades every account with a preset the way production does: a
// published model version, a review cycle started as the API starts it,
// planned into chunk jobs, each chunk run as its worker runs it. It returns
// each account's proposed class and score by code.
func runReview(t *testing.T, b *bundle, preset string, asOf time.Time) map[string]reviewed {
	t.Helper()
	ctx := viewer.System(b.ctx, "test")
	p, ok := grading.LookupPreset(preset)
	require.True(t, ok)
	client := database.NewClient(b.pool)
	model := client.GradingModel.Create().SetKey(preset).SetName(p.NameZH).
		SetKind(gradingmodel.Kind(strings.ToUpper(string(p.Kind)))).SaveX(ctx)
	version := client.GradingModelVersion.Create().SetModelID(model.ID).SetNumber(1).SetConfig(p.Config).
		SetStatus(gradingmodelversion.StatusPUBLISHED).SetPublishedAt(time.Now()).SaveX(ctx)
	runner, err := txn.New(b.pool, b.jobs)
	require.NoError(t, err)
	var cycleID int
	require.NoError(t, runner.Run(ctx, func(ctx context.Context, tx *txn.Tx) error {
		c, err := review.StartCycle(ctx, tx.Client, tx, review.StartInput{Name: "KAM sheets", ModelVersionID: version.ID, AsOf: asOf})
		if err == nil {
			cycleID = c.ID
		}
		return err
	}))
	svc := &review.Service{Pool: b.pool}
	require.NoError(t, svc.Plan(ctx, cycleID, b.jobs))
	rows, err := b.pool.Query(ctx, `SELECT args FROM river_job WHERE kind = 'review_chunk' ORDER BY id`)
	require.NoError(t, err)
	chunks, err := pgx.CollectRows(rows, pgx.RowTo[[]byte])
	require.NoError(t, err)
	require.NotEmpty(t, chunks)
	for _, raw := range chunks {
		var args jobargs.ReviewChunk
		require.NoError(t, json.Unmarshal(raw, &args))
		require.NoError(t, svc.RunChunk(ctx, args))
	}
	rows, err = b.pool.Query(ctx, `
		SELECT a.code, r.proposed_class, coalesce(r.score, -1) FROM review_results r JOIN accounts a ON a.id = r.account_id
		WHERE r.cycle_id = $1`, cycleID)
	require.NoError(t, err)
	out := map[string]reviewed{}
	for rows.Next() {
		var code string
		var r reviewed
		require.NoError(t, rows.Scan(&code, &r.class, &r.score))
		out[code] = r
	}
	require.NoError(t, rows.Err())
	return out
}
