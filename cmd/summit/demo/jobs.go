package demo

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/summitkam/summit/internal/jobargs"
)

// chunkJobs stands in for River when the story plans a review cycle: the
// review service's planner hands it the chunk jobs, and the story works them
// at once, in order, with the same worker code (review.Service.RunChunk).
// Nothing reaches River's queue, so no worker picks them up a second time.
type chunkJobs struct {
	chunks []jobargs.ReviewChunk
}

func (c *chunkJobs) InsertManyTx(_ context.Context, _ pgx.Tx, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error) {
	out := make([]*rivertype.JobInsertResult, len(params))
	for i, p := range params {
		if chunk, ok := p.Args.(jobargs.ReviewChunk); ok {
			c.chunks = append(c.chunks, chunk)
		}
		out[i] = &rivertype.JobInsertResult{Job: &rivertype.JobRow{Kind: p.Args.Kind()}}
	}
	return out, nil
}
