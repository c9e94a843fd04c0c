package imports

import (
	"fmt"
	"slices"
	"strings"
)

// ValueType is how a column's cells are read.
type ValueType string

// Value types.
const (
	Text    ValueType = "TEXT"
	Money   ValueType = "MONEY"   // yuan as written → int64 fen
	Date    ValueType = "DATE"    // calendar day
	Moment  ValueType = "TIME"    // a moment; a bare date is its midnight in the business time zone
	Integer ValueType = "INT"     // whole number
	Decimal ValueType = "DECIMAL" // number with decimals
	Choice  ValueType = "ENUM"    // one of Choices (Chinese or English spellings)
	YesNo   ValueType = "BOOL"
)

// Column is one field a kind of import reads.
type Column struct {
	// Key names the field in mappings, reports and the NDJSON feed.
	Key string
	// ZH and EN are the headers of the blank templates; both are recognised.
	ZH, EN string
	// Aliases are other headers recognised (compared after normalising case,
	// spaces and punctuation).
	Aliases  []string
	Type     ValueType
	Required bool
	// MaxLen bounds text, in characters. Defaults to 200.
	MaxLen int
	// Min and Max bound integers and decimals when Max > Min.
	Min, Max float64
	// Choices maps each accepted spelling (lower case) to the stored value.
	Choices map[string]string
	// Hint explains the expected value in the report and the template.
	Hint string
}

// Kind is one sort of import.
type Kind struct {
	Name     string
	ZH, EN   string
	Columns  []Column
	writer   writer
	keyOf    func(r *Record) string // duplicate detection within a file
	validate func(r *Record)        // rules across columns
}

// Column returns the column with key, or nil.
func (k *Kind) Column(key string) *Column {
	for i := range k.Columns {
		if k.Columns[i].Key == key {
			return &k.Columns[i]
		}
	}
	return nil
}

func (k *Kind) index(key string) int {
	for i := range k.Columns {
		if k.Columns[i].Key == key {
			return i
		}
	}
	panic(fmt.Sprintf("imports: kind %s has no column %s", k.Name, key))
}

// Kind names.
const (
	KindAccounts           = "accounts"
	KindContacts           = "contacts"
	KindOrders             = "orders"
	KindCollections        = "collections"
	KindSurveys            = "surveys"
	KindComplaints         = "complaints"
	KindCreditRatings      = "credit_ratings"
	KindPriceCoefficients  = "price_coefficients"
	KindDistributorProfile = "distributor_profiles"
	KindMetricValues       = "metric_values"
)

func choices(pairs ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[strings.ToLower(pairs[i])] = pairs[i+1]
	}
	return m
}

var accountCode = Column{Key: "account_code", ZH: "客户编码", EN: "Account code", Type: Text, Required: true, MaxLen: 64,
	Aliases: []string{"客户编号", "客户代码", "customer code", "customer no", "customer number", "account no", "code", "编码"},
	Hint:    "the company's own customer number (客户编码)"}

var accountName = Column{Key: "account_name", ZH: "客户名称", EN: "Account name", Type: Text, MaxLen: 300,
	Aliases: []string{"客户", "公司名称", "customer name", "customer", "name", "名称"},
	Hint:    "checked against the account when given"}

var currency = Column{Key: "currency", ZH: "币种", EN: "Currency", Type: Choice,
	Choices: choices("cny", "CNY", "rmb", "CNY", "人民币", "CNY", "usd", "USD", "美元", "USD", "eur", "EUR", "欧元", "EUR", "hkd", "HKD", "港币", "HKD", "jpy", "JPY", "日元", "JPY"),
	Hint:    "CNY when empty"}

var creditRatings = choices("aaa", "AAA", "aa", "AA", "a", "A", "bbb", "BBB", "bb", "BB", "b", "B", "c", "C")

