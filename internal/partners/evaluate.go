package partners

import (
	"fmt"
	"strconv"
	"strings"
)

// Figures are what a partner is graded on. Money is in minor units.
type Figures struct {
	RegisteredCapital int64 `json:"registered_capital"`
	// Performance is the trailing-12-month performance of the partner and
	// every partner below it in the distribution chain.
	Performance int64 `json:"performance"`
	// OwnPerformance is the partner's own part of Performance.
	OwnPerformance int64 `json:"own_performance"`
	// SubPartners counts the partners whose performance was rolled up.
	SubPartners    int              `json:"sub_partners"`
	CertifiedStaff int64            `json:"certified_staff"`
	TotalStaff     int64            `json:"total_staff"`
	SalesStaff     int64            `json:"sales_staff"`
	Custom         map[string]int64 `json:"custom,omitempty"`
}

// Value returns the figure r measures; ok is false for a custom value the
// partner does not have.
func (f Figures) Value(r Requirement) (v int64, ok bool) {
	switch r.Criterion {
	case RegisteredCapital:
		return f.RegisteredCapital, true
	case AnnualPerformance:
		return f.Performance, true
	case CertifiedStaff:
		return f.CertifiedStaff, true
	case TotalStaff:
		return f.TotalStaff, true
	case SalesStaff:
		return f.SalesStaff, true
	case Custom:
		v, ok = f.Custom[r.CustomCode]
		return v, ok
	}
	return 0, false
}

// CriterionResult is one requirement checked against a partner's figures.
type CriterionResult struct {
	Requirement
	Value int64 `json:"value"`
	// Missing is set for a custom criterion the partner has no value for;
	// it fails.
	Missing bool `json:"missing,omitempty"`
	Passed  bool `json:"passed"`
	// Gap is how much more is needed (Min - Value), 0 when passed.
	Gap int64 `json:"gap"`
}

// TierCheck is every requirement of one tier checked.
type TierCheck struct {
	Tier     *Tier
	Passed   bool
	Criteria []CriterionResult
}

// Gap is a failed requirement of a tier with what is missing, for people.
type Gap struct {
	Criterion  Criterion `json:"criterion"`
	CustomCode string    `json:"custom_code,omitempty"`
	Missing    int64     `json:"missing"`
	TextZH     string    `json:"text_zh"`
	TextEN     string    `json:"text_en"`
}

// Evaluation is a partner's figures against the whole ladder.
type Evaluation struct {
	Figures Figures
	// Checks has one entry per tier, best rank first.
	Checks []TierCheck
	// Supported is the best tier all of whose minimums are met; nil when
	// none is.
	Supported *Tier
	// Next is the tier right above Supported (the bottom tier when none is
	// supported); nil at the top.
	Next *Tier
	// Gaps are the failed requirements of Next.
	Gaps []Gap
}

// Evaluate checks figures against every tier of the ladder.
func (l Ladder) Evaluate(f Figures) Evaluation {
	e := Evaluation{Figures: f, Checks: make([]TierCheck, len(l.Tiers))}
	for i := range l.Tiers {
		t := &l.Tiers[i]
		check := TierCheck{Tier: t, Passed: true, Criteria: make([]CriterionResult, len(t.Requirements))}
		for j, r := range t.Requirements {
			res := checkRequirement(r, f)
			check.Criteria[j] = res
			check.Passed = check.Passed && res.Passed
		}
		e.Checks[i] = check
		if check.Passed && e.Supported == nil {
			e.Supported = t
		}
	}
	e.Next = l.above(e.Supported)
	e.Gaps = e.GapsTo(e.Next)
	return e
}

func checkRequirement(r Requirement, f Figures) CriterionResult {
	v, ok := f.Value(r)
	res := CriterionResult{Requirement: r, Value: v, Missing: !ok}
	res.Passed = ok && v >= r.Min
	if !res.Passed {
		res.Gap = r.Min - v
		if !ok {
			res.Gap = r.Min
		}
	}
	return res
}

