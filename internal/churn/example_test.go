package churn_test

import (
	"fmt"
	"time"

	"github.com/summitkam/summit/internal/churn"
)

func ExampleEvaluate() {
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	a := churn.Evaluate(churn.Config{}, churn.Facts{
		AccountID:          "acc-42",
		Class:              churn.ClassA,
		AsOf:               asOf,
		LastOrderAt:        asOf.AddDate(0, 0, -70),
		OrderIntervalDays:  30,
		IntervalOrderCount: 12,
		LastTouchpointAt:   asOf.AddDate(0, 0, -20),
		KeyContactsLeft:    1,
	})
	fmt.Println(a.Score, a.Level)
	for _, s := range a.Fired {
		fmt.Printf("%s %s %d points (%s, counted %t): %s\n", s.Code, s.Severity, s.Points, s.Family, s.Counted, s.Detail)
	}
	for _, s := range a.Skipped {
		fmt.Printf("skipped %s (%s)\n", s.Code, s.Reason)
	}
	fmt.Println("decline:", churn.ShouldMoveToDecline(a))
	// Output:
	// 40 medium
	// order_gap warning 15 points (ordering, counted true): No order for 70 days, 2.3× the usual 30-day interval (warning at 1.5×)
	// key_contact_left warning 25 points (relationship, counted true): 1 key contact (decision maker) left in the last 90 days; warning at 1
	// skipped order_volume_drop (no_baseline)
	// skipped revenue_drop_yoy (no_baseline)
	// skipped collections_slowing (no_data)
	// skipped satisfaction_falling (no_data)
	// decline: false
}

func ExampleDeadline() {
	opened := time.Date(2026, 6, 30, 9, 0, 0, 0, time.UTC)
	deadline := churn.Deadline(churn.Config{}, churn.ClassS, opened)
	fmt.Println(deadline.Format(time.RFC3339))
	fmt.Println(churn.ShouldEscalate(churn.ClassS, deadline, deadline.Add(time.Minute), false))
	// Output:
	// 2026-07-02T09:00:00Z
	// true
}

func ExampleReconcile() {
	open := []churn.OpenAlert{{
		AlertID: "alert-1", AccountID: "acc-1", Type: churn.AlertTypeChurn,
		Level: churn.LevelHigh, SignalCodes: []churn.SignalCode{churn.SignalOrderGap},
	}}
	assessed := []churn.Assessment{
		{AccountID: "acc-1", Level: churn.LevelLow},
		{AccountID: "acc-2", Level: churn.LevelCritical, Fired: []churn.FiredSignal{{Code: churn.SignalKeyContactLeft}}},
	}
	for _, d := range churn.Reconcile(open, assessed, churn.LevelMedium) {
		fmt.Println(d.AccountID, d.Action, d.Reason, d.AlertID)
	}
	// Output:
	// acc-1 resolve signals_cleared alert-1
	// acc-2 open new_risk
}
