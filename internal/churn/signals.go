package churn

import (
	"math"
	"strconv"
)

// SignalCode identifies a signal. Codes are stored on alerts and in
// explanations, so they never change meaning once shipped.
type SignalCode string

// Signal codes.
const (
	SignalOrderGap             SignalCode = "order_gap"
	SignalOrderVolumeDrop      SignalCode = "order_volume_drop"
	SignalRevenueDropYoY       SignalCode = "revenue_drop_yoy"
	SignalCollectionsSlowing   SignalCode = "collections_slowing"
	SignalOverdueRising        SignalCode = "overdue_rising"
	SignalSatisfactionFalling  SignalCode = "satisfaction_falling"
	SignalNewComplaints        SignalCode = "new_complaints"
	SignalContactCadenceMissed SignalCode = "contact_cadence_missed"
	SignalKeyContactLeft       SignalCode = "key_contact_left"
	SignalClassDowngraded      SignalCode = "class_downgraded"
)

// Family groups signals that measure the same underlying behaviour. One
// event shows up in several signals of a family (a customer who stops
// ordering trips the order gap, the period drop and the year-on-year drop
// at once), so only the strongest signal of a family counts towards the
// score: risk grows with the breadth of the evidence, not with how many
// ways one fact can be measured.
type Family string

// Families of signals.
const (
	FamilyOrdering     Family = "ordering"
	FamilyPayment      Family = "payment"
	FamilySentiment    Family = "sentiment"
	FamilyRelationship Family = "relationship"
	FamilyEngagement   Family = "engagement"
	FamilyStanding     Family = "standing"
)

// families lists every family; index() is a family's position in it.
var families = [...]Family{FamilyOrdering, FamilyPayment, FamilySentiment, FamilyRelationship, FamilyEngagement, FamilyStanding}

func (f Family) index() int {
	for i, g := range families {
		if g == f {
			return i
		}
	}
	return len(families) - 1 // unknown families count as standing; Family() never returns one
}

// Family returns the family of a signal.
func (c SignalCode) Family() Family {
	switch c {
	case SignalOrderGap, SignalOrderVolumeDrop, SignalRevenueDropYoY:
		return FamilyOrdering
	case SignalCollectionsSlowing, SignalOverdueRising:
		return FamilyPayment
	case SignalSatisfactionFalling, SignalNewComplaints:
		return FamilySentiment
	case SignalKeyContactLeft:
		// Their side: the people who decide for the customer.
		return FamilyRelationship
	case SignalContactCadenceMissed:
		// Our side: whether anyone is looking after the account.
		return FamilyEngagement
	}
	return FamilyStanding
}

// Unit says how to read a signal's Value and Threshold, so the UI can
// format them without knowing each signal.
type Unit string

// Units of a signal value and its threshold.
const (
	UnitMultiple Unit = "multiple" // × the account's own interval
	UnitRatio    Unit = "ratio"    // fraction, 0.3 = 30%
	UnitDays     Unit = "days"
	UnitPoints   Unit = "points" // survey score points
	UnitWeighted Unit = "weighted_count"
	UnitCount    Unit = "count"
	UnitSteps    Unit = "steps" // classes dropped
)

// FiredSignal is one signal that reached its threshold.
type FiredSignal struct {
	Code     SignalCode `json:"code"`
	Severity Severity   `json:"severity"`
	// Value is what was measured, in Unit.
	Value float64 `json:"value"`
	// Threshold is the threshold Value reached: the critical one when
	// Severity is critical, else the warning one.
	Threshold float64 `json:"threshold"`
	Unit      Unit    `json:"unit"`
	// Points is what this signal is worth; it counts towards the raw score
	// only when it is the strongest of its family (Counted).
	Points int    `json:"points"`
	Family Family `json:"family"`
	// Counted is true for the one signal of its family whose points enter
	// the score (the first in evaluation order among equals).
	Counted  bool   `json:"counted"`
	Detail   string `json:"detail"`
	DetailZH string `json:"detail_zh"`
}

// SkipReason says why a signal could not be evaluated.
type SkipReason string

// Reasons a signal was skipped.
const (
	// SkipInsufficientHistory: too few orders to know the account's rhythm.
	SkipInsufficientHistory SkipReason = "insufficient_history"
	// SkipNoBaseline: nothing earlier to compare the current value with.
	SkipNoBaseline SkipReason = "no_baseline"
	// SkipNoData: the input the signal measures is missing.
	SkipNoData SkipReason = "no_data"
	// SkipInvalidInput: an input is NaN or infinite.
	SkipInvalidInput SkipReason = "invalid_input"
	// SkipDisabled: the signal is turned off in Config.
	SkipDisabled SkipReason = "disabled"
)

// SkippedSignal is a signal that was not evaluated. A skipped signal is not
// the same as a quiet one: the UI shows it so nobody reads "no order gap"
// into an account that simply has too little history.
type SkippedSignal struct {
	Code     SignalCode `json:"code"`
	Reason   SkipReason `json:"reason"`
	Detail   string     `json:"detail"`
	DetailZH string     `json:"detail_zh"`
}

type outcome struct {
	fired   bool
	skipped bool
	signal  FiredSignal
	skip    SkippedSignal
}

