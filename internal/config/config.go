// Package config is Summit's one configuration: read from the environment,
// overridable by command-line flags, documented field by field (the README's
// configuration reference mirrors it).
package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/summitkam/summit/internal/churn"
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

	// PublicURL is the origin browsers use to reach Summit, e.g.
	// https://summit.example.com (SUMMIT_PUBLIC_URL). Session cookies, the
	// CSRF origin check and the OIDC redirect URL derive from it. Production
	// requires it, with https.
	//
	// Defaults to http:// and the listen address (localhost for an
	// unspecified host such as 0.0.0.0); see PublicBaseURL.
	PublicURL string

	// OIDCIssuer is the OpenID Connect issuer URL of the company's identity
	// provider (SUMMIT_OIDC_ISSUER). When empty in development, serve starts
	// an embedded development identity provider; production requires it.
	//
	// Defaults to empty.
	OIDCIssuer string

	// OIDCClientID is Summit's client id at the identity provider
	// (SUMMIT_OIDC_CLIENT_ID). Required with OIDCIssuer.
	//
	// Defaults to empty.
	OIDCClientID string

	// OIDCClientSecret is Summit's client secret (SUMMIT_OIDC_CLIENT_SECRET);
	// empty for a public client (PKCE only). Never logged.
	//
	// Defaults to empty.
	OIDCClientSecret string

	// OIDCRedirectURL is the callback URL registered at the identity provider
	// (SUMMIT_OIDC_REDIRECT_URL).
	//
	// Defaults to PublicURL + /auth/callback.
	OIDCRedirectURL string

	// OIDCScopes are requested at login (SUMMIT_OIDC_SCOPES), separated by
	// spaces or commas.
	//
	// Defaults to "openid profile email groups".
	OIDCScopes []string

	// OIDCGroupsClaim names the ID-token claim listing the user's groups
	// (SUMMIT_OIDC_GROUPS_CLAIM).
	//
	// Defaults to "groups".
	OIDCGroupsClaim string

	// OIDCTrustEmail links a first login to an existing user by email when
	// the provider omits email_verified (SUMMIT_OIDC_TRUST_EMAIL); without
	// it, only email_verified: true links.
	OIDCTrustEmail bool

	// OIDCRoleMap maps groups to roles (SUMMIT_OIDC_ROLE_MAP), e.g.
	// "summit-admins=ADMIN,summit-execs=EXECUTIVE,kam=KEY_ACCOUNT_MANAGER,pm-east=PARTNER_MANAGER:EAST";
	// see auth.ParseRoleMap. Roles from groups are replaced at each login;
	// roles an admin assigned stay.
	//
	// Defaults to empty (only locally assigned roles).
	OIDCRoleMap string

	// SessionIdleTimeout ends a session unused for this long
	// (SUMMIT_SESSION_IDLE_TIMEOUT, a Go duration such as 2h or 30m).
	//
	// Defaults to 2h.
	SessionIdleTimeout time.Duration

	// SessionMaxAge ends a session this long after login, used or not
	// (SUMMIT_SESSION_MAX_AGE).
	//
	// Defaults to 12h.
	SessionMaxAge time.Duration

	// MetricsAddr is the listen address of the node's operations listener
	// (SUMMIT_METRICS_ADDR): Prometheus /metrics and the probes /livez and
	// /readyz, for `summit serve` and `summit work` alike. Empty turns it off.
	//
	// Defaults to empty.
	MetricsAddr string

	// DatabaseReplicaURL names a streaming replica of DATABASE_URL
	// (SUMMIT_DATABASE_REPLICA_URL) that serves heavy reads (exports). It
	// may lag the primary by a moment, so nothing that must see a request's
	// own writes reads from it.
	//
	// Defaults to empty: every read goes to the primary.
	DatabaseReplicaURL string

	// APIOnly makes `summit serve` an API node that runs no background jobs
	// (SUMMIT_API_ONLY=true); it still enqueues them, and `summit work`
	// nodes work them.
	//
	// Defaults to false: serve works jobs too.
	APIOnly bool

	// JobWorkers is how many jobs of the default queue (scheduling,
	// notifications) a process runs at once (SUMMIT_JOB_WORKERS).
	//
	// Defaults to 10.
	JobWorkers int

	// ReviewWorkers is how many review jobs (grading chunks, publishing) a
	// process runs at once (SUMMIT_REVIEW_WORKERS); each holds a database
	// connection and a chunk of accounts in memory.
	//
	// Defaults to 2.
	ReviewWorkers int

	// ReviewChunkSize is the most accounts one review job grades
	// (SUMMIT_REVIEW_CHUNK_SIZE); at least 1000.
	//
	// Defaults to 5000.
	ReviewChunkSize int

	// ReviewSchedule is when scheduled review cycles run
	// (SUMMIT_REVIEW_SCHEDULE): quarterly (first day of each quarter,
	// 00:00 UTC), monthly or off.
	//
	// Defaults to quarterly.
	ReviewSchedule string

	// PartnerReevaluation is when partners are re-evaluated against the
	// tier ladder (SUMMIT_PARTNER_REEVALUATION): semiannual (1 January and
	// 1 July, 00:00 UTC), quarterly, annual or off.
	//
	// Defaults to semiannual.
	PartnerReevaluation string

	// PartnerProbationDays is how long a partner found below its tier is
	// on probation before a downgrade is proposed
	// (SUMMIT_PARTNER_PROBATION_DAYS).
	//
	// Defaults to 90.
	PartnerProbationDays int

	// ReviewScopes are the scopes scheduled reviews grade, each with its
	// published model (SUMMIT_REVIEW_SCOPES, comma-separated: ALL,
	// END_CUSTOMER, B2B, DISTRIBUTOR, INTERNAL, PROSPECT).
	//
	// Defaults to ALL.
	ReviewScopes []string

	// JobTimeout cancels a background job running longer
	// (SUMMIT_JOB_TIMEOUT, a Go duration); a job whose worker died is retried
	// 5 minutes after this.
	//
	// Defaults to 30m.
	JobTimeout time.Duration

	// RescueStuckJobsAfter retries a job still marked running this long after
	// it started: its node died (SIGKILL, a lost machine)
	// (SUMMIT_RESCUE_STUCK_JOBS_AFTER, more than JobTimeout).
	//
	// Defaults to JobTimeout + 5m.
	RescueStuckJobsAfter time.Duration

	// ChurnScanAt is the time of day, in TimeZone, of the daily churn scan
	// (SUMMIT_CHURN_SCAN_AT, HH:MM, or "off": scans then run only on
	// demand).
	//
	// Defaults to 02:00.
	ChurnScanAt string

	// ChurnModelFile is a JSON file of churn model thresholds, points and
	// bands (SUMMIT_CHURN_MODEL; the fields of internal/churn.Config, any
	// left out keep their defaults). Response days per class come from the
	// class policies.
	//
	// Defaults to empty: the built-in model.
	ChurnModelFile string

	// ChurnWorkers is how many churn scan chunks a process runs at once
	// (SUMMIT_CHURN_WORKERS).
	//
	// Defaults to 2.
	ChurnWorkers int

	// TimeZone is the business time zone, an IANA name (SUMMIT_TIME_ZONE):
	// the day reminders belong to and when they run.
	//
	// Defaults to Asia/Shanghai.
	TimeZone string

	// SMTPHost is the mail server the email outbox is sent through
	// (SUMMIT_SMTP_HOST); empty turns email off (emails wait in the outbox).
	// SMTPPort (SUMMIT_SMTP_PORT, default 587, 465 for tls, 25 for none),
	// SMTPUsername and SMTPPassword (SUMMIT_SMTP_USERNAME,
	// SUMMIT_SMTP_PASSWORD: AUTH PLAIN; the password is never logged),
	// SMTPFrom (SUMMIT_SMTP_FROM, required with a host) and SMTPTLS
	// (SUMMIT_SMTP_TLS: starttls, tls or none; default starttls) complete
	// it; see notify.SMTPConfig.
	//
	// Defaults to empty.
	SMTPHost     string
	SMTPPort     int
	SMTPUsername string
	SMTPPassword string
	SMTPFrom     string
	SMTPTLS      string
}

