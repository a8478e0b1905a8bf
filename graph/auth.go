package graph

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// CodeUnauthenticated is the code of the error a mutation gets without the
// API key the server is configured with.
const CodeUnauthenticated = "UNAUTHENTICATED"

// requireKey refuses mutations that do not carry the API key. Queries and
// subscriptions, which only read, stay open.
//
// The key is read from "Authorization: Bearer <key>" or "X-API-Key: <key>"
// on the HTTP request (the websocket upgrade request included), or, over a
// websocket, from the same names in the connection_init payload, since
// browsers cannot set headers on a websocket.
//
// A refused mutation is answered like any other refused operation: a
// GraphQL error with code UNAUTHENTICATED, with HTTP status 200, so that a
// client handles it where it handles the other error codes.
type requireKey struct {
	sum [sha256.Size]byte
}

func requireAPIKey(key string) requireKey { return requireKey{sum: sha256.Sum256([]byte(key))} }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = requireKey{}

func (requireKey) ExtensionName() string                          { return "RequireAPIKey" }
func (requireKey) Validate(schema graphql.ExecutableSchema) error { return nil }

func (k requireKey) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil || oc.Operation.Operation != ast.Mutation {
		return nil
	}
	if k.accepts(presentedKeys(ctx, oc.Headers)) {
		return nil
	}
	err := gqlerror.Errorf("mutations need the API key: send it as \"Authorization: Bearer <key>\" or \"X-API-Key: <key>\"")
	err.Extensions = map[string]any{"code": CodeUnauthenticated}
	return err
}

// accepts compares in constant time: hashing first makes the comparison
// independent of the lengths too.
func (k requireKey) accepts(keys []string) bool {
	ok := 0
	for _, key := range keys {
		sum := sha256.Sum256([]byte(key))
		ok |= subtle.ConstantTimeCompare(sum[:], k.sum[:])
	}
	return ok == 1
}

// presentedKeys returns the keys a request offers, from its headers and,
// over a websocket, from its connection_init payload (see initKeys).
func presentedKeys(ctx context.Context, h http.Header) []string {
	keys := headerKeys(h.Get("Authorization"), h.Get("X-API-Key"))
	if init, ok := ctx.Value(initKeysKey{}).([]string); ok {
		keys = append(keys, init...)
	}
	return keys
}

func headerKeys(auth, apiKey string) []string {
	var keys []string
	if scheme, token, ok := strings.Cut(strings.TrimSpace(auth), " "); ok && strings.EqualFold(scheme, "Bearer") {
		keys = append(keys, strings.TrimSpace(token))
	}
	if apiKey = strings.TrimSpace(apiKey); apiKey != "" {
		keys = append(keys, apiKey)
	}
	return keys
}

type initKeysKey struct{}

// initKeys is the websocket InitFunc: it keeps the keys of the
// connection_init payload in the connection's context, where requireKey
// finds them (gqlgen adds the payload itself to an operation's context only
// after the operation has been checked).
func initKeys(ctx context.Context, p transport.InitPayload) (context.Context, *transport.InitPayload, error) {
	keys := headerKeys(p.Authorization(), p.GetString("X-API-Key"))
	if len(keys) == 0 {
		return ctx, nil, nil
	}
	return context.WithValue(ctx, initKeysKey{}, keys), nil, nil
}
