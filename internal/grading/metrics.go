package grading

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Metrics are one account's inputs to grading, computed from facts (orders,
// collections, surveys, touchpoints) by SQL elsewhere. Money is int64 minor
// units (fen) because sums of floats drift; ratios and scores are float64.
//
// Pointer fields are nil when the fact does not exist (never ordered, never
// surveyed, influence not assessed), which is different from zero and is
// reported as missing in explanations.
type Metrics struct {
	AccountID int64 `json:"account_id"`

	Revenue12mMinor     int64 `json:"revenue_12m_minor"`
	Margin12mMinor      int64 `json:"margin_12m_minor"`
	RevenuePrev12mMinor int64 `json:"revenue_prev_12m_minor"`
	// RevenueByYearMinor is revenue for each of the last three full years,
	// most recent first, for single-factor blends.
	RevenueByYearMinor     [3]int64 `json:"revenue_by_year_minor"`
	CumulativeRevenueMinor int64    `json:"cumulative_revenue_minor"`

	Orders12m          int64 `json:"orders_12m"`
	DaysSinceLastOrder *int  `json:"days_since_last_order,omitempty"`
	// OrdersTotal counts every order ever; 1 means the first purchase (the
	// store ladder's "new" customer).
	OrdersTotal int64 `json:"orders_total"`
	// DaysSinceFirstOrder is the customer's tenure from the first purchase;
	// nil when the account never ordered.
	DaysSinceFirstOrder *int `json:"days_since_first_order,omitempty"`

	// OverdueReceivableRatio is overdue receivables / all open receivables,
	// 0..1; 0 when nothing is open.
	OverdueReceivableRatio float64      `json:"overdue_receivable_ratio"`
	CreditRating           CreditRating `json:"credit_rating,omitempty"`

	AvgSatisfaction *float64 `json:"avg_satisfaction,omitempty"` // 0–10
	Touchpoints     int64    `json:"touchpoints"`
	InfluenceScore  *float64 `json:"influence_score,omitempty"` // 0–100

	PotentialValueMinor int64 `json:"potential_value_minor"`
	// ExpectedCloseDate is for prospects; the zero time means unknown.
	ExpectedCloseDate time.Time `json:"expected_close_date,omitzero"`

	// Extra carries admin-defined metrics, referenced in configs as
	// "extra.<key>" (see ExtraMetric).
	Extra map[string]float64 `json:"extra,omitempty"`
}

// CreditRating is the account's credit standing (资信等级).
type CreditRating string

// Credit ratings, best first.
const (
	CreditAAA CreditRating = "AAA"
	CreditAA  CreditRating = "AA"
	CreditA   CreditRating = "A"
	CreditBBB CreditRating = "BBB"
	CreditBB  CreditRating = "BB"
	CreditB   CreditRating = "B"
	CreditC   CreditRating = "C"
)

// CreditRatings returns every rating, best first.
func CreditRatings() []CreditRating {
	return []CreditRating{CreditAAA, CreditAA, CreditA, CreditBBB, CreditBB, CreditB, CreditC}
}

// ParseCreditRating parses a rating case-insensitively. The empty string is
// an error: callers store "unrated" as the zero CreditRating themselves.
func ParseCreditRating(s string) (CreditRating, error) {
	rating := CreditRating(strings.ToUpper(strings.TrimSpace(s)))
	if _, ok := rating.Ordinal(); !ok {
		return "", fmt.Errorf("invalid credit rating %q: want one of AAA, AA, A, BBB, BB, B, C", s)
	}
	return rating, nil
}

// Ordinal maps the rating onto 7 (AAA) … 1 (C) so that scorecards can band it
// like any other number; ok is false for unrated or unknown ratings.
func (r CreditRating) Ordinal() (int, bool) {
	switch r {
	case CreditAAA:
		return 7, true
	case CreditAA:
		return 6, true
	case CreditA:
		return 5, true
	case CreditBBB:
		return 4, true
	case CreditBB:
		return 3, true
	case CreditB:
		return 2, true
	case CreditC:
		return 1, true
	}
	return 0, false
}

