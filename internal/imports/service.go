package imports

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/summitkam/summit/ent/account"
	"github.com/summitkam/summit/ent/rule"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// Statuses of an import.
const (
	StatusUploaded   = "UPLOADED"
	StatusValidating = "VALIDATING"
	StatusValidated  = "VALIDATED"
	StatusCommitting = "COMMITTING"
	StatusCommitted  = "COMMITTED"
	StatusFailed     = "FAILED"
)

// Modes of a commit.
const (
	// AllOrNothing commits nothing when any row is refused.
	AllOrNothing = "ALL_OR_NOTHING"
	// ValidRows commits the rows that pass and reports the others.
	ValidRows = "VALID_ROWS"
)

// Service runs imports.
type Service struct {
	Pool *pgxpool.Pool
	// Location is the business time zone: a complaint's bare date is its
	// midnight there. Defaults to Asia/Shanghai.
	Location *time.Location
	// BatchSize is the rows checked and written per statement batch (and,
	// for VALID_ROWS commits, per transaction). Defaults to 10,000.
	BatchSize int
	// MaxFileBytes caps an upload. Defaults to 512 MiB.
	MaxFileBytes int64
	// TempDir holds files being read. Defaults to os.TempDir().
	TempDir string
	// BatchPause is slept after each batch. Defaults to 0.
	BatchPause time.Duration
	Logger     *slog.Logger
	// afterBatch is a test hook, called after each committed batch.
	afterBatch func(rowsDone int)
}

// WithDefaults returns s with zero fields set to their defaults.
func (s Service) WithDefaults() *Service {
	if s.Location == nil {
		loc, err := time.LoadLocation("Asia/Shanghai")
		if err != nil {
			loc = time.FixedZone("CST", 8*3600)
		}
		s.Location = loc
	}
	if s.BatchSize <= 0 {
		s.BatchSize = 10000
	}
	if s.MaxFileBytes <= 0 {
		s.MaxFileBytes = 512 << 20
	}
	if s.TempDir == "" {
		s.TempDir = os.TempDir()
	}
	if s.Logger == nil {
		s.Logger = slog.New(slog.DiscardHandler)
	}
	return &s
}

// actor is the importing viewer as stored with the import: the commit job
// acts with exactly these rights.
type actor struct {
	Kind    viewer.Kind   `json:"kind"`
	UserID  int           `json:"userId,omitempty"`
	Label   string        `json:"label"`
	Roles   []viewer.Role `json:"roles"`
	Regions []string      `json:"regions,omitempty"`
}

func (a actor) viewer() *viewer.Viewer {
	return &viewer.Viewer{Kind: a.Kind, UserID: a.UserID, Label: a.Label, Roles: a.Roles, Regions: a.Regions}
}

// mayImport: who may bring data in at all (row rules then narrow it).
func mayImport(v *viewer.Viewer) error {
	if v == nil {
		return &refusal.Error{Kind: refusal.Forbidden, Message: "sign in to import"}
	}
	if v.IsSystem() || v.HasAny(viewer.RoleAdmin, viewer.RoleKeyAccountManager, viewer.RoleMember, viewer.RolePartnerManager, viewer.RoleExecutive) {
		return nil
	}
	return &refusal.Error{Kind: refusal.Forbidden, Message: "your role may not import data"}
}

// Upload is what the mapping step shows.
type Upload struct {
	ID       int        `json:"id"`
	Kind     string     `json:"kind"`
	Format   Format     `json:"format"`
	Encoding string     `json:"encoding,omitempty"`
	Mapping  *Mapping   `json:"mapping"`
	Fields   []Field    `json:"fields"`
	Preview  [][]string `json:"preview"`
	// Unmapped lists required fields without a column: map them before the
	// dry run.
	Unmapped []string `json:"unmapped"`
}

// Field describes a kind's column for the mapping step.
type Field struct {
	Key      string `json:"key"`
	ZH       string `json:"zh"`
	EN       string `json:"en"`
	Type     string `json:"type"`
	Required bool   `json:"required"`
	// Column is the file's header mapped to the field, "" when none.
	Column string `json:"column"`
	Hint   string `json:"hint,omitempty"`
}

