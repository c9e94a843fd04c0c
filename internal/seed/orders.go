package seed

import (
	"math"
	"slices"
)

// Order statuses, as stored.
const (
	statusShipped uint8 = iota
	statusCancelled
	statusReturned
)

var statusNames = [...]string{"SHIPPED", "CANCELLED", "RETURNED"}

// orderSim is one generated order with the payments received for it.
type orderSim struct {
	ago     int32 // order date, days before AsOf
	dueAgo  int32 // due date, days before AsOf (negative: not yet due)
	amount  int64
	margin  int64
	product uint8
	status  uint8
	nColl   uint8
	collAgo [2]int32
	collAmt [2]int64
}

// simOrders generates the orders of account i with their collections. It
// draws from the account's own order stream, so calling it again yields
// the same orders: the planner, the orders writer and the collections
// writer each call it.
//
// Dates are uniform over the account's active window, thinned by season
// and weekday; amounts follow the account's annual value, scaled back in
// time by its growth trend, with lognormal noise per order. Declining and
// fading accounts order less and less; fading ones stop altogether and
// stop paying on time.
func (w *world) simOrders(s *scratch, i int) []orderSim {
	a := &w.accts[i]
	buf := s.orders[:0]
	if a.rate == 0 {
		s.orders = buf
		return buf
	}
	r := s.r
	r.reset(streamOrders, i)
	prefA := uint8(r.pick(len(productLines)))
	prefB := uint8(r.pick(len(productLines)))

	window := int(a.startAgo - a.stopAgo)
	years := float64(window+1) / 365
	n := max(1, int(math.Round(a.rate*years*r.lognormal(0, 0.1))))
	days := s.days[:0]
	for len(days) < n {
		d := a.stopAgo + int32(r.IntN(window+1))
		if r.Float64() < w.dayAccept[d] {
			days = append(days, d)
		}
	}
	// Oldest first.
	slices.Sort(days)
	slices.Reverse(days)
	if a.faded {
		days[len(days)-1] = a.stopAgo // the last order marks where they stopped
	}

	perOrder := float64(a.value) / a.rate
	lnGrowth := math.Log(a.growth)
	const noiseSigma = 0.55
	noiseMu := -noiseSigma * noiseSigma / 2 // mean 1

	// Payer behaviour: good payers mostly pay on time.
	pOnTime := clampF(0.62+0.12*a.quality, 0.3, 0.88)
	pLate := pOnTime + 0.27
	pVeryLate := pLate + clampF(0.08-0.03*a.quality, 0.02, 0.15)

	for k, ago := range days {
		// Thinning: declining accounts fade out towards today, fading
		// ones towards the day they stop. The draw happens for every
		// account so the stream stays aligned.
		keep := r.Float64()
		switch {
		case a.faded:
			if d := float64(ago - a.stopAgo); d < 240 && k != len(days)-1 && keep > 0.15+0.85*d/240 {
				continue
			}
		case a.stage == stageDecline:
			if keep > 0.35+0.65*float64(ago)/historyDays {
				continue
			}
		}
		trend := math.Exp(-lnGrowth * float64(ago) / 365)
		amount := int64(perOrder*trend*r.lognormal(noiseMu, noiseSigma)) / 100 * 100
		amount = max(amount, 20_000)
		m := clampF(a.margin+0.04*r.NormFloat64(), 0.05, 0.35)
		o := orderSim{
			ago:    ago,
			dueAgo: ago - a.terms,
			amount: amount,
			margin: int64(float64(amount)*m) / 100 * 100,
		}
		if x := r.Float64(); x < 0.7 {
			o.product = prefA
		} else if x < 0.88 {
			o.product = prefB
		} else {
			o.product = uint8(r.pick(len(productLines)))
		}
		switch x := r.Float64(); {
		case a.faded && k == len(days)-1:
			// The last order of a fading account shipped (and goes unpaid).
		case x < 0.025:
			o.status = statusCancelled
		case x < 0.04:
			o.status = statusReturned
		}

		// Collections.
		x, lateDraw, kindDraw := r.Float64(), r.Float64(), r.Float64()
		if o.status != statusShipped {
			buf = append(buf, o)
			continue
		}
		var late int32
		switch {
		case a.faded && ago-a.stopAgo < 240:
			// Fading: payments slow down and the last ones never come.
			if x < 0.4 || k == len(days)-1 {
				buf = append(buf, o)
				continue
			}
			late = 30 + int32(lateDraw*150)
		case x < pOnTime:
			late = -int32(lateDraw * float64(min(10, a.terms)))
		case x < pLate:
			late = 1 + int32(lateDraw*15)
		case x < pVeryLate:
			late = 16 + int32(lateDraw*45)
		default:
			late = 61 + int32(lateDraw*120)
		}
		recv := o.dueAgo - late
		switch {
		case recv < 1:
			// Not received by AsOf: open receivable.
		case kindDraw < 0.05 && ago <= 365:
			// Partial payment, the rest still open.
			part := int64(float64(amount)*(0.3+0.5*lateDraw)) / 100 * 100
			o.nColl, o.collAgo[0], o.collAmt[0] = 1, recv, part
		case kindDraw < 0.11:
			// Two instalments.
			first := amount / 200 * 100
			o.nColl, o.collAgo[0], o.collAmt[0] = 1, recv, first
			if second := recv - 15 - int32(lateDraw*30); second >= 1 {
				o.nColl, o.collAgo[1], o.collAmt[1] = 2, second, amount-first
			}
		default:
			o.nColl, o.collAgo[0], o.collAmt[0] = 1, recv, amount
		}
		buf = append(buf, o)
	}
	s.days = days
	s.orders = buf
	return buf
}

// scratch holds one generator's random stream and reusable buffers. Each
// table writer has its own, so nothing is shared between goroutines.
type scratch struct {
	r       *rng
	orders  []orderSim
	days    []int32
	touches []touchSim
	b       []byte
}

func (w *world) newScratch() *scratch { return &scratch{r: newRNG(w.opts.Seed)} }
