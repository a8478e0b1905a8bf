package extract

import (
	"bytes"
	"regexp"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The relation stage asks a few dozen regular expressions about every
// sentence: the rules' triggers, and cues such as negation or hedging about
// parts of it. Run as they are, they try to match at every byte, and that
// was most of the cost of extraction. A sentenceRegexp therefore remembers
// the literal words its matches can begin with (its starts, see
// rule_prefilter.go); one pass over a sentence finds every place where a
// start of any of them stands (sentenceHits), and a question about part
// of the sentence is then answered by trying the regexp, anchored, at
// those places only. The answers are the ones the regexp gives on that
// part of the text; TestSentenceRegexpLikeRegexp holds the package to it.

// sentenceRegexp is a regular expression asked about one sentence at a
// time, through the sentenceHits of its set.
type sentenceRegexp struct {
	// re is the pattern as written.
	re *regexp.Regexp
	// atStart matches re only where its input starts; afterRune matches
	// re only right after the input's first rune, which gives \b at the
	// match's start the text before it.
	atStart, afterRune *regexp.Regexp
	// starts are the folded literals one of which begins every match (see
	// foldRune); nil when they cannot be worked out, and then questions
	// go to re.
	starts []string
	// wordStart is set when some starts stand after a word boundary the
	// pattern asks for ("\bban", not "n't"): those are looked for only
	// where words start.
	wordStart bool
	// needs are folded ASCII words one of which every match holds after
	// its start; nil when none are known (see newNeeds).
	needs [][]byte
	// stops are the characters no match holds; nil when there are none.
	stops *stops
	// id is the regexp's place in its set.
	id int
	// about and list are the indexes of the named groups, -1 when absent.
	about, list int
}

// sentenceRegexps holds the sentence regexps of the package: one pass
// over a sentence finds the starts of all of them.
var sentenceRegexps regexpSet

// sentenceRE compiles pattern as a sentence regexp of the package.
func sentenceRE(pattern string) *sentenceRegexp { return sentenceRegexps.add(pattern) }

// String returns the pattern as written.
func (x *sentenceRegexp) String() string { return x.re.String() }

// group returns the span of submatch i of a match, or -1, -1.
func group(loc []int, i int) (int, int) {
	if i < 0 || 2*i+1 >= len(loc) || loc[2*i] < 0 {
		return -1, -1
	}
	return loc[2*i], loc[2*i+1]
}

// regexpSet holds sentence regexps whose starts one pass over a sentence
// finds together. It is filled while the package initialises and is
// read-only after that.
type regexpSet struct {
	list []*sentenceRegexp
	// atWord holds the starts of patterns that begin at a word boundary,
	// anywhere those of other patterns: atWord is walked only where
	// words start.
	atWord, anywhere             trie
	atWordStarts, anywhereStarts []start
}

// start is a start of pattern id.
type start struct {
	s  []rune
	id int
}

// add compiles pattern into the set. It panics when the pattern does not
// compile or matches the empty string: every match must cover some text.
func (set *regexpSet) add(pattern string) *sentenceRegexp {
	x := &sentenceRegexp{
		re:        regexp.MustCompile(pattern),
		atStart:   regexp.MustCompile(`^(?:` + pattern + `)`),
		afterRune: regexp.MustCompile(`^(?s:.)(?:` + pattern + `)`),
		id:        len(set.list),
	}
	if x.re.MatchString("") {
		panic("extract: pattern " + pattern + " matches the empty string")
	}
	x.about, x.list = x.re.SubexpIndex("about"), x.re.SubexpIndex("list")
	leads := newLeads(x.re)
	for _, l := range leads {
		x.starts = append(x.starts, l.s)
		if l.atWord {
			x.wordStart = true
			set.atWordStarts = append(set.atWordStarts, start{[]rune(l.s), x.id})
		} else {
			set.anywhereStarts = append(set.anywhereStarts, start{[]rune(l.s), x.id})
		}
	}
	x.stops = newStops(x.re)
	for _, w := range newNeeds(x.re, x.starts) {
		x.needs = append(x.needs, []byte(w))
	}
	set.atWord, set.anywhere = newTrie(set.atWordStarts), newTrie(set.anywhereStarts)
	set.list = append(set.list, x)
	return x
}

// trie holds folded starts in arrays, node 0 being the root (the empty
// string). Every sentence is walked through it at almost every byte, so
// it is laid out for that: small nodes, and the children of a node next
// to each other.
type trie struct {
	nodes []trieNode
	edges []trieEdge
	ids   []int
	// root holds the root's children by ASCII rune, 0 for none.
	root [utf8.RuneSelf]int32
	// tables hold the ASCII children of nodes with many, like root.
	tables [][utf8.RuneSelf]int32
}

type trieNode struct {
	// The children are edges[edges:edges+nEdges], by rune; the patterns
	// one of whose starts ends here are ids[ids:ids+nIDs]. A node with
	// tableFrom children or more has its ASCII ones in tables[table-1].
	edges, nEdges, ids, nIDs, table int32
}

// tableFrom is the number of children from which a node keeps a table.
const tableFrom = 4

type trieEdge struct {
	r  rune
	to int32
}

// newTrie builds the trie of starts.
func newTrie(starts []start) trie {
	list := slices.Clone(starts)
	slices.SortFunc(list, func(a, b start) int { return slices.Compare(a.s, b.s) })
	var tr trie
	tr.build(list, 0)
	for _, e := range tr.edges[tr.nodes[0].edges : tr.nodes[0].edges+tr.nodes[0].nEdges] {
		if e.r < utf8.RuneSelf {
			tr.root[e.r] = e.to
		}
	}
	return tr
}

// build adds the node of the starts in list, which are sorted and share
// their first depth runes, and returns its index.
func (tr *trie) build(list []start, depth int) int32 {
	at := int32(len(tr.nodes))
	tr.nodes = append(tr.nodes, trieNode{ids: int32(len(tr.ids))})
	for len(list) > 0 && len(list[0].s) == depth {
		if !slices.Contains(tr.ids[tr.nodes[at].ids:], list[0].id) {
			tr.ids = append(tr.ids, list[0].id)
		}
		list = list[1:]
	}
	tr.nodes[at].nIDs = int32(len(tr.ids)) - tr.nodes[at].ids
	var groups [][]start // by the rune at depth
	for i := 0; i < len(list); {
		j := i + 1
		for j < len(list) && list[j].s[depth] == list[i].s[depth] {
			j++
		}
		groups = append(groups, list[i:j])
		i = j
	}
	first := len(tr.edges)
	tr.edges = append(tr.edges, make([]trieEdge, len(groups))...)
	for k, g := range groups {
		to := tr.build(g, depth+1)
		tr.edges[first+k] = trieEdge{g[0].s[depth], to}
	}
	tr.nodes[at].edges, tr.nodes[at].nEdges = int32(first), int32(len(groups))
	if at > 0 && len(groups) >= tableFrom {
		var table [utf8.RuneSelf]int32
		for _, e := range tr.edges[first : first+len(groups)] {
			if e.r < utf8.RuneSelf {
				table[e.r] = e.to
			}
		}
		tr.tables = append(tr.tables, table)
		tr.nodes[at].table = int32(len(tr.tables))
	}
	return at
}

// child returns the child of node n under rune r, or 0.
func (tr *trie) child(n int32, r rune) int32 {
	nd := tr.nodes[n]
	if r < utf8.RuneSelf {
		switch {
		case n == 0:
			return tr.root[r]
		case nd.table > 0:
			return tr.tables[nd.table-1][r]
		}
	}
	for _, e := range tr.edges[nd.edges : nd.edges+nd.nEdges] {
		if e.r >= r {
			if e.r == r {
				return e.to
			}
			break
		}
	}
	return 0
}

// walk appends the patterns whose starts stand at t[p:], each once; n is
// the node of the rune at p, and q where the next rune starts.
func (tr *trie) walk(t string, p, q int, n int32, out []hit) []hit {
	first := len(out)
	for {
		nd := tr.nodes[n]
		for _, id := range tr.ids[nd.ids : nd.ids+nd.nIDs] {
			if !slices.Contains(out[first:], hit{id, p}) {
				out = append(out, hit{id, p})
			}
		}
		if q >= len(t) || nd.nEdges == 0 {
			return out
		}
		var r rune
		if c := t[q]; c < utf8.RuneSelf {
			r = rune(lowerASCII[c])
			q++
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(t[q:])
			r = foldRune(r)
			q += size
		}
		if n = tr.child(n, r); n == 0 {
			return out
		}
	}
}

// lowerASCII folds ASCII bytes.
var lowerASCII = func() (low [utf8.RuneSelf]byte) {
	for c := range low {
		low[c] = byte(foldRune(rune(c)))
	}
	return low
}()

// sentenceHits are the places in one sentence where the starts of a set's
// patterns stand.
type sentenceHits struct {
	t string
	// at lists the places by pattern: those of pattern i are
	// at[from[i]:from[i+1]], in text order.
	at, from []int
	// lower is t with its ASCII letters folded, made when first needed;
	// exotic is set when t holds a rune outside ASCII that folds to an
	// ASCII letter (the Kelvin sign), and then lower is not searched.
	lower  []byte
	exotic bool
}

type hit struct{ id, at int }

// sentenceScans holds the sentenceHits of the sentences of a document,
// and the memory behind them, which scanSentences takes from the
// documents before (release gives it back).
type sentenceScans struct {
	hits     []sentenceHits
	at, from []int
	pairs    []hit
	lower    []byte
}

var sentenceScanPool sync.Pool // of *sentenceScans

// scanSentences finds the starts of the package's sentence regexps in
// each sentence of d.
func scanSentences(d *Document) *sentenceScans {
	sc, _ := sentenceScanPool.Get().(*sentenceScans)
	if sc == nil {
		sc = &sentenceScans{}
	}
	n := len(sentenceRegexps.list) + 1
	sc.hits = slices.Grow(sc.hits[:0], len(d.Sentences))[:len(d.Sentences)]
	sc.from = slices.Grow(sc.from[:0], n*len(d.Sentences))[:n*len(d.Sentences)]
	var exotic bool
	sc.lower, exotic = foldASCII(sc.lower[:0], d.Text)
	sc.at = sc.at[:0]
	short := 0 // places that did not fit into sc.at
	for i, s := range d.Sentences {
		h := &sc.hits[i]
		h.from, h.at = sc.from[i*n:(i+1)*n:(i+1)*n], sc.at[len(sc.at):]
		sc.pairs = h.scan(&sentenceRegexps, s.Text, sc.pairs)
		if room := cap(sc.at) - len(sc.at); len(h.at) <= room {
			sc.at = sc.at[:len(sc.at)+len(h.at)]
		} else {
			short += len(h.at)
		}
		if s.Text == d.Text[s.Start:s.End] {
			h.lower, h.exotic = sc.lower[s.Start:s.End], exotic
		}
	}
	if short > 0 {
		sc.at = make([]int, 0, 2*(len(sc.at)+short)) // for the next document
	}
	return sc
}

// release gives the memory of sc to the next document; sc must not be
// used after.
func (sc *sentenceScans) release() {
	clear(sc.hits) // so as not to keep the text
	sentenceScanPool.Put(sc)
}

// scan finds the places of set's starts in t. scratch is working memory,
// returned for the next call.
func (h *sentenceHits) scan(set *regexpSet, t string, scratch []hit) []hit {
	h.t, h.lower, h.exotic = t, nil, false
	pairs := scratch[:0]
	prevWord := false
	for p := 0; p < len(t); {
		c := t[p]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(t[p:])
			r = foldRune(r)
			if prevWord { // a word ends: \b
				if n := set.atWord.child(0, r); n != 0 {
					pairs = set.atWord.walk(t, p, p+size, n, pairs)
				}
				prevWord = false
			}
			if n := set.anywhere.child(0, r); n != 0 {
				pairs = set.anywhere.walk(t, p, p+size, n, pairs)
			}
			p += size
			continue
		}
		r := lowerASCII[c]
		// \b in the regexp package's sense: ASCII letters, digits and _
		// make words.
		if word := isWordByte(c); word != prevWord {
			if n := set.atWord.root[r]; n != 0 {
				pairs = set.atWord.walk(t, p, p+1, n, pairs)
			}
			prevWord = word
		}
		if n := set.anywhere.root[r]; n != 0 {
			pairs = set.anywhere.walk(t, p, p+1, n, pairs)
		}
		p++
	}
	// Group by pattern, keeping text order within each.
	n := len(set.list)
	h.from = slices.Grow(h.from[:0], n+1)[:n+1]
	clear(h.from)
	for _, x := range pairs {
		h.from[x.id+1]++
	}
	for i := 1; i <= n; i++ {
		h.from[i] += h.from[i-1]
	}
	h.at = slices.Grow(h.at[:0], len(pairs))[:len(pairs)]
	for _, x := range pairs { // from[i] counts the places of i placed so far
		h.at[h.from[x.id]] = x.at
		h.from[x.id]++
	}
	copy(h.from[1:], h.from[:n]) // and now where those of i+1 start
	h.from[0] = 0
	return pairs
}

