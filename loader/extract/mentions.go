package extract

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tradegraph/tradegraph"
)

// governmentNouns turn a demonym or a country name into the country's
// government: "Chinese authorities", "US officials", "the Japanese side".
// Nouns for people or things of a country that are not its state
// ("firms", "exporters", "consumers", "market") are left out on purpose:
// "Chinese firms did X" is not China doing X. "leaders", "lawmakers" and
// "diplomats" are in: they speak for the state in trade news.
var governmentNouns = setOf("government", "governments", "authorities", "officials", "official",
	"administration", "regulators", "regulator", "negotiators", "negotiator", "side", "leaders",
	"leadership", "lawmakers", "legislators", "diplomats", "delegation", "envoys", "counterparts",
	"ministers", "cabinet")

// governmentModifiers may stand between the demonym and the government
// noun: "Chinese customs authorities", "US trade officials".
var governmentModifiers = setOf("trade", "customs", "commerce", "foreign", "economic", "senior",
	"top", "security", "defence", "defense", "financial", "military", "health", "agriculture",
	"industry", "central", "federal", "national", "local", "export", "competition")

// locatives before a capital make it a place, not a government: "based in
// Tokyo", "from Beijing".
var locatives = setOf("in", "at", "from", "near", "into", "across", "outside", "around", "inside",
	"within", "throughout", "via", "of", "through", "towards", "toward", "between")

// movementWords before "to" make the capital after it a destination
// ("moved to Tokyo"), not an addressee ("wrote to Tokyo").
var movementWords = setOf("moved", "move", "moves", "moving", "relocated", "relocate", "relocating",
	"travelled", "traveled", "travel", "travelling", "traveling", "flew", "fly", "flying", "went",
	"go", "going", "came", "come", "coming", "returned", "return", "returning", "trip", "visit",
	"flight", "flights", "headed", "heading", "arrived", "back", "way", "route", "shipped", "shipments")

// sentState is one sentence while the mention stage works on it.
type sentState struct {
	s     *Sentence
	toks  []token
	taken []bool
	// demonymAt holds, at the index of a demonym's last token, the
	// country it names, for demonyms that did not become mentions.
	demonymAt []string
	// demonymStart holds at the same index the demonym's first token.
	demonymStart []int
	// roles are the roles discovery found, to be linked to the actors
	// they name once the sentence is read.
	roles []pendingRole
	// resume is the token after the last person discovery recorded: a
	// title that runs past a capitalised run ("Minister of State for
	// Electronics and Information Technology Rajeev Chandrasekhar") is
	// read no further.
	resume int
}

// take records a mention over toks[i:j] and marks the tokens as used.
func (st *sentState) take(m *Mention, i, j int) {
	for k := i; k < j; k++ {
		st.taken[k] = true
	}
	st.s.Mentions = append(st.s.Mentions, m)
}

// free reports whether none of toks[i:j] is part of a mention.
func (st *sentState) free(i, j int) bool {
	if i < 0 || j > len(st.toks) {
		return false
	}
	return !slices.Contains(st.taken[i:j], true)
}

// inCapitalised reports whether word, with its first byte in upper case,
// is in set: "ministry" is in a set that holds "Ministry". It does what
// set[strings.ToUpper(word[:1])+word[1:]] does, without allocating, as it
// runs for every word in lower case.
func inCapitalised(set map[string]bool, word string) bool {
	var buf [32]byte
	if word == "" || len(word) > len(buf) {
		return set[strings.ToUpper(word[:min(1, len(word))])+word[min(1, len(word)):]]
	}
	c := word[0]
	if c >= utf8.RuneSelf {
		return set["\uFFFD"+word[1:]] // what ToUpper makes of a byte that is no rune
	}
	if 'a' <= c && c <= 'z' {
		c -= 'a' - 'A'
	}
	b := append(append(buf[:0], c), word[1:]...)
	return set[string(b)]
}

// tokenBuffer holds what the mention stage notes per token of a
// document. It is needed only while the stage runs, so tokenBuffers
// keeps buffers for the next document.
type tokenBuffer struct {
	toks         []token
	taken        []bool
	demonymAt    []string
	demonymStart []int
}

var tokenBuffers sync.Pool // of *tokenBuffer

