package testdb

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	tempDirPattern = "summit-test-pg-*"

	// ownerFile, in a server's temporary folder, holds the PID of the test
	// binary using it.
	ownerFile = "testdb.owner"

	// sweepMinAge protects a folder without an owner file yet: another
	// binary may have just created it.
	sweepMinAge = 10 * time.Minute
)

func writeOwner(dir string) error {
	return os.WriteFile(filepath.Join(dir, ownerFile), []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644)
}

// sweepStaleDirs removes the server folders of test binaries that died
// without cleaning up (a panicking test or a kill skips RunMain's teardown; a
// throwaway cluster is ~40 MB). A folder is removed only when its owner is
// gone and no server runs in it any more, so that concurrent binaries are
// safe.
func sweepStaleDirs(root string, now time.Time) (removed []string) {
	matches, err := filepath.Glob(filepath.Join(root, tempDirPattern))
	if err != nil {
		return nil
	}
	for _, dir := range matches {
		info, err := os.Lstat(dir)
		if err != nil || !info.IsDir() {
			continue
		}
		owner := readPID(filepath.Join(dir, ownerFile))
		switch {
		case owner == 0 && now.Sub(info.ModTime()) < sweepMinAge:
			continue
		case owner != 0 && pidAlive(owner):
			continue
		}
		// The server of a killed binary shuts down on its own, but may not be
		// done yet.
		if pid := readPID(filepath.Join(dir, "pgdata", "postmaster.pid")); pid != 0 && pidAlive(pid) {
			continue
		}
		if os.RemoveAll(dir) == nil {
			removed = append(removed, dir)
		}
	}
	return removed
}

// readPID returns the number on the first line of path, or 0.
func readPID(path string) int {
	content, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	first, _, _ := strings.Cut(string(content), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(first))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}

func pidAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
