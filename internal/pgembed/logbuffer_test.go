package pgembed

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLogBuffer(t *testing.T) {
	t.Parallel()

	t.Run("SplitsLinesAcrossWrites", func(t *testing.T) {
		t.Parallel()

		var logged strings.Builder
		b := newLogBuffer(slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug})), 10)
		_, err := b.Write([]byte("one\ntw"))
		require.NoError(t, err)
		_, err = b.Write([]byte("o\nthree"))
		require.NoError(t, err)

		require.Equal(t, "one\ntwo\nthree", b.Tail(10))
		require.Equal(t, "two\nthree", b.Tail(2))
		require.Contains(t, logged.String(), `msg="postgres: two"`)
		require.NotContains(t, logged.String(), "three", "unfinished line not logged yet")
	})

	t.Run("KeepsLastLines", func(t *testing.T) {
		t.Parallel()

		b := newLogBuffer(slog.New(slog.DiscardHandler), 3)
		for i := range 10 {
			_, err := fmt.Fprintf(b, "line %d\n", i)
			require.NoError(t, err)
		}
		require.Equal(t, "line 7\nline 8\nline 9", b.Tail(20))
		require.Equal(t, "line 9", b.Tail(1))
	})

	t.Run("DoesNotKeepCallerBuffer", func(t *testing.T) {
		t.Parallel()

		b := newLogBuffer(slog.New(slog.DiscardHandler), 3)
		buf := []byte("partial")
		_, err := b.Write(buf)
		require.NoError(t, err)
		copy(buf, "XXXXXXX")
		require.Equal(t, "partial", b.Tail(1))
	})
}
