package server_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/internal/testsite"
	"github.com/tradegraph/tradegraph/server"
)

// checkRefusal fails unless the answer is a client error, not a server
// one: a status under 500, and errors that each carry a code other than
// INTERNAL. want, when set, is the code the first error must have.
func checkRefusal(tb testing.TB, status int, resp gqlResponse, want string) {
	tb.Helper()
	if status >= 500 {
		tb.Errorf("status %d", status)
	}
	if want != "" && len(resp.Errors) == 0 {
		tb.Errorf("no error; want code %s (data %.200s)", want, resp.Data)
	}
	for i, code := range resp.codes() {
		switch {
		case code == "" || code == graph.CodeInternal:
			tb.Errorf("error %q has code %q", resp.Errors[i].Message, code)
		case i == 0 && want != "" && code != want:
			tb.Errorf("error %q has code %q, want %s", resp.Errors[i].Message, code, want)
		}
	}
}

func TestBadInput(t *testing.T) {
	ts, _ := newServer(t, server.Options{})
	q := func(query string) string {
		b, _ := json.Marshal(map[string]any{"query": query})
		return string(b)
	}
	nested := "{ actor(id: \"country:JP\") " + strings.Repeat("{ relations { edges { node { from ", 5) +
		"{ name }" + strings.Repeat(" } } } }", 5) + " }"
	var aliases strings.Builder
	aliases.WriteString("{ ")
	for i := range 10_000 {
		fmt.Fprintf(&aliases, "a%d: actor(id: \"country:JP\") { name } ", i)
	}
	aliases.WriteString("}")
	var manyVars strings.Builder
	manyVars.WriteString(`{"query": "{ stats { articles } }", "variables": {`)
	for i := range 100_000 {
		if i > 0 {
			manyVars.WriteString(",")
		}
		fmt.Fprintf(&manyVars, `"v%d": %d`, i, i)
	}
	manyVars.WriteString("}}")

	tests := []struct {
		name string
		body string
		// status is the HTTP status wanted, code the error code ("" for
		// none: the request is answered).
		status int
		code   string
	}{
		{"malformed JSON", `{"query": "{ stats { articles } }"`, 400, graph.CodeInvalid},
		{"JSON of the wrong shape", `{"query": 42}`, 400, graph.CodeInvalid},
		{"malformed GraphQL", q(`{ actor(id: ) { name }`), 422, "GRAPHQL_PARSE_FAILED"},
		{"unknown field", q(`{ nope }`), 422, "GRAPHQL_VALIDATION_FAILED"},
		{"unknown argument", q(`{ actor(id: "country:JP", nope: 1) { name } }`), 422, "GRAPHQL_VALIDATION_FAILED"},
		{"wrong variable type", `{"query": "query($id: ID!) { actor(id: $id) { name } }", "variables": {"id": {"a": 1}}}`, 422, "GRAPHQL_VALIDATION_FAILED"},
		{"no query", `{}`, 422, "GRAPHQL_VALIDATION_FAILED"},
		{"deep nesting", q(nested), 200, "DEPTH_LIMIT_EXCEEDED"},
		{"10k aliases", q(aliases.String()), 200, graph.CodeFieldLimit},
		{"body over the limit", `{"query": "{ stats { articles } }", "variables": {"pad": "` + strings.Repeat("x", 3<<20) + `"}}`, 413, server.CodeRequestTooLarge},
		// Variables the operation does not declare are ignored; the body
		// limit bounds what they cost.
		{"100k variables under the limit", manyVars.String(), 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if len(tt.body) >= 2<<20 && tt.status != 413 {
				t.Fatalf("the body is %d bytes, over the default limit", len(tt.body))
			}
			status, resp, _ := postRaw(t, ts.URL, tt.body, nil)
			if status != tt.status {
				t.Errorf("status %d, want %d (%v)", status, tt.status, resp.Errors)
			}
			checkRefusal(t, status, resp, tt.code)
			if tt.code == "" && (len(resp.Errors) > 0 || len(resp.Data) == 0) {
				t.Errorf("want an answer, got %s %v", resp.Data, resp.Errors)
			}
			stillServes(t, ts.URL)
		})
	}
}

