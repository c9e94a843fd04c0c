package graph

import (
	"context"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/custommetric"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/refusal"
)

// CreateCustomMetric is the resolver for the createCustomMetric field.
func (r *mutationResolver) CreateCustomMetric(ctx context.Context, input ent.CreateCustomMetricInput) (*ent.CustomMetric, error) {
	if input.ValueType == custommetric.ValueTypeENUM && len(input.Options) == 0 {
		return nil, &refusal.Error{Kind: refusal.Invalid, Field: "input.options", Message: "an ENUM metric needs its options"}
	}
	client := ent.FromContext(ctx)
	if client == nil {
		client = r.Client
	}
	m, err := client.CustomMetric.Create().SetInput(input).Save(ctx)
	if err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, client, audit.Event{EntityType: "CustomMetric", EntityID: m.ID, Action: "custom_metric.create", After: m}); err != nil {
		return nil, err
	}
	return m, nil
}

// UpdateCustomMetric is the resolver for the updateCustomMetric field.
func (r *mutationResolver) UpdateCustomMetric(ctx context.Context, id int, input ent.UpdateCustomMetricInput) (*ent.CustomMetric, error) {
	client := ent.FromContext(ctx)
	if client == nil {
		client = r.Client
	}
	before, err := client.CustomMetric.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	m, err := client.CustomMetric.UpdateOneID(id).SetInput(input).Save(ctx)
	if err != nil {
		return nil, err
	}
	if m.ValueType == custommetric.ValueTypeENUM && len(m.Options) == 0 {
		return nil, &refusal.Error{Kind: refusal.Invalid, Field: "input.options", Message: "an ENUM metric needs its options"}
	}
	if err := audit.Record(ctx, client, audit.Event{EntityType: "CustomMetric", EntityID: m.ID, Action: "custom_metric.update", Before: before, After: m}); err != nil {
		return nil, err
	}
	return m, nil
}
