// Package exports streams any list a person can see as CSV (UTF-8 with a
// BOM, so Excel opens Chinese intact) or XLSX: accounts with their class and
// a one-line why, review results, churn alerts, plans, actions, and
// distributors with their tier and the last evaluation's suggestion.
//
// Rows come from one SQL statement per export whose WHERE clause carries
// the viewer's row rules (the same predicate ent's privacy rules add, see
// ent/rule), so an export holds exactly the rows the viewer may read. Rows
// are written as they arrive from PostgreSQL: memory does not grow with the
// list.
package exports

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/rule"
	"github.com/summitkam/summit/internal/imports"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// Column of an export.
type Column struct {
	ZH, EN string
	// Number: written as a number in XLSX.
	Number bool
}

// query builds a statement with numbered arguments.
type query struct {
	args []any
}

func (q *query) arg(v any) string {
	q.args = append(q.args, v)
	return "$" + strconv.Itoa(len(q.args))
}

// readable returns the SQL condition "account id expr may be read by v".
func (q *query) readable(v *viewer.Viewer, expr string) string {
	p, restricted := rule.ReadableAccounts(v)
	if !restricted {
		return "true"
	}
	sel := entsql.Dialect(dialect.Postgres).Select(account.FieldID).From(entsql.Table(account.Table))
	p(sel)
	sql, args := sel.Query()
	// Renumber the selector's $1..$n after the arguments taken so far.
	base := len(q.args)
	for i := len(args); i >= 1; i-- {
		sql = strings.ReplaceAll(sql, "$"+strconv.Itoa(i), "$"+strconv.Itoa(base+i))
	}
	q.args = append(q.args, args...)
	return expr + " IN (" + sql + ")"
}

// List is one exportable list.
type List struct {
	Name    string
	ZH, EN  string
	Columns []Column
	build   func(q *query, v *viewer.Viewer, f url.Values) (string, error)
}

func invalid(field, msg string) error {
	return &refusal.Error{Kind: refusal.Invalid, Field: field, Message: msg}
}

// filterEq adds "col = value" for a filter parameter, checked against allowed.
func filterEq(q *query, where *[]string, f url.Values, param, col string, allowed ...string) error {
	v := strings.TrimSpace(f.Get(param))
	if v == "" {
		return nil
	}
	var vals []string
	for _, s := range strings.Split(v, ",") {
		s = strings.ToUpper(strings.TrimSpace(s))
		if len(allowed) > 0 {
			ok := false
			for _, a := range allowed {
				ok = ok || a == s
			}
			if !ok {
				return invalid(param, fmt.Sprintf("%s must be one of %s", param, strings.Join(allowed, ", ")))
			}
		}
		vals = append(vals, s)
	}
	*where = append(*where, col+" = ANY("+q.arg(vals)+"::text[])")
	return nil
}

const why = `coalesce(CASE WHEN w.source = 'OVERRIDE' THEN 'override: ' || coalesce(w.reason, '') END,
	concat_ws('; ', w.explanation->'decision'->>'text',
		(SELECT 'top: ' || (c->>'name') || ' +' || round((c->>'contribution')::numeric, 1)
		 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(w.explanation->'criteria') = 'array' THEN w.explanation->'criteria' ELSE '[]'::jsonb END) c
		 ORDER BY (c->>'contribution')::float8 DESC NULLS LAST LIMIT 1)), '')`

