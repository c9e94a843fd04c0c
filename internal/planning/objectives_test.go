package planning

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/refusal"
)

func TestResolveUnit(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		metric, unit, want, field string
	}{
		{MetricRevenue, "", UnitMoneyMinor, ""},
		{MetricRevenue, UnitMoneyMinor, UnitMoneyMinor, ""},
		{MetricRevenue, UnitCount, "", "unit"},
		{MetricOrderCount, "", UnitCount, ""},
		{MetricWalletShare, "", UnitPercentBP, ""},
		{MetricCustom, UnitPercentBP, UnitPercentBP, ""},
		{MetricCustom, "", UnitCount, ""},
		{"PROFIT", "", "", "metric"},
	} {
		got, err := ResolveUnit(tc.metric, tc.unit)
		if tc.field != "" {
			var pe *refusal.Error
			require.True(t, errors.As(err, &pe), "%s/%s", tc.metric, tc.unit)
			require.Equal(t, tc.field, pe.Field)
			continue
		}
		require.NoError(t, err)
		require.Equal(t, tc.want, got, "%s/%s", tc.metric, tc.unit)
	}
}

func TestSourceOf(t *testing.T) {
	t.Parallel()
	require.Equal(t, SourceOrders, SourceOf(MetricRevenue))
	require.Equal(t, SourceOrders, SourceOf(MetricGrossMargin))
	require.Equal(t, SourceOrders, SourceOf(MetricOrderCount))
	require.Equal(t, SourceCollections, SourceOf(MetricCollections))
	require.Equal(t, SourceManual, SourceOf(MetricWalletShare))
	require.Equal(t, SourceManual, SourceOf(MetricCustom))
}

func TestObjectiveDraftCheck(t *testing.T) {
	t.Parallel()
	d := ObjectiveDraft{Title: "  年度收入目标 ", Metric: MetricRevenue, Target: 100, Weight: 1}
	require.NoError(t, d.Check())
	require.Equal(t, "年度收入目标", d.Title)
	require.Equal(t, UnitMoneyMinor, d.Unit)

	for field, d := range map[string]ObjectiveDraft{
		"title":       {Title: " ", Metric: MetricRevenue, Weight: 1},
		"targetValue": {Title: "x", Metric: MetricRevenue, Target: -1, Weight: 1},
		"weight":      {Title: "x", Metric: MetricRevenue, Weight: 0},
		"unit":        {Title: "x", Metric: MetricOrderCount, Unit: UnitMoneyMinor, Weight: 1},
	} {
		err := d.Check()
		var pe *refusal.Error
		require.True(t, errors.As(err, &pe), field)
		require.Equal(t, field, pe.Field)
		require.Equal(t, refusal.Invalid, pe.Kind)
	}
}

func TestParseObjectiveTemplates(t *testing.T) {
	t.Parallel()
	raw := []byte(`[
		{"title":"年度收入目标","metric":"REVENUE","unit":"MONEY_MINOR","weight":3},
		{"title":"钱包份额","metric":"WALLET_SHARE","unit":"PERCENT_BP","weight":2,"target":3000},
		{"title":"","metric":"REVENUE"},
		{"title":"利润","metric":"PROFIT"},
		{"title":"自定义"},
		"nonsense"
	]`)
	got, skipped := ParseObjectiveTemplates(raw)
	require.Equal(t, 3, skipped)
	require.Equal(t, []ObjectiveTemplate{
		{Title: "年度收入目标", Metric: MetricRevenue, Unit: UnitMoneyMinor, Weight: 3},
		{Title: "钱包份额", Metric: MetricWalletShare, Unit: UnitPercentBP, Weight: 2, Target: 3000},
		{Title: "自定义", Metric: MetricCustom, Unit: UnitCount, Weight: 1},
	}, got)

	got, skipped = ParseObjectiveTemplates(nil)
	require.Empty(t, got)
	require.Zero(t, skipped)
	_, skipped = ParseObjectiveTemplates([]byte(`{"not":"a list"}`))
	require.Equal(t, 1, skipped)
}

func TestSWOTNormalize(t *testing.T) {
	t.Parallel()
	s := SWOT{Strengths: []string{" 品牌 ", ""}}.Normalize()
	require.Equal(t, SWOT{Strengths: []string{"品牌"}, Weaknesses: []string{}, Opportunities: []string{}, Threats: []string{}}, s)
}

func TestPeriodCheck(t *testing.T) {
	t.Parallel()
	p := Period{Name: " FY2026 ", Start: day("2026-01-01").Add(9 * time.Hour), End: day("2026-12-31")}
	require.NoError(t, p.Check("input."))
	require.Equal(t, "FY2026", p.Name)
	require.Equal(t, day("2026-01-01"), p.Start)

	for field, p := range map[string]Period{
		"input.period":      {Name: "", Start: day("2026-01-01"), End: day("2026-12-31")},
		"input.periodStart": {Name: "FY2026", End: day("2026-12-31")},
		"input.periodEnd":   {Name: "FY2026", Start: day("2026-01-01"), End: day("2025-12-31")},
	} {
		err := p.Check("input.")
		var pe *refusal.Error
		require.True(t, errors.As(err, &pe), field)
		require.Equal(t, field, pe.Field)
	}
	long := Period{Name: "FY2026-2030", Start: day("2026-01-01"), End: day("2030-12-31")}
	require.Error(t, long.Check(""))
}

func TestShiftDue(t *testing.T) {
	t.Parallel()
	require.Equal(t, day("2027-03-31"), ShiftDue(day("2026-03-31"), day("2026-01-01"), day("2027-01-01")))
	require.Equal(t, day("2028-03-31"), ShiftDue(day("2027-03-31"), day("2027-01-01"), day("2028-01-01")), "across a leap day")
	require.Equal(t, day("2026-07-10"), ShiftDue(day("2026-04-10"), day("2026-01-01"), day("2026-04-01")), "a quarter later")
	require.Equal(t, day("2026-02-11"), ShiftDue(day("2026-02-01"), day("2026-01-05"), day("2026-01-15")), "by days")
}
