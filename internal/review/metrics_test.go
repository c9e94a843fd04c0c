package review_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/order"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

func TestMain(m *testing.M) {
	testdb.SetupTemplate(dbmigrate.Apply)
	os.Exit(testdb.RunMain(m))
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// GatherMetrics computes every metric of grading.Metrics from the facts in
// one statement; this pins each definition on a hand-checked account.
func TestGatherMetrics(t *testing.T) {
	t.Parallel()
	ctx := viewer.System(context.Background(), "test")
	pool := testdb.NewPool(t)
	client := database.NewClient(pool)
	asOf := day("2026-11-01")

	rated := client.Account.Create().SetCode("A1").SetName("华东建工").SetKind(account.KindB2B).
		SetCreditRating(account.CreditRatingAA).SetInfluenceScore(70).SetPotentialValueMinor(9_000).
		SetReceivablesMinor(1_000).SetOverdueReceivablesMinor(250).
		SetCurrentClass(account.CurrentClassB).SaveX(ctx)
	quiet := client.Account.Create().SetCode("A2").SetName("新客户").SetKind(account.KindDISTRIBUTOR).SaveX(ctx)
	client.Account.Create().SetCode("A3").SetName("已归档").SetKind(account.KindB2B).SetArchived(true).SaveX(ctx)

	order := func(no, on string, amount, margin int64, status string) {
		client.Order.Create().SetAccountID(rated.ID).SetOrderNo(no).SetOrderDate(day(on)).
			SetAmountMinor(amount).SetMarginMinor(margin).SetStatus(orderStatus(status)).ExecX(ctx)
	}
	order("o1", "2026-10-31", 100, 10, "SHIPPED") // trailing 12 months, last order
	order("o2", "2025-11-01", 200, 20, "SHIPPED") // first day of the trailing window
	order("o3", "2025-10-31", 400, 40, "SHIPPED") // previous 12 months; full year 2025
	order("o4", "2024-06-01", 800, 80, "SHIPPED") // 2024
	order("o5", "2023-01-01", 1600, 0, "SHIPPED") // 2023
	order("o6", "2026-11-01", 9999, 0, "SHIPPED") // the as-of day itself: not yet
	order("o7", "2026-05-01", 5000, 0, "CANCELLED")
	client.SatisfactionSurvey.Create().SetAccountID(rated.ID).SetSurveyedOn(day("2026-03-01")).SetScore(8).ExecX(ctx)
	client.SatisfactionSurvey.Create().SetAccountID(rated.ID).SetSurveyedOn(day("2026-09-01")).SetScore(5).ExecX(ctx)
	client.SatisfactionSurvey.Create().SetAccountID(rated.ID).SetSurveyedOn(day("2024-01-01")).SetScore(0).ExecX(ctx)
	client.Touchpoint.Create().SetAccountID(rated.ID).SetKind("VISIT").SetOccurredAt(day("2026-10-30").Add(15 * time.Hour)).ExecX(ctx)
	client.Touchpoint.Create().SetAccountID(rated.ID).SetKind("CALL").SetOccurredAt(day("2025-01-01")).ExecX(ctx)
	client.Collection.Create().SetAccountID(rated.ID).SetDueOn(day("2026-02-01")).SetReceivedOn(day("2026-01-20")).SetAmountMinor(300).ExecX(ctx)
	client.Collection.Create().SetAccountID(rated.ID).SetDueOn(day("2026-05-01")).SetReceivedOn(day("2026-06-15")).SetAmountMinor(100).ExecX(ctx)

	pop, err := review.GatherMetrics(ctx, pool, review.ScopeAll, asOf, 0, 1<<62, review.AllFacts)
	require.NoError(t, err)
	require.Equal(t, 2, pop.Len(), "archived accounts are never graded")
	m := pop.Metrics[0]
	require.Equal(t, int64(rated.ID), m.AccountID)
	require.Equal(t, grading.ClassB, pop.Current[0])
	require.Equal(t, int64(300), m.Revenue12mMinor)
	require.Equal(t, int64(30), m.Margin12mMinor)
	require.Equal(t, int64(400), m.RevenuePrev12mMinor)
	require.Equal(t, [3]int64{400 + 200, 800, 1600}, m.RevenueByYearMinor)
	require.Equal(t, int64(3100), m.CumulativeRevenueMinor)
	require.Equal(t, int64(2), m.Orders12m)
	require.Equal(t, 1, *m.DaysSinceLastOrder)
	require.InDelta(t, 0.25, m.OverdueReceivableRatio, 1e-12)
	require.Equal(t, grading.CreditAA, m.CreditRating)
	require.InDelta(t, 6.5, *m.AvgSatisfaction, 1e-12)
	require.Equal(t, int64(1), m.Touchpoints)
	require.InDelta(t, 70, *m.InfluenceScore, 0)
	require.Equal(t, int64(9_000), m.PotentialValueMinor)
	require.Equal(t, 400.0, m.Extra[review.ExtraCollections12m])
	require.InDelta(t, 0.25, m.Extra[review.ExtraLateCollectionsRatio12m], 1e-12)
	// Tenure: five shipped orders before the as-of day, the first on
	// 2023-01-01, 1400 days before 2026-11-01.
	require.Equal(t, int64(5), m.OrdersTotal)
	require.Equal(t, 1400, *m.DaysSinceFirstOrder)

	q := pop.Metrics[1]
	require.Equal(t, int64(quiet.ID), q.AccountID)
	require.Nil(t, q.DaysSinceLastOrder)
	require.Nil(t, q.AvgSatisfaction)
	require.Nil(t, q.InfluenceScore)
	require.Nil(t, q.DaysSinceFirstOrder, "never ordered: tenure is missing, not zero")
	require.Zero(t, q.OrdersTotal)
	require.Equal(t, grading.Class(""), pop.Current[1])

	// Scopes and facts a model does not read.
	dist, err := review.GatherMetrics(ctx, pool, review.ScopeDistributor, asOf, 0, 1<<62, review.Facts{})
	require.NoError(t, err)
	require.Equal(t, 1, dist.Len())
	lean, err := review.GatherMetrics(ctx, pool, review.ScopeAll, asOf, 0, 1<<62, review.Facts{})
	require.NoError(t, err)
	require.Nil(t, lean.Metrics[0].AvgSatisfaction)
	require.Nil(t, lean.Metrics[0].Extra)
	require.Equal(t, m.Revenue12mMinor, lean.Metrics[0].Revenue12mMinor)

	// Batched gathering returns the same, in order.
	all, err := review.GatherScope(ctx, pool, review.ScopeAll, asOf, 0, 1<<62, 1, 2, review.AllFacts)
	require.NoError(t, err)
	require.Equal(t, pop, all)
}

func orderStatus(s string) order.Status { return order.Status(s) }

func TestFactsFor(t *testing.T) {
	t.Parallel()
	for _, p := range grading.Presets() {
		f := review.FactsFor(p.Config)
		require.False(t, f.Collections, p.Key)
	}
	require.Equal(t, review.Facts{Surveys: true, Touchpoints: true},
		review.FactsFor([]byte(`{"criteria":[{"metric":"avg_satisfaction"},{"metric":"touchpoints"}]}`)))
	require.True(t, review.FactsFor([]byte(`{"metric":"extra.collections_12m"}`)).Collections)
	require.True(t, review.FactsFor([]byte(`{"metric":"days_since_first_order"}`)).Tenure)
	require.True(t, review.FactsFor([]byte(`{"metric":"orders_total"}`)).Tenure)
	require.False(t, review.FactsFor([]byte(`{"metric":"orders_12m"}`)).Tenure)
}

func TestPeriods(t *testing.T) {
	t.Parallel()
	q := review.QuarterOf(day("2026-11-15"))
	require.Equal(t, "2026-Q4", q.Name)
	require.Equal(t, day("2026-10-01"), q.Start)
	require.Equal(t, day("2026-12-31"), q.End)
	require.Equal(t, day("2027-01-01"), review.Quarterly.Next(day("2026-10-01")))
	require.Equal(t, "2026-02", review.Monthly.PeriodOf(day("2026-02-28")).Name)
	require.Equal(t, day("2026-03-01"), review.Monthly.Next(day("2026-02-28").Add(23*time.Hour)))
	_, err := review.ParseCadence("weekly")
	require.Error(t, err)
}

var _ = ent.IsNotFound
