package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/summitkam/summit/internal/pgembed"
)

// An API-only `summit serve` enqueues a review cycle; a separate `summit
// work` node runs it; SIGTERM stops the worker cleanly.
func TestE2EWorkerNode(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	external, err := pgembed.Start(ctx, pgembed.Config{
		DataDir: filepath.Join(traversableTempDir(t), "external"), Throwaway: true, RemoveDataDirOnStop: true,
	})
	require.NoError(t, err)
	t.Cleanup(func() { _ = external.Stop(context.Background()) })
	env := []string{"DATABASE_URL=" + external.URL(), "SUMMIT_DATA_DIR=" + filepath.Join(t.TempDir(), "unused"),
		"SUMMIT_LOG_LEVEL=info", "SUMMIT_API_ONLY=true", "SUMMIT_REVIEW_SCHEDULE=off"}

	token, _ := summitCommand(t, env, "token", "create", "--role", "EXECUTIVE", "--name", "e2e-review", "--expires", "1d")
	r := startSummit(t, env, "--demo-accounts", "120")
	r.useToken(strings.TrimSpace(token))

	res := r.graphql(t, `{ gradingModels(first: 1, where: {key: "computer_maker_scorecard"}) { edges { node { versions { id status } } } } }`)
	require.Empty(t, res.Errors)
	versions := res.Data["gradingModels"].(map[string]any)["edges"].([]any)[0].(map[string]any)["node"].(map[string]any)["versions"].([]any)
	version := versions[0].(map[string]any)
	require.Equal(t, "PUBLISHED", version["status"], "serve installs the presets")

	res = r.graphql(t, fmt.Sprintf(`mutation { startReviewCycle(scope: ALL, modelVersionID: %q, name: "e2e") { id status } }`, version["id"]))
	require.Empty(t, res.Errors)
	cycle := res.Data["startReviewCycle"].(map[string]any)
	require.Equal(t, "RUNNING", cycle["status"])

	// Nothing works the job until a worker node starts.
	time.Sleep(time.Second)
	status := func() string {
		res := r.graphql(t, fmt.Sprintf(`{ node(id: %q) { ... on ReviewCycle { status progress { done total } } } }`, cycle["id"]))
		require.Empty(t, res.Errors)
		return res.Data["node"].(map[string]any)["status"].(string)
	}
	require.Equal(t, "RUNNING", status(), "an API-only serve runs no jobs")

	worker := exec.Command(summitBinary(t), "work")
	worker.Env = append(os.Environ(), env...)
	out := &lockedBuffer{}
	worker.Stdout, worker.Stderr = out, out
	require.NoError(t, worker.Start())
	done := make(chan error, 1)
	go func() { done <- worker.Wait() }()
	t.Cleanup(func() {
		if worker.ProcessState == nil {
			_ = worker.Process.Kill()
			t.Logf("worker killed: %v", <-done)
		}
	})
	deadline := time.Now().Add(90 * time.Second)
	for status() != "IN_REVIEW" {
		require.True(t, time.Now().Before(deadline), "the worker did not compute the cycle:\n%s", out.String())
		time.Sleep(200 * time.Millisecond)
	}

	require.NoError(t, worker.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-done:
		require.NoError(t, err, "summit work should exit cleanly on SIGTERM:\n%s", out.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("summit work did not stop within 60s:\n%s", out.String())
	}
	require.Contains(t, out.String(), "workers stopped")
	r.stop(t, syscall.SIGINT)
}