var kinds = []*Kind{
	{
		Name: KindAccounts, ZH: "客户信息表", EN: "Customer information",
		Columns: []Column{
			accountCode,
			{Key: "name", ZH: "客户名称", EN: "Account name", Type: Text, Required: true, MaxLen: 300,
				Aliases: []string{"客户", "公司名称", "customer name", "customer", "name", "名称"}},
			{Key: "name_en", ZH: "英文名称", EN: "English name", Type: Text, MaxLen: 300},
			{Key: "kind", ZH: "客户范畴", EN: "Kind", Type: Choice, Aliases: []string{"客户类型", "customer kind", "type"},
				Choices: choices("end_customer", "END_CUSTOMER", "end customer", "END_CUSTOMER", "终端客户", "END_CUSTOMER", "消费客户", "END_CUSTOMER",
					"b2b", "B2B", "企业客户", "B2B", "b2b客户", "B2B", "distributor", "DISTRIBUTOR", "渠道", "DISTRIBUTOR", "渠道客户", "DISTRIBUTOR",
					"分销商", "DISTRIBUTOR", "经销商", "DISTRIBUTOR", "代销商", "DISTRIBUTOR", "internal", "INTERNAL", "内部客户", "INTERNAL"),
				Hint: "终端客户 / B2B / 经销商 / 内部客户; B2B when empty"},
			{Key: "category", ZH: "客户类别", EN: "Category", Type: Text, MaxLen: 200, Aliases: []string{"类别", "分类"},
				Hint: "a category's code or name"},
			{Key: "geo_scope", ZH: "地域范围", EN: "Geographic scope", Type: Choice, Aliases: []string{"地域", "scope"},
				Choices: choices("national", "NATIONAL", "全国", "NATIONAL", "全国性", "NATIONAL", "regional", "REGIONAL", "区域", "REGIONAL", "区域性", "REGIONAL",
					"local", "LOCAL", "当地", "LOCAL", "当地性", "LOCAL", "本地", "LOCAL")},
			{Key: "region", ZH: "大区", EN: "Region", Type: Text, MaxLen: 64, Aliases: []string{"区域代码"}},
			{Key: "province", ZH: "省份", EN: "Province", Type: Text, MaxLen: 64, Aliases: []string{"省"}},
			{Key: "city", ZH: "城市", EN: "City", Type: Text, MaxLen: 64, Aliases: []string{"市"}},
			{Key: "industry", ZH: "行业", EN: "Industry", Type: Text, MaxLen: 128, Aliases: []string{"所属行业"}},
			{Key: "owner_email", ZH: "客户经理邮箱", EN: "Owner email", Type: Text, MaxLen: 320,
				Aliases: []string{"客户经理", "负责人邮箱", "owner", "kam email"}, Hint: "the key-account manager's email"},
			{Key: "parent_code", ZH: "上级客户编码", EN: "Parent code", Type: Text, MaxLen: 64, Aliases: []string{"集团客户编码", "parent account code"}},
			{Key: "credit_rating", ZH: "资信等级", EN: "Credit rating", Type: Choice, Choices: creditRatings, Aliases: []string{"信用等级"}},
			{Key: "credit_limit", ZH: "信用额度", EN: "Credit limit", Type: Money},
			{Key: "payment_terms_days", ZH: "账期(天)", EN: "Payment terms (days)", Type: Integer, Min: 0, Max: 3650,
				Aliases: []string{"账期", "付款期限", "payment terms"}},
			{Key: "price_coefficient", ZH: "单价系数", EN: "Price coefficient", Type: Decimal, Min: 0.0001, Max: 99.9999},
		},
		writer: accountsWriter{},
		keyOf:  func(r *Record) string { return r.Text("account_code") },
	},
	{
		Name: KindContacts, ZH: "联系人", EN: "Contacts",
		Columns: []Column{
			accountCode, accountName,
			{Key: "external_id", ZH: "联系人编号", EN: "Contact id", Type: Text, MaxLen: 64, Aliases: []string{"external id"},
				Hint: "your id for the contact; without it, the account and name identify the contact"},
			{Key: "name", ZH: "姓名", EN: "Name", Type: Text, Required: true, MaxLen: 200, Aliases: []string{"联系人", "contact name", "contact"}},
			{Key: "title", ZH: "职务", EN: "Title", Type: Text, MaxLen: 200, Aliases: []string{"职位", "job title"}},
			{Key: "department", ZH: "部门", EN: "Department", Type: Text, MaxLen: 200},
			{Key: "email", ZH: "邮箱", EN: "Email", Type: Text, MaxLen: 320, Aliases: []string{"电子邮件", "e-mail"}},
			{Key: "phone", ZH: "电话", EN: "Phone", Type: Text, MaxLen: 64, Aliases: []string{"手机", "联系电话", "mobile"}},
			{Key: "buying_role", ZH: "采购角色", EN: "Buying role", Type: Choice, Aliases: []string{"角色", "role"},
				Choices: choices("decision_maker", "DECISION_MAKER", "decision maker", "DECISION_MAKER", "决策者", "DECISION_MAKER",
					"influencer", "INFLUENCER", "影响者", "INFLUENCER", "user", "USER", "使用者", "USER",
					"gatekeeper", "GATEKEEPER", "把关者", "GATEKEEPER", "approver", "APPROVER", "审批者", "APPROVER")},
		},
		writer: contactsWriter{},
		// Without an id, the account and name identify the contact (the key
		// is also stored as its external id).
		keyOf: func(r *Record) string { return autoKey(r, "external_id", "account_code", "name") },
	},
	{
		Name: KindOrders, ZH: "出货回款表", EN: "Shipments and collections",
		Columns: []Column{
			accountCode, accountName,
			{Key: "order_no", ZH: "出货单号", EN: "Order number", Type: Text, Required: true, MaxLen: 64,
				Aliases: []string{"订单号", "订单编号", "单号", "发货单号", "order no", "order id", "shipment no"}},
			{Key: "order_date", ZH: "出货日期", EN: "Order date", Type: Date, Required: true,
				Aliases: []string{"订单日期", "发货日期", "日期", "ship date", "date"}},
			{Key: "amount", ZH: "出货金额", EN: "Amount", Type: Money, Required: true,
				Aliases: []string{"金额", "订单金额", "发货金额", "销售额", "order amount"}},
			{Key: "margin", ZH: "毛利", EN: "Margin", Type: Money, Aliases: []string{"毛利额", "gross margin"}},
			currency,
			{Key: "product_line", ZH: "产品线", EN: "Product line", Type: Text, MaxLen: 128, Aliases: []string{"产品", "产品类别", "product"}},
			{Key: "status", ZH: "状态", EN: "Status", Type: Choice,
				Choices: choices("shipped", "SHIPPED", "已出货", "SHIPPED", "已发货", "SHIPPED", "cancelled", "CANCELLED", "canceled", "CANCELLED", "已取消", "CANCELLED", "取消", "CANCELLED",
					"returned", "RETURNED", "退货", "RETURNED", "已退货", "RETURNED"),
				Hint: "已出货 when empty"},
			{Key: "due_on", ZH: "应收日期", EN: "Payment due", Type: Date, Aliases: []string{"到期日", "应回款日期", "due date"},
				Hint: "with a collection: when it was due; order date + the account's payment terms when empty"},
			{Key: "received_on", ZH: "回款日期", EN: "Collected on", Type: Date, Aliases: []string{"收款日期", "到账日期", "received on"}},
			{Key: "received_amount", ZH: "回款金额", EN: "Collected amount", Type: Money, Aliases: []string{"收款金额", "到账金额", "collection amount"}},
		},
		writer: ordersWriter{},
		keyOf:  func(r *Record) string { return r.Text("order_no") },
		validate: func(r *Record) {
			on, amount := r.Has("received_on"), r.Has("received_amount")
			if on != amount {
				missing := "received_on"
				if on {
					missing = "received_amount"
				}
				r.fail(missing, "", "a collection needs both its date and its amount")
			}
		},
	},
	{
		Name: KindCollections, ZH: "回款", EN: "Collections",
		Columns: []Column{
			accountCode, accountName,
			{Key: "external_id", ZH: "回款单号", EN: "Collection id", Type: Text, MaxLen: 64, Aliases: []string{"收款单号", "external id", "receipt no"},
				Hint: "your id for the payment; without it, the account, order, dates and amount identify it"},
			{Key: "order_no", ZH: "出货单号", EN: "Order number", Type: Text, MaxLen: 64, Aliases: []string{"订单号", "订单编号", "order no"}},
			{Key: "due_on", ZH: "应收日期", EN: "Payment due", Type: Date, Aliases: []string{"到期日", "应回款日期", "due date"},
				Hint: "the received date when empty"},
			{Key: "received_on", ZH: "回款日期", EN: "Collected on", Type: Date, Required: true, Aliases: []string{"收款日期", "到账日期", "received on", "date"}},
			{Key: "amount", ZH: "回款金额", EN: "Amount", Type: Money, Required: true, Aliases: []string{"收款金额", "金额", "到账金额"}},
			currency,
		},
		writer: collectionsWriter{},
		keyOf:  collectionKey,
	},
	{
		Name: KindSurveys, ZH: "满意度调查", EN: "Satisfaction surveys",
		Columns: []Column{
			accountCode, accountName,
			{Key: "external_id", ZH: "问卷编号", EN: "Survey id", Type: Text, MaxLen: 64, Aliases: []string{"调查编号", "external id"}},
			{Key: "surveyed_on", ZH: "调查日期", EN: "Surveyed on", Type: Date, Required: true, Aliases: []string{"日期", "date"}},
			{Key: "score", ZH: "满意度", EN: "Score", Type: Integer, Required: true, Min: 0, Max: 10, Aliases: []string{"满意度评分", "评分", "satisfaction"}, Hint: "0–10"},
			{Key: "recommend_score", ZH: "推荐意愿", EN: "Likelihood to recommend", Type: Integer, Min: 0, Max: 10, Aliases: []string{"推荐度", "nps"}, Hint: "0–10"},
			{Key: "channel", ZH: "调查方式", EN: "Channel", Type: Choice, Aliases: []string{"渠道"},
				Choices: choices("sms", "SMS", "短信", "SMS", "email", "EMAIL", "邮件", "EMAIL", "phone", "PHONE", "电话", "PHONE",
					"visit", "VISIT", "拜访", "VISIT", "上门", "VISIT", "web", "WEB", "网页", "WEB", "网络", "WEB")},
			{Key: "comment", ZH: "备注", EN: "Comment", Type: Text, MaxLen: 4000, Aliases: []string{"意见", "comments"}},
		},
		writer: surveysWriter{},
		keyOf: func(r *Record) string {
			return autoKey(r, "external_id", "account_code", "surveyed_on", "score", "recommend_score", "comment")
		},
	},
	{
		Name: KindComplaints, ZH: "客户投诉", EN: "Complaints",
		Columns: []Column{
			accountCode, accountName,
			{Key: "external_id", ZH: "投诉编号", EN: "Complaint id", Type: Text, MaxLen: 64, Aliases: []string{"工单号", "external id", "ticket no"}},
			{Key: "opened_at", ZH: "投诉日期", EN: "Opened at", Type: Moment, Required: true, Aliases: []string{"投诉时间", "日期", "date"}},
			{Key: "severity", ZH: "严重程度", EN: "Severity", Type: Choice, Aliases: []string{"级别"},
				Choices: choices("low", "LOW", "低", "LOW", "一般", "LOW", "medium", "MEDIUM", "中", "MEDIUM", "较重", "MEDIUM", "high", "HIGH", "高", "HIGH", "严重", "HIGH")},
			{Key: "topic", ZH: "投诉主题", EN: "Topic", Type: Text, MaxLen: 200, Aliases: []string{"主题", "subject"}},
			{Key: "description", ZH: "投诉内容", EN: "Description", Type: Text, MaxLen: 8000, Aliases: []string{"内容", "描述"}},
			{Key: "status", ZH: "处理状态", EN: "Status", Type: Choice, Aliases: []string{"状态"},
				Choices: choices("open", "OPEN", "处理中", "OPEN", "未解决", "OPEN", "resolved", "RESOLVED", "已解决", "RESOLVED", "已处理", "RESOLVED", "closed", "RESOLVED", "已关闭", "RESOLVED")},
			{Key: "resolved_at", ZH: "解决日期", EN: "Resolved at", Type: Moment, Aliases: []string{"解决时间", "关闭日期"}},
		},
		writer: complaintsWriter{},
		keyOf: func(r *Record) string {
			return autoKey(r, "external_id", "account_code", "opened_at", "topic", "description")
		},
		validate: func(r *Record) {
			if r.Has("resolved_at") && r.Time("resolved_at").Before(r.Time("opened_at")) {
				r.fail("resolved_at", r.raw("resolved_at"), "resolved before it was opened")
			}
		},
	},
	{
		Name: KindCreditRatings, ZH: "资信等级表", EN: "Credit ratings",
		Columns: []Column{
			accountCode, accountName,
			{Key: "credit_rating", ZH: "资信等级", EN: "Credit rating", Type: Choice, Required: true, Choices: creditRatings,
				Aliases: []string{"信用等级", "等级", "rating"}, Hint: "AAA AA A BBB BB B C"},
			{Key: "credit_limit", ZH: "信用额度", EN: "Credit limit", Type: Money, Aliases: []string{"授信额度"}},
			{Key: "payment_terms_days", ZH: "账期(天)", EN: "Payment terms (days)", Type: Integer, Min: 0, Max: 3650,
				Aliases: []string{"账期", "付款期限", "payment terms"}},
			{Key: "receivables", ZH: "应收账款", EN: "Receivables", Type: Money, Aliases: []string{"应收款", "应收金额"}},
			{Key: "overdue_receivables", ZH: "逾期应收", EN: "Overdue receivables", Type: Money, Aliases: []string{"逾期应收款", "逾期金额", "逾期款"}},
		},
		writer: accountAttributesWriter{fields: []string{"credit_rating", "credit_limit", "payment_terms_days", "receivables", "overdue_receivables"}},
		keyOf:  func(r *Record) string { return r.Text("account_code") },
	},
	{
		Name: KindPriceCoefficients, ZH: "单价系数表", EN: "Price coefficients",
		Columns: []Column{
			accountCode, accountName,
			{Key: "price_coefficient", ZH: "单价系数", EN: "Price coefficient", Type: Decimal, Required: true, Min: 0.0001, Max: 99.9999,
				Aliases: []string{"价格系数", "系数", "coefficient"}, Hint: "multiplier on list price, e.g. 0.95"},
		},
		writer: accountAttributesWriter{fields: []string{"price_coefficient"}},
		keyOf:  func(r *Record) string { return r.Text("account_code") },
	},
	{
		Name: KindDistributorProfile, ZH: "经销商档案", EN: "Distributor profiles",
		Columns: []Column{
			accountCode, accountName,
			{Key: "channel_type", ZH: "渠道类型", EN: "Channel type", Type: Choice, Aliases: []string{"类型"},
				Choices: choices("distributor", "DISTRIBUTOR", "经销商", "DISTRIBUTOR", "分销商", "DISTRIBUTOR", "regional_distributor", "REGIONAL_DISTRIBUTOR",
					"regional distributor", "REGIONAL_DISTRIBUTOR", "区域分销商", "REGIONAL_DISTRIBUTOR", "agent", "AGENT", "代理商", "AGENT",
					"dealer", "DEALER", "零售商", "DEALER", "franchise_store", "FRANCHISE_STORE", "franchise store", "FRANCHISE_STORE", "专卖店", "FRANCHISE_STORE", "加盟店", "FRANCHISE_STORE")},
			{Key: "registered_capital", ZH: "注册资金", EN: "Registered capital", Type: Money, Aliases: []string{"注册资本"}},
			{Key: "annual_performance", ZH: "年度业绩", EN: "Annual performance", Type: Money, Aliases: []string{"业绩贡献", "年销售额"}},
			{Key: "total_staff", ZH: "员工人数", EN: "Total staff", Type: Integer, Min: 0, Max: 10000000, Aliases: []string{"人员数", "人数"}},
			{Key: "certified_staff", ZH: "认证人员", EN: "Certified staff", Type: Integer, Min: 0, Max: 10000000, Aliases: []string{"认证人数"}},
			{Key: "sales_staff", ZH: "销售人员", EN: "Sales staff", Type: Integer, Min: 0, Max: 10000000, Aliases: []string{"销售人数"}},
			{Key: "territory", ZH: "销售区域", EN: "Territory", Type: Text, MaxLen: 200, Aliases: []string{"区域"}},
		},
		writer: distributorWriter{},
		keyOf:  func(r *Record) string { return r.Text("account_code") },
	},
	{
		Name: KindMetricValues, ZH: "自定义指标", EN: "Custom metric values",
		Columns: []Column{
			accountCode, accountName,
			{Key: "metric", ZH: "指标", EN: "Metric", Type: Text, Required: true, MaxLen: 100, Aliases: []string{"指标名称", "指标代码", "metric key"},
				Hint: "a custom metric's key or name"},
			{Key: "value", ZH: "指标值", EN: "Value", Type: Text, Required: true, MaxLen: 200, Aliases: []string{"值", "数值"},
				Hint: "a number (12.5, 35%, 1.2万), one of the metric's options, or 是/否"},
			{Key: "valid_from", ZH: "生效日期", EN: "Valid from", Type: Date, Aliases: []string{"日期", "date", "as of"},
				Hint: "the day the value holds from; the import's day when empty"},
		},
		writer: metricValuesWriter{},
		keyOf: func(r *Record) string {
			return r.Text("account_code") + "|" + strings.ToLower(r.Text("metric")) + "|" + r.Time("valid_from").Format("2006-01-02")
		},
	},
}

// Kinds lists every kind of import.
func Kinds() []*Kind { return kinds }

// LookupKind returns the kind named name (also accepting "shipments").
func LookupKind(name string) (*Kind, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "shipments" {
		name = KindOrders
	}
	i := slices.IndexFunc(kinds, func(k *Kind) bool { return k.Name == name })
	if i < 0 {
		return nil, false
	}
	return kinds[i], true
}

// KindNames lists the names of the kinds.
func KindNames() []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = k.Name
	}
	return out
}
