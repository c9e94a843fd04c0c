package accounts

import (
	"context"
	"fmt"
	"strings"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// CategoryInput creates an account category (客户类别), e.g. a seed's
// "战略客户" or an industry grouping that imports name by code.
type CategoryInput struct {
	Code        string
	Name        string
	NameEn      *string
	Description *string
}

// CreateCategory creates a category. Admins only; the code is unique
// (CONFLICT otherwise). Audited as category.create.
func CreateCategory(ctx context.Context, client *ent.Client, in CategoryInput) (*ent.Category, error) {
	if v := viewer.FromContext(ctx); !v.IsSystem() && !v.Has(viewer.RoleAdmin) {
		return nil, refusal.Forbiddenf("only admins create categories")
	}
	code := strings.TrimSpace(in.Code)
	if err := checkCode(code); err != nil {
		return nil, err
	}
	name := strings.TrimSpace(in.Name)
	if err := checkName("name", name); err != nil {
		return nil, err
	}
	if err := checkLen("name", name, 200); err != nil {
		return nil, err
	}
	create := client.Category.Create().SetCode(code).SetName(name)
	if en := trimmed(in.NameEn); en != nil && *en != "" {
		if err := checkLen("nameEn", *en, 200); err != nil {
			return nil, err
		}
		create.SetNameEn(*en)
	}
	if in.Description != nil {
		create.SetDescription(*in.Description)
	}
	c, err := create.Save(ctx)
	if err != nil {
		if ent.IsConstraintError(err) {
			return nil, &refusal.Error{Kind: refusal.Conflict, Field: "code", Message: fmt.Sprintf("a category with the code %s exists", code)}
		}
		return nil, fmt.Errorf("error creating category %s: %w", code, err)
	}
	if err := audit.Record(ctx, client, audit.Event{EntityType: "Category", EntityID: c.ID, Action: "category.create", After: c}); err != nil {
		return nil, err
	}
	return c, nil
}
