package partners

import (
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/partnerprofile"
	"github.com/summitkam/summit/ent/predicate"
	"github.com/summitkam/summit/ent/tierevaluation"
)

// Filter narrows a list of partner profiles (the API's PartnerFilter binds
// to it). Nil fields do not narrow.
type Filter struct {
	TierID *int
	// Untiered true keeps partners holding no tier, false those holding one.
	Untiered *bool
	// Region keeps partners whose account is in the region or who cover it.
	Region           *string
	OnProbation      *bool
	ChannelType      *partnerprofile.ChannelType
	PartnerManagerID *int
	// ParentID keeps the partners buying through this one.
	ParentID *int
	// PendingEvaluation true keeps partners with an evaluation awaiting a
	// decision (DRAFT) or an approval (SUBMITTED).
	PendingEvaluation *bool
	// Profile is any other condition on the profile.
	Profile *ent.PartnerProfileWhereInput
}

// Query returns the filter as an ent query option; a nil filter keeps
// every row.
func (where *Filter) Query() func(*ent.PartnerProfileQuery) (*ent.PartnerProfileQuery, error) {
	return func(q *ent.PartnerProfileQuery) (*ent.PartnerProfileQuery, error) {
		if where == nil {
			return q, nil
		}
		var ps []predicate.PartnerProfile
		if where.TierID != nil {
			ps = append(ps, partnerprofile.TierID(*where.TierID))
		}
		if where.Untiered != nil {
			if *where.Untiered {
				ps = append(ps, partnerprofile.TierIDIsNil())
			} else {
				ps = append(ps, partnerprofile.TierIDNotNil())
			}
		}
		if where.Region != nil {
			region := *where.Region
			ps = append(ps, partnerprofile.Or(
				partnerprofile.HasAccountWith(account.Region(region)),
				predicate.PartnerProfile(func(s *sql.Selector) {
					s.Where(sqljson.ValueContains(s.C(partnerprofile.FieldRegionsCovered), region))
				}),
			))
		}
		if where.OnProbation != nil {
			ps = append(ps, partnerprofile.OnProbation(*where.OnProbation))
		}
		if where.ChannelType != nil {
			ps = append(ps, partnerprofile.ChannelTypeEQ(*where.ChannelType))
		}
		if where.PartnerManagerID != nil {
			ps = append(ps, partnerprofile.PartnerManagerID(*where.PartnerManagerID))
		}
		if where.ParentID != nil {
			ps = append(ps, partnerprofile.ParentID(*where.ParentID))
		}
		if where.PendingEvaluation != nil {
			pending := partnerprofile.HasEvaluationsWith(tierevaluation.StatusIn(tierevaluation.StatusDRAFT, tierevaluation.StatusSUBMITTED))
			if *where.PendingEvaluation {
				ps = append(ps, pending)
			} else {
				ps = append(ps, partnerprofile.Not(pending))
			}
		}
		if where.Profile != nil {
			p, err := where.Profile.P()
			if err != nil {
				return nil, err
			}
			ps = append(ps, p)
		}
		return q.Where(ps...), nil
	}
}
