package churn

import (
	"testing"
	"time"
	_ "time/tzdata" // the DST case must not depend on the host's zoneinfo

	"github.com/stretchr/testify/require"
)

func TestDeadline(t *testing.T) {
	t.Parallel()

	opened := time.Date(2026, 6, 30, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name   string
		config Config
		class  Class
		want   time.Time
	}{
		{"S", Config{}, ClassS, time.Date(2026, 7, 2, 9, 30, 0, 0, time.UTC)},
		{"A", Config{}, ClassA, time.Date(2026, 7, 5, 9, 30, 0, 0, time.UTC)},
		{"B", Config{}, ClassB, time.Date(2026, 7, 10, 9, 30, 0, 0, time.UTC)},
		{"C", Config{}, ClassC, time.Date(2026, 7, 20, 9, 30, 0, 0, time.UTC)},
		{"Ungraded", Config{}, ClassUngraded, time.Date(2026, 7, 20, 9, 30, 0, 0, time.UTC)},
		{"Configured", Config{ResponseDays: ByClass[int]{S: 1}}, ClassS, time.Date(2026, 7, 1, 9, 30, 0, 0, time.UTC)},
		{"ConfiguredOtherClassKeepsDefault", Config{ResponseDays: ByClass[int]{S: 1}}, ClassA, time.Date(2026, 7, 5, 9, 30, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, Deadline(tt.config, tt.class, opened))
		})
	}
}

func TestDeadlineKeepsWallClockAcrossDST(t *testing.T) {
	t.Parallel()

	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	// DST starts 2026-03-08 in New York: two calendar days is 47 hours.
	opened := time.Date(2026, 3, 7, 9, 0, 0, 0, ny)
	got := Deadline(Config{}, ClassS, opened)
	require.Equal(t, time.Date(2026, 3, 9, 9, 0, 0, 0, ny), got)
	require.Equal(t, 47*time.Hour, got.Sub(opened))
}

func TestShouldEscalate(t *testing.T) {
	t.Parallel()

	deadline := time.Date(2026, 7, 2, 9, 0, 0, 0, time.UTC)
	after, before := deadline.Add(time.Second), deadline.Add(-time.Second)
	tests := []struct {
		name         string
		class        Class
		now          time.Time
		acknowledged bool
		want         bool
	}{
		{"SPastUnanswered", ClassS, after, false, true},
		{"APastUnanswered", ClassA, after, false, true},
		{"SAtDeadline", ClassS, deadline, false, false},
		{"SBeforeDeadline", ClassS, before, false, false},
		{"SPastAcknowledged", ClassS, after, true, false},
		{"BPastUnanswered", ClassB, after, false, false},
		{"CPastUnanswered", ClassC, after, false, false},
		{"UngradedPastUnanswered", ClassUngraded, after, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, ShouldEscalate(tt.class, deadline, tt.now, tt.acknowledged))
		})
	}
}
