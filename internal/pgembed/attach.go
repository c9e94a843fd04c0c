package pgembed

import (
	"bufio"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Attach returns the connection URL of the server another process of ours
// started in dataDir and still runs (Start returned ErrDataDirInUse), so a
// command such as `summit token create` can work next to a running
// `summit serve` instead of failing. The caller does not own that server:
// there is nothing to stop.
func Attach(dataDir, database string) (string, error) {
	if database == "" {
		database = DatabaseDefault
	}
	dataDir, err := filepath.Abs(dataDir)
	if err != nil {
		return "", fmt.Errorf("error resolving DataDir %s: %w", dataDir, err)
	}
	pidFile := filepath.Join(dataDir, pgdataDir, "postmaster.pid")
	f, err := os.Open(pidFile)
	if err != nil {
		return "", fmt.Errorf("error attaching to the server in %s: %w", dataDir, err)
	}
	defer f.Close()
	// postmaster.pid: line 1 the PID, line 4 the port (PostgreSQL's documented layout).
	var lines []string
	scanner := bufio.NewScanner(f)
	for scanner.Scan() && len(lines) < 4 {
		lines = append(lines, strings.TrimSpace(scanner.Text()))
	}
	if len(lines) < 4 {
		return "", fmt.Errorf("error attaching to the server in %s: %s is incomplete (server still starting?)", dataDir, pidFile)
	}
	port, err := strconv.Atoi(lines[3])
	if err != nil {
		return "", fmt.Errorf("error attaching to the server in %s: bad port %q in %s", dataDir, lines[3], pidFile)
	}
	password, err := loadOrCreatePassword(dataDir, true)
	if err != nil {
		return "", fmt.Errorf("error attaching to the server in %s: %w", dataDir, err)
	}
	u := url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword(User, password),
		Host:     net.JoinHostPort(listenHost, strconv.Itoa(port)),
		Path:     "/" + database,
		RawQuery: "sslmode=disable",
	}
	return u.String(), nil
}
