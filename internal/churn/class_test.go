package churn

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestClass(t *testing.T) {
	t.Parallel()

	tests := []struct {
		class     Class
		valid     bool
		strategic bool
		rank      int
	}{
		{ClassS, true, true, 4},
		{ClassA, true, true, 3},
		{ClassB, true, false, 2},
		{ClassC, true, false, 1},
		{ClassUngraded, true, false, 0},
		{Class("D"), false, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.class.label(), func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tt.valid, tt.class.Valid())
			require.Equal(t, tt.strategic, tt.class.Strategic())
			require.Equal(t, tt.rank, tt.class.rank())
		})
	}
}

func TestByClass(t *testing.T) {
	t.Parallel()

	b := ByClass[int]{S: 1, A: 2, B: 3, C: 4, Ungraded: 5}
	require.Equal(t, 1, b.For(ClassS))
	require.Equal(t, 2, b.For(ClassA))
	require.Equal(t, 3, b.For(ClassB))
	require.Equal(t, 4, b.For(ClassC))
	require.Equal(t, 5, b.For(ClassUngraded))
	require.Equal(t, 5, b.For(Class("X")), "unknown classes fall back to ungraded")

	filled := ByClass[int]{A: 9}.withDefaults(b)
	require.Equal(t, ByClass[int]{S: 1, A: 9, B: 3, C: 4, Ungraded: 5}, filled)
}
