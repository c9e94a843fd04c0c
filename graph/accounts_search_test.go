package graph_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/internal/viewer"
)

const acctSearchOp = `query($q: String!, $first: Int, $archived: Boolean) {
	searchAccounts(query: $q, first: $first, includeArchived: $archived) { score account { id code name nameEn } } }`

type acctHit struct {
	Score   float64
	Account struct {
		ID, Code, Name string
		NameEn         *string
	}
}

func acctSearch(t *testing.T, f *matrixFixture, email, q string, vars map[string]any) []acctHit {
	t.Helper()
	v := map[string]any{"q": q}
	for k, x := range vars {
		v[k] = x
	}
	res := f.query(t, email, acctSearchOp, v)
	require.Empty(t, res.Errors, "search %q as %s", q, email)
	var out struct{ SearchAccounts []acctHit }
	require.NoError(t, json.Unmarshal(res.Data, &out))
	return out.SearchAccounts
}

func acctHitCodes(hits []acctHit) []string {
	codes := make([]string, len(hits))
	for i, h := range hits {
		codes[i] = h.Account.Code
	}
	return codes
}

// acctIndexOf returns the rank of code in hits, or -1.
func acctIndexOf(hits []acctHit, code string) int {
	for i, h := range hits {
		if h.Account.Code == code {
			return i
		}
	}
	return -1
}