// MetricName names a metric in model configs, e.g. "revenue_12m" or
// "extra.certified_engineers".
type MetricName string

// Built-in metrics. Money metrics are in minor units.
const (
	MetricRevenue12m             MetricName = "revenue_12m"
	MetricMargin12m              MetricName = "margin_12m"
	MetricMarginRate12m          MetricName = "margin_rate_12m"
	MetricRevenuePrev12m         MetricName = "revenue_prev_12m"
	MetricRevenueGrowthYoY       MetricName = "revenue_growth_yoy"
	MetricRevenueYear1           MetricName = "revenue_year_1"
	MetricRevenueYear2           MetricName = "revenue_year_2"
	MetricRevenueYear3           MetricName = "revenue_year_3"
	MetricRevenueAvg3y           MetricName = "revenue_avg_3y"
	MetricCumulativeRevenue      MetricName = "cumulative_revenue"
	MetricOrders12m              MetricName = "orders_12m"
	MetricAvgOrderValue12m       MetricName = "avg_order_value_12m"
	MetricDaysSinceLastOrder     MetricName = "days_since_last_order"
	MetricOrdersTotal            MetricName = "orders_total"
	MetricDaysSinceFirstOrder    MetricName = "days_since_first_order"
	MetricOverdueReceivableRatio MetricName = "overdue_receivable_ratio"
	MetricCreditRating           MetricName = "credit_rating"
	MetricAvgSatisfaction        MetricName = "avg_satisfaction"
	MetricTouchpoints            MetricName = "touchpoints"
	MetricInfluenceScore         MetricName = "influence_score"
	MetricPotentialValue         MetricName = "potential_value"
	MetricTotalValue             MetricName = "total_value"
)

// ExtraMetricPrefix prefixes admin-defined metrics stored in Metrics.Extra.
const ExtraMetricPrefix = "extra."

// ExtraMetric names the admin-defined metric stored under key in
// Metrics.Extra.
func ExtraMetric(key string) MetricName {
	return MetricName(ExtraMetricPrefix + key)
}

// MetricUnit says how to read and format a metric's value.
type MetricUnit string

// Units of a metric.
const (
	UnitMinorCurrency MetricUnit = "minor_currency"
	UnitRatio         MetricUnit = "ratio"
	UnitCount         MetricUnit = "count"
	UnitDays          MetricUnit = "days"
	UnitScore         MetricUnit = "score"
	UnitOrdinal       MetricUnit = "ordinal"
	// UnitCustom is the unit of admin-defined extra metrics, whose meaning
	// this package cannot know.
	UnitCustom MetricUnit = "custom"
)

// MetricDefinition describes a metric for the model editor and for
// validation.
type MetricDefinition struct {
	Name           MetricName `json:"name"`
	Unit           MetricUnit `json:"unit"`
	HigherIsBetter bool       `json:"higher_is_better"`
	LabelZH        string     `json:"label_zh"`
	LabelEN        string     `json:"label_en"`
	Description    string     `json:"description"`
}

// metricAccessor reads one metric; resolving names to accessors once at
// compile time keeps a string switch out of the per-account loop.
type metricAccessor func(m *Metrics) (float64, bool)

type builtinMetric struct {
	def MetricDefinition
	get metricAccessor
}

