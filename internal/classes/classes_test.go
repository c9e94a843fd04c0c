package classes_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/gradingmodel"
	"github.com/summitkam/summit/ent/gradingmodelversion"
	"github.com/summitkam/summit/internal/classes"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

func TestMain(m *testing.M) {
	testdb.SetupTemplate(dbmigrate.Apply)
	os.Exit(testdb.RunMain(m))
}

// Presets install once, as valid versions, with one published per scope.
func TestEnsurePresetsIsIdempotent(t *testing.T) {
	t.Parallel()
	ctx := viewer.System(context.Background(), "test")
	client := database.NewClient(testdb.NewPool(t))

	n, err := classes.EnsurePresets(ctx, client)
	require.NoError(t, err)
	require.Equal(t, len(grading.Presets()), n)
	n, err = classes.EnsurePresets(ctx, client)
	require.NoError(t, err)
	require.Zero(t, n)

	published := client.GradingModelVersion.Query().
		Where(gradingmodelversion.StatusEQ(gradingmodelversion.StatusPUBLISHED)).
		QueryModel().Order(gradingmodel.ByKey()).AllX(ctx)
	require.Len(t, published, 2)
	require.Equal(t, grading.PresetComputerMakerScorecard, published[0].Key)
	require.Equal(t, gradingmodel.ScopeALL, published[0].Scope)
	require.Equal(t, grading.PresetProspectClose, published[1].Key)
	require.Equal(t, gradingmodel.ScopePROSPECT, published[1].Scope)
}

// Publishing retires the version in force in the same scope, whatever its
// model; other scopes are untouched.
func TestPublishVersionKeepsOnePerScope(t *testing.T) {
	t.Parallel()
	ctx := viewer.System(context.Background(), "test")
	client := database.NewClient(testdb.NewPool(t))
	_, err := classes.EnsurePresets(ctx, client)
	require.NoError(t, err)

	p, _ := grading.LookupPreset(grading.PresetCustomerPyramid)
	tx, err := client.Tx(ctx)
	require.NoError(t, err)
	model, err := classes.CreateModel(ctx, tx.Client(), classes.CreateModelInput{
		Key: "pyramid_2", Name: "金字塔", Kind: gradingmodel.KindPYRAMID, Config: p.Config,
	})
	require.NoError(t, err)
	draft := model.QueryVersions().OnlyX(ctx)
	_, err = classes.PublishVersion(ctx, tx.Client(), draft.ID)
	require.NoError(t, err)
	require.NoError(t, tx.Commit())

	inForce := client.GradingModelVersion.Query().
		Where(gradingmodelversion.StatusEQ(gradingmodelversion.StatusPUBLISHED)).
		QueryModel().Order(gradingmodel.ByKey()).AllX(ctx)
	require.Len(t, inForce, 2)
	require.Equal(t, "prospect_close", inForce[0].Key)
	require.Equal(t, "pyramid_2", inForce[1].Key)

	// Only admins; invalid configs name their fields.
	kam := viewer.NewContext(context.Background(), &viewer.Viewer{Kind: viewer.KindUser, UserID: 1, Roles: []viewer.Role{viewer.RoleKeyAccountManager}})
	_, err = classes.CreateModel(kam, client, classes.CreateModelInput{Key: "x", Name: "x", Kind: gradingmodel.KindPYRAMID, Config: p.Config})
	require.True(t, refusal.Is(err, refusal.Forbidden))
	_, err = classes.CreateModel(ctx, client, classes.CreateModelInput{Key: "y", Name: "y", Kind: gradingmodel.KindPYRAMID,
		Config: json.RawMessage(`{"metric": "revenue_12m", "tiers": []}`)})
	require.True(t, refusal.Is(err, refusal.Invalid))
	var ce *refusal.Error
	require.ErrorAs(t, err, &ce)
	require.NotEmpty(t, ce.Fields)
}
