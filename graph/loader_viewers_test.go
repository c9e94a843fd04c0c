package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestConcurrentViewersGetTheirOwnLoadedValues: an admin and a key-account
// manager who may read only part of a group ask for the same page at the
// same time, again and again; each always gets what it gets alone.
func TestConcurrentViewersGetTheirOwnLoadedValues(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	ctx := context.Background()
	const admin, kam = "admin@summit.example", "kam01@summit.example"

	// kam01 owns a group but for one child, kam02's, so the group's roll-up
	// differs between the two viewers.
	root := acctInt(t, f, `SELECT p.id FROM accounts p WHERE p.parent_id IS NULL
		AND (SELECT count(*) FROM accounts c WHERE c.parent_id = p.id) >= 2 ORDER BY p.id LIMIT 1`)
	hidden := acctInt(t, f, `SELECT id FROM accounts WHERE parent_id = $1 ORDER BY id LIMIT 1`, root)
	_, err := f.pool.Exec(ctx, `WITH RECURSIVE sub(id) AS (SELECT $1::bigint UNION ALL SELECT a.id FROM accounts a JOIN sub ON a.parent_id = sub.id)
		UPDATE accounts SET owner_id = $2 WHERE id IN (SELECT id FROM sub)`, root, f.viewers[kam].UserID)
	require.NoError(t, err)
	_, err = f.pool.Exec(ctx, `UPDATE accounts SET owner_id = $2 WHERE id = $1`, hidden, f.viewers["kam02@summit.example"].UserID)
	require.NoError(t, err)
	_, err = f.pool.Exec(ctx, `DELETE FROM account_team_members WHERE account_id = $1 AND user_id = $2`, hidden, f.viewers[kam].UserID)
	require.NoError(t, err)

	q := `{ accounts(first: 50, where: {parentIDIsNil: true}, orderBy: [{field: CODE}]) { edges { node {
		id ancestors { id } rollup { revenueMinor openAlerts teamSize accounts } ` + planHealthFields + `
		contacts(first: 5) { edges { node { id lastTouchedAt } } }
	} } } }`
	ask := func(email string) (string, error) {
		body, _ := json.Marshal(map[string]any{"query": q})
		req, _ := http.NewRequest(http.MethodPost, f.srv.URL, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Test-Viewer", email)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		var out gqlResult
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			return "", err
		}
		if len(out.Errors) > 0 {
			return "", fmt.Errorf("%s: %v", email, out.Errors)
		}
		return string(out.Data), nil
	}

	alone := map[string]string{}
	rollupOfRoot := map[string]acctRollup{}
	for _, email := range []string{admin, kam} {
		data, err := ask(email)
		require.NoError(t, err)
		alone[email] = data
		var page struct {
			Accounts struct {
				Edges []struct {
					Node struct {
						ID     string
						Rollup acctRollup
					}
				}
			}
		}
		require.NoError(t, json.Unmarshal([]byte(data), &page))
		for _, e := range page.Accounts.Edges {
			if e.Node.ID == fmt.Sprint(root) {
				rollupOfRoot[email] = e.Node.Rollup
			}
		}
		require.Contains(t, rollupOfRoot, email, "%s's page has the group", email)
	}
	require.Equal(t, rollupOfRoot[admin].Accounts-1, rollupOfRoot[kam].Accounts, "kam01's roll-up leaves out the child they cannot read")

	for range 10 {
		var wg sync.WaitGroup
		got := map[string]*string{admin: new(string), kam: new(string)}
		errs := make(chan error, len(got))
		for email, data := range got {
			wg.Go(func() {
				var err error
				*data, err = ask(email)
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		for email, data := range got {
			require.JSONEq(t, alone[email], *data, "%s's answer asked alongside another viewer's", email)
		}
	}
}
