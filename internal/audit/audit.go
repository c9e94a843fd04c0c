// Package audit appends audit events: who (the viewer in the context), when,
// which entity, what action, the state before and after, and why. Callers
// record inside the same transaction as the change, so a change and its audit
// event commit or roll back together.
package audit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/auditevent"
	"github.com/summitkam/summit/internal/requestid"
	"github.com/summitkam/summit/internal/viewer"
)

// Event is one change to record.
type Event struct {
	// EntityType is the ent type name, e.g. "Account", "AccountPlan", "User".
	EntityType string
	EntityID   int
	// Action names what happened, dotted: "plan.submit", "team.add", "role.assign".
	Action string
	// Before and After are marshalled to JSON; nil is stored as NULL.
	Before, After any
	Reason        string
	// RequestID defaults to the id of the HTTP request in the context.
	RequestID string
}

// ErrNoActor is returned when the context carries no viewer: every change
// must be attributable.
var ErrNoActor = errors.New("audit: no viewer in context; changes must be made by an identified actor")

// Record appends e, attributed to the viewer in ctx, using client (pass the
// transaction's client to keep the event in the change's transaction).
func Record(ctx context.Context, client *ent.Client, e Event) error {
	v := viewer.FromContext(ctx)
	if v == nil {
		return ErrNoActor
	}
	before, err := marshal(e.Before)
	if err != nil {
		return fmt.Errorf("audit: error encoding before of %s %d: %w", e.EntityType, e.EntityID, err)
	}
	after, err := marshal(e.After)
	if err != nil {
		return fmt.Errorf("audit: error encoding after of %s %d: %w", e.EntityType, e.EntityID, err)
	}
	if e.RequestID == "" {
		e.RequestID = requestid.FromContext(ctx)
	}
	create := client.AuditEvent.Create().
		SetActorKind(auditevent.ActorKind(v.Kind)).
		SetActorLabel(v.Label).
		SetEntityType(e.EntityType).
		SetEntityID(e.EntityID).
		SetAction(e.Action).
		SetReason(e.Reason).
		SetRequestID(e.RequestID)
	if v.UserID != 0 {
		create.SetActorID(v.UserID)
	}
	if before != nil {
		create.SetBefore(before)
	}
	if after != nil {
		create.SetAfter(after)
	}
	if err := create.Exec(ctx); err != nil {
		return fmt.Errorf("audit: error recording %s on %s %d: %w", e.Action, e.EntityType, e.EntityID, err)
	}
	return nil
}

func marshal(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	if raw, ok := v.(json.RawMessage); ok {
		return raw, nil
	}
	return json.Marshal(v)
}
