package seed

import (
	"slices"
	"testing"
)

// simulate plans a world and runs the order simulation for every account,
// as writing the accounts table does.
func simulate(opts Options) *world {
	w := plan(opts.WithDefaults())
	s := w.newScratch()
	for i := range w.accts {
		w.simulateAccount(s, i)
	}
	return w
}

func topShare(w *world, q float64) float64 {
	var revs []int64
	var total int64
	for _, a := range w.accts {
		if a.rev3y > 0 {
			revs = append(revs, a.rev3y)
			total += a.rev3y
		}
	}
	slices.Sort(revs)
	slices.Reverse(revs)
	var top int64
	for _, r := range revs[:int(float64(len(revs))*q+0.999)] {
		top += r
	}
	return float64(top) / float64(total)
}

func TestPlanShape(t *testing.T) {
	t.Parallel()
	for _, n := range []int{300, 2000, 20_000} {
		w := simulate(Options{Accounts: n})
		share := topShare(w, 0.2)
		orders := float64(w.counts.orders) / float64(n)
		t.Logf("%d accounts: top 20%% share %.3f, %.1f orders, %.1f contacts, %.1f touchpoints per account, %d faded",
			n, share, orders, float64(w.counts.contacts)/float64(n), float64(w.counts.touchpoints)/float64(n), len(w.faded))
		assertInDelta(t, 0.80, share, 0.06)
		assertInDelta(t, 20, orders, 4)
	}
}

func assertInDelta(t *testing.T, want, got, delta float64) {
	t.Helper()
	if got < want-delta || got > want+delta {
		t.Errorf("got %.3f, want %.3f ± %.3f", got, want, delta)
	}
}

// TestPlanAcrossSeeds checks the shape the database tests check, for many
// seeds, without a database.
func TestPlanAcrossSeeds(t *testing.T) {
	t.Parallel()
	for seed := uint64(1); seed <= 12; seed++ {
		w := simulate(Options{Accounts: 2000, Seed: seed})
		share := topShare(w, 0.2)
		orders := float64(w.counts.orders) / 2000
		var held, supported [6]int
		threeLevels := false
		for i := range w.accts {
			a := &w.accts[i]
			if a.depth == 2 {
				threeLevels = true
			}
			if a.kind != kindDistributor {
				continue
			}
			held[a.tierHeld]++
			s := w.newScratch()
			s.r.reset(streamPartner, i)
			p := partnerFor(s.r, a)
			rank := 0
			for _, ti := range tiers {
				if p.capitalFen >= ti.capitalYuan*100 && a.rev12 >= ti.performanceYuan*100 && p.certified >= ti.certifiedStaff {
					rank = ti.rank
					break
				}
			}
			supported[rank]++
		}
		if share < 0.72 || share > 0.88 || orders < 15 || orders > 25 || !threeLevels || len(w.faded) == 0 {
			t.Errorf("seed %d: share %.3f, %.1f orders per account, three levels %v, %d faded", seed, share, orders, threeLevels, len(w.faded))
		}
		for rank := 1; rank <= 5; rank++ {
			if held[rank] == 0 || supported[rank] == 0 {
				t.Errorf("seed %d: tier %d held by %d, supported for %d", seed, rank, held[rank], supported[rank])
			}
		}
	}
}
