package extract

import (
	"regexp"
	"strings"

	"github.com/tradegraph/tradegraph"
)

// Argument frames beyond the nearest actor. A trigger's subject is most
// often the closest actor before it in its clause (relations.go,
// subjectBefore); the helpers here cover the clause shapes where it is not:
//
//   - a relative clause: in "SK Hynix, which acquired Solidigm" and
//     "ByteDance, the Beijing-based company that owns TikTok" the clause
//     after the pronoun has no actor of its own, and its subject is the
//     actor the pronoun (or the appositive before it) attaches to;
//   - a relative clause standing between a subject and its verb:
//     "Zhang Yiming, who stepped down in 2021, has moved to Singapore";
//   - coordinated verbs and adverbial participles, which share the
//     subject of the clause they hang on: "China's ministry condemned the
//     decision and urged Brussels to ...", "von der Leyen announced the
//     deal after holding talks with Lula".

var (
	// relativeAttach is what may stand between the actor a relative
	// clause describes and its pronoun: nothing but a comma, or an
	// appositive noun phrase ("Berkshire Hathaway, the U.S. conglomerate
	// that ...").
	relativeAttach = prefixRE(`^\s*(?:,\s*(?:(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+|[A-Z][\w.-]*['’]s\s+)[^,;:]{1,80}?)?,?\s*$`)
	// coordinated is a verb joined to an earlier one of the same subject
	// ("... and urged", "... but criticised") or an adverbial participle
	// ("after holding", "while signing").
	coordinated = sentenceRE(`(?i)(?:\b(?:and|but)\s+(?:\w+ly\s+|also\s+|then\s+|later\s+)?|\b(?:after|before|while|when|by|since)\s+)$`)
	// dateline is the place and date that open a wire story, up to its
	// dash: "BEIJING, May 22 - ".
	dateline = prefixRE(`^[^.;]{0,60}?\s(?:-|--|—|–)\s`)
)

// relativeHead returns the actor a relative clause opening at cs
// describes, or nil when the clause is no relative clause or the actor is
// not named just before it.
func (sc *scan) relativeHead(cs int) *Mention {
	pron, that := relativePronoun(sc.t, cs)
	if pron < 0 {
		return nil
	}
	var head *Mention
	for _, m := range sc.s.Mentions {
		if sc.end(m) > pron {
			break
		}
		if !sc.eligible(m) {
			continue
		}
		// "that" without a comma before it is as often a complementiser
		// ("said that") as a relative pronoun.
		gap := sc.t[sc.end(m):pron]
		if relativeAttach.MatchString(gap) && (!that || strings.Contains(gap, ",")) {
			head = m
		}
	}
	return head
}

// enclosedRelative returns the actor a relative clause describes when the
// clause ends before p and the verb at p is the main clause's ("Zhang, who
// met Xi last week, moved ..."): the clause holding p opens with a
// relative pronoun, and a comma after its last actor closes it.
//
// closed reports that such a clause ends before p even when the actor it
// describes is not named ("Mercosur members, which include Brazil and
// Uruguay, charge ..."): the actors inside it are then not the verb's.
func (sc *scan) enclosedRelative(cs, p int) (head *Mention, closed bool) {
	pron, that := relativePronoun(sc.t, cs)
	if pron < 0 {
		return nil, false
	}
	seg := sc.t[cs:p]
	comma := strings.LastIndex(strings.TrimRight(seg, " "), ",")
	if comma < 0 {
		return nil, false
	}
	for _, m := range sc.s.Mentions {
		if s := sc.start(m); s >= cs+comma && s < p && sc.eligible(m) {
			return nil, false // an actor after the comma is the verb's own
		}
	}
	head = sc.relativeHead(cs)
	return head, head != nil || !that
}

// relativePronoun returns where the relative pronoun ending t[:cs]
// ("which", "who", "that") starts, and whether it is "that"; -1 when t[:cs]
// ends with none.
func relativePronoun(t string, cs int) (int, bool) {
	head := strings.TrimRight(t[:cs], " ")
	for _, w := range [...]string{"which", "who", "that"} {
		i := len(head) - len(w)
		if i >= 0 && strings.EqualFold(head[i:], w) && (i == 0 || !relWordByte(head[i-1])) {
			return i, w == "that"
		}
	}
	return -1, false
}

