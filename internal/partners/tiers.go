package partners

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/partnerprofile"
	"github.com/summitkam/summit/ent/partnertier"
	"github.com/summitkam/summit/ent/tierbenefit"
	"github.com/summitkam/summit/ent/tierevaluation"
	"github.com/summitkam/summit/ent/tierrequirement"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// LoadLadder reads the ladder with its requirements.
func LoadLadder(ctx context.Context, client *ent.Client) (Ladder, error) {
	rows, err := client.PartnerTier.Query().WithRequirements().Order(partnertier.ByRank()).All(ctx)
	if err != nil {
		return Ladder{}, fmt.Errorf("error loading the tier ladder: %w", err)
	}
	tiers := make([]Tier, len(rows))
	for i, row := range rows {
		tiers[i] = tierOf(row)
	}
	// The stored ladder is trusted as it is (ranks and codes are unique by
	// index); validation is for changes.
	return Ladder{Tiers: tiers}, nil
}

func tierOf(row *ent.PartnerTier) Tier {
	t := Tier{ID: row.ID, Rank: row.Rank, Code: row.Code, Name: row.Name, NameEN: row.NameEn}
	for _, r := range row.Edges.Requirements {
		t.Requirements = append(t.Requirements, Requirement{
			Criterion: Criterion(r.Criterion), CustomCode: r.CustomCode, Label: r.Label,
			EvidenceRequired: r.EvidenceRequired, Min: r.MinValue,
		})
	}
	return t
}

// Benefit is what a tier earns a partner.
type Benefit struct {
	Kind tierbenefit.Kind
	// Value is basis points for DISCOUNT and REBATE (750 = 7.5%), minor
	// units for MARKETING_FUND and CREDIT_LIMIT, 0 for TERRITORY (whose
	// description is the territory) and OTHER.
	Value       int64
	Description string
}

// TierInput creates a tier.
type TierInput struct {
	Code, Name, NameEN, Description string
	Rank                            int
	Requirements                    []Requirement
	Benefits                        []Benefit
}

// TierPatch changes a tier; nil fields stay.
type TierPatch struct {
	Code, Name, NameEN, Description *string
	Rank                            *int
}

// ErrAdminsOnly refuses a change to the ladder, or an on-demand
// re-evaluation, by anyone but an admin.
var ErrAdminsOnly = refusal.Forbiddenf("only admins change the tier ladder and start re-evaluations")

func requireAdmin(ctx context.Context) error {
	v := viewer.FromContext(ctx)
	if !v.IsSystem() && !v.Has(viewer.RoleAdmin) {
		return ErrAdminsOnly
	}
	return nil
}

// CreateTier adds a tier with its requirements and benefits. Admins only.
// The rank and code must be free (CONFLICT otherwise). Audited as
// tier.create.
func CreateTier(ctx context.Context, client *ent.Client, in TierInput) (*ent.PartnerTier, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	in.Code, in.Name, in.NameEN = strings.TrimSpace(in.Code), strings.TrimSpace(in.Name), strings.TrimSpace(in.NameEN)
	if err := ValidateTier(Tier{Rank: in.Rank, Code: in.Code, Name: in.Name, NameEN: in.NameEN, Requirements: in.Requirements}); err != nil {
		return nil, tierInvalid(err, "input.")
	}
	if err := validateBenefits(in.Benefits, "input.benefits"); err != nil {
		return nil, err
	}
	if err := checkFree(ctx, client, 0, &in.Code, &in.Rank); err != nil {
		return nil, err
	}
	t, err := client.PartnerTier.Create().SetCode(in.Code).SetRank(in.Rank).SetName(in.Name).SetNameEn(in.NameEN).
		SetDescription(in.Description).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error creating tier %s: %w", in.Code, err)
	}
	if err := writeRequirements(ctx, client, t.ID, in.Requirements); err != nil {
		return nil, err
	}
	if err := writeBenefits(ctx, client, t.ID, in.Benefits); err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, client, audit.Event{EntityType: "PartnerTier", EntityID: t.ID, Action: "tier.create",
		After: map[string]any{"code": t.Code, "rank": t.Rank, "name": t.Name, "name_en": t.NameEn,
			"requirements": in.Requirements, "benefits": benefitsJSON(in.Benefits)}}); err != nil {
		return nil, err
	}
	return t, nil
}

