package grading

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"
)

// PyramidBasis says what a pyramid tier's percentage is a share of.
type PyramidBasis string

const (
	// PyramidBasisAccountCount cuts tiers by share of accounts: platinum is
	// the top 1% of accounts (seed 003's customer pyramid). The default.
	PyramidBasisAccountCount PyramidBasis = "account_count"
	// PyramidBasisValueShare cuts tiers by share of total value: diamond is
	// the top accounts that together bring 50% of revenue (seed 002's IBM
	// segmentation: diamond 50%, gold 25%, silver 20%, other 5%).
	PyramidBasisValueShare PyramidBasis = "value_share"
)

// PyramidBasisTopN cuts tiers by a number of accounts: the top 100 are
// global accounts, the next 70 key accounts (seed 002's HP coverage). Each
// tier but the last has a count; the last takes the rest.
const PyramidBasisTopN PyramidBasis = "top_n"

// PyramidBoundary says which side of a value-share line the account that
// crosses it falls on.
type PyramidBoundary string

const (
	// PyramidBoundaryNearest cuts each tier where the cumulative share is
	// nearest its target: with IBM's 50% line and accounts holding 45% and
	// then 28%, diamond stops at 45% (5 points off) rather than 73% (23
	// off). On an exact tie the account goes up; the best account is always
	// in the top tier. The default.
	PyramidBoundaryNearest PyramidBoundary = "nearest"
	// PyramidBoundaryBelow never lets a tier exceed its target: the account
	// that would cross the line goes down (except that the best account is
	// always in the top tier).
	PyramidBoundaryBelow PyramidBoundary = "below"
	// PyramidBoundaryIncludeCrossing puts the account that crosses the line,
	// and every account tied with it, in the upper tier (the behaviour
	// before boundaries were a choice; a tier can overshoot its target by a
	// whole account).
	PyramidBoundaryIncludeCrossing PyramidBoundary = "include_crossing"
)

// PyramidConfig ranks the population by Metric (higher is better) and cuts
// it into Tiers, listed top first.
//
// account_count: percentages summing to 100; with n accounts, tier i holds
// the ranks up to ceil(n × cumulative percent / 100). Rounding up means a
// small population still has a platinum account (1% of 50 accounts is 1
// account, not 0). Tied accounts share a rank and therefore a tier.
//
// top_n: counts; tier i holds positions up to the sum of the counts so far,
// exactly, so ties at a cut are split by account id (lower id first) and the
// explanation says so.
//
// value_share: percentages summing to 100 of the total positive value, cut
// by Boundary (nearest by default; see PyramidBoundary). nearest and below
// order tied accounts by account id, so a tie never drags a whole group
// over the line; include_crossing keeps ties together. Accounts with a value
// ≤ 0 hold no share and fall to the last tier.
//
// In every basis accounts lacking the metric rank last and fall to the last
// tier.
type PyramidConfig struct {
	Metric MetricName   `json:"metric"`
	Basis  PyramidBasis `json:"basis,omitempty"`
	// Boundary applies to value_share only.
	Boundary     PyramidBoundary `json:"boundary,omitempty"`
	Tiers        []PyramidTier   `json:"tiers"`
	ClassMapping ClassMapping    `json:"class_mapping"`
}

// PyramidTier is one layer of the pyramid. Percent allows two decimals
// (0.5 = half a percent).
type PyramidTier struct {
	Level   string  `json:"level"`
	Percent float64 `json:"percent,omitempty"`
	// Count is the number of accounts in the tier for the top_n basis; the
	// last tier has none and takes the rest.
	Count int `json:"count,omitempty"`
}

// basisPointsPerWhole is 100% in basis points; tiers are kept in integer
// basis points so cut-offs are exact.
const basisPointsPerWhole = 10_000

// Kind implements Config.
func (c *PyramidConfig) Kind() Kind { return KindPyramid }

