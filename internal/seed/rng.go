package seed

import (
	"math"
	"math/rand/v2"
)

// Streams: every table draws from its own random stream per account, so a
// table can be regenerated (replayed) without generating the others, and
// the output does not depend on the order tables are written in.
const (
	streamStructure uint64 = iota + 1
	streamAccount
	streamOrders
	streamContacts
	streamTouchpoints
	streamSurveys
	streamComplaints
	streamPartner
	streamStaff
	streamTeam
	streamName
	streamTeamRows
)

// splitmix64 is a bijective mixer; it turns structured keys into
// well-spread PCG seeds.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// rng is a reseedable PCG source with the helpers the generator uses.
type rng struct {
	pcg rand.PCG
	*rand.Rand
	seed uint64
}

func newRNG(seed uint64) *rng {
	r := &rng{seed: seed}
	r.Rand = rand.New(&r.pcg)
	return r
}

// reset positions r at the start of stream (kind, idx).
func (r *rng) reset(kind uint64, idx int) {
	k := splitmix64(kind<<48 ^ uint64(idx))
	r.pcg.Seed(splitmix64(r.seed^k), splitmix64(k+0x632be59bd9b4e019))
}

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.Float64() < p }

// between returns a uniform int in [lo, hi].
func (r *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

// lognormal returns exp(mu + sigma·Z).
func (r *rng) lognormal(mu, sigma float64) float64 {
	return math.Exp(mu + sigma*r.NormFloat64())
}

// pick returns a uniform element index of a slice of length n.
func (r *rng) pick(n int) int { return r.IntN(n) }

func clampF(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }

func clampI(v, lo, hi int) int { return max(lo, min(hi, v)) }
