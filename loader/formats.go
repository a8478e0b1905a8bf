package loader

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// jsonArticle is the article object of JSON and JSON Lines input. Unknown
// fields are ignored so that exports from other tools load as they are.
type jsonArticle struct {
	Title     string  `json:"title"`
	Text      *string `json:"text"`
	URL       string  `json:"url"`
	Outlet    string  `json:"outlet"`
	Published string  `json:"published"`
}

// decodeArticle decodes one article object; data must be valid UTF-8
// (encoding/json would otherwise replace bad bytes silently).
func decodeArticle(data []byte) (rawArticle, error) {
	var ja jsonArticle
	if err := json.Unmarshal(data, &ja); err != nil {
		return rawArticle{}, jsonError(data, err)
	}
	if ja.Text == nil {
		return rawArticle{}, invalid(`"text" is missing`)
	}
	return rawArticle{Title: ja.Title, Text: *ja.Text, URL: ja.URL, Outlet: ja.Outlet, Published: ja.Published}, nil
}

// jsonError words a decoding error with the line and column it happened at.
func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		line, col := lineCol(data, se.Offset)
		if line == 1 {
			// One line of JSON Lines, or a one-line file: the caller's
			// position already names the line.
			return invalid("JSON syntax error at column %d: %v", col, se)
		}
		return invalid("JSON syntax error at line %d, column %d: %v", line, col, se)
	case errors.As(err, &te):
		if te.Field != "" {
			return invalid("%q must be a %s, not a JSON %s", te.Field, jsonKind(te.Type.Kind().String()), te.Value)
		}
		return invalid("expected an article object, found a JSON %s", te.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("JSON ends too early")
	}
	return invalid("bad JSON: %v", err)
}

func jsonKind(k string) string {
	if k == "ptr" {
		return "string"
	}
	return k
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1)
	return line, max(col, 1)
}

// json reads a file holding one article object or an array of them.
func (r *reader) json(src string, data []byte) error {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '[' {
		if i := invalidUTF8At(data); i >= 0 {
			return r.fail(src, pos{}, invalid("invalid UTF-8 at byte %d", i))
		}
		raw, err := decodeArticle(trimmed)
		if err != nil {
			return r.fail(src, pos{}, err)
		}
		return r.article(src, pos{}, raw)
	}
	// An array is taken apart element by element so that one bad article
	// does not cost the others.
	base := int64(len(data) - len(trimmed))
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if _, err := dec.Token(); err != nil {
		return r.fail(src, pos{}, jsonError(data, err))
	}
	for item := 1; dec.More(); item++ {
		start := base + dec.InputOffset()
		var elem json.RawMessage
		if err := dec.Decode(&elem); err != nil {
			// A syntax error leaves the decoder lost: the rest of the file
			// cannot be read.
			var se *json.SyntaxError
			if errors.As(err, &se) {
				se.Offset += base
			}
			return r.fail(src, pos{item: item}, jsonError(data, err))
		}
		at := pos{item: item}
		if i := invalidUTF8At(elem); i >= 0 {
			off := start + int64(bytes.Index(data[start:], elem[:1])) + int64(i)
			if err := r.fail(src, at, invalid("invalid UTF-8 at byte %d", off)); err != nil {
				return err
			}
			continue
		}
		raw, err := decodeArticle(elem)
		if err == nil {
			err = r.article(src, at, raw)
		} else {
			err = r.fail(src, at, err)
		}
		if err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return r.fail(src, pos{}, jsonError(data, err))
	}
	return nil
}

// jsonl reads one article object per line, streaming. Blank lines are
// skipped; a bad line is reported with its number and the next one read.
func (r *reader) jsonl(src string, br *bufio.Reader) error {
	// A line may be longer than its text by the JSON escaping and the
	// other fields; beyond this it is dropped without being held.
	lineLimit := 4*r.opt.maxArticle() + 64<<10
	for n := 1; ; n++ {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		line, size, err := readLine(br, lineLimit)
		if err != nil && !errors.Is(err, io.EOF) {
			return r.fail(src, pos{line: n}, err)
		}
		if size == 0 && errors.Is(err, io.EOF) {
			return nil
		}
		at := pos{line: n}
		var ferr error
		switch trimmed := bytes.TrimSpace(bytes.TrimPrefix(line, []byte("\uFEFF"))); {
		case size > lineLimit:
			ferr = r.fail(src, at, invalid("line is %s, over the %s limit for one article (--max-article-size)", sizeText(int64(size)), sizeText(int64(r.opt.maxArticle()))))
		case len(trimmed) == 0:
		case invalidUTF8At(line) >= 0:
			ferr = r.fail(src, at, invalid("invalid UTF-8 at byte %d of the line", invalidUTF8At(line)))
		default:
			raw, derr := decodeArticle(trimmed)
			if derr != nil {
				ferr = r.fail(src, at, derr)
			} else {
				ferr = r.article(src, at, raw)
			}
		}
		if ferr != nil {
			return ferr
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
	}
}

// readLine returns the next line without its end, and its full size. A line
// longer than limit is consumed but not kept (line is nil, size > limit).
func readLine(br *bufio.Reader, limit int) (line []byte, size int, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		size += len(chunk)
		if size <= limit {
			line = append(line, chunk...)
		} else {
			line = nil
		}
		switch {
		case err == nil:
			return bytes.TrimSuffix(line, []byte("\n")), size, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		default:
			return line, size, err
		}
	}
}

// isFeed reports whether a document that starts with "<" is an RSS or Atom
// feed rather than a web page.
func isFeed(head []byte) bool {
	t := gofeed.DetectFeedType(bytes.NewReader(head))
	return t == gofeed.FeedTypeRSS || t == gofeed.FeedTypeAtom
}

// feed reads an RSS or Atom feed: one article per item.
func (r *reader) feed(src string, data []byte) error {
	if i := invalidUTF8At(data); i >= 0 {
		return r.fail(src, pos{}, invalid("invalid UTF-8 at byte %d", i))
	}
	if !isFeed(data) {
		return r.fail(src, pos{}, invalid("not an RSS or Atom feed"))
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return r.fail(src, pos{}, invalid("bad feed: %v", err))
	}
	for i, it := range f.Items {
		at := pos{item: i + 1}
		body := it.Content
		if htmlText(body) == "" {
			body = it.Description
		}
		raw := rawArticle{
			Title:  htmlText(it.Title),
			Text:   htmlText(body),
			URL:    it.Link,
			Outlet: f.Title,
		}
		raw.Published = feedDate(it.Published, it.PublishedParsed)
		if raw.Published == "" {
			raw.Published = feedDate(it.Updated, it.UpdatedParsed)
		}
		if err := r.article(src, at, raw); err != nil {
			return err
		}
	}
	if len(f.Items) == 0 {
		return r.fail(src, pos{}, invalid("feed has no items"))
	}
	return nil
}

// feedDate prefers the date as the feed wrote it, in the feed's own zone
// (gofeed's parsed time is in UTC, which can move a date by a day), and
// falls back to gofeed's parse for forms parseDate does not know.
func feedDate(text string, parsed *time.Time) string {
	if _, ok := parseDate(text); ok && strings.TrimSpace(text) != "" {
		return text
	}
	if parsed != nil {
		return parsed.Format(time.DateOnly)
	}
	return text
}
