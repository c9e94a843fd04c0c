package notify

import (
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strconv"
)

// TLS modes of the SMTP connection.
const (
	// TLSStartTLS connects in plain text and upgrades with STARTTLS before
	// anything else; a server that does not offer it is an error (port 587).
	// The default.
	TLSStartTLS = "starttls"
	// TLSImplicit speaks TLS from the first byte (SMTPS, port 465).
	TLSImplicit = "tls"
	// TLSNone never encrypts: for a relay on the same host or network only.
	// Go's SMTP client refuses to send a password over it except to
	// localhost.
	TLSNone = "none"
)

// SMTPConfig is how the outbox reaches the mail server. An empty Host turns
// email off: EMAIL notifications then wait in the outbox.
type SMTPConfig struct {
	// Host is the mail server (SUMMIT_SMTP_HOST).
	//
	// Defaults to empty: email off.
	Host string

	// Port is the mail server's port (SUMMIT_SMTP_PORT).
	//
	// Defaults to 587, or 465 with TLS = tls, 25 with TLS = none.
	Port int

	// Username and Password authenticate with AUTH PLAIN
	// (SUMMIT_SMTP_USERNAME, SUMMIT_SMTP_PASSWORD); empty Username sends
	// without authenticating. The password is never logged nor stored in
	// last_error.
	//
	// Defaults to empty.
	Username string
	Password string

	// From is the sender, an address or "Name <address>"
	// (SUMMIT_SMTP_FROM). Required with Host.
	//
	// Defaults to empty.
	From string

	// TLS is starttls, tls or none (SUMMIT_SMTP_TLS).
	//
	// Defaults to starttls.
	TLS string
}

// Enabled reports whether email is configured.
func (c SMTPConfig) Enabled() bool { return c.Host != "" }

// WithDefaults returns c with zero fields set to their defaults.
func (c SMTPConfig) WithDefaults() SMTPConfig {
	if c.TLS == "" {
		c.TLS = TLSStartTLS
	}
	if c.Port == 0 {
		switch c.TLS {
		case TLSImplicit:
			c.Port = 465
		case TLSNone:
			c.Port = 25
		default:
			c.Port = 587
		}
	}
	return c
}

// Validate reports what is wrong with an enabled configuration, naming the
// environment variables. A disabled one is valid.
func (c SMTPConfig) Validate() error {
	if !c.Enabled() {
		return nil
	}
	c = c.WithDefaults()
	var errs []error
	switch c.TLS {
	case TLSStartTLS, TLSImplicit, TLSNone:
	default:
		errs = append(errs, fmt.Errorf("SUMMIT_SMTP_TLS must be starttls, tls or none, got %q", c.TLS))
	}
	if c.Port < 1 || c.Port > 65535 {
		errs = append(errs, fmt.Errorf("SUMMIT_SMTP_PORT must be 1–65535, got %d", c.Port))
	}
	if c.From == "" {
		errs = append(errs, errors.New("SUMMIT_SMTP_FROM is required with SUMMIT_SMTP_HOST"))
	} else if _, err := mail.ParseAddress(c.From); err != nil {
		errs = append(errs, fmt.Errorf("SUMMIT_SMTP_FROM must be an address such as summit@example.com or \"Summit <summit@example.com>\", got %q", c.From))
	}
	if c.Password != "" && c.Username == "" {
		errs = append(errs, errors.New("SUMMIT_SMTP_PASSWORD needs SUMMIT_SMTP_USERNAME"))
	}
	return errors.Join(errs...)
}

// Addr is host:port.
func (c SMTPConfig) Addr() string {
	c = c.WithDefaults()
	return c.Host + ":" + strconv.Itoa(c.Port)
}

// LogValue implements slog.LogValuer: everything but the password.
func (c SMTPConfig) LogValue() slog.Value {
	c = c.WithDefaults()
	return slog.GroupValue(
		slog.String("host", c.Host), slog.Int("port", c.Port), slog.String("tls", c.TLS),
		slog.String("username", c.Username), slog.Bool("password_set", c.Password != ""),
		slog.String("from", c.From),
	)
}

// String is for %v: like LogValue, without the password.
func (c SMTPConfig) String() string {
	c = c.WithDefaults()
	return fmt.Sprintf("smtp{%s tls=%s user=%q password_set=%t from=%q}", c.Addr(), c.TLS, c.Username, c.Password != "", c.From)
}

// GoString keeps %#v from printing the password too.
func (c SMTPConfig) GoString() string { return c.String() }
