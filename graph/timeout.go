package graph

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// CodeTimeout is the code of the errors of an operation that ran out of
// time.
const CodeTimeout = "TIMEOUT"

// operationTimeout bounds each query and mutation, on every transport,
// through the context the resolvers and the store see, so that a slow
// store query is cancelled rather than left running. Subscriptions are
// left alone: they last as long as their client wants.
type operationTimeout struct{ d time.Duration }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationInterceptor
} = operationTimeout{}

func (operationTimeout) ExtensionName() string                          { return "OperationTimeout" }
func (operationTimeout) Validate(schema graphql.ExecutableSchema) error { return nil }

func (t operationTimeout) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil || oc.Operation.Operation == ast.Subscription {
		return next(ctx)
	}
	// The transports run the response handler with the context given to
	// next, so the deadline reaches every resolver. The context is released
	// when the stream of responses ends, or with its parent, the request.
	ctx, cancel := context.WithTimeout(ctx, t.d)
	h := next(ctx)
	return func(rctx context.Context) *graphql.Response {
		resp := h(rctx)
		if resp == nil {
			cancel()
			return nil
		}
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			timedOut(resp, t.d)
		}
		return resp
	}
}

// timedOut rewords the errors that running out of time caused: a store
// cut short reports an internal error, but the client should learn that
// the request was too slow, which it can do something about.
func timedOut(resp *graphql.Response, d time.Duration) {
	for _, e := range resp.Errors {
		if code, _ := e.Extensions["code"].(string); code != CodeInternal {
			continue
		}
		e.Message = fmt.Sprintf("the request took longer than the %s this server allows, and was cancelled", d)
		e.Extensions["code"] = CodeTimeout
	}
}
