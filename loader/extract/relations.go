package extract

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/tradegraph/tradegraph"
)

// findRelations runs the relation stage: trigger rules per sentence, roles
// from mentions, attribution to outlets, PART_OF from the gazetteer, and
// one relation per (type, from, to). It may add actors to d.Actors (bodies
// a title names, countries a ministry belongs to).
func findRelations(d *Document, b bodies) []*tradegraph.Relation {
	if d.Actors == nil {
		d.Actors = map[string]*tradegraph.Actor{}
	}
	scans := scanSentences(d)
	defer scans.release()
	hits := scans.hits
	outlets := findOutlets(d, hits)
	per := make([][]*tradegraph.Relation, len(d.Sentences))
	var lastRequest *tradegraph.Relation
	lastSanctioner := ""
	roleEvidence := map[string]*Sentence{}
	for i, s := range d.Sentences {
		sc := newScan(d, s, &hits[i], outlets, b)
		sc.lastSanctioner = lastSanctioner
		rs := sc.triggered(lastRequest)
		rs = append(rs, sc.roles(roleEvidence)...)
		per[i] = rs
		for _, r := range rs {
			if r.Type == tradegraph.Requested && r.About != "" {
				lastRequest = r
			}
			if r.Type == tradegraph.Sanctioned {
				lastSanctioner = r.From
			}
		}
	}
	attribute(d, hits, per, outlets)
	var out []*tradegraph.Relation
	for _, rs := range per {
		out = append(out, rs...)
	}
	out = append(out, partOf(d, b, roleEvidence)...)
	return dedupe(out)
}

// scan holds one sentence under analysis. Offsets inside a scan are byte
// offsets into t, the sentence text; mentions keep document offsets, so
// m.Start-base is a mention's place in t.
type scan struct {
	d       *Document
	s       *Sentence
	t       string
	base    int
	outlets map[string]bool
	b       bodies
	// hits are the places in t where the sentence regexps may match.
	hits *sentenceHits
	// runeSpan is span() once worked out: counting code points from the
	// start of the text is not cheap in a long article.
	runeSpan [2]int
	// inferred is set while applying a rule when an end of the relation
	// was inferred from the clause's shape rather than named next to the
	// trigger (frames.go); it lowers confidence.
	inferred bool
	// lastSanctioner is the actor of the last sanction stated before the
	// sentence, the agent of a sanction whose passive names none.
	lastSanctioner string
}

func newScan(d *Document, s *Sentence, hits *sentenceHits, outlets map[string]bool, b bodies) *scan {
	return &scan{d: d, s: s, t: d.Text[s.Start:s.End], base: s.Start, outlets: outlets, b: b, hits: hits}
}

func (sc *scan) start(m *Mention) int { return m.Start - sc.base }
func (sc *scan) end(m *Mention) int   { return m.End - sc.base }

// inRole reports whether m lies inside the role another mention carries
// ("Alibaba" in "Jack Ma, founder of Alibaba"): such an actor belongs to
// the role and is neither subject nor object of a verb.
func (sc *scan) inRole(m *Mention) bool {
	if m.InRole {
		return true
	}
	for _, o := range sc.s.Mentions {
		if o != m && o.Role != "" && o.RoleSpan[0] <= m.Start && m.End <= o.RoleSpan[1] && o.RoleSpan[1] > o.RoleSpan[0] {
			return true
		}
	}
	return false
}

// eligible reports whether m may be an end of a triggered relation:
// outlets only report claims, and role-internal actors belong to roles.
func (sc *scan) eligible(m *Mention) bool {
	return m.ActorID != "" && !sc.outlets[m.ActorID] && !sc.inRole(m)
}

// Clause boundaries. A subject is looked for back to the last subject
// boundary (so "X reported that Y halted" gives Y, not X); an object
// phrase ends at the first about boundary.
var (
	subjectBoundary = sentenceRE(`(?i);|\s[—–]\s|\b(?:that|which|who|whom|whose|because|if|whereas|while|although|though|but|unless)\b`)
	aboutBoundary   = sentenceRE(`(?i);|\s[—–]\s|\s-\s|,\s|\s(?:that|which|who|whom|whose|while|whereas|although|because|after|before|amid|unless|as\s+part\s+of|in\s+connection\s+with|according\s+to|and\s+(?:has|have|had|is|are|was|were|will|would|also)\b)`)
)

