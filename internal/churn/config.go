package churn

import (
	"errors"
	"fmt"
)

// DefaultVersion identifies the built-in thresholds in explanations.
const DefaultVersion = "churn-default-1"

// Config holds every threshold, weight and band of the churn model. Admins
// edit it; it is stored as a versioned document and loaded per scan. Any
// zero field takes its default in WithDefaults, so the zero Config is the
// built-in model. Call Validate once when loading, not per account.
type Config struct {
	// Version identifies this set of thresholds in every explanation, so a
	// stored alert can be traced to the model that raised it. Change it
	// whenever a threshold changes.
	//
	// Defaults to DefaultVersion.
	Version string `json:"version"`

	// MinOrders is how many orders in the trailing two years an account
	// needs before order-history signals (order_gap, order_volume_drop,
	// revenue_drop_yoy) are evaluated. With fewer, the median interval and
	// the period averages are noise and a new account would be flagged for
	// being new.
	//
	// Defaults to 3.
	MinOrders int `json:"min_orders"`

	// Bands map the score to a level when no signal fired at critical
	// severity.
	//
	// Defaults to medium at 25, high at 55, critical at 80. The defaults are
	// calibrated on the seeded data set so that high or critical catches at
	// least 80% of the planted fading accounts with at least 80% precision
	// (internal/churnscan TestScanQualityOnSeededData).
	Bands LevelBands `json:"bands"`

	// CriticalMinFamilies is how many signal families (see Family) must
	// have fired for a critical signal to make the level critical. One
	// critical measurement alone (a quarter without orders from a lumpy
	// buyer, one bad survey) is common in healthy accounts; corroborated by
	// two other kinds of evidence it warrants the critical response. 1
	// makes any critical signal decisive.
	//
	// Defaults to 3.
	CriticalMinFamilies int `json:"critical_min_families"`

	// AlertMinLevel is the lowest level that keeps a churn alert open; pass
	// it to Reconcile. Medium keeps a lone low-weight warning from paging a
	// KAM while two corroborating warnings do.
	//
	// Defaults to LevelMedium.
	AlertMinLevel Level `json:"alert_min_level"`

	// ResponseDays is how many calendar days the owner has to respond to an
	// alert, by class. Strategic accounts get the shortest fuse.
	//
	// Defaults to S 2, A 5, B 10, C 20, ungraded 20.
	ResponseDays ByClass[int] `json:"response_days"`

	// OrderGap fires when the days since the last order reach a multiple of
	// the account's own typical order interval.
	OrderGap OrderGapConfig `json:"order_gap"`

	// OrderVolumeDrop fires when revenue in the current period falls below
	// the trailing average of previous periods.
	OrderVolumeDrop OrderVolumeDropConfig `json:"order_volume_drop"`

	// RevenueDropYoY fires when revenue in the current period falls below
	// the same period last year.
	RevenueDropYoY RevenueDropYoYConfig `json:"revenue_drop_yoy"`

	// CollectionsSlowing fires when payments arrive later than before.
	CollectionsSlowing CollectionsSlowingConfig `json:"collections_slowing"`

	// OverdueRising fires when overdue receivables grow.
	OverdueRising OverdueRisingConfig `json:"overdue_rising"`

	// SatisfactionFalling fires when the latest satisfaction or NPS score
	// falls below the previous average.
	SatisfactionFalling SatisfactionFallingConfig `json:"satisfaction_falling"`

	// NewComplaints fires on a weighted count of recent complaints.
	NewComplaints NewComplaintsConfig `json:"new_complaints"`

	// ContactCadence fires when nobody has touched the account within its
	// class's contact cadence.
	ContactCadence ContactCadenceConfig `json:"contact_cadence"`

	// KeyContactLeft fires when decision makers leave the customer.
	KeyContactLeft KeyContactLeftConfig `json:"key_contact_left"`

	// ClassDowngraded fires when a review moved the account down a class.
	ClassDowngraded ClassDowngradedConfig `json:"class_downgraded"`
}

