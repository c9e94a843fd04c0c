package classes

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/gradingmodel"
	"github.com/summitkam/summit/ent/gradingmodelversion"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/grading"
)

// presetScope is the scope a preset grades; prospect grading is for accounts
// still in exploration, every other preset for all accounts.
func presetScope(key string) gradingmodel.Scope {
	if key == grading.PresetProspectClose {
		return gradingmodel.ScopePROSPECT
	}
	return gradingmodel.ScopeALL
}

// defaultPublished are the presets published at install in a scope that has
// no published version yet, so scheduled reviews have a model from the
// first start: the computer-maker scorecard (seed 000's ≥75/60 scheme with S
// on top) for all accounts, prospect grading for prospects.
var defaultPublished = map[string]bool{
	grading.PresetComputerMakerScorecard: true,
	grading.PresetProspectClose:          true,
}

// EnsurePresets installs every preset of internal/grading that is missing
// (keyed by grading_models.key) as a model with a ready version 1, and
// publishes the default ones where their scope has nothing published. It is
// idempotent and safe when several nodes start at once (one transaction
// under an advisory lock). It returns how many presets it installed. ctx
// must carry the system viewer or an admin.
func EnsurePresets(ctx context.Context, client *ent.Client) (installed int, err error) {
	tx, err := client.Tx(ctx)
	if err != nil {
		return 0, fmt.Errorf("error installing grading presets: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	c := tx.Client()
	if _, err := c.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext('summit.grading_presets'))"); err != nil {
		return 0, fmt.Errorf("error locking grading presets: %w", err)
	}
	for _, p := range grading.Presets() {
		exists, err := c.GradingModel.Query().Where(gradingmodel.Key(p.Key)).Exist(ctx)
		if err != nil {
			return 0, fmt.Errorf("error checking preset %s: %w", p.Key, err)
		}
		if exists {
			continue
		}
		scope := presetScope(p.Key)
		model, err := c.GradingModel.Create().
			SetKey(p.Key).SetName(p.NameZH).SetNameEn(p.NameEN).SetDescription(p.Description).
			SetKind(gradingmodel.Kind(strings.ToUpper(string(p.Kind)))).SetScope(scope).
			Save(ctx)
		if err != nil {
			return 0, fmt.Errorf("error installing preset %s: %w", p.Key, err)
		}
		create := c.GradingModelVersion.Create().SetModelID(model.ID).SetNumber(1).SetConfig(p.Config).
			SetNotes("preset " + p.Key)
		if defaultPublished[p.Key] {
			published, err := c.GradingModelVersion.Query().
				Where(gradingmodelversion.StatusEQ(gradingmodelversion.StatusPUBLISHED),
					gradingmodelversion.HasModelWith(gradingmodel.ScopeEQ(scope))).
				Exist(ctx)
			if err != nil {
				return 0, fmt.Errorf("error checking scope %s: %w", scope, err)
			}
			if !published {
				create.SetStatus(gradingmodelversion.StatusPUBLISHED).SetPublishedAt(time.Now())
			}
		}
		version, err := create.Save(ctx)
		if err != nil {
			return 0, fmt.Errorf("error installing preset %s: %w", p.Key, err)
		}
		if err := audit.Record(ctx, c, audit.Event{
			EntityType: "GradingModel", EntityID: model.ID, Action: "model.create", Reason: "preset",
			After: map[string]any{"key": p.Key, "kind": model.Kind, "scope": scope, "version_id": version.ID, "status": version.Status},
		}); err != nil {
			return 0, err
		}
		installed++
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("error installing grading presets: %w", err)
	}
	return installed, nil
}