// clauseStart is where the clause holding position p starts.
func (sc *scan) clauseStart(p int) int {
	cs := sc.hits.lastEnd(subjectBoundary, 0, p)
	for cs > 0 && temporalThat(sc.t, cs) {
		cs = sc.hits.lastEnd(subjectBoundary, 0, cs-len("that")) // frames.go
	}
	return cs
}

// aboutEnd is where the phrase starting at p ends.
func (sc *scan) aboutEnd(p int) int {
	if loc := sc.hits.first(aboutBoundary, p, len(sc.t)); loc != nil {
		return loc[0]
	}
	return len(sc.t)
}

// fillers are words allowed between a trigger and its object ("asked the
// Japanese government", "sanctioned two Chinese firms"). Anything else in
// between means the actor is not the verb's object.
var fillers = map[string]bool{
	"the": true, "a": true, "an": true, "its": true, "their": true, "his": true,
	"her": true, "both": true, "all": true, "several": true, "other": true,
	"fellow": true, "rival": true, "two": true, "three": true, "four": true,
	"five": true, "some": true, "certain": true, "more": true, "also": true,
	"formally": true, "officially": true, "reportedly": true, "allegedly": true,
}

// words counts the words of a gap and reports whether all are fillers.
func gapWords(gap string) (n int, onlyFillers bool) {
	onlyFillers = true
	for _, w := range strings.Fields(gap) {
		n++
		w = strings.ToLower(strings.Trim(w, `"'“”‘’()`))
		if !fillers[w] && !number(w) {
			onlyFillers = false
		}
	}
	return n, onlyFillers
}

// number reports whether a word is a figure ("12", "$1.5bn", "36"): a
// count before an object ("sanctioned 12 Chinese firms") is no distance.
func number(w string) bool {
	return w != "" && strings.ContainsAny(w[:1], "0123456789$€£¥")
}

// conjunction is the word that ends a list.
var conjunction = regexp.MustCompile(`(?i)\b(?:and|or)\b|&`)

// listGap joins the members of a list: "A, B and C", "A or B".
var listGap = prefixRE(`(?i)^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)(?:the\s+)?$`)

// objectAt returns the object list starting at the first mention after
// anchor, when only fillers come between. Mentions inside roles are
// stepped over: "Gene Raymond, the US Secretary of Commerce" is one actor.
func (sc *scan) objectAt(anchor int, exclude string) (list []*Mention, gap int) {
	for _, m := range sc.s.Mentions {
		if sc.start(m) < anchor || sc.inRole(m) {
			continue
		}
		// A title before the name belongs to the name: "met Chinese
		// President Xi Jinping".
		gapEnd := sc.start(m)
		if m.Role != "" && m.RoleSpan[1] <= m.Start && m.RoleSpan[0]-sc.base >= anchor {
			gapEnd = m.RoleSpan[0] - sc.base
		}
		n, ok := gapWords(sc.t[anchor:gapEnd])
		if !ok && descriptor.MatchString(sc.t[anchor:gapEnd]) {
			ok = true // "bought British chip designer Arm" (frames.go)
		}
		if !ok || !sc.eligible(m) || m.ActorID == exclude {
			return nil, 0
		}
		if h := sc.headOf(m); h != m && h.ActorID != exclude {
			return sc.extendList(h, exclude), n // frames.go
		}
		return sc.extendList(m, exclude), n
	}
	return nil, 0
}

// goodsOrigin reports whether the object of a relation type may be the
// origin of goods: "duties on Australian wine" are aimed at Australia.
func goodsOrigin(t tradegraph.RelationType) bool {
	return t == tradegraph.Banned || t == tradegraph.ImposedTariff
}

