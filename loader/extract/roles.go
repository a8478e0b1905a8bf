package extract

import (
	"strings"

	"github.com/tradegraph/tradegraph"
)

// Roles. Discovery notes where the text gives a person a role; once the
// whole document is read (names seen again, titles and descriptions
// resolved), resolveRoles links each role to the actors it names. A role
// may hold several ties ("founder of Alibaba and owner of AliExpress");
// each tie goes, in order of preference, to
//
//  1. the body, company or organisation it names ("chief executive of
//     Huawei", "ASML's chief executive", "the chamber's president"), or
//     the one a gazetteer title stands for ("Secretary of Commerce");
//  2. for a title of a firm ("chief executive") that names none, the
//     company the sentence or the one before is about;
//  3. for a government title, the body of the title's country that holds
//     the office ("Trade Minister" of Australia → its Department of
//     Foreign Affairs and Trade), else the country ("Prime Minister").
//
// The country of a government title is the one the title names
// ("Japanese Trade Minister", "his Chinese counterpart, Commerce Minister
// Wang Wentao"), else the one another role of the same person names,
// else, for the first such title of a sentence, the country the sentence
// or the sentence before it opens with, the dateline's, or the only
// country the sentence names. A country that holds no such office is
// passed over for the next.

// roleContext is what the document says around its roles.
type roleContext struct {
	// dateline is the code of the one country the dateline names ("JP"
	// for "TOKYO, June 27 -"), "" when it names none or several;
	// datelineEnd is where the dateline ends.
	dateline    string
	datelineEnd int
	// paragraph numbers the paragraphs of the sentences.
	paragraph []int
	// subject is the mention each sentence opens with, or nil.
	subject []*Mention
	// explicit holds, by person, the country one of the person's roles
	// names.
	explicit map[string]string
	// usedContext marks the sentences whose context has given a title
	// its country: a second title there is someone else's.
	usedContext map[int]bool
}

// datelineRE matches a dateline: a place in capitals, perhaps a region,
// perhaps a date and an agency, and a dash ("CANBERRA, Aug 4 -",
// "SZEGED, Hungary, Feb 20 -", "TOKYO, June 27 (Kyodo) --").
var datelineRE = prefixRE(`^[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]*)*(?:,\s+[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)*)?(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:\s+\([^)]{1,30}\))?\s*(?:--|-|—|–)\s`)

// newRoleContext reads the dateline, paragraphs and sentence openers of
// the document.
func (ms *mentionStage) newRoleContext() *roleContext {
	ctx := &roleContext{paragraph: make([]int, len(ms.sents)), subject: make([]*Mention, len(ms.sents)),
		explicit: map[string]string{}, usedContext: map[int]bool{}}
	d := ms.d
	para := 0
	for k, st := range ms.sents {
		if k > 0 && strings.Contains(d.Text[ms.sents[k-1].s.End:st.s.Start], "\n") {
			para++
		}
		ctx.paragraph[k] = para
	}
	if span := ms.datelineSpan(); span[1] > 0 {
		ctx.datelineEnd = span[1]
		codes := map[string]bool{}
		for _, st := range ms.sents[:min(2, len(ms.sents))] {
			for _, m := range st.s.Mentions {
				if m.Start >= span[0] && m.End <= span[1] {
					if c := ms.countryOf(m); c != "" {
						codes[c] = true
					}
				}
			}
		}
		if len(codes) == 1 {
			for c := range codes {
				ctx.dateline = c
			}
		}
	}
	for k, st := range ms.sents {
		ctx.subject[k] = ms.opener(st, ctx.datelineEnd)
	}
	return ctx
}

// opener returns the mention a sentence opens with: its first mention
// outside a person's title, when at most two words ("The", "But the")
// come before it or before the title it has ("Trade Minister Don
// Farrell").
func (ms *mentionStage) opener(st *sentState, datelineEnd int) *Mention {
	start := max(st.s.Start, datelineEnd)
	for _, m := range st.s.Mentions {
		if m.Start < start || inPersonRole(st.s, m) || m.Form == FormOffice || m.Form == FormAffiliation {
			continue
		}
		at := m.Start
		if m.Role != "" && m.RoleSpan[1] <= m.Start && m.RoleSpan[0] >= start {
			at = m.RoleSpan[0]
		}
		if wordsIn(ms.d.Text[start:at]) > 2 {
			return nil
		}
		return m
	}
	return nil
}

