package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
	"github.com/google/go-cmp/cmp"

	"github.com/tradegraph/tradegraph/graph"
	"github.com/tradegraph/tradegraph/server"
)

// The article the subscription tests ingest has a relation of each of three
// types; the sentinel, ingested after it, one BANNED relation, which marks
// the end of what the first article sent.
const (
	subArticle = "Japan banned imports of Chinese seafood on Monday.\n\n" +
		"The United States imposed tariffs on steel from China. Japan met with South Korea to discuss trade.\n"
	sentinelArticle = "China banned imports of Australian wine on Tuesday.\n"
	subQuery        = `subscription($types: [RelationType!]) { relationAdded(types: $types) { id type from { id } to { id } } }`
)

type relRef struct {
	ID   string `json:"id"`
	Type string `json:"type"`
}

// ingest runs the ingestArticle mutation and returns its relations.
func ingest(tb testing.TB, url, text string, header http.Header) []relRef {
	tb.Helper()
	status, resp := postQuery(tb, url, `mutation($in: ArticleInput!) { ingestArticle(input: $in) { relations { id type } } }`,
		map[string]any{"in": map[string]any{"text": text}}, header)
	if status != http.StatusOK || len(resp.Errors) > 0 {
		tb.Fatalf("ingestArticle: %d %v", status, resp.Errors)
	}
	var out struct {
		IngestArticle struct{ Relations []relRef }
	}
	if err := json.Unmarshal(resp.Data, &out); err != nil {
		tb.Fatal(err)
	}
	return out.IngestArticle.Relations
}

func ofTypes(rels []relRef, types ...string) []relRef {
	var out []relRef
	for _, r := range rels {
		if len(types) == 0 || slices.Contains(types, r.Type) {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b relRef) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// patience bounds how long a test waits for something that should happen
// at once; it only turns a hang into a failure, and measures nothing.
const patience = time.Minute

// eventually polls cond until it holds, failing after patience.
func eventually(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	for give := time.Now().Add(patience); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(give) {
			tb.Fatalf("never happened: %s", what)
		}
	}
}

// wsProtocol names the message types of one websocket subprotocol.
type wsProtocol struct {
	name, start, data, stop string
}

var wsProtocols = []wsProtocol{
	{"graphql-transport-ws", "subscribe", "next", "complete"},
	{"graphql-ws", "start", "data", "stop"},
}

type wsMessage struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

func wsURL(httpURL string) string { return "ws" + strings.TrimPrefix(httpURL, "http") + "/graphql" }

// wsConnect dials, initialises the connection and starts a subscription.
func wsConnect(tb testing.TB, url string, p wsProtocol, opt *websocket.DialOptions, types []string) *websocket.Conn {
	tb.Helper()
	ctx := tb.Context()
	if opt == nil {
		opt = &websocket.DialOptions{}
	}
	opt.Subprotocols = []string{p.name}
	c, _, err := websocket.Dial(ctx, wsURL(url), opt)
	if err != nil {
		tb.Fatalf("dial %s: %v", p.name, err)
	}
	tb.Cleanup(func() { _ = c.CloseNow() })
	if err := wsjson.Write(ctx, c, wsMessage{Type: "connection_init"}); err != nil {
		tb.Fatal(err)
	}
	if m := wsRead(tb, c, p); m.Type != "connection_ack" {
		tb.Fatalf("after connection_init: %+v", m)
	}
	payload, _ := json.Marshal(map[string]any{"query": subQuery, "variables": map[string]any{"types": types}})
	if err := wsjson.Write(ctx, c, wsMessage{ID: "1", Type: p.start, Payload: payload}); err != nil {
		tb.Fatal(err)
	}
	return c
}

// wsRead returns the next message that is not a keep-alive, answering
// pings as the protocol asks.
func wsRead(tb testing.TB, c *websocket.Conn, p wsProtocol) wsMessage {
	tb.Helper()
	for {
		var m wsMessage
		if err := wsjson.Read(tb.Context(), c, &m); err != nil {
			tb.Fatalf("read %s: %v", p.name, err)
		}
		switch m.Type {
		case "ka", "pong":
			continue
		case "ping":
			_ = wsjson.Write(tb.Context(), c, wsMessage{Type: "pong"})
			continue
		}
		return m
	}
}

// relationEvent decodes the relation of a subscription event.
func relationEvent(tb testing.TB, payload []byte) relRef {
	tb.Helper()
	var ev struct {
		Data struct {
			RelationAdded relRef `json:"relationAdded"`
		} `json:"data"`
		Errors []any `json:"errors"`
	}
	if err := json.Unmarshal(payload, &ev); err != nil || len(ev.Errors) > 0 || ev.Data.RelationAdded.ID == "" {
		tb.Fatalf("subscription event %s: %v", payload, err)
	}
	return ev.Data.RelationAdded
}

// receiveUntil collects events from next until the sentinel relation.
func receiveUntil(tb testing.TB, next func() relRef, sentinel string) []relRef {
	tb.Helper()
	var got []relRef
	for {
		r := next()
		if r.ID == sentinel {
			slices.SortFunc(got, func(a, b relRef) int { return strings.Compare(a.ID, b.ID) })
			return got
		}
		got = append(got, r)
	}
}

func TestRelationAddedOverWebsocket(t *testing.T) {
	for _, p := range wsProtocols {
		t.Run(p.name, func(t *testing.T) {
			events := graph.NewBroker(nil, 0)
			ts, _ := newServer(t, server.Options{Events: events})
			banned := wsConnect(t, ts.URL, p, nil, []string{"BANNED"})
			all := wsConnect(t, ts.URL, p, nil, nil)
			eventually(t, "two subscribers", func() bool { return events.Subscribers() == 2 })

			rels := ingest(t, ts.URL, subArticle, nil)
			if len(ofTypes(rels, "BANNED")) == 0 || len(ofTypes(rels, "IMPOSED_TARIFF")) == 0 {
				t.Fatalf("the test article should yield BANNED and IMPOSED_TARIFF relations, got %+v", rels)
			}
			sentinel := ofTypes(ingest(t, ts.URL, sentinelArticle, nil), "BANNED")
			if len(sentinel) != 1 {
				t.Fatalf("sentinel article: want one BANNED relation, got %+v", sentinel)
			}

			for _, tc := range []struct {
				conn  *websocket.Conn
				types []string
			}{{banned, []string{"BANNED"}}, {all, nil}} {
				next := func() relRef {
					m := wsRead(t, tc.conn, p)
					if m.Type != p.data || m.ID != "1" {
						t.Fatalf("want a %q message for subscription 1, got %+v", p.data, m)
					}
					return relationEvent(t, m.Payload)
				}
				got := receiveUntil(t, next, sentinel[0].ID)
				if diff := cmp.Diff(ofTypes(rels, tc.types...), got); diff != "" {
					t.Errorf("types %v: events differ from the ingested relations (-want +got):\n%s", tc.types, diff)
				}
			}

			// Stopping a subscription unsubscribes it, and the connection
			// lives on.
			if err := wsjson.Write(t.Context(), banned, wsMessage{ID: "1", Type: p.stop}); err != nil {
				t.Fatal(err)
			}
			eventually(t, "the stopped subscription to go", func() bool { return events.Subscribers() == 1 })
			_ = all.Close(websocket.StatusNormalClosure, "")
			eventually(t, "the closed connection's subscription to go", func() bool { return events.Subscribers() == 0 })
		})
	}
}

func TestRelationAddedOverSSE(t *testing.T) {
	events := graph.NewBroker(nil, 0)
	ts, _ := newServer(t, server.Options{Events: events})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	body, _ := json.Marshal(map[string]any{"query": subQuery, "variables": map[string]any{"types": []string{"BANNED", "MET_WITH"}}})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, ts.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("SSE answer: %d %q", resp.StatusCode, ct)
	}
	eventually(t, "the SSE subscriber", func() bool { return events.Subscribers() == 1 })

	rels := ingest(t, ts.URL, subArticle, nil)
	sentinel := ofTypes(ingest(t, ts.URL, sentinelArticle, nil), "BANNED")
	lines := bufio.NewScanner(resp.Body)
	lines.Buffer(nil, 1<<20)
	next := func() relRef {
		event := ""
		for lines.Scan() {
			line := lines.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && event == "next":
				return relationEvent(t, []byte(strings.TrimPrefix(line, "data: ")))
			}
		}
		t.Fatalf("SSE stream ended: %v", lines.Err())
		return relRef{}
	}
	got := receiveUntil(t, next, sentinel[0].ID)
	if diff := cmp.Diff(ofTypes(rels, "BANNED", "MET_WITH"), got); diff != "" {
		t.Errorf("SSE events differ from the ingested relations (-want +got):\n%s", diff)
	}
	cancel()
	eventually(t, "the cancelled SSE subscription to go", func() bool { return events.Subscribers() == 0 })
}