// FromEnv reads the configuration from the environment and applies defaults.
func FromEnv() (Config, error) {
	c := Config{
		Addr:        os.Getenv("SUMMIT_ADDR"),
		DatabaseURL: os.Getenv("DATABASE_URL"),
		MetricsAddr: os.Getenv("SUMMIT_METRICS_ADDR"),

		DatabaseReplicaURL: os.Getenv("SUMMIT_DATABASE_REPLICA_URL"),
		DataDir:            os.Getenv("SUMMIT_DATA_DIR"),
		PGBinDir:           os.Getenv("SUMMIT_PG_BINDIR"),
		Env:                os.Getenv("SUMMIT_ENV"),
		LogLevel:           os.Getenv("SUMMIT_LOG_LEVEL"),
		LogFormat:          os.Getenv("SUMMIT_LOG_FORMAT"),

		PublicURL:        os.Getenv("SUMMIT_PUBLIC_URL"),
		OIDCIssuer:       os.Getenv("SUMMIT_OIDC_ISSUER"),
		OIDCClientID:     os.Getenv("SUMMIT_OIDC_CLIENT_ID"),
		OIDCClientSecret: os.Getenv("SUMMIT_OIDC_CLIENT_SECRET"),
		OIDCRedirectURL:  os.Getenv("SUMMIT_OIDC_REDIRECT_URL"),
		OIDCScopes:       strings.FieldsFunc(os.Getenv("SUMMIT_OIDC_SCOPES"), func(r rune) bool { return r == ',' || unicode.IsSpace(r) }),
		OIDCGroupsClaim:  os.Getenv("SUMMIT_OIDC_GROUPS_CLAIM"),
		OIDCRoleMap:      os.Getenv("SUMMIT_OIDC_ROLE_MAP"),

		ChurnScanAt:    os.Getenv("SUMMIT_CHURN_SCAN_AT"),
		ChurnModelFile: os.Getenv("SUMMIT_CHURN_MODEL"),

		TimeZone:     os.Getenv("SUMMIT_TIME_ZONE"),
		SMTPHost:     os.Getenv("SUMMIT_SMTP_HOST"),
		SMTPUsername: os.Getenv("SUMMIT_SMTP_USERNAME"),
		SMTPPassword: os.Getenv("SUMMIT_SMTP_PASSWORD"),
		SMTPFrom:     os.Getenv("SUMMIT_SMTP_FROM"),
		SMTPTLS:      os.Getenv("SUMMIT_SMTP_TLS"),

		ReviewSchedule:      os.Getenv("SUMMIT_REVIEW_SCHEDULE"),
		PartnerReevaluation: os.Getenv("SUMMIT_PARTNER_REEVALUATION"),
		ReviewScopes:        strings.FieldsFunc(os.Getenv("SUMMIT_REVIEW_SCOPES"), func(r rune) bool { return r == ',' || unicode.IsSpace(r) }),
	}
	var err error
	if c.PGPort, err = intEnv("SUMMIT_PG_PORT"); err != nil {
		return c, err
	}
	if c.DemoAccounts, err = intEnv("SUMMIT_DEMO_ACCOUNTS"); err != nil {
		return c, err
	}
	if c.SessionIdleTimeout, err = durationEnv("SUMMIT_SESSION_IDLE_TIMEOUT"); err != nil {
		return c, err
	}
	if c.SessionMaxAge, err = durationEnv("SUMMIT_SESSION_MAX_AGE"); err != nil {
		return c, err
	}
	if v := os.Getenv("SUMMIT_OIDC_TRUST_EMAIL"); v != "" {
		if c.OIDCTrustEmail, err = strconv.ParseBool(v); err != nil {
			return c, fmt.Errorf("SUMMIT_OIDC_TRUST_EMAIL must be true or false, got %q", v)
		}
	}
	if v := os.Getenv("SUMMIT_API_ONLY"); v != "" {
		if c.APIOnly, err = strconv.ParseBool(v); err != nil {
			return c, fmt.Errorf("SUMMIT_API_ONLY must be true or false, got %q", v)
		}
	}
	if c.JobWorkers, err = intEnv("SUMMIT_JOB_WORKERS"); err != nil {
		return c, err
	}
	if c.ReviewWorkers, err = intEnv("SUMMIT_REVIEW_WORKERS"); err != nil {
		return c, err
	}
	if c.ReviewChunkSize, err = intEnv("SUMMIT_REVIEW_CHUNK_SIZE"); err != nil {
		return c, err
	}
	if c.PartnerProbationDays, err = intEnv("SUMMIT_PARTNER_PROBATION_DAYS"); err != nil {
		return c, err
	}
	if c.JobTimeout, err = durationEnv("SUMMIT_JOB_TIMEOUT"); err != nil {
		return c, err
	}
	if c.RescueStuckJobsAfter, err = durationEnv("SUMMIT_RESCUE_STUCK_JOBS_AFTER"); err != nil {
		return c, err
	}
	if c.SMTPPort, err = intEnv("SUMMIT_SMTP_PORT"); err != nil {
		return c, err
	}
	if c.ChurnWorkers, err = intEnv("SUMMIT_CHURN_WORKERS"); err != nil {
		return c, err
	}
	return c.WithDefaults(), nil
}

