package grading

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// goldenPopulations picks, per kind, a preset, a small population and the
// account whose explanation is pinned. Relative kinds need a population for
// the rank to mean something.
func goldenPopulations() map[Kind]struct {
	preset     string
	population []Metrics
	account    int64
} {
	type golden = struct {
		preset     string
		population []Metrics
		account    int64
	}
	computerMaker := computerMakerAccount(90, 100, 80, 100, 30, 70)
	computerMaker.AccountID = 1001
	computerMaker.CreditRating = "" // show a missing input

	pyramid := descendingPopulation(40)
	for i := range pyramid {
		pyramid[i].Revenue12mMinor *= 1_000_000
	}

	rfm := make([]Metrics, 10)
	for i := range rfm {
		n := i + 1
		rfm[i] = Metrics{AccountID: int64(n), Orders12m: int64(n), Revenue12mMinor: int64(n) * 100_000, DaysSinceLastOrder: new(10 * (11 - n))}
	}
	rfm[9].DaysSinceLastOrder = new(200) // a big, frequent buyer gone quiet

	return map[Kind]golden{
		KindWeightedScorecard: {preset: PresetComputerMakerScorecard, population: []Metrics{computerMaker}, account: 1001},
		KindInfluenceVolumeMatrix: {preset: PresetInfluenceVolumeMatrix, account: 2001, population: []Metrics{
			{AccountID: 2001, InfluenceScore: new(82.0), Revenue12mMinor: 320_000_000},
		}},
		KindValueMatrix: {preset: PresetValueMatrix, account: 3001, population: []Metrics{
			{AccountID: 3001, Revenue12mMinor: 150_000_000, PotentialValueMinor: 900_000_000},
		}},
		KindPyramid: {preset: PresetCustomerPyramid, population: pyramid, account: 5},
		KindRFM:     {preset: PresetRFM, population: rfm, account: 10},
		KindSingleFactor: {preset: PresetRevenueThreeYearBlend, account: 6001, population: []Metrics{
			{AccountID: 6001, RevenueByYearMinor: [3]int64{1_500_000_000, 200_000_000, 100_000_000}},
		}},
		KindTieredLadder: {preset: PresetStoreMembershipLadder, account: 7001, population: []Metrics{
			{AccountID: 7001, CumulativeRevenueMinor: 2_345_600},
		}},
		KindProspectClose: {preset: PresetProspectClose, account: 8001, population: []Metrics{
			{AccountID: 8001, ExpectedCloseDate: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)},
		}},
	}
}

func TestExplanationGolden(t *testing.T) {
	t.Parallel()

	for kind, golden := range goldenPopulations() {
		t.Run(string(kind), func(t *testing.T) {
			t.Parallel()
			model := presetModel(t, golden.preset)
			require.Equal(t, kind, model.Kind())
			results, err := model.Evaluate(testAsOf, golden.population)
			require.NoError(t, err)
			var explanation *Explanation
			for i := range results {
				if results[i].AccountID == golden.account {
					explanation = &results[i].Explanation
				}
			}
			require.NotNil(t, explanation)

			// Unescaped "<" and "≥" keep the golden files readable; the bytes
			// differ from json.Marshal's only in escaping.
			var buf bytes.Buffer
			encoder := json.NewEncoder(&buf)
			encoder.SetEscapeHTML(false)
			encoder.SetIndent("", "  ")
			require.NoError(t, encoder.Encode(explanation))
			got := buf.Bytes()
			path := filepath.Join("testdata", "explanation_"+string(kind)+".golden")
			if *update {
				require.NoError(t, os.WriteFile(path, got, 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test -run TestExplanationGolden -update to create %s", path)
			require.Equal(t, string(want), string(got))

			// Stored explanations come back as they went in.
			var decoded Explanation
			require.NoError(t, json.Unmarshal(got, &decoded))
			require.Equal(t, *explanation, decoded)
		})
	}
}

func TestExplanationsAlwaysMarshal(t *testing.T) {
	t.Parallel()

	// Hostile inputs: NaN and infinities in every float field, huge money.
	hostile := []Metrics{
		{AccountID: 1, OverdueReceivableRatio: math.NaN(), AvgSatisfaction: new(math.Inf(1)), InfluenceScore: new(math.NaN()),
			Extra: map[string]float64{"x": math.Inf(-1)}},
		{AccountID: 2, Revenue12mMinor: math.MaxInt64, CumulativeRevenueMinor: math.MaxInt64, RevenuePrev12mMinor: 1,
			RevenueByYearMinor: [3]int64{math.MaxInt64, math.MaxInt64, math.MaxInt64}, PotentialValueMinor: math.MaxInt64},
		{AccountID: 3, Revenue12mMinor: -500, Margin12mMinor: -900, RevenuePrev12mMinor: 100},
		{AccountID: 4},
	}
	for _, preset := range Presets() {
		model := mustParseModel(t, preset.Kind, string(preset.Config))
		results, err := model.Evaluate(testAsOf, hostile)
		require.NoError(t, err, preset.Key)
		require.Len(t, results, len(hostile))
		for i, result := range results {
			require.Equal(t, hostile[i].AccountID, result.AccountID)
			require.NoError(t, result.Class.Validate(), preset.Key)
			require.Contains(t, model.Levels(), result.Level, preset.Key)
			raw, err := json.Marshal(result)
			require.NoError(t, err, "%s account %d", preset.Key, result.AccountID)
			require.False(t, bytes.Contains(raw, []byte("NaN")), preset.Key)
		}
	}
}
