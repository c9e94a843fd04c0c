package review_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/classpolicy"
	"github.com/summitkam/summit/ent/gradingmodel"
	"github.com/summitkam/summit/ent/reviewcycle"
	"github.com/summitkam/summit/ent/reviewresult"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

// Publishing a review gives each account that moves class the terms its new
// class's policy sets (credit limit, payment terms, price coefficient) and
// keeps the model's level on the account; both audited, both once.
func TestPublishAppliesTermsAndLevels(t *testing.T) {
	t.Parallel()
	ctx := viewer.System(context.Background(), "test")
	pool := testdb.NewPool(t)
	client := database.NewClient(pool)

	// Class A sets all three terms; class C sets only payment terms.
	client.ClassPolicy.Create().SetClass(classpolicy.ClassA).SetLabel("伙伴型客户").SetLabelEn("Partner").
		SetCreditLimitMinor(50_000_000).SetPaymentTermsDays(60).SetPriceCoefficient(0.95).ExecX(ctx)
	client.ClassPolicy.Create().SetClass(classpolicy.ClassC).SetLabel("一般客户").SetLabelEn("General").
		SetPaymentTermsDays(0).ExecX(ctx)

	newAccount := func(code string, class *account.CurrentClass, level string) int {
		create := client.Account.Create().SetCode(code).SetName(code).SetKind(account.KindB2B).
			SetCreditLimitMinor(1_000).SetPaymentTermsDays(30).SetPriceCoefficient(1)
		if class != nil {
			create.SetCurrentClass(*class)
		}
		if level != "" {
			create.SetCurrentLevel(level)
		}
		return create.SaveX(ctx).ID
	}
	classB, classC := account.CurrentClassB, account.CurrentClassC
	upToA := newAccount("UP", &classB, "white_gold")
	downToC := newAccount("DOWN", &classB, "platinum")
	stayC := newAccount("STAY", &classC, "new")
	rejected := newAccount("REJ", &classB, "platinum")

	model := client.GradingModel.Create().SetKey("ka").SetName("ka").SetKind(gradingmodel.KindRULES).SaveX(ctx)
	preset, _ := grading.LookupPreset(grading.PresetKeyAccountFiveLevels)
	version := client.GradingModelVersion.Create().SetModelID(model.ID).SetNumber(1).SetConfig(preset.Config).SaveX(ctx)
	cycle := client.ReviewCycle.Create().SetName("2026-Q4").SetPeriodStart(day("2026-10-01")).SetPeriodEnd(day("2026-12-31")).
		SetModelVersionID(version.ID).SetStatus(reviewcycle.StatusPUBLISHING).SaveX(ctx)
	result := func(accountID int, from, to reviewresult.ProposedClass, level string, status reviewresult.Status) {
		prev := reviewresult.PreviousClass(from)
		client.ReviewResult.Create().SetCycleID(cycle.ID).SetAccountID(accountID).SetPreviousClass(prev).
			SetProposedClass(to).SetLevelLabel(level).SetStatus(status).ExecX(ctx)
	}
	result(upToA, "B", reviewresult.ProposedClassA, "diamond", reviewresult.StatusAPPROVED)
	result(downToC, "B", reviewresult.ProposedClassC, "silver", reviewresult.StatusPROPOSED)
	result(stayC, "C", reviewresult.ProposedClassC, "regular", reviewresult.StatusPROPOSED)
	result(rejected, "B", reviewresult.ProposedClassA, "diamond", reviewresult.StatusREJECTED)

	svc := &review.Service{Pool: pool}
	publish := jobargs.ReviewPublish{CycleID: cycle.ID}
	require.NoError(t, svc.Publish(ctx, publish))

	get := func(id int) (string, string, int64, int, float64) {
		a := client.Account.GetX(ctx, id)
		level := ""
		if a.CurrentLevel != nil {
			level = *a.CurrentLevel
		}
		return string(*a.CurrentClass), level, a.CreditLimitMinor, a.PaymentTermsDays, a.PriceCoefficient
	}
	class, level, credit, terms, price := get(upToA)
	require.Equal(t, []any{"A", "diamond", int64(50_000_000), 60, 0.95}, []any{class, level, credit, terms, price})
	class, level, credit, terms, price = get(downToC)
	require.Equal(t, []any{"C", "silver", int64(1_000), 0, 1.0}, []any{class, level, credit, terms, price},
		"class C sets payment terms only: the rest stays")
	class, level, credit, terms, price = get(stayC)
	require.Equal(t, []any{"C", "regular", int64(1_000), 30, 1.0}, []any{class, level, credit, terms, price},
		"no class move, no new terms; the level within C changes")
	class, level, credit, terms, price = get(rejected)
	require.Equal(t, []any{"B", "platinum", int64(1_000), 30, 1.0}, []any{class, level, credit, terms, price},
		"a rejected move keeps class, level and terms")

	count := func(action string, accountID int) int {
		var n int
		require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM audit_events WHERE action = $1 AND entity_id = $2`, action, accountID).Scan(&n))
		return n
	}
	require.Equal(t, 1, count("terms.change", upToA))
	require.Equal(t, 1, count("terms.change", downToC))
	require.Equal(t, 0, count("terms.change", stayC))
	require.Equal(t, 1, count("level.change", stayC))
	require.Equal(t, 0, count("level.change", upToA), "a level change with a class change is in class.change")
	var after json.RawMessage
	require.NoError(t, pool.QueryRow(ctx, `SELECT after FROM audit_events WHERE action = 'terms.change' AND entity_id = $1`, upToA).Scan(&after))
	require.JSONEq(t, `{"credit_limit_minor": 50000000, "payment_terms_days": 60, "price_coefficient": 0.95, "class": "A", "review_cycle_id": `+
		jsonInt(cycle.ID)+`}`, string(after))

	// A retried publish changes nothing and audits nothing twice.
	client.ReviewCycle.UpdateOneID(cycle.ID).SetStatus(reviewcycle.StatusPUBLISHING).ExecX(ctx)
	require.NoError(t, svc.Publish(ctx, publish))
	require.Equal(t, 1, count("terms.change", upToA))
	require.Equal(t, 1, count("level.change", stayC))
}

func jsonInt(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
