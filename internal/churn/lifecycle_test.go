package churn

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestShouldMoveToDecline(t *testing.T) {
	t.Parallel()

	for level, want := range map[Level]bool{
		LevelLow: false, LevelMedium: false, LevelHigh: true, LevelCritical: true, "": false,
	} {
		require.Equal(t, want, ShouldMoveToDecline(Assessment{Level: level}), level)
	}
}
