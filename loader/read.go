package loader

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/tradegraph/tradegraph"
)

// DefaultMaxFileBytes is the default size limit of one input file. Files in
// streamed formats (JSON Lines) are held to it too, so that a wrong path
// fails fast instead of churning through gigabytes.
const DefaultMaxFileBytes = 256 << 20

// ReadOptions configure Read.
type ReadOptions struct {
	// MaxArticleBytes limits the text of one article; 0 means
	// tradegraph.DefaultMaxArticleBytes.
	MaxArticleBytes int
	// MaxFileBytes limits one input file; 0 means DefaultMaxFileBytes.
	MaxFileBytes int64
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
	// StdinFormat is the format of "-": txt, md, json, jsonl, ndjson, html,
	// feed, rss, atom or xml. Empty means guess from the first byte: "{" or
	// "[" is JSON (JSON Lines when the first line is a whole object), "<" is
	// a feed or HTML, anything else text.
	StdinFormat string
}

func (o ReadOptions) maxArticle() int {
	if o.MaxArticleBytes <= 0 {
		return tradegraph.DefaultMaxArticleBytes
	}
	return o.MaxArticleBytes
}

func (o ReadOptions) maxFile() int64 {
	if o.MaxFileBytes <= 0 {
		return DefaultMaxFileBytes
	}
	return o.MaxFileBytes
}

type format int

const (
	formatSniff format = iota
	formatText
	formatJSON
	formatJSONL
	formatHTML
	formatFeed
)

// formatNames maps extensions (without the dot) and StdinFormat values to
// formats.
var formatNames = map[string]format{
	"txt": formatText, "text": formatText, "md": formatText, "markdown": formatText,
	"json":  formatJSON,
	"jsonl": formatJSONL, "ndjson": formatJSONL,
	"html": formatHTML, "htm": formatHTML,
	"feed": formatFeed, "xml": formatFeed, "rss": formatFeed, "atom": formatFeed,
}

// formatOf returns the format of a file by its extension; ok is false for
// extensions the loader does not read.
func formatOf(path string) (format, bool) {
	f, ok := formatNames[strings.ToLower(strings.TrimPrefix(filepath.Ext(path), "."))]
	return f, ok
}

// Read reads the articles at paths and calls fn for each, in input order:
// paths in the order given, the files of a folder recursively in lexical
// order (hidden files and folders, and files of unknown extensions, are
// skipped), the articles of a file in file order. "-" reads standard input.
//
// fn is called in one of three ways:
//   - fn(a, nil): a was read.
//   - fn(a, err): a was read, and err is an *ArticleError with Warning set
//     (an unparsable date, say) that the caller may show.
//   - fn(nil, err): an article or a whole file could not be read; err is an
//     *ArticleError naming it and saying why. Reading goes on.
//
// Articles come one at a time and are not kept, so the size of a corpus is
// not limited by memory. Read returns early with the error of fn when fn
// returns one, and with ctx.Err() when ctx ends (checked between articles: a
// read from a silent pipe cannot be interrupted); an unknown StdinFormat is
// an EINVALID error before anything is read.
func Read(ctx context.Context, paths []string, opt ReadOptions, fn func(*tradegraph.Article, error) error) error {
	return read(ctx, paths, opt, func(a *tradegraph.Article, _ pos, err error) error { return fn(a, err) })
}

// read is Read with the position of each article in its source, which the
// pipeline needs to name articles that fail after reading.
func read(ctx context.Context, paths []string, opt ReadOptions, fn func(*tradegraph.Article, pos, error) error) error {
	stdinFormat := formatSniff
	if opt.StdinFormat != "" {
		f, ok := formatNames[strings.ToLower(opt.StdinFormat)]
		if !ok {
			return invalid("unknown stdin format %q (want txt, json, jsonl, html or feed)", opt.StdinFormat)
		}
		stdinFormat = f
	}
	r := &reader{ctx: ctx, opt: opt, fn: fn}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		if p == "-" {
			in := opt.Stdin
			if in == nil {
				in = os.Stdin
			}
			err = r.stream("stdin", in, stdinFormat)
		} else {
			err = r.path(p)
		}
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}

// reader carries one Read call. Its methods return only errors that end the
// whole read (from fn or ctx); problems with the input go to fn.
type reader struct {
	ctx context.Context
	opt ReadOptions
	fn  func(*tradegraph.Article, pos, error) error
}

// pos locates an article inside its source.
type pos struct{ line, item int }

// fail reports a problem with one article or file.
func (r *reader) fail(src string, at pos, err error) error {
	return r.fn(nil, at, &ArticleError{Source: src, Line: at.line, Item: at.item, Err: err})
}

// rawArticle is an article as a format gives it, before normalisation.
type rawArticle struct {
	Title, Text, URL, Outlet, Published string
	// titleFromText asks for the title to be taken from the text's first
	// line (text and Markdown files).
	titleFromText bool
}

