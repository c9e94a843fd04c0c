package pgembed

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ErrBinariesNotFound is returned (wrapped) by Start when no folder holding
// both initdb and postgres could be found.
var ErrBinariesNotFound = errors.New("PostgreSQL server binaries (initdb, postgres) not found")

// binaries are the absolute paths of the server programs pgembed runs. They
// always come from one folder, because an initdb and a postgres of different
// major versions produce a cluster the server refuses to start.
type binaries struct {
	Dir      string
	Initdb   string
	Postgres string
}

// binarySearch says where to look for the binaries. It is a value rather than
// globals so that tests can point it at empty folders while running in
// parallel.
type binarySearch struct {
	// BinDir is searched first when set.
	BinDir string

	// Path is a PATH-style list of folders, searched for the binaries and for
	// pg_config.
	Path string

	// PgConfig enables asking `pg_config --bindir` (pg_config itself is
	// looked up in Path).
	PgConfig bool

	// Glob matches versioned folders such as /usr/lib/postgresql/15/bin, the
	// Debian/Ubuntu layout, which is not in PATH. Empty disables it.
	Glob string
}

func defaultBinarySearch(binDir string) binarySearch {
	return binarySearch{
		BinDir:   binDir,
		Path:     os.Getenv("PATH"),
		PgConfig: true,
		Glob:     "/usr/lib/postgresql/*/bin",
	}
}

// find returns the first folder holding both binaries. warnings lists folders
// explicitly configured that turned out not to hold them, so that a mistyped
// BinDir does not go unnoticed when a fallback is used.
func (s binarySearch) find(ctx context.Context) (bins *binaries, warnings []string, err error) {
	if s.BinDir != "" {
		if bins := binariesIn(s.BinDir); bins != nil {
			return bins, nil, nil
		}
		warnings = append(warnings, fmt.Sprintf("BinDir %q does not contain both initdb and postgres", s.BinDir))
	}

	for _, dir := range filepath.SplitList(s.Path) {
		if dir == "" {
			continue // An empty PATH entry means the working directory: never trust that for a server binary.
		}
		if bins := binariesIn(dir); bins != nil {
			return bins, warnings, nil
		}
	}

	if s.PgConfig {
		if dir := pgConfigBinDir(ctx, s.Path); dir != "" {
			if bins := binariesIn(dir); bins != nil {
				return bins, warnings, nil
			}
		}
	}

	if s.Glob != "" {
		for _, dir := range globByVersionDesc(s.Glob) {
			if bins := binariesIn(dir); bins != nil {
				return bins, warnings, nil
			}
		}
	}

	where := "PATH, pg_config --bindir or /usr/lib/postgresql/*/bin"
	if s.BinDir != "" {
		where = fmt.Sprintf("%s (set by Config.BinDir or %s), %s", s.BinDir, BinDirEnv, where)
	}
	return nil, warnings, fmt.Errorf("%w in %s: install them with `apt-get install postgresql` (Debian/Ubuntu) or set %s to the folder that holds them",
		ErrBinariesNotFound, where, BinDirEnv)
}

func binariesIn(dir string) *binaries {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	bins := &binaries{
		Dir:      dir,
		Initdb:   filepath.Join(dir, "initdb"),
		Postgres: filepath.Join(dir, "postgres"),
	}
	if !isExecutable(bins.Initdb) || !isExecutable(bins.Postgres) {
		return nil
	}
	return bins
}

func isExecutable(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular() && info.Mode().Perm()&0o111 != 0
}

// pgConfigBinDir asks pg_config where the server binaries are. pg_config is
// installed by the client/dev packages too, so its answer may name a folder
// without a server: the caller still checks the binaries exist.
func pgConfigBinDir(ctx context.Context, path string) string {
	var pgConfig string
	for _, dir := range filepath.SplitList(path) {
		if dir != "" && isExecutable(filepath.Join(dir, "pg_config")) {
			pgConfig = filepath.Join(dir, "pg_config")
			break
		}
	}
	if pgConfig == "" {
		return ""
	}

	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, pgConfig, "--bindir").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// globByVersionDesc returns the folders matching pattern, highest version
// first. The version is the path element matched by the pattern's first
// wildcard ("15", "9.6"), compared numerically so that 10 sorts above 9.6;
// non-numeric ones sort last.
func globByVersionDesc(pattern string) []string {
	matches, err := filepath.Glob(pattern)
	if err != nil {
		return nil
	}
	wildcard := slices.IndexFunc(strings.Split(pattern, string(filepath.Separator)), func(elem string) bool {
		return strings.ContainsAny(elem, "*?[")
	})
	version := func(path string) []int {
		elems := strings.Split(path, string(filepath.Separator))
		if wildcard < 0 || wildcard >= len(elems) {
			return nil
		}
		var parts []int
		for _, part := range strings.Split(elems[wildcard], ".") {
			n, err := strconv.Atoi(part)
			if err != nil {
				return nil
			}
			parts = append(parts, n)
		}
		return parts
	}
	slices.SortStableFunc(matches, func(a, b string) int {
		return -slices.Compare(version(a), version(b))
	})
	return matches
}
