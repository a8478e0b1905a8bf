package synth

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tradegraph/tradegraph"
)

// claim is a relation an article was written to state, in the terms the
// extractor should find it. Tests measure the extractor against claims;
// they are not part of the article.
type claim struct {
	typ      tradegraph.RelationType
	from, to string
	// fromName and toName are the names the text gives the actors first,
	// which tests use to find the ids the extractor gave them.
	fromName, toName string
	hedged           bool
	// sentence is the sentence that states the claim, for messages.
	sentence string
}

// story is one article being written: who it is about, what has been
// said so far, and the claims made.
type story struct {
	g    *Generator
	date time.Time
	term int
	// lead acts, other is acted on; both countries (or the EU).
	lead, other *actor
	sec         *sector
	goods       string
	title       string
	dateline    string
	// leading is set while the lead sentence is written.
	leading bool

	paras  [][]string
	cur    []string
	nwords int
	// named holds the ids already named, so that later mentions take
	// shorter forms; persons holds, per sentence, the people it names, for
	// pronouns.
	named   map[string]bool
	persons [][]*actor
	claims  []claim
	// voices are who has spoken or acted for a country so far; a story
	// mostly keeps to them.
	voices    map[*actor]*actor
	officials map[*actor]*actor
	// used holds the fixed sentences already written, so that none comes
	// twice in one article.
	used map[string]bool
	// plural is a plural subject ("Chinese officials") given to the
	// sentence being written, whose verb say makes agree.
	plural string
}

func (g *Generator) newStory() *story {
	s := &story{g: g, named: map[string]bool{}, voices: map[*actor]*actor{}, officials: map[*actor]*actor{}, used: map[string]bool{}}
	s.date = g.date()
	s.term = termOf(s.date.Year(), int(s.date.Month()))
	s.lead = g.country()
	if g.c.eu != nil && g.chance(0.08) {
		s.lead = g.c.eu
	}
	s.other = g.countryNot(s.lead)
	s.sec = pick(g.rng, sectors)
	s.goods = pick(g.rng, s.sec.goods)
	s.dateline = datelineOf(s.lead, s.date)
	return s
}

// country draws a country by prominence.
func (g *Generator) country() *actor { return g.c.countries[g.countryZipf.Uint64()] }

// countryNot draws a country other than the given ones.
func (g *Generator) countryNot(not ...*actor) *actor {
	for {
		c := g.country()
		if !slices.Contains(not, c) {
			return c
		}
	}
}

// company draws a real company or an invented firm.
func (g *Generator) company() *actor {
	if g.chance(0.5) && len(g.c.companies) > 0 {
		return g.c.companies[g.companyZipf.Uint64()]
	}
	return g.firm()
}

// firm draws an invented firm: a few firms recur, most appear once or
// twice in a large corpus.
func (g *Generator) firm() *actor {
	c := g.c.firmCountries[g.firmCountryZipf.Uint64()]
	return g.c.firm(c, int(g.firmZipf.Uint64()))
}

// firmOf draws an invented firm of country c.
func (g *Generator) firmOf(c string) *actor { return g.c.firm(c, int(g.firmZipf.Uint64())) }

// companyOf draws a company of country c: a real one when the gazetteer
// has some, else an invented one.
func (g *Generator) companyOf(c string) *actor {
	if g.chance(0.5) {
		var of []*actor
		for _, co := range g.c.companies {
			if co.country == c {
				of = append(of, co)
				if len(of) == 8 {
					break
				}
			}
		}
		if len(of) > 0 {
			return of[min(len(of)-1, int(g.rng.ExpFloat64()*1.5))]
		}
	}
	return g.firmOf(c)
}

// gov returns who acts for country c: the country itself or one of its
// ministries.
func (g *Generator) gov(c *actor) *actor {
	ms := g.c.ministries[c.country]
	switch {
	case g.chance(0.6):
		return c
	case len(ms) > 0:
		return ms[min(len(ms)-1, int(g.rng.ExpFloat64()*1.2))]
	}
	return c
}

// govSubj is gov for the subject of a sentence. Countries the gazetteer
// has no ministries for may get one invented; the text names it after its
// country ("Vietnam's Ministry of Trade"), so it is only used as a
// subject, where the country's name before it does not stand in the way.
func (g *Generator) govSubj(c *actor) *actor {
	a := g.gov(c)
	if a == c && len(g.c.ministries[c.country]) == 0 && c.kind == tradegraph.Country && !strings.HasSuffix(c.name, "s") && g.chance(0.3) {
		return inventedMinistry(c, pick(g.rng, inventedMinistries))
	}
	return a
}

