package accounts

import (
	"context"
	"fmt"
	"strings"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/accountteammember"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// AddTeamMemberInput puts a member of staff on an account's team.
type AddTeamMemberInput struct {
	AccountID int
	UserID    int
	Role      accountteammember.Role
	// AccessLevel defaults to READ.
	AccessLevel *accountteammember.AccessLevel
	// Reason is kept in the audit trail; required.
	Reason string
}

// UpdateTeamMemberInput changes a team member's role or access level.
type UpdateTeamMemberInput struct {
	Role        *accountteammember.Role
	AccessLevel *accountteammember.AccessLevel
	Reason      string
}

// teamChange is what the audit trail keeps of a team membership.
type teamChange struct {
	MemberID    int    `json:"memberID"`
	UserID      int    `json:"userID"`
	Role        string `json:"role"`
	AccessLevel string `json:"accessLevel"`
}

func teamSnapshot(m *ent.AccountTeamMember) teamChange {
	return teamChange{MemberID: m.ID, UserID: m.UserID, Role: m.Role.String(), AccessLevel: m.AccessLevel.String()}
}

var teamConstraints = map[string]string{
	"accountteammember_one_account_manager":     "the account already has an account manager",
	"accountteammember_account_id_user_id_role": "the user already has this role on the account's team",
}

// checkAccountEditable loads account id for a change of its data: not found
// when the viewer may not read it, forbidden when they may not change it.
func checkAccountEditable(ctx context.Context, client *ent.Client, id int) (*ent.Account, error) {
	a, err := client.Account.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("error loading account %d: %w", id, err)
	}
	ok, err := editable(ctx, client, id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errForbidden("account", id)
	}
	return a, nil
}

// checkSecondManager refuses a second ACCOUNT_MANAGER on an account (the
// database refuses it too, with a partial unique index; asking first gives
// a clear message and keeps the transaction usable).
func checkSecondManager(ctx context.Context, client *ent.Client, accountID, exceptMember int) error {
	others, err := client.AccountTeamMember.Query().
		Where(
			accountteammember.AccountID(accountID),
			accountteammember.RoleEQ(accountteammember.RoleACCOUNT_MANAGER),
			accountteammember.IDNEQ(exceptMember),
		).All(ctx)
	if err != nil {
		return fmt.Errorf("error loading the account manager of account %d: %w", accountID, err)
	}
	if len(others) > 0 {
		return refusal.Conflictf("account %d already has an account manager (user %d); change or remove that membership first", accountID, others[0].UserID)
	}
	return nil
}

