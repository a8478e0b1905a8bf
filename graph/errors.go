package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/tradegraph/tradegraph"
)

// Codes put in the "code" extension of every error a resolver returns.
const (
	CodeNotFound = "NOT_FOUND"
	CodeInvalid  = "INVALID"
	CodeInternal = "INTERNAL"
)

var codes = map[string]string{
	tradegraph.ENOTFOUND: CodeNotFound,
	tradegraph.EINVALID:  CodeInvalid,
	tradegraph.ECONFLICT: CodeInvalid,
	tradegraph.EINTERNAL: CodeInternal,
}

// ErrorPresenter returns a presenter that gives every resolver error a code
// and shows domain messages as they are, while internal errors are logged
// with their detail and shown as "internal error".
func ErrorPresenter(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		var domain *tradegraph.Error
		if errors.As(err, &domain) {
			gerr.Message = domain.Message
			setCode(gerr, codes[domain.Code])
			return gerr
		}
		var parse *gqlerror.Error
		if errors.As(err, &parse) && parse.Err == nil && !errors.Is(err, context.DeadlineExceeded) {
			// Parse and validation errors, and gqlgen's own argument
			// errors: they describe the request, so show them.
			if _, ok := gerr.Extensions["code"]; !ok {
				setCode(gerr, CodeInvalid)
			}
			return gerr
		}
		logger.ErrorContext(ctx, "graphql resolver failed", "path", gerr.Path.String(), "err", err)
		gerr.Message = "internal error"
		setCode(gerr, CodeInternal)
		return gerr
	}
}

func setCode(e *gqlerror.Error, code string) {
	if code == "" {
		code = CodeInternal
	}
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// Recover turns a panic in a resolver into an internal error, logged with
// its stack, instead of a dead connection.
func Recover(logger *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		logger.ErrorContext(ctx, "graphql resolver panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return errors.New("resolver panic")
	}
}
