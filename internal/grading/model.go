package grading

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// Kind names a grading model kind; it is stored with the model's config.
type Kind string

// Model kinds.
const (
	KindWeightedScorecard     Kind = "weighted_scorecard"
	KindInfluenceVolumeMatrix Kind = "influence_volume_matrix"
	KindValueMatrix           Kind = "value_matrix"
	KindPyramid               Kind = "pyramid"
	KindRFM                   Kind = "rfm"
	KindSingleFactor          Kind = "single_factor"
	KindTieredLadder          Kind = "tiered_ladder"
	KindProspectClose         Kind = "prospect_close"
	KindRules                 Kind = "rules"
)

// Kinds returns every model kind in a stable order.
func Kinds() []Kind {
	return []Kind{
		KindWeightedScorecard,
		KindInfluenceVolumeMatrix,
		KindValueMatrix,
		KindPyramid,
		KindRFM,
		KindSingleFactor,
		KindTieredLadder,
		KindProspectClose,
		KindRules,
	}
}

// ParseKind returns an error for anything but an exact kind name.
func ParseKind(s string) (Kind, error) {
	kind := Kind(s)
	if _, err := NewConfig(kind); err != nil {
		return "", err
	}
	return kind, nil
}

// LabelZH is the zh-CN UI label of the kind.
func (k Kind) LabelZH() string {
	switch k {
	case KindWeightedScorecard:
		return "加权评分卡"
	case KindInfluenceVolumeMatrix:
		return "影响力-业务量矩阵"
	case KindValueMatrix:
		return "当前价值-潜在价值矩阵"
	case KindPyramid:
		return "客户金字塔"
	case KindRFM:
		return "RFM 模型"
	case KindSingleFactor:
		return "单因素加权"
	case KindTieredLadder:
		return "累计消费阶梯"
	case KindProspectClose:
		return "销售机会分级"
	case KindRules:
		return "条件规则"
	}
	return ""
}

// LabelEN is the English UI label of the kind.
func (k Kind) LabelEN() string {
	switch k {
	case KindWeightedScorecard:
		return "Weighted scorecard"
	case KindInfluenceVolumeMatrix:
		return "Influence × volume matrix"
	case KindValueMatrix:
		return "Current × potential value matrix"
	case KindPyramid:
		return "Customer pyramid"
	case KindRFM:
		return "RFM"
	case KindSingleFactor:
		return "Single factor (multi-year blend)"
	case KindTieredLadder:
		return "Tiered ladder"
	case KindProspectClose:
		return "Prospect grading by expected close"
	case KindRules:
		return "Either-or rules"
	}
	return ""
}

// IsPopulationRelative reports whether the kind grades an account against
// the rest of the population (pyramid, rfm). Other kinds give the same result
// for an account whatever else is evaluated with it, so a caller may evaluate
// a very large scope in chunks to bound memory; relative kinds must see the
// whole scope in one call.
func (k Kind) IsPopulationRelative() bool {
	return k == KindPyramid || k == KindRFM
}

// Model is a compiled, validated grading model. Implementations are immutable
// and safe for concurrent use.
type Model interface {
	// Kind is the model's kind.
	Kind() Kind
	// Levels lists every native level the model can produce, best first.
	Levels() []string
	// Evaluate grades every account of the population as of asOf.
	// results[i] belongs to population[i]. Relative kinds (pyramid, rfm)
	// rank accounts against this population, so pass the whole scope of a
	// review, not a page of it (see Kind.IsPopulationRelative). Ranking
	// sorts once, O(n log n); everything else is linear and spread over the
	// available CPUs for large populations.
	Evaluate(asOf time.Time, population []Metrics) ([]Result, error)
}

// Result is one account's grade.
type Result struct {
	AccountID int64 `json:"account_id"`
	// Level is the model's native level, e.g. "diamond", "2", "champions".
	Level string `json:"level"`
	// Class is Level mapped through the config's class_mapping.
	Class Class `json:"class"`
	// Score is meaningful only when HasScore: the scorecard total (0–100),
	// the single-factor blend or ladder value, the pyramid's ranking value,
	// or the RFM sum R+F+M (3–15). Matrices and prospect grading have none.
	Score       float64     `json:"score"`
	HasScore    bool        `json:"has_score"`
	Explanation Explanation `json:"explanation"`
}

// Config is a model kind's JSON configuration.
type Config interface {
	// Kind is the model kind the config configures.
	Kind() Kind
	// Validate returns a *ValidationError listing every problem with its
	// field path, or nil.
	Validate() error
	// Compile validates the config and builds the Model.
	Compile() (Model, error)
}

// NewConfig returns an empty config of the kind, for decoding into.
func NewConfig(kind Kind) (Config, error) {
	switch kind {
	case KindWeightedScorecard:
		return &WeightedScorecardConfig{}, nil
	case KindInfluenceVolumeMatrix:
		return &InfluenceVolumeMatrixConfig{}, nil
	case KindValueMatrix:
		return &ValueMatrixConfig{}, nil
	case KindPyramid:
		return &PyramidConfig{}, nil
	case KindRFM:
		return &RFMConfig{}, nil
	case KindSingleFactor:
		return &SingleFactorConfig{}, nil
	case KindTieredLadder:
		return &TieredLadderConfig{}, nil
	case KindProspectClose:
		return &ProspectCloseConfig{}, nil
	case KindRules:
		return &RulesConfig{}, nil
	}
	return nil, fmt.Errorf("unknown model kind %q", kind)
}

// DecodeConfig strictly decodes raw into the kind's config and validates it.
// Unknown fields and trailing data are errors: a misspelt key would
// otherwise be silently ignored and the model would grade with a default
// the admin never chose.
func DecodeConfig(kind Kind, raw json.RawMessage) (Config, error) {
	cfg, err := NewConfig(kind)
	if err != nil {
		return nil, fmt.Errorf("decode config: %w", err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, fmt.Errorf("decode %s config: empty config", kind)
	}
	decoder := json.NewDecoder(bytes.NewReader(raw))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(cfg); err != nil {
		return nil, fmt.Errorf("decode %s config: %w", kind, err)
	}
	if _, err := decoder.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("decode %s config: unexpected data after the config object", kind)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// ParseModel decodes, validates and compiles a stored model config.
func ParseModel(kind Kind, raw json.RawMessage) (Model, error) {
	cfg, err := DecodeConfig(kind, raw)
	if err != nil {
		return nil, fmt.Errorf("parse model: %w", err)
	}
	model, err := cfg.Compile()
	if err != nil {
		return nil, fmt.Errorf("parse model: %w", err)
	}
	return model, nil
}
