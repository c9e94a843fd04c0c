package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/summitkam/summit/ent/rule"
)

// DataImport is one uploaded file on its way into Summit (internal/imports):
// uploaded → dry run → committed. It keeps the column mapping, the progress
// of the commit (rows done, committed with each batch so a crashed commit
// resumes) and the counts the audit trail and the report show.
type DataImport struct{ ent.Schema }

// Mixin of the DataImport.
func (DataImport) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the DataImport. Written by internal/imports with SQL, never
// through GraphQL mutations.
func (DataImport) Fields() []ent.Field {
	skip := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.String("kind").NotEmpty().MaxLen(32).Comment("accounts, contacts, orders … (imports.KindNames)").Annotations(skip),
		field.String("file_name").MaxLen(300).Annotations(skip),
		field.Enum("format").Values("CSV", "XLSX").Annotations(skip),
		field.String("encoding").Optional().MaxLen(32).Comment("detected text encoding of a CSV").Annotations(skip),
		field.Int64("file_size").Default(0).Annotations(skip),
		field.String("file_sha256").MaxLen(64).Annotations(skip),
		field.Enum("status").Values("UPLOADED", "VALIDATING", "VALIDATED", "COMMITTING", "COMMITTED", "FAILED").
			Default("UPLOADED").Annotations(skip, entgql.OrderField("STATUS")),
		field.Enum("mode").Values("ALL_OR_NOTHING", "VALID_ROWS").Default("ALL_OR_NOTHING").
			Comment("ALL_OR_NOTHING commits nothing when any row is refused; VALID_ROWS commits the others").Annotations(skip),
		field.JSON("mapping", rawJSON{}).SchemaType(jsonbType).Annotations(entgql.Type("JSON"), skip).
			Comment("headers, header row and the file column of each field (imports.Mapping)"),
		field.JSON("preview", rawJSON{}).SchemaType(jsonbType).Optional().Annotations(entgql.Type("JSON"), skip).
			Comment("the first data rows as read, for the mapping step"),
		field.Bool("dry_run").Default(false).Comment("the running or last job validates without writing").Annotations(skip),
		field.Int("total_rows").Default(0).Annotations(skip),
		field.Int("rows_done").Default(0).Annotations(skip),
		field.Int("created_count").Default(0).Annotations(skip),
		field.Int("updated_count").Default(0).Annotations(skip),
		field.Int("unchanged_count").Default(0).Annotations(skip),
		field.Int("refused_count").Default(0).Annotations(skip),
		field.Text("error").Optional().Comment("why the file as a whole failed").Annotations(skip),
		field.Int("created_by_id").Optional().Nillable().Annotations(skip),
		field.String("created_by_label").MaxLen(320).Annotations(skip),
		field.JSON("actor", rawJSON{}).SchemaType(jsonbType).Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("the importing viewer (kind, user, roles, regions): the commit job acts as them"),
		field.Time("finished_at").Optional().Nillable().Annotations(skip),
	}
}

// Edges of the DataImport.
func (DataImport) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("created_by", User.Type).Field("created_by_id").Unique().
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("chunks", DataImportChunk.Type).
			Annotations(entsql.OnDelete(entsql.Cascade), entgql.Skip(entgql.SkipAll)),
		edge.To("issues", DataImportIssue.Type).
			Annotations(entsql.OnDelete(entsql.Cascade), entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the DataImport.
func (DataImport) Indexes() []ent.Index {
	return []ent.Index{index.Fields("created_by_id", "created_at")}
}

// Annotations of the DataImport.
func (DataImport) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.RelayConnection(), entgql.QueryField()}
}

// Policy of the DataImport: see package rule.
func (DataImport) Policy() ent.Policy { return rule.DataImportPolicy() }

// DataImportChunk is a slice (1 MiB) of an uploaded file, kept in the
// database so that any worker node can read it.
type DataImportChunk struct{ ent.Schema }

// Fields of the DataImportChunk.
func (DataImportChunk) Fields() []ent.Field {
	return []ent.Field{
		field.Int("import_id"),
		field.Int("seq").NonNegative(),
		field.Bytes("data"),
	}
}

// Edges of the DataImportChunk.
func (DataImportChunk) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("import", DataImport.Type).Ref("chunks").Field("import_id").Unique().Required(),
	}
}

// Indexes of the DataImportChunk.
func (DataImportChunk) Indexes() []ent.Index {
	return []ent.Index{index.Fields("import_id", "seq").Unique()}
}

// Annotations of the DataImportChunk.
func (DataImportChunk) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the DataImportChunk: see package rule.
func (DataImportChunk) Policy() ent.Policy { return rule.SystemOnlyPolicy() }

// DataImportIssue is one refused row or value of an import: row number,
// column as the file spells it, the value and why.
type DataImportIssue struct{ ent.Schema }

// Fields of the DataImportIssue.
func (DataImportIssue) Fields() []ent.Field {
	return []ent.Field{
		field.Int("import_id"),
		field.Int("row_no").NonNegative(),
		field.String("column_name").Optional().MaxLen(300),
		field.Text("value").Optional(),
		field.Text("message"),
	}
}

// Edges of the DataImportIssue.
func (DataImportIssue) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("import", DataImport.Type).Ref("issues").Field("import_id").Unique().Required(),
	}
}

// Indexes of the DataImportIssue.
func (DataImportIssue) Indexes() []ent.Index {
	return []ent.Index{index.Fields("import_id", "row_no")}
}

// Annotations of the DataImportIssue.
func (DataImportIssue) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of the DataImportIssue: see package rule.
func (DataImportIssue) Policy() ent.Policy { return rule.SystemOnlyPolicy() }