// UpdateTier changes a tier's code, names, description or rank. Admins
// only; a taken rank or code is a CONFLICT (move a tier to a free rank
// first to swap two). Audited as tier.update.
func UpdateTier(ctx context.Context, client *ent.Client, id int, p TierPatch) (*ent.PartnerTier, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	old, err := client.PartnerTier.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("id", "tier %d not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading tier %d: %w", id, err)
	}
	next := Tier{Rank: old.Rank, Code: old.Code, Name: old.Name, NameEN: old.NameEn}
	description := old.Description
	if p.Code != nil {
		next.Code = strings.TrimSpace(*p.Code)
	}
	if p.Name != nil {
		next.Name = strings.TrimSpace(*p.Name)
	}
	if p.NameEN != nil {
		next.NameEN = strings.TrimSpace(*p.NameEN)
	}
	if p.Rank != nil {
		next.Rank = *p.Rank
	}
	if p.Description != nil {
		description = *p.Description
	}
	if err := ValidateTier(next); err != nil {
		return nil, tierInvalid(err, "input.")
	}
	var code *string
	var rank *int
	if next.Code != old.Code {
		code = &next.Code
	}
	if next.Rank != old.Rank {
		rank = &next.Rank
	}
	if err := checkFree(ctx, client, id, code, rank); err != nil {
		return nil, err
	}
	t, err := client.PartnerTier.UpdateOneID(id).SetCode(next.Code).SetRank(next.Rank).SetName(next.Name).
		SetNameEn(next.NameEN).SetDescription(description).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error updating tier %d: %w", id, err)
	}
	if err := audit.Record(ctx, client, audit.Event{EntityType: "PartnerTier", EntityID: id, Action: "tier.update",
		Before: map[string]any{"code": old.Code, "rank": old.Rank, "name": old.Name, "name_en": old.NameEn, "description": old.Description},
		After:  map[string]any{"code": t.Code, "rank": t.Rank, "name": t.Name, "name_en": t.NameEn, "description": t.Description}}); err != nil {
		return nil, err
	}
	return t, nil
}

// DeleteTier removes a tier with its requirements and benefits. Admins
// only. A tier held by any partner, or suggested or decided by an
// evaluation still open, is a CONFLICT. Past evaluations keep the tier's
// code in their explanation. Audited as tier.delete.
func DeleteTier(ctx context.Context, client *ent.Client, id int) error {
	if err := requireAdmin(ctx); err != nil {
		return err
	}
	t, err := client.PartnerTier.Query().Where(partnertier.ID(id)).WithRequirements().WithBenefits().Only(ctx)
	if ent.IsNotFound(err) {
		return refusal.NotFoundf("id", "tier %d not found", id)
	}
	if err != nil {
		return fmt.Errorf("error loading tier %d: %w", id, err)
	}
	// Every holder counts, whichever the admin's own view of accounts.
	held, err := client.PartnerProfile.Query().Where(partnerprofile.TierID(id)).Count(systemRead(ctx))
	if err != nil {
		return fmt.Errorf("error counting holders of tier %d: %w", id, err)
	}
	if held > 0 {
		return refusal.Conflictf("tier %s is held by %d partners; move them to another tier first", t.Code, held)
	}
	open, err := client.TierEvaluation.Query().Where(
		tierevaluation.StatusIn(tierevaluation.StatusDRAFT, tierevaluation.StatusSUBMITTED),
		tierevaluation.Or(tierevaluation.SuggestedTierID(id), tierevaluation.DecidedTierID(id)),
	).Count(systemRead(ctx))
	if err != nil {
		return fmt.Errorf("error counting open evaluations of tier %d: %w", id, err)
	}
	if open > 0 {
		return refusal.Conflictf("tier %s is proposed by %d open evaluations; decide them first", t.Code, open)
	}
	if _, err := client.TierRequirement.Delete().Where(tierrequirement.TierID(id)).Exec(ctx); err != nil {
		return fmt.Errorf("error deleting the requirements of tier %d: %w", id, err)
	}
	if _, err := client.TierBenefit.Delete().Where(tierbenefit.TierID(id)).Exec(ctx); err != nil {
		return fmt.Errorf("error deleting the benefits of tier %d: %w", id, err)
	}
	if err := client.PartnerTier.DeleteOneID(id).Exec(ctx); err != nil {
		return fmt.Errorf("error deleting tier %d: %w", id, err)
	}
	return audit.Record(ctx, client, audit.Event{EntityType: "PartnerTier", EntityID: id, Action: "tier.delete",
		Before: map[string]any{"code": t.Code, "rank": t.Rank, "name": t.Name, "name_en": t.NameEn,
			"requirements": tierOf(t).Requirements, "benefits": len(t.Edges.Benefits)}})
}