// affiliationAt returns, as a mention of its country, the demonym phrase
// ("Australian wine") right after anchor, when only fillers come between.
func (sc *scan) affiliationAt(anchor int) ([]*Mention, int) {
	for _, a := range sc.s.Affiliations {
		if a.Start-sc.base < anchor {
			continue
		}
		n, ok := gapWords(sc.t[anchor : a.Start-sc.base])
		if !ok {
			return nil, 0
		}
		if m := sc.affiliationMention(a); m != nil {
			return []*Mention{m}, n
		}
		return nil, 0
	}
	return nil, 0
}

// objectWithin returns the first eligible mention, or else demonym phrase,
// inside [start, end) of the sentence: the origin named inside a goods
// phrase ("imports of Japanese seafood", "Taiwan's pineapples").
func (sc *scan) objectWithin(start, end int, exclude string) []*Mention {
	for _, m := range sc.s.Mentions {
		if sc.start(m) >= start && sc.end(m) <= end && sc.eligible(m) && m.ActorID != exclude {
			return []*Mention{m}
		}
	}
	for _, a := range sc.s.Affiliations {
		if a.Start-sc.base >= start && a.End-sc.base <= end && a.Country != exclude {
			if m := sc.affiliationMention(a); m != nil {
				return []*Mention{m}
			}
		}
	}
	return nil
}

// affiliationMention makes a mention of an affiliation's country, adding
// the country to the document's actors when the text names it only by
// demonym.
func (sc *scan) affiliationMention(a Affiliation) *Mention {
	if a.Country == "" {
		return nil
	}
	if _, ok := sc.d.Actors[a.Country]; !ok {
		c, ok := sc.b.country(strings.TrimPrefix(a.Country, "country:"))
		if !ok {
			return nil
		}
		sc.d.Actors[c.ID] = &c
	}
	return &Mention{Start: a.Start, End: a.End, Text: a.Text, ActorID: a.Country, Kind: tradegraph.Country, Form: FormDemonym}
}

// extendList adds the mentions joined to m as a list, in text order. A
// list has one conjunction, at its end, and a comma before it only after
// commas ("A, B, and C"): in "Huawei and ZTE, and Beijing retaliated" the
// list ends at ZTE.
func (sc *scan) extendList(m *Mention, exclude string) []*Mention {
	list := []*Mention{m}
	last := m
	commas := 0
	// Members joined by a comma count once a conjunction ends the list:
	// "A, B and C" is a list, "China, the company said" is not.
	var pending []*Mention
	for _, n := range sc.s.Mentions {
		if n.Start < last.End || sc.inRole(n) {
			continue
		}
		gap := sc.t[sc.end(last):sc.start(n)]
		if !listGap.MatchString(gap) || modifierAfter.MatchString(sc.t[sc.end(n):]) {
			break
		}
		conj := conjunction.MatchString(gap)
		if conj && strings.Contains(gap, ",") && commas == 0 {
			break
		}
		if sc.eligible(n) && n.ActorID != exclude {
			pending = append(pending, n)
		}
		last = n
		if conj {
			return append(list, pending...)
		}
		commas++
	}
	return list
}

// clauseSubject is the first eligible mention of the clause ending at p.
func (sc *scan) clauseSubject(p int) *Mention {
	cs := sc.clauseStart(p)
	for _, m := range sc.s.Mentions {
		if sc.start(m) >= cs && sc.end(m) <= p && sc.eligible(m) {
			return m
		}
	}
	return nil
}

