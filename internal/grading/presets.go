package grading

import (
	"encoding/json"
	"slices"
)

// Preset is a ready-made model an admin can start from. Amounts are minor
// units (fen); where the source scheme gives no figures the amounts are
// placeholders to be tuned per company, and the description says so.
type Preset struct {
	Key    string          `json:"key"`
	NameZH string          `json:"name_zh"`
	NameEN string          `json:"name_en"`
	Kind   Kind            `json:"kind"`
	Config json.RawMessage `json:"config"`
	// Description cites the source scheme.
	Description string `json:"description"`
}

// Preset keys.
const (
	PresetStoreMembershipLadder  = "store_membership_ladder"
	PresetDepartmentABC          = "department_abc"
	PresetComputerMakerScorecard = "computer_maker_scorecard"
	PresetIBMCoverage            = "ibm_coverage"
	PresetInfluenceVolumeMatrix  = "influence_volume_matrix"
	PresetValueMatrix            = "value_matrix"
	PresetCustomerPyramid        = "customer_pyramid"
	PresetRFM                    = "rfm"
	PresetProspectClose          = "prospect_close"
	PresetRevenueThreeYearBlend  = "revenue_3y_blend"
	PresetVIPFourLevels          = "vip_four_levels"
	PresetHPCoverage             = "hp_coverage"
	PresetKeyAccountFiveLevels   = "key_account_five_levels"
	PresetStoreMembership        = "store_membership"
)

