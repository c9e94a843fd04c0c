package partners

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/partnerprofile"
	"github.com/summitkam/summit/ent/roleassignment"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// ProfilePatch changes what a partner is graded on; nil fields stay. The
// tier and probation change only through evaluations.
type ProfilePatch struct {
	RegisteredCapital *int64
	// AnnualPerformance is the partner's own trailing-12-month performance.
	AnnualPerformance                      *int64
	CertifiedStaff, TotalStaff, SalesStaff *int
	Territory                              *string
	RegionsCovered                         []string // nil: unchanged; empty: none
	// ParentID sets the distributor this partner buys through; ClearParent
	// removes it.
	ParentID    *int
	ClearParent bool
	// CustomValues set (or, with a nil value, remove) custom criterion
	// values by code.
	CustomValues     map[string]*int64
	PartnerManagerID *int
}

// UpdateProfile changes a partner profile. Partner managers of the
// partner's region, executives and admins. A parent must be another partner
// the viewer reads, and may not sit below this partner (no cycles).
// Audited as partner.update with the fields before and after.
func (s Service) UpdateProfile(ctx context.Context, client *ent.Client, id int, p ProfilePatch) (*ent.PartnerProfile, error) {
	v := viewer.FromContext(ctx)
	if !mayGrade(v) {
		return nil, refusal.Forbiddenf("only partner managers, executives and admins edit partner profiles")
	}
	old, err := client.PartnerProfile.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("id", "partner %d not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading partner %d: %w", id, err)
	}
	before, after := map[string]any{}, map[string]any{}
	update := client.PartnerProfile.UpdateOneID(id)
	setInt64 := func(field string, v *int64, was int64, set func(int64)) error {
		if v == nil {
			return nil
		}
		if *v < 0 {
			return refusal.Invalidf("input."+field, "must not be negative")
		}
		if *v != was {
			before[field], after[field] = was, *v
			set(*v)
		}
		return nil
	}
	setInt := func(field string, v *int, was int, set func(int)) error {
		if v == nil {
			return nil
		}
		if *v < 0 {
			return refusal.Invalidf("input."+field, "must not be negative")
		}
		if *v != was {
			before[field], after[field] = was, *v
			set(*v)
		}
		return nil
	}
	for _, err := range []error{
		setInt64("registeredCapitalMinor", p.RegisteredCapital, old.RegisteredCapitalMinor, func(x int64) { update.SetRegisteredCapitalMinor(x) }),
		setInt64("annualPerformanceMinor", p.AnnualPerformance, old.AnnualPerformanceMinor, func(x int64) { update.SetAnnualPerformanceMinor(x) }),
		setInt("certifiedStaff", p.CertifiedStaff, old.CertifiedStaff, func(x int) { update.SetCertifiedStaff(x) }),
		setInt("totalStaff", p.TotalStaff, old.TotalStaff, func(x int) { update.SetTotalStaff(x) }),
		setInt("salesStaff", p.SalesStaff, old.SalesStaff, func(x int) { update.SetSalesStaff(x) }),
	} {
		if err != nil {
			return nil, err
		}
	}
	if p.Territory != nil && *p.Territory != old.Territory {
		if len([]rune(*p.Territory)) > 200 {
			return nil, refusal.Invalidf("input.territory", "at most 200 characters")
		}
		before["territory"], after["territory"] = old.Territory, *p.Territory
		update.SetTerritory(*p.Territory)
	}
	if p.RegionsCovered != nil {
		regions, err := normalizeRegions(p.RegionsCovered)
		if err != nil {
			return nil, err
		}
		if !slices.Equal(regions, old.RegionsCovered) {
			before["regions_covered"], after["regions_covered"] = old.RegionsCovered, regions
			update.SetRegionsCovered(regions)
		}
	}
	if err := s.patchParent(ctx, client, old, p, update, before, after); err != nil {
		return nil, err
	}
	if len(p.CustomValues) > 0 {
		values := maps.Clone(old.CustomValues)
		if values == nil {
			values = map[string]int64{}
		}
		for code, v := range p.CustomValues {
			if !codePattern.MatchString(code) {
				return nil, refusal.Invalidf("input.customValues", "custom criterion code %q must be capital letters, digits or underscores", code)
			}
			if v == nil {
				delete(values, code)
			} else {
				values[code] = *v
			}
		}
		before["custom_values"], after["custom_values"] = old.CustomValues, values
		update.SetCustomValues(values)
	}
	if p.PartnerManagerID != nil && (old.PartnerManagerID == nil || *old.PartnerManagerID != *p.PartnerManagerID) {
		isPM, err := client.RoleAssignment.Query().Where(roleassignment.UserID(*p.PartnerManagerID),
			roleassignment.RoleEQ(roleassignment.RolePARTNER_MANAGER)).Exist(systemRead(ctx))
		if err != nil {
			return nil, fmt.Errorf("error checking partner manager %d: %w", *p.PartnerManagerID, err)
		}
		if !isPM {
			return nil, refusal.Invalidf("input.partnerManagerID", "user %d is not a partner manager", *p.PartnerManagerID)
		}
		before["partner_manager_id"], after["partner_manager_id"] = old.PartnerManagerID, *p.PartnerManagerID
		update.SetPartnerManagerID(*p.PartnerManagerID)
	}
	if len(after) == 0 {
		return old, nil
	}
	saved, err := update.Save(ctx)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("id", "partner %d not found", id) // outside the viewer's regions
	}
	if err != nil {
		return nil, fmt.Errorf("error updating partner %d: %w", id, err)
	}
	if err := audit.Record(ctx, client, audit.Event{EntityType: "PartnerProfile", EntityID: id, Action: "partner.update",
		Before: before, After: after}); err != nil {
		return nil, err
	}
	return saved, nil
}

