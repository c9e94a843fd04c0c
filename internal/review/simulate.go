package review

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// SimulateInput says what to simulate a model version on.
type SimulateInput struct {
	// Scope is the accounts graded. Defaults to ALL.
	Scope string
	// AsOf is the metrics day. Defaults to today (UTC).
	AsOf time.Time
	// Sample is how many movers to return with explanations, at most
	// MaxSample. Defaults to 20.
	Sample int
}

// MaxSample bounds SimulateInput.Sample.
const MaxSample = 200

// Simulation is what publishing a model's grades would do to live data.
// Nothing is written.
type Simulation struct {
	grading.Summary
	Scope string
	AsOf  time.Time
	// Movers is a sample of accounts whose class would change: the largest
	// moves first, then by revenue; newly classified accounts after those
	// that move between classes.
	Movers []Mover
	// Duration is the wall time of the simulation.
	Duration time.Duration
}

// Mover is one account's simulated move.
type Mover struct {
	AccountID    int
	From         grading.Class // "" when unclassified
	To           grading.Class
	Level        string
	Score        *float64
	RevenueMinor int64
	Explanation  grading.Explanation
}

// SimulateVersion runs a model version (any status, drafts included) over
// the live accounts of a scope. Admins and executives only: it reads every
// account of the scope.
func SimulateVersion(ctx context.Context, client *ent.Client, pool *pgxpool.Pool, versionID int, in SimulateInput) (*Simulation, error) {
	v := viewer.FromContext(ctx)
	if !v.IsSystem() && !v.HasAny(viewer.RoleAdmin, viewer.RoleExecutive) {
		return nil, refusal.Forbiddenf("only admins and executives simulate grading models")
	}
	version, err := client.GradingModelVersion.Get(ctx, versionID)
	if ent.IsNotFound(err) {
		return nil, refusal.NotFoundf("versionID", "grading model version %d not found", versionID)
	}
	if err != nil {
		return nil, fmt.Errorf("error loading grading model version %d: %w", versionID, err)
	}
	model, err := version.QueryModel().Only(ctx)
	if err != nil {
		return nil, fmt.Errorf("error loading the model of version %d: %w", versionID, err)
	}
	kind, err := grading.ParseKind(strings.ToLower(string(model.Kind)))
	if err != nil {
		return nil, err
	}
	if pool == nil {
		return nil, fmt.Errorf("review: simulation needs a database pool")
	}
	return Simulate(ctx, pool, kind, version.Config, in)
}

// Simulate grades every account of the scope with a model config and
// compares the result with the accounts' current classes: distribution,
// movers matrix, revenue share per class and a sample of movers.
func Simulate(ctx context.Context, pool *pgxpool.Pool, kind grading.Kind, config json.RawMessage, in SimulateInput) (*Simulation, error) {
	start := time.Now()
	if in.Scope == "" {
		in.Scope = ScopeAll
	}
	if err := ValidateScope(in.Scope); err != nil {
		return nil, err
	}
	if in.AsOf.IsZero() {
		in.AsOf = time.Now()
	}
	in.AsOf = Day(in.AsOf)
	switch {
	case in.Sample == 0:
		in.Sample = 20
	case in.Sample < 0 || in.Sample > MaxSample:
		return nil, refusal.Invalidf("sample", "must be between 0 and %d", MaxSample)
	}
	model, err := grading.ParseModel(kind, config)
	if err != nil {
		return nil, refusal.Invalidf("config", "%v", err)
	}
	pop, err := GatherScope(ctx, pool, in.Scope, in.AsOf, 0, maxAccountID, DefaultChunkSize, 2, FactsFor(config))
	if err != nil {
		return nil, err
	}
	results, err := model.Evaluate(in.AsOf, pop.Metrics)
	if err != nil {
		return nil, fmt.Errorf("error grading for a simulation: %w", err)
	}
	current := make(map[int64]grading.Class, pop.Len())
	revenue := make(map[int64]int64, pop.Len())
	for i, m := range pop.Metrics {
		if pop.Current[i] != "" {
			current[m.AccountID] = pop.Current[i]
		}
		revenue[m.AccountID] = m.Revenue12mMinor
	}
	sim := &Simulation{Summary: grading.Summarize(current, results, revenue), Scope: in.Scope, AsOf: in.AsOf}

	// The sample: indexes of movers, largest class jumps first.
	var movers []int
	for i, r := range results {
		if r.Class != pop.Current[i] {
			movers = append(movers, i)
		}
	}
	jump := func(i int) int {
		if pop.Current[i] == "" {
			return -1 // newly classified after real moves
		}
		d := results[i].Class.Rank() - pop.Current[i].Rank()
		return max(d, -d)
	}
	slices.SortFunc(movers, func(a, b int) int {
		if c := cmp.Compare(jump(b), jump(a)); c != 0 {
			return c
		}
		if c := cmp.Compare(pop.Metrics[b].Revenue12mMinor, pop.Metrics[a].Revenue12mMinor); c != 0 {
			return c
		}
		return cmp.Compare(pop.Metrics[a].AccountID, pop.Metrics[b].AccountID)
	})
	for _, i := range movers[:min(in.Sample, len(movers))] {
		r := results[i]
		m := Mover{
			AccountID:    int(r.AccountID),
			From:         pop.Current[i],
			To:           r.Class,
			Level:        r.Level,
			RevenueMinor: pop.Metrics[i].Revenue12mMinor,
			Explanation:  r.Explanation,
		}
		if r.HasScore {
			score := r.Score
			m.Score = &score
		}
		sim.Movers = append(sim.Movers, m)
	}
	sim.Duration = time.Since(start)
	return sim, nil
}
