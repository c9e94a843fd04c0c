package schema_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/ent/gradingmodel"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/dbmigrate"
	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/testdb"
	"github.com/summitkam/summit/internal/viewer"
)

func TestMain(m *testing.M) {
	testdb.SetupTemplate(dbmigrate.Apply)
	os.Exit(testdb.RunMain(m))
}

func TestGradingModelVersionConfigIsValidated(t *testing.T) {
	t.Parallel()
	ctx := viewer.System(context.Background(), "test")
	client := database.NewClient(testdb.NewPool(t))

	preset, ok := grading.LookupPreset("computer_maker_scorecard")
	require.True(t, ok)
	model := client.GradingModel.Create().
		SetKey("computer_maker").SetName("电脑厂商评分卡").
		SetKind(gradingmodel.KindWEIGHTED_SCORECARD).
		SaveX(ctx)

	v, err := client.GradingModelVersion.Create().
		SetModelID(model.ID).SetNumber(1).SetConfig(preset.Config).
		Save(ctx)
	require.NoError(t, err)

	// Break the weights: the engine's error, with its field path, comes back
	// and nothing is written.
	var cfg map[string]any
	require.NoError(t, json.Unmarshal(preset.Config, &cfg))
	criteria := cfg["criteria"].([]any)
	criteria[0].(map[string]any)["weight"] = 99.0
	broken, _ := json.Marshal(cfg)
	_, err = client.GradingModelVersion.Create().
		SetModelID(model.ID).SetNumber(2).SetConfig(broken).
		Save(ctx)
	require.Error(t, err)
	require.Contains(t, err.Error(), "weight")
	require.Equal(t, 1, client.GradingModelVersion.Query().CountX(ctx))

	// Updates are checked too.
	err = client.GradingModelVersion.UpdateOneID(v.ID).SetConfig(json.RawMessage(`{"criteria": []}`)).Exec(ctx)
	require.Error(t, err)
	require.True(t, strings.Contains(err.Error(), "weighted_scorecard"), err.Error())

	// A config of another kind does not pass for this model.
	rfm, ok := grading.LookupPreset("rfm")
	require.True(t, ok)
	_, err = client.GradingModelVersion.Create().
		SetModelID(model.ID).SetNumber(3).SetConfig(rfm.Config).
		Save(ctx)
	require.Error(t, err)
}

func TestOnlyAdminsWriteGradingModels(t *testing.T) {
	t.Parallel()
	client := database.NewClient(testdb.NewPool(t))
	kam := viewer.NewContext(context.Background(), &viewer.Viewer{Kind: viewer.KindUser, UserID: 1, Roles: []viewer.Role{viewer.RoleKeyAccountManager}})
	_, err := client.GradingModel.Create().SetKey("x").SetName("x").SetKind(gradingmodel.KindRFM).Save(kam)
	require.Error(t, err)

	admin := viewer.NewContext(context.Background(), &viewer.Viewer{Kind: viewer.KindUser, UserID: 1, Roles: []viewer.Role{viewer.RoleAdmin}})
	_, err = client.GradingModel.Create().SetKey("x").SetName("x").SetKind(gradingmodel.KindRFM).Save(admin)
	require.NoError(t, err)

	// Without any viewer, nothing at all: not even a read.
	_, err = client.GradingModel.Query().All(context.Background())
	require.Error(t, err)
}
