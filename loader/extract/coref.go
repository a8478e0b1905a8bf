package extract

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tradegraph/tradegraph"
)

// titleNouns after "the" refer back to the most recent person whose role
// holds the same word: "the minister", "the secretary".
var titleNouns = setOf("minister", "secretary", "commissioner", "president", "ambassador",
	"chairman", "chairwoman", "founder", "governor", "senator", "premier", "chancellor",
	"spokesman", "spokeswoman", "spokesperson", "envoy", "billionaire", "tycoon", "entrepreneur")

// holderKind reports whether actors of kind k hold offices and so can be
// described by a noun ("the ministry", "the company", "the chamber").
func holderKind(k tradegraph.ActorKind) bool {
	return k == tradegraph.Ministry || k == tradegraph.Company || k == tradegraph.Organization
}

// referent returns the nearest mention before byte offset pos, in sentence
// k or the sentences before it, of the actor a noun describes: one whose
// name holds the noun ("council" → "Canola Council of Canada") or, for a
// noun of a kind ("ministry", "company"), one of that kind. With noun "",
// any body, company or organisation.
func (ms *mentionStage) referent(k int, noun string, pos int) *Mention {
	return ms.referentFrom(k, noun, "", pos)
}

// referentFrom is referent for an actor of country code ("the Dutch
// chipmaker"), when code is not "" and the actor's country is known.
func (ms *mentionStage) referentFrom(k int, noun, code string, pos int) *Mention {
	kind, known := holderNouns[noun]
	if noun != "" && !known {
		return nil
	}
	// The nearest actor whose name holds the noun ("the ministry" and the
	// Ministry of Commerce rather than the customs agency named after
	// it), else the nearest of the noun's kind.
	var ofKind *Mention
	for j := k; j >= 0 && j >= k-maxReferenceSentences; j-- {
		mentions := ms.sents[j].s.Mentions
		for x := len(mentions) - 1; x >= 0; x-- {
			m := mentions[x]
			if m.Start >= pos || !holderKind(m.Kind) || m.Form == FormOffice {
				continue
			}
			a := ms.actors[m.ActorID]
			if a == nil {
				continue
			}
			if code != "" && a.Country != "" && !strings.EqualFold(a.Country, code) {
				continue
			}
			switch {
			case noun == "" || nameHasWord(a.Name, noun):
				return m
			case kind != "" && m.Kind == kind && ofKind == nil:
				ofKind = m
			}
		}
	}
	return ofKind
}

// maxReferenceSentences is how far back a description looks for the
// actor it describes.
const maxReferenceSentences = 8

// nameHasWord reports whether name holds word, in any case. It walks the
// words as tokenize would cut them, without making tokens: it runs for
// every candidate of every description.
func nameHasWord(name, word string) bool {
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(name) {
			r, size := utf8.DecodeRuneInString(name[j:])
			if !isWordRune(r) {
				break
			}
			j += size
		}
		if strings.EqualFold(name[i:j], word) {
			return true
		}
		i = j
	}
	return false
}

// pronouns refer back to the one person of the recent sentences.
var pronouns = setOf("he", "she", "him", "his", "her", "hers", "himself", "herself")

