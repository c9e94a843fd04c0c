package pgembed

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// serverUser is the OS user Postgres runs as. When the calling process is not
// root that is simply the current user (cred is nil). When it is root, it is
// the "postgres" user, because initdb and postgres refuse to run as root (a
// compromised server would own the machine).
type serverUser struct {
	cred *syscall.Credential // nil when running as the current user
	name string
	uid  int
	gid  int
	gids []int // all groups, primary included, for the traversal check
}

func currentServerUser() (*serverUser, error) {
	if os.Geteuid() != 0 {
		return &serverUser{uid: os.Geteuid(), gid: os.Getegid(), gids: currentGroups()}, nil
	}

	const name = "postgres"
	u, err := user.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf(`running as root, and PostgreSQL refuses to run as root, but the %q OS user to run it as cannot be found (create it with "useradd --system %s", or run as a non-root user): %w`, name, name, err)
	}
	uid, err := strconv.Atoi(u.Uid)
	if err != nil {
		return nil, fmt.Errorf("error parsing uid %q of user %s: %w", u.Uid, name, err)
	}
	gid, err := strconv.Atoi(u.Gid)
	if err != nil {
		return nil, fmt.Errorf("error parsing gid %q of user %s: %w", u.Gid, name, err)
	}

	gids := []int{gid}
	groups := []uint32{}
	if groupIDs, err := u.GroupIds(); err == nil {
		for _, g := range groupIDs {
			if n, err := strconv.Atoi(g); err == nil && !slices.Contains(gids, n) {
				gids = append(gids, n)
				groups = append(groups, uint32(n))
			}
		}
	}

	return &serverUser{
		// Groups is set explicitly (possibly empty) so that root's
		// supplementary groups are dropped, as login would do.
		cred: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: groups},
		name: name,
		uid:  uid,
		gid:  gid,
		gids: gids,
	}, nil
}

func currentGroups() []int {
	gids, err := os.Getgroups()
	if err != nil {
		gids = nil
	}
	if !slices.Contains(gids, os.Getegid()) {
		gids = append(gids, os.Getegid())
	}
	return gids
}

// isOther reports whether Postgres runs as a different user than us, in which
// case files it must own have to be chowned to it.
func (u *serverUser) isOther() bool { return u.cred != nil }

// checkTraversable returns an error naming the first ancestor of dir the
// server user cannot enter. Without this check the failure surfaces as an
// obscure "could not change directory" from initdb.
func (u *serverUser) checkTraversable(dir string) error {
	if !u.isOther() {
		return nil
	}
	for parent := filepath.Dir(dir); ; parent = filepath.Dir(parent) {
		info, err := os.Stat(parent)
		if err != nil {
			return fmt.Errorf("error checking access to %s: %w", parent, err)
		}
		if !u.canSearch(info) {
			return fmt.Errorf("folder %s is not traversable by the %q OS user that runs PostgreSQL (mode %s): "+
				"pick a DataDir outside it, or allow it with `chmod o+x %s`", parent, u.name, info.Mode().Perm(), parent)
		}
		if parent == filepath.Dir(parent) {
			return nil
		}
	}
}

func (u *serverUser) canSearch(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return true // Cannot tell: let the server report it.
	}
	perm := info.Mode().Perm()
	switch {
	case int(st.Uid) == u.uid:
		return perm&0o100 != 0
	case slices.Contains(u.gids, int(st.Gid)):
		return perm&0o010 != 0
	default:
		return perm&0o001 != 0
	}
}

// chown gives path to the server user. No-op when that is us.
func (u *serverUser) chown(path string) error {
	if !u.isOther() {
		return nil
	}
	if err := os.Lchown(path, u.uid, u.gid); err != nil {
		return fmt.Errorf("error giving %s to the %q OS user: %w", path, u.name, err)
	}
	return nil
}

// chownTree gives the whole tree to the server user, but only walks it when
// the root is not already theirs (e.g. a cluster created by a non-root run),
// because a cluster holds thousands of files.
func (u *serverUser) chownTree(root string) error {
	if !u.isOther() {
		return nil
	}
	info, err := os.Lstat(root)
	if err != nil {
		return fmt.Errorf("error checking owner of %s: %w", root, err)
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok && int(st.Uid) == u.uid && int(st.Gid) == u.gid {
		return nil
	}
	return filepath.WalkDir(root, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return u.chown(path)
	})
}

// command builds a command running as the server user, in its own process
// group (a terminal Ctrl-C must reach only us, so that we shut the server down
// in order rather than have it die mid-test), with deathSig delivered to it
// when the thread that starts it dies. Start it with startLocked.
func (u *serverUser) command(dir string, deathSig syscall.Signal, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = serverEnv(os.Environ())
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Credential: u.cred,
		Setpgid:    true,
		// Go sets PR_SET_PDEATHSIG after switching credentials (see
		// forkAndExecInChild1 in syscall/exec_linux.go), which matters because
		// the kernel clears it on a credential change.
		Pdeathsig: deathSig,
	}
	return cmd
}

// serverEnv drops variables that could make the server or initdb act on
// another cluster or speak another language than the one we parse.
func serverEnv(environ []string) []string {
	env := make([]string, 0, len(environ)+1)
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "PG") || name == "LC_ALL" || name == "LC_MESSAGES" || name == "LANGUAGE" {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LC_MESSAGES=C")
}

// startLocked starts cmd from a goroutine locked to its OS thread and keeps
// that goroutine, and so the thread, alive until the process exits. Linux
// delivers the parent-death signal when the thread that forked the child
// exits, not the process (https://go.dev/issue/27505): without the lock, the Go
// runtime could retire that thread at any time and shut the server down under
// our feet.
//
// The returned channel receives cmd.Wait's result.
func startLocked(cmd *exec.Cmd) (<-chan error, error) {
	started := make(chan error, 1)
	exited := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		// Deliberately never unlocked: when this goroutine returns, the runtime
		// terminates the thread, which is harmless once the child has exited.
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		exited <- cmd.Wait()
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return exited, nil
}

// runLocked runs cmd to completion with startLocked. When ctx is done first,
// the command's whole process group is killed, helpers included.
func runLocked(ctx context.Context, cmd *exec.Cmd) error {
	exited, err := startLocked(cmd)
	if err != nil {
		return err
	}
	select {
	case err := <-exited:
		return err
	case <-ctx.Done():
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = <-exited //nolint:staticcheck // S1005 vs errcheck: the exit status of a killed command is dropped on purpose; ctx.Err() says why
		return ctx.Err()
	}
}
