package imports

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/viewer"
)

// Handler serves the import API (docs/api/imports.md) on a mux behind the
// login middleware (session with the CSRF header, or a bearer token):
//
//	POST /api/imports?kind=orders            upload (multipart "file", or the raw body with ?filename=)
//	GET  /api/imports/{id}                   status, progress, counts, first issues
//	PUT  /api/imports/{id}/mapping           {"columns": {"field": "header"}}
//	POST /api/imports/{id}/dry-run           queue a dry run
//	POST /api/imports/{id}/commit?mode=…     queue the commit (ALL_OR_NOTHING or VALID_ROWS)
//	GET  /api/imports/{id}/report.csv        every issue, UTF-8 CSV with BOM
//	GET  /api/import-templates/{kind}?format=csv|xlsx&lang=zh|en
//	POST /api/feeds/{kind}                   ERP feed: CSV or NDJSON body, committed at once (VALID_ROWS)
func Handler(s *Service, jobs *river.Client[pgx.Tx]) http.Handler {
	h := &handler{s: s, jobs: jobs}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/imports", h.upload)
	mux.HandleFunc("GET /api/import-templates/{kind}", h.template)
	mux.HandleFunc("GET /api/imports/{id}", h.status)
	mux.HandleFunc("PUT /api/imports/{id}/mapping", h.mapping)
	mux.HandleFunc("POST /api/imports/{id}/dry-run", h.start(true))
	mux.HandleFunc("POST /api/imports/{id}/commit", h.start(false))
	mux.HandleFunc("GET /api/imports/{id}/report.csv", h.report)
	mux.HandleFunc("POST /api/feeds/{kind}", h.feed)
	return mux
}

type handler struct {
	s    *Service
	jobs *river.Client[pgx.Tx]
}

// WriteError answers err as {"errors":[{"message","extensions":{"code"}}]}
// with the codes of the GraphQL API.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	var ref *refusal.Error
	status, code, msg := http.StatusInternalServerError, "INTERNAL", "internal server error"
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &ref):
		msg = ref.Message
		switch ref.Kind {
		case refusal.Invalid:
			status, code = http.StatusBadRequest, "BAD_USER_INPUT"
		case refusal.NotFound:
			status, code = http.StatusNotFound, "NOT_FOUND"
		case refusal.Conflict:
			status, code = http.StatusConflict, "CONFLICT"
		case refusal.Forbidden:
			status, code = http.StatusForbidden, "FORBIDDEN"
		}
	case errors.As(err, &maxErr):
		status, code, msg = http.StatusRequestEntityTooLarge, "BAD_USER_INPUT", "the file is too large"
	}
	writeJSON(w, status, map[string]any{"errors": []any{map[string]any{"message": msg, "extensions": map[string]any{"code": code}}}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (h *handler) id(r *http.Request) (int, error) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil || id <= 0 {
		return 0, &refusal.Error{Kind: refusal.NotFound, Field: "id", Message: "no such import"}
	}
	return id, nil
}

// body returns the uploaded file and its name: the multipart field "file"
// (streamed, never held in memory whole), or the raw body.
func (h *handler) body(r *http.Request) (io.Reader, string, string, error) {
	ct, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "multipart/form-data" {
		mr, err := r.MultipartReader()
		if err != nil {
			return nil, "", "", &refusal.Error{Kind: refusal.Invalid, Field: "file", Message: "malformed multipart body"}
		}
		kind := ""
		for {
			part, err := mr.NextPart()
			if err != nil {
				return nil, "", "", &refusal.Error{Kind: refusal.Invalid, Field: "file", Message: "the form has no file field"}
			}
			switch part.FormName() {
			case "kind":
				b, _ := io.ReadAll(io.LimitReader(part, 64))
				kind = string(b)
			case "file":
				return part, part.FileName(), kind, nil
			}
		}
	}
	_ = params
	name := r.URL.Query().Get("filename")
	if name == "" {
		name = r.Header.Get("X-File-Name")
		if dec, err := url.QueryUnescape(name); err == nil {
			name = dec
		}
	}
	return r.Body, name, "", nil
}

func (h *handler) upload(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, h.s.MaxFileBytes+1<<20)
	body, name, formKind, err := h.body(r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	kind := r.URL.Query().Get("kind")
	if kind == "" {
		kind = formKind
	}
	up, err := h.s.Create(r.Context(), viewer.FromContext(r.Context()), kind, name, body)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, up)
}

func (h *handler) status(w http.ResponseWriter, r *http.Request) {
	id, err := h.id(r)
	if err == nil {
		var st *Status
		if st, err = h.s.Status(r.Context(), viewer.FromContext(r.Context()), id); err == nil {
			var issues []Issue
			if issues, err = h.s.Issues(r.Context(), viewer.FromContext(r.Context()), id, 100); err == nil {
				if issues == nil {
					issues = []Issue{}
				}
				writeJSON(w, http.StatusOK, map[string]any{"import": st, "issues": issues})
				return
			}
		}
	}
	WriteError(w, r, err)
}

