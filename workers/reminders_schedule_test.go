package workers

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestRemindersRunDailyAtTheBusinessTimeOfDay(t *testing.T) {
	t.Parallel()
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	require.NoError(t, err)
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	at8 := dailyAt{at: 8 * time.Hour, loc: shanghai}
	for _, c := range []struct{ after, want time.Time }{
		{time.Date(2026, 11, 20, 7, 59, 0, 0, shanghai), time.Date(2026, 11, 20, 8, 0, 0, 0, shanghai)},
		{time.Date(2026, 11, 20, 8, 0, 0, 0, shanghai), time.Date(2026, 11, 21, 8, 0, 0, 0, shanghai)},
		{time.Date(2026, 11, 19, 23, 30, 0, 0, time.UTC), time.Date(2026, 11, 20, 8, 0, 0, 0, shanghai)},
		{time.Date(2026, 12, 31, 9, 0, 0, 0, shanghai), time.Date(2027, 1, 1, 8, 0, 0, 0, shanghai)},
	} {
		require.True(t, c.want.Equal(at8.Next(c.after)), "after %s: got %s", c.after, at8.Next(c.after))
	}
	// Across a daylight-saving change the local time of day holds.
	berlin8 := dailyAt{at: 8 * time.Hour, loc: berlin}
	next := berlin8.Next(time.Date(2026, 10, 24, 9, 0, 0, 0, berlin))
	require.Equal(t, "2026-10-25 08:00", next.In(berlin).Format("2006-01-02 15:04"))
}
