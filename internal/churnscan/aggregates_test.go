package churnscan_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/churnscan"
)

// The churn facts read with the monthly aggregates equal the ones read
// from every fact row, on seeded data, as of days that cut months in
// different places, before and after touchpoints move and disappear.
func TestAggregateFactsEqualFromScratch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, _ := seeded(t, 300, 13)
	compare := func(when string) {
		t.Helper()
		for _, d := range []time.Time{asOf, asOf.AddDate(0, 0, -1), asOf.AddDate(0, -1, 14), asOf.AddDate(0, -7, -1), asOf.AddDate(-1, 0, 0)} {
			want, wantAccounts, err := churnscan.GatherFactsFromScratch(ctx, pool, d, 0, 1<<62)
			require.NoError(t, err)
			got, gotAccounts, err := churnscan.GatherFacts(ctx, pool, d, 0, 1<<62)
			require.NoError(t, err)
			require.Greater(t, len(want), 100)
			require.Equal(t, wantAccounts, gotAccounts, "accounts as of %s %s", d, when)
			require.Equal(t, want, got, "churn facts as of %s %s", d, when)
			if d != asOf {
				continue
			}
			withTouch := 0
			for _, f := range got {
				if !f.LastTouchpointAt.IsZero() {
					withTouch++
				}
			}
			require.Greater(t, withTouch, 100, "accounts with a last touchpoint as of %s", d)
		}
	}
	compare("after the seed")
	for _, sql := range []string{
		`UPDATE touchpoints SET occurred_at = occurred_at + interval '23 days 5 hours' WHERE id % 3 = 0`,
		`DELETE FROM touchpoints WHERE id % 5 = 0`,
		`INSERT INTO touchpoints (created_at, updated_at, kind, occurred_at, account_id)
		 SELECT now(), now(), 'CALL', d, a.id FROM (SELECT id FROM accounts ORDER BY id LIMIT 80) a,
		      unnest(ARRAY['2026-10-31 23:00+00', '2026-11-01 05:00+00', '2026-10-01 00:00+00', '2026-09-30 23:59+00']::timestamptz[]) d`,
	} {
		_, err := pool.Exec(ctx, sql)
		require.NoError(t, err, sql)
	}
	compare("after touchpoints moved")
}
