package loader

import (
	"bytes"
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// dropped are the elements whose content is never article text: code,
// navigation and page furniture.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Form: true, atom.Button: true, atom.Iframe: true, atom.Svg: true,
	atom.Figcaption: true, atom.Select: true,
}

// blocks are the elements that break a line when text is taken from HTML
// without paragraphs.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Blockquote: true, atom.Pre: true, atom.Tr: true, atom.Table: true, atom.Section: true,
	atom.Article: true, atom.Main: true, atom.Hr: true, atom.Dd: true, atom.Dt: true,
}

// parseHTMLPage takes the article out of a web page: metadata from the
// Open Graph tags, the canonical link and JSON-LD, text from the paragraphs
// of the main content.
func parseHTMLPage(data []byte) (rawArticle, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return rawArticle{}, invalid("bad HTML: %v", err)
	}
	var (
		raw                              rawArticle
		ogTitle, title, h1, ogURL, canon string
		metaDate, timeDate, ldDate       string
		articleNode, mainNode, body      *html.Node
	)
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Meta:
			key := attr(n, "property")
			if key == "" {
				key = attr(n, "name")
			}
			content := attr(n, "content")
			switch strings.ToLower(key) {
			case "og:title":
				ogTitle = first(ogTitle, content)
			case "og:url":
				ogURL = first(ogURL, content)
			case "og:site_name":
				raw.Outlet = first(raw.Outlet, content)
			case "article:published_time", "datepublished", "date":
				metaDate = first(metaDate, content)
			}
		case atom.Link:
			if hasToken(attr(n, "rel"), "canonical") {
				canon = first(canon, attr(n, "href"))
			}
		case atom.Title:
			if title == "" && !inside(n, atom.Svg) {
				title = textOf(n)
			}
		case atom.H1:
			if h1 == "" {
				h1 = textOf(n)
			}
		case atom.Time:
			timeDate = first(timeDate, attr(n, "datetime"))
		case atom.Script:
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && ldDate == "" {
				ldDate = jsonLDDate(textOf(n))
			}
		case atom.Article:
			if articleNode == nil {
				articleNode = n
			}
		case atom.Main:
			if mainNode == nil {
				mainNode = n
			}
		case atom.Body:
			body = n
		}
	}
	raw.Title = first(ogTitle, title, h1)
	raw.URL = first(canon, ogURL)
	raw.Published = first(metaDate, timeDate, ldDate)
	content := articleNode
	if content == nil {
		content = mainNode
	}
	if content == nil {
		content = body
	}
	if content == nil {
		content = doc
	}
	raw.Text = paragraphs(content)
	if raw.Text == "" {
		raw.Text = blockText(content)
	}
	return raw, nil
}

// paragraphs joins the text of the <p> elements under n, one per line.
func paragraphs(n *html.Node) string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch {
			case dropped[c.DataAtom]:
			case c.DataAtom == atom.P:
				if t := collapseSpace(inlineText(c)); t != "" {
					out = append(out, t)
				}
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(out, "\n")
}

// inlineText is the text under n with dropped elements left out.
func inlineText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type == html.ElementNode && dropped[c.DataAtom]:
			case c.Type == html.ElementNode && c.DataAtom == atom.Br:
				b.WriteByte(' ')
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

// blockText is the text under n with a line per block element, for HTML
// without paragraphs (feed summaries, bare pages).
func blockText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type != html.ElementNode:
			case dropped[c.DataAtom]:
			case blocks[c.DataAtom]:
				b.WriteByte('\n')
				walk(c)
				b.WriteByte('\n')
			default:
				walk(c)
			}
		}
	}
	walk(n)
	var lines []string
	for l := range strings.Lines(b.String()) {
		if l = collapseSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// htmlText turns an HTML fragment (a feed item's content) into text:
// paragraphs one per line when it has them, else its blocks.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return s
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	if t := paragraphs(root); t != "" {
		return t
	}
	return blockText(root)
}

// jsonLDDate finds datePublished in a JSON-LD block, which may be one
// object, an array, or an object with an @graph.
func jsonLDDate(src string) string {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return ""
	}
	var find func(any) string
	find = func(v any) string {
		switch v := v.(type) {
		case map[string]any:
			if d, ok := v["datePublished"].(string); ok && d != "" {
				return d
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
				if d := find(v[k]); d != "" {
					return d
				}
			}
		case []any:
			for _, e := range v {
				if d := find(e); d != "" {
					return d
				}
			}
		}
		return ""
	}
	return find(v)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for f := range strings.FieldsSeq(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

func inside(n *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == a {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return collapseSpace(b.String())
}

// first returns the first of ss that is not blank.
func first(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// declaredCharset decodes a page that is not UTF-8 but says in a <meta> tag
// (or a byte order mark) what it is instead: saved pages from older sites
// are often windows-1252 or Shift JIS. A page that declares nothing is not
// guessed at; ok is false.
func declaredCharset(data []byte) (utf8Data []byte, ok bool) {
	enc, name, _ := charset.DetermineEncoding(data, "")
	head := data[:min(len(data), 1024)]
	if name == "utf-8" || !bytes.Contains(bytes.ToLower(head), []byte("charset")) {
		return nil, false
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, false
	}
	return out, true
}
