package grading

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLargePopulationsMatchChunkedEvaluation(t *testing.T) {
	t.Parallel()

	// Above parallelThreshold, so the whole-population call runs on several
	// goroutines (and -race checks them); chunks below it run inline.
	population := benchmarkPopulation(3 * parallelThreshold)
	for _, key := range []string{PresetComputerMakerScorecard, PresetInfluenceVolumeMatrix, PresetRevenueThreeYearBlend, PresetProspectClose} {
		model := presetModel(t, key)
		require.False(t, model.Kind().IsPopulationRelative())
		whole, err := model.Evaluate(testAsOf, population)
		require.NoError(t, err)
		const chunk = 1000
		for lo := 0; lo < len(population); lo += chunk {
			hi := min(lo+chunk, len(population))
			part, err := model.Evaluate(testAsOf, population[lo:hi])
			require.NoError(t, err)
			require.Equal(t, part, whole[lo:hi], "%s accounts %d–%d", key, lo, hi)
		}
	}
}

func TestLargePopulationsRelativeKinds(t *testing.T) {
	t.Parallel()

	population := benchmarkPopulation(3 * parallelThreshold)
	n := len(population)

	pyramid := presetModel(t, PresetCustomerPyramid)
	require.True(t, pyramid.Kind().IsPopulationRelative())
	results, err := pyramid.Evaluate(testAsOf, population)
	require.NoError(t, err)
	counts := map[string]int{}
	for i, result := range results {
		require.Equal(t, population[i].AccountID, result.AccountID)
		counts[result.Level]++
	}
	// ceil(n × cumulative%) with n = 24576; ties in the generated revenue
	// are rare enough not to move these.
	require.Equal(t, (n*1+99)/100, counts["platinum"])
	require.Equal(t, (n*20+99)/100-(n*1+99)/100, counts["gold"])

	rfm := presetModel(t, PresetRFM)
	require.True(t, rfm.Kind().IsPopulationRelative())
	results, err = rfm.Evaluate(testAsOf, population)
	require.NoError(t, err)
	for i, result := range results {
		require.Equal(t, population[i].AccountID, result.AccountID)
		require.GreaterOrEqual(t, result.Score, 3.0)
		require.LessOrEqual(t, result.Score, 15.0)
	}
}
