package graph

import (
	"context"
	"fmt"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/partnertier"
	"github.com/summitkam/summit/ent/tierbenefit"
	"github.com/summitkam/summit/ent/tierevaluation"
	"github.com/summitkam/summit/ent/tierrequirement"
	"github.com/summitkam/summit/graph/model"
	"github.com/summitkam/summit/internal/partners"
)

// partnerService is the partners service of the API: the real clock.
var partnerService = partners.Service{}

// partnerProgress is a partner's progress with the ladder's ent rows, to
// resolve the tiers it names.
type partnerProgress struct {
	progress partners.Progress
	tiers    map[int]*ent.PartnerTier
}

// partnerProgressLoader evaluates a page of partner profiles at once: the
// ladder, and every partner's figures with the roll-up, in one statement
// each, whatever the page size.
var partnerProgressLoader = &pageLoader[int, partnerProgress]{
	siblings: func(ctx context.Context, _ int) []int { return listedPartners(ctx) },
	fetch: func(ctx context.Context, client *ent.Client, ids []int) (map[int]partnerProgress, error) {
		progress, err := partnerService.ProgressOf(ctx, client, ids)
		if err != nil {
			return nil, err
		}
		rows, err := client.PartnerTier.Query().All(ctx)
		if err != nil {
			return nil, fmt.Errorf("error loading the tier ladder: %w", err)
		}
		tiers := make(map[int]*ent.PartnerTier, len(rows))
		for _, t := range rows {
			tiers[t.ID] = t
		}
		out := make(map[int]partnerProgress, len(progress))
		for id, p := range progress {
			out[id] = partnerProgress{progress: p, tiers: tiers}
		}
		return out, nil
	},
}

// listedPartners returns the ids of the partner profiles of the list the
// field being resolved sits in: a partners page, or sub-partners.
func listedPartners(ctx context.Context) []int {
	var ids []int
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		switch list := fc.Result.(type) {
		case []*ent.PartnerProfileEdge:
			for _, e := range list {
				if e != nil && e.Node != nil {
					ids = append(ids, e.Node.ID)
				}
			}
			return ids
		case []*ent.PartnerProfile:
			for _, p := range list {
				if p != nil {
					ids = append(ids, p.ID)
				}
			}
			return ids
		}
	}
	return nil
}

func (r *Resolver) loadPartnerProgress(ctx context.Context, profile *ent.PartnerProfile) (partnerProgress, error) {
	p, ok, err := partnerProgressLoader.load(ctx, r.client(ctx), profile.ID)
	if err != nil {
		return p, err
	}
	if !ok {
		return p, fmt.Errorf("no figures for partner %d", profile.ID)
	}
	return p, nil
}

func tierProgress(pp partnerProgress, profile *ent.PartnerProfile, now time.Time) *model.TierProgress {
	p := pp.progress
	e := p.Evaluation
	tierRow := func(t *partners.Tier) *ent.PartnerTier {
		if t == nil {
			return nil
		}
		return pp.tiers[t.ID]
	}
	out := &model.TierProgress{
		CurrentTier:   tierRow(p.Current),
		SupportedTier: tierRow(e.Supported),
		NextTier:      tierRow(e.Next),
		Standing:      model.PartnerStanding(p.Standing),
		Proposal:      tierevaluation.Proposal(partners.ProposalFor(p.Current, e.Supported)),
		Figures: &model.PartnerFigures{
			RegisteredCapitalMinor: e.Figures.RegisteredCapital, PerformanceMinor: e.Figures.Performance,
			OwnPerformanceMinor: e.Figures.OwnPerformance, SubPartners: e.Figures.SubPartners,
			CertifiedStaff: e.Figures.CertifiedStaff, TotalStaff: e.Figures.TotalStaff, SalesStaff: e.Figures.SalesStaff,
		},
		Tiers:         make([]*model.TierCheck, 0, len(e.Checks)),
		Gaps:          tierGaps(e.Gaps),
		GapsToCurrent: tierGaps(p.GapsToCurrent),
		OnProbation:   profile.OnProbation,
	}
	for _, check := range e.Checks {
		c := &model.TierCheck{Tier: tierRow(check.Tier), Passed: check.Passed, Criteria: make([]*model.TierCriterionResult, len(check.Criteria))}
		for i, res := range check.Criteria {
			c.Criteria[i] = &model.TierCriterionResult{
				Criterion: tierrequirement.Criterion(res.Criterion), CustomCode: optional(res.CustomCode),
				Label: res.LabelZH(), LabelEn: res.LabelEN(), Minimum: res.Min, Value: res.Value,
				Missing: res.Missing, Passed: res.Passed, Gap: res.Gap, EvidenceRequired: res.EvidenceRequired,
			}
		}
		out.Tiers = append(out.Tiers, c)
	}
	if profile.OnProbation && profile.ProbationUntil != nil {
		until := partners.Day(*profile.ProbationUntil)
		out.ProbationUntil = &until
		days := max(0, int(until.Sub(partners.Day(now)).Hours()/24))
		out.ProbationDaysLeft = &days
	}
	return out
}

