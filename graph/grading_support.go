package graph

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/gradingmodel"
	"github.com/summitkam/summit/ent/reviewresult"
	"github.com/summitkam/summit/graph/model"
	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/review"
	"github.com/summitkam/summit/internal/txn"
)

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func classPtr(c grading.Class) *account.CurrentClass {
	if c == "" || c.Validate() != nil {
		return nil
	}
	v := account.CurrentClass(c)
	return &v
}

func classCounts(counts map[string]int) []*model.ClassCount {
	out := make([]*model.ClassCount, 0, 4)
	for _, c := range grading.Classes() {
		out = append(out, &model.ClassCount{Class: account.CurrentClass(c), Count: counts[string(c)]})
	}
	return out
}

// classMoves flattens a movers matrix keyed by class names (review.Unclassified
// or "" for no class), in class order, unclassified first.
func classMoves(matrix map[string]map[string]int) []*model.ClassMove {
	var out []*model.ClassMove
	froms := append([]string{review.Unclassified}, classNames()...)
	for _, from := range froms {
		for _, to := range classNames() {
			n := matrix[from][to]
			if n == 0 {
				continue
			}
			out = append(out, &model.ClassMove{From: classPtr(grading.Class(from)), To: account.CurrentClass(to), Count: n})
		}
	}
	return out
}

func classNames() []string {
	out := make([]string, 0, 4)
	for _, c := range grading.Classes() {
		out = append(out, string(c))
	}
	return out
}

func reviewProgress(s review.Summary) *model.ReviewProgress {
	p := &model.ReviewProgress{
		Total: s.Total, Done: s.Done, Chunks: s.Chunks, ChunksDone: s.ChunksDone,
		ByClass: classCounts(s.ByClass), Upgrades: s.Upgrades, Downgrades: s.Downgrades,
		Unchanged: s.Unchanged, NewlyClassified: s.NewlyClassified, Movers: classMoves(s.Movers),
	}
	for _, status := range []string{review.ResultProposed, review.ResultPendingApproval, review.ResultContested,
		review.ResultApproved, review.ResultRejected, review.ResultPublished} {
		if n := s.ByStatus[status]; n > 0 {
			p.ByStatus = append(p.ByStatus, &model.ReviewStatusCount{Status: reviewresult.Status(status), Count: n})
		}
	}
	if p.ByStatus == nil {
		p.ByStatus = []*model.ReviewStatusCount{}
	}
	return p
}

func gradingPresets(ctx context.Context, client *ent.Client) ([]*model.GradingPreset, error) {
	presets := grading.Presets()
	keys := make([]string, len(presets))
	for i, p := range presets {
		keys[i] = p.Key
	}
	installed, err := client.GradingModel.Query().Where(gradingmodel.KeyIn(keys...)).All(ctx)
	if err != nil {
		return nil, err
	}
	byKey := map[string]*ent.GradingModel{}
	for _, m := range installed {
		byKey[m.Key] = m
	}
	out := make([]*model.GradingPreset, len(presets))
	for i, p := range presets {
		out[i] = &model.GradingPreset{Key: p.Key, NameZh: p.NameZH, NameEn: p.NameEN,
			Kind: gradingmodel.Kind(strings.ToUpper(string(p.Kind))), Config: p.Config, Description: p.Description,
			Model: byKey[p.Key]}
	}
	return out, nil
}

func simulateGradingModel(ctx context.Context, client *ent.Client, versionID int, scope *gradingmodel.Scope, asOf *time.Time, sample *int) (*model.GradingSimulation, error) {
	runner := txn.FromContext(ctx)
	if runner == nil {
		return nil, &gqlerror.Error{Message: "simulations are not available on this server", Path: graphql.GetPath(ctx),
			Extensions: map[string]any{"code": CodeInternal}}
	}
	in := review.SimulateInput{}
	if scope != nil {
		in.Scope = string(*scope)
	} else if version, err := client.GradingModelVersion.Get(ctx, versionID); err == nil {
		if m, err := version.QueryModel().Only(ctx); err == nil {
			in.Scope = string(m.Scope)
		}
	}
	if asOf != nil {
		in.AsOf = *asOf
	}
	if sample != nil {
		in.Sample = *sample
	}
	sim, err := review.SimulateVersion(ctx, client, runner.Pool(), versionID, in)
	if err != nil {
		return nil, refusalError(ctx, err, "")
	}
	out := &model.GradingSimulation{
		Scope: gradingmodel.Scope(sim.Scope), AsOf: sim.AsOf, Total: sim.Total,
		Unclassified: sim.Unclassified, Upgrades: sim.Upgrades, Downgrades: sim.Downgrades,
		Unchanged: sim.Unchanged, NewlyClassified: sim.Unclassified,
		TotalRevenue: sim.TotalRevenueMinor, DurationMs: int(sim.Duration.Milliseconds()),
	}
	toCounts := func(m map[grading.Class]int) map[string]int {
		out := map[string]int{}
		for k, v := range m {
			out[string(k)] = v
		}
		return out
	}
	out.Distribution = classCounts(toCounts(sim.Distribution))
	out.CurrentDistribution = classCounts(toCounts(sim.CurrentDistribution))
	matrix := map[string]map[string]int{review.Unclassified: toCounts(sim.NewlyClassified)}
	for from, row := range sim.Summary.Movers {
		matrix[string(from)] = toCounts(row)
	}
	out.Movers = classMoves(matrix)
	for _, c := range grading.Classes() {
		out.Revenue = append(out.Revenue, &model.ClassRevenue{Class: account.CurrentClass(c), Revenue: sim.RevenueMinor[c], Share: sim.RevenueShare[c]})
	}
	ids := make([]int, len(sim.Movers))
	for i, m := range sim.Movers {
		ids[i] = m.AccountID
	}
	// The sample's accounts, as far as the viewer may read them.
	accounts, err := client.Account.Query().Where(account.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int]*ent.Account{}
	for _, a := range accounts {
		byID[a.ID] = a
	}
	out.Sample = make([]*model.SimulatedMove, len(sim.Movers))
	for i, m := range sim.Movers {
		explanation, err := jsonMarshal(m.Explanation)
		if err != nil {
			return nil, err
		}
		out.Sample[i] = &model.SimulatedMove{Account: byID[m.AccountID], AccountID: m.AccountID, From: classPtr(m.From),
			To: account.CurrentClass(m.To), Level: m.Level, Score: m.Score, Revenue: m.RevenueMinor, Explanation: explanation}
	}
	return out, nil
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }
