package extract

import (
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph"
)

// fuzzMaxBytes bounds the articles FuzzExtract extracts, through the same
// limit the extractor applies to every article; longer inputs must be
// refused, not extracted.
const fuzzMaxBytes = 64 << 10

// FuzzExtract runs the whole extractor on arbitrary text. Whatever the text,
// Extract must not panic, must refuse exactly the articles Validate refuses,
// and must return an extraction that holds together: every offset inside
// the text and pointing at the text it claims, every id it uses among its
// actors.
func FuzzExtract(f *testing.F) {
	for _, a := range benchArticles(f) {
		if len(a.Text) <= fuzzMaxBytes {
			f.Add(a.Text)
		}
	}
	for _, s := range []string{
		"",
		" \n\t ",
		"Japan met China.",
		"U.S. U.S. U.S.",
		"The U.S. Dept. of Commerce asked Japan's METI. It said so.",
		"Jack Ma, founder of Alibaba and owner of AliExpress, has reportedly relocated to Japan, the FT said.",
		"China did not ban Japanese seafood, Kyodo News reported.",
		"Ünïcode 🇯🇵 Japan banned Taiwan’s fish — 日本 China\u200b met\u00a0Japan.",
		"\r\nJapan\r\nmet\rChina\r\n",
		"Japan's Japan's Japan's ’s ’s",
		"the minister he she it. The minister met the minister.",
		"\"\"\"“”‘’«»()[]{}…—–-,,,;;::..!!??",
		strings.Repeat("Japan and China and ", 200) + "met.",
		strings.Repeat("(", 500) + "Japan banned China" + strings.Repeat(")", 500),
		strings.Repeat("Mr. ", 300) + "Ma",
		"e\u0301 Japa\u0301n met Chi\u0301na.",
		"\xff\xfe Japan",
	} {
		f.Add(s)
	}
	x, err := New(Options{MaxArticleBytes: fuzzMaxBytes})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		a := &tradegraph.Article{Text: text}
		ex, err := x.Extract(t.Context(), a)
		if verr := a.Validate(fuzzMaxBytes); verr != nil {
			if tradegraph.ErrorCode(err) != tradegraph.EINVALID {
				t.Fatalf("Validate says %v, but Extract returned %v", verr, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Extract of a valid article: %v", err)
		}
		checkExtraction(t, text, ex)
	})
}

// checkExtraction fails t when ex does not hold together as an extraction
// of text.
func checkExtraction(t *testing.T, text string, ex *tradegraph.Extraction) {
	t.Helper()
	runes := []rune(text)
	slice := func(span [2]int) (string, bool) {
		if span[0] < 0 || span[0] > span[1] || span[1] > len(runes) {
			return "", false
		}
		return string(runes[span[0]:span[1]]), true
	}
	actors := map[string]bool{}
	for _, act := range ex.Actors {
		if act.ID == "" || !act.Kind.Valid() || actors[act.ID] {
			t.Fatalf("actor %+v: empty id, unknown kind or repeated id", act)
		}
		actors[act.ID] = true
	}
	for _, m := range ex.Mentions {
		got, ok := slice([2]int{m.Start, m.End})
		if !ok || m.Start == m.End || got != m.Text {
			t.Fatalf("mention %q at [%d,%d) of %d code points holds %q", m.Text, m.Start, m.End, len(runes), got)
		}
		if !actors[m.ActorID] {
			t.Fatalf("mention %q of %q, which is not among the actors", m.Text, m.ActorID)
		}
	}
	type key struct {
		t        tradegraph.RelationType
		from, to string
	}
	seen := map[key]bool{}
	for _, r := range ex.Relations {
		e := edge(r)
		if !r.Type.Valid() || r.From == r.To {
			t.Fatalf("%s: unknown type or an actor related to itself", e)
		}
		for _, id := range append([]string{r.From, r.To, r.ReportedBy}, r.Concerning...) {
			if id != "" && !actors[id] {
				t.Fatalf("%s: %q is not among the actors (concerning %v, reported by %q)", e, id, r.Concerning, r.ReportedBy)
			}
		}
		if got, ok := slice(r.Span); !ok || got != r.Evidence || strings.TrimSpace(r.Evidence) == "" {
			t.Fatalf("%s: span %v of %d code points holds %q, evidence is %q", e, r.Span, len(runes), got, r.Evidence)
		}
		if r.Confidence <= 0 || r.Confidence > 1 {
			t.Fatalf("%s: confidence %v outside (0, 1]", e, r.Confidence)
		}
		if r.Type.Symmetric() && r.To < r.From {
			t.Fatalf("%s: symmetric relation not stored from the smaller id", e)
		}
		k := key{r.Type, r.From, r.To}
		if seen[k] {
			t.Fatalf("%s: more than one relation with this type and ends", e)
		}
		seen[k] = true
	}
}
