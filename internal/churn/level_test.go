package churn

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLevelAtLeast(t *testing.T) {
	t.Parallel()

	tests := []struct {
		level, min Level
		want       bool
	}{
		{LevelLow, LevelMedium, false},
		{LevelMedium, LevelMedium, true},
		{LevelHigh, LevelMedium, true},
		{LevelCritical, LevelHigh, true},
		{LevelHigh, LevelCritical, false},
		{LevelLow, "", true},
		{Level("bogus"), LevelLow, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.level)+">="+string(tt.min), func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.want, tt.level.AtLeast(tt.min))
		})
	}
	require.True(t, LevelCritical.Valid())
	require.False(t, Level("").Valid())
}
