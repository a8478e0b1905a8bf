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
	// Lower is Text as strings.ToLower gives it, worked out once: the
	// mention stage looks most words up in lower case, some many times.
	Lower string
	// hash is firstsHash(Text), worked out once for the several
	// lexicons that ask whether a pattern begins with the token.
	hash uint32
	Word bool
	// capital is set on a word that starts with an upper-case letter
	// (see capitalised).
	capital bool
	// Space is set when white space precedes the token.
	Space bool
}

// tokenize splits s, which starts at byte offset base of the document,
// into tokens.
func tokenize(s string, base int) []token {
	// News English has about five bytes a token, punctuation included.
	return appendTokens(make([]token, 0, len(s)/5+2), s, lowerOf(s), base)
}

// appendTokens appends the tokens of s, which starts at byte offset base
// of the document, to toks. lower is s folded by foldedASCII: the Lower
// of a token in ASCII is cut from it, so that only tokens with other
// letters need memory of their own for it.
func appendTokens(toks []token, s, lower string, base int) []token {
	space := false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case isSpace(r):
			space = true
			i += size
		case isWordRune(r):
			ascii := r < utf8.RuneSelf
			j := i + size
			for j < len(s) {
				if c := s[j]; c < utf8.RuneSelf {
					if !wordByteASCII[c] {
						break
					}
					j++
					continue
				}
				r2, n := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r2) {
					break
				}
				ascii = false
				j += n
			}
			low := lower[i:j]
			if !ascii {
				low = strings.ToLower(s[i:j])
			}
			toks = append(toks, token{Start: base + i, End: base + j, Text: s[i:j], Lower: low, hash: firstsHash(s[i:j]), Word: true, capital: unicode.IsUpper(r), Space: space})
			space = false
			i = j
		default:
			// Letters are word runes, so only a rune outside ASCII may
			// change here (an invalid byte becomes U+FFFD).
			text, low := s[i:i+size], s[i:i+size]
			if r >= utf8.RuneSelf {
				low = strings.ToLower(text)
			}
			toks = append(toks, token{Start: base + i, End: base + i + size, Text: text, Lower: low, hash: firstsHash(text), Space: space})
			space = false
			i += size
		}
	}
	return toks
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return wordByteASCII[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return spaceByteASCII[r]
	}
	return unicode.IsSpace(r)
}

// wordByteASCII and spaceByteASCII classify ASCII as unicode.IsLetter or
// IsDigit, and unicode.IsSpace, do.
var wordByteASCII, spaceByteASCII = func() (word, space [utf8.RuneSelf]bool) {
	for r := range rune(utf8.RuneSelf) {
		word[r] = unicode.IsLetter(r) || unicode.IsDigit(r)
		space[r] = unicode.IsSpace(r)
	}
	return word, space
}()

// capitalised reports whether t is a word that starts with an upper-case
// letter.
func (t token) capitalised() bool { return t.capital }

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
	// seq is the order in which the lexicon got the pattern: among
	// patterns that match as long, the first one added wins.
	seq int
}

// lexicon finds surface forms in token sequences, leftmost-longest. It is
// read-only after construction and so safe for concurrent use.
type lexicon struct {
	byFirst map[string]*firstGroup
	n       int // patterns added
	// The coreference stage builds a small lexicon per document: patterns
	// and their tokens come from arrays that grow by steps, and tokens
	// from scratch, to keep that cheap.
	patterns []pattern
	texts    []string
	scratch  []token
	// firsts has a bit set for the hash of each first token of a pattern
	// (a Bloom filter with one hash). Most tokens begin no pattern, and
	// firsts says so for them without a map look-up. It grows with the
	// lexicon, keeping 16 bits a first token.
	firsts []uint64
}

// mayStart reports whether some pattern may begin with token t.
func (l *lexicon) mayStart(t *token) bool {
	if len(l.firsts) == 0 {
		return false
	}
	h := t.hash & uint32(len(l.firsts)*64-1)
	return l.firsts[h/64]&(1<<(h%64)) != 0
}

// firstsHash is FNV-1a: tokens are short, and a call to a stronger hash
// costs more than the map look-ups it spares.
func firstsHash(text string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(text); i++ {
		h = (h ^ uint32(text[i])) * 16777619
	}
	return h
}

// noteFirst sets the bit of a new first token in firsts.
func (l *lexicon) noteFirst(text string) {
	if 16*len(l.byFirst) > 64*len(l.firsts) {
		l.firsts = make([]uint64, max(4, 2*len(l.firsts)))
		for k := range l.byFirst {
			l.noteFirst(k)
		}
		return
	}
	h := firstsHash(text) & uint32(len(l.firsts)*64-1)
	l.firsts[h/64] |= 1 << (h % 64)
}

// firstGroup holds the patterns that begin with one token. The gazetteer
// has dozens that begin with "China" or "U", so a large group also files
// them by their second token.
type firstGroup struct {
	all []*pattern // in the order added
	// When all holds bySecondFrom patterns or more, bySecond holds those
	// with a second token, by it, except that a pattern of a token and a
	// period is in short, with the patterns of one token: they may match
	// without a second token.
	bySecond map[string][]*pattern
	short    []*pattern
}

