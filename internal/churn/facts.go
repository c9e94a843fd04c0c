package churn

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// Windows the facts are measured over. The SQL that gathers Facts uses the
// same numbers; they are constants rather than configuration because
// changing one means changing the query, not an admin setting.
const (
	// PeriodDays is the length of the "current period" for revenue, order
	// counts, payments and key-contact departures, and of each trailing
	// period the current one is compared with.
	PeriodDays = 90
	// PreviousCollectionsDays is the window before the current period whose
	// average days-late is the collections baseline.
	PreviousCollectionsDays = 180
	// RecentComplaintDays is the short complaint window; complaints in it
	// weigh double because they are still live.
	RecentComplaintDays = 30
	// DowngradeWindowDays bounds how recent a class downgrade must be to
	// count as a signal.
	DowngradeWindowDays = 180
	// IntervalHistoryYears is how far back orders are taken for the typical
	// order interval.
	IntervalHistoryYears = 2
)

// Facts are the inputs for one account as of one moment. They are gathered
// in bulk by SQL; this package never reads the database. Money is always
// int64 minor units (fen, cents) so nothing is lost to floating point; the
// currency is the account's and does not matter here because every money
// signal compares an account with itself.
//
// The JSON form is stored as the "inputs" of an Explanation, so zero values
// are omitted where zero means "unknown" or "none".
type Facts struct {
	// AccountID identifies the account; opaque to this package.
	AccountID string `json:"account_id"`
	// Class is the account's current class; ClassUngraded if never graded.
	Class Class `json:"class"`
	// AsOf is the moment the facts describe; all "days since" are measured
	// from it so a rerun over the same facts gives the same answer.
	AsOf time.Time `json:"as_of"`
	// CreatedAt is when the account was created. It anchors the contact
	// cadence for an account that has never been touched. Optional.
	CreatedAt time.Time `json:"created_at,omitzero"`

	// LastOrderAt is the date of the most recent order; zero if none.
	LastOrderAt time.Time `json:"last_order_at,omitzero"`
	// OrderIntervalDays is the median gap in days between consecutive orders
	// over the trailing IntervalHistoryYears.
	OrderIntervalDays float64 `json:"order_interval_days,omitzero"`
	// IntervalOrderCount is the number of orders OrderIntervalDays was
	// computed from. Order-history signals need Config.MinOrders of them.
	IntervalOrderCount int `json:"interval_order_count"`

	// RevenueCurrent and OrdersCurrent cover the last PeriodDays.
	RevenueCurrent int64 `json:"revenue_current"`
	OrdersCurrent  int   `json:"orders_current"`
	// RevenueTrailingAvg and OrdersTrailingAvg are the averages per period
	// over the TrailingPeriods periods before the current one.
	RevenueTrailingAvg int64   `json:"revenue_trailing_avg"`
	OrdersTrailingAvg  float64 `json:"orders_trailing_avg"`
	TrailingPeriods    int     `json:"trailing_periods"`
	// RevenueLastYear and OrdersLastYear cover the same PeriodDays window
	// one year earlier, which removes seasonality from the comparison.
	RevenueLastYear int64 `json:"revenue_last_year"`
	OrdersLastYear  int   `json:"orders_last_year"`

	// AvgDaysLateRecent is the average days past due of payments received in
	// the last PeriodDays, over PaymentsRecent payments.
	AvgDaysLateRecent float64 `json:"avg_days_late_recent"`
	PaymentsRecent    int     `json:"payments_recent"`
	// AvgDaysLatePrevious is the same over the PreviousCollectionsDays
	// before that, over PaymentsPrevious payments.
	AvgDaysLatePrevious float64 `json:"avg_days_late_previous"`
	PaymentsPrevious    int     `json:"payments_previous"`
	// OverdueNow and Overdue90DaysAgo are overdue receivables (minor units).
	OverdueNow       int64 `json:"overdue_now"`
	Overdue90DaysAgo int64 `json:"overdue_90_days_ago"`

	// SatisfactionLatest is the latest satisfaction or NPS score and
	// SatisfactionPreviousAvg the average of the ones before it; nil when
	// there is none. Both must be on the same scale (CSAT normalised to
	// 0–100, or NPS −100..100) because the signal measures a drop in points.
	SatisfactionLatest      *float64 `json:"satisfaction_latest,omitempty"`
	SatisfactionPreviousAvg *float64 `json:"satisfaction_previous_avg,omitempty"`

	// Complaints30Days and Complaints90Days count new complaints by severity
	// in the last RecentComplaintDays and PeriodDays. The 90-day counts
	// include the 30-day ones.
	Complaints30Days ComplaintCounts `json:"complaints_30_days"`
	Complaints90Days ComplaintCounts `json:"complaints_90_days"`

	// LastTouchpointAt is the latest visit, call, meeting, email or event
	// with the customer; zero if none.
	LastTouchpointAt time.Time `json:"last_touchpoint_at,omitzero"`
	// ContactCadenceDays is the class policy's contact cadence. Zero means
	// the policy sets none and Config.ContactCadence.Days applies.
	ContactCadenceDays int `json:"contact_cadence_days,omitzero"`

	// KeyContactsLeft is the number of decision makers who left the customer
	// (or stopped being our contact) in the last PeriodDays.
	KeyContactsLeft int `json:"key_contacts_left"`

	// Downgrade is the most recent class downgrade within
	// DowngradeWindowDays; zero if none.
	Downgrade ClassChange `json:"downgrade,omitzero"`
}

// ComplaintCounts counts complaints by severity.
type ComplaintCounts struct {
	Minor    int `json:"minor"`
	Major    int `json:"major"`
	Critical int `json:"critical"`
}