// mentionStage finds the sentences and actor mentions of d.
type mentionStage struct {
	m      *matcher
	d      *Document
	sents  []*sentState
	actors map[string]*tradegraph.Actor
	// dateline is where the dateline starts and ends ("CANBERRA, Aug 4
	// - "), once looked for; datelineRead says it was.
	dateline     [2]int
	datelineRead bool
	// named holds the actors named other than in a title, once role
	// resolution has asked (see namedInDoc).
	named map[string]bool
	// slab is where new mentions are carved from: one array for many
	// mentions instead of an allocation each (see Document.mentionSlab).
	slab []Mention
}

// newMention returns a new mention holding m.
func (ms *mentionStage) newMention(m Mention) *Mention {
	if len(ms.slab) == cap(ms.slab) {
		ms.slab = ms.d.mentionSlab()
	}
	ms.slab = append(ms.slab, m)
	return &ms.slab[len(ms.slab)-1]
}

// mentionSlab is the number of mentions allocated at once; an article
// has a few dozen.
const mentionSlab = 32

// findMentions runs the mention stage on d: sentences, gazetteer matches,
// discovered actors, names seen again, and coreference.
func (m *matcher) findMentions(d *Document) {
	ms := &mentionStage{m: m, d: d, actors: map[string]*tradegraph.Actor{}}
	d.Sentences = splitSentences(d.Text)
	// The sentences' tokens and what is noted per token live in arrays
	// of the whole document, kept from one document to the next.
	buf, _ := tokenBuffers.Get().(*tokenBuffer)
	if buf == nil {
		buf = &tokenBuffer{}
	}
	defer tokenBuffers.Put(buf)
	toks := buf.toks[:0]
	ends := make([]int, len(d.Sentences))
	lower, _ := d.folded()
	for i, s := range d.Sentences {
		toks = appendTokens(toks, s.Text, lower[s.Start:s.End], s.Start)
		ends[i] = len(toks)
	}
	buf.toks = toks
	n := len(toks)
	buf.taken = slices.Grow(buf.taken[:0], n)[:n]
	buf.demonymAt = slices.Grow(buf.demonymAt[:0], n)[:n]
	buf.demonymStart = slices.Grow(buf.demonymStart[:0], n)[:n]
	clear(buf.taken)
	clear(buf.demonymAt)
	clear(buf.demonymStart)
	states := make([]sentState, len(d.Sentences))
	ms.sents = make([]*sentState, len(d.Sentences))
	from := 0
	for i, s := range d.Sentences {
		to := ends[i]
		states[i] = sentState{s: s, toks: toks[from:to:to], taken: buf.taken[from:to:to],
			demonymAt: buf.demonymAt[from:to:to], demonymStart: buf.demonymStart[from:to:to]}
		ms.sents[i] = &states[i]
		from = to
	}
	for _, st := range ms.sents {
		ms.gazetteerPass(st)
	}
	for _, st := range ms.sents {
		ms.discover(st)
	}
	ms.knownNamesAndCoref()
	ms.resolveRoles()
	ms.affiliationMentions()
	for _, st := range ms.sents {
		slices.SortFunc(st.s.Mentions, func(a, b *Mention) int { return a.Start - b.Start })
		markInRole(st.s)
	}
	ms.collectAliases()
	d.Actors = ms.actors
}

// gazetteerPass finds gazetteer names, aliases, capitals and demonym
// phrases, leftmost-longest.
func (ms *mentionStage) gazetteerPass(st *sentState) {
	toks := st.toks
	headline := isHeadline(toks)
	for i := 0; i < len(toks); {
		np, nn := ms.m.names.longestAt(toks, i)
		dp, dn := ms.m.demonyms.longestAt(toks, i)
		if dp != nil && partOfLargerPlace(toks, i, false) && np == nil {
			i += dn // "South American", "Latin American": a region's
			continue
		}
		if dp != nil {
			if g := governmentPhrase(toks, i+dn); g > 0 && dn+g >= nn {
				ms.mention(st, i, i+dn+g, dp.Target.ID, FormDemonym)
				i += dn + g
				continue
			}
			if nn <= dn {
				st.demonymAt[i+dn-1] = dp.Target.ID
				st.demonymStart[i+dn-1] = i
				if i+dn < len(toks) && toks[i+dn].Word && !toks[i+dn].capitalised() {
					h := toks[i+dn]
					st.s.Affiliations = append(st.s.Affiliations, Affiliation{
						Start: toks[i].Start, End: h.End, Text: ms.d.Text[toks[i].Start:h.End],
						Country: dp.Target.ID, Head: h.Lower,
					})
				}
				i += dn
				continue
			}
		}
		if np == nil || !wholeMatch(toks, i, nn) {
			i++
			continue
		}
		id := np.Target.ID
		if partOfLargerPlace(toks, i, np.Target.Kind == formCapital && !headline) {
			i += nn
			continue
		}
		switch {
		case np.Target.Kind == formCapital:
			if !capitalIsActor(toks, i, nn, headline) {
				i += nn
				continue
			}
			ms.mention(st, i, i+nn, id, FormCapital)
		case ms.m.kindOf(id) == tradegraph.Country || ms.m.kindOf(id) == tradegraph.Organization:
			if g := governmentPhrase(toks, i+nn); g > 0 {
				ms.mention(st, i, i+nn+g, id, FormDemonym) // "US officials"
				i += nn + g
				continue
			}
			ms.mention(st, i, i+nn, id, FormName)
		default:
			ms.mention(st, i, i+nn, id, FormName)
		}
		i += nn
	}
}

