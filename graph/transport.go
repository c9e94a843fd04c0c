package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
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
