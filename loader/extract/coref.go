package extract

import (
	"slices"
	"strings"

	"github.com/tradegraph/tradegraph"
)

// titleNouns after "the" refer back to the most recent person whose role
// holds the same word: "the minister", "the secretary".
var titleNouns = setOf("minister", "secretary", "commissioner", "president", "ambassador",
	"chairman", "chairwoman", "founder", "governor", "senator", "premier", "chancellor",
	"spokesman", "spokeswoman", "spokesperson", "envoy", "billionaire", "tycoon", "entrepreneur")

// companyNouns after "the" refer back to the most recent company.
var companyNouns = setOf("company", "firm", "group", "conglomerate", "manufacturer", "chipmaker", "outlet")

// pronouns refer back to the one person of the recent sentences.
var pronouns = setOf("he", "she", "him", "his", "her", "hers", "himself", "herself")

// knownNamesAndCoref finds, sentence by sentence, the discovered actors
// named again ("Jack Ma" anywhere, "Ma" and "Mr Ma" after the full name)
// and resolves titles and pronouns to the actors they refer back to.
func (ms *mentionStage) knownNamesAndCoref() {
	full, short := newLexicon(), newLexicon()
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
	for s, owners := range surnames {
		if len(owners) == 1 && !notNames[strings.ToLower(s)] {
			short.add(s, target{ID: owners[0]})
		}
	}

	var history []*Mention // mentions so far, in text order
	for k, st := range ms.sents {
		ms.namesAgain(st, full, short, firstFull)
		slices.SortFunc(st.s.Mentions, func(a, b *Mention) int { return a.Start - b.Start })
		windowStart := 0
		if k >= 2 {
			windowStart = ms.sents[k-2].s.Start
		}
		ms.resolveReferences(st, history, roles, windowStart)
		slices.SortFunc(st.s.Mentions, func(a, b *Mention) int { return a.Start - b.Start })
		history = append(history, st.s.Mentions...)
	}
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
func (ms *mentionStage) resolveReferences(st *sentState, history []*Mention, roles map[string]map[string]bool, window int) {
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
		lw := strings.ToLower(toks[i].Text)
		if lw == "the" && i+1 < len(toks) && st.free(i+1, i+2) && !toks[i+1].capitalised() {
			noun := strings.ToLower(toks[i+1].Text)
			var found *Mention
			if titleNouns[noun] || companyNouns[noun] {
				back(toks[i].Start, func(m *Mention) bool {
					switch {
					case titleNouns[noun] && m.Kind == tradegraph.Person && roles[m.ActorID][noun],
						companyNouns[noun] && m.Kind == tradegraph.Company && m.Form != FormTitle:
						found = m
					}
					return found == nil
				})
			}
			if found != nil && !(i+2 < len(toks) && toks[i+2].Text == "of") {
				ms.mention(st, i, i+2, found.ActorID, FormTitle)
				i++
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
			if len(persons) == 1 {
				ms.mention(st, i, i+1, last, FormPronoun)
			}
		}
	}
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
