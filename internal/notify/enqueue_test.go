package notify_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/notify"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

type fixture struct {
	ctx    context.Context
	pool   *pgxpool.Pool
	client *ent.Client
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	pool := testdb.NewPool(t)
	return &fixture{ctx: viewer.System(context.Background(), "test"), pool: pool, client: database.NewClient(pool)}
}

func (f *fixture) user(t *testing.T, email, name, locale string) int {
	t.Helper()
	return f.client.User.Create().SetEmail(email).SetName(name).SetLocale(locale).SaveX(f.ctx).ID
}

func (f *fixture) count(t *testing.T, sql string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, f.pool.QueryRow(context.Background(), sql, args...).Scan(&n))
	return n
}

func TestEnqueueWritesInAppAndOutboxRowsOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ann := f.user(t, "ann@example.com", "Ann", notify.LocaleEN)
	bo := f.user(t, "bo@example.com", "薄", notify.LocaleZH)
	msgs := []notify.Message{
		{RecipientID: ann, Kind: "alert.escalated", Title: "预警升级", Body: "Escalated.", EntityType: "ChurnAlert", EntityID: 5,
			DedupKey: "alert:5:escalated:1", Email: true},
		{RecipientID: bo, Kind: "alert.opened", Title: "新预警", DedupKey: "alert:6:opened"},
	}
	n, err := notify.Enqueue(f.ctx, f.pool, msgs...)
	require.NoError(t, err)
	require.EqualValues(t, 3, n, "two in-app rows and one email")

	type row struct {
		Recipient    int
		Channel, Key string
		Sent, Due    bool
		EntityType   *string
		EntityID     *int
	}
	rows, err := f.pool.Query(f.ctx, `SELECT recipient_id, channel, dedup_key, sent_at IS NOT NULL, next_attempt_at IS NOT NULL,
		entity_type, entity_id FROM notifications ORDER BY dedup_key`)
	require.NoError(t, err)
	var got []row
	for rows.Next() {
		var r row
		require.NoError(t, rows.Scan(&r.Recipient, &r.Channel, &r.Key, &r.Sent, &r.Due, &r.EntityType, &r.EntityID))
		got = append(got, r)
	}
	require.NoError(t, rows.Err())
	churn, five := "ChurnAlert", 5
	require.Equal(t, []row{
		{ann, "IN_APP", "alert:5:escalated:1", true, false, &churn, &five},
		{ann, "EMAIL", "alert:5:escalated:1#email", false, true, &churn, &five},
		{bo, "IN_APP", "alert:6:opened", true, false, nil, nil},
	}, got)

	// A retried job enqueues the same messages: nothing new.
	n, err = notify.Enqueue(f.ctx, f.pool, msgs...)
	require.NoError(t, err)
	require.Zero(t, n)
	require.Equal(t, 3, f.count(t, "SELECT count(*) FROM notifications"))

	// Asking for the email later adds only the email.
	msgs[1].Email = true
	n, err = notify.Enqueue(f.ctx, f.pool, msgs[1])
	require.NoError(t, err)
	require.EqualValues(t, 1, n)
}

func TestEnqueueRefusesInvalidMessagesWhole(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ann := f.user(t, "ann@example.com", "Ann", notify.LocaleEN)
	_, err := notify.Enqueue(f.ctx, f.pool,
		notify.Message{RecipientID: ann, Kind: "ok", Title: "好"},
		notify.Message{RecipientID: ann, Title: "no kind"})
	require.ErrorContains(t, err, "notification 1: kind")
	_, err = notify.Enqueue(f.ctx, f.pool, notify.Message{Kind: "k", Title: "t"})
	require.ErrorContains(t, err, "recipient")
	require.Zero(t, f.count(t, "SELECT count(*) FROM notifications"), "nothing written")

	// A long title is cut to the column's 300 characters, not refused.
	long := make([]rune, 400)
	for i := range long {
		long[i] = '长'
	}
	_, err = notify.Enqueue(f.ctx, f.pool, notify.Message{RecipientID: ann, Kind: "k", Title: string(long)})
	require.NoError(t, err)
	require.Equal(t, 300, f.count(t, "SELECT char_length(title) FROM notifications"))
}

// enqueueEmails queues n email notifications for the recipients in turn and
// returns their EMAIL rows' ids.
func (f *fixture) enqueueEmails(t *testing.T, n int, recipients ...int) []int {
	t.Helper()
	var msgs []notify.Message
	for i := range n {
		msgs = append(msgs, notify.Message{
			RecipientID: recipients[i%len(recipients)], Kind: "alert.escalated",
			Title: "预警升级 " + time.Duration(i).String(), Body: "Alert " + time.Duration(i).String() + " escalated.",
			DedupKey: "test:" + time.Duration(i).String(), Email: true,
		})
	}
	_, err := notify.Enqueue(f.ctx, f.pool, msgs...)
	require.NoError(t, err)
	rows, err := f.pool.Query(f.ctx, "SELECT id FROM notifications WHERE channel = 'EMAIL' ORDER BY id")
	require.NoError(t, err)
	var ids []int
	for rows.Next() {
		var id int
		require.NoError(t, rows.Scan(&id))
		ids = append(ids, id)
	}
	require.NoError(t, rows.Err())
	return ids
}
