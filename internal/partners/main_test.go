package partners_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/seed"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

func TestMain(m *testing.M) {
	testdb.SetupTemplate(dbmigrate.Apply)
	os.Exit(testdb.RunMain(m))
}

// bundle is a seeded database and a controllable clock.
type bundle struct {
	pool   *pgxpool.Pool
	client *ent.Client
	sys    context.Context
	now    time.Time
	used   []int64 // partners handed out by partnerIn
}

func (b *bundle) clock() time.Time { return b.now }

func setup(t *testing.T, accounts int) *bundle {
	t.Helper()
	pool := testdb.NewPool(t)
	sys := viewer.System(context.Background(), "test")
	_, err := seed.Run(sys, pool, seed.Options{Accounts: accounts, Seed: 5})
	require.NoError(t, err)
	return &bundle{pool: pool, client: database.NewClient(pool), sys: sys, now: seed.DefaultAsOf.Add(9 * time.Hour), used: []int64{}}
}

// as returns a context acting as the demo user email, as the auth
// middleware would build it.
func (b *bundle) as(t *testing.T, email string) context.Context {
	t.Helper()
	return testdb.ViewerContext(t, b.pool, email)
}

func (b *bundle) queryInt(t *testing.T, q string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, b.pool.QueryRow(context.Background(), q, args...).Scan(&n), q)
	return n
}

func (b *bundle) exec(t *testing.T, q string, args ...any) {
	t.Helper()
	_, err := b.pool.Exec(context.Background(), q, args...)
	require.NoError(t, err, q)
}

func (b *bundle) tierID(t *testing.T, code string) int {
	t.Helper()
	return b.queryInt(t, "SELECT id FROM partner_tiers WHERE code = $1", code)
}

// partnerIn returns a partner of region not handed out before, now holding
// tier code, without a parent or sub-partners (so its figures are its own).
func (b *bundle) partnerIn(t *testing.T, region, code string) int {
	t.Helper()
	id := b.queryInt(t, `SELECT p.id FROM partner_profiles p JOIN accounts a ON a.id = p.account_id
		WHERE a.region = $1 AND NOT p.id = ANY($2) ORDER BY p.id LIMIT 1`, region, b.used)
	b.used = append(b.used, int64(id))
	b.exec(t, "UPDATE partner_profiles SET parent_id = NULL WHERE parent_id = $1 OR id = $1", id)
	b.exec(t, "UPDATE partner_profiles SET tier_id = $2 WHERE id = $1", id, b.tierID(t, code))
	return id
}

// setFigures makes a partner's own figures exactly the minimums of tier
// code.
func (b *bundle) setFigures(t *testing.T, profileID int, code string) {
	t.Helper()
	b.exec(t, `UPDATE partner_profiles p SET
		registered_capital_minor = (SELECT min_value FROM tier_requirements r JOIN partner_tiers t ON t.id = r.tier_id WHERE t.code = $2 AND r.criterion = 'REGISTERED_CAPITAL'),
		annual_performance_minor = (SELECT min_value FROM tier_requirements r JOIN partner_tiers t ON t.id = r.tier_id WHERE t.code = $2 AND r.criterion = 'ANNUAL_PERFORMANCE'),
		certified_staff = (SELECT min_value FROM tier_requirements r JOIN partner_tiers t ON t.id = r.tier_id WHERE t.code = $2 AND r.criterion = 'CERTIFIED_STAFF')
		WHERE p.id = $1`, profileID, code)
}