// Validate implements Config.
func (c *PyramidConfig) Validate() error {
	v := &validator{kind: KindPyramid}
	v.metric("metric", c.Metric)
	switch c.Basis {
	case "", PyramidBasisAccountCount, PyramidBasisValueShare, PyramidBasisTopN:
	default:
		v.addf("basis", "unknown basis %q: want %q, %q or %q", c.Basis, PyramidBasisAccountCount, PyramidBasisValueShare, PyramidBasisTopN)
	}
	switch {
	case c.Boundary == "":
	case c.Basis != PyramidBasisValueShare:
		v.addf("boundary", "applies to the %q basis only", PyramidBasisValueShare)
	case c.Boundary != PyramidBoundaryNearest && c.Boundary != PyramidBoundaryBelow && c.Boundary != PyramidBoundaryIncludeCrossing:
		v.addf("boundary", "unknown boundary %q: want %q, %q or %q", c.Boundary, PyramidBoundaryNearest, PyramidBoundaryBelow, PyramidBoundaryIncludeCrossing)
	}
	if len(c.Tiers) < 2 {
		v.addf("tiers", "needs at least 2 tiers")
	}
	levels := make([]string, len(c.Tiers))
	for i, tier := range c.Tiers {
		levels[i] = tier.Level
	}
	if c.Basis == PyramidBasisTopN {
		c.validateCounts(v)
	} else {
		c.validatePercents(v)
	}
	v.uniqueLevels("tiers", levels, "level")
	c.ClassMapping.validate(v, levels)
	return v.err()
}

func (c *PyramidConfig) validatePercents(v *validator) {
	var sum int64
	sumKnown := true
	for i, tier := range c.Tiers {
		path := fmt.Sprintf("tiers[%d].percent", i)
		if tier.Count != 0 {
			v.addf(fmt.Sprintf("tiers[%d].count", i), "applies to the %q basis only", PyramidBasisTopN)
		}
		bp, ok := percentToBasisPoints(tier.Percent)
		switch {
		case !v.finite(path, tier.Percent):
			sumKnown = false
		case tier.Percent <= 0 || tier.Percent > 100:
			v.addf(path, "must be greater than 0 and at most 100")
			sumKnown = false
		case !ok:
			v.addf(path, "must have at most two decimals")
			sumKnown = false
		default:
			sum += bp
		}
	}
	if sumKnown && len(c.Tiers) > 0 && sum != basisPointsPerWhole {
		v.addf("tiers", "percentages must sum to 100, got %s", formatNumber(float64(sum)/100))
	}
}

// validateCounts requires a positive count on every tier but the last,
// which takes the rest.
func (c *PyramidConfig) validateCounts(v *validator) {
	for i, tier := range c.Tiers {
		if tier.Percent != 0 {
			v.addf(fmt.Sprintf("tiers[%d].percent", i), "does not apply to the %q basis: give a count", PyramidBasisTopN)
		}
		path := fmt.Sprintf("tiers[%d].count", i)
		switch {
		case i == len(c.Tiers)-1 && tier.Count != 0:
			v.addf(path, "must be left out: the last tier takes the rest")
		case i < len(c.Tiers)-1 && tier.Count <= 0:
			v.addf(path, "must be at least 1")
		case tier.Count > maxTopNCount:
			v.addf(path, "must be at most %d", maxTopNCount)
		}
	}
}

// maxTopNCount keeps count sums far from overflow; no named-account
// programme covers more accounts.
const maxTopNCount = 10_000_000

func percentToBasisPoints(percent float64) (int64, bool) {
	bp := math.Round(percent * 100)
	if math.Abs(bp-percent*100) > 1e-6 {
		return 0, false
	}
	return int64(bp), true
}