func TestAccountSearch(t *testing.T) {
	t.Parallel()
	f := newMatrixFixture(t)
	sys := viewer.System(context.Background(), "test")
	kam01, kam02 := f.viewers["kam01@summit.example"], f.viewers["kam02@summit.example"]
	mk := func(code, name, nameEn string, owner int) *ent.Account {
		c := f.client.Account.Create().SetCode(code).SetName(name).SetKind(account.KindB2B).SetOwnerID(owner)
		if nameEn != "" {
			c.SetNameEn(nameEn)
		}
		return c.SaveX(sys)
	}
	mk("HW-0001", "华为技术有限公司", "Huawei Technologies Co., Ltd.", kam01.UserID)
	mk("HW-0002", "深圳华为终端有限公司", "Huawei Device (Shenzhen) Co., Ltd.", kam01.UserID)
	mk("CRV-0001", "华润万家超市", "China Resources Vanguard", kam01.UserID)
	mk("HW-0003", "华为海外分公司", "Huawei Overseas", kam02.UserID)

	// A Chinese prefix ranks above the same two characters inside a name;
	// names merely sharing a character (华润) do not match.
	hits := acctSearch(t, f, "admin@summit.example", "华为", nil)
	require.Less(t, acctIndexOf(hits, "HW-0001"), acctIndexOf(hits, "HW-0002"))
	require.Less(t, acctIndexOf(hits, "HW-0003"), acctIndexOf(hits, "HW-0002"))
	require.NotEqual(t, -1, acctIndexOf(hits, "HW-0002"))
	require.Equal(t, -1, acctIndexOf(hits, "CRV-0001"))
	for i := 1; i < len(hits); i++ {
		require.GreaterOrEqual(t, hits[i-1].Score, hits[i].Score, "hits come best first")
	}

	// Two characters from the middle of a Chinese name.
	hits = acctSearch(t, f, "admin@summit.example", "终端", nil)
	require.Equal(t, "HW-0002", hits[0].Account.Code)

	// An exact name or code scores 1 and comes first.
	hits = acctSearch(t, f, "admin@summit.example", "华为技术有限公司", nil)
	require.Equal(t, "HW-0001", hits[0].Account.Code)
	require.InDelta(t, 1.0, hits[0].Score, 1e-9)
	hits = acctSearch(t, f, "admin@summit.example", "hw-0001", nil)
	require.Equal(t, "HW-0001", hits[0].Account.Code, "codes match case-insensitively")
	require.InDelta(t, 1.0, hits[0].Score, 1e-9)

	// A code prefix finds the codes that start with it.
	hits = acctSearch(t, f, "admin@summit.example", "HW-000", nil)
	require.ElementsMatch(t, []string{"HW-0001", "HW-0002", "HW-0003"}, acctHitCodes(hits))
	require.InDelta(t, 0.9, hits[0].Score, 1e-9)

	// Latin: a partial word, any case, of the English name.
	hits = acctSearch(t, f, "admin@summit.example", "huawe", nil)
	require.Subset(t, acctHitCodes(hits), []string{"HW-0001", "HW-0002", "HW-0003"})
	hits = acctSearch(t, f, "admin@summit.example", "Huawei Technologies", nil)
	require.Equal(t, "HW-0001", hits[0].Account.Code)
	// A misspelling still finds it, through trigram word similarity.
	hits = acctSearch(t, f, "admin@summit.example", "Huawai Technologies", nil)
	require.NotEmpty(t, hits)
	require.Equal(t, "HW-0001", hits[0].Account.Code)
	// Seeded names: a Chinese brand and its English name find the same group.
	zh := acctSearch(t, f, "admin@summit.example", "明联", map[string]any{"first": 100})
	en := acctSearch(t, f, "admin@summit.example", "minglian", map[string]any{"first": 100})
	require.NotEmpty(t, zh)
	require.Subset(t, acctHitCodes(zh), acctHitCodes(en)[:1], "the best English hit is also a Chinese hit")

	// Row-level access: a key-account manager never finds an account that is
	// not theirs, whatever they search for, and finds all of theirs that match.
	readable := map[string]bool{}
	rows, err := f.pool.Query(context.Background(), `SELECT code FROM accounts WHERE id IN (`+readableAccountsSQL+`)`, accountArgs(kam01)...)
	require.NoError(t, err)
	for rows.Next() {
		var code string
		require.NoError(t, rows.Scan(&code))
		readable[code] = true
	}
	rows.Close()
	require.False(t, readable["HW-0003"])
	for _, q := range []string{"华为", "HW-0003", "华为海外分公司", "Huawei Overseas", "公司", "有限公司", "集团", "Co., Ltd.", "C000", "明联", "银行", "科技"} {
		hits := acctSearch(t, f, "kam01@summit.example", q, map[string]any{"first": 100})
		for _, h := range hits {
			require.True(t, readable[h.Account.Code], "kam01 searching %q found %s, which is not theirs", q, h.Account.Code)
		}
		if len(hits) < 100 {
			var want int
			require.NoError(t, f.pool.QueryRow(context.Background(), `SELECT count(*) FROM accounts WHERE NOT archived
				AND (name ILIKE '%' || $6 || '%' OR name_en ILIKE '%' || $6 || '%' OR code ILIKE $6 || '%')
				AND id IN (`+readableAccountsSQL+`)`, append(accountArgs(kam01), q)...).Scan(&want))
			require.GreaterOrEqual(t, len(hits), want, "kam01 searching %q finds every matching account of theirs", q)
		}
	}
	require.Empty(t, acctSearch(t, f, "kam01@summit.example", "HW-0003", nil), "an exact code of someone else's account finds nothing")

	// Archived accounts are left out unless asked for.
	_, err = f.pool.Exec(context.Background(), `UPDATE accounts SET archived = true, archived_at = now() WHERE code = 'HW-0002'`)
	require.NoError(t, err)
	require.Equal(t, -1, acctIndexOf(acctSearch(t, f, "kam01@summit.example", "华为", nil), "HW-0002"))
	require.NotEqual(t, -1, acctIndexOf(acctSearch(t, f, "kam01@summit.example", "华为", map[string]any{"archived": true}), "HW-0002"))

	// Wildcards in the query are taken literally.
	require.Empty(t, acctSearch(t, f, "admin@summit.example", "%", nil))
	require.Empty(t, acctSearch(t, f, "admin@summit.example", "_", nil))

	// first bounds the hits; bad input names its argument.
	require.Len(t, acctSearch(t, f, "admin@summit.example", "公司", map[string]any{"first": 3}), 3)
	acctErr(t, f.query(t, "admin@summit.example", acctSearchOp, map[string]any{"q": "  "}), "BAD_USER_INPUT", "query")
	acctErr(t, f.query(t, "admin@summit.example", acctSearchOp, map[string]any{"q": "华为", "first": 0}), "BAD_USER_INPUT", "first")
	acctErr(t, f.query(t, "admin@summit.example", acctSearchOp, map[string]any{"q": "华为", "first": 1000}), "BAD_USER_INPUT", "first")
}
