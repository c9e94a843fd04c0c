package grading

import (
	"math"
	"math/rand/v2"
	"testing"
)

// benchmarkPopulation is a deterministic population with realistic spreads:
// revenue log-uniform over ¥1k–¥100M so the pyramid and RFM sort real work.
func benchmarkPopulation(n int) []Metrics {
	rng := rand.New(rand.NewPCG(1, 2))
	ratings := CreditRatings()
	population := make([]Metrics, n)
	for i := range population {
		revenue := int64(100_000 * math.Exp(rng.Float64()*math.Log(100_000)))
		days := rng.IntN(720)
		population[i] = Metrics{
			AccountID:              int64(i + 1),
			Revenue12mMinor:        revenue,
			Margin12mMinor:         revenue * int64(rng.IntN(30)) / 100,
			RevenuePrev12mMinor:    revenue * int64(rng.IntN(200)+1) / 100,
			RevenueByYearMinor:     [3]int64{revenue, revenue * 9 / 10, revenue * 8 / 10},
			CumulativeRevenueMinor: revenue * int64(rng.IntN(10)+1),
			Orders12m:              int64(rng.IntN(50)),
			DaysSinceLastOrder:     &days,
			OverdueReceivableRatio: rng.Float64() * 0.5,
			CreditRating:           ratings[rng.IntN(len(ratings))],
		}
	}
	return population
}

func benchmarkPreset(b *testing.B, key string, n int) {
	model := presetModel(b, key)
	population := benchmarkPopulation(n)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		results, err := model.Evaluate(testAsOf, population)
		if err != nil {
			b.Fatal(err)
		}
		if len(results) != n {
			b.Fatalf("got %d results", len(results))
		}
	}
}

func BenchmarkWeightedScorecard100k(b *testing.B) {
	benchmarkPreset(b, PresetComputerMakerScorecard, 100_000)
}

func BenchmarkPyramid100k(b *testing.B) { benchmarkPreset(b, PresetCustomerPyramid, 100_000) }

func BenchmarkPyramidValueShare100k(b *testing.B) { benchmarkPreset(b, PresetIBMCoverage, 100_000) }

func BenchmarkRFM100k(b *testing.B) { benchmarkPreset(b, PresetRFM, 100_000) }

func BenchmarkSingleFactor100k(b *testing.B) {
	benchmarkPreset(b, PresetRevenueThreeYearBlend, 100_000)
}

func BenchmarkSummarize100k(b *testing.B) {
	model := presetModel(b, PresetCustomerPyramid)
	population := benchmarkPopulation(100_000)
	results, err := model.Evaluate(testAsOf, population)
	if err != nil {
		b.Fatal(err)
	}
	current := make(map[int64]Class, len(population))
	revenue := make(map[int64]int64, len(population))
	classes := Classes()
	for i, account := range population {
		current[account.AccountID] = classes[i%len(classes)]
		revenue[account.AccountID] = account.Revenue12mMinor
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_ = Summarize(current, results, revenue)
	}
}
