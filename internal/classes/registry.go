package classes

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/gradingmodel"
	"github.com/summitkam/summit/ent/gradingmodelversion"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// KindOf maps the ent enum of a model kind to the engine's kind.
func KindOf(k gradingmodel.Kind) (grading.Kind, error) {
	return grading.ParseKind(strings.ToLower(string(k)))
}

// ValidateConfig checks a config for a kind with the grading engine and
// returns every problem with its field path (nil when valid).
func ValidateConfig(kind gradingmodel.Kind, config json.RawMessage) []refusal.FieldError {
	k, err := KindOf(kind)
	if err != nil {
		return []refusal.FieldError{{Path: "kind", Message: err.Error()}}
	}
	if _, err := grading.DecodeConfig(k, config); err != nil {
		var ve *grading.ValidationError
		if errors.As(err, &ve) {
			out := make([]refusal.FieldError, len(ve.Fields))
			for i, f := range ve.Fields {
				out[i] = refusal.FieldError{Path: f.Path, Message: f.Message}
			}
			return out
		}
		return []refusal.FieldError{{Path: "", Message: err.Error()}}
	}
	return nil
}

func checkConfig(kind gradingmodel.Kind, config json.RawMessage) error {
	if problems := ValidateConfig(kind, config); len(problems) > 0 {
		msgs := make([]string, len(problems))
		for i, p := range problems {
			msgs[i] = strings.TrimPrefix(p.Path+": "+p.Message, ": ")
		}
		return &refusal.Error{Kind: refusal.Invalid, Field: "config", Message: strings.Join(msgs, "; "), Fields: problems}
	}
	return nil
}

func requireAdmin(ctx context.Context) error {
	if v := viewer.FromContext(ctx); !v.IsSystem() && !v.Has(viewer.RoleAdmin) {
		return refusal.Forbiddenf("only admins change grading models and class policies")
	}
	return nil
}

func userID(ctx context.Context) *int {
	if v := viewer.FromContext(ctx); v != nil && v.UserID != 0 {
		id := v.UserID
		return &id
	}
	return nil
}

// CreateModelInput creates a grading model with its first (DRAFT) version.
type CreateModelInput struct {
	Key         string
	Name        string
	NameEn      string
	Description string
	Kind        gradingmodel.Kind
	Scope       gradingmodel.Scope
	Config      json.RawMessage
	Notes       string
}

// CreateModel creates a model and its version 1 as a DRAFT. Admins only.
func CreateModel(ctx context.Context, client *ent.Client, in CreateModelInput) (*ent.GradingModel, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	in.Key, in.Name = strings.TrimSpace(in.Key), strings.TrimSpace(in.Name)
	if in.Key == "" {
		return nil, refusal.Invalidf("key", "a key is required")
	}
	if in.Name == "" {
		return nil, refusal.Invalidf("name", "a name is required")
	}
	if in.Scope == "" {
		in.Scope = gradingmodel.ScopeALL
	}
	if err := gradingmodel.KindValidator(in.Kind); err != nil {
		return nil, refusal.Invalidf("kind", "%v", err)
	}
	if err := gradingmodel.ScopeValidator(in.Scope); err != nil {
		return nil, refusal.Invalidf("scope", "%v", err)
	}
	if err := checkConfig(in.Kind, in.Config); err != nil {
		return nil, err
	}
	if taken, err := client.GradingModel.Query().Where(gradingmodel.Key(in.Key)).Exist(ctx); err != nil {
		return nil, fmt.Errorf("error checking grading model keys: %w", err)
	} else if taken {
		return nil, &refusal.Error{Kind: refusal.Conflict, Field: "key", Message: fmt.Sprintf("a grading model with key %q exists", in.Key)}
	}
	model, err := client.GradingModel.Create().
		SetKey(in.Key).SetName(in.Name).SetNameEn(in.NameEn).SetDescription(in.Description).
		SetKind(in.Kind).SetScope(in.Scope).SetNillableCreatedByID(userID(ctx)).
		Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error creating grading model %q: %w", in.Key, err)
	}
	version, err := client.GradingModelVersion.Create().
		SetModelID(model.ID).SetNumber(1).SetConfig(in.Config).SetNotes(in.Notes).
		SetNillableCreatedByID(userID(ctx)).
		Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error creating version 1 of grading model %q: %w", in.Key, err)
	}
	if err := audit.Record(ctx, client, audit.Event{
		EntityType: "GradingModel", EntityID: model.ID, Action: "model.create",
		After: map[string]any{"key": model.Key, "kind": model.Kind, "scope": model.Scope, "version_id": version.ID},
	}); err != nil {
		return nil, err
	}
	return model, nil
}

