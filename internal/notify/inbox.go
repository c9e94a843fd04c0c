package notify

import (
	"context"
	"fmt"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/notification"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// MaxMarkRead is the most ids one MarkRead call takes, like a page.
const MaxMarkRead = 200

// newestFirst orders the inbox; the id breaks ties within a timestamp.
var newestFirst = &ent.NotificationOrder{Direction: entgql.OrderDirectionDesc, Field: ent.NotificationOrderFieldCreatedAt}

// inbox is the viewer's in-app notifications. NotificationPolicy already
// limits rows to the recipient; the explicit filter also keeps the system
// identity (which the policy lets read everything) and admins to their own.
// EMAIL rows are delivery records of in-app ones and would show twice.
func inbox(ctx context.Context, client *ent.Client) *ent.NotificationQuery {
	return client.Notification.Query().Where(
		notification.RecipientID(viewer.FromContext(ctx).UserID),
		notification.ChannelEQ(notification.ChannelIN_APP),
	)
}

// Inbox returns a page of the viewer's in-app notifications, newest first.
func Inbox(ctx context.Context, client *ent.Client, after *ent.Cursor, first *int, unreadOnly bool) (*ent.NotificationConnection, error) {
	q := inbox(ctx, client)
	if unreadOnly {
		q = q.Where(notification.ReadAtIsNil())
	}
	conn, err := q.Paginate(ctx, after, first, nil, nil, ent.WithNotificationOrder(newestFirst))
	if err != nil {
		return nil, fmt.Errorf("error listing notifications: %w", err)
	}
	return conn, nil
}

// UnreadCount is how many of the viewer's in-app notifications are unread.
func UnreadCount(ctx context.Context, client *ent.Client) (int, error) {
	n, err := inbox(ctx, client).Where(notification.ReadAtIsNil()).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("error counting unread notifications: %w", err)
	}
	return n, nil
}

// MarkReadResult is what MarkRead changed.
type MarkReadResult struct {
	// Marked is how many notifications this call marked read.
	Marked int
	// UnreadCount is the viewer's unread count afterwards.
	UnreadCount int
}

// MarkRead marks the viewer's unread notifications read: those in ids, or
// all of them. Exactly one of the two must be given. Ids that are read
// already or belong to someone else change nothing (and reveal nothing).
func MarkRead(ctx context.Context, client *ent.Client, ids []int, all bool, now time.Time) (MarkReadResult, error) {
	switch {
	case all && len(ids) > 0:
		return MarkReadResult{}, &refusal.Error{Kind: refusal.Invalid, Field: "ids", Message: "give ids or all, not both"}
	case !all && len(ids) == 0:
		return MarkReadResult{}, &refusal.Error{Kind: refusal.Invalid, Field: "ids", Message: "give the ids to mark read, or all: true"}
	case len(ids) > MaxMarkRead:
		return MarkReadResult{}, &refusal.Error{Kind: refusal.Invalid, Field: "ids",
			Message: fmt.Sprintf("at most %d ids per call, got %d", MaxMarkRead, len(ids))}
	}
	update := client.Notification.Update().Where(
		notification.RecipientID(viewer.FromContext(ctx).UserID),
		notification.ChannelEQ(notification.ChannelIN_APP),
		notification.ReadAtIsNil(),
	)
	if !all {
		update = update.Where(notification.IDIn(ids...))
	}
	marked, err := update.SetReadAt(now).Save(ctx)
	if err != nil {
		return MarkReadResult{}, fmt.Errorf("error marking notifications read: %w", err)
	}
	unread, err := UnreadCount(ctx, client)
	if err != nil {
		return MarkReadResult{}, err
	}
	return MarkReadResult{Marked: marked, UnreadCount: unread}, nil
}