// signalOrder lists every signal in the order they are evaluated and
// reported. The order is part of the output (explanations, alert signal
// lists), so append new signals at the end.
var signalOrderArray = [...]SignalCode{
	SignalOrderGap,
	SignalOrderVolumeDrop,
	SignalRevenueDropYoY,
	SignalCollectionsSlowing,
	SignalOverdueRising,
	SignalSatisfactionFalling,
	SignalNewComplaints,
	SignalContactCadenceMissed,
	SignalKeyContactLeft,
	SignalClassDowngraded,
}

var signalOrder = signalOrderArray[:]

// evalSignal evaluates one signal: fired, skipped, or neither (evaluated
// and quiet). It dispatches with a switch rather than a table of funcs so
// the compiler can see cfg and f do not escape; through func values both
// were heap-copied per account, a third of Evaluate's time.
func evalSignal(code SignalCode, cfg *Config, f *Facts) outcome {
	switch code {
	case SignalOrderGap:
		return evalOrderGap(cfg, f)
	case SignalOrderVolumeDrop:
		return evalOrderVolumeDrop(cfg, f)
	case SignalRevenueDropYoY:
		return evalRevenueDropYoY(cfg, f)
	case SignalCollectionsSlowing:
		return evalCollectionsSlowing(cfg, f)
	case SignalOverdueRising:
		return evalOverdueRising(cfg, f)
	case SignalSatisfactionFalling:
		return evalSatisfactionFalling(cfg, f)
	case SignalNewComplaints:
		return evalNewComplaints(cfg, f)
	case SignalContactCadenceMissed:
		return evalContactCadence(cfg, f)
	case SignalKeyContactLeft:
		return evalKeyContactLeft(cfg, f)
	case SignalClassDowngraded:
		return evalClassDowngraded(cfg, f)
	}
	panic("churn: signal without evaluator: " + string(code))
}

// SignalCodes returns every signal code in evaluation order.
func SignalCodes() []SignalCode {
	return append([]SignalCode(nil), signalOrder...)
}

// thresholdEpsilon absorbs float rounding so a value that is at the
// threshold on paper (e.g. a drop of 30/100) fires as documented.
const thresholdEpsilon = 1e-9

// grade compares value with a warning/critical pair.
func grade(value, warning, critical float64) (Severity, float64, bool) {
	switch {
	case value >= critical-thresholdEpsilon:
		return SeverityCritical, critical, true
	case value >= warning-thresholdEpsilon:
		return SeverityWarning, warning, true
	}
	return "", 0, false
}

func quiet() outcome { return outcome{} }

func skip(code SignalCode, reason SkipReason, detail, detailZH string) outcome {
	return outcome{skipped: true, skip: SkippedSignal{Code: code, Reason: reason, Detail: detail, DetailZH: detailZH}}
}

func disabled(code SignalCode) outcome {
	return skip(code, SkipDisabled, "Turned off in the churn configuration", "已在流失预警配置中停用")
}

func invalid(code SignalCode, field string) outcome {
	return skip(code, SkipInvalidInput, field+" is not a finite number", field+" 不是有效数值")
}

func fire(code SignalCode, sev Severity, value, threshold float64, unit Unit, points int, detail, detailZH string) outcome {
	return outcome{fired: true, signal: FiredSignal{
		Code:      code,
		Severity:  sev,
		Value:     round4(value),
		Threshold: threshold,
		Unit:      unit,
		Points:    points,
		Detail:    detail,
		DetailZH:  detailZH,
	}}
}

// round4 keeps stored values readable (0.4524, not 0.45238095238095233)
// without changing which threshold they reached: rounding is monotonic and
// thresholds have fewer decimals.
func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// num formats a number for detail text with at most one decimal.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// plural picks the English noun form for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}

// pct formats a ratio as a whole percentage.
func pct(v float64) string {
	return strconv.FormatFloat(math.Round(v*100), 'f', -1, 64) + "%"
}

var signalLabels = map[SignalCode][2]string{
	SignalOrderGap:             {"order gap", "下单间隔过长"},
	SignalOrderVolumeDrop:      {"order volume drop", "订单量下降"},
	SignalRevenueDropYoY:       {"revenue down year on year", "收入同比下降"},
	SignalCollectionsSlowing:   {"collections slowing", "回款变慢"},
	SignalOverdueRising:        {"overdue receivables rising", "逾期应收款上升"},
	SignalSatisfactionFalling:  {"satisfaction falling", "满意度下降"},
	SignalNewComplaints:        {"new complaints", "新增投诉"},
	SignalContactCadenceMissed: {"contact cadence missed", "未按周期接触"},
	SignalKeyContactLeft:       {"key contact left", "关键联系人离开"},
	SignalClassDowngraded:      {"class downgraded", "客户等级下调"},
}

// Label is the signal's short English name for lists and notifications.
func (c SignalCode) Label() string {
	if l, ok := signalLabels[c]; ok {
		return l[0]
	}
	return string(c)
}

// LabelZH is the signal's short Chinese name.
func (c SignalCode) LabelZH() string {
	if l, ok := signalLabels[c]; ok {
		return l[1]
	}
	return string(c)
}
