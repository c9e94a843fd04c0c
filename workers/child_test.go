package workers_test

import (
	"os"
	"os/exec"
	"strconv"
	"testing"
)

// startChild re-executes this test binary as a worker process; env selects
// which one (TestMain dispatches on it). The child is killed and reaped when
// the test ends unless the test waited for it.
func startChild(t testing.TB, env ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	child := exec.Command(exe, "-test.run=^$")
	child.Env = append(os.Environ(), env...)
	child.Stdout, child.Stderr = os.Stderr, os.Stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if child.ProcessState == nil {
			_ = child.Process.Kill()
			_ = child.Wait()
		}
	})
	return child
}

// readRSS reads the peak RSS a worker process wrote to path (see peakRSS).
func readRSS(t testing.TB, path string) int64 {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rss, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return rss
}
