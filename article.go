package tradegraph

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Article is one news article as loaded.
type Article struct {
	// ID is the article's URL when it has one, else "sha256:" and the hex
	// digest of its normalised text; see ArticleID.
	ID     string
	Title  string
	URL    string
	Outlet string
	// Published is the publication date as YYYY-MM-DD, or "".
	Published string
	Text      string
	// Source names where the article was read from (a file path, "stdin",
	// a feed URL), for error messages and provenance.
	Source string
}

// ArticleFilter selects articles. Zero fields do not filter.
type ArticleFilter struct {
	// IDs limits the result to these articles.
	IDs []string
	// Actor limits the result to articles that mention that actor.
	Actor string
	// Outlet selects articles of that outlet, exactly.
	Outlet string
	// Since and Until bound Published, inclusive, as YYYY-MM-DD (another
	// form is an EINVALID error). An article without a date is left out
	// when either is set.
	Since string
	Until string
	// Order sorts the list (by id when empty); Paging picks the page.
	Order ArticleOrder
	Paging
}

// Mention is one place an actor is named in an article's text.
type Mention struct {
	ActorID string
	// Text is the surface form as it stands in the text ("Tokyo").
	Text string
	// Start and End are character offsets in code points, end exclusive.
	Start int
	End   int
}

// Extraction is what the loader finds in one article: the actors it names,
// where it names them, and the relations between them.
type Extraction struct {
	Article   *Article
	Actors    []*Actor
	Mentions  []Mention
	Relations []*Relation
	// Warnings are problems that did not stop the extraction, worded for
	// the user ("title is empty; used the first sentence").
	Warnings []string
}

// DefaultMaxArticleBytes is the default size limit of one article's text.
const DefaultMaxArticleBytes = 1 << 20

// Validate checks what every article must satisfy before extraction: text
// that is valid UTF-8, not empty, at most maxBytes long (0: the default),
// and a publication date, when given, in the form YYYY-MM-DD. The error has
// code EINVALID and says what is wrong.
func (a *Article) Validate(maxBytes int) error {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxArticleBytes
	}
	switch {
	case len(a.Text) > maxBytes:
		return Errorf(EINVALID, "article text is %s, over the %s limit", byteSize(len(a.Text)), byteSize(maxBytes))
	case !utf8.ValidString(a.Text):
		return Errorf(EINVALID, "article text is not valid UTF-8 (first bad byte at offset %d)", firstInvalidUTF8(a.Text))
	case strings.TrimSpace(a.Text) == "":
		return Errorf(EINVALID, "article text is empty")
	case !utf8.ValidString(a.Title) || !utf8.ValidString(a.URL) || !utf8.ValidString(a.Outlet):
		return Errorf(EINVALID, "article title, url or outlet is not valid UTF-8")
	}
	if a.Published != "" {
		if _, err := time.Parse(time.DateOnly, a.Published); err != nil {
			return Errorf(EINVALID, "published date %q is not of the form YYYY-MM-DD", a.Published)
		}
	}
	return nil
}

func firstInvalidUTF8(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return -1
}

// byteSize formats n bytes for people: "512 B", "3.2 KiB", "1.0 MiB".
func byteSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
