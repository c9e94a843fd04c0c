package graph

import (
	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/alerts"
)

// alertText reads an optional text argument.
func alertText(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// alertWinBackInput reads startWinBack's optional input: none means the
// template on the default plan.
func alertWinBackInput(in *alerts.WinBackInput) alerts.WinBackInput {
	if in == nil {
		return alerts.WinBackInput{}
	}
	return *in
}

// alertSignals types an alert's signals JSON for the API.
func alertSignals(a *ent.ChurnAlert) []*alerts.Signal {
	parsed := alerts.ParseSignals(a.Signals)
	out := make([]*alerts.Signal, len(parsed))
	for i := range parsed {
		out[i] = &parsed[i]
	}
	return out
}
