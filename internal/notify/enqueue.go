package notify

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgconn"
)

// EmailDedupSuffix is appended to a message's dedup key for its EMAIL row, so
// the in-app row and the email are deduplicated independently.
const EmailDedupSuffix = "#email"

// Limits of the notifications columns (ent/schema/notification.go).
const (
	maxKind       = 64
	maxTitle      = 300
	maxEntityType = 64
	maxDedupKey   = 200
)

// Message is one notification for one member of staff.
type Message struct {
	// RecipientID is the user told (users.id).
	RecipientID int
	// Kind says what happened, e.g. class.changed, alert.escalated,
	// reminder.action_overdue.
	Kind string
	// Title is the headline, in Chinese (zh-CN) by house convention; longer
	// than 300 characters is cut.
	Title string
	// Body is the detail, in English by house convention.
	Body string
	// EntityType and EntityID name what the notification is about, e.g.
	// Account 42; EntityID 0 means none.
	EntityType string
	EntityID   int
	// DedupKey makes the notification happen at most once: a second Enqueue
	// with the same key writes nothing. Jobs derive it from what they notify
	// about, e.g. "alert:17:escalated:2". Empty means no deduplication.
	DedupKey string
	// Email also queues an email copy in the outbox (dedup key + "#email"),
	// which the Sender delivers when SMTP is configured.
	Email bool
}

// Execer runs a statement: a pgx.Tx, *pgx.Conn or *pgxpool.Pool. Pass the
// transaction of the change that causes the notification, so both commit
// together.
type Execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// enqueueSQL writes one IN_APP row per message (delivered when written) and
// one EMAIL row per message that asks for one (left for the outbox), in one
// statement. Rows whose dedup key exists already are skipped.
const enqueueSQL = `
	INSERT INTO notifications (created_at, updated_at, recipient_id, channel, kind, title, body,
	                           entity_type, entity_id, dedup_key, sent_at, next_attempt_at)
	SELECT now(), now(), m.recipient_id, c.channel, m.kind, m.title, nullif(m.body, ''),
	       nullif(m.entity_type, ''), nullif(m.entity_id, 0),
	       CASE WHEN m.dedup_key = '' THEN NULL
	            WHEN c.channel = 'EMAIL' THEN m.dedup_key || '` + EmailDedupSuffix + `'
	            ELSE m.dedup_key END,
	       CASE WHEN c.channel = 'IN_APP' THEN now() END,
	       CASE WHEN c.channel = 'EMAIL' THEN now() END
	FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::bool[])
	         AS m(recipient_id, kind, title, body, entity_type, entity_id, dedup_key, email)
	CROSS JOIN LATERAL (VALUES ('IN_APP'), ('EMAIL')) AS c(channel)
	WHERE c.channel = 'IN_APP' OR m.email
	ON CONFLICT (dedup_key) DO NOTHING`

// Enqueue writes msgs and returns how many rows it inserted (in-app plus
// email; rows deduplicated away are not counted). Invalid messages write
// nothing.
func Enqueue(ctx context.Context, db Execer, msgs ...Message) (int64, error) {
	if len(msgs) == 0 {
		return 0, nil
	}
	n := len(msgs)
	var (
		recipients  = make([]int64, n)
		kinds       = make([]string, n)
		titles      = make([]string, n)
		bodies      = make([]string, n)
		entityTypes = make([]string, n)
		entityIDs   = make([]int64, n)
		dedupKeys   = make([]string, n)
		emails      = make([]bool, n)
	)
	for i, m := range msgs {
		if err := m.validate(); err != nil {
			return 0, fmt.Errorf("notification %d: %w", i, err)
		}
		recipients[i], kinds[i], titles[i], bodies[i] = int64(m.RecipientID), m.Kind, truncate(m.Title, maxTitle), m.Body
		entityTypes[i], entityIDs[i], dedupKeys[i], emails[i] = m.EntityType, int64(m.EntityID), m.DedupKey, m.Email
	}
	tag, err := db.Exec(ctx, enqueueSQL, recipients, kinds, titles, bodies, entityTypes, entityIDs, dedupKeys, emails)
	if err != nil {
		return 0, fmt.Errorf("error enqueueing %d notifications: %w", n, err)
	}
	return tag.RowsAffected(), nil
}

func (m Message) validate() error {
	var errs []error
	if m.RecipientID <= 0 {
		errs = append(errs, errors.New("recipient is required"))
	}
	if m.Kind == "" || utf8.RuneCountInString(m.Kind) > maxKind {
		errs = append(errs, fmt.Errorf("kind must have 1 to %d characters, got %q", maxKind, m.Kind))
	}
	if m.Title == "" {
		errs = append(errs, errors.New("title is required"))
	}
	if utf8.RuneCountInString(m.EntityType) > maxEntityType {
		errs = append(errs, fmt.Errorf("entity type must have at most %d characters", maxEntityType))
	}
	// The email copy's key is longer by the suffix.
	if utf8.RuneCountInString(m.DedupKey)+len(EmailDedupSuffix) > maxDedupKey {
		errs = append(errs, fmt.Errorf("dedup key must have at most %d characters", maxDedupKey-len(EmailDedupSuffix)))
	}
	return errors.Join(errs...)
}

// truncate cuts s to at most n characters (runes, not bytes: titles are
// Chinese).
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