var lists = []*List{
	{
		Name: "accounts", ZH: "客户", EN: "Accounts",
		Columns: []Column{{ZH: "客户编码", EN: "Account code"}, {ZH: "客户名称", EN: "Account name"}, {ZH: "客户范畴", EN: "Kind"},
			{ZH: "客户类别", EN: "Category"}, {ZH: "大区", EN: "Region"}, {ZH: "省份", EN: "Province"}, {ZH: "城市", EN: "City"},
			{ZH: "客户经理", EN: "Owner"}, {ZH: "客户等级", EN: "Class"}, {ZH: "分级依据", EN: "Why"}, {ZH: "生命周期", EN: "Lifecycle stage"},
			{ZH: "资信等级", EN: "Credit rating"}, {ZH: "信用额度", EN: "Credit limit", Number: true}, {ZH: "单价系数", EN: "Price coefficient", Number: true},
			{ZH: "应收账款", EN: "Receivables", Number: true}, {ZH: "逾期应收", EN: "Overdue receivables", Number: true}},
		build: func(q *query, v *viewer.Viewer, f url.Values) (string, error) {
			where := []string{q.readable(v, "a.id")}
			if f.Get("archived") != "true" {
				where = append(where, "NOT a.archived")
			}
			if err := filterEq(q, &where, f, "class", "a.current_class", "S", "A", "B", "C"); err != nil {
				return "", err
			}
			if err := filterEq(q, &where, f, "kind", "a.kind", "END_CUSTOMER", "B2B", "DISTRIBUTOR", "INTERNAL"); err != nil {
				return "", err
			}
			if err := filterEq(q, &where, f, "lifecycleStage", "a.lifecycle_stage", "EXPLORATION", "FORMATION", "STABLE", "DECLINE", "LOST"); err != nil {
				return "", err
			}
			if r := f.Get("region"); r != "" {
				where = append(where, "a.region = "+q.arg(r))
			}
			if f.Get("mine") == "true" {
				where = append(where, "a.owner_id = "+q.arg(v.UserID))
			}
			if s := strings.TrimSpace(f.Get("q")); s != "" {
				like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s) + "%"
				p := q.arg(like)
				where = append(where, "(a.name ILIKE "+p+" OR a.code ILIKE "+p+" OR a.name_en ILIKE "+p+")")
			}
			return `SELECT a.code, a.name, a.kind, coalesce(c.name, ''), coalesce(a.region, ''), coalesce(a.province, ''), coalesce(a.city, ''),
				coalesce(u.name, ''), coalesce(a.current_class, ''), ` + why + `, a.lifecycle_stage, coalesce(a.credit_rating, ''),
				(a.credit_limit_minor / 100.0)::text, a.price_coefficient::text, (a.receivables_minor / 100.0)::text, (a.overdue_receivables_minor / 100.0)::text
			FROM accounts a
			LEFT JOIN categories c ON c.id = a.category_id
			LEFT JOIN users u ON u.id = a.owner_id
			LEFT JOIN LATERAL (
				SELECT ca.source, ca.reason, ca.explanation FROM class_assignments ca
				WHERE ca.account_id = a.id AND ca.approval_status IN ('NOT_REQUIRED', 'APPROVED')
				ORDER BY ca.effective_at DESC NULLS LAST, ca.id DESC LIMIT 1) w ON true
			WHERE ` + strings.Join(where, " AND ") + `
			ORDER BY a.code`, nil
		},
	},
	{
		Name: "review-results", ZH: "评级结果", EN: "Review results",
		Columns: []Column{{ZH: "客户编码", EN: "Account code"}, {ZH: "客户名称", EN: "Account name"}, {ZH: "原等级", EN: "Previous class"},
			{ZH: "建议等级", EN: "Proposed class"}, {ZH: "最终等级", EN: "Final class"}, {ZH: "得分", EN: "Score", Number: true},
			{ZH: "状态", EN: "Status"}, {ZH: "分级依据", EN: "Why"}},
		build: func(q *query, v *viewer.Viewer, f url.Values) (string, error) {
			cycle, err := strconv.Atoi(f.Get("cycle"))
			if err != nil || cycle <= 0 {
				return "", invalid("cycle", "cycle (a review cycle id) is required")
			}
			where := []string{"r.cycle_id = " + q.arg(cycle), q.readable(v, "r.account_id")}
			if err := filterEq(q, &where, f, "status", "r.status", "PROPOSED", "CONTESTED", "PENDING_APPROVAL", "APPROVED", "REJECTED", "PUBLISHED"); err != nil {
				return "", err
			}
			if err := filterEq(q, &where, f, "class", "r.proposed_class", "S", "A", "B", "C"); err != nil {
				return "", err
			}
			return `SELECT a.code, a.name, coalesce(r.previous_class, ''), r.proposed_class, coalesce(r.final_class, ''),
				coalesce(round(r.score::numeric, 2)::text, ''), r.status, coalesce(r.explanation->'decision'->>'text', '')
			FROM review_results r JOIN accounts a ON a.id = r.account_id
			WHERE ` + strings.Join(where, " AND ") + ` ORDER BY a.code`, nil
		},
	},
	{
		Name: "alerts", ZH: "流失预警", EN: "Churn alerts",
		Columns: []Column{{ZH: "客户编码", EN: "Account code"}, {ZH: "客户名称", EN: "Account name"}, {ZH: "类型", EN: "Type"},
			{ZH: "严重程度", EN: "Severity"}, {ZH: "状态", EN: "Status"}, {ZH: "风险分", EN: "Risk score", Number: true},
			{ZH: "预警时间", EN: "Opened at"}, {ZH: "响应期限", EN: "Response due"}, {ZH: "负责人", EN: "Owner"}, {ZH: "信号", EN: "Signals"}},
		build: func(q *query, v *viewer.Viewer, f url.Values) (string, error) {
			where := []string{q.readable(v, "al.account_id")}
			if err := filterEq(q, &where, f, "status", "al.status", "OPEN", "ACKNOWLEDGED", "ESCALATED", "RESOLVED", "FALSE_ALARM", "LOST"); err != nil {
				return "", err
			}
			if err := filterEq(q, &where, f, "severity", "al.severity", "LOW", "MEDIUM", "HIGH", "CRITICAL"); err != nil {
				return "", err
			}
			return `SELECT a.code, a.name, al.alert_type, al.severity, al.status, round(al.risk_score::numeric, 1)::text,
				to_char(al.opened_at AT TIME ZONE ` + q.arg(zone(f)) + `, 'YYYY-MM-DD HH24:MI'),
				coalesce(to_char(al.response_due_at AT TIME ZONE ` + q.arg(zone(f)) + `, 'YYYY-MM-DD HH24:MI'), ''), coalesce(u.name, ''),
				coalesce((SELECT string_agg(coalesce(s->>'detail_zh', s->>'detail', s->>'code'), '; ')
					FROM jsonb_array_elements(CASE WHEN jsonb_typeof(al.signals) = 'array' THEN al.signals ELSE '[]'::jsonb END) s), '')
			FROM churn_alerts al JOIN accounts a ON a.id = al.account_id LEFT JOIN users u ON u.id = al.owner_id
			WHERE ` + strings.Join(where, " AND ") + ` ORDER BY al.opened_at DESC, al.id`, nil
		},
	},
	{
		Name: "plans", ZH: "客户计划", EN: "Account plans",
		Columns: []Column{{ZH: "客户编码", EN: "Account code"}, {ZH: "客户名称", EN: "Account name"}, {ZH: "期间", EN: "Period"},
			{ZH: "状态", EN: "Status"}, {ZH: "制定时等级", EN: "Class at creation"}, {ZH: "策略", EN: "Strategy"},
			{ZH: "目标数", EN: "Objectives", Number: true}, {ZH: "未完成行动", EN: "Open actions", Number: true}},
		build: func(q *query, v *viewer.Viewer, f url.Values) (string, error) {
			where := []string{q.readable(v, "p.account_id")}
			if err := filterEq(q, &where, f, "status", "p.status", "DRAFT", "SUBMITTED", "APPROVED", "ACTIVE", "CLOSED"); err != nil {
				return "", err
			}
			if s := f.Get("period"); s != "" {
				where = append(where, "p.period = "+q.arg(s))
			}
			return `SELECT a.code, a.name, p.period, p.status, coalesce(p.class_at_creation, ''), coalesce(p.strategy_statement, ''),
				(SELECT count(*) FROM objectives o WHERE o.plan_id = p.id)::text,
				(SELECT count(*) FROM actions x WHERE x.plan_id = p.id AND x.status NOT IN ('DONE', 'CANCELLED'))::text
			FROM account_plans p JOIN accounts a ON a.id = p.account_id
			WHERE ` + strings.Join(where, " AND ") + ` ORDER BY a.code, p.period_start`, nil
		},
	},
	{
		Name: "actions", ZH: "行动", EN: "Actions",
		Columns: []Column{{ZH: "客户编码", EN: "Account code"}, {ZH: "客户名称", EN: "Account name"}, {ZH: "行动", EN: "Action"},
			{ZH: "状态", EN: "Status"}, {ZH: "截止日期", EN: "Due on"}, {ZH: "负责人", EN: "Owner"}, {ZH: "计划期间", EN: "Plan period"}},
		build: func(q *query, v *viewer.Viewer, f url.Values) (string, error) {
			where := []string{q.readable(v, "x.account_id")}
			if s := f.Get("status"); s != "" {
				where = append(where, "x.status = ANY("+q.arg(strings.Split(strings.ToUpper(s), ","))+"::text[])")
			}
			if f.Get("overdue") == "true" {
				where = append(where, "x.due_on < current_date AND x.status NOT IN ('DONE', 'CANCELLED')")
			}
			return `SELECT a.code, a.name, x.title, x.status, coalesce(x.due_on::text, ''), coalesce(u.name, ''), coalesce(p.period, '')
			FROM actions x JOIN accounts a ON a.id = x.account_id LEFT JOIN users u ON u.id = x.owner_id
			LEFT JOIN account_plans p ON p.id = x.plan_id
			WHERE ` + strings.Join(where, " AND ") + ` ORDER BY x.due_on NULLS LAST, x.id`, nil
		},
	},
	{
		Name: "distributors", ZH: "经销商", EN: "Distributors",
		Columns: []Column{{ZH: "客户编码", EN: "Account code"}, {ZH: "客户名称", EN: "Account name"}, {ZH: "大区", EN: "Region"},
			{ZH: "渠道类型", EN: "Channel type"}, {ZH: "当前级别", EN: "Tier"}, {ZH: "注册资金", EN: "Registered capital", Number: true},
			{ZH: "年度业绩", EN: "Annual performance", Number: true}, {ZH: "认证人员", EN: "Certified staff", Number: true},
			{ZH: "考察期", EN: "On probation"}, {ZH: "最近评估建议", EN: "Last suggested tier"}, {ZH: "评估结论", EN: "Proposal"},
			{ZH: "评估状态", EN: "Evaluation status"}},
		build: func(q *query, v *viewer.Viewer, f url.Values) (string, error) {
			where := []string{q.readable(v, "p.account_id")}
			if r := f.Get("region"); r != "" {
				where = append(where, "a.region = "+q.arg(r))
			}
			if t := f.Get("tier"); t != "" {
				where = append(where, "t.code = "+q.arg(strings.ToUpper(t)))
			}
			return `SELECT a.code, a.name, coalesce(a.region, ''), p.channel_type, coalesce(t.name, ''),
				(p.registered_capital_minor / 100.0)::text, (p.annual_performance_minor / 100.0)::text, p.certified_staff::text,
				CASE WHEN p.on_probation THEN '是' ELSE '否' END, coalesce(st.name, ''), coalesce(e.proposal, ''), coalesce(e.status, '')
			FROM partner_profiles p JOIN accounts a ON a.id = p.account_id LEFT JOIN partner_tiers t ON t.id = p.tier_id
			LEFT JOIN LATERAL (SELECT * FROM tier_evaluations e WHERE e.partner_profile_id = p.id ORDER BY e.evaluated_at DESC, e.id DESC LIMIT 1) e ON true
			LEFT JOIN partner_tiers st ON st.id = e.suggested_tier_id
			WHERE ` + strings.Join(where, " AND ") + ` ORDER BY a.code`, nil
		},
	},
}

