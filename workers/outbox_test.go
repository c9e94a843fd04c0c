package workers_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/notify"
	"github.com/summitkam/summit/internal/notify/smtptest"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
	"github.com/summitkam/summit/workers"
)

// With SMTP configured, the outbox is drained when the workers start and
// then periodically: email notifications arrive at their recipients once.
func TestOutboxIsDrainedPeriodicallyWhenSMTPIsConfigured(t *testing.T) {
	t.Parallel()
	pool := testdb.NewPool(t)
	ctx := viewer.System(context.Background(), "test")
	client := database.NewClient(pool)
	srv := smtptest.NewServer(t)
	ann := client.User.Create().SetEmail("ann@example.com").SetName("Ann").SetLocale(notify.LocaleEN).SaveX(ctx).ID
	wang := client.User.Create().SetEmail("wang@example.com").SetName("王经理").SaveX(ctx).ID
	_, err := notify.Enqueue(ctx, pool,
		notify.Message{RecipientID: ann, Kind: "alert.escalated", Title: "预警升级", Body: "Escalated.", DedupKey: "a1", Email: true},
		notify.Message{RecipientID: wang, Kind: "alert.escalated", Title: "预警升级", Body: "Escalated.", DedupKey: "a2", Email: true},
		notify.Message{RecipientID: wang, Kind: "alert.opened", Title: "新预警", DedupKey: "a3"}, // in-app only
	)
	require.NoError(t, err)

	startWorkers(t, pool, workers.Config{
		RemindersAt:    -1,
		OutboxInterval: time.Second,
		SMTP:           notify.SMTPConfig{Host: srv.Host, Port: srv.Port, TLS: notify.TLSNone, From: "summit@example.com"},
	})
	waitMessages(t, srv, 2)

	// A notification written while the workers run goes out with the next drain.
	_, err = notify.Enqueue(ctx, pool,
		notify.Message{RecipientID: ann, Kind: "alert.escalated", Title: "再次升级", Body: "Escalated again.", DedupKey: "a4", Email: true})
	require.NoError(t, err)
	waitMessages(t, srv, 3)
	time.Sleep(2500 * time.Millisecond) // two more drains: nothing is sent twice
	var to []string
	for _, m := range srv.Messages() {
		to = append(to, m.To...)
	}
	require.ElementsMatch(t, []string{"ann@example.com", "wang@example.com", "ann@example.com"}, to)
	require.Equal(t, 3, queryInt(t, pool, "SELECT count(*) FROM notifications WHERE channel = 'EMAIL' AND sent_at IS NOT NULL AND attempts = 1"))
}

func waitMessages(t *testing.T, srv *smtptest.Server, n int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for len(srv.Messages()) < n {
		require.True(t, time.Now().Before(deadline), "%d of %d mails arrived", len(srv.Messages()), n)
		time.Sleep(50 * time.Millisecond)
	}
}