// TestBodyLimitWithoutLength sends an oversize body in chunks, with no
// Content-Length to refuse it by.
func TestBodyLimitWithoutLength(t *testing.T) {
	ts, _ := newServer(t, server.Options{MaxBodyBytes: 1024})
	pr, pw := io.Pipe()
	go func() {
		_, _ = io.WriteString(pw, `{"query": "{ stats { articles } }", "variables": {"pad": "`+strings.Repeat("x", 4096)+`"}}`)
		pw.Close()
	}()
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, ts.URL+"/graphql", pr)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !slices.Equal(body.codes(), []string{server.CodeRequestTooLarge}) ||
		!strings.Contains(body.Errors[0].Message, "1024") {
		t.Errorf("chunked oversize body: %d %+v", resp.StatusCode, body.Errors)
	}
	stillServes(t, ts.URL)
}

// hostile are the strings every string and id argument is tried with:
// fragments of Cypher, SQL and Lucene that would do harm if spliced into a
// query as code, quoting and escaping characters, NUL, and size.
var hostile = []string{
	`country:JP' OR '1'='1`,
	`x"}) MATCH (n) DETACH DELETE n //`,
	"x'}) MATCH (n) DETACH DELETE n RETURN 1 //",
	"`x` MATCH (n) DETACH DELETE n",
	`'; DROP TABLE actors; --`,
	`" OR 1=1; DELETE FROM relations; --`,
	`\`, `\\\'\"`, `%_%`, "a\x00b", "\x00",
	`name:* OR aliases:[a TO z] AND ~jack^10 "unterminated`,
	`*:*`, `(((`, `/.*/`, `{"$ne": null}`,
	"$1 $param {{x}}",
	"\u202e\ufeffJack\u0301 Ma",
	"person:no-such-person", "country:ZZ", "", " ",
	strings.Repeat("a", 100_000),
	strings.Repeat("Jack Ma OR ", 5_000),
}

// argCase is one argument (or field of an input argument) to try.
type argCase struct {
	op    string // "query" or "mutation"
	field *ast.FieldDefinition
	arg   *ast.ArgumentDefinition
	path  []string // input object fields below arg, if any
}

func (c argCase) String() string {
	return strings.Join(append([]string{c.field.Name, c.arg.Name}, c.path...), ".")
}

// stringArgs lists every String and ID argument of every Query field, and
// every String and ID field of their input objects, and the ID arguments
// of the mutations, read from the schema so that new fields are covered
// without touching this test. Mutations' String arguments are left out:
// they are data to store, not keys to look up.
func stringArgs(s *ast.Schema) []argCase {
	var out []argCase
	var walk func(c argCase, t *ast.Type, seen map[string]bool)
	walk = func(c argCase, t *ast.Type, seen map[string]bool) {
		name := t.Name()
		switch def := s.Types[name]; {
		case name == "ID" || (name == "String" && c.op == "query"):
			out = append(out, c)
		case def != nil && def.Kind == ast.InputObject && !seen[name]:
			seen[name] = true
			for _, f := range def.Fields {
				cc := c
				cc.path = append(slices.Clone(c.path), f.Name)
				walk(cc, f.Type, seen)
			}
			delete(seen, name)
		}
	}
	for op, def := range map[string]*ast.Definition{"query": s.Query, "mutation": s.Mutation} {
		if def == nil {
			continue
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			for _, a := range f.Arguments {
				walk(argCase{op: op, field: f, arg: a}, a.Type, map[string]bool{})
			}
		}
	}
	slices.SortFunc(out, func(a, b argCase) int { return strings.Compare(a.op+a.String(), b.op+b.String()) })
	return out
}

// filler returns a valid value of t, for the required arguments a case
// does not try.
func filler(s *ast.Schema, t *ast.Type) any {
	if t.Elem != nil {
		return []any{filler(s, t.Elem)}
	}
	switch t.NamedType {
	case "ID":
		return "country:JP"
	case "String":
		return "Japan"
	case "Int":
		return 1
	case "Float":
		return 0.5
	case "Boolean":
		return false
	}
	def := s.Types[t.NamedType]
	switch def.Kind {
	case ast.Enum:
		return def.EnumValues[0].Name
	case ast.InputObject:
		obj := map[string]any{}
		for _, f := range def.Fields {
			if f.Type.NonNull && f.DefaultValue == nil {
				obj[f.Name] = filler(s, f.Type)
			}
		}
		return obj
	}
	panic("filler: unexpected type " + t.String())
}

