package loader

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tradegraph/tradegraph"
)

// result is what one Read produced, for comparison.
type result struct {
	arts  []*tradegraph.Article
	errs  []string
	warns []string
}

func readPaths(tb testing.TB, paths []string, opt ReadOptions) result {
	tb.Helper()
	var r result
	err := Read(context.Background(), paths, opt, func(a *tradegraph.Article, err error) error {
		switch {
		case a != nil && err != nil:
			if !IsWarning(err) {
				tb.Errorf("article %q came with a non-warning error %v", a.ID, err)
			}
			r.warns = append(r.warns, err.Error())
			r.arts = append(r.arts, a)
		case a != nil:
			r.arts = append(r.arts, a)
		default:
			var ae *ArticleError
			if !errors.As(err, &ae) {
				tb.Errorf("error %v is not an *ArticleError", err)
			}
			if tradegraph.ErrorCode(err) != tradegraph.EINVALID {
				tb.Errorf("error %v has code %q, want invalid", err, tradegraph.ErrorCode(err))
			}
			r.errs = append(r.errs, err.Error())
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("Read: %v", err)
	}
	return r
}

// writeFiles writes name → content under a new temporary folder.
func writeFiles(tb testing.TB, files map[string]string) string {
	tb.Helper()
	dir := tb.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// brief is the part of an article the table tests compare.
type brief struct {
	ID, Title, URL, Outlet, Published, Text string
}

func briefs(arts []*tradegraph.Article) []brief {
	var out []brief
	for _, a := range arts {
		out = append(out, brief{a.ID, a.Title, a.URL, a.Outlet, a.Published, a.Text})
	}
	return out
}

func TestReadFormats(t *testing.T) {
	hashID := func(text string) string { return tradegraph.ArticleID("", text) }
	tests := []struct {
		name      string
		file      string
		content   string
		want      []brief
		wantErrs  []string // substrings, one per error, in order
		wantWarns []string
	}{
		{
			name:    "txt title from first line, whole text kept",
			file:    "a.txt",
			content: "\n  Japan bans chips  \r\nSecond line.  \r\n\r\n",
			want:    []brief{{ID: hashID("Japan bans chips\nSecond line."), Title: "Japan bans chips", Text: "Japan bans chips\nSecond line."}},
		},
		{
			name:    "markdown heading mark removed from title only",
			file:    "a.md",
			content: "## Seafood ban\n\nChina halted imports.\n",
			want:    []brief{{ID: hashID("## Seafood ban\n\nChina halted imports."), Title: "Seafood ban", Text: "## Seafood ban\n\nChina halted imports."}},
		},
		{
			name:    "text is put in NFC",
			file:    "nfc.txt",
			content: "Cafe\u0301 tariffs",
			want:    []brief{{ID: hashID("Café tariffs"), Title: "Café tariffs", Text: "Café tariffs"}},
		},
		{
			name:    "json object, unknown fields ignored",
			file:    "a.json",
			content: `{"title":" Ban ","text":"China banned it.","url":"https://x.example/a","outlet":"X  News","published":"May 1, 2023","tags":["x"]}`,
			want:    []brief{{ID: "https://x.example/a", Title: "Ban", URL: "https://x.example/a", Outlet: "X News", Published: "2023-05-01", Text: "China banned it."}},
		},
		{
			name:     "json array, one bad element",
			file:     "a.json",
			content:  "[\n{\"text\":\"One.\",\"url\":\"u1\"},\n{\"title\":\"no text\"},\n{\"text\":5},\n{\"text\":\"Four.\",\"url\":\"u4\"}\n]",
			want:     []brief{{ID: "u1", URL: "u1", Text: "One."}, {ID: "u4", URL: "u4", Text: "Four."}},
			wantErrs: []string{`a.json: item 2: "text" is missing`, `a.json: item 3: "text" must be a string`},
		},
		{
			name:     "json syntax error with position",
			file:     "bad.json",
			content:  "{\n  \"text\": \"x\",\n  \"title\": oops\n}",
			wantErrs: []string{"bad.json: JSON syntax error at line 3, column 12"},
		},
		{
			name:     "jsonl bad line does not stop the file",
			file:     "a.jsonl",
			content:  "{\"text\":\"First.\",\"url\":\"u1\"}\n\n{\"text\": \n{\"text\":\"  \"}\n{\"text\": nope}\n{\"text\":\"Fifth.\",\"url\":\"u5\",\"published\":\"2023-06-13T18:00:00Z\"}",
			want:     []brief{{ID: "u1", URL: "u1", Text: "First."}, {ID: "u5", URL: "u5", Text: "Fifth.", Published: "2023-06-13"}},
			wantErrs: []string{"a.jsonl: line 3: JSON", "a.jsonl: line 4: text is empty", "a.jsonl: line 5: JSON syntax error at column 11:"},
		},
		{
			name:      "unparsable date is a warning, the article loads",
			file:      "a.ndjson",
			content:   `{"text":"Hello.","url":"u","published":"sometime soon"}`,
			want:      []brief{{ID: "u", URL: "u", Text: "Hello."}},
			wantWarns: []string{`a.ndjson: line 1: published date "sometime soon" not understood; left empty`},
		},
		{
			name:     "invalid UTF-8 in txt",
			file:     "bad.txt",
			content:  "abc\xffdef",
			wantErrs: []string{"bad.txt: invalid UTF-8 at byte 3"},
		},
		{
			name:     "invalid UTF-8 in a jsonl line",
			file:     "bad.jsonl",
			content:  "{\"text\":\"ok\",\"url\":\"u\"}\n{\"text\":\"b\xe2\x28\"}\n",
			want:     []brief{{ID: "u", URL: "u", Text: "ok"}},
			wantErrs: []string{"bad.jsonl: line 2: invalid UTF-8 at byte 10"},
		},
		{
			name:     "empty txt",
			file:     "empty.txt",
			content:  " \n\t\n",
			wantErrs: []string{"empty.txt: text is empty"},
		},
		{
			name:    "html without paragraphs falls back to blocks",
			file:    "bare.htm",
			content: "<html><body><div>Line one</div><div>Line <b>two</b></div><footer>x</footer></body></html>",
			want:    []brief{{ID: hashID("Line one\nLine two"), Text: "Line one\nLine two"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{tt.file: tt.content})
			got := readPaths(t, []string{filepath.Join(dir, tt.file)}, ReadOptions{})
			if diff := cmp.Diff(tt.want, briefs(got.arts)); diff != "" {
				t.Errorf("articles (-want +got):\n%s", diff)
			}
			checkMessages(t, "errors", tt.wantErrs, got.errs)
			checkMessages(t, "warnings", tt.wantWarns, got.warns)
			for _, a := range got.arts {
				if a.Source != filepath.Join(dir, tt.file) {
					t.Errorf("Source = %q", a.Source)
				}
			}
		})
	}
}

func checkMessages(tb testing.TB, what string, want, got []string) {
	tb.Helper()
	if len(want) != len(got) {
		tb.Errorf("%s = %q, want %d matching %q", what, got, len(want), want)
		return
	}
	for i := range want {
		if !strings.Contains(got[i], want[i]) {
			tb.Errorf("%s[%d] = %q, want it to contain %q", what, i, got[i], want[i])
		}
	}
}

func TestReadSeedKeepsWholeText(t *testing.T) {
	seed, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := readPaths(t, []string{"testdata/seed.txt"}, ReadOptions{})
	if len(got.arts) != 1 {
		t.Fatalf("got %d articles, errors %q", len(got.arts), got.errs)
	}
	a := got.arts[0]
	want := strings.TrimSpace(string(seed))
	if a.Text != want {
		t.Errorf("text differs from the seed: got %d bytes, want %d", len(a.Text), len(want))
	}
	if !strings.HasPrefix(a.Text, "US authorities have asked the Japanese government") {
		t.Errorf("text lost its first paragraph: %.60q", a.Text)
	}
	if n := len([]rune(a.Title)); n > maxTitleRunes || !strings.HasSuffix(a.Title, "…") {
		t.Errorf("title of %d runes %q, want a cut title of at most %d", n, a.Title, maxTitleRunes)
	}
	if !strings.HasPrefix(a.Title, "US authorities have asked") {
		t.Errorf("title = %q", a.Title)
	}
	if a.ID != tradegraph.ArticleID("", want) {
		t.Errorf("ID = %q", a.ID)
	}
}

func TestReadSizeLimits(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"big.txt":   strings.Repeat("word ", 700), // 3500 bytes
		"small.txt": "fine",
		"big.jsonl": `{"text":"` + strings.Repeat("a", 3000) + `"}` + "\n" + `{"text":"ok"}`,
	})
	got := readPaths(t, []string{dir}, ReadOptions{MaxArticleBytes: 1 << 10, MaxFileBytes: 3 << 10})
	checkMessages(t, "errors", []string{
		"big.jsonl: line 1: article is 2.9 KiB, over the 1 KiB limit (--max-article-size)",
		"big.txt: file is 3.4 KiB, over the 3 KiB limit",
	}, got.errs)
	if len(got.arts) != 2 {
		t.Errorf("got %d articles, want 2 (ok line and small.txt)", len(got.arts))
	}
	// The default limit speaks MiB.
	dir = writeFiles(t, map[string]string{"huge.txt": strings.Repeat("x", 3<<20+1<<18)})
	got = readPaths(t, []string{dir}, ReadOptions{})
	checkMessages(t, "errors", []string{"huge.txt: article is 3.2 MiB, over the 1 MiB limit (--max-article-size)"}, got.errs)
}

func TestReadFolder(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"b.txt":             "B",
		"a.txt":             "A",
		"sub/c.md":          "C",
		"sub/deeper/d.json": `{"text":"D"}`,
		"z.txt":             "Z",
		".hidden.txt":       "hidden",
		".git/e.txt":        "hidden folder",
		"notes.docx":        "unknown extension",
		"sub/image.png":     "unknown extension",
	})
	got := readPaths(t, []string{filepath.Join(dir, "z.txt"), dir, filepath.Join(dir, "missing")}, ReadOptions{})
	var texts []string
	for _, a := range got.arts {
		texts = append(texts, a.Text)
	}
	if diff := cmp.Diff([]string{"Z", "A", "B", "C", "D", "Z"}, texts); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	checkMessages(t, "errors", []string{"missing: no such file or folder"}, got.errs)
}