// bySecondFrom is the size from which a group files its patterns by their
// second token.
const bySecondFrom = 8

func newLexicon() *lexicon { return &lexicon{byFirst: map[string]*firstGroup{}} }

// reset empties l and keeps its memory for the patterns to come.
func (l *lexicon) reset() {
	clear(l.byFirst)
	clear(l.firsts)
	clear(l.patterns) // so as not to keep the texts they came from
	clear(l.texts)
	l.patterns, l.texts, l.n = l.patterns[:0], l.texts[:0], 0
}

// add registers form. All-caps forms ("US", "METI") match only as written,
// so that the pronoun "us" never reads as a country; other forms match as
// written and in the all-caps variant a headline may use ("JAPAN").
func (l *lexicon) add(form string, t target) {
	l.scratch = appendTokens(l.scratch[:0], form, lowerOf(form), 0)
	if len(l.scratch) == 0 {
		return
	}
	l.addTokens(l.scratch, t)
	if upper := strings.ToUpper(form); upper != form {
		l.scratch = appendTokens(l.scratch[:0], upper, lowerOf(upper), 0)
		l.addTokens(l.scratch, t)
	}
	// Texts use the curly apostrophe as often as the straight one.
	if curly := strings.ReplaceAll(form, "'", "’"); curly != form {
		l.add(curly, t)
	}
}

func (l *lexicon) addTokens(toks []token, t target) {
	if len(l.patterns) == cap(l.patterns) {
		l.patterns = make([]pattern, 0, min(max(8, 2*cap(l.patterns)), 512))
	}
	if len(l.texts)+len(toks) > cap(l.texts) {
		l.texts = make([]string, 0, min(max(32, 2*cap(l.texts)), 2048)+len(toks))
	}
	start := len(l.texts)
	for _, tk := range toks {
		l.texts = append(l.texts, tk.Text)
	}
	l.patterns = append(l.patterns, pattern{Toks: l.texts[start:len(l.texts):len(l.texts)], Target: t, seq: l.n})
	p := &l.patterns[len(l.patterns)-1]
	l.n++
	first := p.Toks[0]
	g := l.byFirst[first]
	if g == nil {
		g = &firstGroup{}
		l.byFirst[first] = g
		l.noteFirst(first)
	}
	g.all = append(g.all, p)
	switch {
	case len(g.all) == bySecondFrom:
		g.bySecond = map[string][]*pattern{}
		for _, q := range g.all {
			g.file(q)
		}
	case g.bySecond != nil:
		g.file(p)
	}
}

func (g *firstGroup) file(p *pattern) {
	if len(p.Toks) == 1 || len(p.Toks) == 2 && p.Toks[1] == "." {
		g.short = append(g.short, p)
		return
	}
	g.bySecond[p.Toks[1]] = append(g.bySecond[p.Toks[1]], p)
}

// longestAt returns the longest pattern that matches toks at i, and the
// number of tokens it covers; nil when none does. A match must end on a
// word boundary, which the tokenizer guarantees, and may not stop in the
// middle of an abbreviation ("U.S" leaving its final ".") unless the
// pattern itself ends in a period.
func (l *lexicon) longestAt(toks []token, i int) (*pattern, int) {
	if !l.mayStart(&toks[i]) {
		return nil, 0 // most tokens, so before setting up the search
	}
	var best *pattern
	n := 0
	l.matches(toks, i, func(p *pattern, m int) {
		if m > n || m == n && p.seq < best.seq {
			best, n = p, m
		}
	})
	return best, n
}

// matches calls fn with every pattern that matches toks at i and the
// number of tokens it covers (see matchLen).
func (l *lexicon) matches(toks []token, i int, fn func(*pattern, int)) {
	if !l.mayStart(&toks[i]) {
		return
	}
	g := l.byFirst[toks[i].Text]
	if g == nil {
		return
	}
	try := func(ps []*pattern) {
		for _, p := range ps {
			if m := p.matchLen(toks, i); m > 0 {
				fn(p, m)
			}
		}
	}
	if g.bySecond == nil {
		try(g.all)
		return
	}
	try(g.short)
	if i+1 < len(toks) {
		try(g.bySecond[toks[i+1].Text])
	}
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
	var out []*pattern
	n := 0
	l.matches(toks, i, func(p *pattern, m int) {
		if m > n {
			out, n = out[:0], m
		}
		if m == n {
			out = append(out, p)
		}
	})
	slices.SortFunc(out, func(a, b *pattern) int { return a.seq - b.seq })
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
	// known resolves discovered names to gazetteer actors of their kind.
	known *gazetteer.Resolver
	// offices finds the body that holds an office a title names.
	offices *officeIndex
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
	m.known = g.Resolver()
	m.offices = newOfficeIndex(g)
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

// lowerOf returns s with its ASCII letters in lower case (see
// foldedASCII).
func lowerOf(s string) string {
	lower, _ := foldedASCII(s)
	return lower
}