// article checks and normalises one article and hands it to fn.
func (r *reader) article(src string, at pos, raw rawArticle) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	limit := r.opt.maxArticle()
	if len(raw.Text) > limit {
		return r.fail(src, at, invalid("article is %s, over the %s limit (--max-article-size)", sizeText(int64(len(raw.Text))), sizeText(int64(limit))))
	}
	for _, f := range []string{raw.Text, raw.Title, raw.URL, raw.Outlet, raw.Published} {
		if !utf8.ValidString(f) {
			return r.fail(src, at, invalid("invalid UTF-8 at byte %d", invalidUTF8At([]byte(f))))
		}
	}
	a := &tradegraph.Article{
		Text:   normalizeText(raw.Text),
		URL:    strings.TrimSpace(raw.URL),
		Outlet: collapseSpace(raw.Outlet),
		Source: src,
	}
	if a.Text == "" {
		return r.fail(src, at, invalid("text is empty"))
	}
	if raw.titleFromText {
		a.Title = titleFromText(a.Text)
	} else {
		a.Title = normalizeTitle(raw.Title)
	}
	var warn error
	if d, ok := parseDate(raw.Published); ok {
		a.Published = d
	} else {
		warn = &ArticleError{Source: src, Line: at.line, Item: at.item, Warning: true,
			Err: invalid("published date %q not understood; left empty", collapseSpace(raw.Published))}
	}
	a.ID = tradegraph.ArticleID(a.URL, a.Text)
	if err := a.Validate(limit); err != nil {
		return r.fail(src, at, err)
	}
	return r.fn(a, at, warn)
}

// invalidUTF8At returns the byte offset of the first invalid UTF-8 sequence
// in b, or -1.
func invalidUTF8At(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		c, size := utf8.DecodeRune(b[i:])
		if c == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// path reads a file or a folder.
func (r *reader) path(p string) error {
	info, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return r.fail(p, pos{}, invalid("no such file or folder"))
		}
		return r.fail(p, pos{}, err)
	}
	if !info.IsDir() {
		// A file named explicitly is read even with an unknown extension:
		// its content decides the format.
		f, _ := formatOf(p)
		return r.file(p, f)
	}
	return filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if cerr := r.ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			// Report and go on: an unreadable folder should not hide the
			// rest of the corpus.
			if ferr := r.fail(path, pos{}, err); ferr != nil {
				return ferr
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != p && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		f, ok := formatOf(path)
		if !ok {
			return nil
		}
		return r.file(path, f)
	})
}

// file reads one file in format f (formatSniff: by content).
func (r *reader) file(path string, f format) error {
	fh, err := os.Open(path)
	if err != nil {
		return r.fail(path, pos{}, err)
	}
	defer fh.Close()
	if info, err := fh.Stat(); err == nil && info.Mode().IsRegular() && info.Size() > r.opt.maxFile() {
		return r.fail(path, pos{}, invalid("file is %s, over the %s limit", sizeText(info.Size()), sizeText(r.opt.maxFile())))
	}
	return r.stream(path, fh, f)
}

// stream reads one input of format f.
func (r *reader) stream(src string, in io.Reader, f format) error {
	// The limit reader turns a file that grows, or an endless pipe, into
	// a "too large" error instead of unbounded memory.
	lr := &io.LimitedReader{R: in, N: r.opt.maxFile() + 1}
	br := bufio.NewReaderSize(lr, 64<<10)
	if f == formatSniff {
		var err error
		if f, err = sniff(br); err != nil {
			return r.fail(src, pos{}, err)
		}
	}
	if f == formatJSONL {
		err := r.jsonl(src, br)
		if err == nil && lr.N <= 0 {
			return r.fail(src, pos{}, invalid("input is over the %s limit; the rest was not read", sizeText(r.opt.maxFile())))
		}
		return err
	}
	data, err := io.ReadAll(br)
	if err != nil {
		return r.fail(src, pos{}, err)
	}
	if int64(len(data)) > r.opt.maxFile() {
		return r.fail(src, pos{}, invalid("input is over the %s limit", sizeText(r.opt.maxFile())))
	}
	switch f {
	case formatText:
		if i := invalidUTF8At(data); i >= 0 {
			return r.fail(src, pos{}, invalid("invalid UTF-8 at byte %d", i))
		}
		text := string(data)
		return r.article(src, pos{}, rawArticle{Text: text, titleFromText: true})
	case formatJSON:
		return r.json(src, data)
	case formatHTML:
		if i := invalidUTF8At(data); i >= 0 {
			decoded, ok := declaredCharset(data)
			if !ok {
				return r.fail(src, pos{}, invalid("invalid UTF-8 at byte %d", i))
			}
			data = decoded
		}
		raw, err := parseHTMLPage(data)
		if err != nil {
			return r.fail(src, pos{}, err)
		}
		return r.article(src, pos{}, raw)
	case formatFeed:
		return r.feed(src, data)
	}
	return fmt.Errorf("loader: unhandled format %d", f)
}

// sniff guesses the format of an input from its first bytes. For "{" it
// reads the first line: a line that is a whole JSON value means JSON Lines.
func sniff(br *bufio.Reader) (format, error) {
	head, err := br.Peek(4096)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return 0, err
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\uFEFF")), " \t\r\n")
	if len(trimmed) == 0 {
		return formatText, nil
	}
	switch trimmed[0] {
	case '[':
		return formatJSON, nil
	case '{':
		// Peek sees at most the buffer; a first line longer than that is
		// taken to be one JSON Lines record, the common case for big inputs.
		line, _, found := bytes.Cut(trimmed, []byte("\n"))
		if !found && len(head) == br.Size() {
			return formatJSONL, nil
		}
		if json.Valid(line) {
			return formatJSONL, nil
		}
		return formatJSON, nil
	case '<':
		if isFeed(trimmed) {
			return formatFeed, nil
		}
		return formatHTML, nil
	}
	return formatText, nil
}
