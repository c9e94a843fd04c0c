package config

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFromEnvDefaults(t *testing.T) {
	for _, k := range []string{"SUMMIT_ADDR", "DATABASE_URL", "SUMMIT_DATA_DIR", "SUMMIT_ENV", "SUMMIT_LOG_LEVEL", "SUMMIT_LOG_FORMAT", "SUMMIT_PG_PORT", "SUMMIT_DEMO_ACCOUNTS", "SUMMIT_PG_BINDIR"} {
		t.Setenv(k, "")
	}
	c, err := FromEnv()
	require.NoError(t, err)
	require.Equal(t, "127.0.0.1:8080", c.Addr)
	require.Equal(t, ".data", c.DataDir)
	require.Equal(t, EnvDevelopment, c.Env)
	require.True(t, c.Development())
	require.NoError(t, c.Validate())
}

func TestFromEnvRejectsBadValues(t *testing.T) {
	t.Setenv("SUMMIT_PG_PORT", "eighty")
	_, err := FromEnv()
	require.ErrorContains(t, err, "SUMMIT_PG_PORT must be an integer")

	t.Setenv("SUMMIT_PG_PORT", "")
	t.Setenv("SUMMIT_ENV", "staging")
	t.Setenv("SUMMIT_LOG_LEVEL", "loud")
	c, err := FromEnv()
	require.NoError(t, err)
	err = c.Validate()
	require.ErrorContains(t, err, "SUMMIT_ENV must be development or production")
	require.ErrorContains(t, err, "SUMMIT_LOG_LEVEL")
}
