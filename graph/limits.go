package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// CodeFieldLimit is the code of the error of an operation that selects
// more fields than the server allows.
const CodeFieldLimit = "FIELD_LIMIT_EXCEEDED"

// fieldLimit refuses operations that select more than max fields, counting
// a fragment each time it is spread. The complexity limit prices lists,
// but ten thousand aliases of one cheap field are cheap to it and still
// ten thousand store calls. Introspection fields do not count.
type fieldLimit struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = fieldLimit{}

func (fieldLimit) ExtensionName() string                          { return "FieldLimit" }
func (fieldLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (l fieldLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if n := countFields(oc.Operation.SelectionSet, l.max); n > l.max {
		err := gqlerror.Errorf("query selects more than %d fields, the limit of this server", l.max)
		err.Extensions = map[string]any{"code": CodeFieldLimit}
		return err
	}
	return nil
}

// countFields counts the fields of set, and stops soon after passing limit,
// so that fragments spread within fragments cannot make it slow.
func countFields(set ast.SelectionSet, limit int) int {
	n := 0
	for _, sel := range set {
		if n > limit {
			break
		}
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			n += 1 + countFields(s.SelectionSet, limit-n)
		case *ast.InlineFragment:
			n += countFields(s.SelectionSet, limit-n)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				n += countFields(s.Definition.SelectionSet, limit-n)
			}
		}
	}
	return n
}
