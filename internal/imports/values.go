package imports

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/width"
)

// clean trims a cell as people leave it: surrounding spaces (also the
// ideographic space and no-break spaces Excel exports), full-width letters
// and digits folded to their ASCII forms.
func clean(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\ufeff' })
	if s == "" {
		return s
	}
	for _, r := range s {
		if r >= 0xff00 && r <= 0xffef {
			return strings.TrimSpace(width.Fold.String(s))
		}
	}
	return s
}

// errValue is a value that cannot be read; the message is for the row
// report.
type errValue struct{ msg string }

func (e *errValue) Error() string { return e.msg }

func invalid(format string, args ...any) error { return &errValue{msg: fmt.Sprintf(format, args...)} }

var hundred = big.NewRat(100, 1)

// Built once: a Replacer compiles its patterns when first used.
var (
	moneyNoise = strings.NewReplacer("¥", "", "￥", "", "$", "", "元", "", "RMB", "", "rmb", "", "CNY", "", "cny", "", ",", "", "，", "", " ", "")
	dateMarks  = strings.NewReplacer("年", "-", "月", "-", "日", "", "/", "-", ".", "-")
)

// ParseMoney reads an amount in the major unit (yuan) as people write it and
// returns minor units (fen): "1,234.50", "¥1,234", "RMB 1234", "12.5万",
// "3亿", "(1,200)" for a negative, full-width digits, and float artefacts of
// Excel formulas ("1234.4999999999") rounded half away from zero to the fen.
func ParseMoney(raw string) (int64, error) {
	s := clean(raw)
	if s == "" {
		return 0, invalid("empty amount")
	}
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, s[1:len(s)-1]
	}
	s = moneyNoise.Replace(s)
	scale := big.NewRat(1, 1)
	switch {
	case strings.HasSuffix(s, "万元"), strings.HasSuffix(s, "万"):
		s = strings.TrimSuffix(strings.TrimSuffix(s, "元"), "万")
		scale = big.NewRat(10000, 1)
	case strings.HasSuffix(s, "亿"):
		s = strings.TrimSuffix(s, "亿")
		scale = big.NewRat(100000000, 1)
	}
	if strings.HasPrefix(s, "-") {
		neg, s = !neg, s[1:]
	}
	if s == "" || !isDecimal(s) {
		return 0, invalid("%q is not an amount", raw)
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return 0, invalid("%q is not an amount", raw)
	}
	r.Mul(r, scale).Mul(r, hundred)
	minor, ok := roundRat(r)
	if !ok {
		return 0, invalid("%q is too large", raw)
	}
	if neg {
		minor = -minor
	}
	return minor, nil
}

// isDecimal accepts digits with at most one dot, or scientific notation as
// Excel writes large cached values ("1.2345E+7").
func isDecimal(s string) bool {
	if _, err := strconv.ParseFloat(s, 64); err != nil {
		return false
	}
	return !strings.ContainsAny(s, "xXpPnNiI_") // no hex, NaN, Inf
}

// roundRat rounds r half away from zero to an int64.
func roundRat(r *big.Rat) (int64, bool) {
	num, den := new(big.Int).Set(r.Num()), r.Denom()
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if new(big.Int).Mul(new(big.Int).Abs(m), big.NewInt(2)).Cmp(den) >= 0 {
		if num.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	if !q.IsInt64() {
		return 0, false
	}
	return q.Int64(), true
}

// ParseDecimal reads a plain number ("1.05", "１．０５", "105%").
func ParseDecimal(raw string) (float64, error) {
	s := strings.ReplaceAll(clean(raw), ",", "")
	pct := strings.HasSuffix(s, "%")
	s = strings.TrimSuffix(s, "%")
	if s == "" || !isDecimal(s) {
		return 0, invalid("%q is not a number", raw)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, invalid("%q is not a number", raw)
	}
	if pct {
		f /= 100
	}
	return f, nil
}

// ParseInt reads a whole number ("1,234", "12.0" as Excel stores it).
func ParseInt(raw string) (int64, error) {
	f, err := ParseDecimal(raw)
	if err != nil || strings.HasSuffix(clean(raw), "%") {
		return 0, invalid("%q is not a whole number", raw)
	}
	if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, invalid("%q is not a whole number", raw)
	}
	return int64(f), nil
}

