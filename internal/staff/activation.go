package staff

import (
	"context"
	"fmt"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// SetUserActive deactivates (active=false) or reactivates a member of staff
// and audits it (user.deactivate / user.reactivate, before and after). A
// deactivated user's sessions and tokens stop at their next request (the
// auth service checks active every time), and their role assignments stay
// so a reactivation restores them. Admins only; an admin cannot deactivate
// themselves (nobody would be left to undo it on a one-admin install).
func SetUserActive(ctx context.Context, client *ent.Client, userID int, active bool, reason string) (*ent.User, error) {
	v := viewer.FromContext(ctx)
	if err := requireAdmin(ctx, "activate or deactivate users"); err != nil {
		return nil, err
	}
	if !active && v.UserID == userID {
		return nil, refusal.Invalidf("id", "you cannot deactivate yourself")
	}
	u, err := client.User.Get(ctx, userID)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("id", "user %d not found", userID)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading user %d: %w", userID, err)
	}
	if u.Active == active {
		return u, nil
	}
	u, err = client.User.UpdateOne(u).SetActive(active).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error setting user %d active=%t: %w", userID, active, err)
	}
	action := "user.deactivate"
	if active {
		action = "user.reactivate"
	}
	err = audit.Record(ctx, client, audit.Event{
		EntityType: "User", EntityID: userID, Action: action,
		Before: map[string]bool{"active": !active}, After: map[string]bool{"active": active},
		Reason: reason,
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}
