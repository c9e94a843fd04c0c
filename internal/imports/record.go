package imports

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Issue is one refused value or row, as the report shows it.
type Issue struct {
	// Row is the row number as the spreadsheet shows it (1-based, the header
	// row included); 0 for a problem with the file itself.
	Row int `json:"row"`
	// Column is the header of the offending column as the file spells it,
	// or the field name when the file has no such column.
	Column  string `json:"column,omitempty"`
	Value   string `json:"value,omitempty"`
	Message string `json:"message"`
}

// Record is one data row read against a kind: typed values by column, and
// the issues found.
type Record struct {
	Row    int
	kind   *Kind
	m      *Mapping
	values []any // string, int64, float64, bool, time.Time or nil
	raws   []string
	Issues []Issue
}

// OK reports whether the row has no issue.
func (r *Record) OK() bool { return len(r.Issues) == 0 }

// Has reports whether the field has a value.
func (r *Record) Has(key string) bool { return r.values[r.kind.index(key)] != nil }

// Value returns the typed value of key, or nil.
func (r *Record) Value(key string) any { return r.values[r.kind.index(key)] }

// Text returns a text or choice value, "" when empty.
func (r *Record) Text(key string) string {
	s, _ := r.values[r.kind.index(key)].(string)
	return s
}

// Time returns a date or moment value, the zero time when empty.
func (r *Record) Time(key string) time.Time {
	t, _ := r.values[r.kind.index(key)].(time.Time)
	return t
}

func (r *Record) raw(key string) string { return r.raws[r.kind.index(key)] }

// fail records an issue on the field key.
func (r *Record) fail(key, value, msg string) {
	r.Issues = append(r.Issues, Issue{Row: r.Row, Column: r.m.header(r.kind.index(key)), Value: value, Message: msg})
}

// Refuse records an issue found later (in the database, for instance).
func (r *Record) Refuse(key, msg string) { r.fail(key, r.raw(key), msg) }

// read parses cells (the file's row) into a record.
func (k *Kind) read(m *Mapping, row int, cells []string, loc *time.Location) *Record {
	r := &Record{Row: row, kind: k, m: m, values: make([]any, len(k.Columns)), raws: make([]string, len(k.Columns))}
	for i := range k.Columns {
		c := &k.Columns[i]
		src := m.Source[i]
		var raw string
		if src >= 0 && src < len(cells) {
			raw = cells[src]
		}
		r.raws[i] = raw
		v, err := c.parse(raw, loc)
		switch {
		case err != nil:
			r.fail(c.Key, raw, err.Error())
		case v == nil && c.Required:
			r.fail(c.Key, raw, fmt.Sprintf("%s is required", c.label()))
		default:
			r.values[i] = v
		}
	}
	if r.OK() && k.validate != nil {
		k.validate(r)
	}
	return r
}

func (c *Column) label() string { return c.ZH + " (" + c.EN + ")" }

// parse reads one cell; nil for an empty cell.
func (c *Column) parse(raw string, loc *time.Location) (any, error) {
	s := clean(raw)
	if s == "" || s == "-" || s == "—" || strings.EqualFold(s, "N/A") {
		return nil, nil
	}
	switch c.Type {
	case Text:
		s = strings.Join(strings.Fields(s), " ")
		maxLen := c.MaxLen
		if maxLen == 0 {
			maxLen = 200
		}
		if n := utf8.RuneCountInString(s); n > maxLen {
			return nil, invalid("longer than %d characters (%d)", maxLen, n)
		}
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			return nil, invalid("not valid text")
		}
		return s, nil
	case Money:
		return ParseMoney(s)
	case Date:
		return ParseDate(s)
	case Moment:
		return ParseTime(s, loc)
	case Integer:
		n, err := ParseInt(s)
		if err != nil {
			return nil, err
		}
		if c.Max > c.Min && (float64(n) < c.Min || float64(n) > c.Max) {
			return nil, invalid("must be between %g and %g", c.Min, c.Max)
		}
		return n, nil
	case Decimal:
		f, err := ParseDecimal(s)
		if err != nil {
			return nil, err
		}
		if c.Max > c.Min && (f < c.Min || f > c.Max) {
			return nil, invalid("must be between %g and %g", c.Min, c.Max)
		}
		return f, nil
	case Choice:
		if v, ok := c.Choices[strings.ToLower(s)]; ok {
			return v, nil
		}
		return nil, invalid("%q is not one of %s", raw, c.choiceList())
	case YesNo:
		return ParseBool(s)
	}
	return nil, fmt.Errorf("imports: column %s has unknown type %s", c.Key, c.Type)
}

// choiceList lists the stored values of a choice column.
func (c *Column) choiceList() string {
	seen := map[string]bool{}
	var out []string
	for _, v := range c.Choices {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	sortStrings(out)
	return strings.Join(out, ", ")
}

// autoKey is the identity of a fact row: its external id when given, else a
// digest of the fields that tell two facts apart, so that a file without ids
// imported twice still changes nothing (and a row edited in any of those
// fields is a new fact).
func autoKey(r *Record, idKey string, keys ...string) string {
	if id := r.Text(idKey); id != "" {
		return id
	}
	h := sha256.New()
	fmt.Fprint(h, r.kind.Name)
	for _, k := range keys {
		fmt.Fprintf(h, "\x00%v", r.Value(k))
	}
	return "auto:" + hex.EncodeToString(h.Sum(nil))[:32]
}

func collectionKey(r *Record) string {
	return autoKey(r, "external_id", "account_code", "order_no", "due_on", "received_on", "amount", "currency")
}
