package graph_test

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/vektah/gqlparser/v2/formatter"

	"github.com/summitkam/summit/graph/generated"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestSchemaGolden keeps testdata/schema.graphql, the whole API contract as
// served (hand-written and generated parts merged), equal to what the code
// serves, so every API change shows up in review as a diff of one file.
// After a deliberate change: go test ./graph -run TestSchemaGolden -update
func TestSchemaGolden(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	formatter.NewFormatter(&buf, formatter.WithIndent("  ")).FormatSchema(
		generated.NewExecutableSchema(generated.Config{}).Schema())
	const golden = "testdata/schema.graphql"
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run: go test ./graph -run TestSchemaGolden -update")
	require.Equal(t, string(want), buf.String(), "the served GraphQL schema changed; review and run: go test ./graph -run TestSchemaGolden -update")
}