// TestCancelledSubscriptionsLeaveNoGoroutine cancels subscriptions every
// way a client can, and then looks for goroutines still running the
// subscription code of gqlgen, the websocket library or this project.
func TestCancelledSubscriptionsLeaveNoGoroutine(t *testing.T) {
	events := graph.NewBroker(nil, 0)
	ts, _ := newServer(t, server.Options{Events: events})
	for _, p := range wsProtocols {
		stopped := wsConnect(t, ts.URL, p, nil, nil)
		closed := wsConnect(t, ts.URL, p, nil, []string{"BANNED"})
		eventually(t, "subscribers", func() bool { return events.Subscribers() == 2 })
		// One subscription stopped on a connection that stays open, one
		// whose connection drops without a goodbye.
		_ = wsjson.Write(t.Context(), stopped, wsMessage{ID: "1", Type: p.stop})
		_ = closed.CloseNow()
		eventually(t, p.name+": no subscriber", func() bool { return events.Subscribers() == 0 })
		_ = stopped.Close(websocket.StatusNormalClosure, "")
	}
	ctx, cancel := context.WithCancel(t.Context())
	body, _ := json.Marshal(map[string]any{"query": subQuery})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, ts.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "the SSE subscriber", func() bool { return events.Subscribers() == 1 })
	cancel()
	resp.Body.Close()
	eventually(t, "no subscriber", func() bool { return events.Subscribers() == 0 })

	// Events published now reach nobody and block nothing.
	ingest(t, ts.URL, subArticle, nil)
	give := time.Now().Add(patience)
	for stacks := subscriptionGoroutines(); stacks != ""; stacks = subscriptionGoroutines() {
		if time.Now().After(give) {
			t.Fatalf("goroutines of cancelled subscriptions are still running:\n%s", stacks)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// subscriptionGoroutines returns the stacks of the goroutines that run
// subscription code.
func subscriptionGoroutines() string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var out []string
	for g := range strings.SplitSeq(string(buf), "\n\n") {
		for _, mark := range []string{
			"gqlgen/graphql/handler/transport.(*wsConnection)",
			"gqlgen/graphql/handler/transport.(*sseConnection)",
			"gqlgen/graphql/handler/transport.SSE.Do",
			"github.com/coder/websocket.",
			"tradegraph/graph.(*Broker)",
		} {
			if strings.Contains(g, mark) {
				out = append(out, g)
				break
			}
		}
	}
	return strings.Join(out, "\n\n")
}
