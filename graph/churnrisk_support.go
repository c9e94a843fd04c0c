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
	"github.com/summitkam/summit/internal/churn"
	"github.com/summitkam/summit/internal/churnscan"
)

// churnRiskOf assesses a with model, from the facts of its page.
func (r *Resolver) churnRiskOf(ctx context.Context, a *ent.Account) (*model.ChurnRisk, error) {
	facts, ok, err := churnFactsLoader.load(ctx, r.client(ctx), a.ID)
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
