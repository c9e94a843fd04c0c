package metrics

import (
	"context"
	"regexp"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// maxOperationNames bounds the operation label: names come from clients,
// so past this many distinct ones the rest count as "other".
const maxOperationNames = 500

var operationName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// GraphQL is a gqlgen extension that counts and times each operation by its
// name (graph.HandlerConfig.Extensions). Build it with Registry.GraphQL.
type GraphQL struct {
	r     *Registry
	mu    sync.Mutex
	names map[string]struct{}
}

var (
	_ graphql.HandlerExtension    = (*GraphQL)(nil)
	_ graphql.ResponseInterceptor = (*GraphQL)(nil)
)

// GraphQL returns the extension recording into r.
func (r *Registry) GraphQL() *GraphQL {
	return &GraphQL{r: r, names: map[string]struct{}{}}
}

// ExtensionName implements graphql.HandlerExtension.
func (*GraphQL) ExtensionName() string { return "Metrics" }

// Validate implements graphql.HandlerExtension.
func (*GraphQL) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse records the operation once its response is complete
// (errors are already presented, so each carries its extensions.code).
func (g *GraphQL) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if !graphql.HasOperationContext(ctx) {
		return resp
	}
	oc := graphql.GetOperationContext(ctx)
	name, kind := g.label(oc), "unknown"
	if oc.Operation != nil {
		kind = string(oc.Operation.Operation)
	}
	outcome := "ok"
	if resp != nil && len(resp.Errors) > 0 {
		outcome = "INTERNAL"
		if code, ok := resp.Errors[0].Extensions["code"].(string); ok {
			outcome = code
		}
	}
	g.r.gqlOperations.WithLabelValues(name, kind, outcome).Inc()
	start := oc.Stats.OperationStart
	if start.IsZero() {
		return resp
	}
	g.r.gqlDuration.WithLabelValues(name, kind).Observe(time.Since(start).Seconds())
	return resp
}

func (g *GraphQL) label(oc *graphql.OperationContext) string {
	name := oc.OperationName
	if name == "" && oc.Operation != nil {
		name = oc.Operation.Name
	}
	if name == "" {
		return "anonymous"
	}
	if !operationName.MatchString(name) {
		return "other"
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.names[name]; ok {
		return name
	}
	if len(g.names) >= maxOperationNames {
		return "other"
	}
	g.names[name] = struct{}{}
	return name
}