func TestReadStdin(t *testing.T) {
	rss, err := os.ReadFile("testdata/feed.rss")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, format, input string
		wantTexts           []string
	}{
		{"sniff text", "", "Plain words.\nMore.", []string{"Plain words.\nMore."}},
		{"sniff jsonl", "", "{\"text\":\"one\"}\n{\"text\":\"two\"}\n", []string{"one", "two"}},
		{"sniff pretty json", "", "{\n  \"text\": \"pretty\"\n}\n", []string{"pretty"}},
		{"sniff json array", "", `[{"text":"a"},{"text":"b"}]`, []string{"a", "b"}},
		{"sniff html", "", "<html><body><main><p>Para.</p></main></body></html>", []string{"Para."}},
		{"sniff feed", "", string(rss), nil}, // checked by count below
		{"forced txt", "txt", `{"text":"not json"}`, []string{`{"text":"not json"}`}},
		{"forced html", "html", "<p>x</p>", []string{"x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readPaths(t, []string{"-"}, ReadOptions{Stdin: strings.NewReader(tt.input), StdinFormat: tt.format})
			if tt.wantTexts == nil {
				if len(got.arts) != 2 || got.arts[0].Outlet != "Trade Wire" {
					t.Errorf("feed on stdin: %d articles, errors %q", len(got.arts), got.errs)
				}
				return
			}
			var texts []string
			for _, a := range got.arts {
				texts = append(texts, a.Text)
				if a.Source != "stdin" {
					t.Errorf("Source = %q, want stdin", a.Source)
				}
			}
			if diff := cmp.Diff(tt.wantTexts, texts); diff != "" {
				t.Errorf("texts (-want +got):\n%s\nerrors: %q", diff, got.errs)
			}
		})
	}
	err = Read(context.Background(), []string{"-"}, ReadOptions{Stdin: strings.NewReader("x"), StdinFormat: "pdf"}, func(*tradegraph.Article, error) error { return nil })
	if tradegraph.ErrorCode(err) != tradegraph.EINVALID {
		t.Errorf("unknown stdin format: err = %v, want EINVALID", err)
	}
}