var presets = []Preset{
	{
		Key:    PresetStoreMembershipLadder,
		NameZH: "门店会员阶梯(新客/普通/银卡/金卡/钻石)",
		NameEN: "Store membership ladder (new/regular/silver/gold/diamond)",
		Kind:   KindTieredLadder,
		Config: json.RawMessage(`{
  "metric": "cumulative_revenue",
  "thresholds": [
    {"level": "diamond", "min": 5000000},
    {"level": "gold", "min": 2000000},
    {"level": "silver", "min": 500000},
    {"level": "regular", "min": 100000},
    {"level": "new"}
  ],
  "class_mapping": {"diamond": "S", "gold": "A", "silver": "B", "regular": "C", "new": "C"}
}`),
		Description: "Seed 000, 门店客户分级管理制度模板: new customers (first purchase), then regular, silver, gold and diamond by rising cumulative spend, re-graded quarterly. The seed names no amounts; ¥1,000 / ¥5,000 / ¥20,000 / ¥50,000 are placeholders.",
	},
	{
		Key:    PresetDepartmentABC,
		NameZH: "部门客户A/B/C分级(业务量、应收款、信誉)",
		NameEN: "Department A/B/C grading (volume, receivables, credit)",
		Kind:   KindWeightedScorecard,
		Config: json.RawMessage(`{
  "criteria": [
    {"name": "business volume", "metric": "revenue_12m", "weight": 50, "bands": [
      {"max": 50000000, "points": 20},
      {"min": 50000000, "max": 200000000, "points": 60},
      {"min": 200000000, "max": 500000000, "points": 80},
      {"min": 500000000, "points": 100}
    ]},
    {"name": "receivables", "metric": "overdue_receivable_ratio", "weight": 25, "bands": [
      {"max": 0.05, "points": 100},
      {"min": 0.05, "max": 0.15, "points": 70},
      {"min": 0.15, "max": 0.3, "points": 40},
      {"min": 0.3, "points": 0}
    ]},
    {"name": "credit standing", "metric": "credit_rating", "weight": 25, "bands": [
      {"max": 3, "points": 0},
      {"min": 3, "max": 4, "points": 40},
      {"min": 4, "max": 5, "points": 60},
      {"min": 5, "max": 6, "points": 80},
      {"min": 6, "points": 100}
    ]}
  ],
  "thresholds": [
    {"level": "A", "min_score": 75},
    {"level": "B", "min_score": 60},
    {"level": "C", "min_score": 0}
  ],
  "class_mapping": {"A": "A", "B": "B", "C": "C"}
}`),
		Description: "Seed 000, 客户分类和分级管理制度 (大项目中心): within each customer category, grade A/B/C on business volume (业务合作量), receivables (应收款情况) and business credit (经营信誉). The seed gives criteria but no weights or bands; 50/25/25 and the bands are placeholders, with the computer maker's 75/60 cut-offs.",
	},
	{
		Key:    PresetComputerMakerScorecard,
		NameZH: "电脑生产商已有客户评分卡",
		NameEN: "Computer-maker scorecard for existing customers",
		Kind:   KindWeightedScorecard,
		Config: json.RawMessage(`{
  "criteria": [
    {"name": "cumulative sales", "metric": "cumulative_revenue", "weight": 25, "bands": [
      {"max": 100000000, "points": 0},
      {"min": 100000000, "max": 500000000, "points": 40},
      {"min": 500000000, "max": 2000000000, "points": 70},
      {"min": 2000000000, "max": 5000000000, "points": 90},
      {"min": 5000000000, "points": 100}
    ]},
    {"name": "average annual sales", "metric": "revenue_avg_3y", "weight": 15, "bands": [
      {"max": 50000000, "points": 0},
      {"min": 50000000, "max": 200000000, "points": 50},
      {"min": 200000000, "max": 500000000, "points": 80},
      {"min": 500000000, "points": 100}
    ]},
    {"name": "credit standing", "metric": "credit_rating", "weight": 15, "bands": [
      {"max": 3, "points": 0},
      {"min": 3, "max": 4, "points": 40},
      {"min": 4, "max": 5, "points": 60},
      {"min": 5, "max": 6, "points": 80},
      {"min": 6, "points": 100}
    ]},
    {"name": "profit margin", "metric": "margin_rate_12m", "weight": 15, "bands": [
      {"max": 0.05, "points": 0},
      {"min": 0.05, "max": 0.1, "points": 50},
      {"min": 0.1, "max": 0.2, "points": 80},
      {"min": 0.2, "points": 100}
    ]},
    {"name": "sales growth", "metric": "revenue_growth_yoy", "weight": 15, "bands": [
      {"max": -0.1, "points": 0},
      {"min": -0.1, "max": 0, "points": 30},
      {"min": 0, "max": 0.1, "points": 60},
      {"min": 0.1, "max": 0.3, "points": 80},
      {"min": 0.3, "points": 100}
    ]},
    {"name": "collection health", "metric": "overdue_receivable_ratio", "weight": 15, "bands": [
      {"max": 0.05, "points": 100},
      {"min": 0.05, "max": 0.15, "points": 70},
      {"min": 0.15, "max": 0.3, "points": 40},
      {"min": 0.3, "points": 0}
    ]}
  ],
  "thresholds": [
    {"level": "S", "min_score": 90},
    {"level": "A", "min_score": 75},
    {"level": "B", "min_score": 60},
    {"level": "C", "min_score": 0}
  ],
  "class_mapping": {"S": "S", "A": "A", "B": "B", "C": "C"}
}`),
		Description: "Seed 000, 针对电脑生产商的已有客户的分级体系: score cumulative sales, average sales, credit standing, profit margin, sales growth and collections; score ≥ 75 is A, 60 ≤ score < 75 is B, < 60 is C. S (≥ 90) is added on top for the S/A/B/C classes of seed 003. Weights and bands are placeholders; the seed's scoring table is not in the text.",
	},
	{
		Key:    PresetIBMCoverage,
		NameZH: "IBM 客户细分(钻石/黄金/白银/其他)",
		NameEN: "IBM coverage tiers (diamond/gold/silver/other)",
		Kind:   KindPyramid,
		Config: json.RawMessage(`{
  "metric": "revenue_12m",
  "basis": "value_share",
  "boundary": "nearest",
  "tiers": [
    {"level": "diamond", "percent": 50},
    {"level": "gold", "percent": 25},
    {"level": "silver", "percent": 20},
    {"level": "other", "percent": 5}
  ],
  "class_mapping": {"diamond": "S", "gold": "A", "silver": "B", "other": "C"}
}`),
		Description: "Seed 002, IBM的一种客户细分及管理: diamond accounts bring 50% of revenue (65% of profit) and are covered by a group VP and the group customer-relationship director; gold 25% (regional president and director); silver 20% (key-account manager); other 5% (standard offer). Tiers are cut by cumulative share of trailing-12-month revenue where the cumulative share is nearest each line (ties in value ordered by account id), so diamond holds about 50%, not 50% plus a whole crossing account.",
	},
	{
		Key:    PresetInfluenceVolumeMatrix,
		NameZH: "影响力-业务量矩阵(S/A/B/C)",
		NameEN: "Influence × volume matrix (S/A/B/C)",
		Kind:   KindInfluenceVolumeMatrix,
		Config: json.RawMessage(`{
  "influence": {"metric": "influence_score", "threshold": 60},
  "volume": {"metric": "revenue_12m", "threshold": 500000000},
  "class_mapping": {"S": "S", "A": "A", "B": "B", "C": "C"}
}`),
		Description: "Seed 003, 影响力-业务量矩阵: S strategic (high influence, high volume: focus, tilt resources), A potential key account (high influence, low volume: guide, win recognition), B main account (low influence, high volume: fast response, profit-oriented), C general (low, low: maintain, mine for chances). Influence ≥ 60 of 100 and revenue ≥ ¥5M are placeholders.",
	},
	{
		Key:    PresetValueMatrix,
		NameZH: "当前价值-潜在价值矩阵(一至四类)",
		NameEN: "Current × potential value matrix (tiers 1–4)",
		Kind:   KindValueMatrix,
		Config: json.RawMessage(`{
  "current": {"metric": "revenue_12m", "threshold": 200000000},
  "potential": {"metric": "potential_value", "threshold": 500000000},
  "class_mapping": {"1": "S", "2": "A", "3": "B", "4": "C"}
}`),
		Description: "Seed 003, 当前价值-潜在价值矩阵: tier 1 high now and later (focus), 2 high now, low later (retain, prolong the stable period), 3 low now, high later (nurture), 4 low and low (convert to 2 or 3, or drop). Current revenue ≥ ¥2M and potential ≥ ¥5M are placeholders.",
	},
	{
		Key:    PresetCustomerPyramid,
		NameZH: "客户金字塔(铂金/黄金/铁质/铅质)",
		NameEN: "Customer pyramid (platinum/gold/iron/lead)",
		Kind:   KindPyramid,
		Config: json.RawMessage(`{
  "metric": "revenue_12m",
  "basis": "account_count",
  "tiers": [
    {"level": "platinum", "percent": 1},
    {"level": "gold", "percent": 19},
    {"level": "iron", "percent": 30},
    {"level": "lead", "percent": 50}
  ],
  "class_mapping": {"platinum": "S", "gold": "A", "iron": "B", "lead": "C"}
}`),
		Description: "Seed 003, 客户金字塔模型: platinum about the top 1% of accounts, gold the next 19% (together the ~20% core that brings ~80% of revenue), iron the next 30%, lead the rest; ranked by trailing-12-month revenue.",
	},
	{
		Key:    PresetRFM,
		NameZH: "RFM 客户细分",
		NameEN: "RFM segmentation",
		Kind:   KindRFM,
		Config: json.RawMessage(`{
  "recency_metric": "days_since_last_order",
  "frequency_metric": "orders_12m",
  "monetary_metric": "revenue_12m",
  "segments": [
    {"name": "champions", "r": {"min": 4}, "f": {"min": 4}, "m": {"min": 4}},
    {"name": "loyal", "r": {"min": 3}, "f": {"min": 4}},
    {"name": "cant_lose", "r": {"max": 1}, "f": {"min": 4}, "m": {"min": 4}},
    {"name": "at_risk", "r": {"max": 2}, "f": {"min": 3}},
    {"name": "potential_loyalists", "r": {"min": 4}, "f": {"min": 2, "max": 3}},
    {"name": "new_customers", "r": {"min": 4}, "f": {"max": 1}},
    {"name": "need_attention", "r": {"min": 3, "max": 3}, "f": {"max": 3}}
  ],
  "default_segment": "hibernating",
  "class_mapping": {
    "champions": "S", "loyal": "A", "cant_lose": "A", "at_risk": "B",
    "potential_loyalists": "B", "new_customers": "C", "need_attention": "C", "hibernating": "C"
  }
}`),
		Description: "DOMAIN.md grading model 5 (RFM): recency, frequency and monetary value of purchases, each scored in quintiles, then the common RFM segments. cant_lose maps to A so the best accounts going quiet get partner-level attention (seed 002: keeping a customer costs a fifth of winning one).",
	},
	{
		Key:    PresetProspectClose,
		NameZH: "销售机会分级(按预计成交时间)",
		NameEN: "Prospect grading by expected close",
		Kind:   KindProspectClose,
		Config: json.RawMessage(`{
  "bands": [
    {"level": "A", "within_months": 3},
    {"level": "B", "within_months": 6},
    {"level": "C", "within_months": 12},
    {"level": "D"}
  ],
  "class_mapping": {"A": "A", "B": "B", "C": "C", "D": "C"}
}`),
		Description: "Seed 000, 该电脑生产企业的面向销售的潜在客户分级: A may close within 3 months, B in 4–6 months, C in 7–12 months, D not within 12 months. A prospect is not yet strategic, so no band maps to S.",
	},
	{
		Key:    PresetRevenueThreeYearBlend,
		NameZH: "三年营收加权(单因素)",
		NameEN: "Three-year revenue blend (single factor)",
		Kind:   KindSingleFactor,
		Config: json.RawMessage(`{
  "periods": [
    {"metric": "revenue_year_1", "weight": 50},
    {"metric": "revenue_year_2", "weight": 30},
    {"metric": "revenue_year_3", "weight": 20}
  ],
  "thresholds": [
    {"level": "S", "min": 1000000000},
    {"level": "A", "min": 300000000},
    {"level": "B", "min": 100000000},
    {"level": "C"}
  ],
  "class_mapping": {"S": "S", "A": "A", "B": "B", "C": "C"}
}`),
		Description: "Seed 003, 客户如何分级: the simplest grading uses a single factor (orders, collections or revenue), blending 2–3 years with weights to damp one-off effects. Revenue of the last three full years weighted 50/30/20; ¥10M / ¥3M / ¥1M are placeholders.",
	},
	{
		Key:    PresetVIPFourLevels,
		NameZH: "超级VIP/重要/普通/潜在客户(钻石/黄金/白银/青铜)",
		NameEN: "VIP ladder (diamond/gold/silver/bronze), either-or rules",
		Kind:   KindRules,
		Config: json.RawMessage(`{
  "rules": [
    {"name": "spends a great deal or is an industry heavyweight", "level": "diamond", "when": {"any": [
      {"metric": "revenue_12m", "op": ">=", "value": 100000000},
      {"metric": "extra.industry_heavyweight", "op": ">=", "value": 1}
    ]}},
    {"name": "comes often", "level": "gold", "when": {"metric": "orders_12m", "op": ">=", "value": 6}},
    {"name": "has bought", "level": "silver", "when": {"metric": "cumulative_revenue", "op": ">", "value": 0}}
  ],
  "default_level": "bronze",
  "class_mapping": {"diamond": "S", "gold": "A", "silver": "B", "bronze": "C"}
}`),
		Description: "Seed 000, 咋分级: diamond (超级VIP) customers spend a great deal in a year OR are industry heavyweights who bring new customers and resources; gold (重要) come often; silver (普通) bought occasionally or little; bronze (潜在) have not bought yet. The either-or is exact; ¥1,000,000 a year and 6 orders a year are placeholders, and industry_heavyweight is a custom metric (1 = yes) set by the account manager.",
	},
	{
		Key:    PresetHPCoverage,
		NameZH: "HP 客户细分(全球客户/大客户/本地客户)",
		NameEN: "HP coverage (global/key/named accounts)",
		Kind:   KindPyramid,
		Config: json.RawMessage(`{
  "metric": "revenue_12m",
  "basis": "top_n",
  "tiers": [
    {"level": "global", "count": 100},
    {"level": "key", "count": 70},
    {"level": "named"}
  ],
  "class_mapping": {"global": "S", "key": "A", "named": "B"}
}`),
		Description: "Seed 002, HP的一种客户细分及管理表: about 100 global accounts planned and run globally by a dedicated team and service system; about 70 key accounts in China run locally with a dedicated owner; the rest named local accounts. Ranked by trailing-12-month revenue, exactly 100 and 70 (ties at a cut ordered by account id). The seed counts the key accounts in China; publish a copy scoped to a region for a per-country count.",
	},
	{
		Key:    PresetKeyAccountFiveLevels,
		NameZH: "大客户五级(金牌/钻石/铂金/白金/银)",
		NameEN: "Key-account five levels (gold/diamond/platinum/white gold/silver)",
		Kind:   KindRules,
		Config: json.RawMessage(`{
  "rules": [
    {"name": "huge purchasing power and industry leader", "level": "gold", "when": {"all": [
      {"metric": "revenue_12m", "op": ">=", "value": 1000000000},
      {"metric": "influence_score", "op": ">=", "value": 80}
    ]}},
    {"name": "large purchasing power and important influence", "level": "diamond", "when": {"all": [
      {"metric": "revenue_12m", "op": ">=", "value": 300000000},
      {"metric": "influence_score", "op": ">=", "value": 60}
    ]}},
    {"name": "large purchasing power, little influence", "level": "platinum", "when": {"metric": "revenue_12m", "op": ">=", "value": 300000000}},
    {"name": "some purchasing power", "level": "white_gold", "when": {"metric": "revenue_12m", "op": ">=", "value": 50000000}}
  ],
  "default_level": "silver",
  "class_mapping": {"gold": "S", "diamond": "A", "platinum": "B", "white_gold": "B", "silver": "C"}
}`),
		Description: "Seed 000, 大客户管理制度: gold (金牌) customers have huge purchasing power and are industry leaders; diamond (钻石) large purchasing power and important influence; platinum (铂金) large purchasing power, low influence; white gold (白金) some purchasing power, little influence; silver (银) ordinary purchasing power. The purchasing power × influence structure is exact; ¥10M / ¥3M / ¥500k and influence 80 / 60 of 100 are placeholders. The five levels map onto four classes; the level is kept with each class decision.",
	},
	{
		Key:    PresetStoreMembership,
		NameZH: "门店会员等级(新客按首购、钻石按长期忠诚)",
		NameEN: "Store membership (new by first purchase, diamond by loyalty)",
		Kind:   KindRules,
		Config: json.RawMessage(`{
  "rules": [
    {"name": "first purchase", "level": "new", "when": {"metric": "orders_total", "op": "<=", "value": 1}},
    {"name": "long-term loyal and highest spend", "level": "diamond", "when": {"all": [
      {"metric": "cumulative_revenue", "op": ">=", "value": 5000000},
      {"metric": "days_since_first_order", "op": ">=", "value": 730}
    ]}},
    {"name": "higher cumulative spend", "level": "gold", "when": {"metric": "cumulative_revenue", "op": ">=", "value": 2000000}},
    {"name": "further cumulative spend", "level": "silver", "when": {"metric": "cumulative_revenue", "op": ">=", "value": 500000}}
  ],
  "default_level": "regular",
  "class_mapping": {"new": "C", "diamond": "S", "gold": "A", "silver": "B", "regular": "C"}
}`),
		Description: "Seed 000, 门店客户分级管理制度模板, exactly as written: new (新客户) is a customer on their first purchase whatever they spent; diamond (钻石) is long-term loyal AND the highest spend; gold, silver by rising cumulative spend; a returning customer below silver is regular (普通). ¥50,000 / ¥20,000 / ¥5,000 and two years of tenure are placeholders; each level's own benefits (first-purchase offer; member price and points; birthday gift and priority booking; free delivery and dedicated service; custom service and an annual gift) go in the class policies' level entitlements.",
	},
}

// Presets returns every preset; the slice and configs are copies.
func Presets() []Preset {
	out := make([]Preset, len(presets))
	for i, preset := range presets {
		preset.Config = slices.Clone(preset.Config)
		out[i] = preset
	}
	return out
}

// LookupPreset returns the preset with the key.
func LookupPreset(key string) (Preset, bool) {
	for _, preset := range presets {
		if preset.Key == key {
			preset.Config = slices.Clone(preset.Config)
			return preset, true
		}
	}
	return Preset{}, false
}
