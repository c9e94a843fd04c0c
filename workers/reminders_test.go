package workers_test

import (
	"context"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/accountplan"
	"github.com/summitkam/summit/ent/action"
	"github.com/summitkam/summit/ent/classpolicy"
	"github.com/summitkam/summit/ent/touchpoint"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
	"github.com/summitkam/summit/workers"
)

var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// reminderWorld is a small book of accounts and actions, some of which need
// a reminder on 2026-11-20 (Shanghai), and the ids a test checks.
type reminderWorld struct {
	ctx                 context.Context
	pool                *pgxpool.Pool
	client              *ent.Client
	kam, member, leaver int
	// Actions.
	overdueOwned, overdueUnowned, overdueLeaverOwned, dueToday, done, cancelled, inClosedPlan int
	// Accounts.
	stale, fresh, newNeverContacted, oldNeverContacted, unclassified, archived, plannedOnly int
}

// The run's "now": 01:00 on 20 November in Shanghai, still the 19th in UTC.
var reminderNow = time.Date(2026, 11, 19, 17, 0, 0, 0, time.UTC)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func newReminderWorld(t *testing.T) *reminderWorld {
	t.Helper()
	pool := testdb.NewPool(t)
	w := &reminderWorld{ctx: viewer.System(context.Background(), "test"), pool: pool, client: database.NewClient(pool)}
	c, ctx := w.client, w.ctx
	user := func(email string, active bool) int {
		return c.User.Create().SetEmail(email).SetName(email).SetActive(active).SaveX(ctx).ID
	}
	w.kam, w.member, w.leaver = user("kam@example.com", true), user("member@example.com", true), user("leaver@example.com", false)
	c.ClassPolicy.Create().SetClass(classpolicy.ClassB).SetLabel("价值客户").SetLabelEn("Value").SetContactCadenceDays(30).ExecX(ctx)

	n := 0
	acct := func(class *account.CurrentClass, created time.Time) int {
		n++
		q := c.Account.Create().SetCode("R" + string(rune('A'+n))).SetName("客户" + string(rune('A'+n))).
			SetKind(account.KindEND_CUSTOMER).SetOwnerID(w.kam).SetCreatedAt(created)
		if class != nil {
			q.SetCurrentClass(*class)
		}
		return q.SaveX(ctx).ID
	}
	b := account.CurrentClassB
	longAgo := reminderNow.AddDate(0, -6, 0)
	touch := func(accountID int, at time.Time) {
		c.Touchpoint.Create().SetAccountID(accountID).SetKind(touchpoint.KindVISIT).SetOccurredAt(at).ExecX(ctx)
	}

	// Actions, on an account contacted yesterday (so it has no cadence miss).
	w.fresh = acct(&b, longAgo)
	touch(w.fresh, reminderNow.Add(-24*time.Hour))
	plan := c.AccountPlan.Create().SetAccountID(w.fresh).SetPeriod("FY2026").SetPeriodStart(day(2026, 1, 1)).
		SetPeriodEnd(day(2026, 12, 31)).SetStatus(accountplan.StatusACTIVE).SaveX(ctx)
	closed := c.AccountPlan.Create().SetAccountID(w.fresh).SetPeriod("FY2025").SetPeriodStart(day(2025, 1, 1)).
		SetPeriodEnd(day(2025, 12, 31)).SetStatus(accountplan.StatusCLOSED).SaveX(ctx)
	act := func(planID int, due time.Time, status action.Status, owner int) int {
		q := c.Action.Create().SetAccountID(w.fresh).SetPlanID(planID).SetTitle("拜访决策人").SetDueOn(due).SetStatus(status)
		if owner != 0 {
			q.SetOwnerID(owner)
		}
		return q.SaveX(ctx).ID
	}
	w.overdueOwned = act(plan.ID, day(2026, 11, 18), action.StatusOPEN, w.member)
	w.overdueUnowned = act(plan.ID, day(2026, 11, 10), action.StatusIN_PROGRESS, 0)
	w.overdueLeaverOwned = act(plan.ID, day(2026, 11, 10), action.StatusBLOCKED, w.leaver)
	w.dueToday = act(plan.ID, day(2026, 11, 20), action.StatusOPEN, w.member)
	w.done = act(plan.ID, day(2026, 11, 1), action.StatusDONE, w.member)
	w.cancelled = act(plan.ID, day(2026, 11, 1), action.StatusCANCELLED, w.member)
	w.inClosedPlan = act(closed.ID, day(2025, 12, 1), action.StatusOPEN, w.member)

	// Contact cadences (30 days for class B).
	w.stale = acct(&b, longAgo)
	touch(w.stale, reminderNow.AddDate(0, 0, -40))
	w.newNeverContacted = acct(&b, reminderNow.AddDate(0, 0, -10))
	w.oldNeverContacted = acct(&b, reminderNow.AddDate(0, 0, -60))
	w.unclassified = acct(nil, longAgo)
	w.archived = acct(&b, longAgo)
	c.Account.UpdateOneID(w.archived).SetArchived(true).ExecX(ctx)
	w.plannedOnly = acct(&b, longAgo)
	touch(w.plannedOnly, reminderNow.AddDate(0, 0, -45))
	touch(w.plannedOnly, reminderNow.AddDate(0, 0, 3)) // planned, not a contact yet
	return w
}