// subjectBefore returns the acting actor for a trigger at p: the nearest
// eligible mention before p in its clause, or, when an appositive stands
// between ("Jack Ma, founder of X and owner of Y, relocated"), the mention
// the appositive describes. With wantList it also returns the list the
// subject ends ("A, B and C were blacklisted").
func (sc *scan) subjectBefore(p int, exclude string, wantList bool) (list []*Mention, gap int) {
	cs := sc.clauseStart(p)
	if m := sc.sharedSubject(p); m != nil && m.ActorID != exclude {
		sc.inferred = true
		return []*Mention{sc.headOf(m)}, 0 // frames.go
	}
	var cands []*Mention
	for _, m := range sc.s.Mentions {
		if sc.start(m) >= cs && sc.end(m) <= p && sc.eligible(m) && m.ActorID != exclude {
			cands = append(cands, m)
		}
	}
	if h, closed := sc.enclosedRelative(cs, p); h != nil && h.ActorID != exclude {
		sc.inferred = true
		return []*Mention{h}, 0
	} else if closed {
		return nil, 0
	}
	if len(cands) == 0 {
		if h := sc.relativeHead(cs); h != nil && h.ActorID != exclude {
			sc.inferred = true
			return []*Mention{h}, 0
		}
		return nil, 0
	}
	subj := cands[len(cands)-1]
	gap, _ = gapWords(sc.t[sc.end(subj):p])
	seg := appositiveEnd(sc.t[cs:p])
	if strings.HasSuffix(seg, ",") {
		open := strings.LastIndex(seg[:len(seg)-1], ",")
		if open >= 0 {
			for _, m := range cands {
				if sc.end(m)-cs <= open && strings.TrimSpace(sc.t[sc.end(m):cs+open]) == "" {
					// An appositive is no distance: it describes the subject.
					subj, gap = m, 0
				}
			}
		}
	}
	list = []*Mention{subj}
	if !wantList {
		return list, gap
	}
	for i := slices.Index(cands, subj) - 1; i >= 0; i-- {
		if !listGap.MatchString(sc.t[sc.end(cands[i]):sc.start(list[0])]) {
			break
		}
		list = append([]*Mention{cands[i]}, list...)
	}
	return list, gap
}

// Cues that change what a trigger means. Negated and hypothetical actions
// are not relations (a threat to ban is not a ban); hedged ones are, with
// Hedged set.
var (
	negationCue = sentenceRE(`(?i)\b(?:not|never|no\s+longer|den(?:y|ies|ied|ying)|refus(?:e|es|ed|ing)|declin(?:e|es|ed|ing)|rul(?:e|es|ed|ing)\s+out|neither|nor|without|fail(?:s|ed)?\s+to|stopp?(?:ed)?\s+short\s+of|(?:has|have|had)\s+yet\s+to|lift(?:s|ed|ing)?|eas(?:e|es|ed|ing)|scrapp?(?:s|ed|ing)?|remov(?:e|es|ed|ing)|revok(?:e|es|ed|ing)|rescind(?:s|ed|ing)?|relax(?:es|ed|ing)?|end(?:s|ed|ing)?|withdr[ae]w\w*|suspend(?:s|ed|ing)?\s+(?:its|the))\b|n['’]t\b`)
	modalCue    = sentenceRE(`(?i)\b(?:could|might|may|would|should|threaten(?:s|ed|ing)?\s+to|consider(?:s|ed|ing)?|weigh(?:s|ed|ing)?|plan(?:s|ned|ning)?\s+to|propos(?:e|es|ed|ing)\s+to|if|whether|unless)\b`)
	hedgeCue    = sentenceRE(`(?i)\b(?:reportedly|allegedly|purportedly|supposedly|apparently|according\s+to|(?:is|are|was|were|been)\s+(?:also\s+|widely\s+|now\s+)?(?:said|believed|thought|understood|rumou?red|alleged|reported)\s+to|rumou?r(?:s|ed)?|sources?\s+(?:said|say|says|familiar|close|told)|unconfirmed|unverified|(?:suggest(?:s|ed)?|claim(?:s|ed)?|alleg(?:e|es|ed)|speculat(?:e|es|ed))\s+that|reports?\s+(?:suggest(?:s|ed)?|said|say|says|claim(?:s|ed)?|indicat(?:e|es|ed))|speculation)\b`)
	// sentenceHedge hedges every claim of its sentence wherever it stands:
	// "..., according to Reuters", "..., sources said".
	sentenceHedge = sentenceRE(`(?i)\b(?:according\s+to|sources?\s+(?:said|say|says|told)|reports?\s+(?:suggest(?:s|ed)?|said|say|says))\b`)
	// infinitive marks a trigger that is only wanted, asked for or agreed
	// to ("agreed to restrict"); enacted marks the infinitives that report
	// a deed ("decided to ban", "moved to halt").
	infinitive = sentenceRE(`(?i)\bto\s+(?:\w+ly\s+)?$`)
	enacted    = sentenceRE(`(?i)\b(?:decided|decision|voted|moved|began|begun|started|went\s+on|proceeded|chose)\s+to\s+(?:\w+ly\s+)?$`)
	participle = prefixRE(`(?i)^\w+ing\b`)
	afterComma = sentenceRE(`,\s*$`)
	nounOwner  = prefixRE(`(?i)^(?:['’]s\s+(?:\S+\s+){0,3}|\s+(?:said\s+(?:(?:on|in|last)\s+\w+\s+)?(?:that\s+)?(?:it|they)\s+)?(?:has\s+|have\s+|had\s+|also\s+)?(?:announced|imposed|introduced|issued|extended|slapped|placed|put|enforced|implemented|adopted|approved|unveiled|completed|finali[sz]ed|closed)\s+(?:(?:a|an|new|its|their|the|further|additional|sweeping)\s+)*)$`)
	passiveAux = sentenceRE(`(?i)\b(?:was|were|been|being|is|are|be|got|get|gets)\s+(?:\w+ly\s+)?$`)
	byAgent    = prefixRE(`(?i)^(?:,?\s+(?:in|on|at|during|last|earlier)\s+[^,.;]{1,25}?)?\s+by\b`)
	anaphoric  = sentenceRE(`(?i)\b(?:the|this|that|its|their|his|her|these|those)\s+$`)
	toBefore   = sentenceRE(`(?i)\bto\s+(?:the\s+)?$`)
)

