package classes

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/accountteammember"
	"github.com/summitkam/summit/ent/classpolicy"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/refusal"
)

// PolicyInput changes a class policy; nil fields stay as they are.
type PolicyInput struct {
	Label              *string
	LabelEn            *string
	Coverage           *string
	RequiredTeamRoles  []string // nil: unchanged; empty: none required
	ReviewCadenceDays  *int
	ContactCadenceDays *int
	AlertResponseDays  *int
	ServiceLevel       *string
	Entitlements       []string // nil: unchanged
	StrategyTemplate   *string
	ObjectiveTemplates json.RawMessage // nil: unchanged
	NotifyCustomer     *bool
	Terms              TermsInput
}

// UpdatePolicy changes the policy of a class. version is the version the
// admin read: a stale one is a conflict and changes nothing; the version
// increments. Admins only.
func UpdatePolicy(ctx context.Context, client *ent.Client, class classpolicy.Class, version int, in PolicyInput) (*ent.ClassPolicy, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	current, err := client.ClassPolicy.Query().Where(classpolicy.ClassEQ(class)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, &refusal.Error{Kind: refusal.NotFound, Field: "class", Message: fmt.Sprintf("no policy for class %s", class)}
	}
	if err != nil {
		return nil, fmt.Errorf("error loading the policy of class %s: %w", class, err)
	}
	if current.Version != version {
		return nil, &refusal.Error{Kind: refusal.Conflict, Field: "version", Message: fmt.Sprintf("the policy of class %s is at version %d, not %d; reload and retry", class, current.Version, version)}
	}
	update := client.ClassPolicy.Update().
		Where(classpolicy.ID(current.ID), classpolicy.Version(version)).
		SetVersion(version + 1)
	if err := applyPolicy(update.Mutation(), in); err != nil {
		return nil, err
	}
	if err := applyTerms(update, in.Terms); err != nil {
		return nil, err
	}
	n, err := update.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error updating the policy of class %s: %w", class, err)
	}
	if n == 0 {
		return nil, &refusal.Error{Kind: refusal.Conflict, Field: "version", Message: fmt.Sprintf("the policy of class %s changed meanwhile; reload and retry", class)}
	}
	saved, err := client.ClassPolicy.Get(ctx, current.ID)
	if err != nil {
		return nil, fmt.Errorf("error loading the policy of class %s: %w", class, err)
	}
	if err := audit.Record(ctx, client, audit.Event{
		EntityType: "ClassPolicy", EntityID: saved.ID, Action: "class_policy.update",
		Before: current, After: saved,
	}); err != nil {
		return nil, err
	}
	return saved, nil
}

// applyPolicy checks the given fields of in and sets them on m.
func applyPolicy(m *ent.ClassPolicyMutation, in PolicyInput) error {
	for field, value := range map[string]*string{"label": in.Label, "labelEn": in.LabelEn} {
		if value != nil && strings.TrimSpace(*value) == "" {
			return refusal.Invalidf("input."+field, "must not be empty")
		}
	}
	if in.Label != nil {
		m.SetLabel(strings.TrimSpace(*in.Label))
	}
	if in.LabelEn != nil {
		m.SetLabelEn(strings.TrimSpace(*in.LabelEn))
	}
	if in.Coverage != nil {
		m.SetCoverage(*in.Coverage)
	}
	if in.RequiredTeamRoles != nil {
		for i, role := range in.RequiredTeamRoles {
			if err := accountteammember.RoleValidator(accountteammember.Role(role)); err != nil {
				return refusal.Invalidf(fmt.Sprintf("input.requiredTeamRoles[%d]", i), "unknown team role %q", role)
			}
		}
		m.SetRequiredTeamRoles(in.RequiredTeamRoles)
	}
	for field, days := range map[string]*int{"reviewCadenceDays": in.ReviewCadenceDays, "contactCadenceDays": in.ContactCadenceDays, "alertResponseDays": in.AlertResponseDays} {
		if days != nil && *days <= 0 {
			return refusal.Invalidf("input."+field, "must be a positive number of days")
		}
	}
	if in.ReviewCadenceDays != nil {
		m.SetReviewCadenceDays(*in.ReviewCadenceDays)
	}
	if in.ContactCadenceDays != nil {
		m.SetContactCadenceDays(*in.ContactCadenceDays)
	}
	if in.AlertResponseDays != nil {
		m.SetAlertResponseDays(*in.AlertResponseDays)
	}
	if in.ServiceLevel != nil {
		m.SetServiceLevel(*in.ServiceLevel)
	}
	if in.Entitlements != nil {
		m.SetEntitlements(in.Entitlements)
	}
	if in.StrategyTemplate != nil {
		m.SetStrategyTemplate(*in.StrategyTemplate)
	}
	if in.ObjectiveTemplates != nil {
		if !json.Valid(in.ObjectiveTemplates) {
			return refusal.Invalidf("input.objectiveTemplates", "must be JSON")
		}
		m.SetObjectiveTemplates(in.ObjectiveTemplates)
	}
	if in.NotifyCustomer != nil {
		m.SetNotifyCustomer(*in.NotifyCustomer)
	}
	return nil
}

// CreatePolicy creates the policy of a class that has none (a database
// whose defaults were removed, or installed without them): label and
// labelEn are required, other fields left out take their defaults. Admins
// only; CONFLICT when the class has a policy (change it with UpdatePolicy).
// Audited as class_policy.create.
func CreatePolicy(ctx context.Context, client *ent.Client, class classpolicy.Class, in PolicyInput) (*ent.ClassPolicy, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	if err := classpolicy.ClassValidator(class); err != nil {
		return nil, refusal.Invalidf("class", "unknown class %q", class)
	}
	for field, value := range map[string]*string{"label": in.Label, "labelEn": in.LabelEn} {
		if value == nil {
			return nil, refusal.Invalidf("input."+field, "is required")
		}
	}
	exists, err := client.ClassPolicy.Query().Where(classpolicy.ClassEQ(class)).Exist(ctx)
	if err != nil {
		return nil, fmt.Errorf("error loading the policy of class %s: %w", class, err)
	}
	if exists {
		return nil, &refusal.Error{Kind: refusal.Conflict, Field: "class", Message: fmt.Sprintf("class %s has a policy; change it with updateClassPolicy", class)}
	}
	create := client.ClassPolicy.Create().SetClass(class)
	if err := applyPolicy(create.Mutation(), in); err != nil {
		return nil, err
	}
	saved, err := create.Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, &refusal.Error{Kind: refusal.Conflict, Field: "class", Message: fmt.Sprintf("class %s has a policy; change it with updateClassPolicy", class)}
	}
	if err != nil {
		return nil, fmt.Errorf("error creating the policy of class %s: %w", class, err)
	}
	if err := audit.Record(ctx, client, audit.Event{
		EntityType: "ClassPolicy", EntityID: saved.ID, Action: "class_policy.create", After: saved,
	}); err != nil {
		return nil, err
	}
	return saved, nil
}
