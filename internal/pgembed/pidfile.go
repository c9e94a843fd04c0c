package pgembed

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ErrDataDirInUse is returned (wrapped) by Start when a live Postgres, run by
// a live parent, already serves the data folder.
var ErrDataDirInUse = errors.New("data folder in use")

// Timeouts for shutting down an orphaned server: a fast shutdown may have to
// write a large checkpoint, an immediate one takes no time.
const (
	orphanShutdownTimeout  = 30 * time.Second
	orphanEscalateTimeout  = 5 * time.Second
	processPollingInterval = 20 * time.Millisecond
)

// procInfo is what /proc tells about a process.
type procInfo struct {
	Comm  string // Executable name, e.g. "postgres".
	Cwd   string // Working folder; empty when not readable (another user's process and we are not root).
	PPid  int
	State byte // 'R', 'S', 'Z' (zombie), ...
}

// readProc returns nil when the process does not exist (or is a zombie: dead,
// just not reaped yet).
func readProc(pid int) *procInfo {
	if pid <= 0 {
		return nil
	}
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return nil
	}
	defer f.Close()

	info := &procInfo{}
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		key, value, _ := strings.Cut(scanner.Text(), ":")
		value = strings.TrimSpace(value)
		switch key {
		case "Name":
			info.Comm = value
		case "State":
			if value != "" {
				info.State = value[0]
			}
		case "PPid":
			info.PPid, _ = strconv.Atoi(value)
		}
	}
	if info.State == 'Z' || info.State == 'X' {
		return nil
	}
	info.Cwd, _ = os.Readlink(fmt.Sprintf("/proc/%d/cwd", pid))
	return info
}

func processAlive(pid int) bool { return readProc(pid) != nil }

// readPostmasterPID returns the PID in the first line of a postmaster.pid, or
// 0 when the file is unreadable or garbled (a crash while Postgres wrote it).
func readPostmasterPID(path string) (int, error) {
	content, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	first, _, _ := strings.Cut(string(content), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(first))
	if err != nil || pid <= 0 {
		return 0, nil
	}
	return pid, nil
}

// ownerFile, in DataDir, holds the PID of the process that launched the
// server last. It tells an orphan apart from a server in use even where
// orphans are not reparented to PID 1 but to a live "subreaper" (systemd
// --user, tini, ...), whose PID says nothing about who started the server.
const ownerFile = "postmaster.owner"

func writeOwner(dataDir string) error {
	if err := writeFileAtomic(filepath.Join(dataDir, ownerFile), []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
		return fmt.Errorf("error writing %s: %w", ownerFile, err)
	}
	return nil
}

// readOwner returns 0 when unknown.
func readOwner(dataDir string) int {
	content, err := os.ReadFile(filepath.Join(dataDir, ownerFile))
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(content)))
	return pid
}

// recoverPostmasterPID makes sure dataDir/pgdata/postmaster.pid, if present,
// does not belong to a server that is still around, so that Postgres can
// start:
//
//   - no such process, or a process that is not a Postgres for this folder (the
//     PID got reused after a reboot or kill -9): the file is stale, remove it.
//     Postgres would refuse to start when the PID was reused by a live process.
//   - a Postgres for this folder whose parent is gone: an orphan of a run that
//     died without its server noticing. Shut it down (SIGINT, then SIGQUIT,
//     then SIGKILL) and go on.
//   - a Postgres for this folder whose parent is alive: somebody else is using
//     the folder; return ErrDataDirInUse rather than fight over it.
func recoverPostmasterPID(ctx context.Context, logger *slog.Logger, dataDir string) error {
	pgdata := filepath.Join(dataDir, pgdataDir)
	pidFile := filepath.Join(pgdata, "postmaster.pid")

	for {
		pid, err := readPostmasterPID(pidFile)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("error reading %s: %w", pidFile, err)
		}

		proc := readProc(pid)
		if pid == 0 || proc == nil || !isPostgresFor(proc, pgdata) {
			logger.InfoContext(ctx, "pgembed: removing stale postmaster.pid", slog.Int("pid", pid))
			return removeIfSamePID(pidFile, pid)
		}

		if !isOrphan(proc, readOwner(dataDir)) {
			return fmt.Errorf("%w: data folder %s is in use by PID %d (a postgres started by PID %d, which is still running)",
				ErrDataDirInUse, dataDir, pid, proc.PPid)
		}

		logger.WarnContext(ctx, "pgembed: shutting down orphaned postgres left by a previous run", slog.Int("pid", pid))
		if err := shutdownOrphan(ctx, pid); err != nil {
			return fmt.Errorf("error shutting down orphaned postgres %d in %s: %w", pid, pgdata, err)
		}
		// Loop: a clean shutdown removes the file, a forced one may not.
	}
}

// isOrphan reports whether the launcher of a live server is gone. ownerPID
// is the launcher recorded in ownerFile (0 when unknown, e.g. a server
// started by hand): while it lives, it is the server's parent.
func isOrphan(proc *procInfo, ownerPID int) bool {
	if ownerPID != 0 {
		return proc.PPid != ownerPID
	}
	return proc.PPid <= 1 || !processAlive(proc.PPid)
}

// isPostgresFor reports whether proc is a postmaster serving pgdata. When its
// working folder is unreadable (another user's process), a postgres is
// assumed to be ours: erring that way yields an error, never a killed server.
func isPostgresFor(proc *procInfo, pgdata string) bool {
	if proc.Comm != "postgres" && proc.Comm != "postmaster" {
		return false
	}
	if proc.Cwd == "" {
		return true
	}
	// The postmaster chdirs into its data folder at startup.
	want, err := filepath.EvalSymlinks(pgdata)
	if err != nil {
		want = pgdata
	}
	return strings.TrimSuffix(proc.Cwd, " (deleted)") == want
}

func removeIfSamePID(pidFile string, pid int) error {
	current, err := readPostmasterPID(pidFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err == nil && current != pid {
		return nil // A server started meanwhile: not ours to remove.
	}
	if err := os.Remove(pidFile); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("error removing stale %s: %w", pidFile, err)
	}
	return nil
}

// shutdownOrphan escalates from a fast shutdown (SIGINT: roll back sessions,
// checkpoint, exit) to an immediate one (SIGQUIT) to SIGKILL.
func shutdownOrphan(ctx context.Context, pid int) error {
	steps := []struct {
		sig     syscall.Signal
		timeout time.Duration
	}{
		{syscall.SIGINT, orphanShutdownTimeout},
		{syscall.SIGQUIT, orphanEscalateTimeout},
		{syscall.SIGKILL, orphanEscalateTimeout},
	}
	for _, step := range steps {
		if err := syscall.Kill(pid, step.sig); err != nil {
			if errors.Is(err, syscall.ESRCH) {
				return nil
			}
			return fmt.Errorf("error sending %s: %w", step.sig, err)
		}
		gone, err := waitProcessGone(ctx, pid, step.timeout)
		if err != nil {
			return err
		}
		if gone {
			return nil
		}
	}
	return fmt.Errorf("process still alive after SIGKILL")
}

// waitProcessGone polls, because a process that is not our child cannot be
// waited for.
func waitProcessGone(ctx context.Context, pid int, timeout time.Duration) (bool, error) {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	ticker := time.NewTicker(processPollingInterval)
	defer ticker.Stop()
	for processAlive(pid) {
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-timer.C:
			return false, nil
		case <-ticker.C:
		}
	}
	return true, nil
}