func fieldsOf(k *Kind, m *Mapping) []Field {
	out := make([]Field, len(k.Columns))
	for i, c := range k.Columns {
		out[i] = Field{Key: c.Key, ZH: c.ZH, EN: c.EN, Type: string(c.Type), Required: c.Required, Column: m.header(i), Hint: c.Hint}
	}
	return out
}

// Create stores an uploaded file as a new import of kind: it reads the
// headers, suggests a mapping and keeps the file in the database (1 MiB
// chunks) for the dry run and commit jobs, whichever node runs them.
func (s *Service) Create(ctx context.Context, v *viewer.Viewer, kindName, fileName string, body io.Reader) (*Upload, error) {
	if err := mayImport(v); err != nil {
		return nil, err
	}
	kind, ok := LookupKind(kindName)
	if !ok {
		return nil, &refusal.Error{Kind: refusal.Invalid, Field: "kind", Message: fmt.Sprintf("unknown kind %q (one of %s)", kindName, strings.Join(KindNames(), ", "))}
	}
	tmp, err := os.CreateTemp(s.TempDir, "summit-import-*")
	if err != nil {
		return nil, fmt.Errorf("error creating a temporary file: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	h := sha256.New()
	size, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(body, s.MaxFileBytes+1))
	if err != nil {
		var maxErr interface{ Error() string }
		if errors.As(err, &maxErr) && strings.Contains(err.Error(), "too large") {
			return nil, &refusal.Error{Kind: refusal.Invalid, Field: "file", Message: "the file is too large"}
		}
		return nil, fmt.Errorf("error receiving the file: %w", err)
	}
	if size > s.MaxFileBytes {
		return nil, &refusal.Error{Kind: refusal.Invalid, Field: "file", Message: fmt.Sprintf("the file is larger than %d MiB", s.MaxFileBytes>>20)}
	}
	if size == 0 {
		return nil, &refusal.Error{Kind: refusal.Invalid, Field: "file", Message: "the file is empty"}
	}
	up, err := s.inspect(kind, tmp.Name())
	if err != nil {
		return nil, err
	}
	up.Kind = kind.Name
	a := actor{Kind: v.Kind, UserID: v.UserID, Label: v.Label, Roles: v.Roles, Regions: v.Regions}
	actorJSON, _ := json.Marshal(a)
	mappingJSON, _ := json.Marshal(up.Mapping)
	previewJSON, _ := json.Marshal(up.Preview)
	var createdBy *int
	if v.UserID != 0 {
		createdBy = &v.UserID
	}
	name := filepath.Base(strings.ReplaceAll(fileName, "\\", "/"))
	if name == "." || name == "/" || name == "" {
		name = "upload"
	}
	if len([]rune(name)) > 300 {
		name = string([]rune(name)[:300])
	}
	err = pgx.BeginFunc(ctx, s.Pool, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `
			INSERT INTO data_imports (created_at, updated_at, kind, file_name, format, encoding, file_size, file_sha256, status, mode,
				mapping, preview, dry_run, total_rows, rows_done, created_count, updated_count, unchanged_count, refused_count,
				created_by_id, created_by_label, actor)
			VALUES (now(), now(), $1, $2, $3, nullif($4, ''), $5, $6, 'UPLOADED', 'ALL_OR_NOTHING', $7, $8, false, 0, 0, 0, 0, 0, 0, $9, $10, $11)
			RETURNING id`,
			kind.Name, name, string(up.Format), up.Encoding, size, hex.EncodeToString(h.Sum(nil)), mappingJSON, previewJSON,
			createdBy, v.Label, actorJSON).Scan(&up.ID)
		if err != nil {
			return fmt.Errorf("error recording the import: %w", err)
		}
		if _, err := tmp.Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("error rereading the upload: %w", err)
		}
		buf := make([]byte, 1<<20)
		for seq := 0; ; seq++ {
			n, rerr := io.ReadFull(tmp, buf)
			if n > 0 {
				if _, err := tx.Exec(ctx, `INSERT INTO data_import_chunks (import_id, seq, data) VALUES ($1, $2, $3)`, up.ID, seq, buf[:n]); err != nil {
					return fmt.Errorf("error storing the upload: %w", err)
				}
			}
			if errors.Is(rerr, io.EOF) || errors.Is(rerr, io.ErrUnexpectedEOF) {
				return nil
			}
			if rerr != nil {
				return fmt.Errorf("error rereading the upload: %w", rerr)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return up, nil
}

// inspect finds the header row and suggests a mapping.
func (s *Service) inspect(kind *Kind, path string) (*Upload, error) {
	rows, format, err := OpenFile(path)
	if err != nil {
		return nil, &refusal.Error{Kind: refusal.Invalid, Field: "file", Message: err.Error()}
	}
	defer func() { _ = rows.Close() }()
	headers, headerRow, preview, err := kind.FindHeader(rows, 5)
	if err != nil {
		return nil, &refusal.Error{Kind: refusal.Invalid, Field: "file", Message: err.Error()}
	}
	m := kind.SuggestMapping(headers, headerRow)
	up := &Upload{Format: format, Mapping: m, Fields: fieldsOf(kind, m), Preview: preview, Unmapped: kind.Unmapped(m)}
	if c, ok := rows.(*csvRows); ok {
		up.Encoding = c.Encoding
	}
	if up.Preview == nil {
		up.Preview = [][]string{}
	}
	return up, nil
}

// importRow is the stored state of an import.
type importRow struct {
	ID        int
	Kind      *Kind
	FileName  string
	Status    string
	Mode      string
	DryRun    bool
	Mapping   *Mapping
	RowsDone  int
	CreatedBy *int
	Actor     actor
	Counts    Counts
}

// Counts are an import's outcome by row.
type Counts struct {
	Total     int `json:"total"`
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Refused   int `json:"refused"`
}

func (s *Service) load(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}, id int, lock bool) (*importRow, error) {
	var r importRow
	var kind string
	var mapping, act []byte
	query := `SELECT id, kind, file_name, status, mode, dry_run, mapping, rows_done, created_by_id, actor,
		total_rows, created_count, updated_count, unchanged_count, refused_count FROM data_imports WHERE id = $1`
	if lock {
		query += " FOR UPDATE"
	}
	err := q.QueryRow(ctx, query, id).Scan(&r.ID, &kind, &r.FileName, &r.Status, &r.Mode, &r.DryRun, &mapping, &r.RowsDone, &r.CreatedBy, &act,
		&r.Counts.Total, &r.Counts.Created, &r.Counts.Updated, &r.Counts.Unchanged, &r.Counts.Refused)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, &refusal.Error{Kind: refusal.NotFound, Field: "id", Message: fmt.Sprintf("no import %d", id)}
	}
	if err != nil {
		return nil, fmt.Errorf("error loading import %d: %w", id, err)
	}
	var ok bool
	if r.Kind, ok = LookupKind(kind); !ok {
		return nil, fmt.Errorf("import %d has unknown kind %q", id, kind)
	}
	if err := json.Unmarshal(mapping, &r.Mapping); err != nil {
		return nil, fmt.Errorf("error reading the mapping of import %d: %w", id, err)
	}
	if err := json.Unmarshal(act, &r.Actor); err != nil {
		return nil, fmt.Errorf("error reading the actor of import %d: %w", id, err)
	}
	return &r, nil
}