// auxWords may stand between an appositive's closing comma and the verb:
// "Lynas, the largest producer, has also invested".
var auxWords = map[string]bool{
	"has": true, "have": true, "had": true, "is": true, "are": true, "was": true,
	"were": true, "will": true, "also": true, "both": true, "all": true, "each": true,
	"already": true, "now": true, "then": true, "still": true, "once": true,
}

// appositiveEnd returns the text before p without the auxiliaries and
// adverbs that may follow an appositive, so that its closing comma shows.
func appositiveEnd(seg string) string {
	for {
		seg = strings.TrimRight(seg, " ")
		i := strings.LastIndexByte(seg, ' ')
		w := strings.ToLower(seg[i+1:])
		if i < 0 || !auxWords[w] && !(len(w) > 4 && strings.HasSuffix(w, "ly")) {
			return seg
		}
		seg = seg[:i]
	}
}

// objectOnly reports whether a relation type needs its object to be the
// actor itself, not a possessor of what the verb acts on: "signed a deal
// with Ampere's shareholders" is no deal with Ampere, while "criticised
// China's use of coercion" does criticise China.
func objectOnly(t tradegraph.RelationType) bool {
	switch t {
	case tradegraph.AgreedWith, tradegraph.MetWith, tradegraph.Acquired, tradegraph.Owns, tradegraph.Founded, tradegraph.Sanctioned:
		return true
	}
	return false
}

// possessor reports whether m is followed by "'s".
func (sc *scan) possessor(m *Mention) bool {
	rest := sc.t[sc.end(m):]
	return strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ")
}

// speaksFor matches, after a possessive, the people and bodies that act
// for the possessor: "Japan's government", "China's trade minister",
// "Apple's chief executive". A possessor of anything else ("Apple's
// suppliers") is not the actor of the clause.
var speaksFor = prefixRE(`(?i)^['’]s\s+(?:[\w-]+\s+){0,2}?(?:government|authorities|officials|administration|leadership|cabinet|regulators?|ministers?|ministry|president|premier|chancellor|spokes(?:person|man|woman)|envoys?|ambassador|embassy|diplomats?|negotiators?|delegation|parliament|lawmakers|customs|chief\s+executive|ceo|chairman|chairwoman|executives|management|board)\b`)

// possessorOnly reports whether m owns the thing the clause is about
// rather than acting: "Several of Apple's suppliers have moved".
func (sc *scan) possessorOnly(m *Mention) bool {
	return sc.possessor(m) && !speaksFor.MatchString(sc.t[sc.end(m):])
}

// sharedSubject returns the subject of the clause a coordinated verb or an
// adverbial participle at p hangs on, or nil when the trigger is neither.
// That subject is the first actor of the sentence's clause, after any
// dateline, or the actor a relative clause describes.
func (sc *scan) sharedSubject(p int) *Mention {
	if !sc.hits.match(coordinated, 0, p) {
		return nil
	}
	from := 0
	if i := strings.LastIndex(sc.t[:p], ";"); i >= 0 {
		from = i + 1
	}
	if loc := dateline.FindStringIndex(sc.t[from:]); loc != nil && from+loc[1] < p {
		from += loc[1]
	}
	for _, m := range sc.s.Mentions {
		if s := sc.start(m); s >= from && sc.end(m) <= p && sc.eligible(m) {
			return m
		}
	}
	return nil
}

