// Package notify tells people that something needs them. Everything goes
// through the notifications table:
//
//   - Enqueue writes a notification: an in-app row (delivered when written,
//     sent_at = now) and, when asked, an EMAIL row that waits in the outbox
//     (sent_at NULL). Both carry a dedup key, so a retried job or request
//     never notifies twice (INSERT … ON CONFLICT (dedup_key) DO NOTHING).
//   - Sender drains the outbox over SMTP. It claims a batch with
//     FOR UPDATE SKIP LOCKED and leases it (next_attempt_at in the future),
//     so any number of nodes can drain at once without sending a mail twice;
//     a failure is retried with exponential backoff until MaxAttempts, then
//     the row is given up (failed_at). Mails are written in the recipient's
//     locale.
//   - SendReminders writes the daily in-app reminders: overdue plan actions
//     and accounts whose contact cadence was missed, at most one per item
//     and business day.
//   - Inbox, UnreadCount and MarkRead are the viewer's own notifications for
//     the API.
package notify