// inventedMinistries name the bodies of countries the gazetteer has none
// for; the extractor discovers them from "Vietnam's Ministry of ...".
var inventedMinistries = []string{"Ministry of Industry and Trade", "Ministry of Commerce", "Ministry of Economy", "Ministry of Trade"}

func inventedMinistry(c *actor, name string) *actor {
	return &actor{
		id:   "ministry:" + strings.ToLower(c.country) + "-" + tradegraph.Slug(name),
		kind: tradegraph.Ministry, name: c.possessive() + " " + name, country: c.country,
		invented: true,
	}
}

// voice returns who acts for country c in this story: mostly the same
// body throughout, sometimes another (see gov).
func (s *story) voice(c *actor, subject bool) *actor {
	if v, ok := s.voices[c]; ok && s.g.chance(0.55) && (subject || !v.invented) {
		return v
	}
	v := s.g.gov(c)
	if subject {
		v = s.g.govSubj(c)
	}
	if _, ok := s.voices[c]; !ok {
		s.voices[c] = v
	}
	return v
}

// officialOf returns a person who speaks for country c: mostly the one
// who spoke for it before in the story.
func (s *story) officialOf(c *actor) *actor {
	if p, ok := s.officials[c]; ok && s.g.chance(0.6) {
		return p
	}
	p := s.newOfficial(c)
	if _, ok := s.officials[c]; !ok && p != nil {
		s.officials[c] = p
	}
	return p
}

// newOfficial returns the holder of one of c's titled posts in the story's
// term, or a deputy.
func (s *story) newOfficial(c *actor) *actor {
	g := s.g
	if posts := g.c.postsBy[c.country]; len(posts) > 0 && g.chance(0.6) {
		return g.c.holder(posts[min(len(posts)-1, int(g.rng.ExpFloat64()*2))], s.term)
	}
	if c.kind != tradegraph.Country {
		return nil
	}
	return deputy(c.country, int(g.deputyZipf.Uint64())%nameSpace(c.country))
}

// Writing.

// fresh picks a template this article has not used yet, when it can.
func (s *story) fresh(ts []string) string {
	t := pick(s.g.rng, ts)
	for i := 0; i < 4 && s.used[t]; i++ {
		t = pick(s.g.rng, ts)
	}
	s.used[t] = true
	return t
}

// say adds a sentence to the current paragraph. persons lists the people
// it names, for later pronouns.
func (s *story) say(text string, persons ...*actor) {
	text = tidy(text)
	if s.plural != "" {
		text = agree(text, s.plural)
		s.plural = ""
	}
	for i := len(s.claims) - 1; i >= 0 && s.claims[i].sentence == ""; i-- {
		s.claims[i].sentence = text
	}
	s.cur = append(s.cur, text)
	s.persons = append(s.persons, persons)
	s.nwords += words(text)
}

// para ends the current paragraph.
func (s *story) para() {
	if len(s.cur) > 0 {
		s.paras = append(s.paras, s.cur)
		s.cur = nil
	}
}

func (s *story) text() string {
	s.para()
	var b strings.Builder
	for i, p := range s.paras {
		if i > 0 {
			b.WriteString("\n\n")
		} else {
			b.WriteString(s.dateline)
		}
		b.WriteString(strings.Join(p, " "))
	}
	return b.String()
}

// pluralVerb finds the verb after a sentence's subject, past an adverbial
// of time, where templates written for one actor say "has" or "is".
var pluralVerb = regexp.MustCompile(`^((?:on \w+day|last week|this week|earlier this month|late last month) )?(has|is|was)\b`)

// agree makes the verb after a plural subject at the start of text plural.
func agree(text, subject string) string {
	rest, ok := strings.CutPrefix(text, upperFirst(subject)+" ")
	if !ok {
		return text
	}
	m := pluralVerb.FindStringSubmatchIndex(rest)
	if m == nil {
		return text
	}
	verb := map[string]string{"has": "have", "is": "are", "was": "were"}[rest[m[4]:m[5]]]
	return upperFirst(subject) + " " + rest[:m[4]] + verb + rest[m[5]:]
}

// tidy repairs what filling slots leaves behind: an appositive's comma
// before the final period, doubled commas, and a lower-case start.
func tidy(t string) string {
	for _, r := range [][2]string{{",.", "."}, {", ,", ","}, {",,", ","}, {"  ", " "}, {" ,", ","}, {".\".", ".\""}, {",\",", ",\""}} {
		t = strings.ReplaceAll(t, r[0], r[1])
	}
	t = strings.TrimSpace(t)
	first, _, _ := strings.Cut(t, " ")
	if first == strings.ToLower(first) {
		r, n := utf8.DecodeRuneInString(t)
		t = string(unicode.ToUpper(r)) + t[n:]
	}
	return t
}