// LevelBands are the lowest scores of each level above low.
type LevelBands struct {
	// Medium is the lowest score that is medium risk. Defaults to 25.
	Medium int `json:"medium"`
	// High is the lowest score that is high risk. Defaults to 50.
	High int `json:"high"`
	// Critical is the lowest score that is critical without any critical
	// signal. Defaults to 80.
	Critical int `json:"critical"`
}

// Points are what a fired signal adds to the raw score, by severity.
type Points struct {
	// Warning is added when the signal fires at warning severity.
	Warning int `json:"warning"`
	// Critical is added when the signal fires at critical severity.
	Critical int `json:"critical"`
}

// OrderGapConfig configures the order_gap signal. The thresholds are
// multiples of the account's own median order interval, so a customer that
// orders monthly is worried about sooner than one that orders yearly, and
// they are per class so strategic accounts are worried about sooner.
type OrderGapConfig struct {
	// Disabled turns the signal off. Defaults to false.
	Disabled bool `json:"disabled"`
	// Warning is the gap, in multiples of the interval, that fires a
	// warning. Defaults to S 1.5, A 1.5, B 2, C 2.5, ungraded 2.5.
	Warning ByClass[float64] `json:"warning"`
	// Critical is the multiple that makes it critical. Defaults to S 3,
	// A 4, B 6, C 8, ungraded 8.
	Critical ByClass[float64] `json:"critical"`
	// MinIntervalDays floors the interval, so an account that orders daily
	// is not flagged after a long weekend. Defaults to 7.
	MinIntervalDays float64 `json:"min_interval_days"`
	// Points defaults to 15 for a warning and 25 when critical.
	Points Points `json:"points"`
}

// OrderVolumeDropConfig configures order_volume_drop. Thresholds are the
// fractional drop of current-period revenue against the trailing average
// (0.3 = 30% lower). Revenue rather than order count is compared because a
// customer that keeps ordering but buys half as much is leaving; a customer
// that stops ordering altogether is caught by order_gap.
type OrderVolumeDropConfig struct {
	// Disabled turns the signal off. Defaults to false.
	Disabled bool `json:"disabled"`
	// Warning is the drop that fires a warning. Defaults to 0.3.
	Warning float64 `json:"warning"`
	// Critical is the drop that makes it critical. Defaults to 1 (nothing
	// bought at all).
	Critical float64 `json:"critical"`
	// MinTrailingPeriods is how many previous periods the average must
	// cover to be a baseline. Defaults to 2.
	MinTrailingPeriods int `json:"min_trailing_periods"`
	// MinBaselineOrders is how many orders per period the trailing average
	// must hold. A customer who orders once a quarter has no order in many
	// quarters by chance alone (a Poisson count with mean 1 is zero 37% of
	// the time), so an empty quarter says nothing; order_gap, measured
	// against the customer's own rhythm, covers sparse buyers. Defaults to 3.
	MinBaselineOrders float64 `json:"min_baseline_orders"`
	// Points defaults to 10 for a warning and 20 when critical.
	Points Points `json:"points"`
}

// RevenueDropYoYConfig configures revenue_drop_yoy: the fractional drop of
// current-period revenue against the same period last year.
type RevenueDropYoYConfig struct {
	// Disabled turns the signal off. Defaults to false.
	Disabled bool `json:"disabled"`
	// Warning is the drop that fires a warning. Defaults to 0.25.
	Warning float64 `json:"warning"`
	// Critical is the drop that makes it critical. Defaults to 1 (nothing
	// bought at all).
	Critical float64 `json:"critical"`
	// MinBaselineOrders is how many orders the same period last year must
	// hold for the comparison to mean anything (see
	// OrderVolumeDropConfig.MinBaselineOrders). Defaults to 3.
	MinBaselineOrders int `json:"min_baseline_orders"`
	// Points defaults to 10 for a warning and 20 when critical.
	Points Points `json:"points"`
}