// request builds the operation that puts v at c, and its variables.
func (c argCase) request(s *ast.Schema, v string) (string, map[string]any) {
	vars := map[string]any{}
	var decl, args []string
	for _, a := range c.field.Arguments {
		var val any
		switch {
		case a == c.arg && len(c.path) == 0:
			val = v
		case a == c.arg:
			obj := filler(s, &ast.Type{NamedType: a.Type.Name()}).(map[string]any)
			cur := obj
			def := s.Types[a.Type.Name()]
			for i, name := range c.path {
				f := def.Fields.ForName(name)
				if i == len(c.path)-1 {
					if f.Type.Elem != nil {
						cur[name] = []any{v}
					} else {
						cur[name] = v
					}
					break
				}
				next, _ := filler(s, &ast.Type{NamedType: f.Type.Name()}).(map[string]any)
				cur[name] = next
				cur, def = next, s.Types[f.Type.Name()]
			}
			val = obj
			if a.Type.Elem != nil {
				val = []any{obj}
			}
		case a.Type.NonNull && a.DefaultValue == nil:
			val = filler(s, a.Type)
		default:
			continue
		}
		vars[a.Name] = val
		decl = append(decl, "$"+a.Name+": "+a.Type.String())
		args = append(args, a.Name+": $"+a.Name)
	}
	sel := ""
	if def := s.Types[c.field.Type.Name()]; def.Kind != ast.Scalar && def.Kind != ast.Enum {
		sel = " { __typename }"
	}
	q := c.op
	if len(decl) > 0 {
		q += "(" + strings.Join(decl, ", ") + ")"
	}
	q += " { " + c.field.Name
	if len(args) > 0 {
		q += "(" + strings.Join(args, ", ") + ")"
	}
	return q + sel + " }", vars
}

// TestHostileArguments tries every hostile string in every string and id
// argument: each must be answered as data or refused with a client error,
// never reach a store as code (the store's counts do not change), and
// leave the server serving.
func TestHostileArguments(t *testing.T) {
	ts, st := newServer(t, server.Options{})
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	cases := stringArgs(schema)
	if len(cases) < 10 {
		t.Fatalf("found only %d string arguments in the schema: %v", len(cases), cases)
	}
	before, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.op+"."+c.String(), func(t *testing.T) {
			// The operations are valid GraphQL; only the values are
			// hostile, so they must reach the resolvers and the store.
			notServed := func(code string) bool {
				return code == "" || code == graph.CodeInternal || strings.HasPrefix(code, "GRAPHQL_")
			}
			for _, v := range hostile {
				query, vars := c.request(schema, v)
				status, resp := postQuery(t, ts.URL, query, vars, nil)
				if status >= 500 || slices.ContainsFunc(resp.codes(), notServed) {
					t.Errorf("%.60q: %d %+v\n%s", v, status, resp.Errors, query)
				}
			}
		})
	}
	after, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("hostile arguments changed the store (-before +after):\n%s", diff)
	}
	stillServes(t, ts.URL)
}

// TestUnknownIDs asks for ids that name nothing in every id argument: the
// answer is null or a NOT_FOUND error, never anything else.
func TestUnknownIDs(t *testing.T) {
	ts, _ := newServer(t, server.Options{})
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	n := 0
	for _, c := range stringArgs(schema) {
		if c.arg.Type.Name() != "ID" || len(c.path) > 0 {
			continue
		}
		n++
		for _, id := range []string{"person:nobody-at-all", "country:ZZ", "sha256:" + strings.Repeat("0", 64)} {
			query, vars := c.request(schema, id)
			status, resp := postQuery(t, ts.URL, query, vars, nil)
			checkRefusal(t, status, resp, "")
			for _, code := range resp.codes() {
				if code != graph.CodeNotFound {
					t.Errorf("%s(%q): code %s, want NOT_FOUND or null: %v", c, id, code, resp.Errors)
				}
			}
		}
	}
	if n < 3 {
		t.Fatalf("found only %d id arguments", n)
	}
	stillServes(t, ts.URL)
}