type reminderRow struct {
	Recipient  int
	Kind       string
	EntityType string
	EntityID   int
	DedupKey   string
}

func (w *reminderWorld) reminders(t *testing.T) []reminderRow {
	t.Helper()
	rows, err := w.pool.Query(context.Background(), `
		SELECT recipient_id, kind, entity_type, entity_id, dedup_key FROM notifications
		WHERE channel = 'IN_APP' AND sent_at IS NOT NULL AND kind LIKE 'reminder.%' ORDER BY dedup_key`)
	require.NoError(t, err)
	defer rows.Close()
	var out []reminderRow
	for rows.Next() {
		var r reminderRow
		require.NoError(t, rows.Scan(&r.Recipient, &r.Kind, &r.EntityType, &r.EntityID, &r.DedupKey))
		out = append(out, r)
	}
	require.NoError(t, rows.Err())
	return out
}

func (w *reminderWorld) expected(date string, actions ...[2]int) []reminderRow {
	var out []reminderRow
	for _, a := range actions {
		out = append(out, reminderRow{a[1], "reminder.action_overdue", "Action", a[0], "reminder:action:" + strconv.Itoa(a[0]) + ":" + date})
	}
	for _, id := range []int{w.stale, w.oldNeverContacted, w.plannedOnly} {
		out = append(out, reminderRow{w.kam, "reminder.contact_due", "Account", id, "reminder:cadence:" + strconv.Itoa(id) + ":" + date})
	}
	return out
}

func sortRows(rows []reminderRow) []reminderRow {
	sort.Slice(rows, func(i, j int) bool { return rows[i].DedupKey < rows[j].DedupKey })
	return rows
}

func (w *reminderWorld) run(t *testing.T, now time.Time) {
	t.Helper()
	worker := &workers.RemindersWorker{Pool: w.pool, Location: shanghai, Logger: discard(), Now: func() time.Time { return now }}
	require.NoError(t, worker.Work(context.Background(), &river.Job[jobargs.Reminders]{}))
}

