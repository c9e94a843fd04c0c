package pgembed

import (
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestConfigWithDefaults(t *testing.T) {
	t.Parallel()

	t.Run("Defaults", func(t *testing.T) {
		t.Parallel()

		cfg := (&Config{DataDir: "/data"}).WithDefaults()
		require.Equal(t, "summit", cfg.Database)
		require.Equal(t, "/data", cfg.DataDir)
		require.NotNil(t, cfg.Logger)
		require.Zero(t, cfg.Port)
		require.False(t, cfg.Throwaway, "durable unless asked otherwise")
		require.Equal(t, 60*time.Second, cfg.StartTimeout)
		require.Equal(t, 30*time.Second, cfg.StopTimeout)
	})

	t.Run("NilConfig", func(t *testing.T) {
		t.Parallel()

		require.Equal(t, "summit", (*Config)(nil).WithDefaults().Database)
	})

	t.Run("KeepsValuesAndCopiesSettings", func(t *testing.T) {
		t.Parallel()

		logger := slog.Default()
		orig := &Config{
			BinDir:       "/bin/pg",
			Database:     "db",
			Logger:       logger,
			Port:         5433,
			Settings:     map[string]string{"work_mem": "8MB"},
			StartTimeout: time.Second,
			StopTimeout:  2 * time.Second,
			Throwaway:    true,
		}
		cfg := orig.WithDefaults()
		require.Equal(t, "/bin/pg", cfg.BinDir)
		require.Equal(t, "db", cfg.Database)
		require.Same(t, logger, cfg.Logger)
		require.Equal(t, 5433, cfg.Port)
		require.Equal(t, time.Second, cfg.StartTimeout)
		require.Equal(t, 2*time.Second, cfg.StopTimeout)
		require.True(t, cfg.Throwaway)

		cfg.Settings["work_mem"] = "1MB"
		require.Equal(t, "8MB", orig.Settings["work_mem"], "Settings copied, not shared")
	})
}

// Not parallel: t.Setenv forbids it, and parallel tests only start once
// sequential ones are done, so the variable does not leak into them.
func TestConfigWithDefaults_BinDirFromEnv(t *testing.T) {
	t.Setenv(BinDirEnv, "/from/env")

	require.Equal(t, "/from/env", (&Config{}).WithDefaults().BinDir)
	require.Equal(t, "/explicit", (&Config{BinDir: "/explicit"}).WithDefaults().BinDir)
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()

	valid := func() *Config { return (&Config{DataDir: "/data"}).WithDefaults() }
	require.NoError(t, valid().validate())

	for name, tt := range map[string]struct {
		mutate  func(*Config)
		wantErr string
	}{
		"NoDataDir":       {func(c *Config) { c.DataDir = "" }, "DataDir is required"},
		"NegativePort":    {func(c *Config) { c.Port = -1 }, "Port must be between 0 and 65535"},
		"PortTooLarge":    {func(c *Config) { c.Port = 65536 }, "Port must be between 0 and 65535"},
		"LongDatabase":    {func(c *Config) { c.Database = string(make([]byte, 64)) }, "at most 63 bytes"},
		"NegativeStart":   {func(c *Config) { c.StartTimeout = -1 }, "StartTimeout cannot be negative"},
		"NegativeStop":    {func(c *Config) { c.StopTimeout = -1 }, "StopTimeout cannot be negative"},
		"EmptySettingKey": {func(c *Config) { c.Settings = map[string]string{"": "x"} }, "empty key"},
		"ManagedSetting":  {func(c *Config) { c.Settings = map[string]string{"port": "1"} }, `cannot set "port"`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			cfg := valid()
			tt.mutate(cfg)
			require.ErrorContains(t, cfg.validate(), tt.wantErr)
		})
	}
}

func TestConfigServerSettings(t *testing.T) {
	t.Parallel()

	require.Empty(t, (&Config{}).serverSettings())
	require.Equal(t, map[string]string{"work_mem": "8MB"}, (&Config{Settings: map[string]string{"work_mem": "8MB"}}).serverSettings())
	require.Equal(t, map[string]string{
		"fsync":              "on",
		"full_page_writes":   "off",
		"synchronous_commit": "off",
	}, (&Config{Throwaway: true, Settings: map[string]string{"fsync": "on"}}).serverSettings())
}
