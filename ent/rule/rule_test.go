package rule_test

import (
	"testing"

	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
	"github.com/stretchr/testify/require"
)

// TestEveryEntityHasAPolicy fails when an ent schema declares no Policy: an
// entity without one is open to every query and mutation.
func TestEveryEntityHasAPolicy(t *testing.T) {
	t.Parallel()
	graph, err := entc.LoadGraph("../schema", &gen.Config{})
	require.NoError(t, err)
	require.NotEmpty(t, graph.Nodes)
	for _, n := range graph.Nodes {
		require.Positive(t, n.NumPolicy(), "ent/schema %s has no Policy; pick one from package rule", n.Name)
	}
}
