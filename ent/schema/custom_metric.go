package schema

import (
	"regexp"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// CustomMetric is an admin-defined per-account metric (market share, asset
// size, industry influence, product categories bought …): a number, one of
// a list of options, or yes/no. Grading models read it as "extra.<key>",
// like built-in metrics; an option counts as its position in the list
// (1 for the first), yes as 1 and no as 0.
type CustomMetric struct{ ent.Schema }

// Mixin of the CustomMetric.
func (CustomMetric) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the CustomMetric.
func (CustomMetric) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").NotEmpty().MaxLen(48).Match(customMetricKey).Immutable().
			Comment("lower-case letters, digits and _; models name it extra.<key>").
			Annotations(entgql.OrderField("KEY")),
		field.String("name").NotEmpty().MaxLen(100).Comment("zh-CN name, also recognised in imports"),
		field.String("name_en").Optional().MaxLen(100),
		field.Enum("value_type").Values("NUMBER", "ENUM", "BOOL").Immutable(),
		field.Strings("options").Optional().Comment("ENUM: the options in order; an option's value is its position (1, 2 …)"),
		field.String("unit").Optional().MaxLen(32),
		field.Text("description").Optional(),
		field.Bool("active").Default(true),
	}
}

// Edges of the CustomMetric.
func (CustomMetric) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("values", CustomMetricValue.Type).
			Annotations(entsql.OnDelete(entsql.Restrict), entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the CustomMetric.
func (CustomMetric) Indexes() []ent.Index {
	return []ent.Index{index.Fields("key").Unique()}
}

// Annotations of the CustomMetric.
func (CustomMetric) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(), entgql.QueryField(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Policy of the CustomMetric: see package rule.
func (CustomMetric) Policy() ent.Policy { return rule.ReferencePolicy() }

// CustomMetricValue is the value of a custom metric for an account from a
// day on (valid_from); grading reads the latest value on or before its day.
type CustomMetricValue struct{ ent.Schema }

// Mixin of the CustomMetricValue.
func (CustomMetricValue) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the CustomMetricValue.
func (CustomMetricValue) Fields() []ent.Field {
	return []ent.Field{
		field.Int("account_id"),
		field.Int("metric_id"),
		field.Time("valid_from").SchemaType(dateType),
		field.Float("value").Comment("the number; an option's position; 1 yes, 0 no"),
		field.String("text").Optional().MaxLen(200).Comment("the option or yes/no as entered"),
	}
}

// Edges of the CustomMetricValue.
func (CustomMetricValue) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("account", Account.Type).Field("account_id").Unique().Required(),
		edge.From("metric", CustomMetric.Type).Ref("values").Field("metric_id").Unique().Required(),
	}
}

// Indexes of the CustomMetricValue.
func (CustomMetricValue) Indexes() []ent.Index {
	return []ent.Index{index.Fields("account_id", "metric_id", "valid_from").Unique()}
}

// Annotations of the CustomMetricValue.
func (CustomMetricValue) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the CustomMetricValue: see package rule.
func (CustomMetricValue) Policy() ent.Policy { return rule.AccountDataPolicy() }

// customMetricKey: the key is part of a grading config ("extra.<key>").
var customMetricKey = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