var (
	// descriptor is a description standing before a name: "car
	// electronics maker" in "bought U.S. car electronics maker Harman",
	// "chip equipment makers" in "including chip equipment makers Naura".
	descriptor = prefixRE(`^\s*(?:(?:the|a|an|its|their)\s+)?(?:[A-Za-z][\w-]*\s+){0,3}(?:makers?|designers?|chipmakers?|compan(?:y|ies)|firms?|groups?|giants?|rivals?|producers?|suppliers?|manufacturers?|start-?ups?|operators?|retailers?|carmakers?|automakers?|steelmakers?|developers?|lenders?|banks?|conglomerates?|specialists?|exporters?|importers?|brands?|units?|subsidiar(?:y|ies)|counterparts?)(?:\s+|,\s*)$`)
	// including opens the named members of a group: "added 12 companies
	// to its Entity List, including A, B and C".
	including = prefixRE(`(?i)^,?\s+(?:including|among\s+them|such\s+as)\s+`)
	// mutualGap joins two coordinated subjects: "Japan and South Korea",
	// "The European Union and the South American trade bloc Mercosur".
	mutualGap = prefixRE(`^\s*(?:and|&)\s+(?:the\s+)?(?:[A-Za-z][\w-]*\s+){0,4}$`)
	// prepositionBefore ends a text whose next noun phrase is a
	// preposition's object, not a subject.
	prepositionBefore = regexp.MustCompile(`(?i)\b(?:between|of|from|to|with|in|on|for|by|among|against)\s+(?:the\s+)?$`)
	// agreedTo is a deal agreed ahead of its closing: for acquisitions
	// and investments, that is how the news states them.
	agreedTo = sentenceRE(`(?i)\b(?:agreed|agrees|signed\s+a\s+deal|struck\s+a\s+deal)\s+to\s+$`)
	// titleGap is a title between a country and a person: "President" in
	// "South Korean President Yoon Suk Yeol", "Vice Premier".
	titleGap = prefixRE(`^\s+(?:[A-Z][\w-]*,?\s+|and\s+){1,7}$`)
	// modifierAfter marks a name used as a modifier ("the TSMC-led
	// venture", "Ampere's shareholders") rather than as a list member.
	modifierAfter = prefixRE(`^(?:-\w|['’]s\b)`)
	// deniedThat puts what follows it out of force: "denied that the
	// company had asked", "rejected suggestions that".
	deniedThat = sentenceRE(`(?i)\b(?:den(?:y|ies|ied|ying)|(?:reject|dismiss|refut)(?:s|ed|ing)?\s+(?:reports?|claims?|suggestions?|allegations?))\s+that\b`)
	// basedLink ties a place to a company: "Hong Kong-based Brightpath".
	basedLink = prefixRE(`^-based\s+$`)
	// possessiveLink is the "'s" between a possessor and what it holds.
	possessiveLink = prefixRE(`^['’]s\s+$`)
)

// headOf returns the actor an object mention stands for: the possessed
// one in a possessive chain ("the Treasury Department's Office of Foreign
// Assets Control", "Germany's Siemens Energy"), and the named one when m
// only qualifies a description before a name ("U.S. car electronics maker
// Harman International").
func (sc *scan) headOf(m *Mention) *Mention {
	for range 3 {
		var next *Mention
		for _, n := range sc.s.Mentions {
			if n.Start >= m.End && !sc.inRole(n) {
				next = n
				break
			}
		}
		if next == nil || !sc.eligible(next) {
			return m
		}
		gap := sc.t[sc.end(m):sc.start(next)]
		switch {
		case possessiveLink.MatchString(gap), basedLink.MatchString(gap) && m.Kind == tradegraph.Country:
		case m.Kind == tradegraph.Country && descriptor.MatchString(gap) && !strings.Contains(gap, ","):
		case m.Kind == tradegraph.Country && next.Kind == tradegraph.Person && titleGap.MatchString(gap):
		default:
			return m
		}
		m = next
	}
	return m
}

// describedObject returns the first eligible mention after anchor when a
// description stands between ("including chip equipment makers Naura").
func (sc *scan) describedObject(anchor int, exclude string) (*Mention, int) {
	for _, m := range sc.s.Mentions {
		if sc.start(m) < anchor || sc.inRole(m) {
			continue
		}
		gap := sc.t[anchor:sc.start(m)]
		if !descriptor.MatchString(gap) || !sc.eligible(m) || m.ActorID == exclude {
			return nil, 0
		}
		n, _ := gapWords(gap)
		return m, n
	}
	return nil, 0
}

// includedList returns the actors a ", including ..." after p names.
func (sc *scan) includedList(p int, exclude string) []*Mention {
	loc := including.FindStringIndex(sc.t[p:])
	if loc == nil {
		return nil
	}
	at := p + loc[1]
	if list, _ := sc.objectAt(at, exclude); len(list) > 0 {
		return list
	}
	if m, _ := sc.describedObject(at, exclude); m != nil {
		return sc.extendList(m, exclude)
	}
	return nil
}