// SetRequirements replaces a tier's requirements. Admins only. Audited as
// tier.requirements.
func SetRequirements(ctx context.Context, client *ent.Client, tierID int, reqs []Requirement) (*ent.PartnerTier, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	t, err := client.PartnerTier.Query().Where(partnertier.ID(tierID)).WithRequirements().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("tierID", "tier %d not found", tierID)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading tier %d: %w", tierID, err)
	}
	if err := ValidateTier(Tier{Rank: t.Rank, Code: t.Code, Name: t.Name, NameEN: t.NameEn, Requirements: reqs}); err != nil {
		return nil, tierInvalid(err, "")
	}
	if _, err := client.TierRequirement.Delete().Where(tierrequirement.TierID(tierID)).Exec(ctx); err != nil {
		return nil, fmt.Errorf("error replacing the requirements of tier %d: %w", tierID, err)
	}
	if err := writeRequirements(ctx, client, tierID, reqs); err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, client, audit.Event{EntityType: "PartnerTier", EntityID: tierID, Action: "tier.requirements",
		Before: map[string]any{"requirements": tierOf(t).Requirements}, After: map[string]any{"requirements": reqs}}); err != nil {
		return nil, err
	}
	return t, nil
}

// SetBenefits replaces a tier's benefits. Admins only. Audited as
// tier.benefits.
func SetBenefits(ctx context.Context, client *ent.Client, tierID int, bens []Benefit) (*ent.PartnerTier, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	t, err := client.PartnerTier.Query().Where(partnertier.ID(tierID)).WithBenefits().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("tierID", "tier %d not found", tierID)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading tier %d: %w", tierID, err)
	}
	if err := validateBenefits(bens, "benefits"); err != nil {
		return nil, err
	}
	if _, err := client.TierBenefit.Delete().Where(tierbenefit.TierID(tierID)).Exec(ctx); err != nil {
		return nil, fmt.Errorf("error replacing the benefits of tier %d: %w", tierID, err)
	}
	if err := writeBenefits(ctx, client, tierID, bens); err != nil {
		return nil, err
	}
	before := make([]Benefit, len(t.Edges.Benefits))
	for i, b := range t.Edges.Benefits {
		before[i] = Benefit{Kind: b.Kind, Value: b.Value, Description: b.Description}
	}
	if err := audit.Record(ctx, client, audit.Event{EntityType: "PartnerTier", EntityID: tierID, Action: "tier.benefits",
		Before: map[string]any{"benefits": benefitsJSON(before)}, After: map[string]any{"benefits": benefitsJSON(bens)}}); err != nil {
		return nil, err
	}
	return t, nil
}

// checkFree refuses a code or rank another tier than id holds.
func checkFree(ctx context.Context, client *ent.Client, id int, code *string, rank *int) error {
	if code != nil {
		taken, err := client.PartnerTier.Query().Where(partnertier.Code(*code), partnertier.IDNEQ(id)).Exist(ctx)
		if err != nil {
			return fmt.Errorf("error checking tier codes: %w", err)
		}
		if taken {
			return refusal.Conflictf("another tier has code %s", *code).At("input.code")
		}
	}
	if rank != nil {
		other, err := client.PartnerTier.Query().Where(partnertier.Rank(*rank), partnertier.IDNEQ(id)).Only(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return fmt.Errorf("error checking tier ranks: %w", err)
		}
		if other != nil {
			return refusal.Conflictf("rank %d is held by %s; ranks are unique", *rank, other.Code).At("input.rank")
		}
	}
	return nil
}

