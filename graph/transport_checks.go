// The request checks of /graphql's HTTP side (transport.go): document
// bounds, parameter decoding, content negotiation and request-level errors.

package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/parser"
)

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