func zone(f url.Values) string {
	if tz := f.Get("tz"); tz != "" {
		if _, err := time.LoadLocation(tz); err == nil {
			return tz
		}
	}
	return "Asia/Shanghai"
}

// Lookup returns the list named name.
func Lookup(name string) (*List, bool) {
	for _, l := range lists {
		if l.Name == name {
			return l, true
		}
	}
	return nil, false
}

// Names lists the exportable lists.
func Names() []string {
	out := make([]string, len(lists))
	for i, l := range lists {
		out[i] = l.Name
	}
	return out
}

// Write streams list l, filtered by f, as v may read it, to w in format
// ("csv" or "xlsx") with headers in lang ("zh", "en"). It returns the rows
// written.
func Write(ctx context.Context, pool *pgxpool.Pool, v *viewer.Viewer, l *List, f url.Values, format, lang string, w io.Writer) (int, error) {
	if v == nil {
		return 0, &refusal.Error{Kind: refusal.Forbidden, Message: "sign in to export"}
	}
	q := &query{}
	sql, err := l.build(q, v, f)
	if err != nil {
		return 0, err
	}
	headers := make([]string, len(l.Columns))
	for i, c := range l.Columns {
		headers[i] = c.ZH
		if lang == "en" {
			headers[i] = c.EN
		}
	}
	rows, err := pool.Query(ctx, sql, q.args...)
	if err != nil {
		return 0, fmt.Errorf("error exporting %s: %w", l.Name, err)
	}
	defer rows.Close()
	record := make([]string, len(l.Columns))
	n := 0
	if format == "xlsx" {
		name := l.ZH
		if lang == "en" {
			name = l.EN
		}
		x, err := imports.NewXLSXWriter(w, name)
		if err != nil {
			return 0, err
		}
		if err := x.WriteRow(headers...); err != nil {
			return 0, err
		}
		cells := make([]imports.Cell, len(l.Columns))
		dest := make([]any, len(record))
		for i := range record {
			dest[i] = &record[i]
		}
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				return n, fmt.Errorf("error exporting %s: %w", l.Name, err)
			}
			for i, c := range l.Columns {
				cells[i] = imports.Cell{Value: record[i], Number: c.Number && record[i] != ""}
			}
			if err := x.WriteCells(cells); err != nil {
				return n, err
			}
			n++
		}
		if err := rows.Err(); err != nil {
			return n, fmt.Errorf("error exporting %s: %w", l.Name, err)
		}
		return n, x.Close()
	}
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return 0, err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(headers); err != nil {
		return 0, err
	}
	dest := make([]any, len(record))
	for i := range record {
		dest[i] = &record[i]
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return n, fmt.Errorf("error exporting %s: %w", l.Name, err)
		}
		if err := cw.Write(record); err != nil {
			return n, err
		}
		n++
		if n%2000 == 0 {
			cw.Flush()
		}
	}
	cw.Flush()
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("error exporting %s: %w", l.Name, err)
	}
	return n, cw.Error()
}

