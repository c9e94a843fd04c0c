package graph_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/notification"
	"github.com/summitkam/summit/ent/privacy"
	"github.com/summitkam/summit/internal/viewer"
)

// editableAccountsSQL restates who may change an account's data.
const editableAccountsSQL = `
	SELECT a.id FROM accounts a
	WHERE $1::bool
	   OR ($2::bool AND (a.owner_id = $3 OR EXISTS (SELECT 1 FROM account_team_members m
	                     WHERE m.account_id = a.id AND m.user_id = $3 AND m.access_level = 'EDIT')))`

func editArgs(v *viewer.Viewer) []any {
	return []any{v.Has(viewer.RoleAdmin), v.HasAny(viewer.RoleKeyAccountManager, viewer.RoleMember, viewer.RolePartnerManager), v.UserID}
}

// pickAccounts returns for v an editable account, a readable but not
// editable one, and an unreadable one (0 when the data has none).
func pickAccounts(t *testing.T, f *matrixFixture, v *viewer.Viewer) (editable, readOnly, hidden int) {
	t.Helper()
	ctx := context.Background()
	pick := func(q string, args ...any) int {
		var id int
		err := f.pool.QueryRow(ctx, q+" ORDER BY 1 LIMIT 1", args...).Scan(&id)
		if err != nil {
			return 0
		}
		return id
	}
	readable := "(" + readableAccountsSQL + ")"
	editableSQL := "(" + fmt.Sprintf("SELECT id FROM (%s) e", shiftArgs(editableAccountsSQL, 5)) + ")"
	args := append(accountArgs(v), editArgs(v)...)
	editable = pick("SELECT a.id FROM accounts a WHERE a.id IN "+readable+" AND a.id IN "+editableSQL, args...)
	readOnly = pick("SELECT a.id FROM accounts a WHERE a.id IN "+readable+" AND a.id NOT IN "+editableSQL, args...)
	hidden = pick("SELECT a.id FROM accounts a WHERE a.id NOT IN "+readable, accountArgs(v)...)
	return editable, readOnly, hidden
}

// shiftArgs renumbers the placeholders $1..$9 of q to follow n others.
func shiftArgs(q string, n int) string {
	for i := 9; i >= 1; i-- {
		q = strings.ReplaceAll(q, fmt.Sprintf("$%d", i), fmt.Sprintf("$%d", i+n))
	}
	return q
}

// denied reports whether err is the refusal of a privacy rule, or the
// "not found" that a filtered update of an invisible row returns.
func denied(err error) bool {
	var nf *ent.NotFoundError
	return errors.Is(err, privacy.Deny) || errors.As(err, &nf)
}

func checkMutations(t *testing.T, f *matrixFixture) int {
	t.Helper()
	cells := 0
	for _, email := range f.identities() {
		v := f.viewers[email]
		ctx := viewer.NewContext(context.Background(), v)
		editable, readOnly, hidden := pickAccounts(t, f, v)
		admin := v.Has(viewer.RoleAdmin)
		exec := v.Has(viewer.RoleExecutive)

		t.Run("mutations/"+email, func(t *testing.T) {
			for _, tc := range []struct {
				accountID int
				mayEdit   bool
			}{{editable, true}, {readOnly, admin}, {hidden, admin}} {
				if tc.accountID == 0 {
					continue
				}
				before := f.accountIndustry(t, tc.accountID)
				// Update an account.
				err := f.client.Account.UpdateOneID(tc.accountID).SetIndustry("changed by " + email).Exec(ctx)
				require.Equal(t, tc.mayEdit, err == nil, "%s updating account %d: %v", email, tc.accountID, err)
				if err != nil {
					require.True(t, denied(err), "%v", err)
					require.Equal(t, before, f.accountIndustry(t, tc.accountID), "a refused update changes nothing")
				}
				// Create data on it.
				_, err = f.client.Contact.Create().SetAccountID(tc.accountID).SetName("新联系人").Save(ctx)
				require.Equal(t, tc.mayEdit, err == nil, "%s adding a contact to account %d: %v", email, tc.accountID, err)
				// Update existing data of it.
				contactID := f.firstID(t, "contacts", tc.accountID)
				err = f.client.Contact.UpdateOneID(contactID).SetTitle("改").Exec(ctx)
				require.Equal(t, tc.mayEdit, err == nil, "%s editing contact %d: %v", email, contactID, err)
				// Plans: executives decide on every account.
				_, err = f.client.AccountPlan.Create().SetAccountID(tc.accountID).SetPeriod("FY2031-" + email).
					SetPeriodStart(planDay).SetPeriodEnd(planDay).Save(ctx)
				require.Equal(t, tc.mayEdit || exec, err == nil, "%s creating a plan on %d: %v", email, tc.accountID, err)
				cells += 4
			}

			// Nobody deletes an account, not even an admin.
			target := editable
			if target == 0 {
				target = readOnly
			}
			if target != 0 {
				err := f.client.Account.DeleteOneID(target).Exec(ctx)
				require.Error(t, err)
				require.True(t, denied(err))
				cells++
			}

			// Configuration: only admins.
			err := f.client.Category.Create().SetCode("matrix-" + email).SetName("矩阵").Exec(ctx)
			require.Equal(t, admin, err == nil, "%s creating a category: %v", email, err)
			err = f.client.RoleAssignment.Create().SetUserID(v.UserID).SetRole("ADMIN").SetRegion("matrix").Exec(ctx)
			require.Equal(t, admin, err == nil, "%s granting ADMIN: %v", email, err)
			// Audit events are append-only for everybody.
			// (Its fields are immutable, so a delete is the only attempt left.)
			_, err = f.client.AuditEvent.Delete().Exec(ctx)
			require.Error(t, err)
			require.True(t, denied(err), "%v", err)
			// A bulk "mark all read" touches only the viewer's own notifications.
			var own int
			require.NoError(t, f.pool.QueryRow(context.Background(), "SELECT count(*) FROM notifications WHERE recipient_id = $1 AND read_at IS NULL", v.UserID).Scan(&own))
			n, err := f.client.Notification.Update().Where(notification.ReadAtIsNil()).SetReadAt(planDay).Save(ctx)
			require.NoError(t, err)
			require.Equal(t, own, n, "%s marked notifications of others read", email)
			cells += 5
		})
	}
	return cells
}

func (f *matrixFixture) accountIndustry(t *testing.T, id int) string {
	t.Helper()
	var s *string
	require.NoError(t, f.pool.QueryRow(context.Background(), "SELECT industry FROM accounts WHERE id = $1", id).Scan(&s))
	if s == nil {
		return ""
	}
	return *s
}

func (f *matrixFixture) firstID(t *testing.T, table string, accountID int) int {
	t.Helper()
	var id int
	require.NoError(t, f.pool.QueryRow(context.Background(), "SELECT id FROM "+table+" WHERE account_id = $1 ORDER BY id LIMIT 1", accountID).Scan(&id))
	return id
}

var planDay = time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC)