func TestReadHTMLPage(t *testing.T) {
	got := readPaths(t, []string{"testdata/page.html"}, ReadOptions{})
	want := []brief{{
		ID:        "https://tradedaily.example/us-japan-chips",
		Title:     "US presses Japan on chip controls",
		URL:       "https://tradedaily.example/us-japan-chips",
		Outlet:    "Trade Daily",
		Published: "2023-05-01",
		Text: "US authorities have asked the Japanese government to join efforts aimed at curbing China’s progress in semiconductors.\n" +
			"The request was conveyed to Yasutoshi Nishimura, Japan’s minister.",
	}}
	if diff := cmp.Diff(want, briefs(got.arts)); diff != "" {
		t.Errorf("(-want +got):\n%s\nerrors: %q", diff, got.errs)
	}
}

func TestReadHTMLMetadataFallbacks(t *testing.T) {
	tests := []struct {
		name, page string
		want       brief
	}{
		{
			name: "title tag, og:url, time element",
			page: `<html><head><title>Tariffs rise</title><meta property="og:url" content="https://a.example/t"></head>
				<body><time datetime="2024-02-03">Feb 3</time><p>Duties on steel.</p></body></html>`,
			want: brief{ID: "https://a.example/t", Title: "Tariffs rise", URL: "https://a.example/t", Published: "2024-02-03", Text: "Duties on steel."},
		},
		{
			name: "first h1, article:published_time, main over body",
			page: `<html><body><p>Outside main.</p><main><h1>Headline</h1><h1>Second</h1><p>Inside main.</p></main>
				<meta property="article:published_time" content="2 January 2024"></body></html>`,
			want: brief{ID: tradegraph.ArticleID("", "Inside main."), Title: "Headline", Published: "2024-01-02", Text: "Inside main."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readPaths(t, []string{"-"}, ReadOptions{Stdin: strings.NewReader(tt.page), StdinFormat: "html"})
			if diff := cmp.Diff([]brief{tt.want}, briefs(got.arts)); diff != "" {
				t.Errorf("(-want +got):\n%s\nerrors: %q", diff, got.errs)
			}
		})
	}
}