// claim records a relation the text states.
func (s *story) claim(t tradegraph.RelationType, from, to *actor, hedged bool) {
	if from == nil || to == nil || from.id == to.id {
		return
	}
	c := claim{typ: t, from: from.id, to: to.id, fromName: from.name, toName: to.name, hedged: hedged}
	if t.Symmetric() && c.to < c.from {
		c.from, c.to = c.to, c.from
		c.fromName, c.toName = c.toName, c.fromName
	}
	for _, old := range s.claims {
		if old.typ == c.typ && old.from == c.from && old.to == c.to {
			return
		}
	}
	s.claims = append(s.claims, c)
}

// mark notes that a is named, recording PART_OF for ministries of a
// country, which the extractor adds for every ministry it sees.
func (s *story) mark(a *actor) {
	if s.named[a.id] {
		return
	}
	s.named[a.id] = true
	if a.kind == tradegraph.Ministry && len(a.country) == 2 && a.country != "EU" {
		if c := s.g.c.byCode[a.country]; c != nil {
			s.claim(tradegraph.PartOf, a, c, false)
		}
	}
}

// Forms of actors in the text. The first mention of an actor names it in
// full; later ones may shorten it.

// subj is how a sentence names a as its subject.
func (s *story) subj(a *actor) string {
	g := s.g
	first := !s.named[a.id]
	defer s.mark(a)
	switch a.kind {
	case tradegraph.Country, tradegraph.Organization:
		if a == g.c.eu {
			return s.euForm(first)
		}
		if a.kind == tradegraph.Organization {
			if !first && a.short != "" {
				return "the " + a.short
			}
			return "the " + a.name
		}
		u := g.rng.Float64()
		switch {
		case first && u < 0.7, !first && u < 0.3:
			return a.ref()
		case u < 0.82 && a.short != "":
			return "the " + a.short
		case !first && u < 0.85 && a.capital != "":
			return a.capital
		case a.demonym != "" && first:
			return "the " + a.demonym + " government"
		case a.demonym != "":
			s.plural = a.demonym + " " + pick(g.rng, []string{"officials", "authorities", "trade officials"})
			return s.plural
		}
		return a.ref()
	case tradegraph.Ministry:
		if !first && a.abbrev != "" && g.chance(0.5) {
			return a.abbrev
		}
		return s.theIfNeeded(a.name)
	case tradegraph.Person:
		return s.personForm(a)
	}
	return a.name
}

// obj is how a sentence names a as the object of a verb. place asks for
// a country as a place (goods come from it), not as a government.
func (s *story) obj(a *actor, place bool) string {
	if a.kind == tradegraph.Person && s.named[a.id] {
		return a.person.later // never "he" as an object
	}
	if a.kind != tradegraph.Country {
		return s.subj(a)
	}
	first := !s.named[a.id]
	s.mark(a)
	u := s.g.rng.Float64()
	switch {
	case u < 0.65:
		return a.ref()
	case u < 0.8 && a.short != "":
		return "the " + a.short
	case !place && !first && u < 0.9 && a.capital != "":
		return a.capital
	case !place && a.demonym != "":
		return "the " + a.demonym + " government"
	}
	return a.ref()
}

// poss is the possessive of a country: "China's", "Washington's".
func (s *story) poss(a *actor) string {
	s.mark(a)
	if a == s.g.c.eu {
		return "the EU's"
	}
	if strings.HasSuffix(a.name, "s") {
		if a.short != "" {
			return "the " + a.short // used as an adjective: "the US trade envoy"
		}
		if a.capital != "" {
			return a.capital + "'s"
		}
	}
	return a.possessive()
}

func (s *story) euForm(first bool) string {
	switch {
	case first:
		return "the European Union"
	case s.g.chance(0.3):
		return "Brussels"
	}
	return "the EU"
}

// theIfNeeded puts "the" before body names that read as common nouns
// ("the Bureau of Industry and Security", "the US Department of Commerce").
func (s *story) theIfNeeded(name string) string {
	if strings.Contains(name, "'s ") || strings.HasPrefix(name, "the ") {
		return name
	}
	first, _, _ := strings.Cut(name, " ")
	if s.g.c.demonyms[first] {
		return "the " + name // "the Dutch Economy Ministry"
	}
	if first == strings.ToUpper(first) && len(name) > len(first) && !strings.Contains(first, ".") {
		// An abbreviation as the name's first word ("US Department of
		// Commerce") still reads best with "the".
		return "the " + name
	}
	switch first {
	case "Ministry", "Department", "Bureau", "Office", "Committee", "State", "General", "Federal", "Council", "Directorate", "Directorate-General", "European", "Secretariat", "Korea", "Cyberspace", "National", "Customs", "Fisheries", "Executive", "Mainland", "Foreign", "Canada", "German", "Taiwan", "House", "Kremlin":
		return "the " + name
	}
	return name
}