var builtinMetrics = []builtinMetric{
	{
		def: MetricDefinition{Name: MetricRevenue12m, Unit: UnitMinorCurrency, HigherIsBetter: true, LabelZH: "近12个月销售额", LabelEN: "Revenue (trailing 12 months)", Description: "Revenue over the trailing 12 months, minor units."},
		get: func(m *Metrics) (float64, bool) { return float64(m.Revenue12mMinor), true },
	},
	{
		def: MetricDefinition{Name: MetricMargin12m, Unit: UnitMinorCurrency, HigherIsBetter: true, LabelZH: "近12个月毛利", LabelEN: "Margin (trailing 12 months)", Description: "Gross margin over the trailing 12 months, minor units."},
		get: func(m *Metrics) (float64, bool) { return float64(m.Margin12mMinor), true },
	},
	{
		def: MetricDefinition{Name: MetricMarginRate12m, Unit: UnitRatio, HigherIsBetter: true, LabelZH: "销售利润率", LabelEN: "Margin rate", Description: "margin_12m / revenue_12m (0.12 = 12%); missing when revenue_12m ≤ 0."},
		get: func(m *Metrics) (float64, bool) {
			if m.Revenue12mMinor <= 0 {
				return 0, false
			}
			return float64(m.Margin12mMinor) / float64(m.Revenue12mMinor), true
		},
	},
	{
		def: MetricDefinition{Name: MetricRevenuePrev12m, Unit: UnitMinorCurrency, HigherIsBetter: true, LabelZH: "上一周期12个月销售额", LabelEN: "Revenue (previous 12 months)", Description: "Revenue in the 12 months before the trailing 12, minor units."},
		get: func(m *Metrics) (float64, bool) { return float64(m.RevenuePrev12mMinor), true },
	},
	{
		def: MetricDefinition{Name: MetricRevenueGrowthYoY, Unit: UnitRatio, HigherIsBetter: true, LabelZH: "销售额增长率", LabelEN: "Revenue growth (YoY)", Description: "(revenue_12m − revenue_prev_12m) / revenue_prev_12m (0.25 = +25%); missing when there was no previous revenue to grow from."},
		get: func(m *Metrics) (float64, bool) {
			if m.RevenuePrev12mMinor <= 0 {
				return 0, false
			}
			return float64(m.Revenue12mMinor-m.RevenuePrev12mMinor) / float64(m.RevenuePrev12mMinor), true
		},
	},
	{
		def: MetricDefinition{Name: MetricRevenueYear1, Unit: UnitMinorCurrency, HigherIsBetter: true, LabelZH: "最近一年销售额", LabelEN: "Revenue, last full year", Description: "Revenue of the most recent full year, minor units."},
		get: func(m *Metrics) (float64, bool) { return float64(m.RevenueByYearMinor[0]), true },
	},
	{
		def: MetricDefinition{Name: MetricRevenueYear2, Unit: UnitMinorCurrency, HigherIsBetter: true, LabelZH: "前一年销售额", LabelEN: "Revenue, year before last", Description: "Revenue of the full year before the most recent, minor units."},
		get: func(m *Metrics) (float64, bool) { return float64(m.RevenueByYearMinor[1]), true },
	},
	{
		def: MetricDefinition{Name: MetricRevenueYear3, Unit: UnitMinorCurrency, HigherIsBetter: true, LabelZH: "前两年销售额", LabelEN: "Revenue, three years ago", Description: "Revenue of the third most recent full year, minor units."},
		get: func(m *Metrics) (float64, bool) { return float64(m.RevenueByYearMinor[2]), true },
	},
	{
		def: MetricDefinition{Name: MetricRevenueAvg3y, Unit: UnitMinorCurrency, HigherIsBetter: true, LabelZH: "近三年年均销售额", LabelEN: "Average annual revenue (3 years)", Description: "Mean of revenue_year_1..3, minor units."},
		get: func(m *Metrics) (float64, bool) {
			y := m.RevenueByYearMinor
			return (float64(y[0]) + float64(y[1]) + float64(y[2])) / 3, true
		},
	},
	{
		def: MetricDefinition{Name: MetricCumulativeRevenue, Unit: UnitMinorCurrency, HigherIsBetter: true, LabelZH: "累计销售额", LabelEN: "Cumulative revenue", Description: "All-time revenue (cumulative spend), minor units."},
		get: func(m *Metrics) (float64, bool) { return float64(m.CumulativeRevenueMinor), true },
	},
	{
		def: MetricDefinition{Name: MetricOrders12m, Unit: UnitCount, HigherIsBetter: true, LabelZH: "近12个月订单数", LabelEN: "Orders (trailing 12 months)", Description: "Number of orders in the trailing 12 months."},
		get: func(m *Metrics) (float64, bool) { return float64(m.Orders12m), true },
	},
	{
		def: MetricDefinition{Name: MetricAvgOrderValue12m, Unit: UnitMinorCurrency, HigherIsBetter: true, LabelZH: "平均订单金额", LabelEN: "Average order value", Description: "revenue_12m / orders_12m, minor units; missing without orders."},
		get: func(m *Metrics) (float64, bool) {
			if m.Orders12m <= 0 {
				return 0, false
			}
			return float64(m.Revenue12mMinor) / float64(m.Orders12m), true
		},
	},
	{
		def: MetricDefinition{Name: MetricDaysSinceLastOrder, Unit: UnitDays, HigherIsBetter: false, LabelZH: "距上次下单天数", LabelEN: "Days since last order", Description: "Days from the last order to the as-of date; missing when the account never ordered."},
		get: func(m *Metrics) (float64, bool) {
			if m.DaysSinceLastOrder == nil {
				return 0, false
			}
			return float64(*m.DaysSinceLastOrder), true
		},
	},
	{
		def: MetricDefinition{Name: MetricOrdersTotal, Unit: UnitCount, HigherIsBetter: true, LabelZH: "累计订单数", LabelEN: "Orders (all time)", Description: "Every order before the as-of date; 1 means a first purchase."},
		get: func(m *Metrics) (float64, bool) { return float64(m.OrdersTotal), true },
	},
	{
		def: MetricDefinition{Name: MetricDaysSinceFirstOrder, Unit: UnitDays, HigherIsBetter: true, LabelZH: "首次购买至今天数(客户年限)", LabelEN: "Days since first order (tenure)", Description: "Days from the first order to the as-of date: how long the account has been a customer; missing when it never ordered."},
		get: func(m *Metrics) (float64, bool) {
			if m.DaysSinceFirstOrder == nil {
				return 0, false
			}
			return float64(*m.DaysSinceFirstOrder), true
		},
	},
	{
		def: MetricDefinition{Name: MetricOverdueReceivableRatio, Unit: UnitRatio, HigherIsBetter: false, LabelZH: "逾期应收占比", LabelEN: "Overdue receivable ratio", Description: "Overdue receivables / open receivables, 0..1."},
		get: func(m *Metrics) (float64, bool) { return finite(m.OverdueReceivableRatio) },
	},
	{
		def: MetricDefinition{Name: MetricCreditRating, Unit: UnitOrdinal, HigherIsBetter: true, LabelZH: "资信等级", LabelEN: "Credit rating", Description: "Credit rating as an ordinal: AAA 7, AA 6, A 5, BBB 4, BB 3, B 2, C 1; missing when unrated."},
		get: func(m *Metrics) (float64, bool) {
			ordinal, ok := m.CreditRating.Ordinal()
			return float64(ordinal), ok
		},
	},
	{
		def: MetricDefinition{Name: MetricAvgSatisfaction, Unit: UnitScore, HigherIsBetter: true, LabelZH: "平均满意度", LabelEN: "Average satisfaction", Description: "Average survey satisfaction 0–10; missing without surveys."},
		get: func(m *Metrics) (float64, bool) {
			if m.AvgSatisfaction == nil {
				return 0, false
			}
			return finite(*m.AvgSatisfaction)
		},
	},
	{
		def: MetricDefinition{Name: MetricTouchpoints, Unit: UnitCount, HigherIsBetter: true, LabelZH: "接触次数", LabelEN: "Touchpoints", Description: "Touchpoints (visits, calls, meetings, emails, events) in the period."},
		get: func(m *Metrics) (float64, bool) { return float64(m.Touchpoints), true },
	},
	{
		def: MetricDefinition{Name: MetricInfluenceScore, Unit: UnitScore, HigherIsBetter: true, LabelZH: "影响力", LabelEN: "Influence", Description: "Assessed industry influence 0–100; missing when not assessed."},
		get: func(m *Metrics) (float64, bool) {
			if m.InfluenceScore == nil {
				return 0, false
			}
			return finite(*m.InfluenceScore)
		},
	},
	{
		def: MetricDefinition{Name: MetricPotentialValue, Unit: UnitMinorCurrency, HigherIsBetter: true, LabelZH: "潜在价值", LabelEN: "Potential value", Description: "Estimated potential value (cooperation space), minor units."},
		get: func(m *Metrics) (float64, bool) { return float64(m.PotentialValueMinor), true },
	},
	{
		def: MetricDefinition{Name: MetricTotalValue, Unit: UnitMinorCurrency, HigherIsBetter: true, LabelZH: "客户价值(当前+潜在)", LabelEN: "Total value (current + potential)", Description: "revenue_12m + potential_value, minor units (seed 003: value = current + potential)."},
		get: func(m *Metrics) (float64, bool) {
			return float64(m.Revenue12mMinor) + float64(m.PotentialValueMinor), true
		},
	},
}