// CollectionsSlowingConfig configures collections_slowing: the increase in
// average days late of recent payments over the previous baseline, in days.
type CollectionsSlowingConfig struct {
	// Disabled turns the signal off. Defaults to false.
	Disabled bool `json:"disabled"`
	// Warning is the increase in days that fires a warning. Defaults to 10.
	Warning float64 `json:"warning"`
	// Critical is the increase that makes it critical. Defaults to 60.
	Critical float64 `json:"critical"`
	// Points defaults to 10 for a warning and 20 when critical.
	Points Points `json:"points"`
}

// OverdueRisingConfig configures overdue_rising: the fractional growth of
// overdue receivables over 90 days (0.25 = 25% more). Growth from nothing
// overdue has no ratio; it fires a warning with value 1 (as if doubled)
// and never critical on its own, since one late invoice is common.
type OverdueRisingConfig struct {
	// Disabled turns the signal off. Defaults to false.
	Disabled bool `json:"disabled"`
	// Warning is the growth that fires a warning. Defaults to 0.25.
	Warning float64 `json:"warning"`
	// Critical is the growth that makes it critical. Defaults to 3
	// (quadrupled).
	Critical float64 `json:"critical"`
	// MinIncrease ignores increases smaller than this many minor units. It
	// depends on the currency, so there is no useful built-in value.
	// Defaults to 0 (any increase counts).
	MinIncrease int64 `json:"min_increase"`
	// Points defaults to 10 for a warning and 20 when critical.
	Points Points `json:"points"`
}

// SatisfactionFallingConfig configures satisfaction_falling: the drop in
// points of the latest score against the previous average. Points rather
// than a ratio because NPS can be zero or negative.
type SatisfactionFallingConfig struct {
	// Disabled turns the signal off. Defaults to false.
	Disabled bool `json:"disabled"`
	// Warning is the drop in points that fires a warning. Defaults to 10.
	Warning float64 `json:"warning"`
	// Critical is the drop that makes it critical. Defaults to 30.
	Critical float64 `json:"critical"`
	// Points defaults to 15 for a warning and 25 when critical.
	Points Points `json:"points"`
}

// NewComplaintsConfig configures new_complaints. Its value is a weighted
// complaint count: each complaint in the last 90 days adds its severity
// weight, and complaints in the last 30 days add it once more, because a
// fresh complaint is still being felt.
type NewComplaintsConfig struct {
	// Disabled turns the signal off. Defaults to false.
	Disabled bool `json:"disabled"`
	// Weights per complaint severity. Defaults to minor 1, major 3,
	// critical 8.
	Weights ComplaintWeights `json:"weights"`
	// Warning is the weighted count that fires a warning. Defaults to 3
	// (one major complaint, or two minor ones this month).
	Warning float64 `json:"warning"`
	// Critical is the weighted count that makes it critical. Defaults to 8
	// (one critical complaint).
	Critical float64 `json:"critical"`
	// Points defaults to 10 for a warning and 25 when critical.
	Points Points `json:"points"`
}

// ComplaintWeights weigh complaints by severity.
type ComplaintWeights struct {
	// Minor defaults to 1.
	Minor float64 `json:"minor"`
	// Major defaults to 3.
	Major float64 `json:"major"`
	// Critical defaults to 8.
	Critical float64 `json:"critical"`
}

// ContactCadenceConfig configures contact_cadence_missed. Its value is the
// days since the last touchpoint; thresholds are multiples of the cadence.
type ContactCadenceConfig struct {
	// Disabled turns the signal off. Defaults to false.
	Disabled bool `json:"disabled"`
	// Days is the cadence used when the class policy in Facts sets none.
	// Defaults to S 30 (monthly), A 90 (quarterly), B 180, C 365,
	// ungraded 120 (an account nobody has graded yet is
	// looked at at least every four months).
	Days ByClass[int] `json:"days"`
	// Warning is the multiple of the cadence that fires a warning.
	// Defaults to 1 (the cadence is missed).
	Warning float64 `json:"warning"`
	// Critical is the multiple that makes it critical. Defaults to 2.
	Critical float64 `json:"critical"`
	// Points defaults to 15 for a warning and 25 when critical.
	Points Points `json:"points"`
}

