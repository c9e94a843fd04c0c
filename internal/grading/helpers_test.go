package grading

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var testAsOf = time.Date(2026, time.January, 15, 9, 30, 0, 0, time.UTC)

func mustParseModel(t testing.TB, kind Kind, raw string) Model {
	t.Helper()
	model, err := ParseModel(kind, json.RawMessage(raw))
	require.NoError(t, err)
	return model
}

func evaluateOne(t testing.TB, model Model, account Metrics) Result {
	t.Helper()
	results, err := model.Evaluate(testAsOf, []Metrics{account})
	require.NoError(t, err)
	require.Len(t, results, 1)
	return results[0]
}

// fieldPaths returns the paths of a *ValidationError, failing the test for
// any other error.
func fieldPaths(t testing.TB, err error) []string {
	t.Helper()
	var validationErr *ValidationError
	require.True(t, errors.As(err, &validationErr), "want *ValidationError, got %T: %v", err, err)
	paths := make([]string, len(validationErr.Fields))
	for i, field := range validationErr.Fields {
		paths[i] = field.Path
	}
	return paths
}

// requireFieldError asserts that validating raw fails with an error at path
// whose message contains message.
func requireFieldError(t testing.TB, kind Kind, raw, path, message string) {
	t.Helper()
	_, err := ParseModel(kind, json.RawMessage(raw))
	require.Error(t, err)
	var validationErr *ValidationError
	require.True(t, errors.As(err, &validationErr), "want *ValidationError, got %T: %v", err, err)
	for _, field := range validationErr.Fields {
		if field.Path == path {
			require.Contains(t, field.Message, message, "error at %s", path)
			return
		}
	}
	require.Failf(t, "no error at path", "want %q in %v", path, fieldPaths(t, err))
}

// requireJSONMarshals checks that every explanation can be stored as JSONB.
func requireJSONMarshals(t testing.TB, results []Result) {
	t.Helper()
	for _, result := range results {
		_, err := json.Marshal(result)
		require.NoError(t, err, "account %d", result.AccountID)
	}
}
