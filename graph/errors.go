package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/summitkam/summit/ent"
	"github.com/summitkam/summit/ent/privacy"
	"github.com/summitkam/summit/internal/refusal"
	"github.com/summitkam/summit/internal/txn"
	"github.com/summitkam/summit/internal/unavailable"
)

// Error codes in extensions.code; clients branch on these, never on messages.
const (
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeNotFound        = "NOT_FOUND"
	CodeConflict        = "CONFLICT"
	CodeForbidden       = "FORBIDDEN"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeInternal        = "INTERNAL"
	// CodeIntrospectionDisabled refuses __schema and __type in production.
	CodeIntrospectionDisabled = "INTROSPECTION_DISABLED"
	// CodeTimeout: the request ran past its deadline and was stopped.
	CodeTimeout = "TIMEOUT"
)

// RequestIDFunc returns the request id of ctx, for INTERNAL errors.
type RequestIDFunc func(context.Context) string

// errorPresenter gives every error an extensions.code. Errors it does not
// recognise become INTERNAL with a generic message: their text (SQL, driver
// details) goes to the log with the request id, never to the client.
func errorPresenter(logger *slog.Logger, requestID RequestIDFunc) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		if gqlErr.Extensions != nil {
			if _, ok := gqlErr.Extensions["code"]; ok {
				return gqlErr // already typed (validation, limits, resolvers)
			}
		}
		if r := refusal.As(err); r != nil {
			// A refusal returned as it is, without its resolver's field
			// prefix.
			var typed *gqlerror.Error
			if errors.As(refusalError(ctx, r, ""), &typed) {
				typed.Path = gqlErr.Path
				return typed
			}
		}
		if coerced, ok := argumentError(ctx, gqlErr, err); ok {
			return coerced
		}
		if unavailable.Database(err) {
			// A restart or failover, not a bug: the HTTP layer answers 503
			// and the client retries.
			unavailable.Mark(ctx)
			gqlErr.Message = unavailable.Message
			gqlErr.Extensions = map[string]any{"code": unavailable.Code, "retryable": true}
			return gqlErr
		}
		code, message := classify(err)
		if fc := graphql.GetFieldContext(ctx); fc != nil && (fc.Field.Name == "__schema" || fc.Field.Name == "__type") {
			code, message = CodeIntrospectionDisabled, "introspection is disabled in production"
		}
		if code == CodeInternal {
			id := requestID(ctx)
			logger.ErrorContext(ctx, "graphql internal error", "request_id", id, "path", gqlErr.Path.String(), "error", err)
			if message == "" {
				message = "internal error; quote request id " + id
			}
		}
		gqlErr.Message = message
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		gqlErr.Extensions["code"] = code
		return gqlErr
	}
}

// recoverFunc answers a resolver's panic as INTERNAL, quoting the request
// id, and logs the panic with its stack and the same id: a bug, which the
// caller can report and an operator can find. gqlgen's default prints to
// stderr, outside the log, and says "internal system error".
func recoverFunc(logger *slog.Logger, requestID RequestIDFunc) graphql.RecoverFunc {
	return func(ctx context.Context, v any) error {
		id := requestID(ctx)
		logger.ErrorContext(ctx, "graphql resolver panic", "request_id", id, "path", graphql.GetPath(ctx).String(),
			"panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		return &gqlerror.Error{Message: "internal error; quote request id " + id, Path: graphql.GetPath(ctx),
			Extensions: map[string]any{"code": CodeInternal}}
	}
}

func classify(err error) (code, message string) {
	var (
		gqlErr     *gqlerror.Error
		notFound   *ent.NotFoundError
		validation *ent.ValidationError
		constraint *ent.ConstraintError
		notSingle  *ent.NotSingularError
	)
	switch {
	case errors.Is(err, privacy.Deny):
		return CodeForbidden, "not allowed"
	case errors.As(err, &notFound):
		return CodeNotFound, "not found"
	case errors.As(err, &validation):
		return CodeBadUserInput, validation.Error()
	case errors.As(err, &constraint):
		return CodeConflict, "conflicts with existing data"
	case errors.As(err, &notSingle):
		return CodeConflict, "more than one match"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return CodeTimeout, "request timed out or was cancelled"
	case errors.Is(err, txn.ErrNoUnitOfWork):
		// A handler built without a pool: a configuration fault worth
		// naming, not a secret.
		return CodeInternal, "jobs cannot be enqueued by this server"
	case errors.As(err, &gqlErr) && gqlErr.Rule != "":
		// Parse and validation errors from gqlparser.
		return CodeBadUserInput, gqlErr.Message
	}
	return CodeInternal, ""
}

