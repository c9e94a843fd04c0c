package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"time"
)

// smtpSession is one connection to the mail server, authenticated, over
// which a batch of mails is sent one transaction (MAIL, RCPT, DATA) at a
// time.
type smtpSession struct {
	conn    net.Conn
	client  *smtp.Client
	timeout time.Duration
}

// dialSMTP connects, secures and authenticates as cfg says. Every step must
// finish within timeout: net/smtp has no contexts, so a deadline on the
// connection bounds a server that stops answering.
func dialSMTP(ctx context.Context, cfg SMTPConfig, timeout time.Duration) (*smtpSession, error) {
	cfg = cfg.WithDefaults()
	dialer := &net.Dialer{Timeout: timeout}
	tlsConfig := &tls.Config{ServerName: cfg.Host, MinVersion: tls.VersionTLS12}
	var (
		conn net.Conn
		err  error
	)
	if cfg.TLS == TLSImplicit {
		conn, err = (&tls.Dialer{NetDialer: dialer, Config: tlsConfig}).DialContext(ctx, "tcp", cfg.Addr())
	} else {
		conn, err = dialer.DialContext(ctx, "tcp", cfg.Addr())
	}
	if err != nil {
		return nil, &stepError{"error connecting to " + cfg.Addr(), err}
	}
	if err := conn.SetDeadline(time.Now().Add(timeout)); err != nil {
		conn.Close()
		return nil, &stepError{"error setting SMTP deadline", err}
	}
	client, err := smtp.NewClient(conn, cfg.Host)
	if err != nil {
		conn.Close()
		return nil, &stepError{"error greeting " + cfg.Addr(), err}
	}
	s := &smtpSession{conn: conn, client: client, timeout: timeout}
	if cfg.TLS == TLSStartTLS {
		// Never fall back to plain text: that would send the password and
		// the mails in the clear to whoever strips the STARTTLS offer.
		if ok, _ := client.Extension("STARTTLS"); !ok {
			s.close()
			return nil, fmt.Errorf("%s does not offer STARTTLS (set SUMMIT_SMTP_TLS=tls or none if that is intended)", cfg.Addr())
		}
		if err := client.StartTLS(tlsConfig); err != nil {
			s.close()
			return nil, &stepError{"error starting TLS with " + cfg.Addr(), err}
		}
	}
	if cfg.Username != "" {
		if err := client.Auth(smtp.PlainAuth("", cfg.Username, cfg.Password, cfg.Host)); err != nil {
			s.close()
			return nil, &stepError{"error authenticating as " + cfg.Username, err}
		}
	}
	return s, nil
}

// stepError is a failed step of a session, worded for last_error.
type stepError struct {
	step string
	err  error
}

func (e *stepError) Error() string { return e.step + ": " + describe(e.err) }
func (e *stepError) Unwrap() error { return e.err }

// describe words an SMTP error as the server's reply line ("451 4.3.0 try
// again later"); textproto quotes the text, which would also hide a
// password that needs escaping from redaction.
func describe(err error) string {
	var tpErr *textproto.Error
	if errors.As(err, &tpErr) {
		return fmt.Sprintf("%03d %s", tpErr.Code, tpErr.Msg)
	}
	return err.Error()
}

// deliveryError is a failed delivery of one mail.
type deliveryError struct {
	step string
	err  error
	// permanent: retrying cannot help (the server refused the recipient).
	permanent bool
}

func (e *deliveryError) Error() string { return e.step + ": " + describe(e.err) }
func (e *deliveryError) Unwrap() error { return e.err }

// send delivers one mail. A refusal by the server leaves the session usable
// (after reset); any other error means the connection is gone.
func (s *smtpSession) send(from, to string, msg []byte) error {
	if err := s.conn.SetDeadline(time.Now().Add(s.timeout)); err != nil {
		return &deliveryError{step: "deadline", err: err}
	}
	if err := s.client.Mail(from); err != nil {
		return &deliveryError{step: "MAIL FROM", err: err}
	}
	if err := s.client.Rcpt(to); err != nil {
		// 5xx to RCPT is the server saying this address cannot receive
		// mail; 4xx (mailbox busy, greylisting) is worth another try.
		return &deliveryError{step: "RCPT TO", err: err, permanent: replyCode(err)/100 == 5}
	}
	w, err := s.client.Data()
	if err != nil {
		return &deliveryError{step: "DATA", err: err}
	}
	if _, err := w.Write(msg); err != nil {
		w.Close()
		return &deliveryError{step: "DATA", err: err}
	}
	if err := w.Close(); err != nil {
		return &deliveryError{step: "DATA", err: err}
	}
	return nil
}

// usableAfter reports whether the session can send the next mail after err:
// the server answered (a reply code), and RSET succeeds.
func (s *smtpSession) usableAfter(err error) bool {
	if replyCode(err) == 0 {
		return false
	}
	if err := s.conn.SetDeadline(time.Now().Add(s.timeout)); err != nil {
		return false
	}
	return s.client.Reset() == nil
}

func (s *smtpSession) close() {
	_ = s.conn.SetDeadline(time.Now().Add(s.timeout))
	_ = s.client.Quit()
	_ = s.conn.Close()
}

// replyCode is the SMTP reply code in err, or 0 when the server did not
// answer (network error, timeout).
func replyCode(err error) int {
	var tpErr *textproto.Error
	if errors.As(err, &tpErr) {
		return tpErr.Code
	}
	return 0
}