func durationEnv(name string) (time.Duration, error) {
	v := os.Getenv(name)
	if v == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%s must be a duration such as 2h or 30m, got %q", name, v)
	}
	return d, nil
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
	c.PublicURL = strings.TrimSuffix(c.PublicURL, "/")
	if len(c.OIDCScopes) == 0 {
		c.OIDCScopes = []string{"openid", "profile", "email", "groups"}
	}
	if c.OIDCGroupsClaim == "" {
		c.OIDCGroupsClaim = "groups"
	}
	if c.SessionIdleTimeout == 0 {
		c.SessionIdleTimeout = 2 * time.Hour
	}
	if c.SessionMaxAge == 0 {
		c.SessionMaxAge = 12 * time.Hour
	}
	if c.JobWorkers == 0 {
		c.JobWorkers = 10
	}
	if c.ReviewWorkers == 0 {
		c.ReviewWorkers = 2
	}
	if c.ReviewChunkSize == 0 {
		c.ReviewChunkSize = 5000
	}
	if c.ReviewSchedule == "" {
		c.ReviewSchedule = "quarterly"
	}
	if c.PartnerReevaluation == "" {
		c.PartnerReevaluation = "semiannual"
	}
	if c.PartnerProbationDays == 0 {
		c.PartnerProbationDays = 90
	}
	if len(c.ReviewScopes) == 0 {
		c.ReviewScopes = []string{"ALL"}
	}
	if c.JobTimeout == 0 {
		c.JobTimeout = 30 * time.Minute
	}
	if c.TimeZone == "" {
		c.TimeZone = "Asia/Shanghai"
	}
	if c.ChurnScanAt == "" {
		c.ChurnScanAt = "02:00"
	}
	if c.ChurnWorkers == 0 {
		c.ChurnWorkers = 2
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
	if c.SessionIdleTimeout < 0 {
		errs = append(errs, fmt.Errorf("SUMMIT_SESSION_IDLE_TIMEOUT must be positive, got %s", c.SessionIdleTimeout))
	}
	if c.SessionMaxAge < 0 {
		errs = append(errs, fmt.Errorf("SUMMIT_SESSION_MAX_AGE must be positive, got %s", c.SessionMaxAge))
	}
	if c.JobWorkers < 0 || c.ReviewWorkers < 0 {
		errs = append(errs, fmt.Errorf("SUMMIT_JOB_WORKERS and SUMMIT_REVIEW_WORKERS must be positive, got %d and %d", c.JobWorkers, c.ReviewWorkers))
	}
	if _, err := c.ChurnScanTime(); err != nil {
		errs = append(errs, err)
	}
	if _, err := c.ChurnModel(); err != nil {
		errs = append(errs, err)
	}
	if c.ChurnWorkers < 0 {
		errs = append(errs, fmt.Errorf("SUMMIT_CHURN_WORKERS must be positive, got %d", c.ChurnWorkers))
	}
	if c.ReviewChunkSize != 0 && c.ReviewChunkSize < 1000 {
		errs = append(errs, fmt.Errorf("SUMMIT_REVIEW_CHUNK_SIZE must be at least 1000, got %d", c.ReviewChunkSize))
	}
	switch c.PartnerReevaluation {
	case "", "semiannual", "quarterly", "annual", "off":
	default:
		errs = append(errs, fmt.Errorf("SUMMIT_PARTNER_REEVALUATION must be semiannual, quarterly, annual or off, got %q", c.PartnerReevaluation))
	}
	if c.PartnerProbationDays < 0 || c.PartnerProbationDays > 3650 {
		errs = append(errs, fmt.Errorf("SUMMIT_PARTNER_PROBATION_DAYS must be between 1 and 3650, got %d", c.PartnerProbationDays))
	}
	switch c.ReviewSchedule {
	case "", "quarterly", "monthly", "off":
	default:
		errs = append(errs, fmt.Errorf("SUMMIT_REVIEW_SCHEDULE must be quarterly, monthly or off, got %q", c.ReviewSchedule))
	}
	for _, scope := range c.ReviewScopes {
		switch scope {
		case "ALL", "END_CUSTOMER", "B2B", "DISTRIBUTOR", "INTERNAL", "PROSPECT":
		default:
			errs = append(errs, fmt.Errorf("SUMMIT_REVIEW_SCOPES: unknown scope %q", scope))
		}
	}
	if c.RescueStuckJobsAfter != 0 && c.RescueStuckJobsAfter <= c.JobTimeout {
		errs = append(errs, fmt.Errorf("SUMMIT_RESCUE_STUCK_JOBS_AFTER (%s) must exceed SUMMIT_JOB_TIMEOUT (%s)", c.RescueStuckJobsAfter, c.JobTimeout))
	}
	if c.JobTimeout < 0 {
		errs = append(errs, fmt.Errorf("SUMMIT_JOB_TIMEOUT must be positive, got %s", c.JobTimeout))
	}
	if _, err := c.Location(); err != nil {
		errs = append(errs, err)
	}
	if c.SMTPHost != "" {
		switch c.SMTPTLS {
		case "", "starttls", "tls", "none":
		default:
			errs = append(errs, fmt.Errorf("SUMMIT_SMTP_TLS must be starttls, tls or none, got %q", c.SMTPTLS))
		}
		if c.SMTPPort < 0 || c.SMTPPort > 65535 {
			errs = append(errs, fmt.Errorf("SUMMIT_SMTP_PORT must be 1–65535, got %d", c.SMTPPort))
		}
		if _, err := mail.ParseAddress(c.SMTPFrom); err != nil {
			errs = append(errs, fmt.Errorf("SUMMIT_SMTP_FROM must be an address such as summit@example.com or \"Summit <summit@example.com>\" when SUMMIT_SMTP_HOST is set, got %q", c.SMTPFrom))
		}
	}
	if c.PublicURL != "" {
		if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("SUMMIT_PUBLIC_URL must be an http(s) URL such as https://summit.example.com, got %q", c.PublicURL))
		}
	}
	return errors.Join(errs...)
}

