package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/parser"
)

// The HTTP side of /graphql follows the GraphQL-over-HTTP specification
// (https://graphql.github.io/graphql-over-http/draft/). It sits in front of
// gqlgen and does what must happen before a document is parsed and
// validated: bound its size (validation is quadratic in the number of
// fields, so an unbounded document is a denial of service), decode the
// request strictly, refuse what is not GraphQL with a clear code, and pick
// the status code the client's Accept header asks for.

// Media types.
const (
	mediaGraphQLResponse = "application/graphql-response+json"
	mediaJSON            = "application/json"
)

// Request-level error codes (extensions.code) answered before GraphQL runs.
const (
	CodeBadRequest       = "BAD_REQUEST"
	CodePayloadTooLarge  = "PAYLOAD_TOO_LARGE"
	CodeDocumentTooLarge = "DOCUMENT_TOO_LARGE"
	CodeMethodNotAllowed = "METHOD_NOT_ALLOWED"
	CodeNotAcceptable    = "NOT_ACCEPTABLE"
	CodeUnsupportedMedia = "UNSUPPORTED_MEDIA_TYPE"
)

// DocumentLimits bound a GraphQL document before it is parsed or validated.
type DocumentLimits struct {
	// MaxBodyBytes caps a POST body. Defaults to 1 MiB.
	MaxBodyBytes int64
	// MaxQueryBytes caps the query text. Defaults to 64 KiB.
	MaxQueryBytes int
	// MaxTokens caps the lexical tokens of the query. Defaults to 5,000.
	MaxTokens int
	// MaxSelections caps the fields, fragment spreads and inline fragments
	// written in the document (fragments counted once). Validation compares
	// fields pairwise, so this bounds its cost. Defaults to 500.
	MaxSelections int
}

// WithDefaults returns l with zero fields set to their defaults.
func (l DocumentLimits) WithDefaults() DocumentLimits {
	if l.MaxBodyBytes == 0 {
		l.MaxBodyBytes = 1 << 20
	}
	if l.MaxQueryBytes == 0 {
		l.MaxQueryBytes = 64 << 10
	}
	if l.MaxTokens == 0 {
		l.MaxTokens = 5000
	}
	if l.MaxSelections == 0 {
		l.MaxSelections = 500
	}
	return l
}

// requestParams is the GraphQL-over-HTTP request. Strict types: a batch
// (array) or a query that is not a string is refused at decoding.
type requestParams struct {
	Query         string          `json:"query"`
	OperationName string          `json:"operationName"`
	Variables     json.RawMessage `json:"variables"`
	Extensions    json.RawMessage `json:"extensions"`
}

type httpFront struct {
	next   http.Handler
	limits DocumentLimits
}

func (h httpFront) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	media, ok := negotiate(r.Header.Get("Accept"))
	if !ok {
		writeRequestError(w, mediaJSON, http.StatusNotAcceptable, CodeNotAcceptable,
			"Accept must allow "+mediaGraphQLResponse+" or "+mediaJSON)
		return
	}
	var params requestParams
	switch r.Method {
	case http.MethodPost:
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if ct != mediaJSON {
			writeRequestError(w, media, http.StatusUnsupportedMediaType, CodeUnsupportedMedia, "Content-Type must be "+mediaJSON)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.limits.MaxBodyBytes))
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				writeRequestError(w, media, http.StatusRequestEntityTooLarge, CodePayloadTooLarge,
					fmt.Sprintf("request body exceeds %d bytes", tooLarge.Limit))
				return
			}
			writeRequestError(w, media, http.StatusBadRequest, CodeBadRequest, "cannot read the request body")
			return
		}
		if err := decodeParams(body, &params); err != nil {
			writeRequestError(w, media, http.StatusBadRequest, CodeBadRequest, err.Error())
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
	case http.MethodGet:
		q := r.URL.Query()
		params.Query = q.Get("query")
		params.OperationName = q.Get("operationName")
		for name, dst := range map[string]*json.RawMessage{"variables": &params.Variables, "extensions": &params.Extensions} {
			if raw := q.Get(name); raw != "" {
				if !isJSONObject([]byte(raw)) {
					writeRequestError(w, media, http.StatusBadRequest, CodeBadRequest, name+" must be a JSON object")
					return
				}
				*dst = json.RawMessage(raw)
			}
		}
	default:
		w.Header().Set("Allow", "GET, POST")
		writeRequestError(w, media, http.StatusMethodNotAllowed, CodeMethodNotAllowed, "use POST, or GET for queries")
		return
	}
	if params.Query == "" && len(params.Extensions) == 0 {
		writeRequestError(w, media, http.StatusBadRequest, CodeBadRequest, "query is required")
		return
	}
	if params.Query != "" {
		doc, status, code, msg := h.checkDocument(params.Query)
		if code != "" {
			writeRequestError(w, media, status, code, msg)
			return
		}
		if r.Method == http.MethodGet && doc != nil && !onlyQueries(doc, params.OperationName) {
			// A GET never changes anything: a link or an image tag must not be
			// able to run a mutation.
			w.Header().Set("Allow", "POST")
			writeRequestError(w, media, http.StatusMethodNotAllowed, CodeMethodNotAllowed, "mutations must use POST")
			return
		}
	}
	if r.Method == http.MethodGet && len(params.Extensions) > 0 && params.Query == "" {
		// A persisted-query lookup by hash alone cannot be told apart from a
		// mutation before it runs: GET needs the query text.
		w.Header().Set("Allow", "POST")
		writeRequestError(w, media, http.StatusMethodNotAllowed, CodeMethodNotAllowed, "a GET request must carry the query")
		return
	}
	if err := r.Context().Err(); err != nil {
		return // the deadline passed while reading: nothing more to do
	}
	// gqlgen answers application/json; the status and content type are
	// decided here from what it wrote.
	r.Header.Set("Accept", mediaJSON)
	rec := &bufferedResponse{header: http.Header{}}
	h.next.ServeHTTP(rec, r)
	status := http.StatusOK
	body := rec.body.Bytes()
	if media == mediaGraphQLResponse {
		if errs, ok := requestError(body); ok {
			// A request error (parse, validation, limits): the operation
			// never ran, so no data entry, and a 4xx.
			status = http.StatusBadRequest
			body, _ = json.Marshal(map[string]json.RawMessage{"errors": errs})
		}
	}
	if rec.status >= 500 {
		status = rec.status
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// checkDocument bounds the query text, its tokens and its selections before
// gqlgen parses and validates it. It returns the parsed document when it
// parses (nil when it does not: gqlgen then reports the syntax error).
func (h httpFront) checkDocument(query string) (*ast.QueryDocument, int, string, string) {
	if len(query) > h.limits.MaxQueryBytes {
		return nil, http.StatusRequestEntityTooLarge, CodeDocumentTooLarge,
			fmt.Sprintf("query is %d bytes; at most %d", len(query), h.limits.MaxQueryBytes)
	}
	lex := lexer.New(&ast.Source{Input: query})
	for n := 0; ; n++ {
		tok, err := lex.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			break
		}
		if n >= h.limits.MaxTokens {
			return nil, http.StatusRequestEntityTooLarge, CodeDocumentTooLarge,
				fmt.Sprintf("query has more than %d tokens", h.limits.MaxTokens)
		}
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return nil, 0, "", ""
	}
	if n := countSelections(doc); n > h.limits.MaxSelections {
		return nil, http.StatusRequestEntityTooLarge, CodeDocumentTooLarge,
			fmt.Sprintf("query has %d selections; at most %d", n, h.limits.MaxSelections)
	}
	return doc, 0, "", ""
}

