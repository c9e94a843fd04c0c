package planning_test

import (
	"fmt"

	"github.com/summitkam/summit/internal/planning"
	"github.com/summitkam/summit/internal/refusal"
)

// The lifecycle of a strategic plan (an S or A account's): the key-account
// manager submits it, only an executive may approve it, and it cannot go
// live without that approval. Apply says what each move does to the stored
// plan, or why it is refused.
func ExampleApply() {
	kam := planning.Actor{}
	exec := planning.Actor{MayApprove: true}
	plan := planning.Plan{Status: planning.Draft, Strategic: planning.IsStrategic("A")}

	step := func(t planning.Transition, by planning.Actor, reason string) {
		eff, err := planning.Apply(plan, planning.Request{Transition: t, Actor: by, Reason: reason})
		if r := refusal.As(err); r != nil {
			fmt.Printf("%-8s refused (%s): %s\n", t, r.Kind, r.Message)
			return
		}
		fmt.Printf("%-8s %s → %s", t, eff.From, eff.To)
		if eff.RecordApproval {
			fmt.Print(", approval recorded")
		}
		if eff.SetOutcome {
			fmt.Print(", outcome kept")
		}
		fmt.Println()
		plan.Status = eff.To
		plan.HasApproval = plan.HasApproval || eff.RecordApproval
	}

	step(planning.Submit, kam, "")
	step(planning.Activate, kam, "")
	step(planning.Approve, kam, "")
	step(planning.Approve, exec, "fits the account's strategy")
	step(planning.Activate, kam, "")
	step(planning.Close, kam, "")
	step(planning.Close, kam, "targets met; roll forward")
	// Output:
	// submit   DRAFT → SUBMITTED
	// activate refused (conflict): cannot activate a SUBMITTED plan of an S/A account: it needs an executive's approval first (SUBMITTED → APPROVED → ACTIVE)
	// approve  refused (forbidden): only executives and admins may approve a plan
	// approve  SUBMITTED → APPROVED, approval recorded
	// activate APPROVED → ACTIVE
	// close    refused (invalid): an outcome is required to close a plan
	// close    ACTIVE → CLOSED, outcome kept
}
