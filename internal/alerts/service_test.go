package alerts

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/accountteammember"
	"github.com/summitkam/summit/ent/churnalert"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

func TestMain(m *testing.M) {
	testdb.SetupTemplate(dbmigrate.Apply)
	os.Exit(testdb.RunMain(m))
}

// serviceFixture is an account owned by a manager, a READ-only team member,
// and an open alert on it.
type serviceFixture struct {
	client        *ent.Client
	owner, reader context.Context
	alertID       int
}

func setup(t *testing.T) serviceFixture {
	t.Helper()
	client := database.NewClient(testdb.NewPool(t))
	sys := viewer.System(context.Background(), "test")
	owner := client.User.Create().SetEmail("kam@summit.example").SetName("KAM").SaveX(sys)
	reader := client.User.Create().SetEmail("sales@summit.example").SetName("Sales").SaveX(sys)
	acct := client.Account.Create().SetCode("A-1").SetName("杭州云栖科技").SetKind(account.KindB2B).SetOwnerID(owner.ID).SaveX(sys)
	client.AccountTeamMember.Create().SetAccountID(acct.ID).SetUserID(reader.ID).SetRole(accountteammember.RoleSALES).
		SetAccessLevel(accountteammember.AccessLevelREAD).ExecX(sys)
	now := time.Now()
	a := client.ChurnAlert.Create().SetAccountID(acct.ID).SetOwnerID(owner.ID).SetSeverity(churnalert.SeverityHIGH).
		SetRiskScore(60).SetSignals(json.RawMessage(`[]`)).SetOpenedAt(now).SetLastEvaluatedAt(now).SaveX(sys)
	as := func(u *ent.User, role viewer.Role) context.Context {
		return viewer.NewContext(context.Background(), &viewer.Viewer{Kind: viewer.KindUser, UserID: u.ID, Label: u.Email, Roles: []viewer.Role{role}})
	}
	return serviceFixture{client: client, owner: as(owner, viewer.RoleKeyAccountManager), reader: as(reader, viewer.RoleMember), alertID: a.ID}
}

func TestAStaleReadConflicts(t *testing.T) {
	t.Parallel()
	f := setup(t)
	stale, err := load(f.owner, f.client, "id", f.alertID)
	require.NoError(t, err)

	// A colleague resolves the alert after it was read ...
	sys := viewer.System(context.Background(), "test")
	_, err = Resolve(f.owner, f.client, f.alertID, OutcomeFalseAlarm, "seasonal dip", time.Now())
	require.NoError(t, err)
	resolved := f.client.ChurnAlert.GetX(sys, f.alertID)

	// ... so the change decided on the stale read is refused, not applied.
	c, err := DecideAcknowledge(ruleView(stale), "")
	require.NoError(t, err, "the stale read still looks open")
	_, err = apply(f.owner, f.client, stale, c, time.Now().Add(time.Minute), nil)
	requireRefusal(t, err, refusal.Conflict, "")
	require.ErrorContains(t, err, "now FALSE_ALARM")
	got := f.client.ChurnAlert.GetX(sys, f.alertID)
	require.Equal(t, churnalert.StatusFALSE_ALARM, got.Status)
	require.Equal(t, resolved.UpdatedAt, got.UpdatedAt, "the refused change wrote nothing")
	require.Equal(t, resolved.AcknowledgedAt, got.AcknowledgedAt)
}

func TestAReadOnlyTeamMemberIsForbidden(t *testing.T) {
	t.Parallel()
	f := setup(t)
	_, err := Acknowledge(f.reader, f.client, f.alertID, "", time.Now())
	requireRefusal(t, err, refusal.Forbidden, "")
	_, err = Resolve(f.reader, f.client, f.alertID, OutcomeLost, "gone", time.Now())
	requireRefusal(t, err, refusal.Forbidden, "")

	// A stranger cannot even see it.
	stranger := viewer.NewContext(context.Background(), &viewer.Viewer{Kind: viewer.KindUser, UserID: 999, Roles: []viewer.Role{viewer.RoleKeyAccountManager}})
	_, err = Acknowledge(stranger, f.client, f.alertID, "", time.Now())
	requireRefusal(t, err, refusal.NotFound, "id")

	a, err := Acknowledge(f.owner, f.client, f.alertID, "on it", time.Now())
	require.NoError(t, err)
	require.Equal(t, churnalert.StatusACKNOWLEDGED, a.Status)
}
