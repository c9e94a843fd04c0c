package graph_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

// A service desk reads seed 000's telephone service levels as fields; an
// admin sets a class's terms and level benefits; accounts filter by level.
func TestClassTermsAndLevelsOverHTTP(t *testing.T) {
	t.Parallel()
	f := newGradingFixture(t)

	var policies struct {
		ClassPolicies []struct {
			Class                string
			Version              int
			HotlineAnswerPercent *int
			HotlineAnswerSeconds *int
			CallbackWithinHours  *int
			QueuePriority        string
		}
	}
	gradingData(t, f, gradingKAM, `{ classPolicies { class version hotlineAnswerPercent hotlineAnswerSeconds callbackWithinHours queuePriority } }`, nil, &policies)
	require.Len(t, policies.ClassPolicies, 4)
	type hotline struct {
		percent, seconds, callback int
		queue                      string
	}
	got := map[string]hotline{}
	for _, p := range policies.ClassPolicies {
		h := hotline{percent: *p.HotlineAnswerPercent, seconds: *p.HotlineAnswerSeconds, queue: p.QueuePriority}
		if p.CallbackWithinHours != nil {
			h.callback = *p.CallbackWithinHours
		}
		got[p.Class] = h
	}
	require.Equal(t, map[string]hotline{
		"S": {90, 20, 0, "GREEN_CHANNEL"},
		"A": {90, 20, 0, "STANDARD"},
		"B": {85, 20, 24, "STANDARD"},
		"C": {85, 20, 0, "STANDARD"},
	}, got)

	const update = `mutation($v: Int!, $in: UpdateClassPolicyInput!) { updateClassPolicy(class: C, version: $v, input: $in) {
		version creditLimitMinor paymentTermsDays priceCoefficient queuePriority levelEntitlements } }`
	version := 0
	for _, p := range policies.ClassPolicies {
		if p.Class == "C" {
			version = p.Version
		}
	}
	code, ext := gradingErrCode(t, f, gradingAdmin, update, map[string]any{"v": version, "in": map[string]any{"priceCoefficient": 0.12345}})
	require.Equal(t, "BAD_USER_INPUT", code)
	require.Equal(t, "input.priceCoefficient", ext["field"])
	code, ext = gradingErrCode(t, f, gradingAdmin, update, map[string]any{"v": version, "in": map[string]any{"levelEntitlements": map[string]any{"new": []string{" "}}}})
	require.Equal(t, "BAD_USER_INPUT", code)
	require.Equal(t, "input.levelEntitlements.new[0]", ext["field"])

	var out struct {
		UpdateClassPolicy struct {
			CreditLimitMinor  int64
			PaymentTermsDays  int
			PriceCoefficient  float64
			QueuePriority     string
			LevelEntitlements map[string][]string
		}
	}
	in := map[string]any{"creditLimit": 2_000_000, "paymentTermsDays": 0, "priceCoefficient": 1.05, "queuePriority": "BACK_OF_QUEUE",
		"levelEntitlements": map[string]any{"new": []string{"首次消费优惠"}, "regular": []string{"会员价", "积分累计"}}}
	gradingData(t, f, gradingAdmin, update, map[string]any{"v": version, "in": in}, &out)
	require.Equal(t, int64(2_000_000), out.UpdateClassPolicy.CreditLimitMinor)
	require.Equal(t, 0, out.UpdateClassPolicy.PaymentTermsDays)
	require.Equal(t, 1.05, out.UpdateClassPolicy.PriceCoefficient)
	require.Equal(t, "BACK_OF_QUEUE", out.UpdateClassPolicy.QueuePriority)
	require.Equal(t, []string{"会员价", "积分累计"}, out.UpdateClassPolicy.LevelEntitlements["regular"])

	// Accounts filter by the level within their class.
	ctx := context.Background()
	_, err := f.pool.Exec(ctx, `UPDATE accounts SET current_class = 'C', current_level = 'new'
		WHERE id IN (SELECT id FROM accounts ORDER BY id LIMIT 3)`)
	require.NoError(t, err)
	var accounts struct {
		Accounts struct {
			TotalCount int
			Edges      []struct{ Node struct{ CurrentLevel string } }
		}
	}
	gradingData(t, f, gradingAdmin, `{ accounts(first: 10, where: {currentClass: C, currentLevel: "new"}) { totalCount edges { node { currentLevel } } } }`, nil, &accounts)
	require.Equal(t, 3, accounts.Accounts.TotalCount)
	require.Equal(t, "new", accounts.Accounts.Edges[0].Node.CurrentLevel)
}
