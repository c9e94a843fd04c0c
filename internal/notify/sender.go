package notify

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Sender drains the email outbox: EMAIL notifications with sent_at and
// failed_at NULL whose next_attempt_at has come. Any number of Senders (one
// per node) may drain at once; each mail is claimed by one of them.
type Sender struct {
	Pool *pgxpool.Pool
	SMTP SMTPConfig

	// Link is where a reader opens Summit (SUMMIT_PUBLIC_URL); empty leaves
	// the link out.
	Link string

	// BatchSize is how many mails are claimed, and sent over one
	// connection, at a time.
	//
	// Defaults to 20.
	BatchSize int

	// MaxAttempts is how many deliveries of a mail are tried before it is
	// given up (failed_at).
	//
	// Defaults to 10 (about four hours of retries with the default backoff).
	MaxAttempts int

	// BackoffBase is the wait after the first failure; it doubles after
	// each further failure, up to BackoffMax.
	//
	// Defaults to 1 minute and 1 hour.
	BackoffBase, BackoffMax time.Duration

	// Lease is how long a claimed mail is reserved for the node that claimed
	// it. A node that dies mid-batch leaves its mails to others after this.
	// It must exceed the time a batch takes (BatchSize × Timeout at worst).
	//
	// Defaults to 15 minutes.
	Lease time.Duration

	// Timeout bounds each exchange with the server (connecting and logging
	// in, one mail).
	//
	// Defaults to 30 seconds.
	Timeout time.Duration

	// MaxAge gives up mails not delivered this long after they were written,
	// e.g. a backlog from before SMTP was configured: a reminder a week late
	// does more harm than good.
	//
	// Defaults to 72 hours.
	MaxAge time.Duration

	// Logger receives a line per failed delivery and per drain that sent
	// something; never the password.
	//
	// Defaults to discarding.
	Logger *slog.Logger

	// Now is the clock that schedules retries.
	//
	// Defaults to time.Now.
	Now func() time.Time
}

// DrainResult counts what one Drain did.
type DrainResult struct {
	Sent     int
	Retrying int
	// Failed were given up: refused by the server, out of attempts, or no
	// valid recipient.
	Failed int
	// Expired were older than MaxAge.
	Expired int
}

