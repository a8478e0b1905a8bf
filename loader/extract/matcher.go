package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader/gazetteer"
)

// token is a word (a run of letters and digits) or a single punctuation
// mark of a sentence, with byte offsets into the document text.
type token struct {
	Start, End int
	Text       string
	Word       bool
	// Space is set when white space precedes the token.
	Space bool
}

// tokenize splits s, which starts at byte offset base of the document,
// into tokens.
func tokenize(s string, base int) []token {
	toks := make([]token, 0, len(s)/5+1) // news English: about five bytes a token
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			space = true
			i += size
		case isWordRune(r):
			j := i + size
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r2) {
					break
				}
				j += n
			}
			toks = append(toks, token{Start: base + i, End: base + j, Text: s[i:j], Word: true, Space: space})
			space = false
			i = j
		default:
			toks = append(toks, token{Start: base + i, End: base + i + size, Text: s[i : i+size], Space: space})
			space = false
			i += size
		}
	}
	return toks
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// capitalised reports whether t is a word that starts with an upper-case
// letter.
func (t token) capitalised() bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return t.Word && unicode.IsUpper(r)
}

// isApostrophe reports whether t is a straight or curly apostrophe.
func (t token) isApostrophe() bool { return t.Text == "'" || t.Text == "’" }

// possessiveAt reports whether toks[i:] is "'s" (or "’s").
func possessiveAt(toks []token, i int) bool {
	return i+1 < len(toks) && toks[i].isApostrophe() && !toks[i].Space &&
		(toks[i+1].Text == "s" || toks[i+1].Text == "S") && !toks[i+1].Space
}

// formKind says which list of a gazetteer entry a surface form came from.
type formKind int

const (
	formName formKind = iota
	formCapital
	formDemonym
	formTitle
)

// target is what a surface form stands for.
type target struct {
	ID   string
	Kind formKind
}

// pattern is one surface form as a token sequence.
type pattern struct {
	Toks   []string
	Target target
}

// lexicon finds surface forms in token sequences, leftmost-longest. It is
// read-only after construction and so safe for concurrent use.
type lexicon struct {
	byFirst map[string][]*pattern
}

func newLexicon() *lexicon { return &lexicon{byFirst: map[string][]*pattern{}} }

// add registers form. All-caps forms ("US", "METI") match only as written,
// so that the pronoun "us" never reads as a country; other forms match as
// written and in the all-caps variant a headline may use ("JAPAN").
func (l *lexicon) add(form string, t target) {
	toks := tokenize(form, 0)
	if len(toks) == 0 {
		return
	}
	l.addTokens(toks, t)
	if upper := strings.ToUpper(form); upper != form {
		l.addTokens(tokenize(upper, 0), t)
	}
	// Texts use the curly apostrophe as often as the straight one.
	if curly := strings.ReplaceAll(form, "'", "’"); curly != form {
		l.add(curly, t)
	}
}

func (l *lexicon) addTokens(toks []token, t target) {
	p := &pattern{Target: t}
	for _, tk := range toks {
		p.Toks = append(p.Toks, tk.Text)
	}
	l.byFirst[p.Toks[0]] = append(l.byFirst[p.Toks[0]], p)
}

// longestAt returns the longest pattern that matches toks at i, and the
// number of tokens it covers; nil when none does. A match must end on a
// word boundary, which the tokenizer guarantees, and may not stop in the
// middle of an abbreviation ("U.S" leaving its final ".") unless the
// pattern itself ends in a period.
func (l *lexicon) longestAt(toks []token, i int) (*pattern, int) {
	var best *pattern
	n := 0
	for _, p := range l.byFirst[toks[i].Text] {
		if m := p.matchLen(toks, i); m > n {
			best, n = p, m
		}
	}
	return best, n
}

// matchLen returns how many tokens of toks from i p matches, 0 if none.
// A final period of the pattern may be missing from the text ("Co" for
// "Co."), since news styles differ on it.
func (p *pattern) matchLen(toks []token, i int) int {
	n := len(p.Toks)
	for k := 0; k < n; k++ {
		if i+k >= len(toks) || toks[i+k].Text != p.Toks[k] {
			if k == n-1 && k > 0 && p.Toks[k] == "." {
				return k
			}
			return 0
		}
	}
	return n
}

// allAt returns every pattern of the longest length that matches toks at
// i: the titles lexicon keeps forms several bodies share ("Minister of
// Foreign Affairs") and lets the caller pick by country.
func (l *lexicon) allAt(toks []token, i int) ([]*pattern, int) {
	_, n := l.longestAt(toks, i)
	if n == 0 {
		return nil, 0
	}
	var out []*pattern
	for _, p := range l.byFirst[toks[i].Text] {
		if p.matchLen(toks, i) == n {
			out = append(out, p)
		}
	}
	return out, n
}