func TestAPIKey(t *testing.T) {
	const key = "s3cret-key"
	ts, _ := newServer(t, server.Options{APIKey: key})
	// mergeActors of unknown actors: a mutation that reaches the store
	// (NOT_FOUND) only when the key is accepted, and changes nothing.
	const merge = `mutation { mergeActors(keep: "person:nobody-one", merge: "person:nobody-two") { id } }`
	tests := []struct {
		name   string
		header http.Header
		want   string
	}{
		{"no key", nil, graph.CodeUnauthenticated},
		{"wrong key", http.Header{"Authorization": {"Bearer nope"}}, graph.CodeUnauthenticated},
		{"key as a prefix", http.Header{"Authorization": {"Bearer " + key + "x"}}, graph.CodeUnauthenticated},
		{"key without Bearer", http.Header{"Authorization": {key}}, graph.CodeUnauthenticated},
		{"Bearer key", http.Header{"Authorization": {"Bearer " + key}}, graph.CodeNotFound},
		{"bearer key, any case", http.Header{"Authorization": {"bearer " + key}}, graph.CodeNotFound},
		{"X-API-Key", http.Header{"X-Api-Key": {key}}, graph.CodeNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, resp := postQuery(t, ts.URL, merge, nil, tt.header)
			if status != http.StatusOK || !slices.Equal(resp.codes(), []string{tt.want}) {
				t.Errorf("%d %+v, want one %s error", status, resp.Errors, tt.want)
			}
		})
	}
	// A mutation with the key does its work; reads need no key.
	if rels := ingest(t, ts.URL, subArticle, http.Header{"Authorization": {"Bearer " + key}}); len(rels) == 0 {
		t.Error("ingest with the key extracted nothing")
	}
	stillServes(t, ts.URL)

	// Over a websocket, the key may come in the connection_init payload.
	for _, withKey := range []bool{false, true} {
		c, _, err := websocket.Dial(t.Context(), wsURL(ts.URL), &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
		if err != nil {
			t.Fatal(err)
		}
		init := wsMessage{Type: "connection_init"}
		if withKey {
			init.Payload = json.RawMessage(`{"Authorization": "Bearer ` + key + `"}`)
		}
		p := wsProtocols[0]
		_ = wsjson.Write(t.Context(), c, init)
		if m := wsRead(t, c, p); m.Type != "connection_ack" {
			t.Fatalf("init: %+v", m)
		}
		payload, _ := json.Marshal(map[string]any{"query": merge})
		_ = wsjson.Write(t.Context(), c, wsMessage{ID: "m", Type: "subscribe", Payload: payload})
		m := wsRead(t, c, p)
		want := map[bool]string{false: graph.CodeUnauthenticated, true: graph.CodeNotFound}[withKey]
		if !strings.Contains(string(m.Payload), `"code":"`+want+`"`) {
			t.Errorf("websocket mutation, key %v: %s %s, want code %s", withKey, m.Type, m.Payload, want)
		}
		_ = c.CloseNow()
	}
}

func TestCORS(t *testing.T) {
	const allowed = "https://app.example.com"
	ts, _ := newServer(t, server.Options{CORSOrigins: []string{allowed}})
	preflight := func(origin string) *http.Response {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodOptions, ts.URL+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type, authorization")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	resp := preflight(allowed)
	h := resp.Header
	if resp.StatusCode != http.StatusNoContent || h.Get("Access-Control-Allow-Origin") != allowed ||
		!strings.Contains(h.Get("Access-Control-Allow-Headers"), "Content-Type") ||
		!strings.Contains(h.Get("Access-Control-Allow-Headers"), "Authorization") ||
		!strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") ||
		!slices.Contains(h.Values("Vary"), "Origin") {
		t.Errorf("preflight from an allowed origin: %d %v", resp.StatusCode, h)
	}
	resp = preflight("https://evil.example")
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another origin: %d %v", resp.StatusCode, resp.Header)
	}
	for origin, want := range map[string]string{allowed: allowed, "https://evil.example": "", "": ""} {
		header := http.Header{}
		if origin != "" {
			header.Set("Origin", origin)
		}
		status, _, h := postRaw(t, ts.URL, `{"query": "{ stats { articles } }"}`, header)
		if status != http.StatusOK || h.Get("Access-Control-Allow-Origin") != want || !slices.Contains(h.Values("Vary"), "Origin") {
			t.Errorf("POST from %q: %d, Allow-Origin %q (want %q), Vary %v", origin, status, h.Get("Access-Control-Allow-Origin"), want, h.Values("Vary"))
		}
	}

	// The websocket upgrade follows the same list; the server's own origin
	// is always allowed.
	for origin, ok := range map[string]bool{allowed: true, ts.URL: true, "https://evil.example": false, "null": false} {
		c, resp, err := websocket.Dial(t.Context(), wsURL(ts.URL), &websocket.DialOptions{
			Subprotocols: []string{"graphql-transport-ws"},
			HTTPHeader:   http.Header{"Origin": {origin}},
		})
		if ok != (err == nil) {
			t.Errorf("websocket from %q: %v, want allowed %v", origin, err, ok)
		}
		if err == nil {
			_ = c.CloseNow()
		} else if resp == nil || resp.StatusCode != http.StatusForbidden {
			t.Errorf("websocket from %q refused with %v, want 403", origin, resp)
		}
	}
}

