package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// ModelKinds are the grading model kinds the platform ships; the kind decides
// how a version's config is read (see internal/grading).
var ModelKinds = []string{
	"WEIGHTED_SCORECARD", "INFLUENCE_VOLUME_MATRIX", "VALUE_MATRIX",
	"PYRAMID", "RFM", "SINGLE_FACTOR", "PROSPECT_CLOSE", "TIERED_LADDER", "RULES",
}

// ModelScopes name which accounts a model grades. Only one published version
// per scope is in force.
var ModelScopes = []string{"ALL", "END_CUSTOMER", "B2B", "DISTRIBUTOR", "INTERNAL", "PROSPECT"}

// GradingModel is a named grading scheme; its versions carry the config.
type GradingModel struct{ ent.Schema }

// Mixin of the GradingModel.
func (GradingModel) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the GradingModel.
func (GradingModel) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").NotEmpty().MaxLen(64).Comment("stable identifier, e.g. computer_maker_scorecard"),
		field.String("name").NotEmpty().MaxLen(200).Annotations(entgql.OrderField("NAME")),
		field.String("name_en").Optional().MaxLen(200),
		field.Text("description").Optional(),
		field.Enum("kind").Values(ModelKinds...),
		field.Enum("scope").Values(ModelScopes...).Default("ALL"),
		field.Int("created_by_id").Optional().Nillable(),
	}
}

// Edges of the GradingModel.
func (GradingModel) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("versions", GradingModelVersion.Type),
		edge.To("created_by", User.Type).Field("created_by_id").Unique(),
	}
}

// Indexes of the GradingModel.
func (GradingModel) Indexes() []ent.Index {
	return []ent.Index{index.Fields("key").Unique()}
}

// Annotations of the GradingModel.
func (GradingModel) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection()}
}

// Policy of the GradingModel: see package rule.
func (GradingModel) Policy() ent.Policy { return rule.ReferencePolicy() }
