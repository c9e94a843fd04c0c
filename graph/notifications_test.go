package graph_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/graph"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/notify"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

// newInboxFixture has two key-account managers and an admin, each with
// notifications of their own, and an email copy in the outbox.
func newInboxFixture(t *testing.T) (f *matrixFixture, ids map[string][]string) {
	t.Helper()
	pool := testdb.NewPool(t)
	client := database.NewClient(pool)
	ctx := viewer.System(context.Background(), "test")
	f = &matrixFixture{pool: pool, client: client, viewers: map[string]*viewer.Viewer{}}
	for email, role := range map[string]viewer.Role{"ann@example.com": viewer.RoleKeyAccountManager,
		"bo@example.com": viewer.RoleKeyAccountManager, "admin@example.com": viewer.RoleAdmin} {
		id := client.User.Create().SetEmail(email).SetName(email).SaveX(ctx).ID
		f.viewers[email] = &viewer.Viewer{Kind: viewer.KindUser, UserID: id, Label: email, Roles: []viewer.Role{role}}
	}
	var msgs []notify.Message
	for i := range 5 {
		msgs = append(msgs, notify.Message{RecipientID: f.viewers["ann@example.com"].UserID, Kind: "reminder.action_overdue",
			Title: "行动项逾期 " + strconv.Itoa(i), DedupKey: "ann-" + strconv.Itoa(i), Email: i == 0})
	}
	msgs = append(msgs,
		notify.Message{RecipientID: f.viewers["bo@example.com"].UserID, Kind: "class.changed", Title: "客户分级调整", DedupKey: "bo-0"},
		notify.Message{RecipientID: f.viewers["bo@example.com"].UserID, Kind: "class.changed", Title: "客户分级调整", DedupKey: "bo-1"})
	_, err := notify.Enqueue(ctx, pool, msgs...)
	require.NoError(t, err)
	handler := graph.NewHandler(client, graph.HandlerConfig{})
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if v, ok := f.viewers[r.Header.Get("X-Test-Viewer")]; ok {
			r = r.WithContext(viewer.NewContext(r.Context(), v))
		}
		handler.ServeHTTP(w, r)
	}))
	t.Cleanup(f.srv.Close)

	ids = map[string][]string{}
	rows, err := pool.Query(ctx, `SELECT u.email, n.id FROM notifications n JOIN users u ON u.id = n.recipient_id
		WHERE n.channel = 'IN_APP' ORDER BY n.id DESC`)
	require.NoError(t, err)
	defer rows.Close()
	for rows.Next() {
		var email string
		var id int
		require.NoError(t, rows.Scan(&email, &id))
		ids[email] = append(ids[email], strconv.Itoa(id))
	}
	return f, ids
}

type inboxPage struct {
	UnreadNotificationCount int
	MyNotifications         struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage bool
			EndCursor   string
		}
		Edges []struct {
			Node struct {
				ID          string
				RecipientID string
				Channel     string
				ReadAt      *string
			}
		}
	}
}

func inbox(t *testing.T, f *matrixFixture, email string, first int, after *string, unreadOnly bool) inboxPage {
	t.Helper()
	res := f.query(t, email, `query($first: Int, $after: Cursor, $unread: Boolean) {
		unreadNotificationCount
		myNotifications(first: $first, after: $after, unreadOnly: $unread) {
			totalCount pageInfo { hasNextPage endCursor } edges { node { id recipientID channel readAt } } } }`,
		map[string]any{"first": first, "after": after, "unread": unreadOnly})
	require.Empty(t, res.Errors)
	var page inboxPage
	require.NoError(t, json.Unmarshal(res.Data, &page))
	return page
}

func pageIDs(p inboxPage) []string {
	var out []string
	for _, e := range p.MyNotifications.Edges {
		out = append(out, e.Node.ID)
	}
	return out
}

