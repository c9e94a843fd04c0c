package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestFromEnvDefaults(t *testing.T) {
	for _, k := range []string{"SUMMIT_ADDR", "DATABASE_URL", "SUMMIT_DATA_DIR", "SUMMIT_ENV", "SUMMIT_LOG_LEVEL", "SUMMIT_LOG_FORMAT", "SUMMIT_PG_PORT", "SUMMIT_DEMO_ACCOUNTS", "SUMMIT_PG_BINDIR",
		"SUMMIT_PUBLIC_URL", "SUMMIT_OIDC_ISSUER", "SUMMIT_OIDC_CLIENT_ID", "SUMMIT_OIDC_CLIENT_SECRET", "SUMMIT_OIDC_REDIRECT_URL",
		"SUMMIT_OIDC_SCOPES", "SUMMIT_OIDC_GROUPS_CLAIM", "SUMMIT_OIDC_ROLE_MAP", "SUMMIT_SESSION_IDLE_TIMEOUT", "SUMMIT_SESSION_MAX_AGE"} {
		t.Setenv(k, "")
	}
	c, err := FromEnv()
	require.NoError(t, err)
	require.Equal(t, "127.0.0.1:8080", c.Addr)
	require.Equal(t, ".data", c.DataDir)
	require.Equal(t, EnvDevelopment, c.Env)
	require.True(t, c.Development())
	require.NoError(t, c.Validate())
	require.NoError(t, c.ValidateLogin(), "development may use the embedded identity provider")
	require.Equal(t, []string{"openid", "profile", "email", "groups"}, c.OIDCScopes)
	require.Equal(t, "groups", c.OIDCGroupsClaim)
	require.Equal(t, 2*time.Hour, c.SessionIdleTimeout)
	require.Equal(t, 12*time.Hour, c.SessionMaxAge)
	require.Equal(t, "http://127.0.0.1:8080", c.PublicBaseURL(c.Addr))
}

func TestFromEnvLogin(t *testing.T) {
	t.Setenv("SUMMIT_ENV", "production")
	t.Setenv("SUMMIT_PUBLIC_URL", "https://summit.example.com/")
	t.Setenv("SUMMIT_OIDC_ISSUER", "https://idp.example.com/realms/summit")
	t.Setenv("SUMMIT_OIDC_CLIENT_ID", "summit")
	t.Setenv("SUMMIT_OIDC_CLIENT_SECRET", "s3cret")
	t.Setenv("SUMMIT_OIDC_SCOPES", "openid, email  roles")
	t.Setenv("SUMMIT_OIDC_GROUPS_CLAIM", "roles")
	t.Setenv("SUMMIT_OIDC_ROLE_MAP", "summit-admins=ADMIN")
	t.Setenv("SUMMIT_SESSION_IDLE_TIMEOUT", "30m")
	t.Setenv("SUMMIT_SESSION_MAX_AGE", "8h")
	c, err := FromEnv()
	require.NoError(t, err)
	require.NoError(t, c.Validate())
	require.NoError(t, c.ValidateLogin())
	require.Equal(t, "https://summit.example.com", c.PublicURL)
	require.Equal(t, "https://summit.example.com", c.PublicBaseURL("0.0.0.0:8080"))
	require.Equal(t, []string{"openid", "email", "roles"}, c.OIDCScopes)
	require.Equal(t, "roles", c.OIDCGroupsClaim)
	require.Equal(t, "summit-admins=ADMIN", c.OIDCRoleMap)
	require.Equal(t, 30*time.Minute, c.SessionIdleTimeout)
	require.Equal(t, 8*time.Hour, c.SessionMaxAge)

	t.Setenv("SUMMIT_SESSION_MAX_AGE", "a day")
	_, err = FromEnv()
	require.ErrorContains(t, err, "SUMMIT_SESSION_MAX_AGE must be a duration")
}

func TestProductionWithoutIssuerIsAnError(t *testing.T) {
	t.Parallel()
	c := Config{Env: EnvProduction, PublicURL: "https://summit.example.com"}.WithDefaults()
	require.NoError(t, c.Validate(), "migrate and seed do not need login")
	require.ErrorIs(t, c.ValidateLogin(), ErrIssuerRequired)

	c.OIDCIssuer = "https://idp.example.com"
	require.ErrorContains(t, c.ValidateLogin(), "SUMMIT_OIDC_CLIENT_ID")
	c.OIDCClientID = "summit"
	require.NoError(t, c.ValidateLogin())
	c.PublicURL = "http://summit.example.com"
	require.ErrorContains(t, c.ValidateLogin(), "https")
	c.PublicURL = ""
	require.ErrorContains(t, c.ValidateLogin(), "SUMMIT_PUBLIC_URL must be set")
}