// Total is the number of complaints of any severity.
func (c ComplaintCounts) Total() int { return c.Minor + c.Major + c.Critical }

// ClassChange is a class decision that moved an account from one class to
// another.
type ClassChange struct {
	From Class     `json:"from"`
	To   Class     `json:"to"`
	At   time.Time `json:"at"`
}

// Validate checks facts for contradictions a SQL bug would produce. Evaluate
// does not call it (a batch must not stop on one bad row, and Evaluate
// skips what it cannot use), but loaders and tests should, to catch the bug
// at its source. All problems are reported, each naming its field.
func (f Facts) Validate() error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	if f.AccountID == "" {
		add("AccountID must be set")
	}
	if !f.Class.Valid() {
		add("Class %q is not one of S, A, B, C or empty", f.Class)
	}
	if f.AsOf.IsZero() {
		add("AsOf must be set")
	}
	for _, tf := range []struct {
		name string
		t    time.Time
	}{
		{"CreatedAt", f.CreatedAt},
		{"LastOrderAt", f.LastOrderAt},
		{"LastTouchpointAt", f.LastTouchpointAt},
		{"Downgrade.At", f.Downgrade.At},
	} {
		if !f.AsOf.IsZero() && tf.t.After(f.AsOf) {
			add("%s %s is after AsOf %s", tf.name, tf.t.Format(time.RFC3339), f.AsOf.Format(time.RFC3339))
		}
	}
	for _, n := range []struct {
		name string
		v    int64
	}{
		{"IntervalOrderCount", int64(f.IntervalOrderCount)},
		{"RevenueCurrent", f.RevenueCurrent},
		{"OrdersCurrent", int64(f.OrdersCurrent)},
		{"RevenueTrailingAvg", f.RevenueTrailingAvg},
		{"TrailingPeriods", int64(f.TrailingPeriods)},
		{"RevenueLastYear", f.RevenueLastYear},
		{"OrdersLastYear", int64(f.OrdersLastYear)},
		{"PaymentsRecent", int64(f.PaymentsRecent)},
		{"PaymentsPrevious", int64(f.PaymentsPrevious)},
		{"OverdueNow", f.OverdueNow},
		{"Overdue90DaysAgo", f.Overdue90DaysAgo},
		{"ContactCadenceDays", int64(f.ContactCadenceDays)},
		{"KeyContactsLeft", int64(f.KeyContactsLeft)},
		{"Complaints30Days.Minor", int64(f.Complaints30Days.Minor)},
		{"Complaints30Days.Major", int64(f.Complaints30Days.Major)},
		{"Complaints30Days.Critical", int64(f.Complaints30Days.Critical)},
		{"Complaints90Days.Minor", int64(f.Complaints90Days.Minor)},
		{"Complaints90Days.Major", int64(f.Complaints90Days.Major)},
		{"Complaints90Days.Critical", int64(f.Complaints90Days.Critical)},
	} {
		if n.v < 0 {
			add("%s must not be negative, got %d", n.name, n.v)
		}
	}
	for _, n := range []struct {
		name string
		v    float64
	}{
		{"OrderIntervalDays", f.OrderIntervalDays},
		{"OrdersTrailingAvg", f.OrdersTrailingAvg},
		{"AvgDaysLateRecent", f.AvgDaysLateRecent},
		{"AvgDaysLatePrevious", f.AvgDaysLatePrevious},
	} {
		if !finite(n.v) || n.v < 0 {
			add("%s must be a finite, non-negative number, got %v", n.name, n.v)
		}
	}
	for _, n := range []struct {
		name string
		v    *float64
	}{
		{"SatisfactionLatest", f.SatisfactionLatest},
		{"SatisfactionPreviousAvg", f.SatisfactionPreviousAvg},
	} {
		if n.v != nil && !finite(*n.v) {
			add("%s must be finite, got %v", n.name, *n.v)
		}
	}
	if f.Complaints30Days.Minor > f.Complaints90Days.Minor ||
		f.Complaints30Days.Major > f.Complaints90Days.Major ||
		f.Complaints30Days.Critical > f.Complaints90Days.Critical {
		add("Complaints90Days %+v must include Complaints30Days %+v", f.Complaints90Days, f.Complaints30Days)
	}
	if f.Downgrade != (ClassChange{}) && f.Downgrade.From.rank() <= f.Downgrade.To.rank() {
		add("Downgrade from %q to %q is not a downgrade", f.Downgrade.From, f.Downgrade.To)
	}
	return errors.Join(errs...)
}

// sanitized returns a copy that always marshals to JSON: encoding/json
// refuses NaN and ±Inf, and one bad float must not lose a whole
// explanation. Such values are meaningless anyway, and Evaluate ignores
// them.
func (f Facts) sanitized() Facts {
	fix := func(v *float64) {
		if !finite(*v) {
			*v = 0
		}
	}
	fix(&f.OrderIntervalDays)
	fix(&f.OrdersTrailingAvg)
	fix(&f.AvgDaysLateRecent)
	fix(&f.AvgDaysLatePrevious)
	if f.SatisfactionLatest != nil && !finite(*f.SatisfactionLatest) {
		f.SatisfactionLatest = nil
	}
	if f.SatisfactionPreviousAvg != nil && !finite(*f.SatisfactionPreviousAvg) {
		f.SatisfactionPreviousAvg = nil
	}
	return f
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// daysSince counts whole days from t to asOf; a t after asOf (clock skew
// between systems) counts as zero rather than negative.
func daysSince(t, asOf time.Time) int {
	d := asOf.Sub(t)
	if d < 0 {
		return 0
	}
	return int(d / (24 * time.Hour))
}
