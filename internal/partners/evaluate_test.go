package partners

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/grading"
)

// yuan is an amount in minor units.
func yuan(v int64) int64 { return v * 100 }

// testLadder is the default ladder of the source documents (seed 003) with
// the seed's minimums, plus a custom criterion on GOLD.
func testLadder(t *testing.T) Ladder {
	t.Helper()
	req := func(capital, performance, certified int64) []Requirement {
		return []Requirement{
			{Criterion: RegisteredCapital, Min: yuan(capital)},
			{Criterion: AnnualPerformance, Min: yuan(performance)},
			{Criterion: CertifiedStaff, Min: certified},
		}
	}
	gold := req(10_000_000, 5_000_000, 8)
	gold = append(gold, Requirement{Criterion: Custom, CustomCode: "SHOWROOM_M2", Label: "展厅面积 m²", Min: 200, EvidenceRequired: true})
	l, err := NewLadder([]Tier{
		// Out of order on purpose: NewLadder sorts by rank.
		{ID: 30, Rank: 3, Code: "GOLD", Name: "金牌经销商", NameEN: "Gold dealer", Requirements: gold},
		{ID: 10, Rank: 1, Code: "GENERAL_DISTRIBUTOR", Name: "总经销商", NameEN: "General distributor", Requirements: req(50_000_000, 30_000_000, 30)},
		{ID: 20, Rank: 2, Code: "TIER1", Name: "一级经销商", NameEN: "Tier-1 distributor", Requirements: req(20_000_000, 12_000_000, 15)},
		{ID: 40, Rank: 4, Code: "SILVER", Name: "银牌经销商", NameEN: "Silver dealer", Requirements: req(5_000_000, 2_000_000, 4)},
		{ID: 50, Rank: 5, Code: "CERTIFIED", Name: "认证经销商", NameEN: "Certified dealer", Requirements: req(1_000_000, 500_000, 2)},
	})
	require.NoError(t, err)
	return l
}

// at returns figures exactly at a tier's minimums (the custom value too).
func at(l Ladder, code string) Figures {
	f := Figures{Custom: map[string]int64{}}
	for _, t := range l.Tiers {
		if t.Code != code {
			continue
		}
		for _, r := range t.Requirements {
			switch r.Criterion {
			case RegisteredCapital:
				f.RegisteredCapital = r.Min
			case AnnualPerformance:
				f.Performance, f.OwnPerformance = r.Min, r.Min
			case CertifiedStaff:
				f.CertifiedStaff = r.Min
			case Custom:
				f.Custom[r.CustomCode] = r.Min
			}
		}
	}
	return f
}

func code(t *Tier) string {
	if t == nil {
		return ""
	}
	return t.Code
}

// Every boundary: exactly at a tier's minimums supports it; one unit below
// on any one criterion supports the tier beneath.
func TestEvaluateTierBoundaries(t *testing.T) {
	t.Parallel()
	l := testLadder(t)
	below := map[string]string{"GENERAL_DISTRIBUTOR": "TIER1", "TIER1": "GOLD", "GOLD": "SILVER", "SILVER": "CERTIFIED", "CERTIFIED": ""}
	for _, tier := range l.Tiers {
		f := at(l, tier.Code)
		if tier.Rank < 3 {
			f.Custom["SHOWROOM_M2"] = 200 // the custom GOLD criterion is met from above
		}
		e := l.Evaluate(f)
		require.Equal(t, tier.Code, code(e.Supported), "exactly at the minimums of %s", tier.Code)
		for _, r := range tier.Requirements {
			g := f
			g.Custom = map[string]int64{"SHOWROOM_M2": f.Custom["SHOWROOM_M2"]}
			switch r.Criterion {
			case RegisteredCapital:
				g.RegisteredCapital--
			case AnnualPerformance:
				g.Performance--
			case CertifiedStaff:
				g.CertifiedStaff--
			case Custom:
				g.Custom[r.CustomCode]--
			}
			e := l.Evaluate(g)
			want := below[tier.Code]
			require.Equal(t, want, code(e.Supported), "%s one short on %s", tier.Code, r.Key())
			check := e.Check(&tier)
			require.False(t, check.Passed)
			for _, c := range check.Criteria {
				require.Equal(t, c.Key() != r.Key(), c.Passed, "%s: only %s fails", tier.Code, r.Key())
				if c.Key() == r.Key() {
					require.EqualValues(t, 1, c.Gap)
				}
			}
		}
	}
}