// wordsIn counts the runs of letters and digits in s.
func wordsIn(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// inPersonRole reports whether m lies inside the title of another mention
// of s.
func inPersonRole(s *Sentence, m *Mention) bool {
	for _, o := range s.Mentions {
		if o != m && o.Role != "" && o.RoleSpan[0] <= m.Start && m.End <= o.RoleSpan[1] {
			return true
		}
	}
	return false
}

// countryOf returns the code of the country a mention names, "EU" for the
// European Union, or "".
func (ms *mentionStage) countryOf(m *Mention) string {
	switch {
	case m.Kind == tradegraph.Country:
		return ms.m.countryCode(m.ActorID)
	case m.ActorID == "organization:eu":
		return "EU"
	}
	return ""
}

// countryID returns the actor id of a country code ("EU" is the Union),
// adding the actor to the document.
func (ms *mentionStage) countryID(code string) string {
	id := "country:" + code
	if code == "EU" {
		id = "organization:eu"
	}
	if ms.ensureActor(id) == "" {
		return ""
	}
	return id
}

// resolveRoles links every role the text gives a person to the actors it
// names (see the comment at the top of this file).
func (ms *mentionStage) resolveRoles() {
	ctx := ms.newRoleContext()
	for _, st := range ms.sents {
		for _, r := range st.roles {
			for _, t := range ms.splitTies(st, r.from, r.to) {
				if c, _ := ms.tieCountry(st, t); c != "" {
					if _, seen := ctx.explicit[r.m.ActorID]; !seen {
						ctx.explicit[r.m.ActorID] = c
					}
				}
			}
		}
	}
	for k, st := range ms.sents {
		for _, r := range st.roles {
			var prev *RoleTarget
			r.m.RoleTargets = nil
			for _, t := range ms.splitTies(st, r.from, r.to) {
				target, ok := ms.tieTarget(ctx, k, r, t, prev)
				if !ok {
					prev = nil
					continue
				}
				r.m.RoleTargets = append(r.m.RoleTargets, target)
				prev = &r.m.RoleTargets[len(r.m.RoleTargets)-1]
			}
			r.m.RoleResolved = true
		}
	}
}

// tie is one tie of a role: a token range of its sentence.
type tie struct{ from, to int }

// tieOpeners may come between "and" and the next tie's title: "and a
// former president of Intel".
var tieOpeners = setOf("a", "an", "the", "also", "its", "former", "then", "now", "current", "currently")

// splitTies cuts the role toks[from:to] into ties at "and" (or ", and")
// followed by a title.
func (ms *mentionStage) splitTies(st *sentState, from, to int) []tie {
	toks := st.toks
	var out []tie
	start := from
	for k := from + 1; k < to-1; k++ {
		if toks[k].Text != "and" {
			continue
		}
		n := k + 1
		for n < to && tieOpeners[toks[n].Lower] {
			n++
		}
		if n < to && roleStart.MatchString(ms.d.Text[toks[n].Start:toks[to-1].End]) {
			end := k
			if end > start && toks[end-1].Text == "," {
				end--
			}
			if end > start {
				out = append(out, tie{start, end})
			}
			start = k + 1
		}
	}
	return append(out, tie{start, to})
}

// pastMarkers open a tie that is no longer held: "a former president of
// Intel".
var pastMarkers = setOf("former", "ex", "then", "erstwhile", "onetime", "one-time", "late")

// leadWords open a tie without belonging to its title.
var leadWords = setOf("the", "a", "an", "also", "its", "his", "her", "their", "now", "current",
	"currently", "acting", "incoming", "outgoing", "longtime", "long-time", "newly", "new")

// mentionsIn returns the mentions of st inside toks[from:to].
func mentionsIn(st *sentState, from, to int) []*Mention {
	if from >= to {
		return nil
	}
	var out []*Mention
	for _, m := range st.s.Mentions {
		if m.Start >= st.toks[from].Start && m.End <= st.toks[to-1].End {
			out = append(out, m)
		}
	}
	return out
}

// tokenAfter returns the index of the first token of st that starts at or
// after byte offset off.
func tokenAfter(st *sentState, off int) int {
	for k, t := range st.toks {
		if t.Start >= off {
			return k
		}
	}
	return len(st.toks)
}

// tieCountry returns the code of the country the tie names, by name or
// demonym ("Japan's", "Chinese"), or that an appositive just before the
// role names ("his Chinese counterpart, Commerce Minister ..."), and the
// index of the token after it.
func (ms *mentionStage) tieCountry(st *sentState, t tie) (string, int) {
	for _, m := range mentionsIn(st, t.from, t.to) {
		if c := ms.countryOf(m); c != "" {
			return c, tokenAfter(st, m.End)
		}
	}
	for k := t.from; k < t.to; k++ {
		if id := st.demonymAt[k]; id != "" {
			return ms.m.countryCode(id), k + 1
		}
	}
	// "his Chinese counterpart, Commerce Minister Wang Wentao".
	toks := st.toks
	if t.from >= 3 && toks[t.from-1].Text == "," && appositiveNouns[toks[t.from-2].Lower] {
		for k := t.from - 2; k >= 0 && k >= t.from-5; k-- {
			if toks[k].Text == "," || toks[k].Text == "." {
				break
			}
			if id := st.demonymAt[k]; id != "" && !st.taken[k] {
				return ms.m.countryCode(id), t.from
			}
			for _, m := range st.s.Mentions {
				if m.End == toks[k].End && m.Kind == tradegraph.Country {
					return ms.countryOf(m), t.from
				}
			}
		}
	}
	return "", t.from
}

// appositiveNouns end a description of a person that a title and name
// then follow: "his Chinese counterpart, Commerce Minister Wang Wentao".
var appositiveNouns = setOf("counterpart", "colleague", "opposite", "number", "minister", "envoy",
	"negotiator", "leader", "official", "host", "guest")

// tieTarget resolves one tie of the role r of sentence k. prev is the
// target of the tie before, which a tie naming no holder of its own
// shares ("SoftBank chairman and chief executive").
func (ms *mentionStage) tieTarget(ctx *roleContext, k int, r pendingRole, t tie, prev *RoleTarget) (RoleTarget, bool) {
	st := ms.sents[k]
	toks := st.toks
	from := t.from
	for from < t.to && leadWords[toks[from].Lower] {
		from++
	}
	if from < t.to && pastMarkers[toks[from].Lower] {
		return RoleTarget{}, false
	}
	if from >= t.to {
		return RoleTarget{}, false
	}
	t.from = from

	// A gazetteer title: "Secretary of Commerce", "Japanese Economy,
	// Trade and Industry Minister".
	country, afterCountry := ms.tieCountry(st, t)
	for i := t.from; i < t.to; i++ {
		ps, n := ms.m.titles.allAt(toks, i)
		if n == 0 {
			continue
		}
		id := pickByCountry(ms.m, ps, country)
		if id == "" {
			break
		}
		title := ms.span(st, i, i+n)
		if country == "" && !ms.namedInDoc(id) {
			// A title the gazetteer gives without a country ("Commerce
			// Secretary") is that country's unless the context says
			// whose it is.
			if c := ms.firstContextCountry(ctx, k, r); c != "" && !strings.EqualFold(c, ms.m.entries[id].Country) {
				if target, q := ms.office(st, c, title, i, i+n, false); q == officeHeld {
					ms.officeMention(st, target.ActorID, title, i, i+n)
					return target, true
				}
			}
		}
		ms.officeMention(st, id, title, i, i+n)
		return RoleTarget{ActorID: id, Kind: ms.ensureActor(id), Title: title}, true
	}

	// A holder named after a cue: "founder of Alibaba", "spokesperson for
	// China's Taiwan Affairs Office".
	for i := t.from + 1; i+1 < t.to; i++ {
		if toks[i].Text != "of" && toks[i].Text != "at" && toks[i].Text != "for" {
			continue
		}
		cue := toks[i-1].Lower
		if !companyCues[cue] && !roleWords[cue] && !titleHeads[cue] {
			break
		}
		at := i + 1
		if strings.EqualFold(toks[at].Text, "the") && at+1 < t.to {
			at++
		}
		if in := mentionsIn(st, at, t.to); len(in) > 0 && in[0].Start == toks[at].Start && in[0].Kind != tradegraph.Person {
			m := in[0]
			title := ms.span(st, t.from, i)
			if c := ms.countryOf(m); c != "" {
				return ms.officeOf(st, c, title, t.from, i)
			}
			return RoleTarget{ActorID: m.ActorID, Kind: m.Kind, Title: title}, true
		}
		break
	}

	// A body, company or organisation named in the tie: "ASML's chief
	// executive", "Chinese Foreign Ministry spokesman", "the chamber's
	// president".
	for _, m := range mentionsIn(st, t.from, t.to) {
		if m.Kind == tradegraph.Country || m.Kind == tradegraph.Person || m.ActorID == "organization:eu" && m.Form == FormDemonym {
			continue
		}
		after := tokenAfter(st, m.End)
		if possessiveAt(toks, after) {
			after += 2
		}
		if after >= t.to {
			if title := headingTitles[toks[t.from].Lower]; title != "" {
				return RoleTarget{ActorID: m.ActorID, Kind: m.Kind, Title: title}, true // "who heads the X"
			}
			continue // the role is the name itself
		}
		return RoleTarget{ActorID: m.ActorID, Kind: m.Kind, Title: ms.span(st, after, t.to)}, true
	}

	// The title proper starts after the country.
	titleFrom := max(t.from, afterCountry)
	if titleFrom < t.to && possessiveAt(toks, titleFrom) {
		titleFrom += 2
	}
	for titleFrom < t.to && leadWords[toks[titleFrom].Lower] {
		titleFrom++
	}
	if titleFrom >= t.to {
		return RoleTarget{}, false
	}
	if !titleOpener(st, titleFrom, t.to) {
		return RoleTarget{}, false // "the grandfather of the current chairman"
	}
	title := ms.span(st, titleFrom, t.to)

	// A holder by description or reference: "council president", "its
	// chief executive", "whose president".
	if h, from := ms.describedHolder(ctx, k, t, titleFrom); h != nil {
		return RoleTarget{ActorID: h.ActorID, Kind: h.Kind, Title: ms.span(st, from, t.to)}, true
	}
	if country != "" {
		return ms.officeOf(st, country, title, titleFrom, t.to)
	}
	if prev != nil && prev.Kind != tradegraph.Country && titleFrom == t.from && t.from > r.from {
		// "SoftBank chairman and chief executive": the holder is shared.
		return RoleTarget{ActorID: prev.ActorID, Kind: prev.Kind, Title: title}, true
	}
	if firmTitle(title) {
		if h := ms.companyInContext(ctx, k, r); h != nil {
			return RoleTarget{ActorID: h.ActorID, Kind: h.Kind, Title: title}, true
		}
		return RoleTarget{}, false
	}
	return ms.governmentTarget(ctx, k, r, title, titleFrom, t.to)
}

// headingTitles name the role a heading verb gives ("who chairs X").
var headingTitles = map[string]string{"heads": "head", "leads": "leader", "chairs": "chair", "runs": "head"}

// titleOpener reports whether toks[from:to] reads as a title: a word of
// office comes before any "of", "at" or "for" ("Minister of Economy",
// "head of", "prime minister"), which "the grandfather of the current
// chairman" does not.
func titleOpener(st *sentState, from, to int) bool {
	for k := from; k < to; k++ {
		lw := st.toks[k].Lower
		if _, holder := holderNouns[lw]; holder || roleWords[lw] || titleHeads[lw] || firmWords[lw] || headingTitles[lw] != "" {
			return true
		}
		if _, office := officeNouns[lw]; office {
			return true
		}
		if lw == "of" || lw == "at" || lw == "for" {
			return false
		}
	}
	return false
}

// firmWords make a title one of a firm, not of a government.
var firmWords = setOf("executive", "ceo", "cfo", "coo", "cto", "chairman", "chairwoman", "chair",
	"founder", "cofounder", "co-founder", "owner", "director", "managing", "partner", "shareholder",
	"treasurer", "officer", "board", "manager", "boss")

// firmTitle reports whether title is one of a firm ("chief executive",
// "vice chairman").
func firmTitle(title string) bool {
	for _, w := range titleWords(title) {
		if firmWords[w] {
			return true
		}
	}
	return false
}

// holderNouns describe a body, company or organisation: before a title
// ("council president", "Ministry spokesperson") or after "the" they
// refer to the nearest such actor named before. A noun of no kind ("")
// refers only to an actor whose name holds it ("the committee").
// "Administration" and "office" are left out: "the administration" is a
// government more often than a body named before.
var holderNouns = map[string]tradegraph.ActorKind{
	"ministry": tradegraph.Ministry, "department": tradegraph.Ministry, "agency": tradegraph.Ministry,
	"bureau": tradegraph.Ministry, "regulator": tradegraph.Ministry, "directorate": tradegraph.Ministry,
	"commission": "", "committee": "", "council": "", "watchdog": tradegraph.Ministry,
	"authority": tradegraph.Ministry,
	"company":   tradegraph.Company, "firm": tradegraph.Company, "group": tradegraph.Company,
	"conglomerate": tradegraph.Company, "manufacturer": tradegraph.Company, "maker": tradegraph.Company,
	"chipmaker": tradegraph.Company, "carmaker": tradegraph.Company, "automaker": tradegraph.Company,
	"steelmaker": tradegraph.Company, "designer": tradegraph.Company, "producer": tradegraph.Company,
	"retailer": tradegraph.Company, "supplier": tradegraph.Company, "lender": tradegraph.Company,
	"bank": "", "insurer": tradegraph.Company, "investor": tradegraph.Company, "startup": tradegraph.Company,
	"newspaper": tradegraph.Company, "broadcaster": tradegraph.Company, "outlet": tradegraph.Company,
	"chamber": tradegraph.Organization, "association": tradegraph.Organization,
	"federation": tradegraph.Organization, "union": tradegraph.Organization, "lobby": tradegraph.Organization,
	"alliance": tradegraph.Organization, "organisation": tradegraph.Organization,
	"organization": tradegraph.Organization, "bloc": tradegraph.Organization, "institute": tradegraph.Organization,
	"fund": "",
}

// describedHolder finds the holder of a tie that names it by a noun
// ("council president", "Ministry spokesperson"), by a possessive pronoun
// ("its chief executive") or by "whose" ("the union, whose president"),
// and returns it with the token where the title after it starts.
func (ms *mentionStage) describedHolder(ctx *roleContext, k int, t tie, titleFrom int) (*Mention, int) {
	st := ms.sents[k]
	toks := st.toks
	if i := titleFrom; i+1 < t.to {
		if _, ok := holderNouns[toks[i].Lower]; ok && (!toks[i].capitalised() || i == t.from) {
			return ms.referent(k, toks[i].Lower, toks[i].Start), i + 1
		}
	}
	if t.from == 0 {
		return nil, titleFrom
	}
	if t.from >= 3 && possessiveAt(toks, t.from-2) {
		// "the company's chief executive": the description before.
		for _, m := range st.s.Mentions {
			if m.End == toks[t.from-3].End && holderKind(m.Kind) {
				return m, titleFrom
			}
		}
	}
	switch prev := toks[t.from-1].Lower; prev {
	case "its", "their":
		// The firm or body the sentence, or the one before, is about.
		for _, j := range []int{k, k - 1} {
			if j < 0 || ctx.paragraph[j] != ctx.paragraph[k] {
				continue
			}
			if m := ctx.subject[j]; m != nil && m.Start < toks[t.from].Start && holderKind(m.Kind) {
				return m, titleFrom
			}
		}
		return ms.referent(k, "", toks[t.from-1].Start), titleFrom
	case "whose":
		// The actor right before ", whose", perhaps with a noun after its
		// name ("The United Steelworkers union, whose president").
		k := t.from - 2
		if k >= 0 && toks[k].Text == "," {
			k--
		}
		for n := 0; k >= 0 && n < 2 && toks[k].Word && !toks[k].capitalised() && !st.taken[k]; n++ {
			k--
		}
		if k >= 0 && st.taken[k] {
			for _, m := range st.s.Mentions {
				if m.End == toks[k].End && m.Kind != tradegraph.Person {
					return m, titleFrom
				}
			}
		}
	}
	return nil, titleFrom
}

// companyInContext finds the company a firm's title without a holder
// belongs to: one named in a relative clause after the person ("Jensen
// Huang, who co-founded Nvidia"), else the company the sentence, or the
// sentence before it in the paragraph, opens with.
func (ms *mentionStage) companyInContext(ctx *roleContext, k int, r pendingRole) *Mention {
	st := ms.sents[k]
	rest := ms.d.Text[r.m.End:st.s.End]
	if strings.HasPrefix(rest, ", who ") {
		clauseEnd := r.m.End + 2 + strings.IndexAny(rest[2:]+",", ",;")
		for _, m := range st.s.Mentions {
			if m.Start > r.m.End && m.End <= clauseEnd && m.Kind == tradegraph.Company {
				return m
			}
		}
	}
	for _, j := range []int{k, k - 1} {
		if j < 0 || ctx.paragraph[j] != ctx.paragraph[k] {
			continue
		}
		if m := ctx.subject[j]; m != nil && m != r.m && m.Kind == tradegraph.Company && !ms.outlet(m) {
			return m
		}
	}
	return nil
}

// outlet reports whether m names a news outlet by its name ("Nikkei",
// "Reuters"): an outlet reports on people rather than employs them.
func (ms *mentionStage) outlet(m *Mention) bool {
	name := m.Text
	if a := ms.actors[m.ActorID]; a != nil {
		name = a.Name
	}
	var h sentenceHits
	h.scan(&nameRegexps, name, nil)
	return h.match(outletName, 0, len(name))
}

// contextCountries lists, best first, the countries the context gives a
// title without one (see the comment at the top of this file).
func (ms *mentionStage) contextCountries(ctx *roleContext, k int, r pendingRole) []string {
	var out []string
	add := func(c string) {
		if c != "" && !containsFold(out, c) {
			out = append(out, c)
		}
	}
	add(ctx.explicit[r.m.ActorID])
	if ctx.usedContext[k] {
		return out
	}
	st := ms.sents[k]
	roleStart := st.toks[r.from].Start
	if m := ctx.subject[k]; m != nil && m.Start < roleStart && m != r.m {
		add(ms.countryOrBodyCountry(m))
	}
	if k > 0 && ctx.paragraph[k-1] == ctx.paragraph[k] {
		if m := ctx.subject[k-1]; m != nil {
			add(ms.countryOrBodyCountry(m))
		}
	}
	add(ctx.dateline)
	only := ""
	for _, m := range st.s.Mentions {
		c := ms.countryOf(m)
		if c == "" || m.End <= ctx.datelineEnd || ms.inSomeRole(st, m) || ms.afterLocative(st, m) {
			continue
		}
		if only != "" && only != c {
			only = ""
			break
		}
		only = c
	}
	add(only)
	return out
}

// firstContextCountry returns the best country the context gives, or "".
func (ms *mentionStage) firstContextCountry(ctx *roleContext, k int, r pendingRole) string {
	if cs := ms.contextCountries(ctx, k, r); len(cs) > 0 {
		return cs[0]
	}
	return ""
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// countryOrBodyCountry returns the country a mention names or, for a
// government body, the country it belongs to.
func (ms *mentionStage) countryOrBodyCountry(m *Mention) string {
	if c := ms.countryOf(m); c != "" {
		return c
	}
	if m.Kind == tradegraph.Ministry {
		if a := ms.actors[m.ActorID]; a != nil {
			return strings.ToUpper(a.Country)
		}
	}
	return ""
}

// afterLocative reports whether a preposition of place comes right before
// m ("a meeting in Peru", "imports from Japan"): a place, not a party.
func (ms *mentionStage) afterLocative(st *sentState, m *Mention) bool {
	k := tokenAfter(st, m.Start) - 1
	if k >= 0 && strings.EqualFold(st.toks[k].Text, "the") {
		k--
	}
	return k >= 0 && locatives[st.toks[k].Lower]
}

// inSomeRole reports whether m lies inside the role of a person of st.
func (ms *mentionStage) inSomeRole(st *sentState, m *Mention) bool {
	for _, r := range st.roles {
		if m.Start >= st.toks[r.from].Start && m.End <= st.toks[r.to-1].End {
			return true
		}
	}
	return false
}

// governmentTarget resolves a government title the tie gives without a
// country, with the countries of its context: the first that holds the
// office wins; failing that, the first that takes the title at all.
func (ms *mentionStage) governmentTarget(ctx *roleContext, k int, r pendingRole, title string, from, to int) (RoleTarget, bool) {
	st := ms.sents[k]
	if officeNoun(title) == "" && !isHeadTitle(title) {
		return RoleTarget{}, false
	}
	var fallback *RoleTarget
	for i, c := range ms.contextCountries(ctx, k, r) {
		target, q := ms.office(st, c, title, from, to, false)
		if q == officeHeld {
			if i > 0 || ctx.explicit[r.m.ActorID] == "" {
				ctx.usedContext[k] = true
			}
			ms.officeMention(st, target.ActorID, title, from, to)
			return target, true
		}
		if q == officeCountry && fallback == nil {
			fallback = &target
		}
	}
	if fallback != nil {
		ctx.usedContext[k] = true
		return *fallback, true
	}
	return RoleTarget{}, false
}

// officeOf resolves a government title whose country the text names.
func (ms *mentionStage) officeOf(st *sentState, country, title string, from, to int) (RoleTarget, bool) {
	target, q := ms.office(st, country, title, from, to, true)
	if q == officeNone {
		return RoleTarget{}, false
	}
	if q == officeHeld {
		ms.officeMention(st, target.ActorID, title, from, to)
	}
	return target, true
}

// How well a country fits a title: it holds the office (in a body, or
// as its head), or merely takes the title, or not at all.
const (
	officeNone = iota
	officeCountry
	officeHeld
)

// office resolves a government title held in the country with code
// code: to the body that holds it, or to the country. With invent, a
// ministry the title names and the gazetteer does not know is made up
// (see ministryFromTitle); that is done only when the text itself says
// whose the title is.
func (ms *mentionStage) office(st *sentState, code, title string, from, to int, invent bool) (RoleTarget, int) {
	country := func(q int) (RoleTarget, int) {
		id := ms.countryID(code)
		if id == "" {
			return RoleTarget{}, officeNone
		}
		return RoleTarget{ActorID: id, Kind: ms.m.kindOf(id), Title: title}, q
	}
	body := func(id string) (RoleTarget, int) {
		return RoleTarget{ActorID: id, Kind: ms.ensureActor(id), Title: title}, officeHeld
	}
	if id := ms.bodyInTitle(code, title); id != "" {
		return body(id)
	}
	noun := officeNoun(title)
	if isHeadTitle(title) {
		if code == "EU" {
			return RoleTarget{}, officeNone
		}
		return country(officeHeld)
	}
	if noun == "" {
		return RoleTarget{}, officeNone
	}
	p := portfolio(title)
	if ids := ms.m.offices.byTitle(code, title); len(ids) > 0 {
		id := ids[0]
		if b, ok := ms.m.offices.body(code, id); ok && (b.names(p, noun) || ms.namedInDoc(id)) {
			return body(id)
		}
		if code == "EU" {
			return RoleTarget{}, officeNone
		}
		// The gazetteer knows the office but no body named for it
		// ("Trade Minister" of Canada): the country holds it.
		return country(officeHeld)
	}
	if id := ms.m.offices.byPortfolio(code, p, noun); id != "" {
		return body(id)
	}
	if code == "EU" {
		if noun == "commissioner" {
			return country(officeCountry)
		}
		return RoleTarget{}, officeNone
	}
	if invent && noun == "minister" && len(p) > 0 && !ms.m.offices.sharesPortfolio(code, p) && from < to {
		if id := ms.ministryFromTitle(st, code, title, from, to); id != "" {
			return RoleTarget{ActorID: id, Kind: tradegraph.Ministry, Title: title}, officeCountry
		}
	}
	return country(officeCountry)
}

// bodyInTitle returns the body of country code that a title names before
// its office ("foreign ministry" in "foreign ministry spokesperson"), or
// "".
func (ms *mentionStage) bodyInTitle(code, title string) string {
	words := strings.Fields(title)
	for p := len(words) - 1; p > 0; p-- {
		if kind, ok := holderNouns[strings.ToLower(words[p])]; ok && (kind == tradegraph.Ministry || kind == "") {
			if id, ok := ms.m.bodies[bodyKey(code, strings.Join(words[:p+1], " "))]; ok {
				return id
			}
		}
	}
	return ""
}

// namedInDoc reports whether the document names the actor id other than
// in a title.
func (ms *mentionStage) namedInDoc(id string) bool {
	if ms.named == nil {
		ms.named = map[string]bool{}
		for _, st := range ms.sents {
			for _, m := range st.s.Mentions {
				if m.Form != FormOffice {
					ms.named[m.ActorID] = true
				}
			}
		}
	}
	return ms.named[id]
}

// portfolioSpan returns the tokens of toks[from:to] that name the
// portfolio of a title ("Economy, Trade and Industry" of "Minister of
// Economy, Trade and Industry"), or from, from when they are not one run.
func portfolioSpan(st *sentState, from, to int) (int, int) {
	first, last := -1, -1
	for k := from; k < to; k++ {
		if !st.toks[k].Word {
			continue
		}
		w := st.toks[k].Lower
		if _, office := officeNouns[w]; office || rankWords[w] || portfolioStop[w] || st.demonymAt[k] != "" {
			if first >= 0 && w != "and" && w != "of" && w != "for" && w != "state" {
				break
			}
			continue
		}
		if first < 0 {
			first = k
		}
		last = k
	}
	if first < 0 {
		return from, from
	}
	return first, last + 1
}

// officeMention records the part of a title that names the body holding
// it ("Commerce" in "Commerce Secretary") as a mention of the body, as
// the gold annotations list such bodies.
func (ms *mentionStage) officeMention(st *sentState, id, title string, from, to int) {
	if ms.m.kindOf(id) != tradegraph.Ministry && !strings.HasPrefix(id, "ministry:") {
		return
	}
	a, b := portfolioSpan(st, from, to)
	if a >= b || !st.free(a, b) {
		return
	}
	ms.mention(st, a, b, id, FormOffice)
}

// ministryFromTitle makes up the ministry a title names when the
// gazetteer knows none of the country's ("Agriculture Minister" →
// "Agriculture Ministry", ministry:xx-agriculture).
func (ms *mentionStage) ministryFromTitle(st *sentState, code, title string, from, to int) string {
	a, b := portfolioSpan(st, from, to)
	if a >= b {
		return ""
	}
	field := ms.span(st, a, b)
	name := field + " Ministry"
	if strings.HasPrefix(strings.ToLower(title), "minister") {
		name = "Ministry of " + field
	}
	id := "ministry:" + strings.ToLower(code) + "-" + tradegraph.Slug(field)
	if _, ok := ms.actors[id]; !ok {
		if _, known := ms.m.entries[id]; known {
			ms.ensureActor(id)
		} else {
			ms.actors[id] = &tradegraph.Actor{ID: id, Kind: tradegraph.Ministry, Name: name, Country: code}
		}
	}
	if st.free(a, b) {
		ms.mention(st, a, b, id, FormOffice)
	}
	return id
}