// ErrIssuerRequired is ValidateLogin's error in production without an
// identity provider.
var ErrIssuerRequired = errors.New("SUMMIT_OIDC_ISSUER is required in production (the embedded development identity provider is for development only)")

// ValidateLogin reports settings that make login impossible; serve checks
// them (the other commands do not log anyone in). Production needs an
// identity provider and an https public URL, since session cookies are
// Secure.
func (c Config) ValidateLogin() error {
	var errs []error
	if c.Env == EnvProduction {
		if c.OIDCIssuer == "" {
			errs = append(errs, ErrIssuerRequired)
		}
		if !strings.HasPrefix(c.PublicURL, "https://") {
			errs = append(errs, fmt.Errorf("SUMMIT_PUBLIC_URL must be set to an https URL in production, got %q", c.PublicURL))
		}
	}
	if c.OIDCIssuer != "" && c.OIDCClientID == "" {
		errs = append(errs, errors.New("SUMMIT_OIDC_CLIENT_ID is required with SUMMIT_OIDC_ISSUER"))
	}
	if c.OIDCIssuer != "" {
		if err := c.validateIssuer(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// validateIssuer requires an https issuer: discovery, the keys and the
// token exchange (with the client secret) travel over it. Plain http is
// accepted only in development and only on a loopback address (a local
// test provider).
func (c Config) validateIssuer() error {
	u, err := url.Parse(c.OIDCIssuer)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("SUMMIT_OIDC_ISSUER must be an https URL, got %q", c.OIDCIssuer)
	}
	if u.Scheme == "https" {
		return nil
	}
	host := u.Hostname()
	ip := net.ParseIP(host)
	loopback := host == "localhost" || (ip != nil && ip.IsLoopback())
	if c.Env == EnvDevelopment && loopback {
		return nil
	}
	if c.Env == EnvDevelopment {
		return fmt.Errorf("SUMMIT_OIDC_ISSUER must be https (plain http only on a loopback address in development), got %q", c.OIDCIssuer)
	}
	return fmt.Errorf("SUMMIT_OIDC_ISSUER must be https in production, got %q", c.OIDCIssuer)
}

// PublicBaseURL is PublicURL, or else derived from the address the server
// listens on: http://127.0.0.1:8080 for 127.0.0.1:8080, and
// http://localhost:8080 for an unspecified host (":8080", "0.0.0.0:8080").
func (c Config) PublicBaseURL(listenAddr string) string {
	if c.PublicURL != "" {
		return c.PublicURL
	}
	host, port, err := net.SplitHostPort(listenAddr)
	if err != nil {
		return "http://" + listenAddr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// Location loads TimeZone.
func (c Config) Location() (*time.Location, error) {
	tz := c.TimeZone
	if tz == "" {
		tz = "Asia/Shanghai"
	}
	loc, err := time.LoadLocation(tz)
	if err != nil || tz == "Local" {
		return nil, fmt.Errorf("SUMMIT_TIME_ZONE must be an IANA time zone such as Asia/Shanghai or UTC, got %q", c.TimeZone)
	}
	return loc, nil
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

// ChurnScanTime is ChurnScanAt as a time of day; negative for "off".
func (c Config) ChurnScanTime() (time.Duration, error) {
	if c.ChurnScanAt == "off" {
		return -1, nil
	}
	t, err := time.Parse("15:04", c.ChurnScanAt)
	if err != nil {
		return 0, fmt.Errorf("SUMMIT_CHURN_SCAN_AT must be a time of day such as 02:00, or off, got %q", c.ChurnScanAt)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// ChurnModel reads ChurnModelFile (the built-in model when empty) and
// validates it, naming every invalid field.
func (c Config) ChurnModel() (churn.Config, error) {
	if c.ChurnModelFile == "" {
		return churn.Config{}.WithDefaults(), nil
	}
	raw, err := os.ReadFile(c.ChurnModelFile)
	if err != nil {
		return churn.Config{}, fmt.Errorf("SUMMIT_CHURN_MODEL: error reading %s: %w", c.ChurnModelFile, err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields() // a misspelt threshold must not silently keep its default
	var m churn.Config
	if err := dec.Decode(&m); err != nil {
		return churn.Config{}, fmt.Errorf("SUMMIT_CHURN_MODEL: %s is not a valid churn model: %w", c.ChurnModelFile, err)
	}
	m = m.WithDefaults()
	if err := m.Validate(); err != nil {
		return churn.Config{}, fmt.Errorf("SUMMIT_CHURN_MODEL: %s: %w", c.ChurnModelFile, err)
	}
	return m, nil
}
