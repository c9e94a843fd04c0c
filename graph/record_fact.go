package graph

import (
	"context"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/imports"
	"github.com/summitkam/summit/internal/viewer"
)

// recordFact runs one of the record* services of imports and loads the
// import that recorded the fact; refusals carry the input field.
func (r *mutationResolver) recordFact(ctx context.Context, record func(*imports.Service, *viewer.Viewer) (*imports.Recorded, error)) (*imports.Recorded, *ent.DataImport, error) {
	if r.Imports == nil {
		return nil, nil, errImportsUnavailable
	}
	rec, err := record(r.Imports, viewer.FromContext(ctx))
	if err != nil {
		return nil, nil, refusalError(ctx, err, "input.")
	}
	imp, err := r.client(ctx).DataImport.Get(ctx, rec.ImportID)
	if err != nil {
		return nil, nil, err
	}
	return rec, imp, nil
}
