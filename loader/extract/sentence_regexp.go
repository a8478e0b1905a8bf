package extract

import (
	"regexp"
	"slices"
	"strings"
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
	// prog is re compiled for tries at one place (backtrack.go).
	prog *program
	// anchored holds regexps that stand in for prog on inputs too long for
	// its memory, compiled when first needed.
	anchored func() anchoredRegexps
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
	needs []string
	// stops are the characters no match holds; nil when there are none.
	stops *stops
	// id is the regexp's place in its set.
	id int
	// about and list are the indexes of the named groups, -1 when absent.
	about, list int
}

// anchoredRegexps are a sentence regexp run by the regexp package at one
// place: atStart matches it only where its input starts, afterRune only
// right after the input's first rune, which gives \b at the match's
// start the text before it.
type anchoredRegexps struct {
	atStart, afterRune *regexp.Regexp
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
	// starts are those of all patterns; atWord says of each whether its
	// pattern asks for a word boundary before it.
	starts []start
	atWord []bool
	// automaton finds the starts; add replaces it, and it is built when
	// first asked for.
	automaton func() *startAutomaton
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
		re: regexp.MustCompile(pattern),
		anchored: sync.OnceValue(func() anchoredRegexps {
			return anchoredRegexps{
				atStart:   regexp.MustCompile(`^(?:` + pattern + `)`),
				afterRune: regexp.MustCompile(`^(?s:.)(?:` + pattern + `)`),
			}
		}),
		id: len(set.list),
	}
	if x.re.MatchString("") {
		panic("extract: pattern " + pattern + " matches the empty string")
	}
	var err error
	if x.prog, err = compileProgram(pattern); err != nil {
		panic("extract: pattern " + pattern + ": " + err.Error())
	}
	x.about, x.list = x.re.SubexpIndex("about"), x.re.SubexpIndex("list")
	leads := newLeads(x.re)
	for _, l := range leads {
		x.starts = append(x.starts, l.s)
		x.wordStart = x.wordStart || l.atWord
		set.starts = append(set.starts, start{[]rune(l.s), x.id})
		set.atWord = append(set.atWord, l.atWord)
	}
	x.stops = newStops(x.re)
	if needs := newNeeds(x.re, x.starts); len(needs) > 0 {
		x.needs = needs // nil when there are none
	}
	starts, atWord := set.starts, set.atWord
	set.automaton = sync.OnceValue(func() *startAutomaton { return newStartAutomaton(starts, atWord) })
	set.list = append(set.list, x)
	return x
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
	lower  string
	exotic bool
	// bt is the memory of tries, shared by the sentences of a document;
	// nil until one is made.
	bt *backtracker
}

type hit struct{ id, at int }

// sentenceScans holds the sentenceHits of the sentences of a document,
// and the memory behind them, which scanSentences takes from the
// documents before (release gives it back).
type sentenceScans struct {
	hits     []sentenceHits
	at, from []int
	pairs    []hit
	bt       backtracker
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
	lower, exotic := d.folded()
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
			h.lower, h.exotic = lower[s.Start:s.End], exotic
		}
		h.bt = &sc.bt
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
	h.t, h.lower, h.exotic = t, "", false
	pairs := scratch[:0]
	if set.automaton != nil {
		pairs = set.automaton().find(t, pairs)
	}
	// Group by pattern.
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
	// Put each pattern's places in text order, each once.
	w := 0
	for i := range n {
		places := h.at[h.from[i]:h.from[i+1]]
		if len(places) > 1 {
			slices.Sort(places)
			places = slices.Compact(places)
		}
		h.from[i] = w
		w += copy(h.at[w:], places)
	}
	h.from[n] = w
	h.at = h.at[:w]
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
		if loc, ok := h.tryAt(x, a, b, a, exists); ok {
			if exists {
				fn(nil)
				return
			}
			next = loc[1]
			if !fn(loc) {
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
		loc, ok := h.tryAt(x, a, end, q, exists)
		if !ok {
			continue
		}
		if exists {
			fn(nil)
			return
		}
		next = loc[1]
		if !fn(loc) {
			return
		}
	}
}

// tryAt tries x at place q only, on the input t[a:end], and returns the
// match with offsets into t; with exists it only reports whether there is
// one.
func (h *sentenceHits) tryAt(x *sentenceRegexp, a, end, q int, exists bool) ([]int, bool) {
	t := h.t
	if x.prog.fits(q-a, end-a) {
		if h.bt == nil {
			h.bt = &backtracker{}
		}
		bt := h.bt
		if exists {
			return nil, bt.run(x.prog, t[a:end], q-a, nil)
		}
		bt.caps = slices.Grow(bt.caps[:0], x.prog.ncap)[:x.prog.ncap]
		if !bt.run(x.prog, t[a:end], q-a, bt.caps) {
			return nil, false
		}
		return shift(slices.Clone(bt.caps), a), true
	}
	anchored := x.anchored()
	in, re, off := t[a:end], anchored.atStart, a
	if q > a {
		_, size := utf8.DecodeLastRuneInString(t[:q])
		in, re, off = t[q-size:end], anchored.afterRune, q-size
	}
	if exists {
		return nil, re.MatchString(in)
	}
	loc := shift(re.FindStringSubmatchIndex(in), off)
	if loc == nil {
		return nil, false
	}
	loc[0] = q
	return loc, true
}

// holdsOne reports whether t[q:b] holds one of words (folded ASCII), or
// may hold one in a form the fold misses.
func (h *sentenceHits) holdsOne(words []string, q, b int) bool {
	if len(h.lower) != len(h.t) {
		h.lower, h.exotic = foldedASCII(h.t)
	}
	if h.exotic {
		return true
	}
	for _, w := range words {
		if strings.Contains(h.lower[q:b], w) {
			return true
		}
	}
	return false
}

// foldedASCII returns t with its ASCII letters folded and every other
// byte as it is, so that offsets hold in both, and reports whether t
// holds a rune outside ASCII that folds to an ASCII letter. A text with
// no capital letter in ASCII is returned as it is.
func foldedASCII(t string) (string, bool) {
	var b strings.Builder
	from, exotic := 0, false
	for i := 0; ; {
		for i < len(t) && !foldStops[t[i]] {
			i++ // most bytes
		}
		if i == len(t) {
			break
		}
		if c := t[i]; c < utf8.RuneSelf {
			if b.Cap() == 0 {
				b.Grow(len(t))
			}
			b.WriteString(t[from:i])
			b.WriteByte(lowerASCII[c])
			i++
			from = i
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		if foldRune(r) < utf8.RuneSelf {
			exotic = true
		}
		i += size
	}
	if b.Cap() == 0 {
		return t, exotic
	}
	b.WriteString(t[from:])
	return b.String(), exotic
}

// foldStops holds the bytes foldedASCII must look at: capital letters
// and the bytes outside ASCII.
var foldStops = func() (stops [256]bool) {
	for c := range stops {
		stops[c] = 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf
	}
	return stops
}()

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
