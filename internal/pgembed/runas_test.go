package pgembed

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestCurrentServerUser(t *testing.T) {
	t.Parallel()

	u, err := currentServerUser()
	if os.Geteuid() != 0 {
		require.NoError(t, err)
		require.False(t, u.isOther())
		require.Equal(t, os.Getuid(), u.uid)
		return
	}
	if err != nil {
		require.ErrorContains(t, err, `"postgres" OS user`)
		t.Skip("no postgres user on this machine")
	}
	require.True(t, u.isOther())
	require.Equal(t, "postgres", u.name)
	require.NotZero(t, u.uid)
	require.Equal(t, uint32(u.uid), u.cred.Uid)
	require.NotNil(t, u.cred.Groups, "root's groups are dropped")
}

func TestServerUserCanSearch(t *testing.T) {
	t.Parallel()

	dir := t.TempDir()
	u := &serverUser{cred: &syscall.Credential{}, name: "pg", uid: 4242, gid: 4343, gids: []int{4343}}
	info := func(mode os.FileMode, uid, gid int) os.FileInfo {
		t.Helper()
		require.NoError(t, os.Chmod(dir, mode))
		fi, err := os.Stat(dir)
		require.NoError(t, err)
		st := fi.Sys().(*syscall.Stat_t)
		st.Uid, st.Gid = uint32(uid), uint32(gid)
		return fi
	}

	require.True(t, u.canSearch(info(0o100, 4242, 0)), "owner bit")
	require.False(t, u.canSearch(info(0o011, 4242, 4343)), "owner bits apply to the owner")
	require.True(t, u.canSearch(info(0o010, 1, 4343)), "group bit")
	require.False(t, u.canSearch(info(0o701, 1, 4343)), "group bits apply to the group")
	require.True(t, u.canSearch(info(0o001, 1, 1)), "other bit")
	require.False(t, u.canSearch(info(0o770, 1, 1)))
}

func TestServerUserCheckTraversable(t *testing.T) {
	t.Parallel()

	u, err := currentServerUser()
	require.NoError(t, err)
	if !u.isOther() {
		require.NoError(t, u.checkTraversable("/nonexistent/anything"), "no check when running as ourselves")
		return
	}

	open := testDataDir(t)
	require.NoError(t, os.Chmod(open, 0o755))
	require.NoError(t, u.checkTraversable(filepath.Join(open, "data")))

	locked := filepath.Join(open, "locked")
	require.NoError(t, os.Mkdir(locked, 0o700))
	err = u.checkTraversable(filepath.Join(locked, "a", "data"))
	require.ErrorContains(t, err, "error checking access to "+filepath.Join(locked, "a"))
	require.NoError(t, os.Mkdir(filepath.Join(locked, "a"), 0o755))
	err = u.checkTraversable(filepath.Join(locked, "a", "data"))
	require.ErrorContains(t, err, "folder "+locked+" is not traversable")
	require.ErrorContains(t, err, "chmod o+x "+locked)
}

func TestServerEnv(t *testing.T) {
	t.Parallel()

	env := serverEnv([]string{"PATH=/bin", "PGDATA=/other", "PGPORT=1", "LC_ALL=de_DE.UTF-8", "LANG=de_DE.UTF-8", "HOME=/root"})
	require.Equal(t, []string{"PATH=/bin", "LANG=de_DE.UTF-8", "HOME=/root", "LC_MESSAGES=C"}, env)
}

func TestServerUserCommand(t *testing.T) {
	t.Parallel()

	u, err := currentServerUser()
	require.NoError(t, err)

	dir := testDataDir(t)
	require.NoError(t, u.chown(dir))
	cmd := u.command(dir, syscall.SIGINT, "/bin/sh", "-c", "id -u; pwd; cut -d' ' -f5 /proc/$$/stat")
	out, err := cmd.Output()
	require.NoError(t, err)
	require.Equal(t, syscall.SIGINT, cmd.SysProcAttr.Pdeathsig)
	require.True(t, cmd.SysProcAttr.Setpgid)
	require.Equal(t, fmt.Sprintf("%d\n%s\n%d\n", u.uid, dir, cmd.Process.Pid), string(out), "runs as the server user, in dir, in its own process group")
}

func TestRunLocked(t *testing.T) {
	t.Parallel()

	t.Run("Success", func(t *testing.T) {
		t.Parallel()

		require.NoError(t, runLocked(t.Context(), exec.Command("true")))
		require.Error(t, runLocked(t.Context(), exec.Command("false")))
	})

	t.Run("CancelKillsProcessGroup", func(t *testing.T) {
		t.Parallel()

		u := &serverUser{}
		cmd := u.command("/", syscall.SIGKILL, "/bin/sh", "-c", "sleep 60 & wait")
		ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
		defer cancel()
		begin := time.Now()
		require.ErrorIs(t, runLocked(ctx, cmd), context.DeadlineExceeded)
		require.Less(t, time.Since(begin), 10*time.Second)
	})
}
