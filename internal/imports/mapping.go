package imports

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Mapping ties a kind's columns to a file's columns.
type Mapping struct {
	// Headers are the file's headers as written.
	Headers []string `json:"headers"`
	// HeaderRow is the 1-based row of the headers; data starts below it.
	HeaderRow int `json:"headerRow"`
	// Source[i] is the file column of the kind's column i, -1 when unmapped.
	Source []int `json:"source"`
}

// header names the file column behind the kind's column i for reports.
func (m *Mapping) header(i int) string {
	if m == nil || i >= len(m.Source) || m.Source[i] < 0 || m.Source[i] >= len(m.Headers) {
		return ""
	}
	return m.Headers[m.Source[i]]
}

// normHeader folds a header for comparison: width, case, spaces and
// punctuation ("客户编码：", "Customer  Code", "账期（天）" all match).
func normHeader(s string) string {
	s = strings.ToLower(width.Fold.String(s))
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bareHeader drops a parenthesised unit or note ("出货金额（元）",
// "Amount (CNY)") before normalising.
func bareHeader(s string) string {
	s = width.Fold.String(s)
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[', '【':
			depth++
		case ')', ']', '】':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return normHeader(b.String())
}

// matchHeader returns the column of k that header names, or -1.
func (k *Kind) matchHeader(header string) int {
	if i := k.matchNormalized(header, normHeader); i >= 0 {
		return i
	}
	return k.matchNormalized(header, bareHeader)
}

func (k *Kind) matchNormalized(header string, normHeader func(string) string) int {
	h := normHeader(header)
	if h == "" {
		return -1
	}
	for i := range k.Columns {
		c := &k.Columns[i]
		if h == normHeader(c.Key) || h == normHeader(c.ZH) || h == normHeader(c.EN) {
			return i
		}
	}
	for i := range k.Columns {
		for _, a := range k.Columns[i].Aliases {
			if h == normHeader(a) {
				return i
			}
		}
	}
	return -1
}

// SuggestMapping maps the file's headers to k's columns: exact names first
// (template headers in either language, field keys), then aliases; a file
// column is used once. Unrecognised headers stay for the user to map.
func (k *Kind) SuggestMapping(headers []string, headerRow int) *Mapping {
	m := &Mapping{Headers: headers, HeaderRow: headerRow, Source: make([]int, len(k.Columns))}
	for i := range m.Source {
		m.Source[i] = -1
	}
	for j, h := range headers {
		if i := k.matchHeader(h); i >= 0 && m.Source[i] < 0 {
			m.Source[i] = j
		}
	}
	return m
}

// Unmapped lists the required columns the mapping leaves without a source.
func (k *Kind) Unmapped(m *Mapping) []string {
	var out []string
	for i, c := range k.Columns {
		if c.Required && (i >= len(m.Source) || m.Source[i] < 0) {
			out = append(out, c.Key)
		}
	}
	return out
}

// score counts the headers of a row that k recognises.
func (k *Kind) score(cells []string) int {
	n := 0
	for _, c := range cells {
		if k.matchHeader(c) >= 0 {
			n++
		}
	}
	return n
}

func sortStrings(s []string) { sort.Strings(s) }