// refusalCodes maps a domain rule's refusal to its error code.
var refusalCodes = map[refusal.Kind]string{
	refusal.Invalid:   CodeBadUserInput,
	refusal.NotFound:  CodeNotFound,
	refusal.Conflict:  CodeConflict,
	refusal.Forbidden: CodeForbidden,
}

// refusalError is the one mapping of domain refusals to the API: it gives a
// *refusal.Error its extensions: code, the field at fault (an input field
// name gets prefix, e.g. "input.", unless it is already a path), for an
// invalid structured input the list of problems, and the refusal's own
// extensions (currentVersion …). Other errors pass through to the error
// presenter unchanged. Resolvers call it with the prefix of their input
// argument; a refusal returned without it reaches the presenter, which
// maps it with no prefix.
func refusalError(ctx context.Context, err error, prefix string) error {
	r := refusal.As(err)
	if r == nil {
		return err
	}
	code := refusalCodes[r.Kind]
	message := r.Message
	ext := make(map[string]any, len(r.Extensions)+1)
	for k, v := range r.Extensions {
		ext[k] = v
	}
	ext["code"] = code
	if field := r.Field; field != "" {
		if code == CodeBadUserInput && !strings.Contains(field, ".") {
			field = prefix + field
		}
		ext["field"] = field
		if code == CodeBadUserInput {
			message = field + ": " + message
		}
	}
	if len(r.Fields) > 0 {
		problems := make([]map[string]string, len(r.Fields))
		for i, f := range r.Fields {
			problems[i] = map[string]string{"path": f.Path, "message": f.Message}
		}
		ext["problems"] = problems
	}
	return &gqlerror.Error{Message: message, Path: graphql.GetPath(ctx), Extensions: ext}
}

// badInput is a BAD_USER_INPUT error naming the offending argument, e.g.
// field "first" or "input.reason", for checks of arguments the API makes
// itself.
func badInput(ctx context.Context, field, message string) error {
	return refusalError(ctx, refusal.Invalidf(field, "%s", message), "")
}

// requireReason refuses a blank reason: decisions that change access or
// grades must say why.
func requireReason(ctx context.Context, field, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return badInput(ctx, field, "a reason is required")
	}
	return nil
}

// argumentError recognises an argument that could not be coerced to its
// type (a malformed ID or cursor, money that is not an integer, an invalid
// date, an over-long string): gqlgen reports it while building the field's
// context, before the field's arguments are set. It is the client's
// BAD_USER_INPUT, naming the argument (e.g. "input.creditLimitMinor").
func argumentError(ctx context.Context, gqlErr *gqlerror.Error, err error) (*gqlerror.Error, bool) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Args != nil || fc.Field.Field == nil || fc.Field.Definition == nil || len(fc.Field.Definition.Arguments) == 0 {
		return nil, false
	}
	fieldPath := fc.Path()
	if len(gqlErr.Path) <= len(fieldPath) {
		return nil, false
	}
	var arg []string
	for _, p := range gqlErr.Path[len(fieldPath):] {
		switch p := p.(type) {
		case ast.PathName:
			arg = append(arg, string(p))
		case ast.PathIndex:
			arg = append(arg, fmt.Sprint(int(p)))
		}
	}
	name := strings.Join(arg, ".")
	cause := err
	var inner *gqlerror.Error
	if errors.As(err, &inner) && inner.Unwrap() != nil {
		cause = inner.Unwrap()
	}
	out := &gqlerror.Error{
		Message:    fmt.Sprintf("argument %s: %v", name, cause),
		Path:       fieldPath,
		Locations:  gqlErr.Locations,
		Extensions: map[string]any{"code": CodeBadUserInput, "field": name},
	}
	return out, true
}