// mayAccess: an import is its creator's; admins see all.
func mayAccess(v *viewer.Viewer, r *importRow) error {
	if v.IsSystem() || v.Has(viewer.RoleAdmin) {
		return nil
	}
	if r.CreatedBy != nil && v.UserID != 0 && *r.CreatedBy == v.UserID {
		return nil
	}
	if r.CreatedBy == nil && v.Kind == viewer.KindServiceToken && v.Label == r.Actor.Label {
		return nil
	}
	return &refusal.Error{Kind: refusal.NotFound, Field: "id", Message: fmt.Sprintf("no import %d", r.ID)}
}

// SetMapping replaces the column mapping: for each field key, the file's
// header (as written) that holds it; fields left out are unmapped.
func (s *Service) SetMapping(ctx context.Context, v *viewer.Viewer, id int, columns map[string]string) (*Upload, error) {
	var up *Upload
	err := pgx.BeginFunc(ctx, s.Pool, func(tx pgx.Tx) error {
		r, err := s.load(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if err := mayAccess(v, r); err != nil {
			return err
		}
		if r.Status != StatusUploaded && r.Status != StatusValidated && r.Status != StatusFailed {
			return &refusal.Error{Kind: refusal.Conflict, Field: "id", Message: "the import is running or committed; its mapping is fixed"}
		}
		m := &Mapping{Headers: r.Mapping.Headers, HeaderRow: r.Mapping.HeaderRow, Source: make([]int, len(r.Kind.Columns))}
		for i := range m.Source {
			m.Source[i] = -1
		}
		used := map[int]string{}
		for key, header := range columns {
			ci := -1
			for i, c := range r.Kind.Columns {
				if c.Key == key {
					ci = i
				}
			}
			if ci < 0 {
				return &refusal.Error{Kind: refusal.Invalid, Field: "mapping", Message: fmt.Sprintf("%s has no field %q", r.Kind.Name, key)}
			}
			if header == "" {
				continue
			}
			hi := -1
			for j, h := range m.Headers {
				if h == header || normHeader(h) == normHeader(header) {
					hi = j
					break
				}
			}
			if hi < 0 {
				return &refusal.Error{Kind: refusal.Invalid, Field: "mapping", Message: fmt.Sprintf("the file has no column %q", header)}
			}
			if other, dup := used[hi]; dup {
				return &refusal.Error{Kind: refusal.Invalid, Field: "mapping", Message: fmt.Sprintf("column %q is mapped to both %s and %s", header, other, key)}
			}
			used[hi] = key
			m.Source[ci] = hi
		}
		raw, _ := json.Marshal(m)
		if _, err := tx.Exec(ctx, `UPDATE data_imports SET mapping = $2, status = 'UPLOADED', updated_at = now() WHERE id = $1`, id, raw); err != nil {
			return fmt.Errorf("error saving the mapping of import %d: %w", id, err)
		}
		up = &Upload{ID: id, Kind: r.Kind.Name, Mapping: m, Fields: fieldsOf(r.Kind, m), Unmapped: r.Kind.Unmapped(m)}
		return nil
	})
	return up, err
}

// Start queues a dry run (dryRun) or a commit in mode of import id, in one
// transaction with the job that runs it; with jobs nil it only marks the
// import for a Run the caller makes itself.
func (s *Service) Start(ctx context.Context, jobs *river.Client[pgx.Tx], v *viewer.Viewer, id int, dryRun bool, mode string) error {
	if mode == "" {
		mode = AllOrNothing
	}
	if mode != AllOrNothing && mode != ValidRows {
		return &refusal.Error{Kind: refusal.Invalid, Field: "mode", Message: "mode is ALL_OR_NOTHING or VALID_ROWS"}
	}
	return pgx.BeginFunc(ctx, s.Pool, func(tx pgx.Tx) error {
		r, err := s.load(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if err := mayAccess(v, r); err != nil {
			return err
		}
		switch r.Status {
		case StatusValidating, StatusCommitting:
			return &refusal.Error{Kind: refusal.Conflict, Field: "id", Message: "the import is already running"}
		case StatusCommitted:
			return &refusal.Error{Kind: refusal.Conflict, Field: "id", Message: "the import is committed; upload the file again to re-import it"}
		}
		if missing := r.Kind.Unmapped(r.Mapping); len(missing) > 0 {
			return &refusal.Error{Kind: refusal.Invalid, Field: "mapping", Message: "map a column to " + strings.Join(missing, ", ")}
		}
		status := StatusCommitting
		if dryRun {
			status = StatusValidating
		}
		if _, err := tx.Exec(ctx, `
			UPDATE data_imports SET status = $2, dry_run = $3, mode = $4, rows_done = 0, created_count = 0, updated_count = 0,
				unchanged_count = 0, refused_count = 0, error = NULL, finished_at = NULL, updated_at = now()
			WHERE id = $1`, id, status, dryRun, mode); err != nil {
			return fmt.Errorf("error starting import %d: %w", id, err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM data_import_issues WHERE import_id = $1`, id); err != nil {
			return fmt.Errorf("error clearing the report of import %d: %w", id, err)
		}
		if jobs == nil {
			return nil // the caller runs it (Feed, the CLI)
		}
		if _, err := jobs.InsertTx(ctx, tx, RunArgs{ImportID: id}, nil); err != nil {
			return fmt.Errorf("error queueing import %d: %w", id, err)
		}
		return nil
	})
}

// RunArgs is the River job that runs an import's dry run or commit.
type RunArgs struct {
	ImportID int `json:"import_id"`
}

// Kind implements river.JobArgs.
func (RunArgs) Kind() string { return "data_import_run" }

// InsertOpts gives imports a queue of their own, so a large import does not hold up the
// default queue's scheduling jobs.
func (RunArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: Queue, MaxAttempts: 10} }

// Queue is the River queue imports run on.
const Queue = "imports"

// editableSQL returns the statement creating import_editable, the accounts
// v may change (the same predicate as ent's row rules), and false when v may
// change all accounts.
func editableSQL(v *viewer.Viewer, kind *Kind) (string, []any, bool) {
	p, restricted := rule.EditableAccounts(v)
	if !restricted {
		return "", nil, false
	}
	if kind.Name == KindDistributorProfile && v.Has(viewer.RolePartnerManager) {
		if pp, r := rule.PartnerAccounts(v); r {
			p = account.Or(p, pp)
		} else {
			return "", nil, false
		}
	}
	sel := entsql.Dialect(dialect.Postgres).Select(account.FieldID).From(entsql.Table(account.Table))
	p(sel)
	q, args := sel.Query()
	return "CREATE TEMP TABLE import_editable ON COMMIT DROP AS " + q, args, true
}

// Status is an import as the API shows it.
type Status struct {
	ID       int    `json:"id"`
	Kind     string `json:"kind"`
	FileName string `json:"fileName"`
	Status   string `json:"status"`
	Mode     string `json:"mode"`
	DryRun   bool   `json:"dryRun"`
	RowsDone int    `json:"rowsDone"`
	Counts   Counts `json:"counts"`
	Error    string `json:"error,omitempty"`
}

// Status returns import id as v may see it.
func (s *Service) Status(ctx context.Context, v *viewer.Viewer, id int) (*Status, error) {
	r, err := s.load(ctx, s.Pool, id, false)
	if err != nil {
		return nil, err
	}
	if err := mayAccess(v, r); err != nil {
		return nil, err
	}
	st := &Status{ID: r.ID, Kind: r.Kind.Name, FileName: r.FileName, Status: r.Status, Mode: r.Mode, DryRun: r.DryRun, RowsDone: r.RowsDone, Counts: r.Counts}
	var msg *string
	if err := s.Pool.QueryRow(ctx, `SELECT error FROM data_imports WHERE id = $1`, id).Scan(&msg); err != nil {
		return nil, fmt.Errorf("error loading import %d: %w", id, err)
	}
	if msg != nil {
		st.Error = *msg
	}
	return st, nil
}

// Issues returns up to limit issues of import id in row order.
func (s *Service) Issues(ctx context.Context, v *viewer.Viewer, id, limit int) ([]Issue, error) {
	var out []Issue
	err := s.EachIssue(ctx, v, id, limit, func(is Issue) error { out = append(out, is); return nil })
	return out, err
}

// EachIssue calls fn for up to limit issues (0: all) of import id in row
// order, streaming them (a report can have a million rows).
func (s *Service) EachIssue(ctx context.Context, v *viewer.Viewer, id, limit int, fn func(Issue) error) error {
	r, err := s.load(ctx, s.Pool, id, false)
	if err != nil {
		return err
	}
	if err := mayAccess(v, r); err != nil {
		return err
	}
	q := `SELECT row_no, coalesce(column_name, ''), coalesce(value, ''), message FROM data_import_issues WHERE import_id = $1 ORDER BY row_no, id`
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := s.Pool.Query(ctx, q, id)
	if err != nil {
		return fmt.Errorf("error reading the report of import %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var is Issue
		if err := rows.Scan(&is.Row, &is.Column, &is.Value, &is.Message); err != nil {
			return fmt.Errorf("error reading the report of import %d: %w", id, err)
		}
		if err := fn(is); err != nil {
			return err
		}
	}
	return rows.Err()
}
