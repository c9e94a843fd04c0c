// Package scalar holds the GraphQL scalars Summit adds to gqlgen's built-ins.
package scalar

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
)

// MarshalJSON writes a stored JSONB document (explanations, configs, signals)
// as-is into the response.
func MarshalJSON(v json.RawMessage) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		if len(v) == 0 {
			_, _ = io.WriteString(w, "null")
			return
		}
		_, _ = w.Write(v)
	})
}

// UnmarshalJSON accepts any JSON value from a GraphQL input.
func UnmarshalJSON(v any) (json.RawMessage, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("JSON scalar: %w", err)
	}
	return raw, nil
}

// MarshalMoney writes an amount in minor currency units (fen/cents) as a JSON
// integer. Amounts stay exact: they never pass through a float.
func MarshalMoney(v int64) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.FormatInt(v, 10))
	})
}

// UnmarshalMoney reads an amount in minor units from an integer or a string
// of digits; fractional input is refused rather than rounded.
func UnmarshalMoney(v any) (int64, error) {
	switch x := v.(type) {
	case int64:
		return x, nil
	case int:
		return int64(x), nil
	case json.Number:
		n, err := strconv.ParseInt(string(x), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("Money must be an integer amount in minor units within ±9223372036854775807, got %q", truncate(string(x), 40)) //nolint:staticcheck // ST1005: names the scalar
		}
		return n, nil
	case string:
		n, err := strconv.ParseInt(x, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("Money must be an integer amount in minor units within ±9223372036854775807, got %q", truncate(x, 40)) //nolint:staticcheck // ST1005: names the scalar
		}
		return n, nil
	default:
		return 0, fmt.Errorf("Money must be an integer amount in minor units, got %T", v) //nolint:staticcheck // ST1005: names the scalar
	}
}

// Bounds on every input value. The database would refuse some of these
// with an error that reads like a bug (a NUL byte, an out-of-range
// integer); the others are simply not sane for the product (a 100 KB
// "summary", a plan ending in 9999).
const (
	// MaxStringRunes caps every String input.
	MaxStringRunes = 10_000
	// MinYear and MaxYear bound every Time input.
	MinYear = 1900
	MaxYear = 2199
)

// MarshalString writes a string (gqlgen's own marshaller).
func MarshalString(s string) graphql.Marshaler { return graphql.MarshalString(s) }

// UnmarshalString reads a String input: valid UTF-8 without NUL characters
// (PostgreSQL cannot store them), at most MaxStringRunes characters.
func UnmarshalString(v any) (string, error) {
	s, err := graphql.UnmarshalString(v)
	if err != nil {
		return "", err
	}
	if !utf8.ValidString(s) {
		return "", errors.New("must be valid UTF-8")
	}
	if strings.ContainsRune(s, 0) {
		return "", errors.New("must not contain NUL characters")
	}
	if n := utf8.RuneCountInString(s); n > MaxStringRunes {
		return "", fmt.Errorf("is %d characters long; at most %d", n, MaxStringRunes)
	}
	return s, nil
}

// MarshalTime writes a time in RFC 3339 (gqlgen's own marshaller).
func MarshalTime(t time.Time) graphql.Marshaler { return graphql.MarshalTime(t) }

// UnmarshalTime reads an RFC 3339 time between MinYear and MaxYear.
func UnmarshalTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, errors.New("must be an RFC 3339 time string, e.g. 2026-01-31T00:00:00+08:00")
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a valid RFC 3339 time, e.g. 2026-01-31T00:00:00+08:00", truncate(s, 40))
	}
	if y := t.Year(); y < MinYear || y > MaxYear {
		return time.Time{}, fmt.Errorf("year %d is out of range (%d–%d)", y, MinYear, MaxYear)
	}
	return t, nil
}

// MarshalIntID writes an id as a string (gqlgen's IntID).
func MarshalIntID(i int) graphql.Marshaler { return graphql.MarshalIntID(i) }

// UnmarshalIntID reads an id: a decimal integer within 64 bits, as a
// string or a number (filters may compare with 0).
func UnmarshalIntID(v any) (int, error) {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case json.Number:
		s = string(x)
	case int:
		s = strconv.Itoa(x)
	case int64:
		s = strconv.FormatInt(x, 10)
	default:
		return 0, fmt.Errorf("must be an ID string, got %T", v)
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not an ID", truncate(s, 40))
	}
	return int(id), nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
