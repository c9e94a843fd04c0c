package churn

import "time"

// Deadline is when the owner must have responded to an alert opened at
// openedAt for an account of the given class. Days are calendar days in
// openedAt's location (AddDate), so "2 days" means the same wall-clock time
// two days later even across a daylight-saving change. A zero cfg uses the
// defaults (S 2, A 5, B 10, C 20 days).
func Deadline(cfg Config, class Class, openedAt time.Time) time.Time {
	days := cfg.ResponseDays.withDefaults(defaultResponseDays).For(class)
	return openedAt.AddDate(0, 0, days)
}

// ShouldEscalate reports whether an alert goes to the executive sponsor:
// it is for a strategic (S or A) account, nobody acknowledged it, and now
// is past the deadline. B and C alerts stay with the owner; their overdue
// list is the manager's tool, not an executive page.
func ShouldEscalate(class Class, deadline, now time.Time, acknowledged bool) bool {
	return class.Strategic() && !acknowledged && now.After(deadline)
}