func (s Service) patchParent(ctx context.Context, client *ent.Client, old *ent.PartnerProfile, p ProfilePatch,
	update *ent.PartnerProfileUpdateOne, before, after map[string]any) error {
	switch {
	case p.ClearParent && p.ParentID != nil:
		return refusal.Invalidf("input.parentID", "give a parent or clear it, not both")
	case p.ClearParent:
		if old.ParentID != nil {
			before["parent_id"], after["parent_id"] = *old.ParentID, nil
			update.ClearParentID()
		}
		return nil
	case p.ParentID == nil || (old.ParentID != nil && *old.ParentID == *p.ParentID):
		return nil
	}
	parentID := *p.ParentID
	if parentID == old.ID {
		return refusal.Invalidf("input.parentID", "a partner cannot buy through itself")
	}
	exists, err := client.PartnerProfile.Query().Where(partnerprofile.ID(parentID)).Exist(ctx)
	if err != nil {
		return fmt.Errorf("error loading partner %d: %w", parentID, err)
	}
	if !exists {
		return refusal.NotFoundf("input.parentID", "partner %d not found", parentID)
	}
	// Walk up from the new parent: meeting this partner would close a
	// cycle.
	cursor := parentID
	for range MaxChainDepth {
		up, err := client.PartnerProfile.Query().Where(partnerprofile.ID(cursor)).Only(systemRead(ctx))
		if err != nil {
			return fmt.Errorf("error walking the chain above partner %d: %w", parentID, err)
		}
		if up.ParentID == nil {
			before["parent_id"], after["parent_id"] = old.ParentID, parentID
			update.SetParentID(parentID)
			return nil
		}
		if *up.ParentID == old.ID {
			return refusal.Conflictf("partner %d sits below partner %d; a chain cannot loop", parentID, old.ID).At("input.parentID")
		}
		cursor = *up.ParentID
	}
	return refusal.Conflictf("the chain above partner %d is deeper than %d levels", parentID, MaxChainDepth).At("input.parentID")
}

func normalizeRegions(in []string) ([]string, error) {
	out := make([]string, 0, len(in))
	for _, r := range in {
		r = strings.ToUpper(strings.TrimSpace(r))
		if !codePattern.MatchString(r) {
			return nil, refusal.Invalidf("input.regionsCovered", "region %q must be a code such as EAST", r)
		}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out, nil
}
