package grading

import (
	"fmt"
	"math"
	"strconv"
)

// Cuts by position: the top_n basis and the value_share boundaries nearest
// and below place each account by its position in the sorted order (value
// descending, then account id ascending) rather than by its competition
// rank, so a tier holds exactly N accounts, or stops where its share is
// right, even when accounts tie at the line. Account id is the tie-break
// because it is the one key every account has and never changes.

// cuts returns, per tier, the number of accounts from the top that tier
// and the tiers above it hold. The last tier's cut is every position.
func (m *pyramidModel) cuts(r *ranking) []int {
	n := len(r.order)
	cuts := make([]int, len(m.tiers))
	last := len(m.tiers) - 1
	cuts[last] = n
	if m.basis == PyramidBasisTopN {
		present := 0
		for _, idx := range r.order {
			if r.present[idx] {
				present++
			}
		}
		for t := range last {
			cuts[t] = int(min(m.tiers[t].cumulativeN, int64(present)))
		}
		return cuts
	}
	prefix := r.positivePrefix()
	positives := len(prefix) - 1
	total := prefix[positives]
	k := 0
	for t := range last {
		target := float64(m.tiers[t].cumulativeBP) * total
		// share(k) − target, scaled by basis points so integer sums compare
		// exactly.
		gap := func(k int) float64 { return prefix[k]*basisPointsPerWhole - target }
		switch m.boundary {
		case PyramidBoundaryBelow:
			for k < positives && gap(k+1) <= 0 {
				k++
			}
		default:
			// The distance to the line falls, then rises, as k grows; an
			// exact tie takes the account in, as the crossing rule always
			// did, so the two rules agree wherever nearest is undecided.
			for k < positives && math.Abs(gap(k+1)) <= math.Abs(gap(k)) {
				k++
			}
		}
		if t == 0 && k == 0 && positives > 0 {
			// The best account is always in the top tier: a pyramid without
			// a top would leave nobody to cover at the highest level.
			k = 1
		}
		cuts[t] = k
	}
	return cuts
}

// positivePrefix returns prefix[k], the value held by the first k accounts
// in order, over the accounts with a positive value (they sort first).
func (r *ranking) positivePrefix() []float64 {
	prefix := []float64{0}
	for _, idx := range r.order {
		if !r.present[idx] || r.values[idx] <= 0 {
			break
		}
		prefix = append(prefix, prefix[len(prefix)-1]+r.values[idx])
	}
	return prefix
}

func (m *pyramidModel) evaluateByPosition(population []Metrics, r *ranking) []Result {
	n := len(population)
	cuts := m.cuts(r)
	var prefix []float64
	if m.basis == PyramidBasisValueShare {
		prefix = r.positivePrefix()
	}
	tierTexts := m.positionTierTexts(cuts, prefix)
	results := make([]Result, n)
	last := len(m.tiers) - 1
	for p0, idx := range r.order {
		position := p0 + 1
		tierIndex := last
		for t, cut := range cuts {
			if position <= cut {
				tierIndex = t
				break
			}
		}
		value, present := r.values[idx], r.present[idx]
		pos := newPosition(r.rank[idx], n)
		inputs := make(map[MetricName]float64, 1)
		var missing []MetricName
		var text string
		switch {
		case !present:
			missing = []MetricName{m.metric}
			text = fmt.Sprintf("no %s value: ranked last, rank %d of %d → %s", m.metric, r.rank[idx], n, m.tiers[last].level)
		case m.basis == PyramidBasisValueShare && value <= 0:
			inputs[m.metric] = value
			text = fmt.Sprintf("%s %s holds no share of the total → %s", m.metric, formatNumber(value), m.tiers[last].level)
		default:
			inputs[m.metric] = value
			if prefix != nil && prefix[len(prefix)-1] > 0 {
				share := roundTo(prefix[p0]/prefix[len(prefix)-1]*100, 4)
				pos.ShareAbovePercent = &share
			}
			text = string(m.metric) + " " + formatNumber(value) + " at position " + strconv.Itoa(position) + " of " + strconv.Itoa(n) +
				m.tieNote(r, p0, cuts) + "; " + tierTexts[tierIndex]
		}
		tier := m.tiers[tierIndex]
		class := m.mapping.classFor(tier.level)
		results[idx] = Result{
			AccountID: population[idx].AccountID,
			Level:     tier.level,
			Class:     class,
			Score:     value,
			HasScore:  present,
			Explanation: Explanation{
				ModelKind: KindPyramid,
				Inputs:    inputs,
				Missing:   missing,
				Decision:  Decision{Text: text, Rule: tier.rule, Level: tier.level, Class: class},
				Position:  pos,
			},
		}
	}
	return results
}

// tieNote explains a cut that splits equal values: the account is at a cut
// and has the same value as its neighbour on the other side.
func (m *pyramidModel) tieNote(r *ranking, p0 int, cuts []int) string {
	for _, cut := range cuts[:len(cuts)-1] {
		var other int
		switch p0 {
		case cut - 1:
			other = p0 + 1
		case cut:
			other = p0 - 1
		default:
			continue
		}
		if other < 0 || other >= len(r.order) {
			continue
		}
		if r.tied(r.order[p0], r.order[other]) {
			return " (tied with the account across the cut; the lower account id goes first)"
		}
	}
	return ""
}

// positionTierTexts describes each tier once per evaluation.
func (m *pyramidModel) positionTierTexts(cuts []int, prefix []float64) []string {
	texts := make([]string, len(m.tiers))
	last := len(m.tiers) - 1
	for t, tier := range m.tiers {
		first := 1
		if t > 0 {
			first = cuts[t-1] + 1
		}
		switch {
		case t == last:
			texts[t] = fmt.Sprintf("%s takes the rest (positions %d–%d) → %s", tier.rule, first, cuts[t], tier.level)
		case m.basis == PyramidBasisTopN:
			texts[t] = fmt.Sprintf("%s holds positions %d–%d (top %d cumulative) → %s", tier.rule, first, cuts[t], tier.cumulativeN, tier.level)
		case prefix[len(prefix)-1] <= 0:
			texts[t] = "" // nothing to share: every account falls to the last tier
		default:
			total := prefix[len(prefix)-1]
			held := prefix[cuts[t]] / total * 100
			line := formatPercent(float64(tier.cumulativeBP) / 100)
			rule := "the cut nearest the " + line + " line"
			if m.boundary == PyramidBoundaryBelow {
				rule = "the last cut not above the " + line + " line"
			}
			next := ""
			if cuts[t] < len(prefix)-1 {
				next = fmt.Sprintf("; one more account would make %s", formatPercent(roundTo(prefix[cuts[t]+1]/total*100, 4)))
			}
			texts[t] = fmt.Sprintf("%s holds positions %d–%d, %s of %s cumulative, %s%s → %s",
				tier.rule, first, cuts[t], formatPercent(roundTo(held, 4)), m.metric, rule, next, tier.level)
		}
	}
	return texts
}