// each calls fn with the matches of x in t[a:b], the ones
// x.re.FindAllStringSubmatchIndex(t[a:b], -1) finds, with offsets into t,
// until fn returns false. The slice passed to fn is fn's to keep.
func (h *sentenceHits) each(x *sentenceRegexp, a, b int, fn func(loc []int) bool) {
	h.search(x, a, b, false, fn)
}

// match reports whether x matches inside t[a:b].
func (h *sentenceHits) match(x *sentenceRegexp, a, b int) bool {
	found := false
	h.search(x, a, b, true, func([]int) bool { found = true; return false })
	return found
}

// search is each; with exists it calls fn(nil) for the first match only,
// which it need not delimit.
func (h *sentenceHits) search(x *sentenceRegexp, a, b int, exists bool, fn func(loc []int) bool) {
	t := h.t
	if x.starts == nil {
		if exists {
			if x.re.MatchString(t[a:b]) {
				fn(nil)
			}
			return
		}
		for _, loc := range x.re.FindAllStringSubmatchIndex(t[a:b], -1) {
			if !fn(shift(loc, a)) {
				return
			}
		}
		return
	}
	next := a // like FindAll, look for the next match after the last
	// A cut inside a word is a word boundary for the part but not in t,
	// so the pass did not list starts that ask for one there: try it
	// anyway.
	if x.wordStart && a > 0 && a < b && isWordByte(t[a-1]) && isWordByte(t[a]) {
		if exists {
			if x.atStart.MatchString(t[a:b]) {
				fn(nil)
				return
			}
		} else if loc := x.atStart.FindStringSubmatchIndex(t[a:b]); loc != nil {
			next = loc[1] + a
			if !fn(shift(loc, a)) {
				return
			}
		}
	}
	for _, q := range h.at[h.from[x.id]:h.from[x.id+1]] {
		if q < next {
			continue
		}
		if q >= b {
			return
		}
		if x.needs != nil && !h.holdsOne(x.needs, q, b) {
			continue
		}
		// At a the pattern sees the start of the input, as the regexp
		// would on t[a:b]; elsewhere it sees the rune before q. A match
		// ends before the first stop, which the input keeps so that \b
		// and $ read as they do on t[a:b].
		end := b
		if x.stops != nil {
			if end = x.stops.next(t, q, b); end < b {
				_, size := utf8.DecodeRuneInString(t[end:])
				end += size
			}
		}
		in, re, off := t[a:end], x.atStart, a
		if q > a {
			_, size := utf8.DecodeLastRuneInString(t[:q])
			in, re, off = t[q-size:end], x.afterRune, q-size
		}
		if exists {
			if re.MatchString(in) {
				fn(nil)
				return
			}
			continue
		}
		loc := shift(re.FindStringSubmatchIndex(in), off)
		if loc == nil {
			continue
		}
		loc[0] = q
		next = loc[1]
		if !fn(loc) {
			return
		}
	}
}

