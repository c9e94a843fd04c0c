package alerts

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/refusal"
)

func TestWinBackTemplate(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	day := func(d int) string { return time.Date(2026, 11, 20+d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly) }
	type row struct{ title, due string }
	rows := func(ds []ActionDraft) []row {
		out := make([]row, len(ds))
		for i, d := range ds {
			out[i] = row{d.Title, d.DueOn.Format(time.DateOnly)}
		}
		return out
	}

	s := WinBackTemplate(TemplateFacts{AlertID: 42, Class: "S", Signals: []string{"order_gap", "key_contact_left"}, Today: today})
	require.Equal(t, []row{
		{"致电决策人，了解流失原因 / Call the decision maker about the churn risk", day(2)},
		{"高管拜访 / Executive visit", day(7)},
		{"拜会新任决策人 / Meet the new decision maker", day(5)},
		{"复核价格与信用条款 / Review pricing and credit terms", day(7)},
		{"与客户约定挽回目标 / Agree a recovery objective with the customer", day(14)},
	}, rows(s))
	require.Contains(t, s[0].Description, "churn alert #42")
	require.Contains(t, s[0].Description, "下单间隔过长 / order gap")

	a := WinBackTemplate(TemplateFacts{AlertID: 1, Class: "A", Signals: []string{"new_complaints"}, Today: today})
	require.Equal(t, row{"高管拜访 / Executive visit", day(14)}, rows(a)[1])
	require.Equal(t, "处理投诉并回访 / Resolve complaints and follow up", a[2].Title)

	c := WinBackTemplate(TemplateFacts{AlertID: 1, Class: "C", Today: today})
	require.Len(t, c, 3, "no executive visit below A, no signal-specific steps without their signals")
	for _, d := range append(append(s, a...), c...) {
		require.LessOrEqual(t, len(d.Title), maxTitleBytes)
		require.Nil(t, d.OwnerID, "the caller fills in the alert's owner")
	}
}

func TestCheckActions(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 11, 20, 15, 30, 0, 0, time.UTC)
	in3, past := 3, today.AddDate(0, 0, -1)
	later := today.AddDate(0, 0, 30)
	owner := 9

	out, err := CheckActions([]WinBackActionInput{
		{Title: " 约见采购总监 ", DueInDays: &in3, OwnerID: &owner},
		{Title: "Send the new price list", DueOn: &later},
		{Title: "Quarterly review"},
	}, today)
	require.NoError(t, err)
	require.Equal(t, "约见采购总监", out[0].Title)
	require.Equal(t, "2026-11-23", out[0].DueOn.Format(time.DateOnly))
	require.Equal(t, &owner, out[0].OwnerID)
	require.Equal(t, "2026-12-20", out[1].DueOn.Format(time.DateOnly))
	require.Equal(t, "2026-11-27", out[2].DueOn.Format(time.DateOnly), "the default is a week")

	neg, big := -1, MaxDueInDays+1
	for _, tc := range []struct {
		in    []WinBackActionInput
		field string
	}{
		{[]WinBackActionInput{}, "input.actions"},
		{make([]WinBackActionInput, MaxWinBackActions+1), "input.actions"},
		{[]WinBackActionInput{{Title: "ok"}, {Title: "  "}}, "input.actions[1].title"},
		{[]WinBackActionInput{{Title: string(make([]byte, 301))}}, "input.actions[0].title"},
		{[]WinBackActionInput{{Title: "x", DueInDays: &neg}}, "input.actions[0].dueInDays"},
		{[]WinBackActionInput{{Title: "x", DueInDays: &big}}, "input.actions[0].dueInDays"},
		{[]WinBackActionInput{{Title: "x", DueOn: &past}}, "input.actions[0].dueOn"},
		{[]WinBackActionInput{{Title: "x", DueOn: &later, DueInDays: &in3}}, "input.actions[0].dueOn"},
	} {
		_, err := CheckActions(tc.in, today)
		requireRefusal(t, err, refusal.Invalid, tc.field)
	}
}

func TestWinBackPeriodFitsAPlan(t *testing.T) {
	t.Parallel()
	p := WinBackPeriod(time.Date(2026, 11, 20, 23, 59, 0, 0, time.FixedZone("CST", 8*3600)))
	require.Equal(t, "挽回 Win-back 2026-11-20", p.Name)
	require.LessOrEqual(t, len(p.Name), 32, "account_plans.period holds 32 bytes")
	require.Equal(t, "2027-02-19", p.End.Format(time.DateOnly))
	require.NoError(t, p.Check(""))
}

func TestParseSignals(t *testing.T) {
	t.Parallel()
	list := []byte(`[{"code":"order_gap","severity":"critical","value":2.5,"threshold":2,"unit":"multiple","points":30,"detail":"No order for 75 days","detail_zh":"75 天未下单"}]`)
	got := ParseSignals(list)
	require.Equal(t, []Signal{{Code: "order_gap", Label: "order gap", LabelZh: "下单间隔过长", Severity: "critical",
		Value: 2.5, Threshold: 2, Unit: "multiple", Points: 30, Detail: "No order for 75 days", DetailZh: "75 天未下单"}}, got)

	wrapped := []byte(`{"fired":[{"code":"new_complaints","severity":"warning"}],"skipped":[]}`)
	require.Equal(t, []string{"new_complaints"}, SignalCodes(ParseSignals(wrapped)))

	require.Empty(t, ParseSignals([]byte(`[]`)))
	require.Empty(t, ParseSignals([]byte(`"odd"`)))
	require.Empty(t, ParseSignals(nil))
}
