package assets_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tradegraph/tradegraph/internal/browsertest"
	"github.com/tradegraph/tradegraph/server/assets"
)

// fakeAPI stands in for the GraphQL server: it refuses introspection, which
// GraphiQL asks for first, and answers every other query with one fixed
// result, remembering the queries it was sent.
type fakeAPI struct {
	mu      sync.Mutex
	queries []string
}

const answer = "answered-by-the-test-server"

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Query string `json:"query"`
	}
	if r.Method != http.MethodPost || json.NewDecoder(r.Body).Decode(&req) != nil {
		http.Error(w, "want a JSON POST", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if strings.Contains(req.Query, "__schema") {
		_, _ = w.Write([]byte(`{"errors":[{"message":"introspection is off in this test"}]}`))
		return
	}
	f.mu.Lock()
	f.queries = append(f.queries, req.Query)
	f.mu.Unlock()
	_, _ = w.Write([]byte(`{"data":{"greeting":"` + answer + `"}}`))
}

func (f *fakeAPI) received() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.queries...)
}

// TestPlaygroundInBrowser opens the playground in a real Chromium with a
// query in the address, runs it with the run button, and checks that the
// answer is shown and that the page asked no other host for anything.
func TestPlaygroundInBrowser(t *testing.T) {
	b := browsertest.New(t, 90*time.Second)

	api := &fakeAPI{}
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", assets.Playground())
	mux.Handle("GET /playground/", assets.Playground())
	mux.Handle("/graphql", api)
	ts := httptest.NewServer(mux)
	defer ts.Close()

	const query = "query Greeting { greeting }"
	err := b.Do(
		chromedp.Navigate(ts.URL+"/?query="+url.QueryEscape(query)),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-container .graphiql-query-editor")),
		chromedp.WaitVisible(chromedp.CSS("button.graphiql-execute-button")),
	)
	if err != nil {
		t.Fatalf("GraphiQL did not render: %v\nbrowser said:\n%s", err, strings.Join(b.Console(), "\n"))
	}
	editor, err := chromedp.Run(b.Context(), chromedp.Text(chromedp.CSS(".graphiql-query-editor .CodeMirror-code")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(editor, "greeting") {
		t.Errorf("the query editor shows %q, not the query from the address", editor)
	}

	if err := b.Do(chromedp.Click(chromedp.CSS("button.graphiql-execute-button"))); err != nil {
		t.Fatal(err)
	}
	var result string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		result, err = chromedp.Run(b.Context(), chromedp.Evaluate[string](
			`(document.querySelector(".graphiql-response") || {}).innerText || ""`))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(result, answer) {
			break
		}
	}
	if !strings.Contains(result, answer) {
		t.Errorf("the response pane shows %q, want the test server's answer\nbrowser said:\n%s",
			result, strings.Join(b.Console(), "\n"))
	}
	if got := api.received(); len(got) != 1 || got[0] != query {
		t.Errorf("the server received %q, want exactly [%q]", got, query)
	}

	// Open the panes that render on demand too, so that the policy check
	// below also covers what they load and the styles they insert.
	err = b.Do(
		chromedp.Click(chromedp.CSS(`button[aria-label="Show Documentation Explorer"]`)),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-doc-explorer")),
		chromedp.Click(chromedp.CSS(`button[aria-label="Open settings dialog"]`)),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-dialog")),
	)
	if err != nil {
		t.Errorf("opening the documentation explorer and settings: %v", err)
	}

	if foreign := b.Foreign(ts.URL); len(foreign) > 0 {
		t.Errorf("the playground asked other hosts for:\n%s", strings.Join(foreign, "\n"))
	}
	if len(b.Requests()) < 5 {
		t.Errorf("recorded only %q; the request log is not working", b.Requests())
	}
	for _, line := range b.Console() {
		if strings.Contains(line, "Content Security Policy") || strings.Contains(line, "Content-Security-Policy") {
			t.Errorf("CSP blocked something: %s", line)
		}
	}
	if t.Failed() {
		t.Logf("requests:\n%s", strings.Join(b.Requests(), "\n"))
	}
}
