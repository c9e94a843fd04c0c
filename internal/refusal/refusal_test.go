package refusal_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/refusal"
)

func TestConflictCarriesItsExtensionsThroughWrapping(t *testing.T) {
	t.Parallel()
	err := refusal.Conflictf("account %d is at version %d", 1, 2).With("currentVersion", 2)
	wrapped := fmt.Errorf("error updating account 1: %w", err)
	require.True(t, refusal.Is(wrapped, refusal.Conflict))
	require.False(t, refusal.Is(wrapped, refusal.Invalid))
	c := refusal.As(wrapped)
	require.NotNil(t, c)
	require.Equal(t, "account 1 is at version 2", c.Message)
	require.Equal(t, 2, c.Extensions["currentVersion"])
	require.Nil(t, refusal.As(fmt.Errorf("plain")))
}

func TestInvalidNamesItsField(t *testing.T) {
	t.Parallel()
	err := refusal.Invalidf("code", "must not be empty")
	require.Equal(t, "code: must not be empty", err.Error())
	require.Equal(t, refusal.Invalid, err.Kind)
	nf := refusal.NotFoundf("input.accountID", "account %d not found", 7)
	require.Equal(t, "input.accountID: account 7 not found", nf.Error())
	require.Equal(t, "input.rank", refusal.Conflictf("taken").At("input.rank").Field)
}