// Compile implements Config.
func (c *PyramidConfig) Compile() (Model, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	get, err := accessorFor(c.Metric)
	if err != nil {
		return nil, fmt.Errorf("compile metric: %w", err)
	}
	basis := c.Basis
	if basis == "" {
		basis = PyramidBasisAccountCount
	}
	boundary := c.Boundary
	if boundary == "" {
		boundary = PyramidBoundaryNearest
	}
	model := &pyramidModel{metric: c.Metric, get: get, basis: basis, boundary: boundary, mapping: c.ClassMapping.clone()}
	var cumulative, cumulativeCount int64
	for i, tier := range c.Tiers {
		bp, _ := percentToBasisPoints(tier.Percent)
		cumulative += bp
		cumulativeCount += int64(tier.Count)
		rule := fmt.Sprintf("tiers[%d]", i)
		model.tiers = append(model.tiers, pyramidTier{
			level:        tier.Level,
			cumulativeBP: cumulative,
			cumulativeN:  cumulativeCount,
			rule:         rule,
			shareText:    fmt.Sprintf(" < %s (%s cumulative) → %s", formatPercent(float64(cumulative)/100), rule, tier.Level),
		})
	}
	return model, nil
}

type pyramidModel struct {
	metric   MetricName
	get      metricAccessor
	basis    PyramidBasis
	boundary PyramidBoundary
	tiers    []pyramidTier
	mapping  ClassMapping
}

type pyramidTier struct {
	level        string
	cumulativeBP int64
	// cumulativeN is the sum of the counts so far (top_n basis).
	cumulativeN int64
	rule        string
	// shareText ends a value-share decision: " < 75% (tiers[1] cumulative) → gold".
	shareText string
}

func (m *pyramidModel) Kind() Kind { return KindPyramid }

func (m *pyramidModel) Levels() []string {
	levels := make([]string, len(m.tiers))
	for i, tier := range m.tiers {
		levels[i] = tier.level
	}
	return levels
}

// ranking is a population sorted once, best first, with competition ranks.
type ranking struct {
	values  []float64
	present []bool
	// rank[i] is the 1-based rank of population[i]; ties share a rank.
	rank []int
	// order lists population indexes best first; ties by account id.
	order []int32
	// valueAbove[i] is the sum of positive values ranked strictly above
	// population[i]'s tie group.
	valueAbove []float64
	// totalPositive is the sum of positive values.
	totalPositive float64
}

// rankPopulation sorts indexes once (O(n log n)); everything else is linear.
// Account IDs break ties in the sort only, to make the order deterministic;
// ranks treat equal values as equal.
func rankPopulation(population []Metrics, get metricAccessor) ranking {
	n := len(population)
	r := ranking{
		values:     make([]float64, n),
		present:    make([]bool, n),
		rank:       make([]int, n),
		valueAbove: make([]float64, n),
	}
	order := make([]int32, n)
	for i := range population {
		r.values[i], r.present[i] = get(&population[i])
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if r.present[a] != r.present[b] {
			if r.present[a] {
				return -1
			}
			return 1
		}
		if r.present[a] {
			if c := cmp.Compare(r.values[b], r.values[a]); c != 0 {
				return c
			}
		}
		return cmp.Compare(population[a].AccountID, population[b].AccountID)
	})
	rank := 0
	groupAbove, running := 0.0, 0.0
	for position, idx := range order {
		if position == 0 || !r.tied(order[position-1], idx) {
			rank = position + 1
			groupAbove = running
		}
		r.rank[idx] = rank
		r.valueAbove[idx] = groupAbove
		if r.present[idx] && r.values[idx] > 0 {
			running += r.values[idx]
		}
	}
	r.totalPositive = running
	r.order = order
	return r
}

func (r *ranking) tied(a, b int32) bool {
	if r.present[a] != r.present[b] {
		return false
	}
	return !r.present[a] || r.values[a] == r.values[b]
}

