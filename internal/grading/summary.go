package grading

// Summary describes what publishing a set of results would do, for the
// admin's simulation of a draft model on live data.
type Summary struct {
	// Total is the number of results.
	Total int `json:"total"`
	// Distribution counts proposed classes; every class is present.
	Distribution map[Class]int `json:"distribution"`
	// CurrentDistribution counts the current classes of the same accounts;
	// accounts without one are counted in Unclassified instead.
	CurrentDistribution map[Class]int `json:"current_distribution"`
	Unclassified        int           `json:"unclassified"`
	// Movers[current][proposed] counts accounts that have a current class;
	// every cell of the 4×4 matrix is present, the diagonal included.
	Movers map[Class]map[Class]int `json:"movers"`
	// NewlyClassified counts, by proposed class, accounts without a current
	// class.
	NewlyClassified map[Class]int `json:"newly_classified"`
	Upgrades        int           `json:"upgrades"`
	Downgrades      int           `json:"downgrades"`
	Unchanged       int           `json:"unchanged"`
	// RevenueMinor sums revenue per proposed class, minor units.
	RevenueMinor      map[Class]int64 `json:"revenue_minor"`
	TotalRevenueMinor int64           `json:"total_revenue_minor"`
	// RevenueShare is RevenueMinor / TotalRevenueMinor (0..1); all zero when
	// the total is not positive.
	RevenueShare map[Class]float64 `json:"revenue_share"`
}

// Summarize compares proposed results with current classes. current and
// revenue are keyed by account ID; accounts absent from results are out of
// scope and ignored, an invalid current class counts as unclassified, and a
// missing revenue counts as 0.
func Summarize(current map[int64]Class, results []Result, revenue map[int64]int64) Summary {
	summary := Summary{
		Total:               len(results),
		Distribution:        make(map[Class]int, 4),
		CurrentDistribution: make(map[Class]int, 4),
		Movers:              make(map[Class]map[Class]int, 4),
		NewlyClassified:     make(map[Class]int, 4),
		RevenueMinor:        make(map[Class]int64, 4),
		RevenueShare:        make(map[Class]float64, 4),
	}
	// Zero entries make the JSON shape and UI tables the same whatever the
	// data.
	for _, class := range Classes() {
		summary.Distribution[class] = 0
		summary.CurrentDistribution[class] = 0
		summary.NewlyClassified[class] = 0
		summary.RevenueMinor[class] = 0
		summary.RevenueShare[class] = 0
		row := make(map[Class]int, 4)
		for _, to := range Classes() {
			row[to] = 0
		}
		summary.Movers[class] = row
	}

	for _, result := range results {
		proposed := result.Class
		summary.Distribution[proposed]++
		amount := revenue[result.AccountID]
		summary.RevenueMinor[proposed] += amount
		summary.TotalRevenueMinor += amount

		was, ok := current[result.AccountID]
		if !ok || was.Validate() != nil {
			summary.Unclassified++
			summary.NewlyClassified[proposed]++
			continue
		}
		summary.CurrentDistribution[was]++
		if row, ok := summary.Movers[was]; ok {
			row[proposed]++
		}
		switch proposed.Compare(was) {
		case 1:
			summary.Upgrades++
		case -1:
			summary.Downgrades++
		default:
			summary.Unchanged++
		}
	}
	if summary.TotalRevenueMinor > 0 {
		total := float64(summary.TotalRevenueMinor)
		for class, amount := range summary.RevenueMinor {
			summary.RevenueShare[class] = float64(amount) / total
		}
	}
	return summary
}