// holdsOne reports whether t[q:b] holds one of words (folded ASCII), or
// may hold one in a form the fold misses.
func (h *sentenceHits) holdsOne(words [][]byte, q, b int) bool {
	if len(h.lower) != len(h.t) {
		h.lower, h.exotic = foldASCII(nil, h.t)
	}
	if h.exotic {
		return true
	}
	for _, w := range words {
		if bytes.Contains(h.lower[q:b], w) {
			return true
		}
	}
	return false
}

// foldASCII appends t to dst with its ASCII letters folded, and reports
// whether t holds a rune outside ASCII that folds to an ASCII letter.
func foldASCII(dst []byte, t string) ([]byte, bool) {
	start := len(dst)
	dst = append(dst, t...)
	exotic := false
	for i := start; i < len(dst); {
		if c := dst[i]; c < utf8.RuneSelf {
			dst[i] = lowerASCII[c]
			i++
			continue
		}
		r, size := utf8.DecodeRune(dst[i:])
		if foldRune(r) < utf8.RuneSelf {
			exotic = true
		}
		i += size
	}
	return dst, exotic
}

// first returns the leftmost match of x in t[a:b], or nil.
func (h *sentenceHits) first(x *sentenceRegexp, a, b int) []int {
	var first []int
	h.each(x, a, b, func(loc []int) bool { first = loc; return false })
	return first
}

// lastEnd returns the end of the last match of x in t[a:b], or a.
func (h *sentenceHits) lastEnd(x *sentenceRegexp, a, b int) int {
	end := a
	h.each(x, a, b, func(loc []int) bool { end = loc[1]; return true })
	return end
}

// shift adds off to the offsets of loc that are set.
func shift(loc []int, off int) []int {
	for i, v := range loc {
		if v >= 0 {
			loc[i] = v + off
		}
	}
	return loc
}

// foldRune maps r to one representative of the runes a case-insensitive
// pattern treats as equal to it: the lower-case ASCII letter when there is
// one among them ("K", "k" and the Kelvin sign all give "k"), else the
// smallest of them.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	low := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if 'a' <= f && f <= 'z' {
			return f
		}
		if 'A' <= f && f <= 'Z' {
			return f + 'a' - 'A'
		}
		low = min(low, f)
	}
	return low
}
