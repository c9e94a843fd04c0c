package notify_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"mime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/notify"
	"github.com/summitkam/summit/internal/notify/smtptest"
)

// clock is a settable time for retries.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

func sender(f *fixture, srv *smtptest.Server, clk *clock, logs *syncBuffer) *notify.Sender {
	s := &notify.Sender{
		Pool: f.pool,
		SMTP: notify.SMTPConfig{Host: srv.Host, Port: srv.Port, TLS: notify.TLSNone, From: "Summit <summit@example.com>",
			Username: srv.Username, Password: srv.Password},
		Link:    "https://summit.example.com",
		Timeout: 5 * time.Second,
	}
	if clk != nil {
		s.Now = clk.Now
	}
	if logs != nil {
		s.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return s
}

// syncBuffer collects logs written from several goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}
func (b *syncBuffer) String() string { b.mu.Lock(); defer b.mu.Unlock(); return b.buf.String() }

type outboxRow struct {
	Attempts  int
	Sent      bool
	Failed    bool
	NextAt    *time.Time
	LastError string
}

func (f *fixture) outboxRow(t *testing.T, id int) outboxRow {
	t.Helper()
	var r outboxRow
	require.NoError(t, f.pool.QueryRow(context.Background(), `
		SELECT attempts, sent_at IS NOT NULL, failed_at IS NOT NULL, next_attempt_at, coalesce(last_error, '')
		FROM notifications WHERE id = $1`, id).Scan(&r.Attempts, &r.Sent, &r.Failed, &r.NextAt, &r.LastError))
	return r
}

// Three nodes drain one outbox at once: every mail arrives exactly once, at
// its recipient, with its subject in the recipient's language.
func TestSendersOnSeveralNodesDeliverEachMailOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srv := smtptest.NewServer(t)
	ann := f.user(t, "ann@example.com", "Ann Lee", notify.LocaleEN)
	wang := f.user(t, "wang@example.com", "王经理", notify.LocaleZH)
	ids := f.enqueueEmails(t, 60, ann, wang)
	require.Len(t, ids, 60)

	var wg sync.WaitGroup
	results := make([]notify.DrainResult, 3)
	for i := range results {
		s := sender(f, srv, nil, nil)
		s.BatchSize = 4
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := s.Drain(context.Background())
			require.NoError(t, err)
			results[i] = res
		}()
	}
	wg.Wait()
	var sent int
	for _, r := range results {
		sent += r.Sent
		require.Zero(t, r.Failed+r.Retrying)
	}
	require.Equal(t, 60, sent)

	msgs := srv.Messages()
	require.Len(t, msgs, 60, "each mail once")
	seen := map[string]bool{}
	var dec mime.WordDecoder
	for _, m := range msgs {
		id := m.Header("Message-ID")
		require.False(t, seen[id], "sent twice: %s", id)
		seen[id] = true
		require.Equal(t, "summit@example.com", m.From)
		require.Len(t, m.To, 1)
		subject, err := dec.DecodeHeader(m.Header("Subject"))
		require.NoError(t, err)
		switch m.To[0] {
		case "ann@example.com":
			require.Regexp(t, `^\[Summit\] Alert \S+ escalated\.$`, subject)
		case "wang@example.com":
			require.Regexp(t, `^【Summit】预警升级 \S+$`, subject)
		default:
			t.Fatalf("mail to a stranger: %v", m.To)
		}
	}
	for _, id := range ids {
		require.Equal(t, outboxRow{Attempts: 1, Sent: true}, f.outboxRow(t, id))
	}
	require.Equal(t, 60, f.count(t, "SELECT count(*) FROM notifications WHERE channel = 'IN_APP'"), "in-app rows untouched by the sender")

	// Nothing is due any more.
	res, err := sender(f, srv, nil, nil).Drain(context.Background())
	require.NoError(t, err)
	require.Equal(t, notify.DrainResult{}, res)
	require.Len(t, srv.Messages(), 60)
}