func (m *pyramidModel) Evaluate(_ time.Time, population []Metrics) ([]Result, error) {
	n := len(population)
	if n == 0 {
		return []Result{}, nil
	}
	if n > math.MaxInt32 {
		return nil, fmt.Errorf("evaluate pyramid: population of %d accounts is too large", n)
	}
	r := rankPopulation(population, m.get)
	if m.basis == PyramidBasisTopN || (m.basis == PyramidBasisValueShare && m.boundary != PyramidBoundaryIncludeCrossing) {
		return m.evaluateByPosition(population, &r), nil
	}

	// Rank cut-offs per tier for the account-count basis.
	cutoffs := make([]int64, len(m.tiers))
	for i, tier := range m.tiers {
		cutoffs[i] = (int64(n)*tier.cumulativeBP + basisPointsPerWhole - 1) / basisPointsPerWhole
	}

	// The rank range of each tier depends only on n, so its part of the
	// decision text is built once per evaluation.
	tierTexts := make([]string, len(m.tiers))
	for t, tier := range m.tiers {
		first := int64(1)
		if t > 0 {
			first = cutoffs[t-1] + 1
		}
		tierTexts[t] = fmt.Sprintf(" within ranks %d–%d of %s (top %s cumulative) → %s",
			first, cutoffs[t], tier.rule, formatPercent(float64(tier.cumulativeBP)/100), tier.level)
	}

	results := make([]Result, n)
	last := len(m.tiers) - 1
	forEachChunk(len(population), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			value, present := r.values[i], r.present[i]
			rank := r.rank[i]
			position := newPosition(rank, n)
			inputs := make(map[MetricName]float64, 1)
			var missing []MetricName
			var tierIndex int
			var text string
			if !present {
				missing = []MetricName{m.metric}
				tierIndex = last
				text = fmt.Sprintf("no %s value: ranked last, rank %d of %d → %s", m.metric, rank, n, m.tiers[last].level)
			} else {
				inputs[m.metric] = value
				switch m.basis {
				case PyramidBasisValueShare:
					tierIndex, text = m.valueShareTier(&r, i, position)
				default:
					tierIndex = last
					for t := range m.tiers {
						if int64(rank) <= cutoffs[t] {
							tierIndex = t
							break
						}
					}
					text = string(m.metric) + " " + formatNumber(value) + " is rank " + strconv.Itoa(rank) + " of " + strconv.Itoa(n) +
						" (top " + formatPercent(position.TopPercent) + ")" + tierTexts[tierIndex]
				}
			}
			tier := m.tiers[tierIndex]
			class := m.mapping.classFor(tier.level)
			results[i] = Result{
				AccountID: population[i].AccountID,
				Level:     tier.level,
				Class:     class,
				Score:     value,
				HasScore:  present,
				Explanation: Explanation{
					ModelKind: KindPyramid,
					Inputs:    inputs,
					Missing:   missing,
					Decision:  Decision{Text: text, Rule: tier.rule, Level: tier.level, Class: class},
					Position:  position,
				},
			}
		}
	})
	return results, nil
}

func (m *pyramidModel) valueShareTier(r *ranking, i int, position *Position) (int, string) {
	last := len(m.tiers) - 1
	value := r.values[i]
	if value <= 0 || r.totalPositive <= 0 {
		return last, fmt.Sprintf("%s %s holds no share of the total → %s", m.metric, formatNumber(value), m.tiers[last].level)
	}
	above := r.valueAbove[i]
	sharePercent := roundTo(above/r.totalPositive*100, 4)
	position.ShareAbovePercent = &sharePercent
	for t, tier := range m.tiers {
		// above/total < cumulative, in a form that is exact for integer
		// minor-unit sums below 2^53.
		if above*basisPointsPerWhole < float64(tier.cumulativeBP)*r.totalPositive {
			share := formatPercent(sharePercent)
			return t, "accounts ranked above hold " + share + " of " + string(m.metric) + "; " + share + tier.shareText
		}
	}
	return last, fmt.Sprintf("accounts ranked above hold %s of %s → %s", formatPercent(sharePercent), m.metric, m.tiers[last].level)
}
