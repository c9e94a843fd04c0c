package grading

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const testProspect = `{
  "bands": [
    {"level": "A", "within_months": 3},
    {"level": "B", "within_months": 6},
    {"level": "C", "within_months": 12},
    {"level": "D"}
  ],
  "class_mapping": {"A": "A", "B": "B", "C": "C", "D": "C"}
}`

func date(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func TestProspectClose(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindProspectClose, testProspect)
	require.Equal(t, []string{"A", "B", "C", "D"}, model.Levels())

	// testAsOf is 2026-01-15.
	tests := []struct {
		close time.Time
		want  string
		days  float64
	}{
		{close: date(2025, 12, 1), want: "A", days: -45},
		{close: date(2026, 1, 15), want: "A", days: 0},
		{close: date(2026, 4, 14), want: "A", days: 89},
		{close: date(2026, 4, 15), want: "A", days: 90},
		{close: date(2026, 4, 16), want: "B", days: 91},
		{close: date(2026, 7, 15), want: "B", days: 181},
		{close: date(2026, 7, 16), want: "C", days: 182},
		{close: date(2027, 1, 15), want: "C", days: 365},
		{close: date(2027, 1, 16), want: "D", days: 366},
	}
	for _, tt := range tests {
		result := evaluateOne(t, model, Metrics{AccountID: 5, ExpectedCloseDate: tt.close})
		require.Equal(t, tt.want, result.Level, tt.close.Format(isoDate))
		require.Equal(t, tt.days, result.Explanation.Inputs[InputDaysToExpectedClose], tt.close.Format(isoDate))
		require.False(t, result.HasScore)
	}
}

func TestProspectCloseExplanations(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindProspectClose, testProspect)
	texts := map[time.Time]string{
		date(2026, 3, 1):  "expected close 2026-03-01 is within 3 months of 2026-01-15 (by 2026-04-15) → A",
		date(2025, 12, 1): "expected close 2025-12-01 is before as-of 2026-01-15: overdue, treated as due now → A",
		date(2027, 6, 1):  "expected close 2027-06-01 is after 2027-01-15 (12 months from 2026-01-15) → D",
	}
	for close, text := range texts {
		result := evaluateOne(t, model, Metrics{ExpectedCloseDate: close})
		require.Equal(t, text, result.Explanation.Decision.Text)
	}

	result := evaluateOne(t, model, Metrics{})
	require.Equal(t, "D", result.Level)
	require.Equal(t, ClassC, result.Class)
	require.Equal(t, []MetricName{"expected_close_date"}, result.Explanation.Missing)
	require.Equal(t, "no expected close date → D", result.Explanation.Decision.Text)
	require.Equal(t, "bands[3]", result.Explanation.Decision.Rule)
}

func TestProspectCloseUsesCalendarDates(t *testing.T) {
	t.Parallel()

	model := mustParseModel(t, KindProspectClose, testProspect)
	shanghai := time.FixedZone("CST", 8*3600)

	// Late on 30 Nov: 3 months ends 28 Feb (clamped), whatever the clock says.
	asOf := time.Date(2025, 11, 30, 23, 59, 0, 0, shanghai)
	population := []Metrics{
		{AccountID: 1, ExpectedCloseDate: time.Date(2026, 2, 28, 0, 0, 0, 0, shanghai)},
		{AccountID: 2, ExpectedCloseDate: time.Date(2026, 3, 1, 0, 0, 0, 0, shanghai)},
	}
	results, err := model.Evaluate(asOf, population)
	require.NoError(t, err)
	require.Equal(t, "A", results[0].Level)
	require.Equal(t, "B", results[1].Level)

	_, err = model.Evaluate(time.Time{}, population)
	require.EqualError(t, err, "evaluate prospect_close: as-of date is required")
}

func TestAddMonthsClamped(t *testing.T) {
	t.Parallel()

	tests := []struct {
		from   time.Time
		months int
		want   time.Time
	}{
		{date(2026, 1, 15), 3, date(2026, 4, 15)},
		{date(2025, 11, 30), 3, date(2026, 2, 28)},
		{date(2027, 11, 30), 3, date(2028, 2, 29)},
		{date(2026, 8, 31), 1, date(2026, 9, 30)},
		{date(2026, 1, 31), 12, date(2027, 1, 31)},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, addMonthsClamped(tt.from, tt.months), "%s + %d months", tt.from.Format(isoDate), tt.months)
	}
}

func TestProspectCloseValidate(t *testing.T) {
	t.Parallel()

	requireFieldError(t, KindProspectClose, `{"bands": [{"level": "A", "within_months": 6}, {"level": "B", "within_months": 3}, {"level": "D"}],
	  "class_mapping": {"A": "A", "B": "B", "D": "C"}}`, "bands[1].within_months", "must be greater than bands[0].within_months (6)")
	requireFieldError(t, KindProspectClose, `{"bands": [{"level": "A", "within_months": 3}, {"level": "D", "within_months": 12}],
	  "class_mapping": {"A": "A", "D": "C"}}`, "bands[1].within_months", "must be omitted on the last band")
	requireFieldError(t, KindProspectClose, `{"bands": [{"level": "A", "within_months": 0}, {"level": "D"}],
	  "class_mapping": {"A": "A", "D": "C"}}`, "bands[0].within_months", "between 1 and 120")
	requireFieldError(t, KindProspectClose, `{"bands": [{"level": "A"}, {"level": "D"}],
	  "class_mapping": {"A": "A", "D": "C"}}`, "bands[0].within_months", "is required")
}