// Excel's day zero: serial 1 is 1900-01-01, and Excel counts a 29 February
// 1900 that never was, so for every date after it day zero is 1899-12-30.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// Serial numbers accepted as dates: 1950-01-01 .. 2199-12-31. A narrower
// range than Excel's keeps "2026" or an amount from passing as a date.
const minSerial, maxSerial = 18264, 109574

var errAmbiguousDate = errors.New("ambiguous")

// ParseDate reads a calendar day: "2026-03-01", "2026/3/1", "2026.3.1",
// "2026年3月1日", "20260301", a date with a time ("2026-03-01 10:30"), or an
// Excel serial number (46082). Day-first and month-first forms ("3/1/2026")
// are refused as ambiguous.
func ParseDate(raw string) (time.Time, error) {
	s := clean(raw)
	if s == "" {
		return time.Time{}, invalid("empty date")
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "-/") {
		if len(s) == 8 && f == math.Trunc(f) {
			if t, err := time.Parse("20060102", s); err == nil {
				return t, nil
			}
		}
		if f >= minSerial && f < maxSerial+1 {
			return excelEpoch.AddDate(0, 0, int(math.Floor(f))), nil
		}
		return time.Time{}, invalid("%q is not a date (write 2026-03-01)", raw)
	}
	t, err := parseYMD(s)
	if err != nil {
		if errors.Is(err, errAmbiguousDate) {
			return time.Time{}, invalid("%q is ambiguous: write the year first (2026-03-01)", raw)
		}
		return time.Time{}, invalid("%q is not a date (write 2026-03-01)", raw)
	}
	return t, nil
}

func parseYMD(s string) (time.Time, error) {
	// Drop a time of day: "2026-03-01 10:30:00", "2026-03-01T10:30:00+08:00".
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i]
	}
	s = dateMarks.Replace(s)
	parts := strings.Split(s, "-")
	if len(parts) != 3 {
		return time.Time{}, errors.New("not three parts")
	}
	n := make([]int, 3)
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return time.Time{}, errors.New("not a number")
		}
		n[i] = v
	}
	if len(parts[0]) != 4 {
		if len(parts[2]) == 4 {
			return time.Time{}, errAmbiguousDate
		}
		return time.Time{}, errors.New("no year")
	}
	y, m, d := n[0], n[1], n[2]
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || t.Day() != d || y < 1950 || y > 2199 {
		return time.Time{}, errors.New("no such day")
	}
	return t, nil
}

// ParseTime reads a moment; without a zone it is in loc. A bare date is its
// midnight.
func ParseTime(raw string, loc *time.Location) (time.Time, error) {
	s := clean(raw)
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02 15:04", "2006/1/2 15:04:05", "2006/1/2 15:04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= minSerial && f < maxSerial+1 {
		days := math.Floor(f)
		secs := math.Round((f - days) * 86400)
		d := excelEpoch.AddDate(0, 0, int(days))
		return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, int(secs), 0, loc), nil
	}
	d, err := ParseDate(raw)
	if err != nil {
		return time.Time{}, err
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc), nil
}

// ParseBool reads yes/no in Chinese or English.
func ParseBool(raw string) (bool, error) {
	switch strings.ToLower(clean(raw)) {
	case "1", "y", "yes", "true", "是", "有", "√", "✓", "对":
		return true, nil
	case "0", "n", "no", "false", "否", "无", "×", "✗", "错":
		return false, nil
	}
	return false, invalid("%q is not yes or no (是/否)", raw)
}
