package seed

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Reference data (categories, class policies, the partner ladder) and staff
// are small. They are inserted with explicit ids from each table's own
// block, skipping rows whose natural key already exists (a migration or an
// admin may have created them), and then looked up by that key.

// classPolicy is the seed's class policy for one class, from DOMAIN.md.
type classPolicy struct {
	class, label, labelEn, coverage    string
	requiredRoles                      []string
	reviewDays, contactDays, alertDays int64
	serviceLevel                       string
	entitlements                       []string
	strategy                           string
	objectives                         []objectiveTemplate
	notifyCustomer                     bool
	// Seed 000's hotline: percent answered within seconds, callback hours
	// (0: none), queue priority.
	answerPercent, answerSeconds, callbackHours int64
	queue                                       string
}

type objectiveTemplate struct {
	Title  string `json:"title"`
	Metric string `json:"metric"`
	Unit   string `json:"unit"`
	Weight int    `json:"weight"`
}

var classPolicies = []classPolicy{
	{
		class: "S", label: "战略客户", labelEn: "Strategic",
		coverage:      "集团副总裁挂帅，配备集团客户关系总监与专属服务团队（参考IBM钻石客户：集团副总裁 + 集团客户关系总监）",
		requiredRoles: []string{"EXECUTIVE_SPONSOR", "ACCOUNT_MANAGER", "SERVICE_MANAGER"},
		reviewDays:    90, contactDays: 30, alertDays: 2,
		serviceLevel: "热线20秒内人工接通率≥90%；绿色通道，始终排在队列最前；重大问题2小时响应、24小时到场",
		entitlements: []string{"专属客户经理与服务团队", "定制化解决方案", "优先交付与备货", "最优价格系数", "延长账期与更高信用额度", "高层定期互访"},
		strategy:     "重点跟进、资源倾斜：高层每季度互访，客户经理至少每月拜访或通话一次；联合制定年度合作规划，提升钱包份额并导入新产品；服务团队专属对接，问题优先处理。",
		objectives: []objectiveTemplate{
			{"年度收入目标", "REVENUE", "MONEY_MINOR", 3},
			{"毛利目标", "GROSS_MARGIN", "MONEY_MINOR", 2},
			{"钱包份额", "WALLET_SHARE", "PERCENT_BP", 2},
			{"新产品导入", "NEW_PRODUCTS", "COUNT", 1},
		},
		notifyCustomer: true,
		answerPercent:  90, answerSeconds: 20, queue: "GREEN_CHANNEL",
	},
	{
		class: "A", label: "伙伴型客户", labelEn: "Partner",
		coverage:      "区域总裁与区域客户总监牵头，大客户经理负责日常经营（参考IBM金牌客户）",
		requiredRoles: []string{"ACCOUNT_MANAGER", "SERVICE_MANAGER"},
		reviewDays:    90, contactDays: 90, alertDays: 5,
		serviceLevel: "热线20秒内人工接通率≥90%；问题4小时响应、48小时到场",
		entitlements: []string{"专属客户经理", "定制化解决方案", "优先交付", "优惠价格系数", "季度技术研讨会"},
		strategy:     "逐步宣传引导、获得认同、促成合作：每季度举办技术交流或研讨会，扩大高层认同，把影响力转化为业务量。",
		objectives: []objectiveTemplate{
			{"年度收入目标", "REVENUE", "MONEY_MINOR", 3},
			{"钱包份额", "WALLET_SHARE", "PERCENT_BP", 2},
			{"新产品导入", "NEW_PRODUCTS", "COUNT", 1},
		},
		notifyCustomer: true,
		answerPercent:  90, answerSeconds: 20, queue: "STANDARD",
	},
	{
		class: "B", label: "价值客户", labelEn: "Value",
		coverage:      "大客户经理负责（参考IBM银牌客户）",
		requiredRoles: []string{"ACCOUNT_MANAGER"},
		reviewDays:    180, contactDays: 180, alertDays: 10,
		serviceLevel: "热线20秒内人工接通率≥85%；未接通时24小时内回访",
		entitlements: []string{"指定客户经理", "标准价格系数", "标准账期"},
		strategy:     "快速响应、盈利导向：保证交付与服务响应，控制账期与应收，提升单客户毛利。",
		objectives: []objectiveTemplate{
			{"年度收入目标", "REVENUE", "MONEY_MINOR", 2},
			{"毛利目标", "GROSS_MARGIN", "MONEY_MINOR", 2},
			{"回款目标", "COLLECTIONS", "MONEY_MINOR", 1},
		},
		answerPercent: 85, answerSeconds: 20, callbackHours: 24, queue: "STANDARD",
	},
	{
		class: "C", label: "一般客户", labelEn: "General",
		coverage:      "标准服务：客服中心与渠道覆盖",
		requiredRoles: []string{},
		reviewDays:    365, contactDays: 365, alertDays: 20,
		serviceLevel: "标准热线服务（20秒内人工接通率≥85%）；定期满意度调查",
		entitlements: []string{"标准服务"},
		strategy:     "维持关系、挖潜机会：以渠道与线上服务为主，定期满意度调查，发现升级机会。",
		objectives: []objectiveTemplate{
			{"年度收入目标", "REVENUE", "MONEY_MINOR", 1},
		},
		answerPercent: 85, answerSeconds: 20, queue: "STANDARD",
	},
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// setupTime is when the reference data was "created": before any account.
func (w *world) setupTime() time.Time { return w.date(historyDays + 2600) }

func (w *world) insertReference(ctx context.Context, tx pgx.Tx, id *ids, rows map[string]int64) error {
	t := w.setupTime()

	// Categories.
	first, err := reserve(ctx, tx, "categories", int64(len(categories)))
	if err != nil {
		return err
	}
	var cIDs []int64
	var codes, names, namesEn, descs []string
	for k, c := range categories {
		cIDs = append(cIDs, first+int64(k))
		codes, names, namesEn, descs = append(codes, c.code), append(names, c.zh), append(namesEn, c.en), append(descs, c.desc)
	}
	tag, err := tx.Exec(ctx, `INSERT INTO categories (id, created_at, updated_at, code, name, name_en, description)
		SELECT u.id, $1, $1, u.code, u.name, u.name_en, u.description
		FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(id, code, name, name_en, description)
		ON CONFLICT DO NOTHING`, t, cIDs, codes, names, namesEn, descs)
	if err != nil {
		return fmt.Errorf("error inserting categories: %w", err)
	}
	rows["categories"] = tag.RowsAffected()
	if id.categories, err = lookup(ctx, tx, `SELECT code, id FROM categories WHERE code = ANY($1)`, codes); err != nil {
		return fmt.Errorf("error reading categories: %w", err)
	}

	// Class policies.
	first, err = reserve(ctx, tx, "class_policies", int64(len(classPolicies)))
	if err != nil {
		return err
	}
	var n int64
	for k, p := range classPolicies {
		tag, err := tx.Exec(ctx, `INSERT INTO class_policies (id, created_at, updated_at, class, label, label_en, coverage,
			required_team_roles, review_cadence_days, contact_cadence_days, alert_response_days, service_level,
			entitlements, strategy_template, objective_templates, notify_customer,
			hotline_answer_percent, hotline_answer_seconds, callback_within_hours, queue_priority)
			VALUES ($1, $2, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12::jsonb, $13, $14::jsonb, $15,
			        $16, $17, nullif($18, 0), $19)
			ON CONFLICT DO NOTHING`,
			first+int64(k), t, p.class, p.label, p.labelEn, p.coverage, mustJSON(p.requiredRoles), p.reviewDays,
			p.contactDays, p.alertDays, p.serviceLevel, mustJSON(p.entitlements), p.strategy, mustJSON(p.objectives), p.notifyCustomer,
			p.answerPercent, p.answerSeconds, p.callbackHours, p.queue)
		if err != nil {
			return fmt.Errorf("error inserting class policy %s: %w", p.class, err)
		}
		n += tag.RowsAffected()
	}
	rows["class_policies"] = n

	// The partner ladder; requirements and benefits only for tiers this
	// seed creates.
	first, err = reserve(ctx, tx, "partner_tiers", int64(len(tiers)))
	if err != nil {
		return err
	}
	type req struct {
		tier      int64
		criterion string
		min       int64
	}
	type ben struct {
		tier  int64
		kind  string
		value int64
		desc  string
	}
	var reqs []req
	var bens []ben
	var tierCodes []string
	for k, ti := range tiers {
		tierCodes = append(tierCodes, ti.code)
		tid := first + int64(k)
		tag, err := tx.Exec(ctx, `INSERT INTO partner_tiers (id, created_at, updated_at, code, rank, name, name_en, description)
			VALUES ($1, $2, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`, tid, t, ti.code, ti.rank, ti.zh, ti.en, ti.desc)
		if err != nil {
			return fmt.Errorf("error inserting partner tier %s: %w", ti.code, err)
		}
		if tag.RowsAffected() == 0 {
			continue
		}
		rows["partner_tiers"]++
		reqs = append(reqs,
			req{tid, "REGISTERED_CAPITAL", ti.capitalYuan * 100},
			req{tid, "ANNUAL_PERFORMANCE", ti.performanceYuan * 100},
			req{tid, "CERTIFIED_STAFF", ti.certifiedStaff},
		)
		bens = append(bens,
			ben{tid, "DISCOUNT", ti.discountBP, fmt.Sprintf("进货折扣 %.1f%%", float64(ti.discountBP)/100)},
			ben{tid, "REBATE", ti.rebateBP, fmt.Sprintf("年度返利 %.1f%%", float64(ti.rebateBP)/100)},
		)
		if ti.marketingFundYuan > 0 {
			bens = append(bens, ben{tid, "MARKETING_FUND", ti.marketingFundYuan * 100, fmt.Sprintf("年度市场发展基金 %d 万元", ti.marketingFundYuan/10_000)})
		}
		if ti.territory != "" {
			bens = append(bens, ben{tid, "TERRITORY", 0, ti.territory})
		}
	}
	if id.tiers, err = lookup(ctx, tx, `SELECT code, id FROM partner_tiers WHERE code = ANY($1)`, tierCodes); err != nil {
		return fmt.Errorf("error reading partner tiers: %w", err)
	}
	if first, err = reserve(ctx, tx, "tier_requirements", int64(len(reqs))); err != nil {
		return err
	}
	for k, q := range reqs {
		if _, err := tx.Exec(ctx, `INSERT INTO tier_requirements (id, created_at, updated_at, criterion, min_value, tier_id)
			VALUES ($1, $2, $2, $3, $4, $5)`, first+int64(k), t, q.criterion, q.min, q.tier); err != nil {
			return fmt.Errorf("error inserting tier requirement: %w", err)
		}
	}
	rows["tier_requirements"] = int64(len(reqs))
	if first, err = reserve(ctx, tx, "tier_benefits", int64(len(bens))); err != nil {
		return err
	}
	for k, b := range bens {
		if _, err := tx.Exec(ctx, `INSERT INTO tier_benefits (id, created_at, updated_at, kind, value, description, tier_id)
			VALUES ($1, $2, $2, $3, $4, $5, $6)`, first+int64(k), t, b.kind, b.value, b.desc, b.tier); err != nil {
			return fmt.Errorf("error inserting tier benefit: %w", err)
		}
	}
	rows["tier_benefits"] = int64(len(bens))
	return w.insertStaff(ctx, tx, id, rows)
}

// insertStaff writes users and their role assignments; users whose email
// already exists are kept as they are and get no new role.
func (w *world) insertStaff(ctx context.Context, tx pgx.Tx, id *ids, rows map[string]int64) error {
	first, err := reserve(ctx, tx, "users", int64(len(w.staff)))
	if err != nil {
		return err
	}
	n := len(w.staff)
	uIDs := make([]int64, n)
	created := make([]time.Time, n)
	emails, names, titles, locales := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	regionCodes := make([]*string, n)
	for k, s := range w.staff {
		uIDs[k] = first + int64(k)
		created[k] = w.date(historyDays + 2000 - int32(k%1500))
		emails[k], names[k], titles[k], locales[k] = s.email, s.name, s.title, s.locale
		if s.region >= 0 {
			regionCodes[k] = &regions[s.region].code
		}
	}
	r, err := tx.Query(ctx, `INSERT INTO users (id, created_at, updated_at, email, name, title, region, locale)
		SELECT u.id, u.created, u.created, u.email, u.name, u.title, u.region, u.locale
		FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
			AS u(id, created, email, name, title, region, locale)
		ON CONFLICT DO NOTHING
		RETURNING id`, uIDs, created, emails, names, titles, regionCodes, locales)
	if err != nil {
		return fmt.Errorf("error inserting users: %w", err)
	}
	inserted, err := pgx.CollectRows(r, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("error inserting users: %w", err)
	}
	rows["users"] = int64(len(inserted))
	if id.users, err = lookup(ctx, tx, `SELECT email, id FROM users WHERE email = ANY($1)`, emails); err != nil {
		return fmt.Errorf("error reading users: %w", err)
	}

	var mgrUser, mgrID []int64
	for k, s := range w.staff {
		if s.manager >= 0 {
			mgrUser, mgrID = append(mgrUser, id.users[k]), append(mgrID, id.users[s.manager])
		}
	}
	// Only users this seed created: an existing user's manager is theirs.
	if _, err := tx.Exec(ctx, `UPDATE users SET manager_id = u.manager
		FROM unnest($1::bigint[], $2::bigint[]) AS u(id, manager)
		WHERE users.id = u.id AND users.id = ANY($3) AND users.manager_id IS NULL`, mgrUser, mgrID, inserted); err != nil {
		return fmt.Errorf("error setting line managers: %w", err)
	}

	isNew := make(map[int64]bool, len(inserted))
	for _, u := range inserted {
		isNew[u] = true
	}
	var raUser []int64
	var raRole []string
	var raRegion []*string
	var raCreated []time.Time
	for k, s := range w.staff {
		if !isNew[id.users[k]] {
			continue
		}
		raUser = append(raUser, id.users[k])
		raRole = append(raRole, s.role)
		var reg *string
		if s.roleRegion >= 0 {
			reg = &regions[s.roleRegion].code
		}
		raRegion = append(raRegion, reg)
		raCreated = append(raCreated, created[k])
	}
	first, err = reserve(ctx, tx, "role_assignments", int64(len(raUser)))
	if err != nil {
		return err
	}
	raIDs := make([]int64, len(raUser))
	for k := range raIDs {
		raIDs[k] = first + int64(k)
	}
	tag, err := tx.Exec(ctx, `INSERT INTO role_assignments (id, created_at, updated_at, role, source, region, granted_by_id, user_id)
		SELECT u.id, u.created, u.created, u.role, 'LOCAL', u.region, NULLIF($1::bigint, u.user_id), u.user_id
		FROM unnest($2::bigint[], $3::timestamptz[], $4::text[], $5::text[], $6::bigint[]) AS u(id, created, role, region, user_id)`,
		id.users[w.roster.admin], raIDs, raCreated, raRole, raRegion, raUser)
	if err != nil {
		return fmt.Errorf("error inserting role assignments: %w", err)
	}
	rows["role_assignments"] = tag.RowsAffected()
	return nil
}

// lookup runs a (key, id) query for keys and returns the ids in the order
// of keys; a missing key is an error.
func lookup(ctx context.Context, tx pgx.Tx, sql string, keys []string) ([]int64, error) {
	r, err := tx.Query(ctx, sql, keys)
	if err != nil {
		return nil, err
	}
	byKey := map[string]int64{}
	var k string
	var v int64
	if _, err := pgx.ForEachRow(r, []any{&k, &v}, func() error { byKey[k] = v; return nil }); err != nil {
		return nil, err
	}
	out := make([]int64, len(keys))
	for i, key := range keys {
		id, ok := byKey[key]
		if !ok {
			return nil, fmt.Errorf("row %q is missing", key)
		}
		out[i] = id
	}
	return out, nil
}

// reserve takes a block of n ids from table's identity sequence and
// returns the first. The caller holds a lock on the table, so nothing else
// inserts meanwhile; the block is checked against the table's id range
// (2^32 ids from the sequence start), which node ids are resolved by.
func reserve(ctx context.Context, tx pgx.Tx, table string, n int64) (int64, error) {
	if n == 0 {
		return 0, nil
	}
	var first, start int64
	err := tx.QueryRow(ctx, `WITH s AS (SELECT pg_get_serial_sequence($1, 'id')::regclass AS seq)
		SELECT nextval(s.seq), (SELECT seqstart FROM pg_sequence WHERE seqrelid = s.seq) FROM s`, table).Scan(&first, &start)
	if err != nil {
		return 0, fmt.Errorf("error reserving ids in %s: %w", table, err)
	}
	last := first + n - 1
	if last >= start+1<<32 {
		return 0, fmt.Errorf("error reserving %d ids in %s: the table's id range (from %d) is exhausted", n, table, start)
	}
	if _, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'), $2)`, table, last); err != nil {
		return 0, fmt.Errorf("error reserving ids in %s: %w", table, err)
	}
	return first, nil
}

