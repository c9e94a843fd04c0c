package graph

import (
	"errors"

	"github.com/summitkam/summit/graph/model"
	"github.com/summitkam/summit/internal/imports"
)

// errImportsUnavailable: the handler was built without a pool (tests of
// the schema alone).
var errImportsUnavailable = errors.New("imports are not available on this server")

func importIssues(issues []imports.Issue) []*model.ImportIssue {
	out := make([]*model.ImportIssue, len(issues))
	for i, is := range issues {
		m := &model.ImportIssue{Row: is.Row, Message: is.Message}
		if is.Column != "" {
			m.Column = &is.Column
		}
		if is.Value != "" {
			m.Value = &is.Value
		}
		out[i] = m
	}
	return out
}
