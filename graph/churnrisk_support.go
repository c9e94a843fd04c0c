package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/graph/model"
	"github.com/summitkam/summit/internal/alerts"
	"github.com/summitkam/summit/internal/audit"
	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/churnscan"
	"github.com/summitkam/summit/internal/jobargs"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/txn"
	"github.com/summitkam/summit/internal/viewer"
)

// churnRiskOf assesses a with model, from the facts of its page.
func (r *Resolver) churnRiskOf(ctx context.Context, a *ent.Account) (*model.ChurnRisk, error) {
	facts, ok, err := churnFactsLoader.load(ctx, r.acctClient(ctx), a.ID)
	if err != nil {
		return nil, err
	}
	if !ok {
		en, zh := churnNotAssessed(a)
		return &model.ChurnRisk{AccountID: a.ID, AsOf: churnscan.Day(time.Now()),
			NotAssessedReason: &en, NotAssessedReasonZh: &zh,
			Signals: []*alerts.Signal{}, Skipped: []*model.ChurnSkippedSignal{}}, nil
	}
	return churnRiskModel(a.ID, churn.Evaluate(r.ChurnModel, facts))
}

// churnRiskModel presents an assessment.
func churnRiskModel(accountID int, a churn.Assessment) (*model.ChurnRisk, error) {
	e := a.Explanation()
	explanation, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("error encoding the churn explanation of account %d: %w", accountID, err)
	}
	level := model.ChurnLevel(strings.ToUpper(string(a.Level)))
	reason := model.ChurnLevelReason(strings.ToUpper(string(a.LevelReason)))
	out := &model.ChurnRisk{
		AccountID: accountID, AsOf: a.AsOf, Assessed: true,
		Score: &a.Score, Level: &level, LevelReason: &reason, ConfigVersion: &a.ConfigVersion,
		Summary: &e.Summary, SummaryZh: &e.SummaryZH, Explanation: explanation,
		Signals: make([]*alerts.Signal, len(a.Fired)),
		Skipped: make([]*model.ChurnSkippedSignal, len(a.Skipped)),
	}
	for i, s := range a.Fired {
		out.Signals[i] = &alerts.Signal{
			Code: string(s.Code), Label: s.Code.Label(), LabelZh: s.Code.LabelZH(),
			Severity: string(s.Severity), Value: s.Value, Threshold: s.Threshold, Unit: string(s.Unit),
			Points: s.Points, Detail: s.Detail, DetailZh: s.DetailZH,
		}
	}
	for i, s := range a.Skipped {
		out.Skipped[i] = &model.ChurnSkippedSignal{
			Code: string(s.Code), Label: s.Code.Label(), LabelZh: s.Code.LabelZH(),
			Reason: string(s.Reason), Detail: s.Detail, DetailZh: s.DetailZH,
		}
	}
	return out, nil
}

// churnNotAssessed says why the churn scan leaves a out (its scope:
// churnscan's inScope), in English and Chinese.
func churnNotAssessed(a *ent.Account) (en, zh string) {
	switch {
	case a.Archived:
		return "Archived accounts are not assessed for churn.", "已归档的客户不做流失评估。"
	case a.Kind == account.KindINTERNAL:
		return "Internal accounts are not assessed for churn.", "内部客户不做流失评估。"
	case a.LifecycleStage == account.LifecycleStageEXPLORATION:
		return "Prospects (exploration stage) are not assessed for churn: there is no business to lose yet.",
			"潜在客户(探索阶段)尚无业务,不做流失评估。"
	case a.LifecycleStage == account.LifecycleStageLOST:
		return "Lost accounts are not assessed for churn: the account is already lost.",
			"已流失的客户不再做流失评估。"
	}
	// Read before a concurrent change moved the account out of scope.
	return "The account is not in the churn scan's scope.", "该客户不在流失扫描范围内。"
}

// churnScanEarliest bounds a requested scan's as-of: the data has nothing
// older, and an earlier date is a typo.
var churnScanEarliest = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// churnScanFutureSlack tolerates the clock of a client slightly ahead.
const churnScanFutureSlack = time.Minute

// startChurnScan enqueues a churn scan in the mutation's transaction and
// audits the request. Admins only. Without asOf the scan is as of now to the
// minute, so a request repeated in the same minute (a double click) finds
// the first and reports a duplicate instead of scanning twice.
func startChurnScan(ctx context.Context, client *ent.Client, asOf *time.Time, now time.Time) (*model.ChurnScanRequest, error) {
	v := viewer.FromContext(ctx)
	if !v.IsSystem() && !v.Has(viewer.RoleAdmin) {
		return nil, refusalError(ctx, &refusal.Error{Kind: refusal.Forbidden, Message: "only admins start churn scans"}, "")
	}
	at := now.UTC().Truncate(time.Minute)
	if asOf != nil {
		at = asOf.UTC().Truncate(time.Second)
		switch {
		case at.After(now.Add(churnScanFutureSlack)):
			return nil, refusalError(ctx, &refusal.Error{Kind: refusal.Invalid, Field: "asOf",
				Message: "must not lie in the future (by more than a minute)"}, "")
		case at.Before(churnScanEarliest):
			return nil, refusalError(ctx, &refusal.Error{Kind: refusal.Invalid, Field: "asOf",
				Message: "must be on or after 2000-01-01"}, "")
		}
	}
	args := jobargs.ChurnScan{AsOf: at, Reason: "on demand by " + v.Label}
	res, err := txn.InserterFromContext(ctx).Insert(ctx, args, nil)
	if err != nil {
		return nil, gradingError(ctx, fmt.Errorf("error enqueuing the churn scan as of %s: %w", at.Format(time.RFC3339), err), "")
	}
	if err := audit.Record(ctx, client, audit.Event{EntityType: "ChurnScan", EntityID: int(res.Job.ID), Action: "churn_scan.request",
		After: map[string]any{"as_of": at, "job_id": res.Job.ID, "duplicate": res.UniqueSkippedAsDuplicate}}); err != nil {
		return nil, err
	}
	return &model.ChurnScanRequest{AsOf: at, JobID: int(res.Job.ID), Duplicate: res.UniqueSkippedAsDuplicate}, nil
}