func TestInboxShowsOnlyTheViewersNotifications(t *testing.T) {
	t.Parallel()
	f, ids := newInboxFixture(t)

	// Ann pages through her five, newest first; the email copy is not listed.
	p1 := inbox(t, f, "ann@example.com", 3, nil, false)
	require.Equal(t, 5, p1.UnreadNotificationCount)
	require.Equal(t, 5, p1.MyNotifications.TotalCount)
	require.True(t, p1.MyNotifications.PageInfo.HasNextPage)
	p2 := inbox(t, f, "ann@example.com", 3, &p1.MyNotifications.PageInfo.EndCursor, false)
	require.False(t, p2.MyNotifications.PageInfo.HasNextPage)
	require.Equal(t, ids["ann@example.com"], append(pageIDs(p1), pageIDs(p2)...))
	for _, e := range append(p1.MyNotifications.Edges, p2.MyNotifications.Edges...) {
		require.Equal(t, "IN_APP", e.Node.Channel)
		require.Equal(t, strconv.Itoa(f.viewers["ann@example.com"].UserID), e.Node.RecipientID)
	}

	// Bo sees his two; the admin, who reads every account, has none.
	bo := inbox(t, f, "bo@example.com", 10, nil, false)
	require.Equal(t, ids["bo@example.com"], pageIDs(bo))
	require.Equal(t, 2, bo.UnreadNotificationCount)
	admin := inbox(t, f, "admin@example.com", 10, nil, false)
	require.Zero(t, admin.MyNotifications.TotalCount)
	require.Zero(t, admin.UnreadNotificationCount)
}

func TestMarkingNotificationsRead(t *testing.T) {
	t.Parallel()
	f, ids := newInboxFixture(t)
	ann, bo := ids["ann@example.com"], ids["bo@example.com"]
	mark := func(email string, vars map[string]any) (marked, unread int) {
		t.Helper()
		res := f.query(t, email, `mutation($ids: [ID!], $all: Boolean) {
			markNotificationsRead(ids: $ids, all: $all) { marked unreadCount } }`, vars)
		require.Empty(t, res.Errors)
		var out struct {
			MarkNotificationsRead struct{ Marked, UnreadCount int }
		}
		require.NoError(t, json.Unmarshal(res.Data, &out))
		return out.MarkNotificationsRead.Marked, out.MarkNotificationsRead.UnreadCount
	}

	// Ann marks two of hers and, trying, one of Bo's: only hers change.
	marked, unread := mark("ann@example.com", map[string]any{"ids": []string{ann[0], ann[1], bo[0]}})
	require.Equal(t, 2, marked)
	require.Equal(t, 3, unread)
	require.Equal(t, 2, inbox(t, f, "bo@example.com", 10, nil, true).UnreadNotificationCount, "Bo's untouched")
	unreadPage := inbox(t, f, "ann@example.com", 10, nil, true)
	require.Equal(t, ann[2:], pageIDs(unreadPage))
	require.Equal(t, 3, unreadPage.MyNotifications.TotalCount)
	all := inbox(t, f, "ann@example.com", 10, nil, false)
	require.NotNil(t, all.MyNotifications.Edges[0].Node.ReadAt)
	require.Nil(t, all.MyNotifications.Edges[2].Node.ReadAt)

	// Marking again changes nothing.
	marked, unread = mark("ann@example.com", map[string]any{"ids": []string{ann[0]}})
	require.Zero(t, marked)
	require.Equal(t, 3, unread)

	// All the rest.
	marked, unread = mark("ann@example.com", map[string]any{"all": true})
	require.Equal(t, 3, marked)
	require.Zero(t, unread)
	require.Zero(t, inbox(t, f, "ann@example.com", 10, nil, false).UnreadNotificationCount)
	require.Equal(t, 2, inbox(t, f, "bo@example.com", 10, nil, false).UnreadNotificationCount)
	require.Equal(t, 0, planCount(t, f, "SELECT count(*) FROM notifications WHERE channel = 'EMAIL' AND read_at IS NOT NULL"),
		"the email copy is not an inbox item")

	// Neither or both arguments, or too many ids: refused, nothing changes.
	many := make([]string, notify.MaxMarkRead+1)
	for i := range many {
		many[i] = bo[0]
	}
	for _, vars := range []map[string]any{{}, {"ids": []string{bo[0]}, "all": true}, {"ids": many}} {
		res := f.query(t, "bo@example.com", `mutation($ids: [ID!], $all: Boolean) {
			markNotificationsRead(ids: $ids, all: $all) { marked } }`, vars)
		require.Len(t, res.Errors, 1, "%v", vars)
		require.Equal(t, "BAD_USER_INPUT", res.Errors[0].Extensions["code"])
		require.Equal(t, "ids", res.Errors[0].Extensions["field"])
	}
	require.Equal(t, 2, inbox(t, f, "bo@example.com", 10, nil, false).UnreadNotificationCount)
}
