package schema

import (
	"context"
	"fmt"
	"strings"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	gen "github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/hook"
	"github.com/summitkam/summit/internal/grading"

	"github.com/summitkam/summit/ent/rule"
)

// GradingModelVersion is one immutable-once-published version of a grading
// model: its config, draft → published → retired.
type GradingModelVersion struct{ ent.Schema }

// Mixin of the GradingModelVersion.
func (GradingModelVersion) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the GradingModelVersion.
func (GradingModelVersion) Fields() []ent.Field {
	return []ent.Field{
		field.Int("model_id"),
		field.Int("number").Positive().Comment("1, 2, 3 … within the model"),
		field.Enum("status").Values("DRAFT", "PUBLISHED", "RETIRED").Default("DRAFT"),
		field.JSON("config", rawJSON{}).SchemaType(jsonbType).Annotations(entgql.Type("JSON")).
			Comment("kind-specific config incl. the mapping of native levels to S/A/B/C; parsed by internal/grading"),
		field.Text("notes").Optional(),
		field.Time("published_at").Optional().Nillable(),
		field.Int("published_by_id").Optional().Nillable(),
		field.Int("created_by_id").Optional().Nillable(),
	}
}

// Edges of the GradingModelVersion.
func (GradingModelVersion) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("model", GradingModel.Type).Ref("versions").Field("model_id").Unique().Required(),
		edge.To("published_by", User.Type).Field("published_by_id").Unique(),
		edge.To("created_by", User.Type).Field("created_by_id").Unique(),
	}
}

// Indexes of the GradingModelVersion.
func (GradingModelVersion) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("model_id", "number").Unique(),
		// At most one published version per model; "one per scope" spans models
		// and is enforced by the registry in a transaction.
		index.Fields("model_id").Unique().
			Annotations(entsql.IndexWhere("status = 'PUBLISHED'")).
			StorageKey("gradingmodelversion_one_published"),
	}
}

// Hooks of the GradingModelVersion.
func (GradingModelVersion) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(validateConfig, ent.OpCreate|ent.OpUpdateOne),
	}
}

// validateConfig parses every config written, whatever path writes it, with
// the grading engine for the model's kind, so an invalid model can never be
// stored, let alone published. The error names the offending field path.
func validateConfig(next ent.Mutator) ent.Mutator {
	return hook.GradingModelVersionFunc(func(ctx context.Context, m *gen.GradingModelVersionMutation) (ent.Value, error) {
		raw, ok := m.Config()
		if !ok {
			return next.Mutate(ctx, m)
		}
		modelID, ok := m.ModelID()
		if !ok {
			var err error
			if modelID, err = m.OldModelID(ctx); err != nil {
				return nil, fmt.Errorf("error loading grading model of version: %w", err)
			}
		}
		model, err := m.Client().GradingModel.Get(ctx, modelID)
		if err != nil {
			return nil, fmt.Errorf("error loading grading model %d: %w", modelID, err)
		}
		kind, err := grading.ParseKind(strings.ToLower(string(model.Kind)))
		if err != nil {
			return nil, fmt.Errorf("grading model %d: %w", modelID, err)
		}
		if _, err := grading.ParseModel(kind, raw); err != nil {
			return nil, fmt.Errorf("invalid %s config: %w", kind, err)
		}
		return next.Mutate(ctx, m)
	})
}

// Policy of the GradingModelVersion: see package rule.
func (GradingModelVersion) Policy() ent.Policy { return rule.ReferencePolicy() }
