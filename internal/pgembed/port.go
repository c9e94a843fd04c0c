package pgembed

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
)

// ErrPortInUse is returned (wrapped) by Start when the TCP port is taken.
var ErrPortInUse = errors.New("port already in use")

const listenHost = "127.0.0.1"

// freePort asks the kernel for a port nobody listens on. Another process may
// grab it before Postgres binds it; Start retries with a new port in that
// case.
func freePort() (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(listenHost, "0"))
	if err != nil {
		return 0, fmt.Errorf("error finding a free port on %s: %w", listenHost, err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// checkPortFree fails fast, before initdb and the server start, on a fixed
// port that is taken, with an error that names it: Postgres' own message only
// shows up in its log.
func checkPortFree(port int) error {
	l, err := net.Listen("tcp", net.JoinHostPort(listenHost, strconv.Itoa(port)))
	if err != nil {
		return portInUseError(port, err)
	}
	return l.Close()
}

func portInUseError(port int, cause error) error {
	return fmt.Errorf("%w: port %d on %s is already in use (%w): set Config.Port to another port, or to 0 to pick a free one",
		ErrPortInUse, port, listenHost, cause)
}

// isAddrInUseLog reports whether Postgres' log says it could not bind.
func isAddrInUseLog(log string) bool {
	return strings.Contains(log, "Address already in use")
}