// Handler serves GET /api/exports/{list}?format=csv|xlsx&lang=zh|en&<filters>
// behind the login middleware (docs/api/exports.md).
func Handler(pool *pgxpool.Pool) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/exports/{list}", func(w http.ResponseWriter, r *http.Request) {
		name := r.PathValue("list")
		format := strings.ToLower(r.URL.Query().Get("format"))
		if strings.HasSuffix(name, ".xlsx") {
			format = "xlsx"
		}
		name = strings.TrimSuffix(strings.TrimSuffix(name, ".xlsx"), ".csv")
		if format != "xlsx" {
			format = "csv"
		}
		l, ok := Lookup(name)
		if !ok {
			imports.WriteError(w, r, &refusal.Error{Kind: refusal.NotFound, Field: "list", Message: fmt.Sprintf("unknown list %q (one of %s)", name, strings.Join(Names(), ", "))})
			return
		}
		lang := "zh"
		if r.URL.Query().Get("lang") == "en" {
			lang = "en"
		}
		// Check the filters before the first byte goes out, so a bad one
		// is a clean 400.
		if _, err := l.build(&query{}, viewer.FromContext(r.Context()), r.URL.Query()); err != nil {
			imports.WriteError(w, r, err)
			return
		}
		ct := "text/csv; charset=utf-8"
		if format == "xlsx" {
			ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		}
		title := l.ZH
		if lang == "en" {
			title = l.EN
		}
		stamp := time.Now().Format("20060102")
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s.%s"; filename*=UTF-8''%s-%s.%s`, l.Name, stamp, format, url.PathEscape(title), stamp, format))
		w.Header().Set("Cache-Control", "no-store")
		if _, err := Write(r.Context(), pool, viewer.FromContext(r.Context()), l, r.URL.Query(), format, lang, w); err != nil {
			// The status is sent; the truncated file is all we can do.
			_ = err
		}
	})
	return mux
}