func TestParseOrigins(t *testing.T) {
	got, err := server.ParseOrigins(" https://App.example.com , http://localhost:3000,,http://[::1]:5173")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"https://app.example.com", "http://localhost:3000", "http://[::1]:5173"}; !slices.Equal(got, want) {
		t.Errorf("ParseOrigins = %q, want %q", got, want)
	}
	for _, bad := range []string{"app.example.com", "https://app.example.com/path", "ftp://x", "https://"} {
		if _, err := server.ParseOrigins(bad); err == nil {
			t.Errorf("ParseOrigins(%q) accepted it", bad)
		}
	}
}

func TestNoIntrospection(t *testing.T) {
	ts, _ := newServer(t, server.Options{NoIntrospection: true})
	if status, _, _ := get(t, ts.URL+"/"); status != http.StatusOK {
		t.Errorf("playground with NoIntrospection = %d, want 200", status)
	}
	for _, query := range []string{
		`{ __schema { queryType { name } } }`,
		`{ __type(name: "Actor") { name } }`,
		`query { ...f } fragment f on Query { __schema { types { name } } }`,
	} {
		status, resp := postQuery(t, ts.URL, query, nil, nil)
		if !slices.Equal(resp.codes(), []string{"INTROSPECTION_DISABLED"}) {
			t.Errorf("%s: %d %+v, want INTROSPECTION_DISABLED", query, status, resp.Errors)
		}
	}
	stillServes(t, ts.URL)
}

// blockingStore answers Stats only when its context ends, and remembers
// why it ended.
type blockingStore struct {
	tradegraph.Store
	mu   sync.Mutex
	seen error
}

func (b *blockingStore) Stats(ctx context.Context) (*tradegraph.Stats, error) {
	<-ctx.Done()
	b.mu.Lock()
	b.seen = ctx.Err()
	b.mu.Unlock()
	return nil, fmt.Errorf("stats: %w", ctx.Err())
}

func TestTimeoutCancelsTheStoreQuery(t *testing.T) {
	st, ex := testsite.Store(t)
	bs := &blockingStore{Store: st}
	ts := httptest.NewServer(server.New(slog.New(slog.DiscardHandler), bs, ex, server.Options{RequestTimeout: 50 * time.Millisecond}))
	defer ts.Close()
	status, resp := postQuery(t, ts.URL, `{ stats { articles } }`, nil, nil)
	if status != http.StatusOK || !slices.Equal(resp.codes(), []string{graph.CodeTimeout}) {
		t.Errorf("slow query: %d %+v, want one TIMEOUT error", status, resp.Errors)
	}
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if !errors.Is(bs.seen, context.DeadlineExceeded) {
		t.Errorf("the store saw its context end with %v, want the deadline", bs.seen)
	}
}

// TestPersistedQuery runs the automatic persisted query round trip: the
// hash alone is unknown at first, the hash with the query runs and stores
// it, and then the hash alone runs it.
func TestPersistedQuery(t *testing.T) {
	ts, _ := newServer(t, server.Options{})
	const query = `{ actor(id: "country:JP") { name } }`
	sum := sha256.Sum256([]byte(query))
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}
	send := func(withQuery bool) gqlResponse {
		req := map[string]any{"extensions": ext}
		if withQuery {
			req["query"] = query
		}
		b, _ := json.Marshal(req)
		_, resp, _ := postRaw(t, ts.URL, string(b), nil)
		return resp
	}
	if resp := send(false); !slices.Equal(resp.codes(), []string{"PERSISTED_QUERY_NOT_FOUND"}) {
		t.Fatalf("unknown hash: %+v, want PERSISTED_QUERY_NOT_FOUND", resp.Errors)
	}
	for _, withQuery := range []bool{true, false} {
		if resp := send(withQuery); len(resp.Errors) > 0 || !strings.Contains(string(resp.Data), "Japan") {
			t.Errorf("with query %v: %s %+v", withQuery, resp.Data, resp.Errors)
		}
	}
	// Over GET too, as CDNs cache it.
	extJSON, _ := json.Marshal(ext)
	if _, body, _ := get(t, ts.URL+"/graphql?extensions="+url.QueryEscape(string(extJSON))); !strings.Contains(body, "Japan") {
		t.Errorf("persisted query over GET: %s", body)
	}
	// A query that does not match its hash is refused.
	b, _ := json.Marshal(map[string]any{"query": `{ stats { articles } }`, "extensions": ext})
	status, resp, _ := postRaw(t, ts.URL, string(b), nil)
	checkRefusal(t, status, resp, "")
	if len(resp.Errors) == 0 {
		t.Errorf("a query with another query's hash ran: %s", resp.Data)
	}
}
