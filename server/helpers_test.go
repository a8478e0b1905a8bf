package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

// gqlResponse is a GraphQL response as a client sees it.
type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// codes lists the codes of the response's errors.
func (r gqlResponse) codes() []string {
	var out []string
	for _, e := range r.Errors {
		c, _ := e.Extensions["code"].(string)
		out = append(out, c)
	}
	return out
}

// postRaw posts body to /graphql with headers and decodes the answer.
func postRaw(tb testing.TB, url, body string, header http.Header) (int, gqlResponse, http.Header) {
	tb.Helper()
	req, err := http.NewRequestWithContext(tb.Context(), http.MethodPost, url+"/graphql", bytes.NewBufferString(body))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	var out gqlResponse
	if err := json.Unmarshal(b, &out); err != nil {
		tb.Fatalf("status %d, body is not a GraphQL response: %v\n%.500s", resp.StatusCode, err, b)
	}
	return resp.StatusCode, out, resp.Header
}

// postQuery posts a query with variables.
func postQuery(tb testing.TB, url, query string, vars map[string]any, header http.Header) (int, gqlResponse) {
	tb.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		tb.Fatal(err)
	}
	status, resp, _ := postRaw(tb, url, string(body), header)
	return status, resp
}

// stillServes checks that the server answers a normal query correctly.
func stillServes(tb testing.TB, url string) {
	tb.Helper()
	status, resp := postQuery(tb, url, `{ actor(id: "country:JP") { name } }`, nil, nil)
	if status != http.StatusOK || len(resp.Errors) > 0 || !bytes.Contains(resp.Data, []byte(`"Japan"`)) {
		tb.Fatalf("a normal query afterwards: %d %s %v", status, resp.Data, resp.Errors)
	}
}
