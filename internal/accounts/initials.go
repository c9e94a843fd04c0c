package accounts

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"entgo.io/ent/dialect/sql"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/internal/viewer"
)

// gb2312Initials are the first codes (GB2312, high byte × 256 + low byte)
// of each pinyin initial among GB2312's level-1 characters, which are
// ordered by pinyin: a character's initial is the last boundary at or below
// its code. Level 1 holds the 3,755 most common characters; the letters i,
// u and v start no syllable.
var gb2312Initials = []struct {
	from    int
	initial byte
}{
	{45217, 'a'}, {45253, 'b'}, {45761, 'c'}, {46318, 'd'}, {46826, 'e'}, {47010, 'f'},
	{47297, 'g'}, {47614, 'h'}, {48119, 'j'}, {49062, 'k'}, {49324, 'l'}, {49896, 'm'},
	{50371, 'n'}, {50614, 'o'}, {50622, 'p'}, {50906, 'q'}, {51387, 'r'}, {51446, 's'},
	{52218, 't'}, {52698, 'w'}, {52980, 'x'}, {53689, 'y'}, {54481, 'z'},
}

// gb2312Level1End is the last code of GB2312's level-1 characters (座).
const gb2312Level1End = 55289

// extraInitials are characters outside GB2312 level 1 (ordered by radical,
// not pinyin) that company names use often.
var extraInitials = map[rune]byte{
	'鑫': 'x', '睿': 'r', '晟': 's', '昊': 'h', '钰': 'y', '璟': 'j', '炜': 'w', '珑': 'l', '琪': 'q',
	'泓': 'h', '淼': 'm', '赟': 'y', '喆': 'z', '铠': 'k', '沣': 'f', '玥': 'y', '垚': 'y', '焱': 'y',
	'旻': 'm', '堃': 'k', '翊': 'y', '彧': 'y', '煜': 'y', '祎': 'y', '珈': 'j', '骐': 'q', '麒': 'q',
	'崑': 'k', '暨': 'j', '亿': 'y', '讯': 'x', '镁': 'm', '钛': 't', '锂': 'l', '钴': 'g', '铖': 'c',
	// Place names.
	'圳': 'z', '莞': 'g', '邯': 'h', '濮': 'p', '婺': 'w', '岚': 'l', '嵊': 's', '衢': 'q', '淄': 'z',
	'亳': 'b', '涪': 'f', '泸': 'l', '漯': 'l', '溧': 'l', '睢': 's', '鄞': 'y', '浔': 'x', '郴': 'c',
	'邳': 'p', '儋': 'd', '鄯': 's', '崂': 'l', '榆': 'y', '琼': 'q',
}

// Initials is the pinyin initials of name as people type them to find a
// company (华为集团 → hwjt): one lower-case letter per Chinese character,
// Latin letters and digits kept as they are (lower-cased), everything else
// dropped. A Chinese character it does not know is dropped too.
func Initials(name string) string {
	var b strings.Builder
	enc := simplifiedchinese.GBK.NewEncoder()
	for _, r := range name {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Han, r):
			if c, ok := extraInitials[r]; ok {
				b.WriteByte(c)
				continue
			}
			gbk, err := enc.String(string(r))
			if err != nil || len(gbk) != 2 {
				continue
			}
			code := int(gbk[0])<<8 | int(gbk[1])
			if code < gb2312Initials[0].from || code > gb2312Level1End {
				continue
			}
			initial := gb2312Initials[0].initial
			for _, bound := range gb2312Initials {
				if code < bound.from {
					break
				}
				initial = bound.initial
			}
			b.WriteByte(initial)
		}
	}
	return b.String()
}

// looksLikeInitials says whether a search query may be pinyin initials:
// two to twelve Latin letters.
func looksLikeInitials(q string) bool {
	if len(q) < 2 || len(q) > 12 {
		return false
	}
	for _, r := range q {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return false
		}
	}
	return true
}

// initialsIndex holds the pinyin initials of every account's name, so a
// search for hwjt finds 华为集团 without a column of its own. It is rebuilt
// when the accounts' count or latest update changes (one cheap query per
// search); it only proposes ids: the accounts returned are read through the
// viewer's ent query, so the row rules decide as for any search.
type initialsIndex struct {
	mu       sync.Mutex
	stamp    string
	ids      []int
	initials []string
}

// One index per client (per database): tests run many databases in one
// process, and queries in production use the one root client.
var initialsIndexes sync.Map // *ent.Client → *initialsIndex

func initialsIndexFor(client *ent.Client) *initialsIndex {
	x, _ := initialsIndexes.LoadOrStore(client, &initialsIndex{})
	return x.(*initialsIndex)
}

// match returns the ids of the accounts whose initials are q (exact) and
// those that start with or contain it (partial), at most limit of each.
func (x *initialsIndex) match(ctx context.Context, client *ent.Client, q string, limit int) (exact, partial []int, err error) {
	if err := x.refresh(ctx, client); err != nil {
		return nil, nil, err
	}
	q = strings.ToLower(q)
	x.mu.Lock()
	defer x.mu.Unlock()
	for i, in := range x.initials {
		switch {
		case in == q:
			if len(exact) < limit {
				exact = append(exact, x.ids[i])
			}
		case strings.Contains(in, q):
			if len(partial) < limit {
				partial = append(partial, x.ids[i])
			}
		}
	}
	return exact, partial, nil
}

func (x *initialsIndex) refresh(ctx context.Context, client *ent.Client) error {
	sys := viewer.System(ctx, "account search index")
	var stamp []struct {
		N    int    `sql:"n"`
		Last string `sql:"last"`
	}
	err := client.Account.Query().Modify(func(s *sql.Selector) {
		s.Select(sql.As("count(*)", "n"), sql.As("coalesce(max("+s.C(account.FieldUpdatedAt)+")::text, '')", "last"))
	}).Scan(sys, &stamp)
	if err != nil {
		return fmt.Errorf("error checking the account search index: %w", err)
	}
	key := ""
	if len(stamp) == 1 {
		key = fmt.Sprintf("%d/%s", stamp[0].N, stamp[0].Last)
	}
	x.mu.Lock()
	fresh := x.stamp == key && key != ""
	x.mu.Unlock()
	if fresh {
		return nil
	}
	var rows []struct {
		ID   int    `sql:"id"`
		Name string `sql:"name"`
	}
	if err := client.Account.Query().Select(account.FieldID, account.FieldName).Scan(sys, &rows); err != nil {
		return fmt.Errorf("error building the account search index: %w", err)
	}
	ids, initials := make([]int, len(rows)), make([]string, len(rows))
	for i, r := range rows {
		ids[i], initials[i] = r.ID, Initials(r.Name)
	}
	x.mu.Lock()
	x.stamp, x.ids, x.initials = key, ids, initials
	x.mu.Unlock()
	return nil
}
