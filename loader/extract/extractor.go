package extract

import (
	"cmp"
	"context"
	"slices"
	"unicode/utf8"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader/gazetteer"
)

// Options configure an Extractor.
type Options struct {
	// Gazetteer holds the actors known in advance; nil means
	// gazetteer.Default().
	Gazetteer *gazetteer.Gazetteer
	// MaxArticleBytes is the largest article text Extract accepts; 0
	// means tradegraph.DefaultMaxArticleBytes.
	MaxArticleBytes int
}

// Extractor finds actors and relations in articles with dictionaries and
// rules: offline, deterministic, no language model. It is safe for
// concurrent use: everything it holds is read-only after New.
type Extractor struct {
	m *matcher
	// bodies resolves titles to the bodies they name ("Secretary of
	// Commerce"), from the same gazetteer as m.
	bodies   bodies
	maxBytes int
}

var _ tradegraph.Extractor = (*Extractor)(nil)

// New builds an Extractor, compiling the gazetteer's surface forms once.
func New(opt Options) (*Extractor, error) {
	x := &Extractor{maxBytes: opt.MaxArticleBytes}
	if g := opt.Gazetteer; g != nil {
		x.m, x.bodies = newMatcher(g), gazetteerBodies(g)
	} else {
		x.m, x.bodies = newMatcher(gazetteer.Default()), defaultBodies()
	}
	return x, nil
}

// Extract finds the actors a names, where it names them, and the relations
// it states between them. The error has code EINVALID when the article
// fails Article.Validate, and is ctx's error when ctx is done.
func (x *Extractor) Extract(ctx context.Context, a *tradegraph.Article) (*tradegraph.Extraction, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if a == nil {
		return nil, tradegraph.Errorf(tradegraph.EINVALID, "no article")
	}
	if err := a.Validate(x.maxBytes); err != nil {
		return nil, err
	}
	d := x.document(a)
	defer d.release() // after assemble has copied the mentions out
	rels := findRelations(d, x.bodies)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return assemble(d, rels), nil
}

// document builds the Document of a and runs the mention stage on it.
func (x *Extractor) document(a *tradegraph.Article) *Document {
	d := &Document{Article: a, Text: a.Text}
	x.m.findMentions(d)
	return d
}

// articleID returns the id of a, deriving it when the reader left it empty.
func articleID(a *tradegraph.Article) string {
	if a.ID != "" {
		return a.ID
	}
	return tradegraph.ArticleID(a.URL, a.Text)
}

// assemble turns a Document and the relation stage's relations into an
// Extraction: actors by id, mentions in code points, and one relation per
// (type, from, to) — the most confident, the earliest on a tie.
func assemble(d *Document, rels []*tradegraph.Relation) *tradegraph.Extraction {
	a := d.Article
	// Lists are sized up front but stay nil when empty, as they were
	// when they grew by appending.
	ex := &tradegraph.Extraction{Article: a}
	if len(d.Actors) > 0 {
		ex.Actors = make([]*tradegraph.Actor, 0, len(d.Actors))
	}
	for _, act := range d.Actors {
		ex.Actors = append(ex.Actors, act)
	}
	slices.SortFunc(ex.Actors, func(p, q *tradegraph.Actor) int { return cmp.Compare(p.ID, q.ID) })

	// Offsets only grow, so code points are counted incrementally rather
	// than from the start of the text for every mention.
	conv := newRuneCounter(d.Text)
	n := 0
	for _, s := range d.Sentences {
		n += len(s.Mentions)
	}
	if n > 0 {
		ex.Mentions = make([]tradegraph.Mention, 0, n)
	}
	for _, s := range d.Sentences {
		for _, m := range s.Mentions {
			ex.Mentions = append(ex.Mentions, tradegraph.Mention{
				ActorID: m.ActorID, Text: m.Text, Start: conv.at(m.Start), End: conv.at(m.End),
			})
		}
	}

	id := articleID(a)
	type key struct {
		t        tradegraph.RelationType
		from, to string
	}
	best := make(map[key]int, len(rels))
	var kept []*tradegraph.Relation
	if len(rels) > 0 {
		kept = make([]*tradegraph.Relation, 0, len(rels))
	}
	for _, r := range rels {
		if r == nil || r.From == "" || r.To == "" || r.From == r.To {
			continue
		}
		r.Article = id
		if r.Type.Symmetric() && r.To < r.From {
			r.From, r.To = r.To, r.From
		}
		if r.Date == "" {
			r.Date = a.Published
		}
		if r.Cameo == "" {
			r.Cameo = r.Type.Cameo()
		}
		r.ID = tradegraph.RelationID(r.Type, r.From, r.To, id)
		k := key{r.Type, r.From, r.To}
		if at, ok := best[k]; ok {
			old := kept[at]
			if r.Confidence > old.Confidence || r.Confidence == old.Confidence && r.Span[0] < old.Span[0] {
				kept[at] = r
			}
			continue
		}
		best[k] = len(kept)
		kept = append(kept, r)
	}
	if len(kept) == 0 {
		kept = nil
	}
	ex.Relations = kept
	return ex
}

// runeCounter converts growing byte offsets of a text to code-point
// offsets; asking for a smaller offset starts over.
type runeCounter struct {
	text        string
	byte, runes int
}

func newRuneCounter(text string) *runeCounter { return &runeCounter{text: text} }

func (c *runeCounter) at(off int) int {
	if off < c.byte {
		c.byte, c.runes = 0, 0
	}
	c.runes += utf8.RuneCountInString(c.text[c.byte:off])
	c.byte = off
	return c.runes
}