// AddTeamMember adds a user to an account's team, audited as "team.add" on
// the account. An account has at most one ACCOUNT_MANAGER; a second one, or
// the same user twice in one role, is a conflict.
func AddTeamMember(ctx context.Context, client *ent.Client, in AddTeamMemberInput) (*ent.AccountTeamMember, error) {
	reason := strings.TrimSpace(in.Reason)
	if reason == "" {
		return nil, refusal.Invalidf("reason", "a reason is required")
	}
	if accountteammember.RoleValidator(in.Role) != nil {
		return nil, refusal.Invalidf("role", "unknown role %q", in.Role)
	}
	access := accountteammember.AccessLevelREAD
	if in.AccessLevel != nil {
		access = *in.AccessLevel
	}
	if accountteammember.AccessLevelValidator(access) != nil {
		return nil, refusal.Invalidf("accessLevel", "unknown access level %q", access)
	}
	if _, err := checkAccountEditable(ctx, client, in.AccountID); err != nil {
		return nil, err
	}
	u, err := client.User.Get(ctx, in.UserID)
	if ent.IsNotFound(err) {
		return nil, refusal.Invalidf("userID", "no such user")
	}
	if err != nil {
		return nil, fmt.Errorf("error loading user %d: %w", in.UserID, err)
	}
	if !u.Active {
		return nil, refusal.Invalidf("userID", "user %d is not active", in.UserID)
	}
	if in.Role == accountteammember.RoleACCOUNT_MANAGER {
		if err := checkSecondManager(ctx, client, in.AccountID, 0); err != nil {
			return nil, err
		}
	}
	dup, err := client.AccountTeamMember.Query().
		Where(accountteammember.AccountID(in.AccountID), accountteammember.UserID(in.UserID), accountteammember.RoleEQ(in.Role)).
		Exist(ctx)
	if err != nil {
		return nil, fmt.Errorf("error checking the team of account %d: %w", in.AccountID, err)
	}
	if dup {
		return nil, refusal.Conflictf("user %d is already on the team of account %d as %s", in.UserID, in.AccountID, in.Role)
	}
	create := client.AccountTeamMember.Create().
		SetAccountID(in.AccountID).
		SetUserID(in.UserID).
		SetRole(in.Role).
		SetAccessLevel(access)
	if v := viewer.FromContext(ctx); v != nil && v.UserID != 0 {
		create.SetAddedByID(v.UserID)
	}
	m, err := create.Save(ctx)
	if err != nil {
		return nil, constraintConflict(fmt.Errorf("error adding user %d to account %d: %w", in.UserID, in.AccountID, err), teamConstraints)
	}
	err = audit.Record(ctx, client, audit.Event{
		EntityType: "Account", EntityID: in.AccountID, Action: "team.add",
		After: teamSnapshot(m), Reason: reason,
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// loadMember loads team membership id for a change: not found when the
// viewer may not read its account, forbidden when they may not change it.
func loadMember(ctx context.Context, client *ent.Client, id int) (*ent.AccountTeamMember, error) {
	m, err := client.AccountTeamMember.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("error loading team member %d: %w", id, err)
	}
	if _, err := checkAccountEditable(ctx, client, m.AccountID); err != nil {
		return nil, err
	}
	return m, nil
}

// UpdateTeamMember changes a membership's role or access level, audited as
// "team.update".
func UpdateTeamMember(ctx context.Context, client *ent.Client, id int, in UpdateTeamMemberInput) (*ent.AccountTeamMember, error) {
	reason := strings.TrimSpace(in.Reason)
	if reason == "" {
		return nil, refusal.Invalidf("reason", "a reason is required")
	}
	if in.Role != nil && accountteammember.RoleValidator(*in.Role) != nil {
		return nil, refusal.Invalidf("role", "unknown role %q", *in.Role)
	}
	if in.AccessLevel != nil && accountteammember.AccessLevelValidator(*in.AccessLevel) != nil {
		return nil, refusal.Invalidf("accessLevel", "unknown access level %q", *in.AccessLevel)
	}
	before, err := loadMember(ctx, client, id)
	if err != nil {
		return nil, err
	}
	if in.Role != nil && *in.Role != before.Role {
		if *in.Role == accountteammember.RoleACCOUNT_MANAGER {
			if err := checkSecondManager(ctx, client, before.AccountID, id); err != nil {
				return nil, err
			}
		}
		dup, err := client.AccountTeamMember.Query().
			Where(accountteammember.AccountID(before.AccountID), accountteammember.UserID(before.UserID), accountteammember.RoleEQ(*in.Role)).
			Exist(ctx)
		if err != nil {
			return nil, fmt.Errorf("error checking the team of account %d: %w", before.AccountID, err)
		}
		if dup {
			return nil, refusal.Conflictf("user %d is already on the team of account %d as %s", before.UserID, before.AccountID, *in.Role)
		}
	}
	after, err := client.AccountTeamMember.UpdateOneID(id).
		SetNillableRole(in.Role).
		SetNillableAccessLevel(in.AccessLevel).
		Save(ctx)
	if err != nil {
		return nil, constraintConflict(fmt.Errorf("error updating team member %d: %w", id, err), teamConstraints)
	}
	err = audit.Record(ctx, client, audit.Event{
		EntityType: "Account", EntityID: before.AccountID, Action: "team.update",
		Before: teamSnapshot(before), After: teamSnapshot(after), Reason: reason,
	})
	if err != nil {
		return nil, err
	}
	return after, nil
}

// RemoveTeamMember takes a user off an account's team, audited as
// "team.remove". Removing the account manager leaves the account without
// one (a coverage gap) until another is added.
func RemoveTeamMember(ctx context.Context, client *ent.Client, id int, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return refusal.Invalidf("reason", "a reason is required")
	}
	m, err := loadMember(ctx, client, id)
	if err != nil {
		return err
	}
	if err := client.AccountTeamMember.DeleteOneID(id).Exec(ctx); err != nil {
		return fmt.Errorf("error removing team member %d: %w", id, err)
	}
	return audit.Record(ctx, client, audit.Event{
		EntityType: "Account", EntityID: m.AccountID, Action: "team.remove",
		Before: teamSnapshot(m), Reason: reason,
	})
}
