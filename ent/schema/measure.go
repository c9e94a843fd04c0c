package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// Measure is a dated reading of an objective's actual value (a KPI snapshot),
// so progress can be charted over the plan period.
type Measure struct{ ent.Schema }

// Mixin of the Measure.
func (Measure) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Measure.
func (Measure) Fields() []ent.Field {
	return []ent.Field{
		field.Int("objective_id"),
		field.Time("as_of").SchemaType(dateType),
		field.Int64("actual_value"),
		field.Enum("source").Values("COMPUTED", "MANUAL").Default("COMPUTED"),
		field.Text("note").Optional(),
	}
}

// Edges of the Measure.
func (Measure) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("objective", Objective.Type).Ref("measures").Field("objective_id").Unique().Required(),
	}
}

// Indexes of the Measure.
func (Measure) Indexes() []ent.Index {
	return []ent.Index{index.Fields("objective_id", "as_of").Unique()}
}

// Policy of the Measure: see package rule.
func (Measure) Policy() ent.Policy { return rule.GovernedPolicy() }
