package schema

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
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

// validateModelConfig rejects a config that is not a JSON object. The grading
// package checks the kind-specific shape when a version is saved through the API;
// this guard keeps junk out of the table whatever path writes it.
func validateModelConfig(raw rawJSON) error {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return fmt.Errorf("config must be a JSON object: %w", err)
	}
	if obj == nil {
		return errors.New("config must be a JSON object, not null")
	}
	return nil
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
	return []ent.Hook{validateConfigHook}
}

// validateConfigHook runs validateModelConfig on every create or update that
// sets config (JSON fields have no field-level validators in ent).
func validateConfigHook(next ent.Mutator) ent.Mutator {
	return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
		if v, ok := m.Field("config"); ok {
			raw, _ := v.(rawJSON)
			if err := validateModelConfig(raw); err != nil {
				return nil, fmt.Errorf("grading model version: %w", err)
			}
		}
		return next.Mutate(ctx, m)
	})
}
