package extract

import (
	"slices"
	"sync"

	"github.com/tradegraph/tradegraph"
)

// Document is an article on its way through extraction. The mention stage
// (sentences, actors, coreference) fills Sentences and Actors; the relation
// stage reads them. Offsets inside a Document are byte offsets into Text;
// they become code-point offsets only on the way out (see Document.Runes).
type Document struct {
	Article *tradegraph.Article
	Text    string
	// Sentences in text order. A line break that ends a title or a
	// paragraph also ends a sentence.
	Sentences []*Sentence
	// Actors holds every actor mentioned, by id.
	Actors map[string]*tradegraph.Actor
	// runes remembers the last offset Runes converted: the relation stage
	// asks sentence by sentence, so counting on from there is cheap, while
	// counting from the start each time grew with the square of the text.
	runes runeCounter
	// fold is Text with its ASCII letters folded, which both stages
	// read: made once (see folded).
	fold foldedText
	// slabs are the arrays the mentions of the mention stage live in;
	// release hands them on to the documents after this one.
	slabs []*[]Mention
}

// mentionSlabs keeps arrays of mentions for the next documents: the
// mentions of an article are copied out when its extraction is
// assembled, and no longer needed after.
var mentionSlabs sync.Pool // of *[]Mention

// mentionSlab returns an empty array for mentionSlab mentions of d.
func (d *Document) mentionSlab() []Mention {
	p, _ := mentionSlabs.Get().(*[]Mention)
	if p == nil {
		slab := make([]Mention, 0, mentionSlab)
		p = &slab
	}
	d.slabs = append(d.slabs, p)
	return (*p)[:0]
}

// release gives the memory of d's mentions to the documents after it:
// neither d nor anything that points into its mentions may be used after.
func (d *Document) release() {
	for _, p := range d.slabs {
		clear((*p)[:cap(*p)]) // so as not to keep this article's strings
		mentionSlabs.Put(p)
	}
	d.slabs = nil
}

// foldedText is a text with its ASCII letters in lower case (see
// foldedASCII); exotic is set when the text holds a rune outside ASCII that
// folds to an ASCII letter (the Kelvin sign).
type foldedText struct {
	text, lower string
	exotic      bool
}

// folded returns d.Text with its ASCII letters in lower case and every
// other byte as it is, so that offsets hold in both, and whether the text
// holds a rune outside ASCII that folds to an ASCII letter.
func (d *Document) folded() (string, bool) {
	if d.fold.text != d.Text || len(d.fold.lower) != len(d.Text) {
		lower, exotic := foldedASCII(d.Text)
		d.fold = foldedText{text: d.Text, lower: lower, exotic: exotic}
	}
	return d.fold.lower, d.fold.exotic
}

// Sentence is one sentence with the actor mentions inside it.
type Sentence struct {
	Index      int
	Start, End int // byte offsets in Document.Text, end exclusive
	Text       string
	Mentions   []*Mention // in text order, not overlapping
	// Affiliations are demonym phrases that do not name a government
	// ("Chinese companies", "Japanese firms"): not mentions of the
	// country, but they say whose the things named are.
	Affiliations []Affiliation
}

// Affiliation is a demonym before a noun that is not a government noun:
// "Japanese firms" (Country "country:JP", Head "firms").
type Affiliation struct {
	Start, End int // byte offsets in Document.Text, end exclusive
	Text       string
	Country    string // actor id of the country the demonym names
	Head       string // the noun after the demonym, lower case
}

// RoleTarget is an actor a person's role names, with the title that links
// them: "Minister of Economy, Trade and Industry" → ministry:jp-meti,
// "founder" → company:alibaba, "prime minister" → country:JP.
type RoleTarget struct {
	ActorID string
	Kind    tradegraph.ActorKind
	// Title is the part of the role that names the office or tie, without
	// the actor's own name: "Secretary of Commerce", "founder", "owner".
	Title string
}

// MentionForm says how an actor was named.
type MentionForm string

// The forms of a mention.
const (
	FormName    MentionForm = "name"    // the actor's name or an alias: "Japan", "METI"
	FormDemonym MentionForm = "demonym" // "the Japanese government", "Chinese authorities"
	FormCapital MentionForm = "capital" // "Tokyo" standing for Japan's government
	FormTitle   MentionForm = "title"   // "the minister" resolved to a person
	FormPronoun MentionForm = "pronoun" // "he", "she" resolved to a person
	FormShort   MentionForm = "short"   // a surname or short name after the full one: "Ma"
	// FormOffice is the part of a person's title that names the body
	// holding the office: "Commerce" in "Commerce Secretary".
	FormOffice MentionForm = "office"
	// FormAffiliation is a demonym before a noun that is no government:
	// "Dutch" in "a Dutch designer of power chips". It names the country
	// as the origin of something, never as an actor of the clause, so it
	// carries InRole (see Sentence.Affiliations).
	FormAffiliation MentionForm = "affiliation"
)

// Mention is one place an actor is named.
type Mention struct {
	Start, End int // byte offsets in Document.Text, end exclusive
	Text       string
	ActorID    string
	Kind       tradegraph.ActorKind
	Form       MentionForm
	// Role is a title the text gives a person at this mention ("the US
	// Secretary of Commerce", "founder of Alibaba"), when the mention stage
	// saw one in an appositive or before the name. RoleSpan is its place.
	Role     string
	RoleSpan [2]int
	// RoleTargets are the bodies, companies or countries Role names, in
	// the order the role names them. The relation stage turns them into
	// HOLDS_ROLE, FOUNDED and OWNS.
	RoleTargets []RoleTarget
	// RoleResolved is set once the mention stage has read Role: empty
	// RoleTargets then mean that the role names no actor it could tell
	// ("a former president of Intel", "an analyst").
	RoleResolved bool
	// InRole is set on a mention that lies inside another mention's
	// RoleSpan ("US" in "Gene Raymond, the US Secretary of Commerce"), and
	// on affiliations: it describes someone or something and is not an
	// argument of the clause.
	InRole bool
}

// Runes converts a byte offset in d.Text, which must start a code point
// (or be the end), to a code-point offset.
func (d *Document) Runes(byteOffset int) int {
	if d.runes.text != d.Text { // the same string, unless a test swapped it
		d.runes = runeCounter{text: d.Text}
	}
	return d.runes.at(byteOffset)
}

// MentionAt returns the mention that covers byte offset pos of d.Text, or
// nil. Mentions include what the mention stage resolved by coreference:
// titles ("the minister", "the company", "the Dutch chipmaker"), surnames
// ("Ma") and pronouns ("he") carry the id of the actor they refer to.
func (d *Document) MentionAt(pos int) *Mention {
	i, _ := slices.BinarySearchFunc(d.Sentences, pos, func(s *Sentence, p int) int {
		switch {
		case s.End <= p:
			return -1
		case s.Start > p:
			return 1
		}
		return 0
	})
	if i >= len(d.Sentences) {
		return nil
	}
	s := d.Sentences[i]
	if pos < s.Start || pos >= s.End {
		return nil
	}
	for _, m := range s.Mentions {
		if m.Start <= pos && pos < m.End {
			return m
		}
	}
	return nil
}

// ActorAt returns the id of the actor that the expression at byte offset
// pos of d.Text names or refers to ("Japan", "Beijing", "the ministry",
// "he"), or "" when the mention stage found none there.
func (d *Document) ActorAt(pos int) string {
	if m := d.MentionAt(pos); m != nil {
		return m.ActorID
	}
	return ""
}
