package churn

import "fmt"

// evalSatisfactionFalling compares the latest satisfaction or NPS score
// with the previous average, in points.
func evalSatisfactionFalling(cfg *Config, f *Facts) outcome {
	const code = SignalSatisfactionFalling
	c := &cfg.SatisfactionFalling
	if c.Disabled {
		return disabled(code)
	}
	if f.SatisfactionLatest == nil {
		return skip(code, SkipNoData, "No satisfaction survey on record", "无满意度调查记录")
	}
	if f.SatisfactionPreviousAvg == nil {
		return skip(code, SkipNoBaseline, "Only one satisfaction survey; nothing earlier to compare with", "仅有一次满意度调查,无法比较")
	}
	latest, prev := *f.SatisfactionLatest, *f.SatisfactionPreviousAvg
	if !finite(latest) || !finite(prev) {
		return invalid(code, "SatisfactionLatest/SatisfactionPreviousAvg")
	}

	drop := prev - latest
	sev, threshold, ok := grade(drop, c.Warning, c.Critical)
	if !ok {
		return quiet()
	}
	return fire(code, sev, drop, threshold, UnitPoints, c.Points.For(sev),
		fmt.Sprintf("Latest satisfaction score %s is %s points below the previous average of %s; %s at %s points",
			num(latest), num(drop), num(prev), sev.label(), num(threshold)),
		fmt.Sprintf("最新满意度 %s 分,比此前平均 %s 分下降 %s 分;%s阈值 %s 分",
			num(latest), num(prev), num(drop), sev.labelZH(), num(threshold)))
}

// evalNewComplaints scores complaints by severity, counting the last 30
// days twice (they are included in the 90-day counts and added once more)
// because a fresh complaint is still being felt by the customer.
func evalNewComplaints(cfg *Config, f *Facts) outcome {
	const code = SignalNewComplaints
	c := &cfg.NewComplaints
	if c.Disabled {
		return disabled(code)
	}
	w := c.Weights
	weigh := func(n ComplaintCounts) float64 {
		return float64(n.Minor)*w.Minor + float64(n.Major)*w.Major + float64(n.Critical)*w.Critical
	}
	score := weigh(f.Complaints90Days) + weigh(f.Complaints30Days)
	sev, threshold, ok := grade(score, c.Warning, c.Critical)
	if !ok {
		return quiet()
	}
	n90, n30 := f.Complaints90Days, f.Complaints30Days
	return fire(code, sev, score, threshold, UnitWeighted, c.Points.For(sev),
		fmt.Sprintf("%s in the last %d days (%d critical, %d major, %d minor), %d of them in the last %d days; weighted %s, %s at %s",
			plural(n90.Total(), "complaint", "complaints"), PeriodDays, n90.Critical, n90.Major, n90.Minor, n30.Total(), RecentComplaintDays, num(score), sev.label(), num(threshold)),
		fmt.Sprintf("近 %d 天投诉 %d 起(严重 %d、重大 %d、一般 %d),其中近 %d 天 %d 起;加权 %s,%s阈值 %s",
			PeriodDays, n90.Total(), n90.Critical, n90.Major, n90.Minor, RecentComplaintDays, n30.Total(), num(score), sev.labelZH(), num(threshold)))
}

// evalContactCadence checks that someone touched the account within the
// class's contact cadence (e.g. S monthly). An account never touched is
// measured from its creation, so the worst neglect is not the one that
// goes unreported.
func evalContactCadence(cfg *Config, f *Facts) outcome {
	const code = SignalContactCadenceMissed
	c := &cfg.ContactCadence
	if c.Disabled {
		return disabled(code)
	}
	cadence := f.ContactCadenceDays
	if cadence <= 0 {
		cadence = c.Days.For(f.Class)
	}
	since, never := f.LastTouchpointAt, false
	if since.IsZero() {
		since, never = f.CreatedAt, true
	}
	if since.IsZero() {
		return skip(code, SkipNoData, "No touchpoint and no account creation date on record", "无接触记录,也无客户创建日期")
	}

	days := daysSince(since, f.AsOf)
	warn, crit := float64(cadence)*c.Warning, float64(cadence)*c.Critical
	sev, threshold, ok := grade(float64(days), warn, crit)
	if !ok {
		return quiet()
	}
	what, whatZH := fmt.Sprintf("No touchpoint for %d days", days), fmt.Sprintf("已 %d 天无接触", days)
	if never {
		what = fmt.Sprintf("No touchpoint on record in the %d days since the account was created", days)
		whatZH = fmt.Sprintf("客户创建 %d 天以来无接触记录", days)
	}
	return fire(code, sev, float64(days), threshold, UnitDays, c.Points.For(sev),
		fmt.Sprintf("%s; the %s-class contact cadence is %d days (%s at %s days)",
			what, f.Class.label(), cadence, sev.label(), num(threshold)),
		fmt.Sprintf("%s,%s客户接触周期为 %d 天(%s阈值 %s 天)",
			whatZH, f.Class.labelZH(), cadence, sev.labelZH(), num(threshold)))
}

// evalKeyContactLeft counts decision makers who left: the relationship
// often leaves with them.
func evalKeyContactLeft(cfg *Config, f *Facts) outcome {
	const code = SignalKeyContactLeft
	c := &cfg.KeyContactLeft
	if c.Disabled {
		return disabled(code)
	}
	n := float64(f.KeyContactsLeft)
	sev, threshold, ok := grade(n, c.Warning, c.Critical)
	if !ok {
		return quiet()
	}
	return fire(code, sev, n, threshold, UnitCount, c.Points.For(sev),
		fmt.Sprintf("%s left in the last %d days; %s at %s",
			plural(f.KeyContactsLeft, "key contact (decision maker)", "key contacts (decision makers)"), PeriodDays, sev.label(), num(threshold)),
		fmt.Sprintf("近 %d 天有 %d 位关键联系人(决策者)离开;%s阈值 %s 位",
			PeriodDays, f.KeyContactsLeft, sev.labelZH(), num(threshold)))
}

// evalClassDowngraded measures a recent downgrade in classes dropped: the
// review already saw value fall, which is churn risk in itself.
func evalClassDowngraded(cfg *Config, f *Facts) outcome {
	const code = SignalClassDowngraded
	c := &cfg.ClassDowngraded
	if c.Disabled {
		return disabled(code)
	}
	d := f.Downgrade
	// Moves into or out of "ungraded" are not a judgement of value.
	if d.From.rank() == 0 || d.To.rank() == 0 || d.To.rank() >= d.From.rank() {
		return quiet()
	}
	if !d.At.IsZero() && daysSince(d.At, f.AsOf) > DowngradeWindowDays {
		return quiet()
	}
	steps := float64(d.From.rank() - d.To.rank())
	sev, threshold, ok := grade(steps, c.Warning, c.Critical)
	if !ok {
		return quiet()
	}
	on, onZH := "", ""
	if !d.At.IsZero() {
		on, onZH = " on "+d.At.Format("2006-01-02"), "于 "+d.At.Format("2006-01-02")+" "
	}
	return fire(code, sev, steps, threshold, UnitSteps, c.Points.For(sev),
		fmt.Sprintf("Class downgraded from %s to %s%s (%s down); %s at %s",
			d.From, d.To, on, plural(int(steps), "class", "classes"), sev.label(), num(threshold)),
		fmt.Sprintf("客户等级%s由 %s 降为 %s(降 %s 级);%s阈值 %s 级",
			onZH, d.From, d.To, num(steps), sev.labelZH(), num(threshold)))
}
