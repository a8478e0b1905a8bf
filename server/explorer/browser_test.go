package explorer_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/internal/browsertest"
	"github.com/tradegraph/tradegraph/internal/testsite"
	"github.com/tradegraph/tradegraph/server"
)

func TestExplorerInBrowser(t *testing.T) {
	b := browsertest.New(t, 60*time.Second)
	ts, st := testsite.Serve(t, server.Options{})

	centre, neighbour := "person:jack-ma", "country:JP"
	if _, err := st.FindActorByID(t.Context(), centre); err != nil {
		centre, neighbour = "country:JP", ""
	}
	rels, err := st.FindRelations(t.Context(), tradegraph.RelationFilter{Actor: centre, Paging: tradegraph.Paging{First: 50}})
	if err != nil || len(rels.Items) == 0 {
		t.Fatalf("relations of %s: %v, %d", centre, err, len(rels.Items))
	}
	var want *tradegraph.Relation
	for _, r := range rels.Items {
		if neighbour == "" || r.From == neighbour || r.To == neighbour {
			want = r
			break
		}
	}
	if want == nil {
		t.Fatalf("no relation between %s and %s", centre, neighbour)
	}
	if neighbour == "" {
		neighbour = want.To
		if neighbour == centre {
			neighbour = want.From
		}
	}

	p := &page{t: t, ctx: b.Context()}

	nodeSel := fmt.Sprintf(`#graph .node[data-actor=%q]`, neighbour)
	p.do("opening the explorer", chromedp.Navigate(ts.URL+"/explore#actor="+centre), chromedp.WaitVisible(chromedp.CSS(nodeSel)))
	nb, err := st.FindActorByID(t.Context(), neighbour)
	if err != nil {
		t.Fatal(err)
	}
	if label := p.text(nodeSel + " .node-label"); label != nb.Name {
		t.Errorf("node %s is labelled %q, want %q", neighbour, label, nb.Name)
	}

	// An edge: its label is part of the arrow and the easiest target.
	edgeSel := fmt.Sprintf(`#graph .edge-label[data-type=%q][data-from=%q][data-to=%q]`, want.Type, want.From, want.To)
	p.do("clicking the edge", chromedp.Click(chromedp.CSS(edgeSel)), chromedp.WaitVisible(chromedp.ID("evidence")))
	if got := p.text("#evidence-body"); !strings.Contains(squash(got), squash(want.Evidence)) {
		t.Errorf("evidence panel shows %q, want the sentence %q", got, want.Evidence)
	}
	// Hedged claims are drawn dashed; the class carries the dash.
	hedged := p.eval(fmt.Sprintf(`String(document.querySelector('#graph .edge[data-type=%q][data-from=%q][data-to=%q]').classList.contains('hedged'))`, want.Type, want.From, want.To))
	if hedged != fmt.Sprint(want.Hedged) {
		t.Errorf("edge drawn hedged=%s, relation hedged=%v", hedged, want.Hedged)
	}
	p.do("settling", chromedp.Sleep(200*time.Millisecond))
	p.screenshot("explorer.png")

	// The same arrow from the keyboard.
	gSel := fmt.Sprintf(`#graph .edge[data-type=%q][data-from=%q][data-to=%q]`, want.Type, want.From, want.To)
	p.do("pressing Enter on the edge",
		chromedp.Click(chromedp.ID("evidence-close")),
		chromedp.WaitNotVisible(chromedp.ID("evidence")),
		chromedp.Focus(chromedp.CSS(gSel)),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.ID("evidence")))

	// A row of the table.
	rowSel := fmt.Sprintf(`#relations-body tr[data-relation=%q] button`, want.ID)
	p.do("clicking the table row",
		chromedp.Click(chromedp.ID("evidence-close")),
		chromedp.WaitNotVisible(chromedp.ID("evidence")),
		chromedp.Click(chromedp.CSS(rowSel)),
		chromedp.WaitVisible(chromedp.ID("evidence")))
	if got := p.text("#evidence-body"); !strings.Contains(squash(got), squash(want.Evidence)) {
		t.Errorf("after a row click the evidence panel shows %q, want %q", got, want.Evidence)
	}

	// Type-ahead, then picking the suggestion re-centres the view.
	p.do("searching for jap",
		chromedp.SendKeys(chromedp.ID("search"), "jap"),
		chromedp.WaitVisible(chromedp.CSS(`#suggestions li[data-actor="country:JP"]`)),
		chromedp.Click(chromedp.CSS(`#suggestions li[data-actor="country:JP"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#graph .node.centre[data-actor="country:JP"]`)))
	hash := p.eval(`location.hash`)
	if name := p.text("#centre-name"); name != "Japan" || !strings.Contains(hash, "actor=country:JP") {
		t.Errorf("after picking Japan: centre %q, hash %q", name, hash)
	}
	p.do("choosing depth 2",
		chromedp.SetValue(chromedp.ID("depth"), "2"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('depth').dispatchEvent(new Event('change'))`),
		chromedp.WaitVisible(chromedp.CSS(`#graph[data-actor="country:JP"][data-depth="2"] .node`)),
		chromedp.Sleep(200*time.Millisecond))
	if hash := p.eval(`location.hash`); !strings.Contains(hash, "depth=2") {
		t.Errorf("hash %q does not keep the depth", hash)
	}
	p.screenshot("explorer-japan-depth2.png")

	// Unticking a relation type asks again without it and keeps the choice
	// in the address.
	if n := p.eval(`String(document.querySelectorAll('#graph .edge[data-type="PART_OF"]').length)`); n == "0" {
		t.Fatal("no PART_OF arrows around Japan to filter out; the test data changed")
	}
	p.do("filtering out PART_OF",
		chromedp.Click(chromedp.CSS(`.control.types summary`)),
		chromedp.Click(chromedp.ID("type-PART_OF")),
		chromedp.WaitVisible(chromedp.CSS(`#graph[data-types="14"] .node`)))
	if hash := p.eval(`location.hash`); !strings.Contains(hash, "types=") || strings.Contains(hash, "PART_OF") {
		t.Errorf("after unticking PART_OF the hash is %q", hash)
	}
	if n := p.eval(`String(document.querySelectorAll('#graph .edge[data-type="PART_OF"]').length)`); n != "0" {
		t.Errorf("%s PART_OF arrows drawn after unticking the type", n)
	}
	p.do("ticking every type again",
		chromedp.Click(chromedp.ID("types-all")),
		chromedp.WaitVisible(chromedp.CSS(`#graph[data-types="15"] .node`)),
		chromedp.Click(chromedp.CSS(`.control.types summary`)))

	// Clicking an actor centres the view on it.
	other := p.eval(`document.querySelector('#graph .node:not(.centre)').dataset.actor`)
	p.do("clicking "+other,
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#graph .node[data-actor=%q] .shape`, other))),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#graph[data-actor=%q] .node.centre[data-actor=%q]`, other, other))))
	if hash := p.eval(`location.hash`); !strings.Contains(hash, "actor="+other) {
		t.Errorf("after clicking %s the hash is %q", other, hash)
	}

	// A limit below the neighbourhood's size cuts it short, and the page
	// says so. The view before may have been cut short too, so the wait is
	// for the new view to be drawn.
	p.do("opening a truncated neighbourhood",
		chromedp.Evaluate[chromedp.Void](`location.hash = '#actor=country:JP&depth=2&limit=3'`),
		chromedp.WaitVisible(chromedp.CSS(`#graph[data-actor="country:JP"][data-depth="2"][data-limit="3"] .node`)),
		chromedp.WaitVisible(chromedp.ID("truncated")))
	if n := p.eval(`String(document.querySelectorAll('#graph .node').length)`); n != "3" {
		t.Errorf("%s nodes drawn with limit=3", n)
	}

	// The layout is seeded: the same view is drawn the same way.
	drawing := `[...document.querySelectorAll('#graph .node')].map((n) => n.dataset.actor + ' ' + n.getAttribute('transform')).join('; ')`
	first := p.eval(drawing)
	p.do("reloading", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(`#graph[data-actor="country:JP"] .node`)))
	if again := p.eval(drawing); again != first {
		t.Errorf("the same view was drawn differently:\n%s\n%s", first, again)
	}

	// An unknown actor shows the server's message and code.
	p.do("opening an unknown actor",
		chromedp.Evaluate[chromedp.Void](`location.hash = '#actor=person:nobody-at-all&depth=1'`),
		chromedp.WaitVisible(chromedp.ID("error")))
	if got := p.text("#error"); !strings.Contains(got, "NOT_FOUND") {
		t.Errorf("error box says %q, want the code NOT_FOUND", got)
	}
	p.screenshot("explorer-error.png")

	if len(b.Requests()) < 5 {
		t.Errorf("only %d requests recorded; the recorder is not working", len(b.Requests()))
	}
	if out := b.Foreign(ts.URL); len(out) > 0 {
		t.Errorf("requests left the test server: %v", out)
	}
	// The page reports errors in its own error box; anything in the
	// console is a bug (an exception, a CSP violation, a failed load).
	var problems []string
	for _, m := range b.Console() {
		if !strings.HasPrefix(m, "console.log") && !strings.HasPrefix(m, "console.info") && !strings.HasPrefix(m, "log.info") && !strings.HasPrefix(m, "log.verbose") {
			problems = append(problems, m)
		}
	}
	if len(problems) > 0 {
		t.Errorf("the page logged problems:\n%s", strings.Join(problems, "\n"))
	}
}

// page runs steps in the browser tab and fails the test on errors.
type page struct {
	t   *testing.T
	ctx context.Context // the tab's, from browsertest
}

func (p *page) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

func (p *page) text(sel string) string {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.TextContent(chromedp.CSS(sel)))
	if err != nil {
		p.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

func (p *page) eval(js string) string {
	p.t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		p.t.Fatalf("%s: %v", js, err)
	}
	return s
}

// screenshot saves the page as name in $TRADEGRAPH_SCREENSHOTS, when that
// is set, so a person can look at what the test saw; otherwise it does
// nothing.
func (p *page) screenshot(name string) {
	p.t.Helper()
	dir := os.Getenv("TRADEGRAPH_SCREENSHOTS")
	if dir == "" {
		return
	}
	path := filepath.Join(dir, name)
	png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("screenshot in %s", path)
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
