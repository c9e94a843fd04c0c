package seed

import (
	"context"
	"fmt"
	"math"

	"github.com/jackc/pgx/v5"
)

// tierInfo is one rung of the distributor ladder with its minimum
// requirements (yuan and head counts) and benefits.
type tierInfo struct {
	rank               int
	code, zh, en, desc string
	capitalYuan        int64 // minimum registered capital
	performanceYuan    int64 // minimum trailing-12-month performance
	certifiedStaff     int64 // minimum certified staff
	discountBP         int64
	rebateBP           int64
	marketingFundYuan  int64
	territory          string
}

// tiers are ordered by rank; tiers[0] is rank 1.
var tiers = []tierInfo{
	{1, "GENERAL_DISTRIBUTOR", "总经销商", "General distributor", "全国或大区总代理，承担分销网络建设与库存", 50_000_000, 30_000_000, 30, 1200, 500, 2_000_000, "大区独家总经销权"},
	{2, "TIER1", "一级经销商", "Tier-1 distributor", "直接从厂商进货的一级分销商", 20_000_000, 12_000_000, 15, 900, 400, 800_000, "省级区域经销权"},
	{3, "GOLD", "金牌经销商", "Gold dealer", "业绩与服务能力突出的经销商", 10_000_000, 5_000_000, 8, 700, 300, 300_000, "地市级重点区域经营权"},
	{4, "SILVER", "银牌经销商", "Silver dealer", "具备稳定销售与服务能力的经销商", 5_000_000, 2_000_000, 4, 500, 200, 100_000, ""},
	{5, "CERTIFIED", "认证经销商", "Certified dealer", "通过厂商认证的入门级经销商", 1_000_000, 500_000, 2, 300, 100, 0, ""},
}

// distributorTarget picks the tier a distributor's numbers are built
// around. The first five distributors take the five tiers in order so
// every tier occurs in any data set.
func distributorTarget(r *rng, k int) uint8 {
	x := r.Float64()
	if k < len(tiers) {
		return uint8(k + 1)
	}
	switch {
	case x < 0.03:
		return 1
	case x < 0.11:
		return 2
	case x < 0.28:
		return 3
	case x < 0.60:
		return 4
	default:
		return 5
	}
}

// perfBand is the range (fen per year) of performance that supports tier
// rank t and no higher, with a margin so that order noise rarely moves it.
func perfBand(t uint8) (lo, hi float64) {
	lo = float64(tiers[t-1].performanceYuan) * 100 * 1.2
	if t == 1 {
		return lo, lo * 2.5
	}
	return lo, float64(tiers[t-2].performanceYuan) * 100 * 0.8
}

// bandDraw draws a value within a tier's band of a criterion: at least the
// tier's minimum, below the next tier's.
func bandDraw(r *rng, t uint8, minOf func(tierInfo) int64) int64 {
	lo := float64(minOf(tiers[t-1]))
	hi := lo * 2.5
	if t > 1 {
		hi = float64(minOf(tiers[t-2]))
	}
	return int64(math.Exp(math.Log(lo) + r.Float64()*(math.Log(hi)-math.Log(lo))*0.999))
}

var channelTypes = [...]string{"DISTRIBUTOR", "REGIONAL_DISTRIBUTOR", "AGENT", "DEALER", "FRANCHISE_STORE"}

// partnerNumbers are a distributor's capital and staffing. Most support
// the target tier on every criterion; some reach the next tier on one
// criterion only (capital but not staffing, or the reverse), which still
// supports just the target.
type partnerNumbers struct {
	capitalFen                int64
	certified, total, salesHC int64
	channelType               string
	territory                 string
	probation                 bool
	probationDays, nextEvalIn int32
}

func partnerFor(r *rng, a *acct) partnerNumbers {
	t := a.tierTarget
	capT, staffT := t, t
	if t > 1 && r.chance(0.3) {
		if r.chance(0.5) {
			capT = t - 1 // meets the tier above on capital, not on staffing
		} else {
			staffT = t - 1
		}
	}
	var p partnerNumbers
	p.capitalFen = bandDraw(r, capT, func(ti tierInfo) int64 { return ti.capitalYuan }) / 100_000 * 100_000 * 100
	p.certified = bandDraw(r, staffT, func(ti tierInfo) int64 { return ti.certifiedStaff })
	p.total = p.certified*int64(r.between(2, 4)) + int64(r.between(0, 12))
	p.salesHC = p.total * int64(r.between(30, 50)) / 100
	switch {
	case t <= 2:
		p.channelType = channelTypes[r.pick(2)]
	case t == 3:
		p.channelType = [...]string{"DISTRIBUTOR", "AGENT", "DEALER"}[r.pick(3)]
	default:
		p.channelType = [...]string{"AGENT", "DEALER", "DEALER", "FRANCHISE_STORE"}[r.pick(4)]
	}
	reg := &regions[a.place.region]
	switch {
	case t == 1:
		p.territory = reg.zh + "（" + a.place.province.zh + "及周边省份）"
	case t == 2:
		p.territory = a.place.province.zh + "全省"
	case a.place.province.zh == a.place.city.zh: // a municipality
		p.territory = a.place.city.zh + "市"
	default:
		p.territory = a.place.province.zh + a.place.city.zh + "市"
	}
	prob := 0.04
	if a.tierHeld < a.tierTarget { // holds more than the numbers support
		prob = 0.35
	}
	p.probation = r.chance(prob)
	p.probationDays = int32(r.between(30, 120))
	p.nextEvalIn = int32(r.between(1, 92))
	return p
}

