package review

import (
	"fmt"

	"github.com/summitkam/summit/internal/refusal"
)

// Scopes a review or simulation can cover; they equal the ent enum
// grading_models.scope and review_cycles.scope.
const (
	ScopeAll         = "ALL"
	ScopeEndCustomer = "END_CUSTOMER"
	ScopeB2B         = "B2B"
	ScopeDistributor = "DISTRIBUTOR"
	ScopeInternal    = "INTERNAL"
	ScopeProspect    = "PROSPECT"
)

// scopeFilter is the SQL condition on accounts (alias a) of a scope. Archived
// accounts are never graded. Only these constant strings are ever
// interpolated into SQL.
func scopeFilter(scope string) (string, error) {
	switch scope {
	case ScopeAll, "":
		return "NOT a.archived", nil
	case ScopeEndCustomer, ScopeB2B, ScopeDistributor, ScopeInternal:
		return "NOT a.archived AND a.kind = '" + scope + "'", nil
	case ScopeProspect:
		// Prospects are accounts still in the exploration stage (考察期).
		return "NOT a.archived AND a.lifecycle_stage = 'EXPLORATION'", nil
	}
	return "", refusal.Invalidf("scope", "unknown scope %q", scope)
}

// ValidateScope returns an error unless scope is a known scope.
func ValidateScope(scope string) error {
	if _, err := scopeFilter(scope); err != nil {
		return err
	}
	return nil
}

// scopeSuffix names non-ALL scopes in scheduled cycle names.
func scopeSuffix(scope string) string {
	if scope == ScopeAll || scope == "" {
		return ""
	}
	return fmt.Sprintf(" %s", scope)
}