// wholeMatch rejects a match that would cut an abbreviation or a dotted
// word in two: "U.S" of "U.S.A.", or "S" of "U.S.".
func wholeMatch(toks []token, i, n int) bool {
	if i > 0 && toks[i-1].Text == "." && !toks[i].Space && i > 1 && len(toks[i-2].Text) == 1 && !toks[i-1].Space {
		return false
	}
	if e := i + n; e+1 < len(toks) && toks[e-1].Text == "." && !toks[e].Space && toks[e].Word && len(toks[e].Text) == 1 {
		return false
	}
	return true
}

// placePrefixes make a country or capital part of a larger place name:
// "Latin America", "New Mexico", "South Georgia".
var placePrefixes = setOf("Latin", "North", "South", "Central", "East", "West", "New",
	"Northern", "Southern", "Eastern", "Western", "Upper", "Lower", "Greater", "Old", "Little",
	"Mount", "Lake", "Port", "Fort", "Saint", "St", "San", "Santa", "Sub-Saharan")

// partOfLargerPlace reports whether the match at toks[i] continues a
// proper name that starts before it: always after a place prefix, and,
// when strict (a capital outside a headline), after any capitalised word
// inside the sentence ("George Washington").
func partOfLargerPlace(toks []token, i int, strict bool) bool {
	if i == 0 || !toks[i].Space || !toks[i-1].capitalised() {
		return false
	}
	if placePrefixes[toks[i-1].Text] {
		return true
	}
	if !strict || i-1 == 0 {
		return false
	}
	lw := toks[i-1].Lower
	return !notNames[lw] && !titleHeads[lw] && !governmentNouns[lw]
}

// isHeadline reports whether most words of a sentence are capitalised,
// as in a title: there capitals say nothing about names.
func isHeadline(toks []token) bool {
	words, caps := 0, 0
	for _, t := range toks {
		if t.Word {
			words++
			if t.capitalised() {
				caps++
			}
		}
	}
	return words >= 3 && caps*3 >= words*2
}

// governmentPhrase returns how many tokens from i make a government noun
// phrase ("officials", "trade officials"), 0 if none.
func governmentPhrase(toks []token, i int) int {
	for n := 0; n <= 1 && i+n < len(toks); n++ {
		if !toks[i+n].Word {
			return 0
		}
		lw := toks[i+n].Lower
		if governmentNouns[lw] {
			return n + 1
		}
		if !governmentModifiers[lw] {
			return 0
		}
	}
	return 0
}

// capitalIsActor reports whether the capital at toks[i:i+n] stands for a
// government rather than a place. In a headline every word is
// capitalised, so a capitalised next word does not extend the name.
func capitalIsActor(toks []token, i, n int, headline bool) bool {
	if e := i + n; e < len(toks) {
		next := toks[e]
		if next.Text == "-" && !next.Space {
			return false // "Tokyo-based"
		}
		if next.capitalised() && next.Space && !headline {
			return false // "Tokyo Electron", "Washington Post"
		}
	}
	p := i - 1
	if p >= 0 && strings.EqualFold(toks[p].Text, "the") {
		p--
	}
	if p < 0 || !toks[p].Word {
		return true
	}
	prev := toks[p].Lower
	if prev == "in" && p > 0 && governmentNouns[toks[p-1].Lower] {
		return true // "officials in Washington" are its government
	}
	if locatives[prev] {
		return false
	}
	if prev == "to" && p > 0 && movementWords[toks[p-1].Lower] {
		return false
	}
	return true
}