// A server that answers 4xx makes the sender retry later, each wait twice
// the last, until the mail goes through.
func TestSenderRetriesTemporaryFailuresWithBackoff(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srv := smtptest.NewServer(t)
	var refusals atomic.Int32
	srv.Reply = func(verb, _ string) (int, string) {
		if verb == "." && refusals.Add(1) <= 2 {
			return 451, "4.3.0 try again later"
		}
		return 0, ""
	}
	ann := f.user(t, "ann@example.com", "Ann", notify.LocaleEN)
	id := f.enqueueEmails(t, 1, ann)[0]
	clk := &clock{now: time.Now()}
	s := sender(f, srv, clk, nil)

	res, err := s.Drain(context.Background())
	require.NoError(t, err)
	require.Equal(t, notify.DrainResult{Retrying: 1}, res)
	r := f.outboxRow(t, id)
	require.Equal(t, 1, r.Attempts)
	require.False(t, r.Sent || r.Failed)
	require.WithinDuration(t, clk.Now().Add(time.Minute), *r.NextAt, time.Millisecond, "first retry after a minute")
	require.Contains(t, r.LastError, "451 4.3.0 try again later")

	// Not due yet: nothing is tried.
	clk.Add(59 * time.Second)
	res, err = s.Drain(context.Background())
	require.NoError(t, err)
	require.Equal(t, notify.DrainResult{}, res)
	require.EqualValues(t, 1, refusals.Load())

	clk.Add(time.Second)
	res, err = s.Drain(context.Background())
	require.NoError(t, err)
	require.Equal(t, notify.DrainResult{Retrying: 1}, res)
	r = f.outboxRow(t, id)
	require.Equal(t, 2, r.Attempts)
	require.WithinDuration(t, clk.Now().Add(2*time.Minute), *r.NextAt, time.Millisecond, "then after two")

	clk.Add(2 * time.Minute)
	res, err = s.Drain(context.Background())
	require.NoError(t, err)
	require.Equal(t, notify.DrainResult{Sent: 1}, res)
	require.Equal(t, outboxRow{Attempts: 3, Sent: true}, f.outboxRow(t, id), "sent; the error is cleared")
	require.Len(t, srv.Messages(), 1)
}

// A server that keeps refusing (here 5xx after the data) is tried
// MaxAttempts times, then the mail is given up and never tried again.
func TestSenderGivesUpAfterMaxAttempts(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srv := smtptest.NewServer(t)
	var tries atomic.Int32
	srv.Reply = func(verb, _ string) (int, string) {
		if verb == "." {
			tries.Add(1)
			return 554, "5.6.0 message rejected"
		}
		return 0, ""
	}
	ann := f.user(t, "ann@example.com", "Ann", notify.LocaleEN)
	id := f.enqueueEmails(t, 1, ann)[0]
	clk := &clock{now: time.Now()}
	s := sender(f, srv, clk, nil)
	s.MaxAttempts = 3

	for attempt := 1; attempt <= 3; attempt++ {
		res, err := s.Drain(context.Background())
		require.NoError(t, err)
		if attempt < 3 {
			require.Equal(t, notify.DrainResult{Retrying: 1}, res, "attempt %d", attempt)
		} else {
			require.Equal(t, notify.DrainResult{Failed: 1}, res, "attempt %d", attempt)
		}
		clk.Add(time.Hour)
	}
	r := f.outboxRow(t, id)
	require.Equal(t, 3, r.Attempts)
	require.True(t, r.Failed)
	require.False(t, r.Sent)
	require.Nil(t, r.NextAt)
	require.Contains(t, r.LastError, "554 5.6.0 message rejected")

	clk.Add(24 * time.Hour)
	res, err := s.Drain(context.Background())
	require.NoError(t, err)
	require.Equal(t, notify.DrainResult{}, res)
	require.EqualValues(t, 3, tries.Load(), "given up means never tried again")
	require.Empty(t, srv.Messages())
}

// A recipient the server refuses (5xx to RCPT) cannot become valid by
// waiting: given up at once. The other mails of the batch still go out over
// the same connection.
func TestSenderGivesUpRefusedRecipientsAtOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srv := smtptest.NewServer(t)
	srv.Reply = func(verb, arg string) (int, string) {
		if verb == "RCPT" && strings.Contains(arg, "gone@example.com") {
			return 550, "5.1.1 no such user"
		}
		return 0, ""
	}
	gone := f.user(t, "gone@example.com", "Gone", notify.LocaleEN)
	ann := f.user(t, "ann@example.com", "Ann", notify.LocaleEN)
	ids := f.enqueueEmails(t, 4, gone, ann)

	res, err := sender(f, srv, nil, nil).Drain(context.Background())
	require.NoError(t, err)
	require.Equal(t, notify.DrainResult{Sent: 2, Failed: 2}, res)
	for i, id := range ids {
		r := f.outboxRow(t, id)
		require.Equal(t, 1, r.Attempts)
		require.Equal(t, i%2 == 0, r.Failed, "mail %d", i)
		require.Equal(t, i%2 == 1, r.Sent, "mail %d", i)
	}
	require.Contains(t, f.outboxRow(t, ids[0]).LastError, "RCPT TO: 550 5.1.1 no such user")
	require.Equal(t, 1, srv.Connections(), "one connection for the batch")
	require.Len(t, srv.Messages(), 2)
}

