package plans

import (
	"time"

	"github.com/summitkam/summit/ent/action"
	"github.com/summitkam/summit/ent/objective"
	"github.com/summitkam/summit/ent/touchpoint"
	"github.com/summitkam/summit/internal/planning"
)

// The inputs of the plan operations. The GraphQL inputs of the same names
// bind to them (graph/gqlgen.yml), so a resolver passes its argument
// through; a nil pointer is a field left out.

// CreatePlanInput starts a plan for an account and period.
type CreatePlanInput struct {
	AccountID   int
	Period      string
	PeriodStart time.Time
	PeriodEnd   time.Time
	// StrategyStatement defaults to the class policy's strategy template.
	StrategyStatement *string
	Swot              *planning.SWOT
	// ObjectivesFromTemplate adds the class policy's objective templates;
	// nil means true.
	ObjectivesFromTemplate *bool
}

// UpdatePlanInput changes a plan's content.
type UpdatePlanInput struct {
	Period            *string
	PeriodStart       *time.Time
	PeriodEnd         *time.Time
	StrategyStatement *string
	// Swot replaces the whole SWOT.
	Swot *planning.SWOT
}

// ObjectiveInput defines a new objective.
type ObjectiveInput struct {
	Title       string
	Description *string
	Metric      objective.Metric
	// Unit defaults to the metric's unit.
	Unit        *objective.Unit
	TargetValue int
	Weight      int
	DueOn       *time.Time
}

// UpdateObjectiveInput redefines an objective or tracks its status.
type UpdateObjectiveInput struct {
	Title       *string
	Description *string
	Metric      *objective.Metric
	Unit        *objective.Unit
	TargetValue *int
	Weight      *int
	DueOn       *time.Time
	ClearDueOn  *bool
	Status      *objective.Status
}

// CreateActionInput records an action; AccountID is required unless PlanID
// or ObjectiveID is given (the account is then the plan's).
type CreateActionInput struct {
	AccountID   *int
	PlanID      *int
	ObjectiveID *int
	Title       string
	Description *string
	OwnerID     *int
	DueOn       *time.Time
	Status      *action.Status
}

// UpdateActionInput changes an action.
type UpdateActionInput struct {
	Title          *string
	Description    *string
	OwnerID        *int
	ClearOwner     *bool
	DueOn          *time.Time
	ClearDueOn     *bool
	Status         *action.Status
	PlanID         *int
	ClearPlan      *bool
	ObjectiveID    *int
	ClearObjective *bool
}

// LogTouchpointInput records a touchpoint with its participants.
type LogTouchpointInput struct {
	AccountID  int
	Kind       touchpoint.Kind
	OccurredAt time.Time
	// StaffIDs are members of staff who took part.
	StaffIDs []int
	// ContactIDs are contacts of this account who took part.
	ContactIDs    []int
	Summary       *string
	NextStep      *string
	NextStepDueOn *time.Time
}

// EditTouchpointInput changes a touchpoint; participant lists, when given,
// replace the old ones.
type EditTouchpointInput struct {
	Kind               *touchpoint.Kind
	OccurredAt         *time.Time
	StaffIDs           []int
	ContactIDs         []int
	Summary            *string
	NextStep           *string
	NextStepDueOn      *time.Time
	ClearNextStepDueOn *bool
}
