package workers_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/summitkam/summit/workers"
)

// runWorkerUntilKilled is the body of a crash test's worker process: it
// works jobs with cfg on the database at url until the test kills it
// (SIGKILL, long before the two minutes are up). It returns the process's
// exit code: 2 when the worker cannot start, 3 when nobody killed it.
func runWorkerUntilKilled(name, url string, cfg workers.Config) int {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		return 2
	}
	client, err := workers.NewClient(pool, cfg)
	if err == nil {
		err = client.Start(ctx)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		return 2
	}
	time.Sleep(2 * time.Minute)
	return 3
}