// Check returns the check of tier t, or nil.
func (e Evaluation) Check(t *Tier) *TierCheck {
	if t == nil {
		return nil
	}
	for i := range e.Checks {
		if e.Checks[i].Tier.Rank == t.Rank {
			return &e.Checks[i]
		}
	}
	return nil
}

// GapsTo returns what is missing for tier t: one Gap per failed
// requirement, in the tier's order; none for a nil or met tier.
func (e Evaluation) GapsTo(t *Tier) []Gap {
	check := e.Check(t)
	if check == nil {
		return nil
	}
	var gaps []Gap
	for _, c := range check.Criteria {
		if c.Passed {
			continue
		}
		zh, en := gapText(c.Requirement, c.Gap)
		gaps = append(gaps, Gap{Criterion: c.Criterion, CustomCode: c.CustomCode, Missing: c.Gap, TextZH: zh, TextEN: en})
	}
	return gaps
}

// gapText says what is missing: "¥2.1M more performance" / "近12个月业绩还差
// ¥210万", "3 more certified staff" / "还需 3 名认证人员".
func gapText(r Requirement, missing int64) (zh, en string) {
	switch {
	case r.Criterion.IsMoney():
		return r.LabelZH() + "还差 " + FormatMoneyZH(missing), FormatMoneyEN(missing) + " more " + r.LabelEN()
	case r.Criterion.IsHeadcount():
		return fmt.Sprintf("还需 %d 名%s", missing, r.LabelZH()), fmt.Sprintf("%d more %s", missing, r.LabelEN())
	}
	return fmt.Sprintf("%s还差 %s", r.LabelZH(), groupDigits(missing)), fmt.Sprintf("%s more %s", groupDigits(missing), r.LabelEN())
}

// FormatMoneyEN renders minor units as yuan for English text: ¥2.1M,
// ¥850K, ¥1,234.50. Abbreviated amounts are rounded up, so a gap is never
// understated (¥2,100,001 is ¥2.11M).
func FormatMoneyEN(minor int64) string {
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	switch {
	case minor >= 1e11: // ¥1B
		return sign + "¥" + scaled(minor, 1e11, 2) + "B"
	case minor >= 1e8: // ¥1M
		return sign + "¥" + scaled(minor, 1e8, 2) + "M"
	case minor >= 1e6: // ¥10K
		return sign + "¥" + scaled(minor, 1e5, 1) + "K"
	}
	return sign + "¥" + groupDigits(minor/100) + centsSuffix(minor%100)
}

// FormatMoneyZH renders minor units as yuan for Chinese text: ¥1.2亿,
// ¥210万, ¥8,500, rounded up like FormatMoneyEN.
func FormatMoneyZH(minor int64) string {
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	switch {
	case minor >= 1e10: // 1亿 yuan
		return sign + "¥" + scaled(minor, 1e10, 2) + "亿"
	case minor >= 1e6: // 1万 yuan
		return sign + "¥" + scaled(minor, 1e6, 1) + "万"
	}
	return sign + "¥" + groupDigits(minor/100) + centsSuffix(minor%100)
}

// scaled renders minor/unit rounded up at the given decimals, without
// trailing zeros, in integer arithmetic so that it is exact.
func scaled(minor, unit int64, decimals int) string {
	pow := int64(1)
	for range decimals {
		pow *= 10
	}
	step := unit / pow
	q := (minor + step - 1) / step
	whole, frac := q/pow, q%pow
	s := groupDigits(whole)
	if frac != 0 {
		f := strings.TrimRight(fmt.Sprintf("%0*d", decimals, frac), "0")
		s += "." + f
	}
	return s
}

func centsSuffix(cents int64) string {
	if cents == 0 {
		return ""
	}
	return fmt.Sprintf(".%02d", cents)
}

// groupDigits renders n with thousands separators: 1,234,567.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