// The issuer must be https; plain http only on loopback in development.
func TestIssuerMustBeHTTPS(t *testing.T) {
	t.Parallel()
	prod := Config{Env: EnvProduction, PublicURL: "https://summit.example.com", OIDCClientID: "summit"}.WithDefaults()
	prod.OIDCIssuer = "http://idp.example.com"
	require.ErrorContains(t, prod.ValidateLogin(), "SUMMIT_OIDC_ISSUER must be https in production")
	prod.OIDCIssuer = "http://127.0.0.1:9000"
	require.ErrorContains(t, prod.ValidateLogin(), "SUMMIT_OIDC_ISSUER must be https in production", "no loopback exception in production")
	prod.OIDCIssuer = "https://idp.example.com"
	require.NoError(t, prod.ValidateLogin())

	dev := Config{Env: EnvDevelopment, OIDCClientID: "summit"}.WithDefaults()
	dev.OIDCIssuer = "http://127.0.0.1:9000/oidc"
	require.NoError(t, dev.ValidateLogin())
	dev.OIDCIssuer = "http://localhost:9000"
	require.NoError(t, dev.ValidateLogin())
	dev.OIDCIssuer = "http://idp.example.com"
	require.ErrorContains(t, dev.ValidateLogin(), "loopback")
}

func TestPublicBaseURL(t *testing.T) {
	t.Parallel()
	c := Config{}.WithDefaults()
	for addr, want := range map[string]string{
		"127.0.0.1:8080": "http://127.0.0.1:8080",
		":8080":          "http://localhost:8080",
		"0.0.0.0:9000":   "http://localhost:9000",
		"[::]:8080":      "http://localhost:8080",
		"[::1]:8080":     "http://[::1]:8080",
		"summit.lan:80":  "http://summit.lan:80",
	} {
		require.Equal(t, want, c.PublicBaseURL(addr), addr)
	}
	require.Error(t, Config{PublicURL: "summit.example.com"}.WithDefaults().Validate())
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

func TestJobSettings(t *testing.T) {
	t.Parallel()
	c := Config{}.WithDefaults()
	require.False(t, c.APIOnly)
	require.Equal(t, 10, c.JobWorkers)
	require.Equal(t, 2, c.ReviewWorkers)
	require.Equal(t, 5000, c.ReviewChunkSize)
	require.Equal(t, "quarterly", c.ReviewSchedule)
	require.Equal(t, []string{"ALL"}, c.ReviewScopes)
	require.Equal(t, 30*time.Minute, c.JobTimeout)
	require.NoError(t, c.Validate())

	c.ReviewSchedule, c.ReviewChunkSize, c.ReviewScopes = "weekly", 10, []string{"EVERYONE"}
	err := c.Validate()
	require.ErrorContains(t, err, "SUMMIT_REVIEW_SCHEDULE")
	require.ErrorContains(t, err, "SUMMIT_REVIEW_CHUNK_SIZE")
	require.ErrorContains(t, err, "SUMMIT_REVIEW_SCOPES")
}

func TestJobSettingsFromEnv(t *testing.T) {
	t.Setenv("SUMMIT_API_ONLY", "true")
	t.Setenv("SUMMIT_REVIEW_SCHEDULE", "monthly")
	t.Setenv("SUMMIT_REVIEW_SCOPES", "ALL, DISTRIBUTOR")
	t.Setenv("SUMMIT_REVIEW_CHUNK_SIZE", "2000")
	t.Setenv("SUMMIT_JOB_TIMEOUT", "1h")
	c, err := FromEnv()
	require.NoError(t, err)
	require.True(t, c.APIOnly)
	require.Equal(t, "monthly", c.ReviewSchedule)
	require.Equal(t, []string{"ALL", "DISTRIBUTOR"}, c.ReviewScopes)
	require.Equal(t, 2000, c.ReviewChunkSize)
	require.Equal(t, time.Hour, c.JobTimeout)
}
