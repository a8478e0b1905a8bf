package graph

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// postJSON serves GraphQL over HTTP POST with a JSON body. It answers as
// gqlgen's transport.POST does, media types and status codes included,
// but writes the data the executor made as it stands. transport.POST hands
// the whole answer to encoding/json, which parses and copies the data once
// more: some 90 MB/s, a third of what the API added to the store's work
// for a profile of 50 relations.
type postJSON struct{}

var _ graphql.Transport = postJSON{}

// Media types of an answer.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

func (postJSON) Supports(r *http.Request) bool { return transport.POST{}.Supports(r) }

func (postJSON) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	media := answerMedia(r.Header.Get("Accept"))
	w.Header().Set("Content-Type", media)
	start := graphql.Now()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeAnswer(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf("could not read the request body: %v", err)}))
		return
	}
	var params graphql.RawParams
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&params); err != nil {
		// The body is not echoed back: it may be megabytes long.
		w.WriteHeader(http.StatusBadRequest)
		writeAnswer(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf("the request body is not a GraphQL request in JSON: %v", err)}))
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	oc, errs := exec.CreateOperationContext(ctx, &params)
	if errs != nil {
		// A request that does not parse or validate is the client's
		// mistake, which each media type reports with its own status.
		if errcode.GetErrorKind(errs) == errcode.KindProtocol {
			if media == mediaGraphQLResponse {
				w.WriteHeader(http.StatusBadRequest)
			} else {
				w.WriteHeader(http.StatusUnprocessableEntity)
			}
		}
		writeAnswer(w, exec.DispatchError(graphql.WithOperationContext(ctx, oc), errs))
		return
	}
	answers, ctx := exec.DispatchOperation(ctx, oc)
	writeAnswer(w, answers(ctx))
}

// answerMedia picks the media type of the answer from the Accept header
// as transport.POST does: application/json unless the first type the
// client names that the server knows is application/graphql-response+json,
// or the client names none it knows.
func answerMedia(accept string) string {
	if accept == "" {
		return mediaJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		t, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch t {
		case "*/*", "application/*", mediaJSON:
			return mediaJSON
		case mediaGraphQLResponse:
			return mediaGraphQLResponse
		}
	}
	return mediaGraphQLResponse
}

func writeAnswer(w io.Writer, resp *graphql.Response) {
	b, err := appendAnswer(make([]byte, 0, len(resp.Data)+64), resp)
	if err != nil {
		// Only a resolver's extension that cannot be encoded gets here.
		b, _ = json.Marshal(graphql.Response{Errors: gqlerror.List{gqlerror.Errorf("the answer could not be encoded: %v", err)}})
	}
	_, _ = w.Write(b)
}

// appendAnswer writes resp as encoding/json would, byte for byte, without
// parsing the data again: its fields in order, the data with the
// characters escaped that encoding/json escapes for HTML.
func appendAnswer(b []byte, resp *graphql.Response) ([]byte, error) {
	b = append(b, '{')
	part := func(key string, v any) error {
		enc, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, key...)
		b = append(b, enc...)
		return nil
	}
	if len(resp.Errors) > 0 {
		if err := part(`"errors":`, resp.Errors); err != nil {
			return nil, err
		}
	}
	if len(b) > 1 {
		b = append(b, ',')
	}
	b = append(b, `"data":`...)
	if len(resp.Data) == 0 {
		b = append(b, "null"...)
	} else {
		b = appendHTMLSafe(b, resp.Data)
	}
	type optional struct {
		key   string
		v     any
		empty bool
	}
	for _, o := range []optional{
		{`"label":`, resp.Label, resp.Label == ""},
		{`"path":`, resp.Path, len(resp.Path) == 0},
		{`"hasNext":`, resp.HasNext, resp.HasNext == nil},
		{`"extensions":`, resp.Extensions, len(resp.Extensions) == 0},
	} {
		if o.empty {
			continue
		}
		if err := part(o.key, o.v); err != nil {
			return nil, err
		}
	}
	return append(b, '}'), nil
}

// appendHTMLSafe appends the JSON text data with <, >, & and the line and
// paragraph separators U+2028 and U+2029 escaped, as encoding/json writes
// them. In JSON text they can only stand inside strings, where the escape
// means the same character. It looks for them with IndexByte, which is
// many times faster than going through the text a byte at a time.
func appendHTMLSafe(b, data []byte) []byte {
	const hex = "0123456789abcdef"
	special := [...]byte{'<', '>', '&', 0xE2} // 0xE2 starts U+2028 and U+2029
	var next [len(special)]int                // where each comes next
	find := func(k, from int) {
		if i := bytes.IndexByte(data[from:], special[k]); i >= 0 {
			next[k] = from + i
		} else {
			next[k] = len(data)
		}
	}
	for k := range special {
		find(k, 0)
	}
	start := 0
	for {
		k := 0
		for j := 1; j < len(next); j++ {
			if next[j] < next[k] {
				k = j
			}
		}
		i := next[k]
		if i == len(data) {
			return append(b, data[start:]...)
		}
		c := data[i]
		switch {
		case c != 0xE2:
			b = append(b, data[start:i]...)
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			start = i + 1
		case i+2 < len(data) && data[i+1] == 0x80 && data[i+2]&^1 == 0xA8:
			b = append(b, data[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[data[i+2]&0xF])
			start = i + 3
		}
		find(k, i+1)
	}
}
