package config

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFromEnvSMTPAndTimeZone(t *testing.T) {
	for _, k := range []string{"SUMMIT_TIME_ZONE", "SUMMIT_SMTP_HOST", "SUMMIT_SMTP_PORT", "SUMMIT_SMTP_USERNAME",
		"SUMMIT_SMTP_PASSWORD", "SUMMIT_SMTP_FROM", "SUMMIT_SMTP_TLS"} {
		t.Setenv(k, "")
	}
	c, err := FromEnv()
	require.NoError(t, err)
	require.NoError(t, c.Validate(), "email off by default")
	require.Empty(t, c.SMTPHost)
	loc, err := c.Location()
	require.NoError(t, err)
	require.Equal(t, "Asia/Shanghai", loc.String())

	t.Setenv("SUMMIT_TIME_ZONE", "Europe/Berlin")
	t.Setenv("SUMMIT_SMTP_HOST", "mail.example.com")
	t.Setenv("SUMMIT_SMTP_PORT", "465")
	t.Setenv("SUMMIT_SMTP_USERNAME", "summit")
	t.Setenv("SUMMIT_SMTP_PASSWORD", "s3cret")
	t.Setenv("SUMMIT_SMTP_FROM", "Summit <summit@example.com>")
	t.Setenv("SUMMIT_SMTP_TLS", "tls")
	c, err = FromEnv()
	require.NoError(t, err)
	require.NoError(t, c.Validate())
	require.Equal(t, []any{"mail.example.com", 465, "summit", "s3cret", "Summit <summit@example.com>", "tls"},
		[]any{c.SMTPHost, c.SMTPPort, c.SMTPUsername, c.SMTPPassword, c.SMTPFrom, c.SMTPTLS})
	loc, err = c.Location()
	require.NoError(t, err)
	require.Equal(t, "Europe/Berlin", loc.String())

	t.Setenv("SUMMIT_SMTP_PORT", "smtp")
	_, err = FromEnv()
	require.ErrorContains(t, err, "SUMMIT_SMTP_PORT must be an integer")

	t.Setenv("SUMMIT_SMTP_PORT", "")
	t.Setenv("SUMMIT_SMTP_TLS", "ssl")
	t.Setenv("SUMMIT_SMTP_FROM", "")
	t.Setenv("SUMMIT_TIME_ZONE", "Mars/Olympus")
	c, err = FromEnv()
	require.NoError(t, err)
	err = c.Validate()
	require.ErrorContains(t, err, "SUMMIT_SMTP_TLS must be starttls, tls or none")
	require.ErrorContains(t, err, "SUMMIT_SMTP_FROM must be an address")
	require.ErrorContains(t, err, "SUMMIT_TIME_ZONE must be an IANA time zone")
	require.NotContains(t, err.Error(), "s3cret")
}
