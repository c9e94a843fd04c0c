package notify_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/notify"
)

func TestSMTPConfigDefaultsAndValidation(t *testing.T) {
	t.Parallel()
	require.NoError(t, notify.SMTPConfig{}.Validate(), "off is valid")
	require.False(t, notify.SMTPConfig{}.Enabled())

	c := notify.SMTPConfig{Host: "mail.example.com", From: "Summit <summit@example.com>"}
	require.NoError(t, c.Validate())
	require.Equal(t, "mail.example.com:587", c.Addr())
	require.Equal(t, notify.TLSStartTLS, c.WithDefaults().TLS)
	require.Equal(t, "mail.example.com:465", notify.SMTPConfig{Host: "mail.example.com", TLS: "tls"}.Addr())
	require.Equal(t, "mail.example.com:25", notify.SMTPConfig{Host: "mail.example.com", TLS: "none"}.Addr())

	err := notify.SMTPConfig{Host: "mail.example.com", TLS: "ssl", Port: 70000, Password: "x"}.Validate()
	require.Error(t, err)
	for _, want := range []string{"SUMMIT_SMTP_TLS", "SUMMIT_SMTP_PORT", "SUMMIT_SMTP_FROM is required", "SUMMIT_SMTP_USERNAME"} {
		require.Contains(t, err.Error(), want)
	}
	require.ErrorContains(t, notify.SMTPConfig{Host: "h", From: "not an address"}.Validate(), "SUMMIT_SMTP_FROM")
}

func TestSMTPConfigNeverPrintsThePassword(t *testing.T) {
	t.Parallel()
	const secret = "s3cr3t-Pa55"
	c := notify.SMTPConfig{Host: "mail.example.com", Username: "summit", Password: secret, From: "summit@example.com"}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		out := fmt.Sprintf(format, c)
		require.NotContains(t, out, secret, format)
		require.Contains(t, out, "mail.example.com", format)
	}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("config", "smtp", c)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("config", "smtp", c)
	require.NotContains(t, buf.String(), secret)
	require.Contains(t, buf.String(), `"password_set":true`)
}

func TestBackoffDoublesUpToTheCap(t *testing.T) {
	t.Parallel()
	var got []time.Duration
	for attempts := 1; attempts <= 9; attempts++ {
		got = append(got, notify.Backoff(attempts, time.Minute, time.Hour))
	}
	m := time.Minute
	require.Equal(t, []time.Duration{m, 2 * m, 4 * m, 8 * m, 16 * m, 32 * m, time.Hour, time.Hour, time.Hour}, got)
	require.Equal(t, time.Hour, notify.Backoff(500, time.Minute, time.Hour), "no overflow")
}