func tierGaps(gaps []partners.Gap) []*model.TierGap {
	out := make([]*model.TierGap, len(gaps))
	for i, g := range gaps {
		out[i] = &model.TierGap{Criterion: tierrequirement.Criterion(g.Criterion), CustomCode: optional(g.CustomCode),
			Missing: g.Missing, Text: g.TextZH, TextEn: g.TextEN}
	}
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func tierInput(in model.CreatePartnerTierInput) partners.TierInput {
	out := partners.TierInput{Code: in.Code, Rank: in.Rank, Name: in.Name, NameEN: in.NameEn, Description: deref(in.Description)}
	out.Requirements = requirementInputs(in.Requirements)
	out.Benefits = benefitInputs(in.Benefits)
	return out
}

func requirementInputs(in []*model.TierRequirementInput) []partners.Requirement {
	out := make([]partners.Requirement, len(in))
	for i, r := range in {
		out[i] = partners.Requirement{Criterion: partners.Criterion(r.Criterion), CustomCode: deref(r.CustomCode),
			Label: deref(r.Label), Min: r.Min}
		if r.EvidenceRequired != nil {
			out[i].EvidenceRequired = *r.EvidenceRequired
		}
	}
	return out
}

func benefitInputs(in []*model.TierBenefitInput) []partners.Benefit {
	out := make([]partners.Benefit, len(in))
	for i, b := range in {
		out[i] = partners.Benefit{Kind: tierbenefit.Kind(b.Kind), Description: deref(b.Description)}
		if b.Value != nil {
			out[i].Value = *b.Value
		}
	}
	return out
}

func profilePatch(in model.UpdatePartnerProfileInput) partners.ProfilePatch {
	p := partners.ProfilePatch{
		RegisteredCapital: in.RegisteredCapitalMinor, AnnualPerformance: in.AnnualPerformanceMinor,
		CertifiedStaff: in.CertifiedStaff, TotalStaff: in.TotalStaff, SalesStaff: in.SalesStaff,
		Territory: in.Territory, RegionsCovered: in.RegionsCovered, ParentID: in.ParentID,
		PartnerManagerID: in.PartnerManagerID,
	}
	if in.ClearParent != nil {
		p.ClearParent = *in.ClearParent
	}
	if len(in.CustomValues) > 0 {
		p.CustomValues = map[string]*int64{}
		for _, c := range in.CustomValues {
			p.CustomValues[c.Code] = c.Value
		}
	}
	return p
}

// partnerTiers lists the ladder, rank 1 first.
func partnerTiers(ctx context.Context, client *ent.Client) ([]*ent.PartnerTier, error) {
	return client.PartnerTier.Query().Order(partnertier.ByRank()).All(ctx)
}
