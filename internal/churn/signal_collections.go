package churn

import "fmt"

// evalCollectionsSlowing compares how late recent payments were with how
// late they used to be. A customer drifting from "pays 5 days late" to
// "pays 25 days late" is often short of cash or deprioritising us; an
// account that always paid 30 days late is not news.
func evalCollectionsSlowing(cfg *Config, f *Facts) outcome {
	const code = SignalCollectionsSlowing
	c := &cfg.CollectionsSlowing
	if c.Disabled {
		return disabled(code)
	}
	if !finite(f.AvgDaysLateRecent) || !finite(f.AvgDaysLatePrevious) {
		return invalid(code, "AvgDaysLateRecent/AvgDaysLatePrevious")
	}
	if f.PaymentsRecent == 0 {
		return skip(code, SkipNoData,
			fmt.Sprintf("No payments in the last %d days", PeriodDays),
			fmt.Sprintf("近 %d 天无回款记录", PeriodDays))
	}
	if f.PaymentsPrevious == 0 {
		return skip(code, SkipNoBaseline,
			fmt.Sprintf("No payments in the previous %d days to compare with", PreviousCollectionsDays),
			fmt.Sprintf("此前 %d 天无回款记录,无法比较", PreviousCollectionsDays))
	}

	increase := f.AvgDaysLateRecent - f.AvgDaysLatePrevious
	sev, threshold, ok := grade(increase, c.Warning, c.Critical)
	if !ok {
		return quiet()
	}
	return fire(code, sev, increase, threshold, UnitDays, c.Points.For(sev),
		fmt.Sprintf("Payments in the last %d days were on average %s days late, %s days later than the %s days of the previous %d days; %s at +%s days",
			PeriodDays, num(f.AvgDaysLateRecent), num(increase), num(f.AvgDaysLatePrevious), PreviousCollectionsDays, sev.label(), num(threshold)),
		fmt.Sprintf("近 %d 天回款平均逾期 %s 天,比此前 %d 天(%s 天)多 %s 天;%s阈值 +%s 天",
			PeriodDays, num(f.AvgDaysLateRecent), PreviousCollectionsDays, num(f.AvgDaysLatePrevious), num(increase), sev.labelZH(), num(threshold)))
}

// evalOverdueRising measures the growth of overdue receivables over 90
// days.
func evalOverdueRising(cfg *Config, f *Facts) outcome {
	const code = SignalOverdueRising
	c := &cfg.OverdueRising
	if c.Disabled {
		return disabled(code)
	}
	increase := f.OverdueNow - f.Overdue90DaysAgo
	if increase <= 0 || increase < c.MinIncrease {
		return quiet()
	}
	if f.Overdue90DaysAgo <= 0 {
		// Nothing was overdue, so there is no ratio. Treat it as a doubling
		// for the record but cap it at a warning: one late invoice is common
		// and must not make an account critical by itself.
		return fire(code, SeverityWarning, 1, c.Warning, UnitRatio, c.Points.Warning,
			fmt.Sprintf("Receivables are now overdue; none were overdue %d days ago (warning)", PeriodDays),
			fmt.Sprintf("出现逾期应收款,%d 天前无逾期(预警)", PeriodDays))
	}

	growth := float64(increase) / float64(f.Overdue90DaysAgo)
	sev, threshold, ok := grade(growth, c.Warning, c.Critical)
	if !ok {
		return quiet()
	}
	return fire(code, sev, growth, threshold, UnitRatio, c.Points.For(sev),
		fmt.Sprintf("Overdue receivables grew %s in %d days; %s at %s", pct(growth), PeriodDays, sev.label(), pct(threshold)),
		fmt.Sprintf("逾期应收款 %d 天内增长 %s;%s阈值 %s", PeriodDays, pct(growth), sev.labelZH(), pct(threshold)))
}