// KeyContactLeftConfig configures key_contact_left: the number of decision
// makers who left in the last 90 days.
type KeyContactLeftConfig struct {
	// Disabled turns the signal off. Defaults to false.
	Disabled bool `json:"disabled"`
	// Warning is the count that fires a warning. Defaults to 1.
	Warning float64 `json:"warning"`
	// Critical is the count that makes it critical. Defaults to 2.
	Critical float64 `json:"critical"`
	// Points defaults to 25 for a warning and 40 when critical.
	Points Points `json:"points"`
}

// ClassDowngradedConfig configures class_downgraded: the number of classes
// the account dropped (A→B is 1, S→C is 3).
type ClassDowngradedConfig struct {
	// Disabled turns the signal off. Defaults to false.
	Disabled bool `json:"disabled"`
	// Warning is the number of steps that fires a warning. Defaults to 1.
	Warning float64 `json:"warning"`
	// Critical is the number of steps that makes it critical. Defaults to 2.
	Critical float64 `json:"critical"`
	// Points defaults to 10 for a warning and 20 when critical.
	Points Points `json:"points"`
}

var defaultResponseDays = ByClass[int]{S: 2, A: 5, B: 10, C: 20, Ungraded: 20}

// WithDefaults returns a copy of c with every zero field set to its
// default.
func (c Config) WithDefaults() Config {
	setString(&c.Version, DefaultVersion)
	setNum(&c.MinOrders, 3)
	setNum(&c.Bands.Medium, 25)
	setNum(&c.Bands.High, 55)
	setNum(&c.Bands.Critical, 80)
	setNum(&c.CriticalMinFamilies, 3)
	if c.AlertMinLevel == "" {
		c.AlertMinLevel = LevelMedium
	}
	c.ResponseDays = c.ResponseDays.withDefaults(defaultResponseDays)

	c.OrderGap.Warning = c.OrderGap.Warning.withDefaults(ByClass[float64]{S: 1.5, A: 1.5, B: 2, C: 2.5, Ungraded: 2.5})
	c.OrderGap.Critical = c.OrderGap.Critical.withDefaults(ByClass[float64]{S: 3, A: 4, B: 6, C: 8, Ungraded: 8})
	setNum(&c.OrderGap.MinIntervalDays, 7)
	c.OrderGap.Points = c.OrderGap.Points.withDefaults(15, 25)

	setNum(&c.OrderVolumeDrop.Warning, 0.3)
	setNum(&c.OrderVolumeDrop.Critical, 1)
	setNum(&c.OrderVolumeDrop.MinTrailingPeriods, 2)
	setNum(&c.OrderVolumeDrop.MinBaselineOrders, 3)
	c.OrderVolumeDrop.Points = c.OrderVolumeDrop.Points.withDefaults(10, 20)

	setNum(&c.RevenueDropYoY.Warning, 0.25)
	setNum(&c.RevenueDropYoY.Critical, 1)
	setNum(&c.RevenueDropYoY.MinBaselineOrders, 3)
	c.RevenueDropYoY.Points = c.RevenueDropYoY.Points.withDefaults(10, 20)

	setNum(&c.CollectionsSlowing.Warning, 10)
	setNum(&c.CollectionsSlowing.Critical, 60)
	c.CollectionsSlowing.Points = c.CollectionsSlowing.Points.withDefaults(10, 20)

	setNum(&c.OverdueRising.Warning, 0.25)
	setNum(&c.OverdueRising.Critical, 3)
	c.OverdueRising.Points = c.OverdueRising.Points.withDefaults(10, 20)

	setNum(&c.SatisfactionFalling.Warning, 10)
	setNum(&c.SatisfactionFalling.Critical, 30)
	c.SatisfactionFalling.Points = c.SatisfactionFalling.Points.withDefaults(15, 25)

	setNum(&c.NewComplaints.Weights.Minor, 1)
	setNum(&c.NewComplaints.Weights.Major, 3)
	setNum(&c.NewComplaints.Weights.Critical, 8)
	setNum(&c.NewComplaints.Warning, 3)
	setNum(&c.NewComplaints.Critical, 8)
	c.NewComplaints.Points = c.NewComplaints.Points.withDefaults(10, 25)

	c.ContactCadence.Days = c.ContactCadence.Days.withDefaults(ByClass[int]{S: 30, A: 90, B: 180, C: 365, Ungraded: 120})
	setNum(&c.ContactCadence.Warning, 1)
	setNum(&c.ContactCadence.Critical, 2)
	c.ContactCadence.Points = c.ContactCadence.Points.withDefaults(15, 25)

	setNum(&c.KeyContactLeft.Warning, 1)
	setNum(&c.KeyContactLeft.Critical, 2)
	c.KeyContactLeft.Points = c.KeyContactLeft.Points.withDefaults(25, 40)

	setNum(&c.ClassDowngraded.Warning, 1)
	setNum(&c.ClassDowngraded.Critical, 2)
	c.ClassDowngraded.Points = c.ClassDowngraded.Points.withDefaults(10, 20)
	return c
}

