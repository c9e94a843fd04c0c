package workers

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"github.com/summitkam/summit/internal/imports"
)

// DataImportWorker runs an import's dry run or commit (internal/imports).
// A commit killed mid-file resumes after its last committed batch; the
// import acts with the rights of the person who uploaded it, stored with it.
// It runs under SUMMIT_JOB_TIMEOUT like every job (a million-row file takes
// a minute or two); a run cut short resumes, or starts over having written
// nothing, and an advisory lock keeps a rescued job from running beside a
// live one.
type DataImportWorker struct {
	river.WorkerDefaults[imports.RunArgs]
	Imports *imports.Service
}

// Work implements river.Worker.
func (w *DataImportWorker) Work(ctx context.Context, job *river.Job[imports.RunArgs]) error {
	err := w.Imports.Run(ctx, job.Args.ImportID)
	if errors.Is(err, imports.ErrBusy) {
		return river.JobSnooze(30 * time.Second)
	}
	return err
}
