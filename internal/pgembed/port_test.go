package pgembed

import (
	"net"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPorts(t *testing.T) {
	t.Parallel()

	port, err := freePort()
	require.NoError(t, err)
	require.NoError(t, checkPortFree(port))

	l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
	require.NoError(t, err)
	defer l.Close()

	err = checkPortFree(port)
	require.ErrorIs(t, err, ErrPortInUse)
	require.ErrorContains(t, err, "port "+strconv.Itoa(port)+" on 127.0.0.1 is already in use")

	require.True(t, isAddrInUseLog(`LOG:  could not bind IPv4 address "127.0.0.1": Address already in use`))
	require.False(t, isAddrInUseLog("LOG:  database system is ready to accept connections"))
}
