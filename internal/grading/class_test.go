package grading

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseClass(t *testing.T) {
	t.Parallel()

	tests := []struct {
		in      string
		want    Class
		wantErr bool
	}{
		{in: "S", want: ClassS},
		{in: "a", want: ClassA},
		{in: " b ", want: ClassB},
		{in: "C", want: ClassC},
		{in: "D", wantErr: true},
		{in: "", wantErr: true},
		{in: "SS", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := ParseClass(tt.in)
			if tt.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestClassValidateIsStrict(t *testing.T) {
	t.Parallel()

	require.NoError(t, ClassS.Validate())
	require.Error(t, Class("s").Validate())
	require.Error(t, Class("").Validate())
}

func TestClassOrdering(t *testing.T) {
	t.Parallel()

	require.Equal(t, 1, ClassS.Compare(ClassA))
	require.Equal(t, -1, ClassC.Compare(ClassB))
	require.Equal(t, 0, ClassB.Compare(ClassB))
	require.Equal(t, -1, Class("X").Compare(ClassC), "invalid sorts below C")

	classes := []Class{ClassC, ClassS, ClassB, ClassA}
	slices.SortFunc(classes, func(a, b Class) int { return b.Compare(a) })
	require.Equal(t, Classes(), classes)
}

func TestClassLabels(t *testing.T) {
	t.Parallel()

	want := map[Class][2]string{
		ClassS: {"战略客户", "strategic"},
		ClassA: {"伙伴型客户", "partner"},
		ClassB: {"价值客户", "value"},
		ClassC: {"一般客户", "general"},
	}
	for _, class := range Classes() {
		require.Equal(t, want[class][0], class.LabelZH())
		require.Equal(t, want[class][1], class.LabelEN())
	}
	require.True(t, ClassS.IsFocus())
	require.True(t, ClassA.IsFocus())
	require.False(t, ClassB.IsFocus())
	require.Empty(t, Class("X").LabelEN())
}
