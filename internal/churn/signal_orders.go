package churn

import "fmt"

// historyGate skips order-history signals for accounts with too few
// orders: a median of one gap, or an average over a period or two of a
// brand-new customer, would raise alerts about newness, not churn.
func historyGate(cfg *Config, f *Facts, code SignalCode) (outcome, bool) {
	if f.IntervalOrderCount < cfg.MinOrders {
		return skip(code, SkipInsufficientHistory,
			fmt.Sprintf("Only %d orders in the last %d years; at least %d are needed to know the account's ordering rhythm",
				f.IntervalOrderCount, IntervalHistoryYears, cfg.MinOrders),
			fmt.Sprintf("近 %d 年仅 %d 笔订单,至少需要 %d 笔才能判断下单规律",
				IntervalHistoryYears, f.IntervalOrderCount, cfg.MinOrders)), false
	}
	return outcome{}, true
}

// evalOrderGap compares the days since the last order with the account's
// own median interval, because "no order for 60 days" is alarming for a
// monthly buyer and normal for a quarterly one.
func evalOrderGap(cfg *Config, f *Facts) outcome {
	const code = SignalOrderGap
	c := &cfg.OrderGap
	if c.Disabled {
		return disabled(code)
	}
	if o, ok := historyGate(cfg, f, code); !ok {
		return o
	}
	if !finite(f.OrderIntervalDays) {
		return invalid(code, "OrderIntervalDays")
	}
	if f.LastOrderAt.IsZero() || f.OrderIntervalDays <= 0 {
		return skip(code, SkipNoData, "No last order date or order interval on record", "缺少最近下单日期或下单间隔")
	}

	interval := max(f.OrderIntervalDays, c.MinIntervalDays)
	days := daysSince(f.LastOrderAt, f.AsOf)
	multiple := float64(days) / interval
	sev, threshold, ok := grade(multiple, c.Warning.For(f.Class), c.Critical.For(f.Class))
	if !ok {
		return quiet()
	}
	return fire(code, sev, multiple, threshold, UnitMultiple, c.Points.For(sev),
		fmt.Sprintf("No order for %d days, %s× the usual %s-day interval (%s at %s×)",
			days, num(multiple), num(interval), sev.label(), num(threshold)),
		fmt.Sprintf("已 %d 天未下单,为平时下单间隔(%s 天)的 %s 倍(%s阈值 %s 倍)",
			days, num(interval), num(multiple), sev.labelZH(), num(threshold)))
}

// evalOrderVolumeDrop compares current-period revenue with the trailing
// average of previous periods.
func evalOrderVolumeDrop(cfg *Config, f *Facts) outcome {
	const code = SignalOrderVolumeDrop
	c := &cfg.OrderVolumeDrop
	if c.Disabled {
		return disabled(code)
	}
	if o, ok := historyGate(cfg, f, code); !ok {
		return o
	}
	if f.TrailingPeriods < c.MinTrailingPeriods {
		return skip(code, SkipNoBaseline,
			fmt.Sprintf("Only %d previous periods on record; at least %d are needed as a baseline",
				f.TrailingPeriods, c.MinTrailingPeriods),
			fmt.Sprintf("仅有 %d 个历史周期,至少需要 %d 个作为基准",
				f.TrailingPeriods, c.MinTrailingPeriods))
	}
	if f.RevenueTrailingAvg <= 0 {
		return skip(code, SkipNoBaseline, "No revenue in previous periods to compare with", "历史周期无收入,无法比较")
	}
	if !finite(f.OrdersTrailingAvg) {
		return invalid(code, "OrdersTrailingAvg")
	}
	if f.OrdersTrailingAvg < c.MinBaselineOrders {
		return skip(code, SkipNoBaseline,
			fmt.Sprintf("%s orders per period on average; at least %s are needed before an empty or thin period means anything",
				num(f.OrdersTrailingAvg), num(c.MinBaselineOrders)),
			fmt.Sprintf("平均每周期仅 %s 笔订单,至少需要 %s 笔,单个周期的订单减少才有意义",
				num(f.OrdersTrailingAvg), num(c.MinBaselineOrders)))
	}

	drop := dropRatio(f.RevenueCurrent, f.RevenueTrailingAvg)
	sev, threshold, ok := grade(drop, c.Warning, c.Critical)
	if !ok {
		return quiet()
	}
	return fire(code, sev, drop, threshold, UnitRatio, c.Points.For(sev),
		fmt.Sprintf("Revenue in the last %d days is %s below the average of the previous %d periods (%d orders vs %s on average); %s at %s",
			PeriodDays, pct(drop), f.TrailingPeriods, f.OrdersCurrent, num(f.OrdersTrailingAvg), sev.label(), pct(threshold)),
		fmt.Sprintf("近 %d 天收入比前 %d 个周期平均低 %s(订单 %d 笔,平均 %s 笔);%s阈值 %s",
			PeriodDays, f.TrailingPeriods, pct(drop), f.OrdersCurrent, num(f.OrdersTrailingAvg), sev.labelZH(), pct(threshold)))
}

// evalRevenueDropYoY compares current-period revenue with the same period
// a year earlier, which catches decline that a seasonal business hides
// from the trailing average.
func evalRevenueDropYoY(cfg *Config, f *Facts) outcome {
	const code = SignalRevenueDropYoY
	c := &cfg.RevenueDropYoY
	if c.Disabled {
		return disabled(code)
	}
	if o, ok := historyGate(cfg, f, code); !ok {
		return o
	}
	if f.RevenueLastYear <= 0 {
		return skip(code, SkipNoBaseline, "No revenue in the same period last year to compare with", "去年同期无收入,无法比较")
	}
	if f.OrdersLastYear < c.MinBaselineOrders {
		return skip(code, SkipNoBaseline,
			fmt.Sprintf("Only %d orders in the same period last year; at least %d are needed for a comparison",
				f.OrdersLastYear, c.MinBaselineOrders),
			fmt.Sprintf("去年同期仅 %d 笔订单,至少需要 %d 笔才能比较", f.OrdersLastYear, c.MinBaselineOrders))
	}

	drop := dropRatio(f.RevenueCurrent, f.RevenueLastYear)
	sev, threshold, ok := grade(drop, c.Warning, c.Critical)
	if !ok {
		return quiet()
	}
	return fire(code, sev, drop, threshold, UnitRatio, c.Points.For(sev),
		fmt.Sprintf("Revenue in the last %d days is %s below the same period last year (%d orders vs %d); %s at %s",
			PeriodDays, pct(drop), f.OrdersCurrent, f.OrdersLastYear, sev.label(), pct(threshold)),
		fmt.Sprintf("近 %d 天收入比去年同期低 %s(订单 %d 笔,去年同期 %d 笔);%s阈值 %s",
			PeriodDays, pct(drop), f.OrdersCurrent, f.OrdersLastYear, sev.labelZH(), pct(threshold)))
}

// dropRatio is the fractional fall from baseline to current; growth is a
// negative drop. Only the ratio is a float, never the money.
func dropRatio(current, baseline int64) float64 {
	return float64(baseline-current) / float64(baseline)
}
