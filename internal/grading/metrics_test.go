package grading

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMetricsValue(t *testing.T) {
	t.Parallel()

	account := Metrics{
		AccountID:              42,
		Revenue12mMinor:        1_200_000,
		Margin12mMinor:         180_000,
		RevenuePrev12mMinor:    1_000_000,
		RevenueByYearMinor:     [3]int64{900_000, 600_000, 300_000},
		CumulativeRevenueMinor: 5_000_000,
		Orders12m:              8,
		DaysSinceLastOrder:     new(12),
		OrdersTotal:            31,
		DaysSinceFirstOrder:    new(800),
		OverdueReceivableRatio: 0.08,
		CreditRating:           CreditBBB,
		AvgSatisfaction:        new(8.5),
		Touchpoints:            14,
		InfluenceScore:         new(70.0),
		PotentialValueMinor:    3_000_000,
		Extra:                  map[string]float64{"certified_engineers": 6},
	}
	want := map[MetricName]float64{
		MetricRevenue12m:             1_200_000,
		MetricMargin12m:              180_000,
		MetricMarginRate12m:          0.15,
		MetricRevenuePrev12m:         1_000_000,
		MetricRevenueGrowthYoY:       0.2,
		MetricRevenueYear1:           900_000,
		MetricRevenueYear2:           600_000,
		MetricRevenueYear3:           300_000,
		MetricRevenueAvg3y:           600_000,
		MetricCumulativeRevenue:      5_000_000,
		MetricOrders12m:              8,
		MetricAvgOrderValue12m:       150_000,
		MetricDaysSinceLastOrder:     12,
		MetricOrdersTotal:            31,
		MetricDaysSinceFirstOrder:    800,
		MetricOverdueReceivableRatio: 0.08,
		MetricCreditRating:           4,
		MetricAvgSatisfaction:        8.5,
		MetricTouchpoints:            14,
		MetricInfluenceScore:         70,
		MetricPotentialValue:         3_000_000,
		MetricTotalValue:             4_200_000,
		"extra.certified_engineers":  6,
	}
	for name, expected := range want {
		got, ok := account.Value(name)
		require.True(t, ok, name)
		require.Equal(t, expected, got, name)
	}
	require.Len(t, MetricDefinitions(), len(want)-1, "every built-in metric is covered above")
}

func TestMetricsValueMissing(t *testing.T) {
	t.Parallel()

	empty := Metrics{}
	for _, name := range []MetricName{
		MetricMarginRate12m,      // no revenue to divide by
		MetricRevenueGrowthYoY,   // no previous revenue to grow from
		MetricAvgOrderValue12m,   // no orders
		MetricDaysSinceLastOrder, // never ordered
		MetricCreditRating,       // unrated
		MetricAvgSatisfaction,    // never surveyed
		MetricInfluenceScore,     // not assessed
		"extra.absent",
		"revenue_13m",
		"extra.",
		"",
	} {
		_, ok := empty.Value(name)
		require.False(t, ok, name)
	}

	nonFinite := Metrics{
		OverdueReceivableRatio: math.NaN(),
		AvgSatisfaction:        new(math.Inf(1)),
		Extra:                  map[string]float64{"x": math.NaN()},
	}
	for _, name := range []MetricName{MetricOverdueReceivableRatio, MetricAvgSatisfaction, "extra.x"} {
		_, ok := nonFinite.Value(name)
		require.False(t, ok, "non-finite %s counts as missing", name)
	}

	_, ok := Metrics{Revenue12mMinor: -5, RevenuePrev12mMinor: -10}.Value(MetricRevenueGrowthYoY)
	require.False(t, ok, "growth from a negative base is meaningless")
	zero, ok := Metrics{}.Value(MetricRevenue12m)
	require.True(t, ok, "zero revenue is a value, not missing")
	require.Zero(t, zero)
}

func TestValidateMetricName(t *testing.T) {
	t.Parallel()

	require.NoError(t, ValidateMetricName(MetricRevenue12m))
	require.NoError(t, ValidateMetricName(ExtraMetric("certified_engineers")))
	require.EqualError(t, ValidateMetricName("revenue"), `unknown metric "revenue"`)
	require.EqualError(t, ValidateMetricName(""), "metric is required")
	require.ErrorContains(t, ValidateMetricName("extra."), "invalid extra metric")
	require.ErrorContains(t, ValidateMetricName("extra.two words"), "invalid extra metric")

	def, ok := LookupMetric(MetricDaysSinceLastOrder)
	require.True(t, ok)
	require.Equal(t, UnitDays, def.Unit)
	require.False(t, def.HigherIsBetter)
	require.Equal(t, "距上次下单天数", def.LabelZH)

	def, ok = LookupMetric("extra.nps")
	require.True(t, ok)
	require.Equal(t, UnitCustom, def.Unit)
	_, ok = LookupMetric("nps")
	require.False(t, ok)
}

func TestMetricDefinitionsAreComplete(t *testing.T) {
	t.Parallel()

	seen := make(map[MetricName]bool)
	for _, def := range MetricDefinitions() {
		require.False(t, seen[def.Name], "duplicate %s", def.Name)
		seen[def.Name] = true
		require.NotEmpty(t, def.Unit, def.Name)
		require.NotEmpty(t, def.LabelZH, def.Name)
		require.NotEmpty(t, def.LabelEN, def.Name)
		require.NotEmpty(t, def.Description, def.Name)
	}
}

func TestCreditRating(t *testing.T) {
	t.Parallel()

	previous := 8
	for _, rating := range CreditRatings() {
		ordinal, ok := rating.Ordinal()
		require.True(t, ok)
		require.Equal(t, previous-1, ordinal, "ratings are listed best first")
		previous = ordinal

		parsed, err := ParseCreditRating(" " + string(rating) + " ")
		require.NoError(t, err)
		require.Equal(t, rating, parsed)
	}
	parsed, err := ParseCreditRating("bbb")
	require.NoError(t, err)
	require.Equal(t, CreditBBB, parsed)
	_, err = ParseCreditRating("")
	require.Error(t, err)
	_, err = ParseCreditRating("AAAA")
	require.Error(t, err)
}