func countSelections(doc *ast.QueryDocument) int {
	n := 0
	var visit func(ast.SelectionSet)
	visit = func(set ast.SelectionSet) {
		for _, sel := range set {
			n++
			switch s := sel.(type) {
			case *ast.Field:
				visit(s.SelectionSet)
			case *ast.InlineFragment:
				visit(s.SelectionSet)
			}
		}
	}
	for _, op := range doc.Operations {
		visit(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		visit(f.SelectionSet)
	}
	return n
}

// onlyQueries reports whether the operation a GET would run is a query.
func onlyQueries(doc *ast.QueryDocument, name string) bool {
	for _, op := range doc.Operations {
		if (name == "" || op.Name == name) && op.Operation != ast.Query {
			return false
		}
	}
	return true
}

func decodeParams(body []byte, p *requestParams) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(p); err != nil {
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr) && typeErr.Field == "":
			return errors.New("the body must be one JSON object (batches are not supported)")
		case errors.As(err, &typeErr):
			return fmt.Errorf("%s must be a JSON %s", typeErr.Field, map[string]string{
				"query": "string", "operationName": "string"}[typeErr.Field])
		default:
			return errors.New("the body is not valid JSON")
		}
	}
	if dec.More() {
		return errors.New("the body must be one JSON object")
	}
	for name, raw := range map[string]json.RawMessage{"variables": p.Variables, "extensions": p.Extensions} {
		if len(raw) == 0 || string(raw) == "null" {
			continue
		}
		if !isJSONObject(raw) {
			return fmt.Errorf("%s must be a JSON object", name)
		}
	}
	return nil
}

// negotiate picks the response media type from Accept: the GraphQL
// response type when the client lists it first or alone, else
// application/json (also for a missing Accept, as the specification asks
// for legacy clients). ok is false when Accept allows neither.
func negotiate(accept string) (string, bool) {
	if strings.TrimSpace(accept) == "" {
		return mediaJSON, true
	}
	best, bestQ := "", -1.0
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := params["q"]; ok {
			if f, err := strconv.ParseFloat(s, 64); err == nil {
				q = f
			}
		}
		var candidate string
		switch mt {
		case mediaGraphQLResponse:
			candidate = mediaGraphQLResponse
		case mediaJSON, "application/*", "*/*":
			candidate = mediaJSON
		default:
			continue
		}
		if q > 0 && q > bestQ {
			best, bestQ = candidate, q
		}
	}
	return best, best != ""
}

// requestError reports whether a GraphQL response is a request error: no
// data (gqlgen writes "data": null) and errors none of which has a path —
// an execution error always names the field it happened at. It returns
// the errors.
func requestError(body []byte) (json.RawMessage, bool) {
	var resp struct {
		Data   json.RawMessage
		Errors json.RawMessage
	}
	if json.Unmarshal(body, &resp) != nil {
		return nil, false
	}
	if len(resp.Data) > 0 && string(resp.Data) != "null" {
		return nil, false
	}
	var errs []struct {
		Path json.RawMessage `json:"path"`
	}
	if json.Unmarshal(resp.Errors, &errs) != nil || len(errs) == 0 {
		return nil, false
	}
	for _, e := range errs {
		if len(e.Path) > 0 {
			return nil, false
		}
	}
	return resp.Errors, true
}

func writeRequestError(w http.ResponseWriter, media string, status int, code, message string) {
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": message, "extensions": map[string]any{"code": code}}},
	})
}

// bufferedResponse keeps gqlgen's answer so the status can be chosen after.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }
func (b *bufferedResponse) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }

// isJSONObject reports whether raw is one JSON object. Numbers are kept as
// written (1e400 is a valid JSON number; its type is judged later).
func isJSONObject(raw []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var obj map[string]any
	return dec.Decode(&obj) == nil && !dec.More() && obj != nil
}