func (h *handler) mapping(w http.ResponseWriter, r *http.Request) {
	id, err := h.id(r)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	var in struct {
		Columns map[string]string `json:"columns"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&in); err != nil {
		WriteError(w, r, &refusal.Error{Kind: refusal.Invalid, Field: "columns", Message: "the body must be {\"columns\": {\"field\": \"header\"}}"})
		return
	}
	up, err := h.s.SetMapping(r.Context(), viewer.FromContext(r.Context()), id, in.Columns)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, up)
}

func (h *handler) start(dryRun bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := h.id(r)
		if err == nil {
			v := viewer.FromContext(r.Context())
			if err = h.s.Start(r.Context(), h.jobs, v, id, dryRun, strings.ToUpper(r.URL.Query().Get("mode"))); err == nil {
				var st *Status
				if st, err = h.s.Status(r.Context(), v, id); err == nil {
					writeJSON(w, http.StatusAccepted, map[string]any{"import": st})
					return
				}
			}
		}
		WriteError(w, r, err)
	}
}

func (h *handler) report(w http.ResponseWriter, r *http.Request) {
	id, err := h.id(r)
	if err == nil {
		_, err = h.s.Status(r.Context(), viewer.FromContext(r.Context()), id)
	}
	if err != nil {
		WriteError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="import-%d-report.csv"`, id))
	_, _ = io.WriteString(w, utf8BOM)
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"行号 Row", "列 Column", "值 Value", "问题 Message"})
	n := 0
	err = h.s.EachIssue(r.Context(), viewer.FromContext(r.Context()), id, 0, func(is Issue) error {
		n++
		if n%1000 == 0 {
			cw.Flush()
		}
		return cw.Write([]string{strconv.Itoa(is.Row), is.Column, is.Value, is.Message})
	})
	cw.Flush()
	if err != nil {
		h.s.Logger.ErrorContext(r.Context(), "error streaming an import report", "import", id, "error", err)
	}
}

func (h *handler) template(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("kind")
	format := CSV
	if strings.HasSuffix(name, ".xlsx") || strings.EqualFold(r.URL.Query().Get("format"), "xlsx") {
		format = XLSX
	}
	name = strings.TrimSuffix(strings.TrimSuffix(name, ".xlsx"), ".csv")
	k, ok := LookupKind(name)
	if !ok {
		WriteError(w, r, &refusal.Error{Kind: refusal.NotFound, Field: "kind", Message: fmt.Sprintf("unknown kind %q (one of %s)", name, strings.Join(KindNames(), ", "))})
		return
	}
	lang := r.URL.Query().Get("lang")
	if lang != "en" {
		lang = "zh"
	}
	ext, ct := "csv", "text/csv; charset=utf-8"
	if format == XLSX {
		ext, ct = "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s.%s"; filename*=UTF-8''%s.%s`, k.Name, lang, ext, url.PathEscape(map[bool]string{true: k.EN, false: k.ZH}[lang == "en"]), ext))
	if err := WriteTemplate(w, k, format, lang); err != nil {
		h.s.Logger.ErrorContext(r.Context(), "error writing a template", "kind", k.Name, "error", err)
	}
}

// FeedResult answers an ERP feed.
type FeedResult struct {
	ImportID int     `json:"importId"`
	Status   string  `json:"status"`
	Counts   Counts  `json:"counts"`
	Refused  []Issue `json:"refused"`
	Error    string  `json:"error,omitempty"`
}

// Feed stores body (CSV, or NDJSON when ndjson) as an import of kind and
// commits it at once, in this goroutine, in VALID_ROWS mode: the ERP job
// gets its counts and refused rows in the response. Idempotent by external
// id, like every import.
func (s *Service) Feed(ctx context.Context, v *viewer.Viewer, kindName, name string, body io.Reader, ndjson bool) (*FeedResult, error) {
	k, ok := LookupKind(kindName)
	if !ok {
		return nil, &refusal.Error{Kind: refusal.NotFound, Field: "kind", Message: fmt.Sprintf("unknown kind %q (one of %s)", kindName, strings.Join(KindNames(), ", "))}
	}
	if ndjson {
		body = NDJSONToCSV(k, body)
	}
	up, err := s.Create(ctx, v, k.Name, name, body)
	if err != nil {
		var ref *refusal.Error
		if !errors.As(err, &ref) && strings.Contains(err.Error(), "line ") {
			return nil, &refusal.Error{Kind: refusal.Invalid, Field: "body", Message: err.Error()}
		}
		return nil, err
	}
	if len(up.Unmapped) > 0 {
		return nil, &refusal.Error{Kind: refusal.Invalid, Field: "body", Message: "the feed has no column for " + strings.Join(up.Unmapped, ", ")}
	}
	if err := s.Start(ctx, nil, v, up.ID, false, ValidRows); err != nil {
		return nil, err
	}
	if err := s.Run(ctx, up.ID); err != nil {
		return nil, err
	}
	st, err := s.Status(ctx, v, up.ID)
	if err != nil {
		return nil, err
	}
	issues, err := s.Issues(ctx, v, up.ID, 10000)
	if err != nil {
		return nil, err
	}
	if issues == nil {
		issues = []Issue{}
	}
	if ndjson {
		// Row 1 of the converted file is its header: report NDJSON lines.
		for i := range issues {
			issues[i].Row--
		}
	}
	return &FeedResult{ImportID: up.ID, Status: st.Status, Counts: st.Counts, Refused: issues, Error: st.Error}, nil
}

func (h *handler) feed(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, h.s.MaxFileBytes)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	ndjson := ct == "application/x-ndjson" || ct == "application/ndjson" || ct == "application/jsonl"
	name := "feed.csv"
	if ndjson {
		name = "feed.ndjson"
	}
	res, err := h.s.Feed(r.Context(), viewer.FromContext(r.Context()), r.PathValue("kind"), name, r.Body, ndjson)
	if err != nil {
		WriteError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}
