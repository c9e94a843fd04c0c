package grading_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/summitkam/summit/internal/grading"
)

// A weighted scorecard (the computer maker's, seed 000): each criterion
// scores its metric 0–100 through bands or a linear scale, the weights (in
// percent) make the total, and thresholds turn the total into a level. The
// explanation says how much each criterion contributed and which rule
// decided.
func ExampleParseModel_scorecard() {
	config := json.RawMessage(`{
	  "criteria": [
	    {"name": "cumulative sales", "metric": "cumulative_revenue", "weight": 60, "bands": [
	      {"max": 1000, "points": 0},
	      {"min": 1000, "max": 5000, "points": 50},
	      {"min": 5000, "points": 100}
	    ]},
	    {"name": "collection health", "metric": "overdue_receivable_ratio", "weight": 40,
	     "linear": {"zero_at": 0.5, "full_at": 0}}
	  ],
	  "thresholds": [
	    {"level": "S", "min_score": 90},
	    {"level": "A", "min_score": 75},
	    {"level": "B", "min_score": 60},
	    {"level": "C", "min_score": 0}
	  ],
	  "class_mapping": {"S": "S", "A": "A", "B": "B", "C": "C"}
	}`)
	model, err := grading.ParseModel(grading.KindWeightedScorecard, config)
	if err != nil {
		panic(err)
	}
	asOf := time.Date(2026, time.January, 15, 0, 0, 0, 0, time.UTC)
	results, err := model.Evaluate(asOf, []grading.Metrics{
		// 5,000 in sales (the top band) and a fifth of receivables overdue.
		{AccountID: 1, CumulativeRevenueMinor: 5000, OverdueReceivableRatio: 0.2},
	})
	if err != nil {
		panic(err)
	}
	r := results[0]
	fmt.Printf("account %d: score %.0f, level %s, class %s\n", r.AccountID, r.Score, r.Level, r.Class)
	for _, c := range r.Explanation.Criteria {
		fmt.Printf("  %s: %.0f points × %.0f%% = %.0f\n", c.Name, c.Points, c.Weight, c.Contribution)
	}
	fmt.Println(" ", r.Explanation.Decision.Text)
	// Output:
	// account 1: score 84, level A, class A
	//   cumulative sales: 100 points × 60% = 60
	//   collection health: 60 points × 40% = 24
	//   score 84 ≥ 75 → A
}

// A pyramid ranks the population by one metric and cuts it into tiers by
// share: here the top 10% platinum, the next 20% gold, the rest iron. It is
// relative, so it grades the whole scope at once; each account's
// explanation is its rank.
func ExampleParseModel_pyramid() {
	config := json.RawMessage(`{
	  "metric": "revenue_12m",
	  "tiers": [
	    {"level": "platinum", "percent": 10},
	    {"level": "gold", "percent": 20},
	    {"level": "iron", "percent": 70}
	  ],
	  "class_mapping": {"platinum": "S", "gold": "A", "iron": "B"}
	}`)
	model, err := grading.ParseModel(grading.KindPyramid, config)
	if err != nil {
		panic(err)
	}
	// Ten accounts: account k had revenue 100 × (11 − k) in the last year.
	population := make([]grading.Metrics, 10)
	for i := range population {
		population[i] = grading.Metrics{AccountID: int64(i + 1), Revenue12mMinor: int64(100 * (10 - i))}
	}
	results, err := model.Evaluate(time.Date(2026, time.January, 15, 0, 0, 0, 0, time.UTC), population)
	if err != nil {
		panic(err)
	}
	for _, r := range results[:4] {
		fmt.Printf("account %d: %s (class %s), rank %d of %d\n", r.AccountID, r.Level, r.Class,
			r.Explanation.Position.Rank, r.Explanation.Position.Of)
	}
	fmt.Println(results[1].Explanation.Decision.Text)
	// Output:
	// account 1: platinum (class S), rank 1 of 10
	// account 2: gold (class A), rank 2 of 10
	// account 3: gold (class A), rank 3 of 10
	// account 4: iron (class B), rank 4 of 10
	// revenue_12m 900 is rank 2 of 10 (top 20%) within ranks 2–3 of tiers[1] (top 30% cumulative) → gold
}