// CreateVersion adds a DRAFT version to a model, numbered after the last.
// Admins only.
func CreateVersion(ctx context.Context, client *ent.Client, modelID int, config json.RawMessage, notes string) (*ent.GradingModelVersion, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	model, err := client.GradingModel.Get(ctx, modelID)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("modelID", "grading model %d not found", modelID)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading grading model %d: %w", modelID, err)
	}
	if err := checkConfig(model.Kind, config); err != nil {
		return nil, err
	}
	last, err := model.QueryVersions().Aggregate(ent.Max(gradingmodelversion.FieldNumber)).Int(ctx)
	if err != nil {
		last = 0 // no versions yet: max over nothing is NULL
	}
	version, err := client.GradingModelVersion.Create().
		SetModelID(model.ID).SetNumber(last + 1).SetConfig(config).SetNotes(notes).
		SetNillableCreatedByID(userID(ctx)).
		Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error creating a version of grading model %d: %w", modelID, err)
	}
	if err := audit.Record(ctx, client, audit.Event{
		EntityType: "GradingModelVersion", EntityID: version.ID, Action: "model.version.create",
		After: map[string]any{"model_id": model.ID, "number": version.Number},
	}); err != nil {
		return nil, err
	}
	return version, nil
}

// UpdateVersion changes the config or notes of a DRAFT version. Admins only.
func UpdateVersion(ctx context.Context, client *ent.Client, id int, config json.RawMessage, notes *string) (*ent.GradingModelVersion, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	version, err := client.GradingModelVersion.Query().Where(gradingmodelversion.ID(id)).WithModel().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("id", "grading model version %d not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading grading model version %d: %w", id, err)
	}
	if version.Status != gradingmodelversion.StatusDRAFT {
		return nil, refusal.Conflictf("version %d is %s; only a DRAFT can be edited (create a new version instead)", version.Number, version.Status)
	}
	update := version.Update()
	if config != nil {
		if err := checkConfig(version.Edges.Model.Kind, config); err != nil {
			return nil, err
		}
		update.SetConfig(config)
	}
	if notes != nil {
		update.SetNotes(*notes)
	}
	saved, err := update.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error updating grading model version %d: %w", id, err)
	}
	if err := audit.Record(ctx, client, audit.Event{
		EntityType: "GradingModelVersion", EntityID: id, Action: "model.version.update",
		Before: map[string]any{"config": version.Config}, After: map[string]any{"config": saved.Config},
	}); err != nil {
		return nil, err
	}
	return saved, nil
}

// PublishVersion publishes a DRAFT (or re-publishes a RETIRED) version and
// retires whatever version was published in the same scope, under a
// transaction-scoped advisory lock per scope so two admins publishing at
// once cannot leave two versions in force. Call it in a transaction (the
// unit of work of a mutation). Admins only.
func PublishVersion(ctx context.Context, client *ent.Client, id int) (*ent.GradingModelVersion, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	version, err := client.GradingModelVersion.Query().Where(gradingmodelversion.ID(id)).WithModel().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("id", "grading model version %d not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading grading model version %d: %w", id, err)
	}
	scope := version.Edges.Model.Scope
	if _, err := client.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext($1))", "summit.grading_scope."+string(scope)); err != nil {
		return nil, fmt.Errorf("error locking grading scope %s: %w", scope, err)
	}
	// Re-read under the lock.
	version, err = client.GradingModelVersion.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("error loading grading model version %d: %w", id, err)
	}
	if version.Status == gradingmodelversion.StatusPUBLISHED {
		return nil, refusal.Conflictf("version %d is already published", version.Number)
	}
	retired, err := client.GradingModelVersion.Query().
		Where(gradingmodelversion.StatusEQ(gradingmodelversion.StatusPUBLISHED),
			gradingmodelversion.HasModelWith(gradingmodel.ScopeEQ(scope))).
		IDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("error finding the published version of scope %s: %w", scope, err)
	}
	if len(retired) > 0 {
		if err := client.GradingModelVersion.Update().Where(gradingmodelversion.IDIn(retired...)).
			SetStatus(gradingmodelversion.StatusRETIRED).Exec(ctx); err != nil {
			return nil, fmt.Errorf("error retiring versions %v: %w", retired, err)
		}
	}
	saved, err := version.Update().
		SetStatus(gradingmodelversion.StatusPUBLISHED).
		SetPublishedAt(time.Now()).
		SetNillablePublishedByID(userID(ctx)).
		Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error publishing grading model version %d: %w", id, err)
	}
	if err := audit.Record(ctx, client, audit.Event{
		EntityType: "GradingModelVersion", EntityID: id, Action: "model.version.publish",
		Before: map[string]any{"status": version.Status},
		After:  map[string]any{"status": saved.Status, "scope": scope, "retired_version_ids": retired},
	}); err != nil {
		return nil, err
	}
	return saved, nil
}

// RetireVersion takes a PUBLISHED or DRAFT version out of use. Admins only.
func RetireVersion(ctx context.Context, client *ent.Client, id int) (*ent.GradingModelVersion, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	version, err := client.GradingModelVersion.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("id", "grading model version %d not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading grading model version %d: %w", id, err)
	}
	if version.Status == gradingmodelversion.StatusRETIRED {
		return nil, refusal.Conflictf("version %d is already retired", version.Number)
	}
	saved, err := version.Update().SetStatus(gradingmodelversion.StatusRETIRED).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("error retiring grading model version %d: %w", id, err)
	}
	if err := audit.Record(ctx, client, audit.Event{
		EntityType: "GradingModelVersion", EntityID: id, Action: "model.version.retire",
		Before: map[string]any{"status": version.Status}, After: map[string]any{"status": saved.Status},
	}); err != nil {
		return nil, err
	}
	return saved, nil
}
