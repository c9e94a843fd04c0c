package grading

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSummarize(t *testing.T) {
	t.Parallel()

	results := []Result{
		{AccountID: 1, Class: ClassS},
		{AccountID: 2, Class: ClassA},
		{AccountID: 3, Class: ClassB},
		{AccountID: 4, Class: ClassC},
		{AccountID: 5, Class: ClassC},
		{AccountID: 6, Class: ClassA},
	}
	current := map[int64]Class{
		1:  ClassA, // up
		2:  ClassA, // unchanged
		3:  ClassS, // down two
		4:  ClassC, // unchanged
		5:  "Z",    // invalid: unclassified
		99: ClassS, // not in scope
	}
	revenue := map[int64]int64{1: 600, 2: 200, 3: 100, 4: 60, 5: 40, 99: 1_000_000}

	summary := Summarize(current, results, revenue)
	require.Equal(t, 6, summary.Total)
	require.Equal(t, map[Class]int{ClassS: 1, ClassA: 2, ClassB: 1, ClassC: 2}, summary.Distribution)
	require.Equal(t, map[Class]int{ClassS: 1, ClassA: 2, ClassB: 0, ClassC: 1}, summary.CurrentDistribution)
	require.Equal(t, 2, summary.Unclassified)
	require.Equal(t, map[Class]int{ClassS: 0, ClassA: 1, ClassB: 0, ClassC: 1}, summary.NewlyClassified)
	require.Equal(t, 1, summary.Movers[ClassA][ClassS])
	require.Equal(t, 1, summary.Movers[ClassA][ClassA])
	require.Equal(t, 1, summary.Movers[ClassS][ClassB])
	require.Equal(t, 1, summary.Movers[ClassC][ClassC])
	require.Equal(t, 0, summary.Movers[ClassB][ClassB])
	require.Len(t, summary.Movers, 4)
	for _, row := range summary.Movers {
		require.Len(t, row, 4)
	}
	require.Equal(t, 1, summary.Upgrades)
	require.Equal(t, 1, summary.Downgrades)
	require.Equal(t, 2, summary.Unchanged)
	require.Equal(t, int64(1000), summary.TotalRevenueMinor)
	require.Equal(t, map[Class]int64{ClassS: 600, ClassA: 200, ClassB: 100, ClassC: 100}, summary.RevenueMinor)
	require.Equal(t, map[Class]float64{ClassS: 0.6, ClassA: 0.2, ClassB: 0.1, ClassC: 0.1}, summary.RevenueShare)

	raw, err := json.Marshal(summary)
	require.NoError(t, err)
	require.Contains(t, string(raw), `"movers":{"A":{"A":1,"B":0,"C":0,"S":1}`)
}

func TestSummarizeEmpty(t *testing.T) {
	t.Parallel()

	summary := Summarize(nil, nil, nil)
	require.Zero(t, summary.Total)
	require.Equal(t, map[Class]int{ClassS: 0, ClassA: 0, ClassB: 0, ClassC: 0}, summary.Distribution)
	require.Equal(t, map[Class]float64{ClassS: 0, ClassA: 0, ClassB: 0, ClassC: 0}, summary.RevenueShare)
}

func TestSummarizeFromModel(t *testing.T) {
	t.Parallel()

	model := presetModel(t, PresetCustomerPyramid)
	population := descendingPopulation(100)
	results, err := model.Evaluate(testAsOf, population)
	require.NoError(t, err)
	revenue := make(map[int64]int64, len(population))
	current := make(map[int64]Class, len(population))
	for _, account := range population {
		revenue[account.AccountID] = account.Revenue12mMinor
		current[account.AccountID] = ClassB
	}
	summary := Summarize(current, results, revenue)
	require.Equal(t, map[Class]int{ClassS: 1, ClassA: 19, ClassB: 30, ClassC: 50}, summary.Distribution)
	require.Equal(t, 20, summary.Upgrades)
	require.Equal(t, 50, summary.Downgrades)
	require.Equal(t, int64(5050), summary.TotalRevenueMinor)
	require.Equal(t, int64(100), summary.RevenueMinor[ClassS])
}
