package pgembed

import (
	"cmp"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"time"
)

const (
	// DatabaseDefault is the database created and pointed to by Server.URL when
	// Config.Database is empty.
	DatabaseDefault = "summit"

	// StartTimeoutDefault is the default for Config.StartTimeout.
	StartTimeoutDefault = 60 * time.Second

	// StopTimeoutDefault is the default for Config.StopTimeout.
	StopTimeoutDefault = 30 * time.Second

	// User is the superuser created by initdb and used in every URL.
	User = "summit"

	// BinDirEnv names the environment variable used as the default for
	// Config.BinDir.
	BinDirEnv = "SUMMIT_PG_BINDIR"
)

// managedSettings are server settings pgembed sets itself; letting
// Config.Settings override them would silently break URL() or SocketDir().
var managedSettings = map[string]bool{
	"data_directory":          true,
	"listen_addresses":        true,
	"port":                    true,
	"unix_socket_directories": true,
}

// throwawaySettings trade crash safety for speed. They are only acceptable for
// a cluster whose content nobody minds losing (tests, demos): a machine crash
// can corrupt such a cluster beyond repair.
func throwawaySettings() map[string]string {
	return map[string]string{
		"fsync":              "off",
		"full_page_writes":   "off",
		"synchronous_commit": "off",
	}
}

// Config configures Start.
type Config struct {
	// BinDir is a folder holding the PostgreSQL server binaries (initdb and
	// postgres). It is searched first; when it lacks the binaries, the search
	// goes on in PATH, `pg_config --bindir` and /usr/lib/postgresql/*/bin
	// (highest version first).
	//
	// Defaults to the value of the SUMMIT_PG_BINDIR environment variable, or
	// to no explicit folder when that is unset.
	BinDir string

	// Database is the name of the database created (when missing) once the
	// server accepts connections, and the one Server.URL points to.
	//
	// Defaults to "summit".
	Database string

	// DataDir is the folder pgembed manages. The cluster lives in
	// DataDir/pgdata, the generated password in DataDir/password and, when the
	// path is short enough, the Unix socket in DataDir itself. It is created
	// when missing.
	//
	// Required: there is no default, because picking a folder silently is how
	// data ends up lost in a temp folder.
	DataDir string

	// Logger receives pgembed's own messages at info/warn level and every line
	// Postgres writes at debug level.
	//
	// Defaults to a logger that discards everything.
	Logger *slog.Logger

	// Port is the TCP port Postgres listens on, on 127.0.0.1 only. Start fails
	// with ErrPortInUse when a fixed port is taken.
	//
	// Defaults to 0, which picks a free port at every start.
	Port int

	// RemoveDataDirOnStop makes Stop delete DataDir once Postgres has exited.
	// Meant for throwaway servers in tests.
	//
	// Defaults to false.
	RemoveDataDirOnStop bool

	// Settings are extra server settings, passed as `-c key=value`. They take
	// precedence over the settings Throwaway implies. listen_addresses, port,
	// unix_socket_directories and data_directory are managed by pgembed and
	// rejected here.
	//
	// Defaults to none.
	Settings map[string]string

	// StartTimeout bounds how long Start waits for the server to accept
	// connections.
	//
	// Defaults to 60 seconds.
	StartTimeout time.Duration

	// StopTimeout bounds how long Stop waits after asking for a fast shutdown
	// (SIGINT) before escalating to SIGQUIT and then SIGKILL.
	//
	// Defaults to 30 seconds.
	StopTimeout time.Duration

	// Throwaway turns off durability (fsync, full_page_writes,
	// synchronous_commit, and initdb's final sync) for speed. Only use it for
	// data nobody minds losing: after an OS crash such a cluster may be
	// corrupt.
	//
	// Defaults to false, so a forgotten field never costs real data.
	Throwaway bool

	// binarySearch replaces the default binary search locations. Test hook.
	binarySearch *binarySearch

	// disablePdeathsig starts Postgres without a parent-death signal, which is
	// the only way to produce a real orphan to test the orphan recovery on.
	// Test hook.
	disablePdeathsig bool
}

// WithDefaults returns a copy of the Config with all default values applied.
func (c *Config) WithDefaults() *Config {
	if c == nil {
		c = &Config{}
	}

	logger := c.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}

	return &Config{
		BinDir:              cmp.Or(c.BinDir, os.Getenv(BinDirEnv)),
		Database:            cmp.Or(c.Database, DatabaseDefault),
		DataDir:             c.DataDir,
		Logger:              logger,
		Port:                c.Port,
		RemoveDataDirOnStop: c.RemoveDataDirOnStop,
		Settings:            maps.Clone(c.Settings),
		StartTimeout:        cmp.Or(c.StartTimeout, StartTimeoutDefault),
		StopTimeout:         cmp.Or(c.StopTimeout, StopTimeoutDefault),
		Throwaway:           c.Throwaway,
		binarySearch:        c.binarySearch,
		disablePdeathsig:    c.disablePdeathsig,
	}
}

func (c *Config) validate() error {
	if c.DataDir == "" {
		return errors.New("DataDir is required")
	}
	if c.Port < 0 || c.Port > 65535 {
		return fmt.Errorf("Port must be between 0 and 65535, got %d", c.Port)
	}
	// Postgres truncates identifiers to 63 bytes, which would make the
	// database we create differ from the one in URL().
	if len(c.Database) > 63 {
		return fmt.Errorf("Database name must be at most 63 bytes, got %d", len(c.Database)) //nolint:staticcheck // ST1005: names the Config field
	}
	if c.StartTimeout < 0 {
		return errors.New("StartTimeout cannot be negative")
	}
	if c.StopTimeout < 0 {
		return errors.New("StopTimeout cannot be negative")
	}
	for key := range c.Settings {
		if key == "" {
			return errors.New("Settings cannot contain an empty key") //nolint:staticcheck // ST1005: names the Config field
		}
		if managedSettings[key] {
			return fmt.Errorf("Settings cannot set %q: pgembed manages it", key) //nolint:staticcheck // ST1005: names the Config field
		}
	}
	return nil
}

// serverSettings returns the `-c` settings implied by the Config, before the
// managed ones are added.
func (c *Config) serverSettings() map[string]string {
	settings := map[string]string{}
	if c.Throwaway {
		settings = throwawaySettings()
	}
	maps.Copy(settings, c.Settings)
	return settings
}