// blocked reports whether the verb group t[a:b] between the subject and
// the trigger is negated or hypothetical.
func (sc *scan) blocked(a, b int) bool {
	h := sc.hits
	return h.match(negationCue, a, b) || h.match(modalCue, a, b)
}

// hedged reports whether the claim of a trigger spanning [ts, te) is
// hedged: a cue before it in the sentence governs it ("X suggested that
// ...", "reportedly"), and a cue after it counts while still in its clause.
func (sc *scan) hedged(ts, te int) bool {
	h := sc.hits
	from := 0
	if i := strings.LastIndex(sc.t[:te], ";"); i >= 0 && i < ts {
		from = i
	}
	// A relative clause is background the sentence's attribution does
	// not govern: "Huang, who co-founded Nvidia, met He, according to
	// CCTV" hedges the meeting only.
	whole := !sc.inRelative(ts)
	return whole && h.match(sentenceHedge, 0, len(sc.t)) || h.match(hedgeCue, from, te) || h.match(hedgeCue, te, sc.aboutEnd(te))
}

// confidence scores a triggered relation:
//
//	confidence = strength × frame × 1/(1 + 0.05·gap) × (0.7 if hedged)
//
// where strength is the rule's (how directly the trigger states the
// relation), frame 0.85 when an end was inferred from the clause's shape
// rather than named next to the trigger (scan.frame; callers fold it into
// strength), gap the number of words between the subject and the trigger
// plus between the trigger and the object (farther actors are likelier
// misattached), and hedging cuts it by 30%. Rounded to two decimals.
func confidence(strength float64, gap int, hedged bool) float64 {
	c := strength / (1 + 0.05*float64(gap))
	if hedged {
		c *= 0.7
	}
	return math.Round(c*100) / 100
}

// kindsFit keeps relations whose ends have kinds the type allows: only
// people and companies relocate, only companies are acquired, only
// governments ban imports or impose tariffs.
func kindsFit(t tradegraph.RelationType, from, to tradegraph.ActorKind) bool {
	gov := from == tradegraph.Country || from == tradegraph.Ministry || from == tradegraph.Organization
	switch t {
	case tradegraph.Banned, tradegraph.ImposedTariff:
		return gov
	case tradegraph.RestrictedExports, tradegraph.Sanctioned:
		// A company that stops its own shipments ("halted shipments to the
		// United States") restricts no exports: that is a state's act.
		return gov
	case tradegraph.RelocatedTo:
		return (from == tradegraph.Person || from == tradegraph.Company) && to == tradegraph.Country
	case tradegraph.Acquired:
		return to == tradegraph.Company || to == tradegraph.Organization
	case tradegraph.Founded, tradegraph.Owns:
		return to == tradegraph.Company || to == tradegraph.Organization
	case tradegraph.InvestedIn:
		return to == tradegraph.Company || to == tradegraph.Country || to == tradegraph.Organization
	}
	return true
}