// placeEnd is where a place phrase starting at p ends: at the first
// clause boundary, except a comma that goes on with another place name
// ("in Szeged, Hungary", "in Bac Giang, Bac Ninh and Nghe An provinces").
func (sc *scan) placeEnd(p int) int {
	end := sc.aboutEnd(p)
	for end+2 < len(sc.t) && end-p < 160 && strings.HasPrefix(sc.t[end:], ", ") {
		if c := sc.t[end+2]; c < 'A' || c > 'Z' {
			break
		}
		end = sc.aboutEnd(end + 2)
	}
	return end
}

// placeAfter returns the countries a place phrase starting at p names:
// "a new plant in Vietnam's Nghe An province", "factories in ... northern
// Vietnam", "the western Chinese city of Xi'an".
func (sc *scan) placeAfter(p int, exclude string) []*Mention {
	end := sc.placeEnd(p)
	for _, m := range sc.s.Mentions {
		if sc.start(m) >= p && sc.end(m) <= end && m.Kind == tradegraph.Country && sc.eligible(m) && m.ActorID != exclude {
			return sc.extendList(m, exclude)
		}
	}
	for _, a := range sc.s.Affiliations {
		if a.Start-sc.base >= p && a.End-sc.base <= end && a.Country != exclude {
			if m := sc.affiliationMention(a); m != nil {
				return []*Mention{m}
			}
		}
	}
	return nil
}

// mutualPair returns two coordinated actors right before a trigger at p
// ("Japan and South Korea agreed"), or nil.
func (sc *scan) mutualPair(p int) []*Mention {
	cs := sc.clauseStart(p)
	var cands []*Mention
	for _, m := range sc.s.Mentions {
		if sc.start(m) >= cs && sc.end(m) <= p && sc.eligible(m) {
			cands = append(cands, m)
		}
	}
	if len(cands) < 2 {
		return nil
	}
	a, b := cands[len(cands)-2], cands[len(cands)-1]
	if a.ActorID == b.ActorID || !mutualGap.MatchString(sc.t[sc.end(a):sc.start(b)]) ||
		prepositionBefore.MatchString(sc.t[:sc.start(a)]) {
		return nil // "trade between A and B reached ...": no subjects
	}
	if n, _ := gapWords(sc.t[sc.end(b):p]); n > 3 || strings.ContainsAny(sc.t[sc.end(b):p], ",;") {
		return nil
	}
	return []*Mention{a, b}
}

// insideAppositive reports whether the text between an actor and a trigger
// opens an appositive the trigger stands in ("Siemens Gamesa, the turbine
// arm owned by ..."), rather than closing one before the verb ("A, B and
// C, all small plants, were designated").
func insideAppositive(gap string) bool {
	g := strings.TrimSpace(gap)
	return strings.HasPrefix(g, ",") && strings.Count(g, ",") == 1 && appositiveEnd(gap) != ","
}

var (
	// timeAfterThat is "that" pointing at a time, no clause: "Chinese
	// customs that year also suspended imports".
	timeAfterThat = prefixRE(`(?i)^\s+(?:year|month|week|day|morning|afternoon|evening|night|time|spring|summer|autumn|winter)\b`)
	// theTwoCue refers back to two actors just named: "the two agreed",
	// "the two leaders met".
	theTwoCue = sentenceRE(`(?i)\bthe\s+two(?:\s+(?:leaders|sides|ministers|men|women|countries|governments|companies|firms|officials))?\s+(?:also\s+)?$`)
	// relativeClose finds a relative clause opened after a comma.
	relativeComma = sentenceRE(`(?i),\s*(?:which|who)\s`)
)

// temporalThat reports whether the clause boundary ending at cs is the
// "that" of "that year".
func temporalThat(t string, cs int) bool {
	return cs >= len("that") && strings.EqualFold(t[cs-len("that"):cs], "that") && timeAfterThat.MatchString(t[cs:])
}

// theTwo returns the two actors "the two" before p refers to: the last
// two distinct actors named before it of the kind of the last one.
func (sc *scan) theTwo(p int) []*Mention {
	if !sc.hits.match(theTwoCue, 0, p) {
		return nil
	}
	var pair []*Mention
	for i := len(sc.s.Mentions) - 1; i >= 0 && len(pair) < 2; i-- {
		m := sc.s.Mentions[i]
		if sc.end(m) > p || !sc.eligible(m) {
			continue
		}
		if len(pair) == 1 && (m.Kind != pair[0].Kind || m.ActorID == pair[0].ActorID) {
			continue
		}
		pair = append(pair, m)
	}
	if len(pair) < 2 {
		return nil
	}
	return []*Mention{pair[1], pair[0]}
}

