package pgembed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

const (
	pgdataDir = "pgdata"

	// initdbTmpDir is where initdb writes before the result is renamed to
	// pgdata: initdb writes PG_VERSION early, so a run interrupted half way
	// would otherwise leave a broken cluster that looks complete.
	initdbTmpDir = "pgdata.initdb-tmp"
)

// clusterExists reports whether pgdata holds an initialised cluster.
func clusterExists(pgdata string) (bool, error) {
	_, err := os.Stat(filepath.Join(pgdata, "PG_VERSION"))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	default:
		return false, fmt.Errorf("error checking for a cluster in %s: %w", pgdata, err)
	}
}

type initdbParams struct {
	Bins     *binaries
	DataDir  string
	Logger   *slog.Logger
	NoSync   bool
	Password string
	User     *serverUser
}

// initdb creates the cluster in DataDir/pgdata, which must not exist yet.
func initdb(ctx context.Context, p initdbParams) error {
	tmpData := filepath.Join(p.DataDir, initdbTmpDir)
	// Left over by an interrupted run: it is incomplete by definition.
	if err := os.RemoveAll(tmpData); err != nil {
		return fmt.Errorf("error removing incomplete cluster %s: %w", tmpData, err)
	}

	// The password goes through a file (not the command line, which any user
	// can read in /proc) that the server user must be able to read.
	pwfile, err := os.CreateTemp(p.DataDir, ".initdb-pwfile-*")
	if err != nil {
		return fmt.Errorf("error creating initdb password file: %w", err)
	}
	defer os.Remove(pwfile.Name())
	_, err = pwfile.WriteString(p.Password + "\n")
	if closeErr := pwfile.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = p.User.chown(pwfile.Name())
	}
	if err != nil {
		return fmt.Errorf("error writing initdb password file: %w", err)
	}

	args := []string{
		"-D", tmpData,
		"-U", User,
		"--auth-local=trust",
		"--auth-host=scram-sha-256",
		"--pwfile=" + pwfile.Name(),
		"-E", "UTF8",
	}
	if p.NoSync {
		args = append(args, "--no-sync")
	}

	// C.UTF-8 sorts like C (fast, stable across glibc upgrades, unlike
	// en_US.UTF-8 whose collation changes can corrupt indexes) while still
	// classifying non-ASCII characters. Minimal images may lack it.
	var out []byte
	for _, locale := range []string{"C.UTF-8", "C"} {
		out, err = runInitdb(ctx, p, append(args, "--locale="+locale))
		if err == nil {
			break
		}
		if !strings.Contains(string(out), "invalid locale") {
			break
		}
		p.Logger.WarnContext(ctx, "pgembed: locale C.UTF-8 unavailable, falling back to C")
		_ = os.RemoveAll(tmpData)
	}
	if err != nil {
		return fmt.Errorf("error running initdb in %s: %w\n%s", p.DataDir, err, tail(string(out), 20))
	}

	pgdata := filepath.Join(p.DataDir, pgdataDir)
	if err := os.Rename(tmpData, pgdata); err != nil {
		return fmt.Errorf("error moving the new cluster into place: %w", err)
	}
	return nil
}

func runInitdb(ctx context.Context, p initdbParams, args []string) ([]byte, error) {
	var out bytes.Buffer
	// SIGKILL rather than a graceful signal: a half-done initdb is worthless
	// and gets removed on the next run anyway.
	cmd := p.User.command(p.DataDir, syscall.SIGKILL, p.Bins.Initdb, args...)
	cmd.Stdout = &out
	cmd.Stderr = &out

	p.Logger.DebugContext(ctx, "pgembed: running initdb", slog.String("data_dir", p.DataDir))
	err := runLocked(ctx, cmd)
	for line := range strings.Lines(out.String()) {
		p.Logger.DebugContext(ctx, "initdb: "+strings.TrimRight(line, "\n"))
	}
	return out.Bytes(), err
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