// triggered applies every rule to the sentence. prevRequest is the last
// request found so far, for "the request was conveyed ...".
func (sc *scan) triggered(prevRequest *tradegraph.Relation) []*tradegraph.Relation {
	var out []*tradegraph.Relation
	taken := map[[2]int]bool{} // trigger spans already used by an earlier rule
	for i := range rules {
		r := &rules[i]
		sc.hits.each(r.Trigger, 0, len(sc.t), func(loc []int) bool {
			span := [2]int{loc[0], loc[1]}
			if overlapsTaken(taken, span) {
				return true
			}
			if rs := sc.apply(r, loc, prevRequest); len(rs) > 0 {
				taken[span] = true
				out = append(out, rs...)
			}
			return true
		})
	}
	slices.SortStableFunc(out, func(a, b *tradegraph.Relation) int { return cmp.Compare(a.Span[0], b.Span[0]) })
	return out
}

func overlapsTaken(taken map[[2]int]bool, s [2]int) bool {
	for t := range taken {
		if s[0] < t[1] && t[0] < s[1] {
			return true
		}
	}
	return false
}

// apply makes the relations of one trigger match.
func (sc *scan) apply(r *rule, loc []int, prevRequest *tradegraph.Relation) []*tradegraph.Relation {
	ts, te := loc[0], loc[1]
	if sc.hits.match(deniedThat, 0, ts) || sc.unasserted(te) {
		return nil // frames.go
	}
	sc.inferred = false
	var froms, tos []*Mention
	var gap int
	aboutStart, aboutStop := -1, -1

	switch r.Object {
	case objConveyed:
		var from *Mention
		for _, m := range sc.s.Mentions {
			if sc.start(m) < te || !sc.eligible(m) {
				continue
			}
			if from == nil {
				if sc.hits.match(toBefore, te, sc.start(m)) {
					return nil // "conveyed to Y" with nobody conveying it
				}
				from = m
				continue
			}
			if m.ActorID != from.ActorID && sc.hits.match(toBefore, sc.end(from), sc.start(m)) {
				froms, tos = []*Mention{from}, sc.extendList(m, from.ActorID)
				break
			}
		}
		if len(tos) == 0 || sc.blocked(sc.clauseStart(ts), ts) {
			return nil
		}
		gap, _ = gapWords(sc.t[te:sc.start(froms[0])])
	case objList:
		if sc.hits.match(infinitive, 0, ts) && !sc.hits.match(enacted, 0, ts) {
			return nil
		}
		ls, le := group(loc, r.Trigger.list)
		for _, m := range sc.s.Mentions {
			if sc.start(m) >= ls && sc.end(m) <= le && sc.eligible(m) {
				tos = append(tos, m)
			}
		}
		tos = append(tos, sc.includedList(te, "")...)
		if len(tos) == 0 {
			return nil
		}
		var g int
		froms, g = sc.subjectBefore(ts, "", true)
		if froms == nil || sc.blocked(sc.end(froms[len(froms)-1]), ts) {
			return nil
		}
		gap = g
	case objBetween:
		list, g := sc.objectAt(te, "")
		if len(list) != 2 || sc.blocked(sc.clauseStart(ts), ts) {
			return nil
		}
		froms, tos, gap = list[:1], list[1:], g
	case objMutual:
		pair := sc.mutualPair(ts)
		if pair == nil {
			pair = sc.theTwo(ts)
			sc.inferred = pair != nil
		}
		if pair == nil || sc.blocked(sc.end(pair[1]), ts) {
			return nil
		}
		froms, tos = pair[:1], pair[1:]
		gap, _ = gapWords(sc.t[sc.end(pair[1]):ts])
	default:
		passive := sc.hits.match(passiveAux, 0, ts) || byAgent.MatchString(sc.t[te:])
		if r.Object == objAgent && !passive {
			return nil
		}
		if passive && (r.About != aboutGroup || r.Object == objAgent) {
			// "X was acquired by Y", "A and B were blacklisted by the US".
			by := byAgent.FindStringIndex(sc.t[te:])
			var agents []*Mention
			var g1 int
			if by != nil {
				agents, g1 = sc.objectAt(te+by[1], "")
			} else if a := sc.priorSanctioner(r); a != nil {
				// "were blacklisted in the same action" (frames.go)
				agents, g1, sc.inferred = []*Mention{a}, 3, true
			}
			if len(agents) == 0 {
				return nil // the actor is not named
			}
			patients, g2 := sc.subjectBefore(ts, agents[0].ActorID, true)
			if len(patients) == 0 && by != nil {
				// "Among the entities designated by X were A, B and C"
				patients, g2 = sc.invertedPatients(te+by[1], agents[0])
			}
			if len(patients) == 0 || sc.end(patients[0]) <= ts && sc.blocked(sc.end(patients[len(patients)-1]), ts) {
				return nil
			}
			if last := patients[len(patients)-1]; sc.end(last) <= ts && insideAppositive(sc.t[sc.end(last):ts]) {
				// "A and B, the unit owned by X": the appositive
				// describes B alone.
				patients = patients[len(patients)-1:]
			}
			froms, tos, gap = agents[:1], patients, g1+g2
			break
		}
		deal := (r.Type == tradegraph.Acquired || r.Type == tradegraph.InvestedIn) && sc.hits.match(agreedTo, 0, ts)
		if sc.hits.match(infinitive, 0, ts) && !sc.hits.match(enacted, 0, ts) && !deal {
			return nil // "agreed to restrict", "asked Japan to ban": not done yet
		}
		subj, g1 := sc.subjectBefore(ts, "", true)
		if len(subj) == 0 {
			return nil
		}
		if participle.MatchString(sc.t[ts:te]) && sc.hits.match(afterComma, 0, ts) {
			// "X filed a complaint against Y, criticising Z": the -ing
			// clause shares the sentence's subject.
			if first := sc.clauseSubject(ts); first != nil {
				subj = []*Mention{first}
				g1, _ = gapWords(sc.t[sc.end(first):ts])
			}
		}
		near := subj[len(subj)-1]
		if r.Antecedent != nil && !r.Antecedent.MatchString(sc.t[:sc.start(subj[0])]) {
			return nil
		}
		if sc.blocked(sc.end(near), ts) || r.Nominal && !nounOwner.MatchString(sc.t[sc.end(near):ts]) {
			return nil
		}
		if !r.Nominal && sc.possessorOnly(near) && g1 > 0 {
			return nil // "Apple's suppliers have moved": not Apple (frames.go)
		}
		var obj []*Mention
		var g2 int
		switch r.Object {
		case objInAbout:
			as, ae := group(loc, r.Trigger.about)
			obj = sc.objectWithin(as, ae, near.ActorID)
			if len(obj) == 1 && obj[0].Form != FormDemonym {
				obj = sc.extendList(obj[0], near.ActorID)
			}
		case objPlace:
			obj, g2 = sc.objectAt(te, near.ActorID)
			if len(obj) == 0 || !kindsFit(r.Type, near.Kind, obj[0].Kind) {
				obj, g2 = sc.placeAfter(te, near.ActorID), 3
				sc.inferred = true
			}
		default:
			obj, g2 = sc.objectAt(te, near.ActorID)
			if len(obj) == 0 && goodsOrigin(r.Type) {
				obj, g2 = sc.affiliationAt(te)
				if len(obj) == 1 {
					if named := sc.namedAfter(obj[0], near.ActorID); named != nil {
						obj, sc.inferred = named, true // frames.go
					}
				}
			}
		}
		if len(obj) == 0 || objectOnly(r.Type) && !r.Possessive && sc.possessor(obj[0]) {
			return nil
		}
		last := obj[len(obj)-1]
		rest := sc.t[sc.end(last):]
		if r.Possessive {
			switch {
			case strings.HasPrefix(rest, "'s"):
				rest = rest[len("'s"):]
			case strings.HasPrefix(rest, "’s"):
				rest = rest[len("’s"):]
			default:
				return nil
			}
		}
		if r.Next != nil && !r.Next.MatchString(rest) {
			return nil
		}
		froms, tos, gap = subj, obj, g1+g2
		if r.About == aboutAfterObject {
			aboutStart = len(sc.t) - len(rest)
		}
	}

	if r.About == aboutGroup {
		aboutStart, aboutStop = group(loc, r.Trigger.about)
		if aboutStart >= 0 {
			if e := sc.aboutEnd(aboutStart); e < aboutStop && !listAhead(sc.t[e:aboutStop]) {
				aboutStop = e
			}
		}
	} else if aboutStart >= 0 {
		aboutStop = sc.aboutEnd(aboutStart)
	}
	about := ""
	if aboutStart >= 0 && aboutStop > aboutStart {
		about = cleanAbout(sc.t[aboutStart:aboutStop])
	}
	hedged := sc.hedged(ts, te)
	var concerning []string
	if about != "" {
		for _, m := range sc.s.Mentions {
			if sc.start(m) >= aboutStart && sc.end(m) <= aboutStop && sc.eligible(m) {
				concerning = append(concerning, m.ActorID)
			}
		}
	} else if r.Object == objConveyed && prevRequest != nil && sc.hits.match(anaphoric, 0, ts) {
		// "The request was conveyed ...": the request named before.
		about, concerning = prevRequest.About, prevRequest.Concerning
	}

	var out []*tradegraph.Relation
	for _, f := range froms {
		for _, to := range tos {
			if f.ActorID == to.ActorID || !kindsFit(r.Type, f.Kind, to.Kind) {
				continue
			}
			var conc []string
			for _, c := range concerning {
				if c != f.ActorID && c != to.ActorID && !slices.Contains(conc, c) {
					conc = append(conc, c)
				}
			}
			out = append(out, &tradegraph.Relation{
				Type: r.Type, From: f.ActorID, To: to.ActorID,
				Evidence: sc.s.Text, Span: sc.span(),
				About: about, Concerning: conc,
				Hedged: hedged, Confidence: confidence(r.Strength*sc.frame(), gap, hedged),
				Cameo: r.Cameo, Rule: r.ID,
			})
		}
	}
	return out
}