var builtinMetricIndex = func() map[MetricName]int {
	index := make(map[MetricName]int, len(builtinMetrics))
	for i, metric := range builtinMetrics {
		index[metric.def.Name] = i
	}
	return index
}()

// MetricDefinitions returns the built-in metrics in a stable order. Extra
// metrics are not listed: they are defined by admins elsewhere.
func MetricDefinitions() []MetricDefinition {
	defs := make([]MetricDefinition, len(builtinMetrics))
	for i, metric := range builtinMetrics {
		defs[i] = metric.def
	}
	return defs
}

// LookupMetric returns the definition of a built-in metric or a generic one
// for a well-formed "extra.<key>" name.
func LookupMetric(name MetricName) (MetricDefinition, bool) {
	if i, ok := builtinMetricIndex[name]; ok {
		return builtinMetrics[i].def, true
	}
	if key, ok := extraKey(name); ok {
		return MetricDefinition{
			Name:           name,
			Unit:           UnitCustom,
			HigherIsBetter: true,
			LabelZH:        key,
			LabelEN:        key,
			Description:    "Admin-defined metric from Metrics.Extra.",
		}, true
	}
	return MetricDefinition{}, false
}

// ValidateMetricName returns an error unless name is a built-in metric or a
// well-formed extra metric.
func ValidateMetricName(name MetricName) error {
	if _, err := accessorFor(name); err != nil {
		return err
	}
	return nil
}

