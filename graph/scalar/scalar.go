// Package scalar holds the GraphQL scalars Summit adds to gqlgen's built-ins.
package scalar

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"

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
			return 0, fmt.Errorf("Money must be an integer amount in minor units, got %q", x) //nolint:staticcheck // ST1005: names the scalar
		}
		return n, nil
	case string:
		n, err := strconv.ParseInt(x, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("Money must be an integer amount in minor units, got %q", x) //nolint:staticcheck // ST1005: names the scalar
		}
		return n, nil
	default:
		return 0, fmt.Errorf("Money must be an integer amount in minor units, got %T", v) //nolint:staticcheck // ST1005: names the scalar
	}
}
