// Package staff changes who may do what: role assignments made by admins,
// each recorded in the audit trail in the same transaction.
package staff

import (
	"context"
	"fmt"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/roleassignment"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/viewer"
)

// roleChange is what the audit trail keeps of a role assignment.
type roleChange struct {
	Role   string `json:"role"`
	Region string `json:"region,omitempty"`
	Source string `json:"source"`
}

// AssignRole grants role to the user (an admin-made, LOCAL assignment) and
// audits it. client should be a transaction's client. Privacy rules refuse
// non-admins.
func AssignRole(ctx context.Context, client *ent.Client, userID int, role roleassignment.Role, region, reason string) (*ent.RoleAssignment, error) {
	create := client.RoleAssignment.Create().
		SetUserID(userID).
		SetRole(role).
		SetRegion(region).
		SetSource(roleassignment.SourceLOCAL)
	if v := viewer.FromContext(ctx); v != nil && v.UserID != 0 {
		create.SetGrantedByID(v.UserID)
	}
	ra, err := create.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error assigning role %s to user %d: %w", role, userID, err)
	}
	err = audit.Record(ctx, client, audit.Event{
		EntityType: "User", EntityID: userID, Action: "role.assign",
		After:  roleChange{Role: string(role), Region: region, Source: string(ra.Source)},
		Reason: reason,
	})
	if err != nil {
		return nil, err
	}
	return ra, nil
}

// RevokeRole removes a role assignment and audits it.
func RevokeRole(ctx context.Context, client *ent.Client, id int, reason string) error {
	ra, err := client.RoleAssignment.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("error loading role assignment %d: %w", id, err)
	}
	if err := client.RoleAssignment.DeleteOne(ra).Exec(ctx); err != nil {
		return fmt.Errorf("error revoking role assignment %d: %w", id, err)
	}
	return audit.Record(ctx, client, audit.Event{
		EntityType: "User", EntityID: ra.UserID, Action: "role.revoke",
		Before: roleChange{Role: string(ra.Role), Region: ra.Region, Source: string(ra.Source)},
		Reason: reason,
	})
}