// personForm names a person: with their role the first time, by their
// later name (or a pronoun when nobody else could be meant) after that.
func (s *story) personForm(a *actor) string {
	if !s.named[a.id] {
		return s.introduce(a)
	}
	if s.pronounOK(a) && s.g.chance(0.4) {
		if a.person.female {
			return "she"
		}
		return "he"
	}
	return a.person.later
}

// pronounOK reports whether a pronoun would point at a: a is the only
// person named in the last two sentences, which is how far back the
// extractor looks.
func (s *story) pronounOK(a *actor) bool {
	seen := false
	for i := max(0, len(s.persons)-2); i < len(s.persons); i++ {
		for _, p := range s.persons[i] {
			if p.id != a.id {
				return false
			}
			seen = true
		}
	}
	return seen
}

// introduce names a person for the first time, with the role that ties
// them to a body, a country or a firm, and records that tie.
func (s *story) introduce(a *actor) string {
	g := s.g
	p := a.person
	s.named[a.id] = true
	switch p.role {
	case roleOfficial:
		body, title := p.post.body, p.post.title
		s.mark(body)
		s.claim(tradegraph.HoldsRole, a, body, false)
		if !strings.Contains(title, " of ") && g.chance(0.6) {
			return title + " " + a.name
		}
		c := g.c.byCode[p.post.country]
		switch {
		case strings.Contains(title, "'s "):
			return a.name + ", " + title + ","
		case c == nil || titleNamesCountry(title, c):
			return a.name + ", the " + strings.TrimPrefix(title, "the ") + ","
		case c.country == "US":
			return a.name + ", the US " + title + ","
		}
		s.mark(c)
		return a.name + ", " + s.poss(c) + " " + title + ","
	case roleDeputy:
		c := g.c.byCode[a.country]
		s.claim(tradegraph.HoldsRole, a, c, false)
		if c.demonym != "" && g.chance(0.4) {
			s.mark(c)
			return c.demonym + " " + titleCase(p.title) + " " + a.name
		}
		return a.name + ", " + s.poss(c) + " " + p.title + ","
	case roleExecutive:
		f := p.firm
		firstFirm := !s.named[f.id]
		s.mark(f)
		s.claim(tradegraph.HoldsRole, a, f, false)
		if !firstFirm && g.chance(0.5) {
			return f.name + " chief executive " + a.name
		}
		return a.name + ", " + pick(g.rng, []string{"chief executive", "the chief executive", "chairman", "head"}) + " of " + f.name + ","
	case roleFounder:
		f := p.firm
		s.mark(f)
		// Wires write "founder of X" without an article; "the founder of"
		// is rarer, and the extractor reads it less well (it takes the
		// name before it for a company), so it is kept rare too.
		the := ""
		if g.chance(0.1) {
			the = "the "
		}
		if g.chance(0.25) {
			s.claim(tradegraph.Owns, a, f, false)
			return a.name + ", " + the + "owner of " + f.name + ","
		}
		s.claim(tradegraph.Founded, a, f, false)
		if g.chance(0.3) {
			return f.name + " founder " + a.name
		}
		return a.name + ", " + the + "founder of " + f.name + ","
	}
	return a.name
}

// titleNamesCountry reports whether a title names its country already
// ("Chinese Commerce Minister", "U.S. Trade Representative").
func titleNamesCountry(title string, c *actor) bool {
	for _, w := range []string{c.name, c.demonym, c.short, "U.S.", "US ", "UK ", "British", "EU ", "European", "Kremlin", "CBP", "FCC"} {
		if w != "" && strings.Contains(title, w) {
			return true
		}
	}
	return false
}

// titleCase capitalises every word of a title used before a name.
func titleCase(t string) string {
	ws := strings.Fields(t)
	for i, w := range ws {
		r, n := utf8.DecodeRuneInString(w)
		ws[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(ws, " ")
}

// datelineOf opens an article from the lead actor's capital: "TOKYO,
// March 4 - ".
func datelineOf(lead *actor, d time.Time) string {
	city := lead.capital
	if lead.country == "US" {
		city = "Washington"
	}
	if city == "" {
		return ""
	}
	return fmt.Sprintf("%s, %s %d - ", strings.ToUpper(city), d.Month(), d.Day())
}
