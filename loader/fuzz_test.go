package loader

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tradegraph/tradegraph"
)

// Fuzz limits: small enough that one input costs little, so the fuzzer
// tries many, and that memory stays bounded whatever the input claims.
const (
	fuzzMaxArticle = 16 << 10
	fuzzMaxFile    = 256 << 10
)

// The reader fuzz targets feed arbitrary bytes to Read as standard input in
// one format each (FuzzReadAny lets the reader guess). Whatever the bytes,
// Read must not panic, must report every problem as an *ArticleError with
// code EINVALID instead of returning it, and every article it hands on must
// be one the extractor accepts, in the normal form the reader promises.

func FuzzReadText(f *testing.F)  { fuzzRead(f, "txt") }
func FuzzReadJSON(f *testing.F)  { fuzzRead(f, "json") }
func FuzzReadJSONL(f *testing.F) { fuzzRead(f, "jsonl") }
func FuzzReadHTML(f *testing.F)  { fuzzRead(f, "html") }
func FuzzReadFeed(f *testing.F)  { fuzzRead(f, "feed") }
func FuzzReadAny(f *testing.F)   { fuzzRead(f, "") }

func fuzzRead(f *testing.F, format string) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	opt := ReadOptions{MaxArticleBytes: fuzzMaxArticle, MaxFileBytes: fuzzMaxFile, StdinFormat: format}
	f.Fuzz(func(t *testing.T, data []byte) {
		opt := opt
		opt.Stdin = bytes.NewReader(data)
		err := Read(t.Context(), []string{"-"}, opt, func(a *tradegraph.Article, err error) error {
			if err != nil {
				var ae *ArticleError
				switch {
				case !errors.As(err, &ae):
					t.Fatalf("error %v (%T) is not an *ArticleError", err, err)
				case ae.Source != "stdin" || ae.Line < 0 || ae.Item < 0:
					t.Fatalf("error %q: source %q, line %d, item %d", err, ae.Source, ae.Line, ae.Item)
				case tradegraph.ErrorCode(ae.Err) != tradegraph.EINVALID:
					t.Fatalf("error %q has code %q, want %q", err, tradegraph.ErrorCode(ae.Err), tradegraph.EINVALID)
				case a == nil && ae.Warning, a != nil && !ae.Warning:
					t.Fatalf("error %q (warning %v) came with article %v", err, ae.Warning, a != nil)
				}
			}
			if a != nil {
				checkArticle(t, a)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("Read returned %v; problems with the input must go to fn", err)
		}
	})
}

// checkArticle fails t when a is not an article as Read promises them.
func checkArticle(t *testing.T, a *tradegraph.Article) {
	t.Helper()
	if err := a.Validate(fuzzMaxArticle); err != nil {
		t.Fatalf("article %q fails Validate: %v", a.Title, err)
	}
	if a.Text != normalizeText(a.Text) {
		t.Fatalf("text %q is not in normal form: %q", a.Text, normalizeText(a.Text))
	}
	for name, s := range map[string]string{"title": a.Title, "url": a.URL, "outlet": a.Outlet} {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\n\r") || s != strings.TrimSpace(s) {
			t.Fatalf("%s %q: invalid UTF-8, a line break or untrimmed", name, s)
		}
	}
	if utf8.RuneCountInString(a.Title) > maxTitleRunes {
		t.Fatalf("title of %d code points, over %d", utf8.RuneCountInString(a.Title), maxTitleRunes)
	}
	if want := tradegraph.ArticleID(a.URL, a.Text); a.ID != want {
		t.Fatalf("id %q, want %q", a.ID, want)
	}
	if a.Source != "stdin" {
		t.Fatalf("source %q, want stdin", a.Source)
	}
}

// fuzzSeeds are the example articles, the loader's test files, and inputs
// at the edges of each format.
func fuzzSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	var seeds [][]byte
	for _, pattern := range []string{"../testdata/articles/*", "testdata/*"} {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			tb.Fatal(err)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				tb.Fatal(err)
			}
			if len(data) <= fuzzMaxFile {
				seeds = append(seeds, data)
			}
		}
	}
	if len(seeds) == 0 {
		tb.Fatal("no seed files")
	}
	for _, s := range []string{
		"",
		"\uFEFF",
		"\uFEFFTitle\r\n\r\nJapan met China.\r\n",
		"# Heading\n\nText.",
		"\xff\xfe\x00J\x00a",
		"[", "]", "{", "}", "[]", "{}", "null", "[null]", `""`, "[1, {}]",
		`{"text": ""}`,
		`{"text": "Japan met China.", "published": "May 1st, 2023"}`,
		`{"text": "x", "title": 5}`,
		`[{"text": "a"}, {"text": "b"`,
		`[{"text": "a"}, {"text": "\xff"}, {"text": "c"}]`,
		"{\"text\": \"a\"}\n\n{\"text\": \"b\"}\n{\"text\"\n",
		`{"text": "a"} {"text": "b"}`,
		strings.Repeat("[", 5000),
		strings.Repeat(`{"a":`, 3000),
		"<html><head><meta charset=\"windows-1252\"><title>T</title></head><body><p>caf\xe9 Japan</p></body></html>",
		"<html><body><article><p>One.</p><script>x</script><p>Two.</p></article></body></html>",
		`<html><head><script type="application/ld+json">{"datePublished": "2024-01-02"}</script></head><body><p>t</p></body></html>`,
		"<" + strings.Repeat("<div>", 2000),
		`<rss version="2.0"><channel><title>O</title><item><title>T</title><description>&lt;p&gt;Japan&lt;/p&gt;</description><pubDate>Mon, 02 Jan 2006 15:04:05 -0700</pubDate></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><title>E</title><content type="html">Text</content><updated>2024-01-02T03:04:05Z</updated></entry></feed>`,
		`<rss><channel></channel></rss>`,
		`<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><description>caf` + "\xe9" + `</description></item></channel></rss>`,
	} {
		seeds = append(seeds, []byte(s))
	}
	return seeds
}