func TestRemindersOncePerItemAndBusinessDay(t *testing.T) {
	t.Parallel()
	w := newReminderWorld(t)

	// Four nodes run the day's job at once, and it is retried: one
	// reminder per item.
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		worker := &workers.RemindersWorker{Pool: w.pool, Location: shanghai, Logger: discard(), Now: func() time.Time { return reminderNow }}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = worker.Work(context.Background(), &river.Job[jobargs.Reminders]{})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	w.run(t, reminderNow.Add(6*time.Hour)) // later the same Shanghai day
	first := w.expected("2026-11-20",
		[2]int{w.overdueOwned, w.member},    // the action's owner
		[2]int{w.overdueUnowned, w.kam},     // no owner: the account owner
		[2]int{w.overdueLeaverOwned, w.kam}, // a deactivated owner: the account owner
	)
	require.Equal(t, sortRows(first), w.reminders(t),
		"the day is Shanghai's 20th; done, cancelled, closed-plan and due-today actions, and contacted, new, unclassified and archived accounts get none")

	// The next day reminds again, now also of the action due on the 20th.
	w.run(t, reminderNow.Add(24*time.Hour))
	second := w.expected("2026-11-21",
		[2]int{w.overdueOwned, w.member}, [2]int{w.overdueUnowned, w.kam},
		[2]int{w.overdueLeaverOwned, w.kam}, [2]int{w.dueToday, w.member})
	require.Equal(t, sortRows(append(first, second...)), w.reminders(t))

	// Completing the action and visiting the account stop their reminders.
	w.client.Action.UpdateOneID(w.overdueOwned).SetStatus(action.StatusDONE).ExecX(w.ctx)
	w.client.Touchpoint.Create().SetAccountID(w.stale).SetKind(touchpoint.KindCALL).
		SetOccurredAt(reminderNow.Add(30 * time.Hour)).ExecX(w.ctx)
	before := len(w.reminders(t))
	w.run(t, reminderNow.Add(48*time.Hour))
	var third []reminderRow
	for _, r := range w.reminders(t) {
		if strings.HasSuffix(r.DedupKey, ":2026-11-22") {
			third = append(third, r)
		}
	}
	require.Len(t, w.reminders(t), before+len(third))
	for _, r := range third {
		require.NotEqual(t, w.overdueOwned, r.EntityID, "done action")
		require.NotEqual(t, w.stale, r.EntityID, "contacted account")
	}
	require.Len(t, third, 5, "three actions and two accounts still due")
}

// The text a member of staff reads: Chinese title, English detail.
func TestReminderTexts(t *testing.T) {
	t.Parallel()
	w := newReminderWorld(t)
	w.run(t, reminderNow)
	var title, body string
	require.NoError(t, w.pool.QueryRow(context.Background(),
		"SELECT title, body FROM notifications WHERE entity_type = 'Action' AND entity_id = $1", w.overdueOwned).Scan(&title, &body))
	require.Equal(t, "行动项逾期：拜访决策人", title)
	require.Equal(t, `"拜访决策人" for 客户B was due on 2026-11-18 and is 2 day(s) overdue (status OPEN).`, body)
	require.NoError(t, w.pool.QueryRow(context.Background(),
		"SELECT title, body FROM notifications WHERE entity_type = 'Account' AND entity_id = $1", w.stale).Scan(&title, &body))
	require.Equal(t, "客户联系超期：客户C", title)
	require.Equal(t, "客户C (class B) was last contacted on 2026-10-11, 40 days ago; class B accounts are to be contacted every 30 days. Log a touchpoint once you have been in touch.", body)
}

// The job is registered with River and runs when inserted, with the real
// clock.
func TestRemindersJobRunsOnRiver(t *testing.T) {
	t.Parallel()
	w := newReminderWorld(t)
	lastWeek := w.client.Action.Create().SetAccountID(w.fresh).SetTitle("报价").SetOwnerID(w.member).
		SetDueOn(time.Now().AddDate(0, 0, -7)).SaveX(w.ctx).ID
	// The schedule is off: only the inserted job runs.
	client := startWorkers(t, w.pool, workers.Config{RemindersAt: -1, TimeZone: shanghai})
	_, err := client.Insert(context.Background(), jobargs.Reminders{}, nil)
	require.NoError(t, err)
	key := "reminder:action:" + strconv.Itoa(lastWeek) + ":" + time.Now().In(shanghai).Format(time.DateOnly)
	deadline := time.Now().Add(30 * time.Second)
	for queryInt(t, w.pool, "SELECT count(*) FROM notifications WHERE dedup_key = $1 AND recipient_id = $2", key, w.member) == 0 {
		require.True(t, time.Now().Before(deadline), "reminder %s not written", key)
		time.Sleep(50 * time.Millisecond)
	}
}

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }
