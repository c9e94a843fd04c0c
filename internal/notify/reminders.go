package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	// The business time zone must load on hosts and images without zoneinfo.
	_ "time/tzdata"
)

// Kinds of the reminders.
const (
	KindActionOverdue = "reminder.action_overdue"
	KindContactDue    = "reminder.contact_due"
)

// DefaultTimeZone is the business time zone when none is configured: the
// day a reminder belongs to, and whether a due date has passed, are judged
// on the calendar of the people who read them.
const DefaultTimeZone = "Asia/Shanghai"

// BusinessDay is the calendar day of t in loc, as yyyy-mm-dd.
func BusinessDay(t time.Time, loc *time.Location) string {
	return t.In(loc).Format(time.DateOnly)
}

// ActionReminderKey and CadenceReminderKey are the reminders' dedup keys:
// one per item and business day.
func ActionReminderKey(actionID int, day string) string {
	return fmt.Sprintf("reminder:action:%d:%s", actionID, day)
}

// CadenceReminderKey is the dedup key of the contact-cadence reminder of an
// account on a business day; see ActionReminderKey.
func CadenceReminderKey(accountID int, day string) string {
	return fmt.Sprintf("reminder:cadence:%d:%s", accountID, day)
}

// RemindersInput says when the reminders run.
type RemindersInput struct {
	// Now is the time of the run.
	Now time.Time
	// Location is the business time zone; it must be a named IANA zone
	// (PostgreSQL converts touchpoint times with it).
	Location *time.Location
}

// RemindersResult counts the reminders one run wrote; reminders already
// written that business day are not counted again.
type RemindersResult struct {
	Day            string
	OverdueActions int64
	MissedCadences int64
}

// overdueActionsSQL reminds whoever owns an open action whose due date has
// passed: its owner, or the account owner when the action has none (or its
// owner was deactivated). Actions of closed plans and archived accounts are
// history, not work. $1 is the business day, $2 the run's time.
const overdueActionsSQL = `
	INSERT INTO notifications (created_at, updated_at, recipient_id, channel, kind, title, body,
	                           entity_type, entity_id, dedup_key, sent_at)
	SELECT $2, $2, r.recipient_id, 'IN_APP', '` + KindActionOverdue + `',
	       left('行动项逾期：' || ac.title, 300),
	       format('"%s" for %s was due on %s and is %s day(s) overdue (status %s).',
	              ac.title, a.name, to_char(ac.due_on, 'YYYY-MM-DD'), $1::date - ac.due_on, ac.status),
	       'Action', ac.id, 'reminder:action:' || ac.id || ':' || to_char($1::date, 'YYYY-MM-DD'), $2
	FROM actions ac
	JOIN accounts a ON a.id = ac.account_id
	LEFT JOIN account_plans p ON p.id = ac.plan_id
	LEFT JOIN users action_owner ON action_owner.id = ac.owner_id AND action_owner.active
	LEFT JOIN users account_owner ON account_owner.id = a.owner_id AND account_owner.active
	CROSS JOIN LATERAL (SELECT coalesce(action_owner.id, account_owner.id) AS recipient_id) r
	WHERE ac.due_on < $1::date
	  AND ac.status NOT IN ('DONE', 'CANCELLED')
	  AND NOT a.archived
	  AND (p.id IS NULL OR p.status <> 'CLOSED')
	  AND r.recipient_id IS NOT NULL
	ON CONFLICT (dedup_key) DO NOTHING`

// missedCadencesSQL reminds account owners of accounts not contacted within
// their class's contact cadence: the business day of the last touchpoint
// (or of the account's creation when there is none) plus
// contact_cadence_days has passed. Touchpoints dated after the run (planned
// ones) are not contacts yet. $3 is the business time zone.
const missedCadencesSQL = `
	INSERT INTO notifications (created_at, updated_at, recipient_id, channel, kind, title, body,
	                           entity_type, entity_id, dedup_key, sent_at)
	SELECT $2, $2, a.owner_id, 'IN_APP', '` + KindContactDue + `',
	       left('客户联系超期：' || a.name, 300),
	       format('%s (class %s) was last contacted on %s, %s days ago; class %s accounts are to be contacted every %s days. Log a touchpoint once you have been in touch.',
	              a.name, a.current_class, to_char(l.last_day, 'YYYY-MM-DD'), $1::date - l.last_day,
	              a.current_class, cp.contact_cadence_days),
	       'Account', a.id, 'reminder:cadence:' || a.id || ':' || to_char($1::date, 'YYYY-MM-DD'), $2
	FROM accounts a
	JOIN class_policies cp ON cp.class = a.current_class
	JOIN users u ON u.id = a.owner_id AND u.active
	CROSS JOIN LATERAL (
		SELECT (coalesce((SELECT max(t.occurred_at) FROM touchpoints t
		                  WHERE t.account_id = a.id AND t.occurred_at <= $2),
		                 a.created_at) AT TIME ZONE $3)::date AS last_day
	) l
	WHERE NOT a.archived
	  AND l.last_day + cp.contact_cadence_days::int < $1::date
	ON CONFLICT (dedup_key) DO NOTHING`

// SendReminders writes the in-app reminders of in.Now's business day:
// overdue actions and missed contact cadences. Each is keyed by item and
// day, so running it again the same day, on several nodes at once, or after
// a crash adds nothing; the next day reminds again while the item is still
// open.
func SendReminders(ctx context.Context, db Execer, in RemindersInput) (RemindersResult, error) {
	if in.Location == nil || in.Location.String() == "Local" {
		return RemindersResult{}, errors.New("reminders need a named business time zone such as " + DefaultTimeZone)
	}
	day := BusinessDay(in.Now, in.Location)
	res := RemindersResult{Day: day}
	tag, err := db.Exec(ctx, overdueActionsSQL, day, in.Now)
	if err != nil {
		return res, fmt.Errorf("error writing overdue-action reminders for %s: %w", day, err)
	}
	res.OverdueActions = tag.RowsAffected()
	tag, err = db.Exec(ctx, missedCadencesSQL, day, in.Now, in.Location.String())
	if err != nil {
		return res, fmt.Errorf("error writing contact-cadence reminders for %s: %w", day, err)
	}
	res.MissedCadences = tag.RowsAffected()
	return res, nil
}