func (s *Sender) withDefaults() *Sender {
	c := *s
	c.SMTP = c.SMTP.WithDefaults()
	if c.BatchSize <= 0 {
		c.BatchSize = 20
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 10
	}
	if c.BackoffBase <= 0 {
		c.BackoffBase = time.Minute
	}
	if c.BackoffMax <= 0 {
		c.BackoffMax = time.Hour
	}
	if c.Lease <= 0 {
		c.Lease = 15 * time.Minute
	}
	if c.Timeout <= 0 {
		c.Timeout = 30 * time.Second
	}
	if c.MaxAge <= 0 {
		c.MaxAge = 72 * time.Hour
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return &c
}

// Backoff is the wait before the next delivery after attempts failed ones:
// base, 2×base, 4×base … up to ceiling.
func Backoff(attempts int, base, ceiling time.Duration) time.Duration {
	d := base
	for i := 1; i < attempts && d < ceiling; i++ {
		d *= 2
	}
	return min(d, ceiling)
}

// Drain sends the mails that are due, batch after batch, until none is left
// or ctx ends. Mails claimed but not sent when ctx ends are handed back.
func (s *Sender) Drain(ctx context.Context) (DrainResult, error) {
	s = s.withDefaults()
	if err := s.SMTP.Validate(); err != nil {
		return DrainResult{}, err
	}
	if !s.SMTP.Enabled() {
		return DrainResult{}, errors.New("SMTP is not configured (SUMMIT_SMTP_HOST)")
	}
	var res DrainResult
	expired, err := s.expire(ctx)
	if err != nil {
		return res, err
	}
	res.Expired = expired
	for ctx.Err() == nil {
		batch, err := s.claim(ctx)
		if err != nil {
			return res, err
		}
		if err := s.sendBatch(ctx, batch, &res); err != nil {
			return res, err
		}
		if len(batch) < s.BatchSize {
			break
		}
	}
	if res != (DrainResult{}) {
		s.Logger.InfoContext(ctx, "email outbox drained", "sent", res.Sent, "retrying", res.Retrying,
			"failed", res.Failed, "expired", res.Expired)
	}
	return res, nil
}

// expire gives up the mails older than MaxAge.
func (s *Sender) expire(ctx context.Context) (int, error) {
	now := s.Now()
	tag, err := s.Pool.Exec(ctx, `
		UPDATE notifications SET failed_at = $1, next_attempt_at = NULL, updated_at = now(),
		       last_error = $3
		WHERE channel = 'EMAIL' AND sent_at IS NULL AND failed_at IS NULL AND created_at < $2`,
		now, now.Add(-s.MaxAge), fmt.Sprintf("expired: not delivered within %s", s.MaxAge))
	if err != nil {
		return 0, fmt.Errorf("error expiring old outbox mails: %w", err)
	}
	return int(tag.RowsAffected()), nil
}

// claimSQL reserves a batch of due mails for this node: SKIP LOCKED passes
// over rows another node is claiming this instant, and the lease
// (next_attempt_at in the future) keeps them from every other node once
// this transaction commits. The attempt is counted at the claim, so a node
// that dies mid-send still uses one up.
const claimSQL = `
	WITH due AS (
		SELECT id FROM notifications
		WHERE channel = 'EMAIL' AND sent_at IS NULL AND failed_at IS NULL
		  AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
		ORDER BY id
		LIMIT $3
		FOR UPDATE SKIP LOCKED
	)
	UPDATE notifications n
	SET attempts = n.attempts + 1, next_attempt_at = $2, updated_at = now()
	FROM due, users u
	WHERE n.id = due.id AND u.id = n.recipient_id
	RETURNING n.id, n.attempts, n.kind, n.title, coalesce(n.body, ''), n.created_at,
	          u.email, u.name, u.locale, u.active`

// claimed is a claimed mail and whether its recipient can receive it.
type claimed struct {
	Mail
	email  string
	active bool
}

func (s *Sender) claim(ctx context.Context) ([]claimed, error) {
	now := s.Now()
	rows, err := s.Pool.Query(ctx, claimSQL, now, now.Add(s.Lease), s.BatchSize)
	if err != nil {
		return nil, fmt.Errorf("error claiming outbox mails: %w", err)
	}
	batch, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (claimed, error) {
		var m claimed
		err := row.Scan(&m.ID, &m.Attempts, &m.Kind, &m.Title, &m.Body, &m.CreatedAt,
			&m.email, &m.To.Name, &m.Locale, &m.active)
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("error claiming outbox mails: %w", err)
	}
	return batch, nil
}

// sendBatch sends a claimed batch over one connection, recording each
// outcome as it happens so a crash never resends what was recorded sent.
func (s *Sender) sendBatch(ctx context.Context, batch []claimed, res *DrainResult) error {
	from, err := mail.ParseAddress(s.SMTP.From)
	if err != nil {
		return fmt.Errorf("invalid SUMMIT_SMTP_FROM: %w", err)
	}
	var session *smtpSession
	defer func() {
		if session != nil {
			session.close()
		}
	}()
	for i, m := range batch {
		if ctx.Err() != nil {
			return s.release(batch[i:])
		}
		to, err := mail.ParseAddress(m.email)
		switch {
		case !m.active:
			err = &deliveryError{step: "recipient", err: errors.New("the recipient's account is deactivated"), permanent: true}
		case err != nil:
			err = &deliveryError{step: "recipient", err: fmt.Errorf("not a valid email address: %q", m.email), permanent: true}
		default:
			m.To.Address = to.Address
			if session == nil {
				session, err = dialSMTP(ctx, s.SMTP, s.Timeout)
			}
			if err == nil {
				err = session.send(from.Address, to.Address, Compose(*from, m.Mail, s.Link))
				if err != nil && !session.usableAfter(err) {
					session.close()
					session = nil
				}
			}
		}
		if err := s.record(ctx, m.Mail, err, res); err != nil {
			return err
		}
	}
	return nil
}

// record writes the outcome of one delivery: sent, retried later with
// backoff, or given up.
func (s *Sender) record(ctx context.Context, m Mail, sendErr error, res *DrainResult) error {
	// A mail that went out is recorded even when the drain is being stopped.
	ctx = context.WithoutCancel(ctx)
	now := s.Now()
	var err error
	var de *deliveryError
	switch {
	case sendErr == nil:
		_, err = s.Pool.Exec(ctx, `
			UPDATE notifications SET sent_at = $2, next_attempt_at = NULL, last_error = NULL, updated_at = now()
			WHERE id = $1`, m.ID, now)
		res.Sent++
	case (errors.As(sendErr, &de) && de.permanent) || m.Attempts >= s.MaxAttempts:
		msg := s.redact(sendErr.Error())
		_, err = s.Pool.Exec(ctx, `
			UPDATE notifications SET failed_at = $2, next_attempt_at = NULL, last_error = $3, updated_at = now()
			WHERE id = $1`, m.ID, now, msg)
		res.Failed++
		s.Logger.WarnContext(ctx, "email given up", "notification_id", m.ID, "attempts", m.Attempts, "error", msg)
	default:
		msg := s.redact(sendErr.Error())
		next := now.Add(Backoff(m.Attempts, s.BackoffBase, s.BackoffMax))
		_, err = s.Pool.Exec(ctx, `
			UPDATE notifications SET next_attempt_at = $2, last_error = $3, updated_at = now()
			WHERE id = $1`, m.ID, next, msg)
		res.Retrying++
		s.Logger.WarnContext(ctx, "email delivery failed; will retry", "notification_id", m.ID,
			"attempts", m.Attempts, "next_attempt_at", next, "error", msg)
	}
	if err != nil {
		return fmt.Errorf("error recording delivery of notification %d: %w", m.ID, err)
	}
	return nil
}

// release hands back mails claimed but not tried (the drain was stopped):
// due again at once, their attempt not counted.
func (s *Sender) release(batch []claimed) error {
	ids := make([]int64, len(batch))
	for i, m := range batch {
		ids[i] = int64(m.ID)
	}
	ctx, cancel := context.WithTimeout(context.Background(), s.Timeout)
	defer cancel()
	if _, err := s.Pool.Exec(ctx, `
		UPDATE notifications SET attempts = attempts - 1, next_attempt_at = $2, updated_at = now()
		WHERE id = ANY($1) AND sent_at IS NULL AND failed_at IS NULL`, ids, s.Now()); err != nil {
		return fmt.Errorf("error handing back %d outbox mails: %w", len(ids), err)
	}
	return nil
}

// maxLastError bounds last_error; a server's reply can be long.
const maxLastError = 1000

// redact removes the password from an error before it is stored or logged,
// in the forms it could come back in: as is, base64-encoded, and as the
// AUTH PLAIN response a misbehaving server might echo.
func (s *Sender) redact(msg string) string {
	if p := s.SMTP.Password; p != "" {
		u := s.SMTP.Username
		for _, secret := range []string{
			base64.StdEncoding.EncodeToString([]byte("\x00" + u + "\x00" + p)),
			base64.StdEncoding.EncodeToString([]byte(u + "\x00" + u + "\x00" + p)),
			base64.StdEncoding.EncodeToString([]byte(p)),
			p,
		} {
			msg = strings.ReplaceAll(msg, secret, "[redacted]")
		}
	}
	return truncate(msg, maxLastError)
}