// namedAfter returns the actors an appositive names after a demonym
// phrase: "imports from two Canadian exporters, Richardson International
// and Viterra".
func (sc *scan) namedAfter(a *Mention, exclude string) []*Mention {
	rest := sc.t[sc.end(a):]
	i := strings.Index(rest, ",")
	if i < 0 || i > 30 || strings.ContainsAny(rest[:i], ";") {
		return nil
	}
	list, _ := sc.objectAt(sc.end(a)+i+1, exclude)
	if len(list) < 2 || list[0].Kind != tradegraph.Company {
		return nil // one name after a comma is as often the next clause's
	}
	return list
}

// inRelative reports whether p lies inside a relative clause that a comma
// opens and another closes before the sentence goes on: "Huang, who
// co-founded Nvidia in 1993, arrived ...".
func (sc *scan) inRelative(p int) bool {
	open := sc.hits.lastEnd(relativeComma, 0, p)
	if open == 0 {
		return false
	}
	if strings.Contains(sc.t[open:p], ",") {
		return false
	}
	return strings.Contains(sc.t[p:], ",")
}

// relWordByte reports whether c is an ASCII letter, digit or underscore.
func relWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// listAhead reports whether the rest of an object phrase after a comma
// goes on with a list ("gallium, germanium and antimony"): the comma does
// not end the phrase then.
func listAhead(rest string) bool {
	return strings.HasPrefix(rest, ", ") && !strings.ContainsAny(rest[2:], ";") &&
		(strings.Contains(rest, " and ") || strings.Contains(rest, " or "))
}

// frame is the frame-completeness factor of confidence: 1 when both ends
// of a relation are named in the trigger's own clause, 0.85 when one was
// inferred (a relative clause's head, the shared subject of a coordinated
// verb, "the two", the country of a place phrase, names listed after a
// demonym phrase).
func (sc *scan) frame() float64 {
	if sc.inferred {
		return 0.85
	}
	return 1
}

// conditionalAfter finds a condition put on the claim inside its own
// clause: "pledged to invest $2.7 billion if the deal closed".
var conditionalAfter = sentenceRE(`(?i)\b(?:if|unless|provided\s+that|on\s+condition\s+that)\b`)

// unasserted reports whether the trigger ending at te is asked about or
// made conditional rather than stated: a question, or a condition before
// the end of the trigger's clause. Both make no relation.
func (sc *scan) unasserted(te int) bool {
	if strings.HasSuffix(strings.TrimRight(sc.t, " \n\"”’'"), "?") {
		return true
	}
	end := len(sc.t)
	if i := strings.IndexAny(sc.t[te:], ",;"); i >= 0 {
		end = te + i
	}
	return sc.hits.match(conditionalAfter, te, end)
}

// invertedCopula opens the subject a passive names after its agent:
// "designated by OFAC were A, B and C".
var invertedCopula = prefixRE(`(?i)^\s+(?:were|was|are|is)\s+`)

// invertedPatients returns the actors acted on in an inverted passive,
// after the agent mention: "Among the entities designated by the Office of
// Foreign Assets Control were A, B and C".
func (sc *scan) invertedPatients(at int, agent *Mention) ([]*Mention, int) {
	var end int
	for _, m := range sc.s.Mentions {
		if sc.start(m) >= at && !sc.inRole(m) {
			end = sc.end(sc.headOf(m))
			break
		}
	}
	if end == 0 {
		return nil, 0
	}
	loc := invertedCopula.FindStringIndex(sc.t[end:])
	if loc == nil {
		return nil, 0
	}
	return sc.objectAt(end+loc[1], agent.ActorID)
}

// priorSanctioner returns, for a sanction in the passive that names no
// agent ("were blacklisted in the same action"), the actor of the last
// sanction the article stated, as a mention placed nowhere; nil when there
// is none or the rule is no sanction.
func (sc *scan) priorSanctioner(r *rule) *Mention {
	if r.Type != tradegraph.Sanctioned || sc.lastSanctioner == "" {
		return nil
	}
	a := sc.d.Actors[sc.lastSanctioner]
	if a == nil {
		return nil
	}
	return &Mention{ActorID: a.ID, Kind: a.Kind, Text: a.Name}
}