func writeRequirements(ctx context.Context, client *ent.Client, tierID int, reqs []Requirement) error {
	if len(reqs) == 0 {
		return nil
	}
	creates := make([]*ent.TierRequirementCreate, len(reqs))
	for i, r := range reqs {
		c := client.TierRequirement.Create().SetTierID(tierID).SetCriterion(tierrequirement.Criterion(r.Criterion)).
			SetMinValue(r.Min).SetEvidenceRequired(r.EvidenceRequired)
		if r.CustomCode != "" {
			c.SetCustomCode(r.CustomCode)
		}
		if r.Label != "" {
			c.SetLabel(r.Label)
		}
		creates[i] = c
	}
	if err := client.TierRequirement.CreateBulk(creates...).Exec(ctx); err != nil {
		return fmt.Errorf("error writing the requirements of tier %d: %w", tierID, err)
	}
	return nil
}

func writeBenefits(ctx context.Context, client *ent.Client, tierID int, bens []Benefit) error {
	if len(bens) == 0 {
		return nil
	}
	creates := make([]*ent.TierBenefitCreate, len(bens))
	for i, b := range bens {
		creates[i] = client.TierBenefit.Create().SetTierID(tierID).SetKind(b.Kind).SetValue(b.Value).SetDescription(b.Description)
	}
	if err := client.TierBenefit.CreateBulk(creates...).Exec(ctx); err != nil {
		return fmt.Errorf("error writing the benefits of tier %d: %w", tierID, err)
	}
	return nil
}

// validateBenefits: known kinds; percentages 0–100% in basis points;
// amounts not negative; a TERRITORY says which territory; one benefit per
// kind except OTHER.
func validateBenefits(bens []Benefit, path string) error {
	seen := map[tierbenefit.Kind]bool{}
	for i, b := range bens {
		field := fmt.Sprintf("%s[%d]", path, i)
		if err := tierbenefit.KindValidator(b.Kind); err != nil {
			return refusal.Invalidf(field+".kind", "unknown benefit kind %q", b.Kind)
		}
		switch b.Kind {
		case tierbenefit.KindDISCOUNT, tierbenefit.KindREBATE:
			if b.Value < 0 || b.Value > 10_000 {
				return refusal.Invalidf(field+".value", "a %s is in basis points between 0 and 10000 (100%%), got %d", b.Kind, b.Value)
			}
		case tierbenefit.KindTERRITORY:
			if strings.TrimSpace(b.Description) == "" {
				return refusal.Invalidf(field+".description", "a TERRITORY benefit says which territory")
			}
		default:
			if b.Value < 0 {
				return refusal.Invalidf(field+".value", "must not be negative")
			}
		}
		if len([]rune(b.Description)) > 500 {
			return refusal.Invalidf(field+".description", "at most 500 characters")
		}
		if seen[b.Kind] && b.Kind != tierbenefit.KindOTHER {
			return refusal.Invalidf(field+".kind", "%s is given twice", b.Kind)
		}
		seen[b.Kind] = true
	}
	return nil
}

func benefitsJSON(bens []Benefit) []map[string]any {
	out := make([]map[string]any, len(bens))
	for i, b := range bens {
		out[i] = map[string]any{"kind": b.Kind, "value": b.Value, "description": b.Description}
	}
	return out
}

// tierInvalid turns the pure ladder's TierError into a refusal listing every
// problem, with paths under prefix (e.g. "input."); other errors pass
// through.
func tierInvalid(err error, prefix string) error {
	var te *TierError
	if !errors.As(err, &te) {
		return err
	}
	r := &refusal.Error{Kind: refusal.Invalid, Message: te.Error()}
	for _, p := range te.Problems {
		r.Fields = append(r.Fields, refusal.FieldError{Path: prefix + p.Field, Message: p.Message})
	}
	if len(te.Problems) == 1 {
		r.Field = prefix + te.Problems[0].Field
		r.Message = te.Problems[0].Message
	}
	return r
}