// Validate reports every invalid field, each error naming the field's path
// (e.g. "OrderGap.Critical.B"). Call it on the result of WithDefaults: zero
// fields are invalid here because WithDefaults would have replaced them.
func (c Config) Validate() error {
	v := &validator{}

	if c.Version == "" {
		v.add("Version must be set")
	}
	v.positiveInt("MinOrders", c.MinOrders)
	v.positiveInt("CriticalMinFamilies", c.CriticalMinFamilies)
	if c.CriticalMinFamilies > len(families) {
		v.add("CriticalMinFamilies must be at most %d (the number of signal families), got %d", len(families), c.CriticalMinFamilies)
	}
	if !(0 < c.Bands.Medium && c.Bands.Medium < c.Bands.High && c.Bands.High < c.Bands.Critical && c.Bands.Critical <= 100) {
		v.add("Bands must satisfy 0 < Medium < High < Critical <= 100, got Medium %d, High %d, Critical %d",
			c.Bands.Medium, c.Bands.High, c.Bands.Critical)
	}
	if !c.AlertMinLevel.Valid() {
		v.add("AlertMinLevel %q must be one of low, medium, high, critical", c.AlertMinLevel)
	}
	c.ResponseDays.each(func(name string, d int) { v.positiveInt("ResponseDays."+name, d) })

	for _, cf := range classFields {
		v.thresholds("OrderGap", "."+cf.name, c.OrderGap.Warning.For(cf.class), c.OrderGap.Critical.For(cf.class))
	}
	v.positive("OrderGap.MinIntervalDays", c.OrderGap.MinIntervalDays)
	v.points("OrderGap.Points", c.OrderGap.Points)

	v.thresholds("OrderVolumeDrop", "", c.OrderVolumeDrop.Warning, c.OrderVolumeDrop.Critical)
	v.atMost("OrderVolumeDrop.Critical", c.OrderVolumeDrop.Critical, 1)
	v.positiveInt("OrderVolumeDrop.MinTrailingPeriods", c.OrderVolumeDrop.MinTrailingPeriods)
	v.positive("OrderVolumeDrop.MinBaselineOrders", c.OrderVolumeDrop.MinBaselineOrders)
	v.positiveInt("RevenueDropYoY.MinBaselineOrders", c.RevenueDropYoY.MinBaselineOrders)
	v.points("OrderVolumeDrop.Points", c.OrderVolumeDrop.Points)

	v.thresholds("RevenueDropYoY", "", c.RevenueDropYoY.Warning, c.RevenueDropYoY.Critical)
	v.atMost("RevenueDropYoY.Critical", c.RevenueDropYoY.Critical, 1)
	v.points("RevenueDropYoY.Points", c.RevenueDropYoY.Points)

	v.thresholds("CollectionsSlowing", "", c.CollectionsSlowing.Warning, c.CollectionsSlowing.Critical)
	v.points("CollectionsSlowing.Points", c.CollectionsSlowing.Points)

	v.thresholds("OverdueRising", "", c.OverdueRising.Warning, c.OverdueRising.Critical)
	if c.OverdueRising.MinIncrease < 0 {
		v.add("OverdueRising.MinIncrease must not be negative, got %d", c.OverdueRising.MinIncrease)
	}
	v.points("OverdueRising.Points", c.OverdueRising.Points)

	v.thresholds("SatisfactionFalling", "", c.SatisfactionFalling.Warning, c.SatisfactionFalling.Critical)
	v.points("SatisfactionFalling.Points", c.SatisfactionFalling.Points)

	v.positive("NewComplaints.Weights.Minor", c.NewComplaints.Weights.Minor)
	v.positive("NewComplaints.Weights.Major", c.NewComplaints.Weights.Major)
	v.positive("NewComplaints.Weights.Critical", c.NewComplaints.Weights.Critical)
	v.thresholds("NewComplaints", "", c.NewComplaints.Warning, c.NewComplaints.Critical)
	v.points("NewComplaints.Points", c.NewComplaints.Points)

	c.ContactCadence.Days.each(func(name string, d int) { v.positiveInt("ContactCadence.Days."+name, d) })
	v.thresholds("ContactCadence", "", c.ContactCadence.Warning, c.ContactCadence.Critical)
	v.points("ContactCadence.Points", c.ContactCadence.Points)

	v.thresholds("KeyContactLeft", "", c.KeyContactLeft.Warning, c.KeyContactLeft.Critical)
	v.points("KeyContactLeft.Points", c.KeyContactLeft.Points)

	v.thresholds("ClassDowngraded", "", c.ClassDowngraded.Warning, c.ClassDowngraded.Critical)
	v.points("ClassDowngraded.Points", c.ClassDowngraded.Points)

	if err := errors.Join(v.errs...); err != nil {
		return fmt.Errorf("invalid churn config %q: %w", c.Version, err)
	}
	return nil
}

