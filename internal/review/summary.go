package review

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/internal/database"
	"github.com/summitkam/summit/internal/grading"
	"github.com/summitkam/summit/internal/refusal"
)

// Unclassified names "no class" in Summary.Movers.
const Unclassified = "NONE"

// Summary is a cycle's progress and what its proposals would do; it is
// computed from the results written so far, so it is right at any moment of
// a running cycle, and stored in review_cycles.stats once computed.
type Summary struct {
	// Total is the accounts in scope when the cycle was planned (the
	// results written once it is computed); Done the results written.
	Total int `json:"total"`
	Done  int `json:"done"`
	// Chunks and ChunksDone are the chunk jobs planned and finished.
	Chunks     int `json:"chunks"`
	ChunksDone int `json:"chunks_done"`
	// ByClass counts proposed classes, every class present.
	ByClass map[string]int `json:"by_class"`
	// ByStatus counts results per status (PROPOSED, PENDING_APPROVAL …).
	ByStatus        map[string]int `json:"by_status"`
	Upgrades        int            `json:"upgrades"`
	Downgrades      int            `json:"downgrades"`
	Unchanged       int            `json:"unchanged"`
	NewlyClassified int            `json:"newly_classified"`
	// Movers[previous][proposed] counts results; previous is Unclassified
	// for accounts without a class.
	Movers map[string]map[string]int `json:"movers"`
}

func newSummary() Summary {
	s := Summary{ByClass: map[string]int{}, ByStatus: map[string]int{}, Movers: map[string]map[string]int{}}
	for _, c := range grading.Classes() {
		s.ByClass[string(c)] = 0
	}
	return s
}

func (s *Summary) add(previous, proposed, status string, n int) {
	s.Done += n
	s.ByClass[proposed] += n
	s.ByStatus[status] += n
	from := previous
	if from == "" {
		from = Unclassified
	}
	if s.Movers[from] == nil {
		s.Movers[from] = map[string]int{}
	}
	s.Movers[from][proposed] += n
	switch {
	case previous == "":
		s.NewlyClassified += n
	case grading.Class(proposed).Compare(grading.Class(previous)) > 0:
		s.Upgrades += n
	case grading.Class(proposed).Compare(grading.Class(previous)) < 0:
		s.Downgrades += n
	default:
		s.Unchanged += n
	}
}

const (
	summaryCycleSQL = `
		SELECT total_accounts, coalesce((stats->>'chunks')::int, 0), coalesce(jsonb_array_length(stats->'done'), 0)
		FROM review_cycles WHERE id = $1`
	summaryResultsSQL = `
		SELECT coalesce(previous_class, ''), proposed_class, status, count(*)
		FROM review_results WHERE cycle_id = $1
		GROUP BY 1, 2, 3`
)

func summarize(ctx context.Context, q database.Querier, cycleID int) (Summary, error) {
	s := newSummary()
	if err := q.QueryRow(ctx, summaryCycleSQL, cycleID).Scan(&s.Total, &s.Chunks, &s.ChunksDone); err != nil {
		return s, fmt.Errorf("error summarizing review cycle %d: %w", cycleID, err)
	}
	rows, err := q.Query(ctx, summaryResultsSQL, cycleID)
	if err != nil {
		return s, fmt.Errorf("error summarizing review cycle %d: %w", cycleID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var previous, proposed, status string
		var n int
		if err := rows.Scan(&previous, &proposed, &status, &n); err != nil {
			return s, fmt.Errorf("error summarizing review cycle %d: %w", cycleID, err)
		}
		s.add(previous, proposed, status, n)
	}
	return s, rows.Err()
}

// Summarize returns a cycle's progress and summary, through client (the API
// side). The counts are over every account of the cycle whoever asks: the
// cycle is readable by all staff, its results row by row only as their
// accounts are.
func Summarize(ctx context.Context, client *ent.Client, cycleID int) (Summary, error) {
	s := newSummary()
	rows, err := client.QueryContext(ctx, summaryCycleSQL, cycleID)
	if err != nil {
		return s, fmt.Errorf("error summarizing review cycle %d: %w", cycleID, err)
	}
	found := rows.Next()
	if found {
		err = rows.Scan(&s.Total, &s.Chunks, &s.ChunksDone)
	}
	if cerr := closeRows(rows); err == nil {
		err = cerr
	}
	if err != nil {
		return s, fmt.Errorf("error summarizing review cycle %d: %w", cycleID, err)
	}
	if !found {
		return s, refusal.NotFoundf("id", "review cycle %d not found", cycleID)
	}
	rows, err = client.QueryContext(ctx, summaryResultsSQL, cycleID)
	if err != nil {
		return s, fmt.Errorf("error summarizing review cycle %d: %w", cycleID, err)
	}
	for rows.Next() {
		var previous, proposed, status string
		var n int
		if err = rows.Scan(&previous, &proposed, &status, &n); err != nil {
			break
		}
		s.add(previous, proposed, status, n)
	}
	if cerr := closeRows(rows); err == nil {
		err = cerr
	}
	if err != nil {
		return s, fmt.Errorf("error summarizing review cycle %d: %w", cycleID, err)
	}
	return s, nil
}

func closeRows(rows *sql.Rows) error {
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	return rows.Close()
}
