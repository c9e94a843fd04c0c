package churn

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// benchFacts makes n accounts of which a driftShare fraction have random
// (mostly alarming) facts and the rest are healthy with some noise. Every
// code path (quiet, fired, skipped) is exercised.
func benchFacts(n int, driftShare float64) []Facts {
	rng := rand.New(rand.NewPCG(42, 7))
	classes := []Class{ClassS, ClassA, ClassB, ClassB, ClassC, ClassC, ClassC, ClassUngraded}
	out := make([]Facts, n)
	for i := range out {
		f := healthyFacts()
		f.AccountID = fmt.Sprintf("acc-%06d", i)
		f.Class = classes[rng.IntN(len(classes))]
		if rng.Float64() >= driftShare {
			f.IntervalOrderCount = rng.IntN(40) // some too short for order signals
			f.LastOrderAt = daysAgo(rng.IntN(30))
			f.LastTouchpointAt = daysAgo(rng.IntN(30))
			out[i] = f
			continue
		}
		f.IntervalOrderCount = rng.IntN(40)
		f.OrderIntervalDays = float64(5 + rng.IntN(90))
		f.LastOrderAt = daysAgo(rng.IntN(300))
		f.RevenueTrailingAvg = int64(rng.IntN(10_000_000))
		f.RevenueCurrent = int64(rng.IntN(12_000_000))
		f.RevenueLastYear = int64(rng.IntN(10_000_000))
		f.AvgDaysLateRecent = float64(rng.IntN(45))
		f.Overdue90DaysAgo = int64(rng.IntN(100_000))
		f.OverdueNow = int64(rng.IntN(150_000))
		if rng.IntN(3) == 0 {
			f.SatisfactionLatest = nil
		} else {
			f.SatisfactionLatest = ptr(float64(40 + rng.IntN(60)))
		}
		if rng.IntN(10) == 0 {
			f.Complaints30Days = ComplaintCounts{Major: 1}
			f.Complaints90Days = ComplaintCounts{Major: 1, Minor: rng.IntN(3)}
		}
		f.LastTouchpointAt = daysAgo(rng.IntN(400))
		if rng.IntN(20) == 0 {
			f.KeyContactsLeft = 1 + rng.IntN(2)
		}
		if rng.IntN(25) == 0 {
			f.Downgrade = ClassChange{From: ClassA, To: ClassC, At: daysAgo(rng.IntN(170))}
		}
		out[i] = f
	}
	return out
}

// BenchmarkEvaluate100k evaluates 100,000 accounts per iteration, the size
// of a large tenant's nightly churn scan: "Typical" has 20% drifting
// accounts, "AllDrifting" is the worst case where nearly every account
// fires several signals (each costs two formatted details).
func BenchmarkEvaluate100k(b *testing.B) {
	for _, bc := range []struct {
		name       string
		driftShare float64
	}{{"Typical", 0.2}, {"AllDrifting", 1}} {
		b.Run(bc.name, func(b *testing.B) {
			facts := benchFacts(100_000, bc.driftShare)
			cfg := Config{}.WithDefaults()
			out := make([]Assessment, len(facts))
			b.ReportAllocs()
			start := time.Now()
			for b.Loop() {
				for i := range facts {
					out[i] = Evaluate(cfg, facts[i])
				}
			}
			b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(b.N*len(facts)), "ns/account")
		})
	}
}

// BenchmarkReconcile100k reconciles 100,000 assessments against 10,000
// open alerts.
func BenchmarkReconcile100k(b *testing.B) {
	facts := benchFacts(100_000, 0.2)
	as := make([]Assessment, len(facts))
	for i := range facts {
		as[i] = Evaluate(Config{}, facts[i])
	}
	var open []OpenAlert
	for i := 0; i < len(as); i += 10 {
		open = append(open, openChurn(fmt.Sprint(i), as[i].AccountID, LevelHigh, testAsOf, SignalOrderGap))
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = Reconcile(open, as, LevelMedium)
	}
}
