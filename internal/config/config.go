// Package config is Summit's one configuration: read from the environment,
// overridable by command-line flags, documented field by field (the README's
// configuration reference mirrors it).
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
)

// Environments Summit runs in.
const (
	EnvDevelopment = "development"
	EnvProduction  = "production"
)

// Config is the process configuration.
type Config struct {
	// Addr is the HTTP listen address (SUMMIT_ADDR).
	//
	// Defaults to 127.0.0.1:8080.
	Addr string

	// DatabaseURL names an external PostgreSQL (DATABASE_URL). When empty,
	// Summit starts its own embedded PostgreSQL in DataDir.
	//
	// Defaults to empty (embedded).
	DatabaseURL string

	// DataDir holds the embedded PostgreSQL's cluster and password
	// (SUMMIT_DATA_DIR). Unused with DatabaseURL.
	//
	// Defaults to .data.
	DataDir string

	// PGPort is the embedded PostgreSQL's TCP port on 127.0.0.1
	// (SUMMIT_PG_PORT); 0 picks a free port at each start.
	//
	// Defaults to 0.
	PGPort int

	// PGBinDir is searched first for initdb and postgres (SUMMIT_PG_BINDIR),
	// before PATH, `pg_config --bindir` and /usr/lib/postgresql/*/bin.
	//
	// Defaults to empty.
	PGBinDir string

	// Env is development or production (SUMMIT_ENV). Development enables
	// GraphQL introspection.
	//
	// Defaults to development.
	Env string

	// LogLevel is debug, info, warn or error (SUMMIT_LOG_LEVEL).
	//
	// Defaults to info.
	LogLevel string

	// LogFormat is text or json (SUMMIT_LOG_FORMAT).
	//
	// Defaults to text.
	LogFormat string

	// DemoAccounts, when above zero, makes serve seed a demo data set of that
	// many accounts into an empty database at start (SUMMIT_DEMO_ACCOUNTS).
	// A database that already has accounts is left alone.
	//
	// Defaults to 0 (no demo data).
	DemoAccounts int
}

// FromEnv reads the configuration from the environment and applies defaults.
func FromEnv() (Config, error) {
	c := Config{
		Addr:        os.Getenv("SUMMIT_ADDR"),
		DatabaseURL: os.Getenv("DATABASE_URL"),
		DataDir:     os.Getenv("SUMMIT_DATA_DIR"),
		PGBinDir:    os.Getenv("SUMMIT_PG_BINDIR"),
		Env:         os.Getenv("SUMMIT_ENV"),
		LogLevel:    os.Getenv("SUMMIT_LOG_LEVEL"),
		LogFormat:   os.Getenv("SUMMIT_LOG_FORMAT"),
	}
	var err error
	if c.PGPort, err = intEnv("SUMMIT_PG_PORT"); err != nil {
		return c, err
	}
	if c.DemoAccounts, err = intEnv("SUMMIT_DEMO_ACCOUNTS"); err != nil {
		return c, err
	}
	return c.WithDefaults(), nil
}

func intEnv(name string) (int, error) {
	v := os.Getenv(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%s must be an integer, got %q", name, v)
	}
	return n, nil
}

// WithDefaults returns c with zero fields set to their defaults.
func (c Config) WithDefaults() Config {
	if c.Addr == "" {
		c.Addr = "127.0.0.1:8080"
	}
	if c.DataDir == "" {
		c.DataDir = ".data"
	}
	if c.Env == "" {
		c.Env = EnvDevelopment
	}
	if c.LogLevel == "" {
		c.LogLevel = "info"
	}
	if c.LogFormat == "" {
		c.LogFormat = "text"
	}
	return c
}

// Validate reports the first invalid setting.
func (c Config) Validate() error {
	var errs []error
	if c.Env != EnvDevelopment && c.Env != EnvProduction {
		errs = append(errs, fmt.Errorf("SUMMIT_ENV must be %s or %s, got %q", EnvDevelopment, EnvProduction, c.Env))
	}
	if _, err := c.slogLevel(); err != nil {
		errs = append(errs, err)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("SUMMIT_LOG_FORMAT must be text or json, got %q", c.LogFormat))
	}
	if c.PGPort < 0 || c.PGPort > 65535 {
		errs = append(errs, fmt.Errorf("SUMMIT_PG_PORT must be 0–65535, got %d", c.PGPort))
	}
	if c.DemoAccounts < 0 {
		errs = append(errs, fmt.Errorf("SUMMIT_DEMO_ACCOUNTS must not be negative, got %d", c.DemoAccounts))
	}
	return errors.Join(errs...)
}

// Development reports whether this is a development environment.
func (c Config) Development() bool { return c.Env == EnvDevelopment }

func (c Config) slogLevel() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.ToUpper(c.LogLevel))); err != nil {
		return 0, fmt.Errorf("SUMMIT_LOG_LEVEL must be debug, info, warn or error, got %q", c.LogLevel)
	}
	return l, nil
}

// Logger builds the process logger.
func (c Config) Logger() *slog.Logger {
	level, _ := c.slogLevel()
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}