// matcher holds what the mention stage knows before reading an article:
// the gazetteer's surface forms in lexicons, and its entries by id.
type matcher struct {
	names    *lexicon // names, aliases and capitals
	demonyms *lexicon
	titles   *lexicon
	entries  map[string]gazetteer.Entry
	// bodies finds a gazetteer ministry by country and folded name, so
	// that a discovered "Ministry of Commerce" after "China's" is the
	// known body even when other countries' ministries share the name.
	bodies map[string]string
}

// newMatcher builds the lexicons of g. A surface form that two entries
// claim (the gazetteer lists such forms as ambiguous) is left out of the
// lexicon: guessing would put wrong edges into the graph.
func newMatcher(g *gazetteer.Gazetteer) *matcher {
	m := &matcher{names: newLexicon(), demonyms: newLexicon(), titles: newLexicon(), entries: map[string]gazetteer.Entry{}, bodies: map[string]string{}}
	type claim struct {
		t      target
		shared bool
	}
	claims := map[formKind]map[string]*claim{}
	var order []struct {
		k    formKind
		form string
	}
	note := func(k formKind, form, id string) {
		form = strings.TrimSpace(form)
		if form == "" {
			return
		}
		if claims[k] == nil {
			claims[k] = map[string]*claim{}
		}
		if c, ok := claims[k][form]; ok {
			if c.t.ID != id {
				c.shared = true
			}
			return
		}
		claims[k][form] = &claim{t: target{ID: id, Kind: k}}
		order = append(order, struct {
			k    formKind
			form string
		}{k, form})
	}
	for _, e := range g.Entries() {
		m.entries[e.ID] = e
		note(formName, e.Name, e.ID)
		for _, a := range e.Aliases {
			note(formName, a, e.ID)
		}
		for _, c := range e.Capitals {
			note(formCapital, c, e.ID)
		}
		for _, d := range e.Demonyms {
			note(formDemonym, d, e.ID)
		}
		for _, t := range e.Titles {
			// Titles are kept even when shared; see lexicon.allAt.
			m.titles.add(t, target{ID: e.ID, Kind: formTitle})
		}
	}
	m.indexBodies()
	for _, o := range order {
		c := claims[o.k][o.form]
		if c.shared {
			continue
		}
		switch o.k {
		case formName:
			m.names.add(o.form, c.t)
		case formCapital:
			// A name beats a capital that is spelled the same.
			if nc, ok := claims[formName][o.form]; !ok || nc.shared {
				m.names.add(o.form, c.t)
			}
		case formDemonym:
			m.demonyms.add(o.form, c.t)
		}
	}
	return m
}

// kindOf returns the actor kind of a gazetteer id.
func (m *matcher) kindOf(id string) tradegraph.ActorKind {
	if e, ok := m.entries[id]; ok {
		return e.Kind
	}
	return ""
}

func bodyKey(country, name string) string {
	return strings.ToUpper(country) + "|" + strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// countryCode returns the ISO code (or "EU") of the country an actor id
// names or belongs to, "" when unknown.
func (m *matcher) countryCode(id string) string {
	if code, ok := strings.CutPrefix(id, "country:"); ok {
		return code
	}
	if e, ok := m.entries[id]; ok {
		return e.Country
	}
	return ""
}

// indexBodies fills m.bodies with each ministry's name and aliases, and
// with the same forms stripped of the country they name ("China's
// Ministry of Commerce", "Ministry of Commerce of China" → "Ministry of
// Commerce"), since the gazetteer cannot list a form that several
// countries' bodies share.
func (m *matcher) indexBodies() {
	countryForms := map[string][]string{}
	for _, e := range m.entries {
		if e.Kind == tradegraph.Country || e.ID == "organization:eu" {
			code := m.countryCode(e.ID)
			forms := append([]string{e.Name}, e.Aliases...)
			countryForms[code] = append(append(forms, e.Demonyms...), "the "+e.Name)
		}
	}
	// In id order, so that two bodies stripping to one form resolve the
	// same way on every run.
	ids := make([]string, 0, len(m.entries))
	for id := range m.entries {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		e := m.entries[id]
		if e.Kind != tradegraph.Ministry || e.Country == "" {
			continue
		}
		for _, f := range append([]string{e.Name}, e.Aliases...) {
			m.bodies[bodyKey(e.Country, f)] = e.ID
			for _, c := range countryForms[strings.ToUpper(e.Country)] {
				for _, p := range []string{c + "'s ", c + "’s ", c + " "} {
					if rest, ok := strings.CutPrefix(f, p); ok && rest != "" {
						m.noteBody(e.Country, rest, e.ID)
					}
				}
				if rest, ok := strings.CutSuffix(f, " of "+c); ok && rest != "" {
					m.noteBody(e.Country, rest, e.ID)
				}
			}
		}
	}
}

// noteBody indexes a stripped form unless another body of the country
// already holds it, so that a full form always wins.
func (m *matcher) noteBody(country, form, id string) {
	k := bodyKey(country, form)
	if _, ok := m.bodies[k]; !ok {
		m.bodies[k] = id
	}
}