// mention records a mention of actor id over toks[i:j]. It returns the
// mention so that callers can attach a role.
func (ms *mentionStage) mention(st *sentState, i, j int, id string, form MentionForm) *Mention {
	start, end := st.toks[i].Start, st.toks[j-1].End
	kind := ms.ensureActor(id)
	m := ms.newMention(Mention{Start: start, End: end, Text: ms.d.Text[start:end], ActorID: id, Kind: kind, Form: form})
	st.take(m, i, j)
	return m
}

// ensureActor adds the gazetteer actor id to the document and returns its
// kind; discovered actors are added by addActor.
func (ms *mentionStage) ensureActor(id string) tradegraph.ActorKind {
	if a, ok := ms.actors[id]; ok {
		return a.Kind
	}
	e, ok := ms.m.entries[id]
	if !ok {
		return ""
	}
	ms.actors[id] = &tradegraph.Actor{ID: e.ID, Kind: e.Kind, Name: e.Name, Country: e.Country}
	return e.Kind
}

// addActor adds a discovered actor and returns its id; an actor already
// known by that id keeps its first name.
func (ms *mentionStage) addActor(kind tradegraph.ActorKind, name, country string) string {
	id := tradegraph.ActorID(kind, name)
	if kind == tradegraph.Ministry && country != "" {
		if known, ok := ms.m.bodies[bodyKey(country, name)]; ok {
			ms.ensureActor(known)
			return known
		}
		id = "ministry:" + strings.ToLower(country) + "-" + tradegraph.Slug(name)
	}
	if _, ok := ms.m.entries[id]; ok {
		ms.ensureActor(id)
		return id
	}
	if _, ok := ms.actors[id]; !ok {
		ms.actors[id] = &tradegraph.Actor{ID: id, Kind: kind, Name: name, Country: country}
	}
	return id
}

// markInRole flags mentions that sit inside another mention's role.
func markInRole(s *Sentence) {
	for _, holder := range s.Mentions {
		if holder.Role == "" {
			continue
		}
		for _, m := range s.Mentions {
			if m != holder && m.Start >= holder.RoleSpan[0] && m.End <= holder.RoleSpan[1] {
				m.InRole = true
			}
		}
	}
}

// collectAliases puts every surface form that names an actor, other than
// its name, into the actor's aliases. Titles and pronouns are not names.
// An actor has a few aliases in an article, so a look through them beats
// a set per actor.
func (ms *mentionStage) collectAliases() {
	for _, st := range ms.sents {
		for _, m := range st.s.Mentions {
			if m.Form == FormTitle || m.Form == FormPronoun || m.Form == FormOffice || m.Form == FormAffiliation {
				continue
			}
			a := ms.actors[m.ActorID]
			if a == nil || m.Text == a.Name {
				continue
			}
			if !slices.Contains(a.Aliases, m.Text) {
				a.Aliases = append(a.Aliases, m.Text)
			}
		}
	}
	for _, a := range ms.actors {
		slices.Sort(a.Aliases)
	}
}

// datelineEnd returns the byte offset where the article's dateline ends,
// 0 when it has none. A capital in a dateline is where the reporter
// was, not an actor of the sentence.
func (ms *mentionStage) datelineEnd() int {
	return ms.datelineSpan()[1]
}

// datelineSpan returns where the article's dateline starts and ends.
func (ms *mentionStage) datelineSpan() [2]int {
	if !ms.datelineRead {
		ms.datelineRead = true
		for k := 0; k < len(ms.sents) && k < 2; k++ {
			s := ms.sents[k].s
			if loc := datelineRE.FindStringIndex(s.Text); loc != nil {
				ms.dateline = [2]int{s.Start, s.Start + loc[1]}
				break
			}
		}
	}
	return ms.dateline
}

// affiliationMentions records the demonym of each affiliation ("Dutch" in
// "a Dutch designer") that is not already part of a mention: the text
// names the country, though not as an actor of its clause.
func (ms *mentionStage) affiliationMentions() {
	for _, st := range ms.sents {
		for _, a := range st.s.Affiliations {
			i := tokenAfter(st, a.Start)
			j := i
			for j < len(st.toks) && st.toks[j].End <= a.End && st.demonymAt[j] == "" {
				j++
			}
			if j >= len(st.toks) || st.demonymAt[j] != a.Country || !st.free(i, j+1) || !st.free(j+1, j+2) {
				continue // the demonym is part of a name ("Chinese foreign ministry")
			}
			m := ms.mention(st, i, j+1, a.Country, FormAffiliation)
			m.InRole = true
		}
	}
}