// linkPartners completes the partner profiles after they are copied, in
// three set-based statements over ids and regions (so the same data set
// gets the same links):
//
//   - regions_covered: the account's region; general distributors (rank 1)
//     also cover the next region in the regions list;
//   - distribution chains (distributor → sub-distributor → dealer): in each
//     region, every other agent, dealer or franchise store of rank 3–4 buys
//     through one of the region's rank 1–2 distributors (round robin by id),
//     and every other rank-5 agent, dealer or franchise store buys through
//     one of those sub-distributors, so performance rolls up two levels;
//   - tier_since is the day the profile was created, and a partner on
//     probation started it 90 days before it ends.
func linkPartners(ctx context.Context, tx pgx.Tx) error {
	codes := make([]string, len(regions))
	for i, r := range regions {
		codes[i] = r.code
	}
	steps := []struct {
		what string
		sql  string
		args []any
	}{
		{"regions covered", `
			UPDATE partner_profiles p
			SET regions_covered = CASE WHEN t.rank = 1 AND a.region IS NOT NULL
				THEN jsonb_build_array(a.region, ($1::text[])[array_position($1::text[], a.region) % cardinality($1::text[]) + 1])
				ELSE jsonb_build_array(a.region) END,
			    tier_since = p.created_at::date,
			    probation_started_on = CASE WHEN p.on_probation THEN p.probation_until - 90 END
			FROM accounts a, partner_tiers t
			WHERE a.id = p.account_id AND t.id = p.tier_id AND a.region IS NOT NULL`, []any{codes}},
		{"sub-distributors", `
			WITH parents AS (
				SELECT p.id, a.region, row_number() OVER (PARTITION BY a.region ORDER BY p.id) - 1 AS k,
				       count(*) OVER (PARTITION BY a.region) AS n
				FROM partner_profiles p JOIN accounts a ON a.id = p.account_id JOIN partner_tiers t ON t.id = p.tier_id
				WHERE t.rank <= 2 AND p.channel_type IN ('DISTRIBUTOR', 'REGIONAL_DISTRIBUTOR')),
			children AS (
				SELECT p.id, a.region, row_number() OVER (PARTITION BY a.region ORDER BY p.id) - 1 AS k
				FROM partner_profiles p JOIN accounts a ON a.id = p.account_id JOIN partner_tiers t ON t.id = p.tier_id
				WHERE t.rank IN (3, 4) AND p.channel_type IN ('AGENT', 'DEALER', 'FRANCHISE_STORE'))
			UPDATE partner_profiles p SET parent_id = pa.id
			FROM children c JOIN parents pa ON pa.region = c.region AND pa.k = (c.k / 2) % pa.n
			WHERE p.id = c.id AND c.k % 2 = 0`, nil},
		{"dealers", `
			WITH subs AS (
				SELECT p.id, a.region, row_number() OVER (PARTITION BY a.region ORDER BY p.id) - 1 AS k,
				       count(*) OVER (PARTITION BY a.region) AS n
				FROM partner_profiles p JOIN accounts a ON a.id = p.account_id
				WHERE p.parent_id IS NOT NULL),
			dealers AS (
				SELECT p.id, a.region, row_number() OVER (PARTITION BY a.region ORDER BY p.id) - 1 AS k
				FROM partner_profiles p JOIN accounts a ON a.id = p.account_id JOIN partner_tiers t ON t.id = p.tier_id
				WHERE t.rank = 5 AND p.channel_type <> 'DISTRIBUTOR' AND p.parent_id IS NULL)
			UPDATE partner_profiles p SET parent_id = s.id
			FROM dealers d JOIN subs s ON s.region = d.region AND s.k = (d.k / 2) % s.n
			WHERE p.id = d.id AND d.k % 2 = 0`, nil},
	}
	for _, s := range steps {
		if _, err := tx.Exec(ctx, s.sql, s.args...); err != nil {
			return fmt.Errorf("error linking partner profiles (%s): %w", s.what, err)
		}
	}
	return nil
}
