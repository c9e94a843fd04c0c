package imports

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestParseMoney(t *testing.T) {
	t.Parallel()
	ok := map[string]int64{
		"1,234.50": 123450, "¥1,234": 123400, "￥ 1,234.5 ": 123450, "12.5万": 12500000, "3亿": 30000000000,
		"１２３４．５": 123450, "(1,200)": -120000, "-8.005": -801, "1234.4999999999": 123450, "RMB 99": 9900,
		"1.2345E+4": 1234500, "12.5万元": 12500000, "0": 0,
	}
	for in, want := range ok {
		got, err := ParseMoney(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "abc", "1.2.3", "12,5万x", "NaN", "Inf", "#DIV/0!", "0x10"} {
		_, err := ParseMoney(in)
		require.Error(t, err, in)
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	d := func(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
	ok := map[string]time.Time{
		"2026-03-01": d(2026, 3, 1), "2026/3/1": d(2026, 3, 1), "2026.3.1": d(2026, 3, 1), "2026年3月1日": d(2026, 3, 1),
		"20260301": d(2026, 3, 1), "46082": d(2026, 3, 1), "46082.75": d(2026, 3, 1), "２０２６/３/１": d(2026, 3, 1),
		"2026-03-01 10:30:00": d(2026, 3, 1), " 2026/3/1 ": d(2026, 3, 1),
	}
	for in, want := range ok {
		got, err := ParseDate(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{"3/1/2026", "2026", "2026-02-30", "next week", "2026/13/1", "100"} {
		_, err := ParseDate(in)
		require.Error(t, err, in)
	}
}

func TestParseIntAndDecimal(t *testing.T) {
	t.Parallel()
	n, err := ParseInt("１,２００")
	require.NoError(t, err)
	require.EqualValues(t, 1200, n)
	n, err = ParseInt("12.0")
	require.NoError(t, err)
	require.EqualValues(t, 12, n)
	_, err = ParseInt("12.5")
	require.Error(t, err)
	f, err := ParseDecimal("95%")
	require.NoError(t, err)
	require.InDelta(t, 0.95, f, 1e-9)
}

func TestFindHeaderSkipsTitleRow(t *testing.T) {
	t.Parallel()
	k, _ := LookupKind(KindOrders)
	rows, err := NewCSV(stringsReader("客户出货回款信息表,,,\n\n客户编码 ,客户名称,出货单号,出货日期,出货金额（元）,回款日期,回款金额\nC1,甲,O1,2026/3/1,\"1,000\",,\n"))
	require.NoError(t, err)
	headers, row, preview, err := k.FindHeader(rows, 5)
	require.NoError(t, err)
	require.Equal(t, 3, row)
	require.Equal(t, "客户编码", headers[0])
	require.Len(t, preview, 1)
	m := k.SuggestMapping(headers, row)
	require.Empty(t, k.Unmapped(m), "出货金额（元） is not 出货金额, but 金额-aliases do not match either: %v", m.Source)
}
