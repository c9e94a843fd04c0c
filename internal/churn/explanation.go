package churn

import (
	"fmt"
	"strings"
	"time"
)

// ExplanationSchemaVersion is bumped when Explanation's JSON shape changes
// incompatibly, so readers of old JSONB rows can tell the shapes apart.
const ExplanationSchemaVersion = 2

// ScoreFormula is how Score is computed, stated in every explanation so a
// stored alert stays understandable after the code changes.
const ScoreFormula = "score = min(100, sum over signal families of the points of the family's strongest fired signal); level = critical if a signal is critical and enough signal families fired, else by score bands"

// Explanation is why an account got its score and level: every fired
// signal with its value and threshold, every skipped signal with its
// reason, the bands applied and the inputs. It is stored as JSONB with the
// alert and shown in the UI, so it marshals cleanly: no NaN, and empty
// lists are [] rather than null.
type Explanation struct {
	SchemaVersion int             `json:"schema_version"`
	ConfigVersion string          `json:"config_version"`
	AccountID     string          `json:"account_id"`
	Class         Class           `json:"class"`
	AsOf          time.Time       `json:"as_of"`
	Score         int             `json:"score"`
	RawPoints     int             `json:"raw_points"`
	ScoreFormula  string          `json:"score_formula"`
	Level         Level           `json:"level"`
	LevelReason   LevelReason     `json:"level_reason"`
	Bands         LevelBands      `json:"bands"`
	Summary       string          `json:"summary"`
	SummaryZH     string          `json:"summary_zh"`
	Fired         []FiredSignal   `json:"fired"`
	Skipped       []SkippedSignal `json:"skipped"`
	Inputs        Facts           `json:"inputs"`
}

// Explanation builds the explanation of a.
func (a Assessment) Explanation() Explanation {
	e := Explanation{
		SchemaVersion: ExplanationSchemaVersion,
		ConfigVersion: a.ConfigVersion,
		AccountID:     a.AccountID,
		Class:         a.Class,
		AsOf:          a.AsOf,
		Score:         a.Score,
		RawPoints:     a.RawPoints,
		ScoreFormula:  ScoreFormula,
		Level:         a.Level,
		LevelReason:   a.LevelReason,
		Bands:         a.Bands,
		Fired:         append([]FiredSignal{}, a.Fired...),
		Skipped:       append([]SkippedSignal{}, a.Skipped...),
		Inputs:        a.Facts.sanitized(),
	}
	e.Summary, e.SummaryZH = a.summary()
	return e
}

// summary is the one line a notification or list shows.
func (a Assessment) summary() (string, string) {
	if len(a.Fired) == 0 {
		return fmt.Sprintf("Low churn risk (score %d): no signal fired", a.Score),
			fmt.Sprintf("流失风险低(%d 分):无预警信号", a.Score)
	}
	en := make([]string, len(a.Fired))
	zh := make([]string, len(a.Fired))
	for i, s := range a.Fired {
		en[i], zh[i] = s.Code.Label(), s.Code.LabelZH()
		if s.Severity == SeverityCritical {
			en[i] += " (critical)"
			zh[i] += "(严重)"
		}
	}
	return fmt.Sprintf("%s churn risk (score %d): %s", capitalize(levelLabel(a.Level)), a.Score, strings.Join(en, ", ")),
		fmt.Sprintf("流失风险%s(%d 分):%s", levelLabelZH(a.Level), a.Score, strings.Join(zh, "、"))
}

func levelLabel(l Level) string {
	if l.Valid() {
		return string(l)
	}
	return "unknown"
}

func levelLabelZH(l Level) string {
	switch l {
	case LevelLow:
		return "低"
	case LevelMedium:
		return "中"
	case LevelHigh:
		return "高"
	case LevelCritical:
		return "极高"
	}
	return "未知"
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