// span is the sentence's place in code points.
func (sc *scan) span() [2]int {
	if sc.runeSpan[1] == 0 {
		sc.runeSpan = [2]int{sc.d.Runes(sc.s.Start), sc.d.Runes(sc.s.End)}
	}
	return sc.runeSpan
}

var leadingNoise = regexp.MustCompile(`(?i)^(?:(?:['’]s|to|for|into|that|on|over|about|the|a|an|all|its|their|his|her)\s+)+`)

// trimTrailingNoise drops the white space and punctuation that end s. It
// does what removing the regexp [\s.,;:!?"'”’)]+$ would, without a
// regexp: tried at every place of s, that one cost more than the rest of
// the trimming.
func trimTrailingNoise(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool {
		switch r {
		case ' ', '\t', '\n', '\f', '\r', '.', ',', ';', ':', '!', '?', '"', '\'', '”', '’', ')':
			return true
		}
		return false
	})
}

// cleanAbout trims an object phrase of its leading particles and articles
// and its trailing punctuation.
func cleanAbout(s string) string {
	s = strings.TrimSpace(s)
	s = leadingNoise.ReplaceAllString(s, "")
	s = trimTrailingNoise(s)
	return strings.TrimSpace(s)
}

// dedupe keeps one relation per (type, from, to) — for symmetric types
// per unordered pair — the most confident, the earliest on ties, and
// keeps text order.
func dedupe(rs []*tradegraph.Relation) []*tradegraph.Relation {
	type key struct {
		t        tradegraph.RelationType
		from, to string
	}
	best := make(map[key]int, len(rs))
	order := make([]key, 0, len(rs))
	for i, r := range rs {
		k := key{r.Type, r.From, r.To}
		if r.Type.Symmetric() && k.to < k.from {
			k.from, k.to = k.to, k.from
		}
		j, seen := best[k]
		if !seen {
			best[k] = i
			order = append(order, k)
			continue
		}
		if r.Confidence > rs[j].Confidence {
			best[k] = i
		}
	}
	out := make([]*tradegraph.Relation, 0, len(order))
	for _, k := range order {
		out = append(out, rs[best[k]])
	}
	return out
}
