package grading

import (
	"runtime"
	"sync"
)

// parallelThreshold is the population size below which evaluation stays on
// the calling goroutine: for a few thousand accounts, starting goroutines
// costs about what it saves.
const parallelThreshold = 8192

// forEachChunk calls fn over [0, n) split into contiguous chunks, one per
// available CPU. Each account's result depends only on its own metrics (and,
// for relative kinds, on rankings computed before), and each chunk writes
// only its own slots of preallocated slices, so the output is identical to a
// sequential run.
func forEachChunk(n int, fn func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	if n < parallelThreshold || workers < 2 {
		fn(0, n)
		return
	}
	chunk := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Go(func() { fn(lo, hi) })
	}
	wg.Wait()
}
