package alerts

import (
	"encoding/json"

	"github.com/summitkam/summit/internal/churn"
)

// Signal is one fired signal of an alert, as the API shows it: the stored
// churn.FiredSignal with its labels.
type Signal struct {
	Code      string
	Label     string
	LabelZh   string
	Severity  string
	Value     float64
	Threshold float64
	Unit      string
	Points    int
	Detail    string
	DetailZh  string
}

// ParseSignals reads an alert's signals JSON: a list of churn.FiredSignal,
// or an object holding that list as "fired" (the shape of a churn
// explanation). Anything else reads as no signals, so one odd row never
// breaks a page of alerts.
func ParseSignals(raw []byte) []Signal {
	var fired []churn.FiredSignal
	if err := json.Unmarshal(raw, &fired); err != nil {
		var wrapped struct {
			Fired []churn.FiredSignal `json:"fired"`
		}
		if json.Unmarshal(raw, &wrapped) != nil {
			return []Signal{}
		}
		fired = wrapped.Fired
	}
	out := make([]Signal, 0, len(fired))
	for _, f := range fired {
		if f.Code == "" {
			continue
		}
		out = append(out, Signal{
			Code: string(f.Code), Label: f.Code.Label(), LabelZh: f.Code.LabelZH(),
			Severity: string(f.Severity), Value: f.Value, Threshold: f.Threshold, Unit: string(f.Unit),
			Points: f.Points, Detail: f.Detail, DetailZh: f.DetailZH,
		})
	}
	return out
}

// SignalCodes returns the codes of signals.
func SignalCodes(signals []Signal) []string {
	codes := make([]string, len(signals))
	for i, s := range signals {
		codes[i] = s.Code
	}
	return codes
}