// Value returns the metric's value for this account. ok is false when the
// name is unknown or the account lacks the value (see Metrics); a NaN or
// infinite value also counts as missing so it can never reach a comparison
// or a JSON explanation.
func (m Metrics) Value(name MetricName) (float64, bool) {
	get, err := accessorFor(name)
	if err != nil {
		return 0, false
	}
	return get(&m)
}

func accessorFor(name MetricName) (metricAccessor, error) {
	if i, ok := builtinMetricIndex[name]; ok {
		return builtinMetrics[i].get, nil
	}
	if strings.HasPrefix(string(name), ExtraMetricPrefix) {
		key, ok := extraKey(name)
		if !ok {
			return nil, fmt.Errorf("invalid extra metric %q: want %s<key> with a non-empty key without spaces", name, ExtraMetricPrefix)
		}
		return func(m *Metrics) (float64, bool) {
			v, ok := m.Extra[key]
			if !ok {
				return 0, false
			}
			return finite(v)
		}, nil
	}
	if name == "" {
		return nil, fmt.Errorf("metric is required")
	}
	return nil, fmt.Errorf("unknown metric %q", name)
}

func extraKey(name MetricName) (string, bool) {
	key, ok := strings.CutPrefix(string(name), ExtraMetricPrefix)
	if !ok || key == "" || strings.ContainsAny(key, " \t\r\n") {
		return "", false
	}
	return key, true
}

func finite(v float64) (float64, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}