// EnsureClassPolicies installs the default policy of every class that has
// none (coverage, team roles, cadences, response days, service level,
// entitlements and strategy template from the source documents, the same as
// the demo data's), so a production database gets them at install and not
// only through the demo seed. Classes an admin already configured are left
// alone. It returns how many it installed; idempotent, safe when several
// nodes start at once (ON CONFLICT on the class).
func EnsureClassPolicies(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	var n int
	for _, p := range classPolicies {
		tag, err := pool.Exec(ctx, `INSERT INTO class_policies (created_at, updated_at, class, label, label_en, coverage,
			required_team_roles, review_cadence_days, contact_cadence_days, alert_response_days, service_level,
			entitlements, strategy_template, objective_templates, notify_customer,
			hotline_answer_percent, hotline_answer_seconds, callback_within_hours, queue_priority)
			VALUES (now(), now(), $1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10::jsonb, $11, $12::jsonb, $13,
			        $14, $15, nullif($16, 0), $17)
			ON CONFLICT (class) DO NOTHING`,
			p.class, p.label, p.labelEn, p.coverage, mustJSON(p.requiredRoles), p.reviewDays,
			p.contactDays, p.alertDays, p.serviceLevel, mustJSON(p.entitlements), p.strategy, mustJSON(p.objectives), p.notifyCustomer,
			p.answerPercent, p.answerSeconds, p.callbackHours, p.queue)
		if err != nil {
			return n, fmt.Errorf("error installing the default policy of class %s: %w", p.class, err)
		}
		n += int(tag.RowsAffected())
	}
	return n, nil
}