// The password reaches the server and nothing else: not last_error, not the
// logs, even when the server echoes what it received.
func TestSenderNeverRevealsThePassword(t *testing.T) {
	t.Parallel()
	const password = "Tr0ub4dor&3-summit"
	f := newFixture(t)
	srv := smtptest.NewServer(t)
	srv.Username, srv.Password = "summit-mailer", password
	var echo atomic.Bool
	echo.Store(true)
	srv.Reply = func(verb, arg string) (int, string) {
		if verb == "AUTH" && echo.Load() {
			_, resp, _ := strings.Cut(arg, " ")
			raw, _ := base64.StdEncoding.DecodeString(resp)
			return 535, fmt.Sprintf("5.7.8 bad credentials %s (%q)", resp, raw)
		}
		return 0, ""
	}
	ann := f.user(t, "ann@example.com", "Ann", notify.LocaleEN)
	ids := f.enqueueEmails(t, 2, ann)
	logs := &syncBuffer{}
	clk := &clock{now: time.Now()}
	s := sender(f, srv, clk, logs)

	res, err := s.Drain(context.Background())
	require.NoError(t, err)
	require.Equal(t, notify.DrainResult{Retrying: 2}, res)
	for _, id := range ids {
		r := f.outboxRow(t, id)
		require.Contains(t, r.LastError, "error authenticating as summit-mailer: 535 5.7.8 bad credentials [redacted]")
		require.NotContains(t, r.LastError, password)
		require.NotContains(t, r.LastError, base64.StdEncoding.EncodeToString([]byte("\x00summit-mailer\x00"+password)))
	}
	require.Contains(t, srv.Transcript(), "AUTH PLAIN", "the password did go to the server")
	require.Contains(t, logs.String(), "email delivery failed; will retry")
	require.NotContains(t, logs.String(), password)
	require.NotContains(t, logs.String(), base64.StdEncoding.EncodeToString([]byte(password)))

	// With the server accepting the credentials the mails go out.
	echo.Store(false)
	clk.Add(time.Minute)
	res, err = s.Drain(context.Background())
	require.NoError(t, err)
	require.Equal(t, notify.DrainResult{Sent: 2}, res)
	require.NotContains(t, logs.String(), password)
	var got []string
	for _, m := range srv.Messages() {
		got = append(got, m.To[0])
	}
	sort.Strings(got)
	require.Equal(t, []string{"ann@example.com", "ann@example.com"}, got)
}

// Mails for deactivated users, bad addresses, and a backlog older than
// MaxAge are given up without a connection.
func TestSenderGivesUpWhatCannotOrShouldNotBeSent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srv := smtptest.NewServer(t)
	left := f.client.User.Create().SetEmail("left@example.com").SetName("Left").SetActive(false).SaveX(f.ctx).ID
	bad := f.user(t, "not-an-address", "Bad", notify.LocaleZH)
	ids := f.enqueueEmails(t, 2, left, bad)
	ann := f.user(t, "ann@example.com", "Ann", notify.LocaleEN)
	_, err := notify.Enqueue(f.ctx, f.pool, notify.Message{RecipientID: ann, Kind: "k", Title: "旧", DedupKey: "old", Email: true})
	require.NoError(t, err)
	_, err = f.pool.Exec(f.ctx, "UPDATE notifications SET created_at = now() - interval '4 days' WHERE dedup_key = 'old#email'")
	require.NoError(t, err)

	res, err := sender(f, srv, nil, nil).Drain(context.Background())
	require.NoError(t, err)
	require.Equal(t, notify.DrainResult{Failed: 2, Expired: 1}, res)
	require.Contains(t, f.outboxRow(t, ids[0]).LastError, "deactivated")
	require.Contains(t, f.outboxRow(t, ids[1]).LastError, "not a valid email address")
	require.Equal(t, 1, f.count(t, "SELECT count(*) FROM notifications WHERE dedup_key = 'old#email' AND failed_at IS NOT NULL AND last_error LIKE 'expired%'"))
	require.Zero(t, srv.Connections())
}

// A drain stopped midway hands back what it claimed but did not try.
func TestSenderHandsBackUntriedMailsWhenStopped(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srv := smtptest.NewServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv.Reply = func(verb, _ string) (int, string) {
		if verb == "." {
			cancel() // the job's time is up while the first mail is sent
		}
		return 0, ""
	}
	ann := f.user(t, "ann@example.com", "Ann", notify.LocaleEN)
	ids := f.enqueueEmails(t, 5, ann)

	res, err := sender(f, srv, nil, nil).Drain(ctx)
	require.NoError(t, err)
	require.Equal(t, notify.DrainResult{Sent: 1}, res)
	require.Equal(t, outboxRow{Attempts: 1, Sent: true}, f.outboxRow(t, ids[0]))
	for _, id := range ids[1:] {
		r := f.outboxRow(t, id)
		require.Zero(t, r.Attempts, "not counted")
		require.False(t, r.Sent || r.Failed)
		require.False(t, r.NextAt.After(time.Now()), "due again now, not after the lease")
	}
	srv.Reply = nil
	res, err = sender(f, srv, nil, nil).Drain(context.Background())
	require.NoError(t, err)
	require.Equal(t, notify.DrainResult{Sent: 4}, res)
}