func TestReadFeeds(t *testing.T) {
	t.Run("rss", func(t *testing.T) {
		got := readPaths(t, []string{"testdata/feed.rss"}, ReadOptions{})
		want := []brief{
			{
				ID: "https://tradewire.example/2023/05/japan-chips", Title: "Japan weighs chip export curbs",
				URL: "https://tradewire.example/2023/05/japan-chips", Outlet: "Trade Wire", Published: "2023-05-01",
				Text: "US authorities have asked the Japanese government to join efforts to curb China's chip progress.\nTokyo is weighing the request.",
			},
			{
				ID: "https://tradewire.example/2023/06/seafood", Title: "China halts Taiwan seafood imports",
				URL: "https://tradewire.example/2023/06/seafood", Outlet: "Trade Wire", Published: "2023-06-13",
				Text: "Chinese authorities halted imports of seafood from Taiwan & cited customs rules.",
			},
		}
		if diff := cmp.Diff(want, briefs(got.arts)); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		checkMessages(t, "errors", []string{"feed.rss: item 3: text is empty"}, got.errs)
	})
	t.Run("atom", func(t *testing.T) {
		got := readPaths(t, []string{"testdata/feed.atom"}, ReadOptions{})
		want := []brief{
			{
				ID: "https://ecm.example/gallium", Title: "Beijing restricts gallium exports", URL: "https://ecm.example/gallium",
				Outlet: "Export Control Monitor", Published: "2023-07-03",
				Text: "China announced export controls on gallium and germanium.",
			},
			{
				ID: "https://ecm.example/summary", Title: "Summary only", URL: "https://ecm.example/summary",
				Outlet: "Export Control Monitor", Published: "2023-07-05",
				Text: "The Netherlands tightened licences for ASML machines.",
			},
		}
		if diff := cmp.Diff(want, briefs(got.arts)); diff != "" {
			t.Errorf("(-want +got):\n%s\nerrors: %q", diff, got.errs)
		}
	})
	t.Run("xml that is no feed", func(t *testing.T) {
		dir := writeFiles(t, map[string]string{"x.xml": "<?xml version=\"1.0\"?><catalog><book/></catalog>"})
		got := readPaths(t, []string{dir}, ReadOptions{})
		checkMessages(t, "errors", []string{"x.xml: not an RSS or Atom feed"}, got.errs)
	})
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2023-05-01", "2023-05-01", true},
		{"2023-05-01T23:30:00-04:00", "2023-05-01", true},
		{"2023-05-01T08:00:00.123Z", "2023-05-01", true},
		{"Mon, 01 May 2023 09:30:00 +0900", "2023-05-01", true},
		{"Mon, 01 May 2023 09:30:00 GMT", "2023-05-01", true},
		{"Mon, 1 May 2023 09:30:00 +0900", "2023-05-01", true},
		{"May 1, 2023", "2023-05-01", true},
		{"January 2, 2006", "2006-01-02", true},
		{"2 January 2006", "2006-01-02", true},
		{"1st May 2023", "2023-05-01", true},
		{"May 22nd, 2023", "2023-05-22", true},
		{"  ", "", true},
		{"yesterday", "", false},
		{"2023-13-45", "", false},
	}
	for _, tt := range tests {
		got, ok := parseDate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNormalizeTitle(t *testing.T) {
	long := strings.Repeat("tariff ", 60) // 420 runes
	got := normalizeTitle(long)
	if n := len([]rune(got)); n > maxTitleRunes {
		t.Errorf("title has %d runes", n)
	}
	if !strings.HasSuffix(got, "tariff…") {
		t.Errorf("title not cut at a word boundary: %q", got[len(got)-20:])
	}
	if got := normalizeTitle("  a \n b  "); got != "a b" {
		t.Errorf("normalizeTitle folds spaces: got %q", got)
	}
}

func TestArticleErrorMessage(t *testing.T) {
	err := error(&ArticleError{Source: "testdata/bad.json", Line: 3, Err: invalid("text is empty")})
	if got, want := err.Error(), "testdata/bad.json: line 3: text is empty"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if tradegraph.ErrorCode(err) != tradegraph.EINVALID {
		t.Errorf("code = %q, want invalid", tradegraph.ErrorCode(err))
	}
	if IsWarning(err) {
		t.Error("IsWarning of an error")
	}
}

func BenchmarkReadJSONL(b *testing.B) {
	var sb strings.Builder
	para := `{"title":"Chip curbs","url":"https://x.example/%d","published":"2023-05-01","text":"` +
		strings.Repeat("US authorities have asked the Japanese government to join efforts aimed at curbing China’s progress. ", 20) + `"}` + "\n"
	for i := range 2000 {
		sb.WriteString(strings.Replace(para, "%d", string(rune('a'+i%26))+strings.Repeat("x", i%7), 1))
	}
	dir := writeFiles(b, map[string]string{"corpus.jsonl": sb.String()})
	path := filepath.Join(dir, "corpus.jsonl")
	b.SetBytes(int64(sb.Len()))
	for b.Loop() {
		n := 0
		err := Read(context.Background(), []string{path}, ReadOptions{}, func(a *tradegraph.Article, err error) error {
			if err != nil {
				return err
			}
			n++
			return nil
		})
		if err != nil || n != 2000 {
			b.Fatalf("read %d articles, err %v", n, err)
		}
	}
}

func TestReadHTMLDeclaredCharset(t *testing.T) {
	page := "<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xe9 tariffs \x96 a note</p></body></html>"
	got := readPaths(t, []string{"-"}, ReadOptions{Stdin: strings.NewReader(page), StdinFormat: "html"})
	if len(got.arts) != 1 || got.arts[0].Text != "Café tariffs – a note" {
		t.Errorf("declared windows-1252 not decoded: %+v, errors %q", briefs(got.arts), got.errs)
	}
	got = readPaths(t, []string{"-"}, ReadOptions{Stdin: strings.NewReader("<p>Caf\xe9</p>"), StdinFormat: "html"})
	checkMessages(t, "errors", []string{"stdin: invalid UTF-8 at byte 6"}, got.errs)
}