// For returns the points for a signal fired at severity s.
func (p Points) For(s Severity) int {
	if s == SeverityCritical {
		return p.Critical
	}
	return p.Warning
}

func (p Points) withDefaults(warning, critical int) Points {
	setNum(&p.Warning, warning)
	setNum(&p.Critical, critical)
	return p
}

func setNum[T int | int64 | float64](p *T, d T) {
	if *p == 0 {
		*p = d
	}
}

func setString(p *string, d string) {
	if *p == "" {
		*p = d
	}
}

type validator struct{ errs []error }

func (v *validator) add(format string, args ...any) {
	v.errs = append(v.errs, fmt.Errorf(format, args...))
}

func (v *validator) positive(path string, x float64) {
	if !(x > 0) || !finite(x) { // !(x > 0) also rejects NaN
		v.add("%s must be a finite number greater than zero, got %v", path, x)
	}
}

func (v *validator) positiveInt(path string, x int) {
	if x <= 0 {
		v.add("%s must be greater than zero, got %d", path, x)
	}
}

func (v *validator) atMost(path string, x, limit float64) {
	if x > limit {
		v.add("%s must be at most %v, got %v", path, limit, x)
	}
}

// thresholds checks a warning/critical pair; suffix is the per-class field
// name (".S") when the pair is per class.
func (v *validator) thresholds(signal, suffix string, warning, critical float64) {
	v.positive(signal+".Warning"+suffix, warning)
	v.positive(signal+".Critical"+suffix, critical)
	if critical < warning {
		v.add("%s.Critical%s (%v) must not be below %s.Warning%s (%v)", signal, suffix, critical, signal, suffix, warning)
	}
}

func (v *validator) points(path string, p Points) {
	if p.Warning <= 0 || p.Warning > 100 {
		v.add("%s.Warning must be between 1 and 100, got %d", path, p.Warning)
	}
	if p.Critical <= 0 || p.Critical > 100 {
		v.add("%s.Critical must be between 1 and 100, got %d", path, p.Critical)
	}
	if p.Critical < p.Warning {
		v.add("%s.Critical (%d) must not be below %s.Warning (%d)", path, p.Critical, path, p.Warning)
	}
}