// knownNamesAndCoref finds, sentence by sentence, the discovered actors
// named again ("Jack Ma" anywhere, "Ma" and "Mr Ma" after the full name)
// and resolves titles and pronouns to the actors they refer back to.
func (ms *mentionStage) knownNamesAndCoref() {
	full, short := nameLexicon(), nameLexicon()
	defer nameLexicons.Put(full)
	defer nameLexicons.Put(short)
	firstFull := map[string]int{}
	roles := map[string]map[string]bool{} // actor → the words of its roles
	for _, st := range ms.sents {
		for _, m := range st.s.Mentions {
			if a := ms.actors[m.ActorID]; a != nil && m.Form == FormName {
				if _, ok := firstFull[a.ID]; !ok || m.Start < firstFull[a.ID] {
					firstFull[a.ID] = m.Start
				}
			}
			if m.Role != "" {
				if roles[m.ActorID] == nil {
					roles[m.ActorID] = map[string]bool{}
				}
				for _, t := range tokenize(strings.ToLower(m.Role), 0) {
					roles[m.ActorID][t.Text] = true
				}
			}
		}
	}
	ids := make([]string, 0, len(ms.actors))
	for id := range ms.actors {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	surnames := map[string][]string{}
	for _, id := range ids {
		a := ms.actors[id]
		if _, known := ms.m.entries[id]; known {
			continue
		}
		full.add(a.Name, target{ID: id})
		words := tokenize(a.Name, 0)
		switch a.Kind {
		case tradegraph.Person:
			if len(words) >= 2 {
				s := words[len(words)-1].Text
				surnames[s] = append(surnames[s], id)
			}
		case tradegraph.Company:
			if len(words) >= 2 && companySuffixes[words[len(words)-1].Text] {
				base := strings.TrimSpace(a.Name[:words[len(words)-1].Start])
				if p, _ := ms.m.names.longestAt(tokenize(base, 0), 0); p == nil {
					short.add(base, target{ID: id})
				}
			}
		}
	}
	for base, id := range ms.shortCompanyNames() {
		short.add(base, target{ID: id})
	}
	for s, owners := range surnames {
		if len(owners) == 1 && !notNames[strings.ToLower(s)] {
			short.add(s, target{ID: owners[0]})
		}
	}

	// history holds the mentions so far, in text order; coreference adds
	// some, so the first guess is a little over what is there now.
	n := 0
	for _, st := range ms.sents {
		n += len(st.s.Mentions)
	}
	history := make([]*Mention, 0, n+n/4)
	for k, st := range ms.sents {
		ms.namesAgain(st, full, short, firstFull)
		slices.SortFunc(st.s.Mentions, func(a, b *Mention) int { return a.Start - b.Start })
		windowStart := 0
		if k >= 2 {
			windowStart = ms.sents[k-2].s.Start
		}
		ms.resolveReferences(k, st, history, roles, windowStart)
		slices.SortFunc(st.s.Mentions, func(a, b *Mention) int { return a.Start - b.Start })
		history = append(history, st.s.Mentions...)
	}
	ms.possessedBodies()
}

// nameLexicons keeps the lexicons of the names a document introduces
// for the documents after it (see nameLexicon).
var nameLexicons sync.Pool // of *lexicon

// nameLexicon returns an empty lexicon for the names of a document.
func nameLexicon() *lexicon {
	if l, ok := nameLexicons.Get().(*lexicon); ok {
		l.reset()
		return l
	}
	return newLexicon()
}

// possessedBodies gives a body named after a possessive its possessor's
// country: in "the ministry's International Trade Administration", after
// Taiwan's ministry, the agency is Taiwan's, not the one of that name the
// gazetteer lists for the United States.
func (ms *mentionStage) possessedBodies() {
	for _, st := range ms.sents {
		for _, m := range st.s.Mentions {
			if m.Kind != tradegraph.Ministry || m.Form != FormName {
				continue
			}
			k := tokenAfter(st, m.Start)
			if k < 3 || !possessiveAt(st.toks, k-2) {
				continue
			}
			var owner *Mention
			for _, o := range st.s.Mentions {
				if o.End == st.toks[k-3].End {
					owner = o
				}
			}
			if owner == nil {
				continue
			}
			code := ms.countryOrBodyCountry(owner)
			a := ms.actors[m.ActorID]
			if code == "" || a == nil || a.Country == "" || strings.EqualFold(a.Country, code) {
				continue
			}
			old := m.ActorID
			m.ActorID = ms.discovered(tradegraph.Ministry, m.Text, code)
			if !ms.mentioned(old) {
				delete(ms.actors, old)
			}
		}
	}
}

// mentioned reports whether some mention names the actor id.
func (ms *mentionStage) mentioned(id string) bool {
	for _, st := range ms.sents {
		for _, m := range st.s.Mentions {
			if m.ActorID == id {
				return true
			}
		}
	}
	return false
}

// namesAgain finds discovered names in the free tokens of st.
func (ms *mentionStage) namesAgain(st *sentState, full, short *lexicon, firstFull map[string]int) {
	toks := st.toks
	for i := 0; i < len(toks); i++ {
		if st.taken[i] {
			continue
		}
		// "Mr Ma", "Ms. Doe": the honorific belongs to the mention.
		if honorifics[toks[i].Text] {
			j := i + 1
			if j < len(toks) && toks[j].Text == "." && !toks[j].Space {
				j++
			}
			if j < len(toks) && st.free(j, j+1) && toks[j].capitalised() {
				if p, n := short.longestAt(toks, j); p != nil && st.free(j, j+n) {
					ms.mention(st, i, j+n, p.Target.ID, FormShort)
					i = j + n - 1
					continue
				}
				if p, n := full.longestAt(toks, j); p != nil && st.free(j, j+n) {
					ms.mention(st, j, j+n, p.Target.ID, FormName)
					i = j + n - 1
					continue
				}
				if e := st.capRun(j); e-j <= 3 && st.nameTokens(j, e) {
					id := ms.addActor(tradegraph.Person, ms.span(st, j, e), "")
					ms.mention(st, j, e, id, FormName)
					i = e - 1
					continue
				}
			}
		}
		if p, n := full.longestAt(toks, i); p != nil && st.free(i, i+n) && wordEdge(toks, i, n) {
			ms.mention(st, i, i+n, p.Target.ID, FormName)
			i += n - 1
			continue
		}
		if p, n := short.longestAt(toks, i); p != nil && st.free(i, i+n) && wordEdge(toks, i, n) {
			if first, ok := firstFull[p.Target.ID]; ok && first < toks[i].Start {
				ms.mention(st, i, i+n, p.Target.ID, FormShort)
				i += n - 1
			}
		}
	}
}

// wordEdge rejects a name that continues into a capitalised word ("Ma"
// in "Ma Yun"): a longer name is somebody else.
func wordEdge(toks []token, i, n int) bool {
	e := i + n
	return e >= len(toks) || !toks[e].capitalised() || !toks[e].Space
}

// resolveReferences turns "the minister", "the company" and pronouns into
// mentions of the actors they refer back to. history holds the mentions of
// earlier sentences; window is where the pronoun look-back starts.
func (ms *mentionStage) resolveReferences(k int, st *sentState, history []*Mention, roles map[string]map[string]bool, window int) {
	toks := st.toks
	// back visits the mentions before pos, latest first, until visit
	// returns false.
	back := func(pos int, visit func(*Mention) bool) {
		cur := st.s.Mentions
		for x := len(cur) - 1; x >= 0; x-- {
			if cur[x].Start < pos && !visit(cur[x]) {
				return
			}
		}
		for x := len(history) - 1; x >= 0; x-- {
			if !visit(history[x]) {
				return
			}
		}
	}
	for i := 0; i < len(toks); i++ {
		if st.taken[i] || !toks[i].Word {
			continue
		}
		lw := toks[i].Lower
		if lw == "the" && i+1 < len(toks) && st.free(i+1, i+2) && !toks[i+1].capitalised() {
			noun := toks[i+1].Lower
			var found *Mention
			if titleNouns[noun] {
				back(toks[i].Start, func(m *Mention) bool {
					if m.Kind == tradegraph.Person && roles[m.ActorID][noun] {
						found = m
					}
					return found == nil
				})
			}
			if found != nil && !(i+2 < len(toks) && toks[i+2].Text == "of") {
				ms.mention(st, i, i+2, found.ActorID, FormTitle)
				i++
				continue
			}
		}
		if lw == "the" {
			if n, found := ms.described(k, st, i); found != nil {
				ms.mention(st, i, i+n, found.ActorID, FormTitle)
				i += n - 1
			}
			continue
		}
		if pronouns[lw] {
			persons := map[string]bool{}
			last := ""
			// An object pronoun does not refer to someone named earlier in
			// its own clause ("He Lifeng met her"); approximated by the
			// sentence.
			object := lw == "him" || lw == "her" && !possessiveHer(toks, i)
			back(toks[i].Start, func(m *Mention) bool {
				if m.Start < window {
					return false
				}
				if object && m.Start >= st.s.Start {
					return true
				}
				if m.Kind == tradegraph.Person {
					persons[m.ActorID] = true
					if last == "" {
						last = m.ActorID
					}
				}
				return true
			})
			switch {
			case len(persons) == 1:
				ms.mention(st, i, i+1, last, FormPronoun)
			case len(persons) > 1 && (lw == "he" || lw == "she") && i == ms.firstWord(st):
				// A sentence that opens with "He" or "She" goes on about
				// the person the sentence before opened with.
				if p := ms.personOpener(k - 1); p != nil {
					ms.mention(st, i, i+1, p.ActorID, FormPronoun)
				}
			}
		}
	}
}

// firstWord returns the index of the first word of st, past opening
// quotes.
func (ms *mentionStage) firstWord(st *sentState) int {
	for k, t := range st.toks {
		if t.Word {
			return k
		}
	}
	return -1
}

// personOpener returns the mention of the person sentence k opens with,
// when it opens with one and in the same paragraph as the sentence after
// it, or nil.
func (ms *mentionStage) personOpener(k int) *Mention {
	if k < 0 || k+1 >= len(ms.sents) {
		return nil
	}
	if strings.Contains(ms.d.Text[ms.sents[k].s.End:ms.sents[k+1].s.Start], "\n") {
		return nil
	}
	if m := ms.opener(ms.sents[k], ms.datelineEnd()); m != nil && m.Kind == tradegraph.Person {
		return m
	}
	return nil
}

// notAfterPossessive are words after "her" that make it an object ("told
// her that"), not a possessive ("her office").
var notAfterPossessive = setOf("and", "or", "but", "to", "that", "in", "on", "at", "for", "with",
	"of", "as", "by", "from", "about", "into", "if", "when", "while", "the", "a", "an", "this", "it")

// possessiveHer reports whether "her" at toks[i] is a possessive.
func possessiveHer(toks []token, i int) bool {
	if i+1 >= len(toks) || !toks[i+1].Word || toks[i+1].capitalised() {
		return false
	}
	return !notAfterPossessive[toks[i+1].Text]
}

// described reads a description at toks[i], "the" and up to two words
// before a noun of holderNouns ("the ministry", "the market regulator",
// "the Dutch chipmaker", "the Commission"), and returns its length in
// tokens and the mention of the actor it refers to, or nil. A capitalised
// noun must end a body's name ("the Commission", "the Council") and may
// not start a longer name ("the Ministry of Commerce").
func (ms *mentionStage) described(k int, st *sentState, i int) (int, *Mention) {
	toks := st.toks
	code := ""
	j := i + 1
	for mods := 0; j < len(toks) && st.free(j, j+1) && toks[j].Word; j++ {
		w, lw := toks[j].Text, toks[j].Lower
		if _, ok := holderNouns[lw]; ok && (!toks[j].capitalised() || bodyHeads[w] || orgHeads[w]) {
			break
		}
		if id := st.demonymAt[j]; id != "" && code == "" {
			code = ms.m.countryCode(id)
		} else if toks[j].capitalised() || notNames[lw] || titleNouns[lw] || !describingWord(lw) {
			return 0, nil
		}
		if mods++; mods > 2 {
			return 0, nil
		}
	}
	if j >= len(toks) || !st.free(j, j+1) || !toks[j].Word {
		return 0, nil
	}
	noun := toks[j].Lower
	if _, ok := holderNouns[noun]; !ok {
		return 0, nil
	}
	if e := j + 1; e < len(toks) && (toks[e].Text == "of" || toks[e].capitalised() && toks[e].Space) {
		return 0, nil
	}
	m := ms.referentFrom(k, noun, code, toks[i].Start)
	if m == nil {
		return 0, nil
	}
	return j + 1 - i, m
}

// describingWord reports whether a lower-case word may describe the noun
// after it in a description ("market" in "the market regulator"): a plain
// word, not a number or a word that ends a phrase.
func describingWord(w string) bool {
	if w == "" || w[0] >= '0' && w[0] <= '9' {
		return false
	}
	return !locatives[w] && !notAfterPossessive[w] && !notDescribing[w]
}

// notDescribing are words after "the" that start no description of an
// actor named before ("the same", "the first").
var notDescribing = setOf("same", "first", "last", "next", "other", "only", "new", "said", "was", "is")

// shortCompanyNames returns the short names of the gazetteer companies
// the document names in full, where the rest of the name is generic and
// the short name is no other actor's ("Ampere" for "Ampere Computing"),
// by short name.
func (ms *mentionStage) shortCompanyNames() map[string]string {
	out := map[string]string{}
	shared := map[string]bool{}
	for id, a := range ms.actors {
		if _, known := ms.m.entries[id]; !known || a.Kind != tradegraph.Company {
			continue
		}
		words := strings.Fields(a.Name)
		if len(words) < 2 || !genericCompanyWords(strings.Join(words[1:], " ")) {
			continue
		}
		base := words[0]
		toks := tokenize(base, 0)
		if len(toks) != 1 || len(base) < 3 || notNames[strings.ToLower(base)] || titleHeads[strings.ToLower(base)] {
			continue
		}
		if p, _ := ms.m.names.longestAt(toks, 0); p != nil {
			continue // "Tokyo" of "Tokyo Electron" names something else
		}
		if p, _ := ms.m.demonyms.longestAt(toks, 0); p != nil {
			continue
		}
		if other, ok := out[base]; ok && other != id {
			shared[base] = true
		}
		out[base] = id
	}
	for base := range shared {
		delete(out, base)
	}
	return out
}
