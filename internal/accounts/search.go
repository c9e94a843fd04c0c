package accounts

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/internal/refusal"
)

// SearchHit is one account found by Search, with its relevance between 0
// and 1.
type SearchHit struct {
	Account *ent.Account
	Score   float64
}

// SearchOptions tune Search.
type SearchOptions struct {
	// Limit is the number of hits returned. Defaults to 20.
	Limit int
	// IncludeArchived also searches archived accounts. Defaults to false.
	IncludeArchived bool
}

// MaxSearchQueryLen bounds a search query, in characters.
const MaxSearchQueryLen = 100

// Search finds the accounts the viewer may read whose name, English name or
// code matches query, best first. It is one ent query, so the privacy filter
// applies in SQL, with the match and the ranking attached as a predicate
// and an ORDER BY through sql.Selector:
//
//   - a case-insensitive substring (ILIKE '%q%') of name or English name,
//     which is what finds short Chinese queries (华为 in 深圳华为技术) and
//     partial Latin words; a prefix of the code;
//   - pg_trgm word similarity (q <% name), which forgives typos and word
//     order in longer queries.
//
// The score is the best of: 1 for an exact code or name, 0.9 for a code
// prefix, 0.6–1 for a substring (higher when the query covers more of the
// name, plus 0.1 at the start), and the trigram word similarity. Ties go to
// the shorter name, then the lower id. The GIN trigram indexes on name,
// name_en and code serve the ILIKE and <% operators; one- and two-character
// queries have no trigram and scan.
func Search(ctx context.Context, client *ent.Client, query string, opts SearchOptions) ([]SearchHit, error) {
	q := strings.Join(strings.Fields(query), " ")
	if q == "" {
		return nil, refusal.Invalidf("query", "must not be empty")
	}
	if utf8.RuneCountInString(q) > MaxSearchQueryLen {
		return nil, refusal.Invalidf("query", "is too long: at most %d characters", MaxSearchQueryLen)
	}
	if opts.Limit <= 0 {
		opts.Limit = 20
	}
	pattern := "%" + escapeLike(q) + "%"
	prefix := escapeLike(q) + "%"
	// Pinyin initials (hwjt → 华为集团): the index proposes ids, matched
	// here like any other condition, so the row rules still decide.
	exactInitials, partialInitials := []int{}, []int{}
	if looksLikeInitials(q) {
		var err error
		if exactInitials, partialInitials, err = initialsIndexFor(client).match(ctx, client, q, 500); err != nil {
			return nil, err
		}
	}
	aq := client.Account.Query().
		Where(func(s *sql.Selector) {
			name, nameEn, code := s.C(account.FieldName), s.C(account.FieldNameEn), s.C(account.FieldCode)
			s.Where(sql.P(func(b *sql.Builder) {
				b.WriteString("(" + name + " ILIKE ").Arg(pattern).
					WriteString(" OR " + nameEn + " ILIKE ").Arg(pattern).
					WriteString(" OR " + code + " ILIKE ").Arg(prefix).
					WriteString(" OR ").Arg(q).WriteString(" <% " + name).
					WriteString(" OR ").Arg(q).WriteString(" <% " + nameEn).
					WriteString(" OR " + s.C(account.FieldID) + " = ANY(").Arg(exactInitials).WriteString(")").
					WriteString(" OR " + s.C(account.FieldID) + " = ANY(").Arg(partialInitials).WriteString(")").
					WriteString(")")
			}))
		}).
		Limit(opts.Limit)
	if !opts.IncludeArchived {
		aq.Where(account.Archived(false))
	}
	aq.Modify(func(s *sql.Selector) {
		name, nameEn, code := s.C(account.FieldName), s.C(account.FieldNameEn), s.C(account.FieldCode)
		s.AppendSelectExprAs(sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString("GREATEST(")
			// Exact code or name.
			b.WriteString("CASE WHEN lower(" + code + ") = lower(").Arg(q).WriteString(") OR lower(" + name + ") = lower(").Arg(q).
				WriteString(") OR lower(" + nameEn + ") = lower(").Arg(q).WriteString(") THEN 1.0 ELSE 0 END, ")
			// Code prefix.
			b.WriteString("CASE WHEN " + code + " ILIKE ").Arg(prefix).WriteString(" THEN 0.9 ELSE 0 END, ")
			// Substring of a name: 0.6 plus up to 0.3 for coverage, 0.1 at the start.
			for _, col := range []string{name, nameEn} {
				b.WriteString("CASE WHEN " + col + " ILIKE ").Arg(pattern).
					WriteString(" THEN 0.6 + 0.3 * ").Arg(utf8.RuneCountInString(q)).WriteString("::float8 / greatest(char_length(" + col + "), 1)").
					WriteString(" + CASE WHEN " + col + " ILIKE ").Arg(prefix).WriteString(" THEN 0.1 ELSE 0 END ELSE 0 END, ")
			}
			// Pinyin initials: all of them, or a part.
			b.WriteString("CASE WHEN " + s.C(account.FieldID) + " = ANY(").Arg(exactInitials).WriteString(") THEN 0.95 WHEN " +
				s.C(account.FieldID) + " = ANY(").Arg(partialInitials).WriteString(") THEN 0.7 ELSE 0 END, ")
			// Trigram word similarity.
			b.WriteString("word_similarity(").Arg(q).WriteString(", " + name + "), ")
			b.WriteString("coalesce(word_similarity(").Arg(q).WriteString(", " + nameEn + "), 0))")
		}), "score")
		s.OrderExpr(sql.Expr("score DESC"), sql.Expr("char_length("+name+")"), sql.Expr(s.C(account.FieldID)))
	})
	list, err := aq.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("error searching accounts for %q: %w", q, err)
	}
	hits := make([]SearchHit, 0, len(list))
	for _, a := range list {
		v, err := a.Value("score")
		if err != nil {
			return nil, fmt.Errorf("error reading the score of account %d: %w", a.ID, err)
		}
		score, ok := v.(float64)
		if !ok {
			return nil, fmt.Errorf("score of account %d is a %T", a.ID, v)
		}
		hits = append(hits, SearchHit{Account: a, Score: min(score, 1)})
	}
	return hits, nil
}

// escapeLike escapes the LIKE wildcards in s (backslash is PostgreSQL's
// default escape character).
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
