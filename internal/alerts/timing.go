package alerts

import "time"

// AgeDays is how many whole days an alert has been (or was) open: from
// openedAt until it was resolved, or until now while it is open. Never
// negative.
func AgeDays(openedAt time.Time, resolvedAt *time.Time, now time.Time) int {
	end := now
	if resolvedAt != nil {
		end = *resolvedAt
	}
	if !end.After(openedAt) {
		return 0
	}
	return int(end.Sub(openedAt) / (24 * time.Hour))
}

// Overdue reports whether an alert waits for its owner past the response
// deadline: it is OPEN or ESCALATED (nobody acknowledged it) and its
// deadline has passed. Closed and acknowledged alerts are never overdue.
func Overdue(status Status, responseDueAt, acknowledgedAt *time.Time, now time.Time) bool {
	if status != StatusOpen && status != StatusEscalated {
		return false
	}
	return acknowledgedAt == nil && responseDueAt != nil && now.After(*responseDueAt)
}