func TestEvaluateGapsToNextTier(t *testing.T) {
	t.Parallel()
	l := testLadder(t)
	f := at(l, "GOLD")
	f.Performance = yuan(9_900_000)
	f.CertifiedStaff = 12
	f.RegisteredCapital = yuan(25_000_000) // meets TIER1 already
	e := l.Evaluate(f)
	require.Equal(t, "GOLD", code(e.Supported))
	require.Equal(t, "TIER1", code(e.Next))
	require.Equal(t, []Gap{
		{Criterion: AnnualPerformance, Missing: yuan(2_100_000), TextZH: "近12个月业绩还差 ¥210万", TextEN: "¥2.1M more performance"},
		{Criterion: CertifiedStaff, Missing: 3, TextZH: "还需 3 名认证人员", TextEN: "3 more certified staff"},
	}, e.Gaps)

	// Meeting nothing: the gaps are to the bottom tier; a missing custom
	// value fails its criterion.
	e = l.Evaluate(Figures{RegisteredCapital: yuan(2_000_000), Performance: yuan(100_000), CertifiedStaff: 2})
	require.Nil(t, e.Supported)
	require.Equal(t, "CERTIFIED", code(e.Next))
	require.Equal(t, "¥400K more performance", e.Gaps[0].TextEN)
	require.Len(t, e.Gaps, 1)
	gold := e.Check(l.ByID(30))
	require.True(t, gold.Criteria[3].Missing)
	require.False(t, gold.Criteria[3].Passed)

	// At the top there is no next tier.
	top := at(l, "GENERAL_DISTRIBUTOR")
	top.Custom["SHOWROOM_M2"] = 500
	e = l.Evaluate(top)
	require.Equal(t, "GENERAL_DISTRIBUTOR", code(e.Supported))
	require.Nil(t, e.Next)
	require.Empty(t, e.Gaps)
}

func TestMoneyText(t *testing.T) {
	t.Parallel()
	for minor, want := range map[int64][2]string{
		yuan(2_100_000):     {"¥2.1M", "¥210万"},
		yuan(2_100_001):     {"¥2.11M", "¥210.1万"},
		yuan(50_000_000):    {"¥50M", "¥5,000万"},
		yuan(850_000):       {"¥850K", "¥85万"},
		yuan(1_234):         {"¥1,234", "¥1,234"},
		yuan(123_000_000):   {"¥123M", "¥1.23亿"},
		12_345:              {"¥123.45", "¥123.45"},
		yuan(1_500_000_000): {"¥1.5B", "¥15亿"},
	} {
		require.Equal(t, want[0], FormatMoneyEN(minor), "%d", minor)
		require.Equal(t, want[1], FormatMoneyZH(minor), "%d", minor)
	}
}

// The explanation is the grading engine's format: it decodes as a
// grading.Explanation with one criterion per requirement of every tier.
func TestExplanationReusesGradingFormat(t *testing.T) {
	t.Parallel()
	l := testLadder(t)
	f := at(l, "SILVER")
	e := l.Evaluate(f)
	x := e.Explain(l.ByID(30)) // holds GOLD, supports SILVER
	raw, err := json.Marshal(x)
	require.NoError(t, err)
	var g grading.Explanation
	require.NoError(t, json.Unmarshal(raw, &g))
	require.Equal(t, ModelKind, g.ModelKind)
	require.Equal(t, "SILVER", g.Decision.Level)
	require.Len(t, g.Criteria, 16)
	require.Equal(t, float64(f.Performance), g.Inputs[MetricPerformance])
	var passed int
	for _, c := range g.Criteria {
		passed += int(c.Points)
	}
	require.Equal(t, 6, passed, "SILVER's and CERTIFIED's three minimums each")
	require.Equal(t, "BELOW", x.Standing)
	require.Len(t, x.GapsToCurrent, 4, "short of GOLD on every criterion")
	require.Contains(t, g.Decision.Text, "GOLD needs")
}

func TestValidateTier(t *testing.T) {
	t.Parallel()
	err := ValidateTier(Tier{Code: "gold", Rank: 0, Name: "", NameEN: "Gold", Requirements: []Requirement{
		{Criterion: "CAPITAL", Min: 1},
		{Criterion: CertifiedStaff, Min: -1},
		{Criterion: Custom, Min: 1},
		{Criterion: CertifiedStaff, Min: 2},
	}})
	var te *TierError
	require.ErrorAs(t, err, &te)
	var fields []string
	for _, p := range te.Problems {
		fields = append(fields, p.Field)
	}
	require.Equal(t, []string{"code", "name", "rank", "requirements[0].criterion", "requirements[1].min",
		"requirements[2].customCode", "requirements[3]"}, fields)

	_, err = NewLadder([]Tier{
		{Rank: 1, Code: "A", Name: "甲", NameEN: "A"},
		{Rank: 1, Code: "B", Name: "乙", NameEN: "B"},
	})
	require.ErrorContains(t, err, "share rank 1")
}
