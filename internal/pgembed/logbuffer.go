package pgembed

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
)

// logBuffer receives the server's output. It keeps the last lines so that a
// failed start can say why (Postgres explains itself only in its log), and
// forwards every line to the logger at debug level.
type logBuffer struct {
	logger *slog.Logger
	max    int

	mu      sync.Mutex
	lines   []string // ring buffer once full
	next    int      // index of the oldest line once full
	partial []byte   // text after the last newline
}

func newLogBuffer(logger *slog.Logger, maxLines int) *logBuffer {
	return &logBuffer{logger: logger, max: maxLines}
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()

	data := append(b.partial, p...)
	for {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			break
		}
		b.addLine(string(data[:i]))
		data = data[i+1:]
	}
	// Copy: data aliases the caller's buffer, which it will reuse.
	b.partial = append([]byte(nil), data...)
	return len(p), nil
}

func (b *logBuffer) addLine(line string) {
	b.logger.Log(context.Background(), slog.LevelDebug, "postgres: "+line)
	if len(b.lines) < b.max {
		b.lines = append(b.lines, line)
		return
	}
	b.lines[b.next] = line
	b.next = (b.next + 1) % b.max
}

// Tail returns up to the last n lines, oldest first, including an unfinished
// last line.
func (b *logBuffer) Tail(n int) string {
	b.mu.Lock()
	defer b.mu.Unlock()

	lines := make([]string, 0, len(b.lines)+1)
	lines = append(lines, b.lines[b.next:]...)
	lines = append(lines, b.lines[:b.next]...)
	if len(b.partial) > 0 {
		lines = append(lines, string(b.partial))
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
