package imports

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Run performs the queued dry run or commit of import id (the body of the
// River job, and of `summit import`). It is idempotent: a finished import is
// left alone, an interrupted VALID_ROWS commit resumes after its last
// committed batch, and an interrupted single-transaction run (dry run, all or
// nothing) starts over, having written nothing.
func (s *Service) Run(ctx context.Context, id int) error {
	r, err := s.load(ctx, s.Pool, id, false)
	if err != nil {
		return err
	}
	if r.Status != StatusValidating && r.Status != StatusCommitting {
		return nil
	}
	// One run per import at a time: a job rescued while its first run is
	// still alive (River retries jobs running past a deadline) waits. The
	// lock is the session's, so a killed worker releases it.
	lockConn, err := s.Pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("error acquiring a connection for import %d: %w", id, err)
	}
	defer lockConn.Release()
	var locked bool
	if err := lockConn.QueryRow(ctx, `SELECT pg_try_advisory_lock(hashtextextended('summit.data_import:' || $1::bigint::text, 0))`, id).Scan(&locked); err != nil {
		return fmt.Errorf("error locking import %d: %w", id, err)
	}
	if !locked {
		return ErrBusy
	}
	defer func() {
		_, _ = lockConn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(hashtextextended('summit.data_import:' || $1::bigint::text, 0))`, id)
	}()
	if r, err = s.load(ctx, s.Pool, id, false); err != nil {
		return err
	}
	if r.Status != StatusValidating && r.Status != StatusCommitting {
		return nil
	}
	path, err := s.materialize(ctx, id)
	if err != nil {
		return err
	}
	defer os.Remove(path)
	rows, _, err := OpenFile(path)
	if err != nil {
		return s.fail(ctx, id, fmt.Sprintf("the file cannot be read: %v", err))
	}
	defer func() { _ = rows.Close() }()

	run := &runner{s: s, r: r, rows: rows, seen: map[uint64]int32{}, single: r.DryRun || r.Mode == AllOrNothing}
	return run.do(ctx)
}

// ErrBusy means another run of the import holds it; try again later.
var ErrBusy = errors.New("imports: the import is being run elsewhere")

// materialize copies the stored upload to a temporary file.
func (s *Service) materialize(ctx context.Context, id int) (string, error) {
	f, err := os.CreateTemp(s.TempDir, "summit-import-*")
	if err != nil {
		return "", fmt.Errorf("error creating a temporary file: %w", err)
	}
	ok := false
	defer func() {
		_ = f.Close()
		if !ok {
			_ = os.Remove(f.Name())
		}
	}()
	rows, err := s.Pool.Query(ctx, `SELECT data FROM data_import_chunks WHERE import_id = $1 ORDER BY seq`, id)
	if err != nil {
		return "", fmt.Errorf("error reading the upload of import %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		raw := rows.RawValues()[0]
		if _, err := f.Write(raw); err != nil {
			return "", fmt.Errorf("error writing a temporary file: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("error reading the upload of import %d: %w", id, err)
	}
	ok = true
	return f.Name(), nil
}

// fail ends an import with a file-level error.
func (s *Service) fail(ctx context.Context, id int, msg string) error {
	_, err := s.Pool.Exec(ctx, `UPDATE data_imports SET status = 'FAILED', error = $2, finished_at = now(), updated_at = now() WHERE id = $1`, id, msg)
	if err != nil {
		return fmt.Errorf("error failing import %d: %w", id, err)
	}
	return nil
}

type runner struct {
	s      *Service
	r      *importRow
	rows   Rows
	single bool // one transaction for the whole file (dry run, all or nothing)
	seen   map[uint64]int32

	tx         pgx.Tx // the current transaction
	stageReady bool

	pending  []*Record
	issues   []Issue
	refused  map[int]bool // rows of the current batch with an issue
	dataRows int          // data rows read so far
	counts   Counts
}

func (run *runner) do(ctx context.Context) error {
	r := run.r
	resumeFrom := 0
	if run.single {
		// Nothing of an interrupted single-transaction run survived but
		// its issues and progress: start over.
		if _, err := run.s.Pool.Exec(ctx, `DELETE FROM data_import_issues WHERE import_id = $1`, r.ID); err != nil {
			return fmt.Errorf("error clearing the report of import %d: %w", r.ID, err)
		}
	} else {
		resumeFrom = r.RowsDone
		run.counts = r.Counts
	}
	if err := run.begin(ctx); err != nil {
		return err
	}
	defer func() {
		if run.tx != nil {
			_ = run.tx.Rollback(context.WithoutCancel(ctx))
		}
	}()

	for {
		rowNo, cells, err := run.rows.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if cells == nil && rowNo > 0 {
				// A malformed CSV record: refuse the row, read on.
				run.dataRows++
				if run.dataRows > resumeFrom {
					run.addIssue(Issue{Row: rowNo, Message: err.Error()})
				}
				continue
			}
			return run.abort(ctx, fmt.Sprintf("the file cannot be read: %v", err))
		}
		if rowNo <= r.Mapping.HeaderRow {
			continue
		}
		run.dataRows++
		rec := r.Kind.read(r.Mapping, rowNo, cells, run.s.Location)
		run.dedupe(rec)
		if run.dataRows <= resumeFrom {
			continue
		}
		if !rec.OK() {
			for _, is := range rec.Issues {
				run.addIssue(is)
			}
		} else {
			run.pending = append(run.pending, rec)
		}
		if len(run.pending) >= run.s.BatchSize {
			if err := run.flush(ctx); err != nil {
				return err
			}
		}
	}
	if err := run.flush(ctx); err != nil {
		return err
	}
	return run.finish(ctx)
}

// dedupe refuses a second row with the key of an earlier one: within a file
// each order (account, contact …) appears once. Keys are kept as 64-bit
// hashes so a million rows cost a few tens of MB.
func (run *runner) dedupe(rec *Record) {
	if !rec.OK() || run.r.Kind.keyOf == nil {
		return
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte(run.r.Kind.keyOf(rec)))
	sum := h.Sum64()
	if first, dup := run.seen[sum]; dup {
		key := run.r.Kind.Columns[0].Key
		for _, k := range []string{"order_no", "external_id"} {
			if run.r.Kind.Column(k) != nil && rec.Has(k) {
				key = k
				break
			}
		}
		rec.fail(key, rec.raw(key), fmt.Sprintf("the same row as row %d: a file holds each record once", first))
		return
	}
	run.seen[sum] = int32(rec.Row)
}

func (run *runner) addIssue(is Issue) {
	if run.refused == nil {
		run.refused = map[int]bool{}
	}
	run.refused[is.Row] = true
	run.issues = append(run.issues, is)
}

func (run *runner) begin(ctx context.Context) error {
	tx, err := run.s.Pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return fmt.Errorf("error starting a transaction for import %d: %w", run.r.ID, err)
	}
	// A batch is a unit of resumption, not of durability: if PostgreSQL
	// itself crashes, a lost batch is lost together with its progress row,
	// and the commit resumes before it. Not waiting for the WAL flush at
	// each batch's commit saves a disk round trip per batch.
	//
	// A batch (at most BatchSize rows, indexed on its keys) joins tables
	// that grow to millions of rows. Hash and merge joins would read the
	// whole target table once per batch — quadratic over a large file, and
	// the planner picks them while a freshly filled table's statistics are
	// stale. Nested loops over the target's unique indexes cost the same
	// per row however large the table grows.
	//
	// The batch's statements are prepared once per connection and run once
	// per batch: from the sixth run on PostgreSQL may switch to a generic
	// plan that ignores the batch's actual codes (the account lookup then
	// took 11–14 s of a batch instead of 50 ms). Planning is cheap next to
	// a batch's work, so plan each run for its values.
	if _, err := tx.Exec(ctx, `SET LOCAL synchronous_commit = off; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off;
		SET LOCAL plan_cache_mode = force_custom_plan`); err != nil {
		_ = tx.Rollback(ctx)
		return fmt.Errorf("error starting a transaction for import %d: %w", run.r.ID, err)
	}
	run.tx = tx
	run.stageReady = false
	return nil
}

// prepare creates the staging table (and the viewer's editable accounts)
// in the current transaction, or empties it for the next batch.
func (run *runner) prepare(ctx context.Context) (bool, error) {
	v := run.r.Actor.viewer()
	q, args, restricted := editableSQL(v, run.r.Kind)
	if run.stageReady {
		_, err := run.tx.Exec(ctx, `TRUNCATE import_stage`)
		return restricted, err
	}
	var cols []string
	for _, c := range run.r.Kind.Columns {
		cols = append(cols, c.Key+" "+sqlType(c.Type))
	}
	ddl := `CREATE TEMP TABLE import_stage (row_no int NOT NULL, key text NOT NULL, account_id bigint, outcome text,
		owner_id bigint, category_id bigint, ` + strings.Join(cols, ", ") + `) ON COMMIT DROP`
	if _, err := run.tx.Exec(ctx, ddl); err != nil {
		return false, fmt.Errorf("error creating the staging table: %w", err)
	}
	// The keys the writers join the batch on.
	for _, col := range []string{"row_no", "key", "account_code", "order_no"} {
		if col == "order_no" && run.r.Kind.Column("order_no") == nil {
			continue
		}
		if _, err := run.tx.Exec(ctx, `CREATE INDEX ON import_stage (`+col+`)`); err != nil {
			return false, fmt.Errorf("error indexing the staging table: %w", err)
		}
	}
	if restricted {
		if _, err := run.tx.Exec(ctx, q, args...); err != nil {
			return false, fmt.Errorf("error listing the accounts the importer may change: %w", err)
		}
	}
	run.stageReady = true
	return restricted, nil
}

func sqlType(t ValueType) string {
	switch t {
	case Money, Integer:
		return "bigint"
	case Decimal:
		return "numeric"
	case Date:
		return "date"
	case Moment:
		return "timestamptz"
	case YesNo:
		return "boolean"
	}
	return "text"
}

// flush stages, checks and writes the pending rows, then records issues
// and progress; a VALID_ROWS run commits here.
func (run *runner) flush(ctx context.Context) error {
	r := run.r
	if len(run.pending) > 0 {
		phase := time.Now()
		lap := func(what string) {
			if debugTiming {
				fmt.Fprintf(os.Stderr, "%-28s %v\n", what, time.Since(phase))
				phase = time.Now()
			}
		}
		restricted, err := run.prepare(ctx)
		lap("prepare")
		if err != nil {
			return err
		}
		// The accounts the batch names, looked up in one indexed query and
		// staged with the rows (cheaper than updating every staged row).
		// Each code once, joined through the unique index on accounts.code:
		// "code = ANY($1)" with a batch's 10,000 codes let the planner scan
		// accounts and compare every row with every array element (5 s of
		// a 10,000-row batch over 2,000 accounts).
		ids := make(map[string]int64, 1024)
		codes := make([]string, 0, 1024)
		for _, rec := range run.pending {
			code := rec.Text("account_code")
			if _, dup := ids[code]; !dup {
				ids[code] = 0
				codes = append(codes, code)
			}
		}
		clear(ids)
		rows, err := run.tx.Query(ctx, `SELECT a.code, a.id FROM unnest($1::text[]) AS c(code) JOIN accounts a ON a.code = c.code`, codes)
		if err != nil {
			return fmt.Errorf("error resolving accounts of import %d: %w", r.ID, err)
		}
		for rows.Next() {
			var code string
			var id int64
			if err := rows.Scan(&code, &id); err != nil {
				rows.Close()
				return fmt.Errorf("error resolving accounts of import %d: %w", r.ID, err)
			}
			ids[code] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("error resolving accounts of import %d: %w", r.ID, err)
		}
		lap("accounts")
		names := []string{"row_no", "key", "account_id"}
		for _, c := range r.Kind.Columns {
			names = append(names, c.Key)
		}
		byRow := make(map[int]*Record, len(run.pending))
		src := make([][]any, len(run.pending))
		for i, rec := range run.pending {
			byRow[rec.Row] = rec
			vals := make([]any, 0, len(names))
			var accountID any
			if id, ok := ids[rec.Text("account_code")]; ok {
				accountID = id
			}
			vals = append(vals, int32(rec.Row), r.Kind.keyOf(rec), accountID)
			vals = append(vals, rec.values...)
			src[i] = vals
		}
		if _, err := run.tx.CopyFrom(ctx, pgx.Identifier{"import_stage"}, names, pgx.CopyFromRows(src)); err != nil {
			return fmt.Errorf("error staging rows of import %d: %w", r.ID, err)
		}
		// Temporary tables have no statistics until analysed; without them
		// the planner guesses and joins the batch badly.
		lap("copy")
		if _, err := run.tx.Exec(ctx, `ANALYZE import_stage`); err != nil {
			return fmt.Errorf("error staging rows of import %d: %w", r.ID, err)
		}
		lap("analyze")
		v := r.Actor.viewer()
		b := &batch{
			has: func(key string) bool {
				for _, rec := range run.pending {
					if rec.Has(key) {
						return true
					}
				}
				return false
			},
			tx: run.tx, stage: "import_stage", restricted: restricted, userID: v.UserID,
			canCreateAccounts: v.IsSystem() || v.HasAny("ADMIN", "EXECUTIVE", "KEY_ACCOUNT_MANAGER"),
			refuse: func(row int, key, msg string) {
				rec := byRow[row]
				if rec == nil {
					run.addIssue(Issue{Row: row, Column: key, Message: msg})
					return
				}
				before := len(rec.Issues)
				rec.Refuse(key, msg)
				for _, is := range rec.Issues[before:] {
					run.addIssue(is)
				}
			},
		}
		if err := r.Kind.writer.write(ctx, b); err != nil {
			return fmt.Errorf("import %d: %w", r.ID, err)
		}
		var created, updated, staged int
		if err := run.tx.QueryRow(ctx, `SELECT count(*) FILTER (WHERE outcome = 'C'), count(*) FILTER (WHERE outcome = 'U'), count(*) FROM import_stage`).
			Scan(&created, &updated, &staged); err != nil {
			return fmt.Errorf("error counting rows of import %d: %w", r.ID, err)
		}
		created += b.created
		updated += b.updated
		run.counts.Created += created
		run.counts.Updated += updated
		run.counts.Unchanged += staged - created - updated
	}
	run.counts.Refused += len(run.refused)
	run.counts.Total = run.dataRows
	// Issues of a single-transaction run are written outside it: they are
	// the report of a transaction that will roll back (dry run, refused
	// all-or-nothing commit).
	var issueTarget interface {
		CopyFrom(context.Context, pgx.Identifier, []string, pgx.CopyFromSource) (int64, error)
	} = run.tx
	if run.single {
		issueTarget = run.s.Pool
	}
	if len(run.issues) > 0 {
		src := make([][]any, len(run.issues))
		for i, is := range run.issues {
			src[i] = []any{r.ID, is.Row, nullable(is.Column), nullable(is.Value), is.Message}
		}
		if _, err := issueTarget.CopyFrom(ctx, pgx.Identifier{"data_import_issues"}, []string{"import_id", "row_no", "column_name", "value", "message"}, pgx.CopyFromRows(src)); err != nil {
			return fmt.Errorf("error recording the report of import %d: %w", r.ID, err)
		}
	}
	run.pending, run.issues, run.refused = run.pending[:0], run.issues[:0], nil
	progress := `UPDATE data_imports SET rows_done = $2, total_rows = $2, created_count = $3, updated_count = $4, unchanged_count = $5,
		refused_count = $6, updated_at = now() WHERE id = $1`
	args := []any{r.ID, run.dataRows, run.counts.Created, run.counts.Updated, run.counts.Unchanged, run.counts.Refused}
	if run.single {
		// Progress only, outside the transaction, so it shows while it runs.
		if _, err := run.s.Pool.Exec(ctx, `UPDATE data_imports SET rows_done = $2, updated_at = now() WHERE id = $1`, r.ID, run.dataRows); err != nil {
			return fmt.Errorf("error recording progress of import %d: %w", r.ID, err)
		}
		return nil
	}
	if _, err := run.tx.Exec(ctx, progress, args...); err != nil {
		return fmt.Errorf("error recording progress of import %d: %w", r.ID, err)
	}
	commitStart := time.Now()
	if err := run.tx.Commit(ctx); err != nil {
		return fmt.Errorf("error committing a batch of import %d: %w", r.ID, err)
	}
	if debugTiming {
		fmt.Fprintf(os.Stderr, "%-28s %v\n", "commit", time.Since(commitStart))
	}
	run.tx = nil
	if run.s.afterBatch != nil {
		run.s.afterBatch(run.dataRows)
	}
	if run.s.BatchPause > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(run.s.BatchPause):
		}
	}
	return run.begin(ctx)
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// abort ends the run with a file-level error; nothing of a single
// transaction is kept.
func (run *runner) abort(ctx context.Context, msg string) error {
	if run.tx != nil {
		_ = run.tx.Rollback(ctx)
		run.tx = nil
	}
	return run.s.fail(ctx, run.r.ID, msg)
}

// finish records the outcome; a commit writes its audit event in the
// transaction that makes it final.
func (run *runner) finish(ctx context.Context) error {
	r := run.r
	c := run.counts
	status, msg := StatusCommitted, ""
	switch {
	case r.DryRun:
		status = StatusValidated
	case r.Mode == AllOrNothing && c.Refused > 0:
		status = StatusFailed
		msg = fmt.Sprintf("%d of %d rows were refused; nothing was imported (all or nothing)", c.Refused, c.Total)
	}
	if status != StatusCommitted {
		// Dry run or refused: the writes roll back, the report stays.
		_ = run.tx.Rollback(ctx)
		run.tx = nil
		if status == StatusFailed {
			c.Created, c.Updated, c.Unchanged = 0, 0, 0
		}
		_, err := run.s.Pool.Exec(ctx, `
			UPDATE data_imports SET status = $2, error = nullif($3, ''), rows_done = $4, total_rows = $4, created_count = $5,
				updated_count = $6, unchanged_count = $7, refused_count = $8, finished_at = now(), updated_at = now()
			WHERE id = $1`, r.ID, status, msg, c.Total, c.Created, c.Updated, c.Unchanged, c.Refused)
		if err != nil {
			return fmt.Errorf("error finishing import %d: %w", r.ID, err)
		}
		return nil
	}
	tag, err := run.tx.Exec(ctx, `
		UPDATE data_imports SET status = 'COMMITTED', rows_done = $2, total_rows = $2, created_count = $3, updated_count = $4,
			unchanged_count = $5, refused_count = $6, finished_at = now(), updated_at = now()
		WHERE id = $1 AND status = 'COMMITTING'`, r.ID, c.Total, c.Created, c.Updated, c.Unchanged, c.Refused)
	if err != nil {
		return fmt.Errorf("error finishing import %d: %w", r.ID, err)
	}
	if tag.RowsAffected() == 0 {
		return nil // another run finished it
	}
	after, _ := json.Marshal(map[string]any{
		"kind": r.Kind.Name, "file": r.FileName, "mode": r.Mode,
		"rows": c.Total, "created": c.Created, "updated": c.Updated, "unchanged": c.Unchanged, "refused": c.Refused,
	})
	a := r.Actor
	var actorID *int
	if a.UserID != 0 {
		actorID = &a.UserID
	}
	if _, err := run.tx.Exec(ctx, `
		INSERT INTO audit_events (occurred_at, actor_kind, actor_id, actor_label, entity_type, entity_id, action, after, reason)
		VALUES ($1, $2, $3, $4, 'DataImport', $5, 'import.commit', $6, $7)`,
		time.Now(), string(a.Kind), actorID, a.Label, r.ID, after, "imported "+r.FileName); err != nil {
		return fmt.Errorf("error auditing import %d: %w", r.ID, err)
	}
	if err := run.tx.Commit(ctx); err != nil {
		return fmt.Errorf("error committing import %d: %w", r.ID, err)
	}
	run.tx = nil
	return nil
}
