package extract

import (
	"slices"
	"strings"

	"github.com/tradegraph/tradegraph"
)

// notNames are capitalised words that never belong to a discovered name:
// words that open sentences, months and days, honorifics, and plural
// nouns of people that start reports ("Observers note").
var notNames = setOf("the", "a", "an", "in", "on", "at", "meanwhile", "however", "observers",
	"officials", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "his",
	"her", "their", "its", "our", "but", "and", "or", "as", "if", "when", "while", "after",
	"before", "since", "according", "separately", "also", "yet", "still", "for", "with", "by",
	"to", "from", "of", "some", "many", "most", "both", "analysts", "experts", "sources",
	"critics", "investors", "traders", "executives", "diplomats", "lawmakers", "regulators",
	"under", "despite", "amid", "last", "next", "earlier", "later", "today", "yesterday",
	"tomorrow", "now", "then", "so", "such", "what", "why", "how", "where", "who", "which",
	"all", "each", "every", "no", "not", "new", "other", "more", "less", "one", "two", "three",
	"mr", "mrs", "ms", "dr", "miss", "prof", "sir", "madam", "dame", "lord",
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday", "sunday", "europe", "asia", "africa", "america", "americas", "oceania",
	"middle", "east", "west", "north", "south", "western", "eastern", "northern", "southern",
	"government", "authorities", "ministry",
	"department", "internet", "ai", "ceo", "cfo", "cto", "gdp", "covid")

// titleHeads are words that, capitalised before a name, introduce a
// person by office ("Minister Yasutoshi Nishimura", "Chief Executive Jane
// Doe"); in lower case they do the same ("chief executive Jane Doe").
var titleHeads = setOf("minister", "secretary", "president", "premier", "chancellor", "chairman",
	"chairwoman", "chair", "governor", "senator", "sen", "representative", "rep", "ambassador",
	"commissioner", "spokesman", "spokeswoman", "spokesperson", "director", "founder",
	"cofounder", "co-founder", "ceo", "executive", "officer", "envoy", "adviser", "advisor",
	"mayor", "king", "queen", "emperor", "prince", "judge", "justice", "chief", "head",
	"leader", "negotiator", "general", "secretary-general", "vice-president", "lawmaker",
	"congressman", "congresswoman", "economist", "analyst", "owner", "billionaire",
	"entrepreneur", "tycoon", "magnate")

// roleWords are words that make a phrase after a name, set off by commas,
// a role: "Gene Raymond, the US Secretary of Commerce,".
var roleWords = setOf("minister", "secretary", "president", "premier", "chancellor", "chairman",
	"chairwoman", "chair", "governor", "senator", "representative", "ambassador", "commissioner",
	"spokesman", "spokeswoman", "spokesperson", "director", "founder", "cofounder", "co-founder",
	"owner", "ceo", "executive", "chief", "head", "leader", "envoy", "adviser", "advisor", "mayor",
	"official", "deputy", "negotiator", "economist", "analyst", "investor", "partner", "king",
	"queen", "emperor", "prince", "judge", "lawmaker", "member", "shareholder", "billionaire",
	"entrepreneur", "tycoon", "magnate", "professor", "researcher", "fellow", "editor",
	"correspondent", "reporter", "officer", "manager", "boss")

// notPersonWords are nouns that end or fill names of places, buildings and
// institutions, never of people: "White House said", "Entity List".
var notPersonWords = setOf("house", "party", "council", "committee", "court", "congress",
	"parliament", "senate", "bank", "street", "valley", "exchange", "times", "news", "post",
	"journal", "radio", "television", "tv", "agency", "university", "institute", "association",
	"federation", "union", "fund", "club", "reserve", "board", "list", "chain", "market",
	"markets", "index", "airport", "port", "sea", "river", "island", "islands", "strait", "gulf",
	"trade", "organization", "organisation", "forum", "summit", "center", "centre", "foundation",
	"daily", "weekly", "review", "herald", "tribune", "act", "law", "bill", "initiative",
	"program", "programme", "plan", "policy", "war", "day", "week", "year", "office", "ministry",
	"department", "security", "economy", "industry", "affairs", "commerce", "finance", "state",
	"kingdom", "republic", "province", "city", "county", "district", "region", "zone", "area",
	"global", "international", "national", "world")

// honorifics stand before a surname or a full name.
var honorifics = setOf("Mr", "Mrs", "Ms", "Dr", "Miss", "Prof")

// speechVerbs after a capitalised pair make it a person: "Jane Doe said".
var speechVerbs = setOf("said", "says", "told", "tells", "added", "noted", "stated", "wrote",
	"argued", "warned", "explained", "asked", "insisted", "claimed", "announced", "declined")

// companySuffixes end company names.
var companySuffixes = setOf("Corp", "Corporation", "Inc", "Incorporated", "Ltd", "Limited",
	"LLC", "PLC", "Plc", "plc", "AG", "SE", "SA", "NV", "BV", "GmbH", "KK", "Co", "Holdings",
	"Holding", "Group", "Technologies", "Industries", "Enterprises", "Semiconductors", "Motor", "Technology",
	"Electronics", "Motors", "Airlines", "Pharmaceuticals", "Bancorp", "Partners")

// dottedSuffixes take a period that belongs to the name ("Corp.").
var dottedSuffixes = setOf("Corp", "Inc", "Ltd", "Co", "Bros")

// bodyHeads end names of government bodies: "Commerce Ministry",
// "Cyberspace Administration".
var bodyHeads = setOf("Ministry", "Department", "Agency", "Commission", "Administration",
	"Office", "Bureau", "Authority", "Council", "Customs", "Directorate")

// companyCues before "of"/"in" name a company after them ("founder of
// Alibaba", "shares in Foo"); after a possessive they follow one ("Foo's
// chief executive").
var companyCues = setOf("founder", "co-founder", "cofounder", "owner", "subsidiary", "unit",
	"shares", "stake", "shareholder", "shareholders", "chairman", "ceo", "spin-off", "parent",
	"acquisition", "purchase", "takeover")

// companyNouns after an appositive article say that the name before is a
// company: "Lumen Power Devices, a Dutch designer of power chips".
var companyAppositives = setOf("company", "firm", "maker", "chipmaker", "carmaker", "automaker",
	"designer", "manufacturer", "supplier", "specialist", "producer", "startup", "start-up",
	"unit", "subsidiary", "operator", "developer", "retailer", "carrier", "lender", "insurer",
	"conglomerate", "giant", "group", "exporter", "importer", "distributor", "contractor",
	"foundry", "provider", "vendor", "brand", "platform", "owner", "affiliate", "venture")

// orgHeads end names of associations and other non-government bodies.
var orgHeads = setOf("Association", "Federation", "Chamber", "Institute", "Alliance",
	"Foundation", "Consortium", "Coalition", "Society")

// capRun returns the end of the run of free capitalised words starting
// at i. Words joined by a hyphen ("Jean-Luc") or an ampersand ("Johnson &
// Johnson") stay in one run.
func (st *sentState) capRun(i int) int {
	toks := st.toks
	j := i
	for j < len(toks) && !st.taken[j] && toks[j].capitalised() {
		j++
		if j+1 < len(toks) && !st.taken[j] && !st.taken[j+1] && toks[j+1].Word {
			next := toks[j+1]
			switch {
			case toks[j].Text == "&" && next.capitalised():
				j++
			case nameParticles[toks[j].Text] && toks[j].Space:
				// "Ursula von der Leyen": particles up to a capitalised word.
				k := j
				for k < len(toks) && nameParticles[toks[k].Text] && toks[k].Space && !st.taken[k] {
					k++
				}
				if k < len(toks) && toks[k].capitalised() && !st.taken[k] && k-j <= 2 {
					j = k
				}
			case toks[j].Text == "-" && !toks[j].Space && !next.Space && next.capitalised():
				j++
			case toks[j].Text == "." && !toks[j].Space && len(toks[j-1].Text) == 1 && next.capitalised():
				// Initials: "J.W. Kuo".
				j++
			case toks[j].Text == "-" && !toks[j].Space && !next.Space && len(next.Text) <= 5 && !hyphenSuffixes[next.Text]:
				// A given name in two parts: "Duk-geun", "Jae-in".
				j += 2
				return j
			}
		}
	}
	return j
}

// nameParticles are lower-case words inside surnames.
var nameParticles = setOf("von", "van", "der", "den", "de", "da", "di", "del", "della", "du",
	"la", "le", "bin", "ibn", "al", "dos", "das", "ten", "ter")

// hyphenSuffixes after a capitalised word make an adjective, not a name:
// "Tokyo-based", "state-owned".
var hyphenSuffixes = setOf("based", "owned", "led", "made", "run", "born", "style", "era",
	"bound", "wide", "free", "like", "type", "class", "level", "scale", "sized", "linked",
	"backed", "listed", "focused", "only", "plus", "year", "month", "day")

// nameTokens reports whether toks[i:j] can be a person's name: 1 to 4
// words besides particles ("da", "von"), none of them a stop word or a
// title.
func (st *sentState) nameTokens(i, j int) bool {
	words := 0
	for k := i; k < j; k++ {
		if st.toks[k].Word && !nameParticles[st.toks[k].Text] {
			words++
		}
	}
	if j-i < 1 || words > 4 {
		return false
	}
	for k := i; k < j; k++ {
		t := st.toks[k]
		if !t.Word {
			continue
		}
		lw := t.Lower
		if notNames[lw] || titleHeads[lw] || notPersonWords[lw] || companySuffixes[t.Text] || bodyHeads[t.Text] || st.demonymAt[k] != "" {
			return false
		}
		if len(t.Text) > 1 && t.Text == strings.ToUpper(t.Text) {
			return false // an acronym, not a name
		}
	}
	return true
}

// span returns the document text of toks[i:j].
func (ms *mentionStage) span(st *sentState, i, j int) string {
	return ms.d.Text[st.toks[i].Start:st.toks[j-1].End]
}

// discover finds actors the gazetteer does not know: government bodies,
// companies and persons, with the roles the text gives persons.
func (ms *mentionStage) discover(st *sentState) {
	toks := st.toks
	for i := 0; i < len(toks); i++ {
		if st.taken[i] {
			continue
		}
		if !toks[i].capitalised() {
			ms.lowerCaseBody(st, i)
			continue
		}
		if j := ms.bodyOf(st, i); j > i {
			i = j - 1
			continue
		}
		j := st.capRun(i)
		start := i
		for start < j && notNames[toks[start].Lower] && !surnameHe(toks, start) {
			start++
		}
		// A demonym opens a title ("Chinese President") but no company's
		// or body's name ("Japanese seafood").
		nameStart := start
		for nameStart < j && st.demonymAt[nameStart] != "" && st.demonymStart[nameStart] == nameStart {
			nameStart++
		}
		if start == j {
			i = j - 1
			continue
		}
		if nameStart < j && (ms.bodyNamed(st, nameStart, j) || ms.companyNamed(st, nameStart, j)) {
			i = j - 1
			continue
		}
		st.resume = 0
		if ms.personNamed(st, start, j) {
			// A title that runs past the run ends before the name.
			i = max(j, st.resume) - 1
			continue
		}
		i = j - 1
	}
}

// surnameHe reports whether "He" at toks[k] is a surname, as after a
// title ("Vice Premier He Lifeng", "spokesperson He Yongqian").
func surnameHe(toks []token, k int) bool {
	return toks[k].Text == "He" && k > 0 && titleHeads[toks[k-1].Lower] &&
		k+1 < len(toks) && toks[k+1].capitalised()
}

// bodyOf discovers "Ministry of X", "Department of X", "Bureau of X" at i
// and returns the end of the name, or i.
func (ms *mentionStage) bodyOf(st *sentState, i int) int {
	toks := st.toks
	if !bodyHeads[toks[i].Text] || i+2 >= len(toks) || toks[i+1].Text != "of" || !toks[i+2].capitalised() || st.taken[i+2] {
		return i
	}
	end := i + 3
	for k := i + 3; k < len(toks) && !st.taken[k]; k++ {
		t := toks[k]
		switch {
		case t.capitalised():
			end = k + 1
		case t.Text == "," || t.Text == "and" || t.Text == "the" || t.Text == "of" || t.Text == "for" || t.Text == "&":
			if k+1 < len(toks) && (toks[k+1].capitalised() || toks[k+1].Text == "and") {
				continue
			}
			k = len(toks)
		default:
			k = len(toks)
		}
	}
	name := ms.span(st, i, end)
	country := ms.countryBefore(st, i)
	if country == "" {
		country = ms.onlyCountryBefore(st, i)
	}
	id := ms.discovered(tradegraph.Ministry, name, country)
	ms.mention(st, i, end, id, FormName)
	return end
}

// bodyNamed discovers "Commerce Ministry", "Cyberspace Administration".
func (ms *mentionStage) bodyNamed(st *sentState, i, j int) bool {
	if j-i < 2 || !bodyHeads[st.toks[j-1].Text] {
		return false
	}
	name := ms.span(st, i, j)
	id := ms.discovered(tradegraph.Ministry, name, ms.countryBefore(st, i))
	ms.mention(st, i, j, id, FormName)
	return true
}

// onlyCountryBefore returns the code of the one country the sentence
// names before token i ("China will require licences, the Ministry of
// Commerce said"), or "" when it names none or several.
func (ms *mentionStage) onlyCountryBefore(st *sentState, i int) string {
	code := ""
	for _, m := range st.s.Mentions {
		if m.Start >= st.toks[i].Start || m.Kind != tradegraph.Country || m.End <= ms.datelineEnd() {
			continue
		}
		c := ms.m.countryCode(m.ActorID)
		if code != "" && c != code {
			return ""
		}
		code = c
	}
	return code
}

// countryBefore returns the code of the country named right before token
// i ("Japan's", "the U.S.", "Chinese"), or "".
func (ms *mentionStage) countryBefore(st *sentState, i int) string {
	k := i - 1
	if k >= 0 && strings.EqualFold(st.toks[k].Text, "the") {
		k--
	}
	if k >= 1 && possessiveAt(st.toks, k-1) {
		k -= 2
	}
	if k < 0 {
		return ""
	}
	if id := st.demonymAt[k]; id != "" {
		return ms.m.countryCode(id)
	}
	for _, m := range st.s.Mentions {
		if m.End == st.toks[k].End && (m.Kind == tradegraph.Country || m.ActorID == "organization:eu") {
			return ms.m.countryCode(m.ActorID)
		}
	}
	return ""
}

// companyNamed discovers a company from a corporate suffix ("Acme
// Semiconductor Corp."), a cue before it ("founder of X", "shares of X")
// or a cue after its possessive ("X's chief executive").
func (ms *mentionStage) companyNamed(st *sentState, i, j int) bool {
	toks := st.toks
	last := toks[j-1].Text
	if j-i >= 2 && (companySuffixes[last] || industryWords[last] && !(st.s.Index == 0 && isHeadline(toks))) {
		name := ms.span(st, i, j)
		end := j
		if dottedSuffixes[last] && j < len(toks) && toks[j].Text == "." && !toks[j].Space {
			end = j + 1
		}
		if m := ms.companyEndingAt(st, i-1); m != nil {
			// The rest of a known company's name: "Alibaba" + "Group
			// Holding Ltd".
			m.End = toks[end-1].End
			m.Text = ms.d.Text[m.Start:m.End]
			for k := i; k < end; k++ {
				st.taken[k] = true
			}
			return true
		}
		id := ms.discovered(tradegraph.Company, name, "")
		m := ms.mention(st, i, end, id, FormName)
		m.Text = ms.d.Text[m.Start:m.End]
		return true
	}
	if j-i >= 2 && orgHeads[last] {
		start := ms.absorbCountry(st, i)
		id := ms.discovered(tradegraph.Organization, ms.span(st, start, j), "")
		ms.mention(st, start, j, id, FormName)
		return true
	}
	if j-i > 4 {
		return false
	}
	cued := false
	if i >= 2 && (toks[i-1].Text == "of" || toks[i-1].Text == "in") && companyCues[toks[i-2].Lower] {
		cued = true
	}
	if i >= 2 && toks[i-1].Text == "based" && toks[i-2].Text == "-" {
		cued = true // "Hong Kong-based Brightpath Components"
	}
	if ms.companyAppositive(st, j) {
		cued = true
	}
	if possessiveAt(toks, j) && j+2 < len(toks) {
		next := toks[j+2].Lower
		if next == "chief" || next == "ceo" || next == "founder" || next == "chairman" || companyCues[next] {
			cued = true // "Kappa's chief executive", "Oracle's stake"
		}
	}
	if ms.companyDescribed(st, i) {
		cued = true // "the private equity firm Carlyle"
	}
	if !cued {
		return false
	}
	for k := i; k < j; k++ {
		if titleHeads[toks[k].Lower] || bodyHeads[toks[k].Text] {
			return false
		}
	}
	name := ms.span(st, i, j)
	if id := ms.companyByBase(name); id != "" {
		ms.mention(st, i, j, id, FormShort) // "Bar's chief executive" after "Bar Group"
		return true
	}
	i = ms.absorbCountry(st, i)
	id := ms.discovered(tradegraph.Company, ms.span(st, i, j), "")
	ms.mention(st, i, j, id, FormName)
	return true
}

// industryWords end company names as corporate suffixes do ("Sea Lark
// Maritime", "Shenzhen Lianrui Trading"), but also headlines, so they
// count only outside them.
var industryWords = setOf("Petrochemical", "Petrochemicals", "Refining", "Refinery", "Chemical",
	"Chemicals", "Shipping", "Maritime", "Logistics", "Storage", "Trading", "Steel", "Mining",
	"Materials", "Services", "Management", "Tankers", "Airways", "Telecom", "Pharma", "Microtech",
	"Semiconductor", "Computing", "Software", "Systems", "Networks", "Devices")

// descriptorNouns before a name say what kind of company it is: "the
// private equity firm Carlyle", "chip equipment makers Naura Technology,
// Piotech and ACM Research Shanghai". The plural ones introduce lists.
// Nouns that may describe people as well ("investor", "designer",
// "trader") are left out.
var descriptorNouns = setOf("firm", "company", "maker", "chipmaker", "carmaker", "automaker",
	"steelmaker", "retailer", "startup", "start-up", "conglomerate", "giant", "manufacturer",
	"supplier", "producer", "operator", "insurer", "lender", "exporter", "importer", "refiner",
	"foundry", "platform")

// descriptorPlurals introduce lists of companies.
var descriptorPlurals = setOf("firms", "companies", "makers", "chipmakers", "carmakers",
	"automakers", "retailers", "startups", "manufacturers", "suppliers", "producers", "operators",
	"exporters", "refiners", "lenders", "insurers", "brands")

// companyDescribed reports whether the run at toks[i] follows a noun that
// says it is a company, directly or as a later member of a list that
// such a plural noun opens ("makers Naura Technology, Piotech and ACM").
func (ms *mentionStage) companyDescribed(st *sentState, i int) bool {
	toks := st.toks
	if i == 0 {
		return false
	}
	if prev := toks[i-1]; prev.Word && !prev.capitalised() && prev.Space && (descriptorNouns[prev.Text] || descriptorPlurals[prev.Text]) {
		return true
	}
	// A later member of a list: walk back over members and joiners to
	// the plural noun.
	k := i - 1
	for n := 0; k >= 0 && n < 12; n++ {
		t := toks[k]
		switch {
		case t.Text == "," || t.Text == "and":
			k--
		case st.taken[k] && st.mentionKindAt(k) == tradegraph.Company || t.capitalised():
			k--
		case descriptorPlurals[t.Text]:
			return toks[i-1].Text == "," || toks[i-1].Text == "and"
		default:
			return false
		}
	}
	return false
}

// mentionKindAt returns the kind of the mention that holds toks[k], or "".
func (st *sentState) mentionKindAt(k int) tradegraph.ActorKind {
	for _, m := range st.s.Mentions {
		if m.Start <= st.toks[k].Start && st.toks[k].End <= m.End {
			return m.Kind
		}
	}
	return ""
}

// absorbCountry makes a country named right before token i, without a
// possessive, part of the name that starts at i ("Korea International
// Trade Association", "Japan Advanced Semiconductor Manufacturing") and
// returns where the name now starts.
func (ms *mentionStage) absorbCountry(st *sentState, i int) int {
	m := ms.countryNameAt(st, i-1)
	if m == nil {
		return i
	}
	start := i - 1
	for start > 0 && st.toks[start-1].End > m.Start {
		start--
	}
	st.s.Mentions = slices.DeleteFunc(st.s.Mentions, func(x *Mention) bool { return x == m })
	for k := start; k < i; k++ {
		st.taken[k] = false
	}
	return start
}

// companyByBase returns the id of the one company found so far whose name
// is base and a corporate suffix or generic words ("Bar Group" for "Bar",
// "Ampere Computing" for "Ampere"), or "".
func (ms *mentionStage) companyByBase(base string) string {
	found := ""
	for id, a := range ms.actors {
		if a.Kind != tradegraph.Company {
			continue
		}
		if rest, ok := strings.CutPrefix(a.Name, base+" "); ok && genericCompanyWords(rest) {
			if found != "" {
				return ""
			}
			found = id
		}
	}
	return found
}

// shortCompanyWords may follow a company's short name in its full name
// without naming anything themselves: "Ampere Computing" is "Ampere".
var shortCompanyWords = setOf("Computing", "Semiconductor", "Systems", "Software", "Networks",
	"Materials", "Devices", "Solutions", "Labs", "Energy", "Chemical", "Chemicals", "Mobile",
	"Microsystems", "Instruments", "Automotive", "Resources", "Mining", "Steel", "Logistics",
	"Shipping", "Capital", "Brands", "Inc.", "Corp.", "Ltd.", "Co.")

// genericCompanyWords reports whether every word of rest is a corporate
// suffix or a generic word of company names.
func genericCompanyWords(rest string) bool {
	words := strings.Fields(rest)
	for _, w := range words {
		if !companySuffixes[strings.TrimSuffix(w, ".")] && !shortCompanyWords[w] {
			return false
		}
	}
	return len(words) > 0
}

// personNamed discovers a person introduced by a title ("Minister
// Yasutoshi Nishimura", "chief executive Jane Doe"), an honorific ("Mr.
// Jack Ma"), an appositive role ("Gene Raymond, the US Secretary of
// Commerce,") or a speech verb ("Jane Doe said").
func (ms *mentionStage) personNamed(st *sentState, i, j int) bool {
	toks := st.toks
	// A capitalised title inside the run: the name follows the last one.
	t := -1
	for k := i; k < j; k++ {
		if titleHeads[toks[k].Lower] {
			t = k
		}
	}
	if t == j-1 && j+2 < len(toks) && toks[j].Text == "of" {
		// "Secretary of State Antony Blinken": the office runs past the
		// run; a known title says where it ends, else one word does.
		e := j + 2
		known := false
		for k := i; k <= t; k++ {
			if _, n := ms.m.titles.longestAt(toks, k); n > 0 && k+n > j {
				e, known = k+n, true
				break
			}
		}
		if !known {
			e = ms.officeEnd(st, j+1, e)
		}
		if e < len(toks) && toks[e].Space && st.free(j+1, e) {
			if ne := st.capRun(e); ne-e >= 2 && st.nameTokens(e, ne) {
				roleStart := i
				if c := ms.countryMentionBefore(st, i); c >= 0 {
					roleStart = c
				}
				ms.person(st, e, ne, roleStart, e)
				return true
			}
		}
		return false
	}
	if t >= 0 {
		if t+2 < j && toks[t+1].Text == "He" && st.nameTokens(t+2, j) {
			// "Vice Premier He Lifeng": after a title, "He" is a surname.
			ms.person(st, t+1, j, i, t+1)
			return true
		}
		if t+1 < j && st.nameTokens(t+1, j) {
			roleStart := i
			// A known title may start before the run, across commas:
			// "Economy, Trade and Industry Minister Yasutoshi Nishimura".
			for k := max(0, i-8); k < i; k++ {
				if _, n := ms.m.titles.longestAt(toks, k); n > 0 && k+n == t+1 && st.free(k, i) {
					roleStart = k
					break
				}
			}
			roleStart = ms.officeStart(st, roleStart)
			if c := ms.countryMentionBefore(st, roleStart); c >= 0 {
				roleStart = c
			}
			ms.person(st, t+1, j, roleStart, t+1)
			return true
		}
		return false
	}
	// After a title, "He" is a surname: "Ministry spokesperson He Yongqian".
	heSurname := toks[i].Text == "He" && j-i >= 2 && i > 0 && titleHeads[toks[i-1].Lower] && st.nameTokens(i+1, j)
	if !heSurname && !st.nameTokens(i, j) {
		return false
	}
	// A lower-case title right before: "chief executive Jane Doe",
	// "executive vice-president Stella Li", "council president Chris
	// Davison".
	if i > 0 && j-i >= 2 && titleHeads[toks[i-1].Lower] && (!toks[i-1].capitalised() || heSurname) {
		r := ms.lowerTitleStart(st, i-1)
		// The body or company the title belongs to: "Chinese Foreign
		// Ministry spokesman", "ASML's chief executive".
		if k := r - 1; k >= 0 {
			if k >= 1 && possessiveAt(toks, k-1) {
				k -= 2
			}
			if k >= 0 && st.taken[k] {
				for _, m := range st.s.Mentions {
					if m.End == toks[k].End {
						for x := k; x >= 0 && toks[x].Start >= m.Start; x-- {
							r = x
						}
					}
				}
			}
		}
		ms.person(st, i, j, r, i)
		return true
	}
	// An honorific: "Mr. Jack Ma". A lone surname is left to coreference.
	h := i - 1
	if h >= 0 && toks[h].Text == "." && !toks[h].Space {
		h--
	}
	if h >= 0 && honorifics[toks[h].Text] {
		if j-i >= 2 {
			ms.person(st, i, j, -1, -1)
			return true
		}
		return false
	}
	if j-i < 2 {
		return false
	}
	c := skipParenthesis(toks, j) // "Zhu Fenglian (朱鳳蓮), a spokesperson"
	if c+1 < len(toks) && toks[c].Text == "," {
		if re := ms.roleAfter(st, c+1); re > c+1 {
			ms.person(st, i, j, c+1, re)
			return true
		}
	}
	if j < len(toks) && (toks[j].Text == "," || toks[j].Text == "." || speechVerbs[toks[j].Text]) {
		if rs := ms.roleBefore(st, i); rs >= 0 {
			ms.person(st, i, j, rs, i-1)
			return true
		}
	}
	if j < len(toks) && speechVerbs[toks[j].Text] || agentOfFounding(toks, i) && !companySuffixes[toks[j-1].Text] {
		ms.person(st, i, j, -1, -1)
		return true
	}
	if saidBefore(toks, i, j) && !companySuffixes[toks[j-1].Text] && !industryWords[toks[j-1].Text] {
		// `"...," said Jane Doe.`
		ms.person(st, i, j, -1, -1)
		return true
	}
	if c+1 < len(toks) && toks[c].Text == "," && toks[c+1].Text == "who" && !companySuffixes[toks[j-1].Text] {
		// "Jane Doe, who heads the Acme Group, ...": "who" is said of
		// people, and the clause may give the role.
		if rs, re := ms.headsClause(st, c+2); re > rs {
			ms.person(st, i, j, rs, re)
		} else {
			ms.person(st, i, j, -1, -1)
		}
		return true
	}
	return false
}

// saidBefore reports whether the name toks[i:j] follows a speech verb
// and ends its clause: `"...," said Jane Doe.`
func saidBefore(toks []token, i, j int) bool {
	if i == 0 || !speechVerbs[toks[i-1].Text] || j-i > 3 {
		return false
	}
	return j == len(toks) || toks[j].Text == "," || toks[j].Text == "." || toks[j].Text == ";"
}

// headingVerbs in a relative clause give the person the role of heading
// what follows: "who heads the Acme Group". Past tenses say the role is
// over.
var headingVerbs = setOf("heads", "leads", "chairs", "runs")

// headsClause reads "heads the Acme Group" at toks[k] and returns it as a
// role span, or k, k.
func (ms *mentionStage) headsClause(st *sentState, k int) (int, int) {
	toks := st.toks
	if k >= len(toks) || !headingVerbs[toks[k].Text] {
		return k, k
	}
	e := k + 1
	if e < len(toks) && strings.EqualFold(toks[e].Text, "the") {
		e++
	}
	if e < len(toks) && st.taken[e] {
		// A name the gazetteer knew: up to its end.
		for _, m := range st.s.Mentions {
			if m.Start == toks[e].Start {
				return k, tokenAfter(st, m.End)
			}
		}
	}
	n := st.capRun(e)
	if n == e {
		return k, k
	}
	return k, n
}

// foundingVerbs have a person as their agent after "by": "founded in
// 1995 by Wang Chuanfu", "co-founded by Larry Ellison".
var foundingVerbs = setOf("founded", "co-founded", "cofounded", "started", "created", "established")

// agentOfFounding reports whether toks[i] follows "by" that completes a
// founding verb in the same clause: "founded in Nanjing in 2008 by".
func agentOfFounding(toks []token, i int) bool {
	if i < 2 || toks[i-1].Text != "by" {
		return false
	}
	for k := i - 2; k >= 0 && k >= i-8; k-- {
		t := toks[k]
		if !t.Word {
			if t.Text == "-" && !t.Space {
				continue // "co-founded"
			}
			return false
		}
		if foundingVerbs[t.Lower] {
			return true
		}
	}
	return false
}

// lowerTitleStart returns where a title in lower case that ends with
// toks[end] starts: its words may be titles, ranks, modifiers and holder
// nouns, joined by "and" or a hyphen ("chairman and chief executive",
// "executive vice-president", "foreign ministry spokesperson"); a body's
// head noun in capitals may open it ("Ministry spokesperson").
func (ms *mentionStage) lowerTitleStart(st *sentState, end int) int {
	toks := st.toks
	r := end
	for r > 0 && end-r < 6 && !st.taken[r-1] {
		p := toks[r-1]
		lw := p.Lower
		_, holder := holderNouns[lw]
		switch {
		case p.Text == "-" && !p.Space && !toks[r].Space:
		case !p.Word:
			return ms.trimTitleStart(st, r, end)
		case p.capitalised():
			if holder && (bodyHeads[p.Text] || orgHeads[p.Text]) {
				return r - 1
			}
			if firstWord := r-1 == 0 || !toks[r-2].Word && r-2 == 0; firstWord && (governmentModifiers[lw] || rankWords[lw] || titleHeads[lw]) {
				return r - 1 // capitalised as the sentence's first word: "Foreign ministry spokesperson"
			}
			return ms.trimTitleStart(st, r, end)
		case titleHeads[lw] || governmentModifiers[lw] || rankWords[lw] || firmWords[lw] || holder || lw == "and":
		default:
			return ms.trimTitleStart(st, r, end)
		}
		r--
	}
	return ms.trimTitleStart(st, r, end)
}

// trimTitleStart drops joining words from the start of a title.
func (ms *mentionStage) trimTitleStart(st *sentState, r, end int) int {
	for r < end && (st.toks[r].Text == "and" || st.toks[r].Text == "-") {
		r++
	}
	return r
}

// officeStart extends a title that starts at toks[r] back over the words
// of an office joined by "and" or commas ("Energy and Mineral Resources
// Minister"), as long as the office vocabulary knows them.
func (ms *mentionStage) officeStart(st *sentState, r int) int {
	toks := st.toks
	for r >= 2 && (toks[r-1].Text == "and" || toks[r-1].Text == ",") && !st.taken[r-1] && !st.taken[r-2] &&
		toks[r-2].capitalised() && ms.m.offices.vocabulary[toks[r-2].Lower] {
		r -= 2
	}
	return r
}

// officeEnd returns where an office that runs on after "of" from
// toks[from] ends and a name begins ("Minister of State for Electronics
// and Information Technology Rajeev Chandrasekhar"): at the first run of
// two to four capitalised words the office vocabulary does not know,
// after at least one it knows. It returns def when the words do not read
// so.
func (ms *mentionStage) officeEnd(st *sentState, from, def int) int {
	toks := st.toks
	office := false
	for k := from; k < len(toks) && k-from < 12 && !st.taken[k]; k++ {
		t := toks[k]
		lw := t.Lower
		switch {
		case lw == "of" || lw == "for" || lw == "and" || lw == "the" || lw == "state" || t.Text == "," || t.Text == "&":
			// "Minister of State for ...": a rank, not yet the field.
		case t.capitalised() && ms.m.offices.vocabulary[lw]:
			office = true
		case t.capitalised() && office:
			if ne := st.capRun(k); ne-k >= 2 && ne-k <= 4 && st.nameTokens(k, ne) {
				return k
			}
			return def
		default:
			return def
		}
	}
	return def
}

// skipParenthesis returns the index after a short parenthesis that opens
// at toks[j] (a name in another script, an age), or j.
func skipParenthesis(toks []token, j int) int {
	if j >= len(toks) || toks[j].Text != "(" {
		return j
	}
	for k := j + 1; k < len(toks) && k-j < 10; k++ {
		if toks[k].Text == ")" {
			return k + 1
		}
	}
	return j
}

// isHolderNoun reports whether a lower-case word describes a body, company
// or organisation ("ministry", "chamber", "company").
func isHolderNoun(lw string) bool {
	_, ok := holderNouns[lw]
	return ok
}

// roleBefore reads a role that ends with a comma right before token i
// ("the US Commerce Secretary, Gina Raimondo,") and returns its first
// token, or -1 when there is none.
func (ms *mentionStage) roleBefore(st *sentState, i int) int {
	toks := st.toks
	if i < 2 || toks[i-1].Text != "," {
		return -1
	}
	r, hasRole := i-1, false
	for k := i - 2; k >= 0 && i-1-k <= 10; k-- {
		t := toks[k]
		lw := t.Lower
		switch {
		case roleWords[lw] || titleHeads[lw]:
			hasRole = true
		case st.taken[k] || t.capitalised() || lw == "of" || lw == "and" || lw == "the" || lw == "s" || t.isApostrophe() || governmentModifiers[lw] || isHolderNoun(lw):
		default:
			k = -1
			continue
		}
		r = k
	}
	for r < i-1 && toks[r].Word && !toks[r].capitalised() && !st.taken[r] && toks[r].Text != "the" && !roleWords[toks[r].Text] && !titleHeads[toks[r].Text] {
		r++
	}
	for r < i-1 && toks[r].capitalised() && !st.taken[r] && notNames[toks[r].Lower] {
		r++ // a sentence opener: "Meanwhile the trade minister, ..."
	}
	if !hasRole || r >= i-1 {
		return -1
	}
	return r
}

// countryMentionBefore returns the index of the first token of a mention
// of a country, body, company or organisation that stands right before
// token i (with or without "'s"), or -1: the holder of the title that
// follows ("Japan's", "European Commission President").
func (ms *mentionStage) countryMentionBefore(st *sentState, i int) int {
	k := i - 1
	if k >= 1 && possessiveAt(st.toks, k-1) {
		k -= 2
	}
	if k < 0 {
		return -1
	}
	for _, m := range st.s.Mentions {
		if m.End == st.toks[k].End && m.Kind != tradegraph.Person && m.Form != FormTitle {
			for x := k; x >= 0; x-- {
				if st.toks[x].Start == m.Start {
					return x
				}
			}
		}
	}
	return -1
}

// roleAfter reads an appositive role starting at token i: up to the next
// comma, semicolon or period, except where a known title runs on across
// a comma ("Minister of Economy, Trade and Industry"). It returns the
// role's end, or i when the phrase holds no role word.
func (ms *mentionStage) roleAfter(st *sentState, i int) int {
	toks := st.toks
	end, hasRole := i, false
	for k := i; k < len(toks) && k-i < 25; {
		if _, n := ms.m.titles.longestAt(toks, k); n > 0 {
			hasRole = true
			k += n
			end = k
			continue
		}
		t := toks[k]
		if t.Text == "," || t.Text == ";" || t.Text == "." || t.Text == "(" || t.Text == ")" || t.Text == "—" || t.Text == "–" {
			break
		}
		if t.Word && !st.taken[k] && (speechVerbs[t.Text] || t.Text == "has" || t.Text == "have" || t.Text == "is" || t.Text == "was" || t.Text == "will") {
			return i // a clause, not an appositive
		}
		if roleWords[t.Lower] {
			hasRole = true
		}
		k++
		end = k
	}
	if !hasRole {
		return i
	}
	return end
}

// person records a person over toks[i:j]; the role, when roleStart >= 0,
// is toks[roleStart:roleEnd].
func (ms *mentionStage) person(st *sentState, i, j, roleStart, roleEnd int) {
	id := ms.addActor(tradegraph.Person, ms.span(st, i, j), "")
	m := ms.mention(st, i, j, id, FormName)
	st.resume = j
	if roleStart < 0 || roleEnd <= roleStart {
		return
	}
	// A demonym in a title names the country: "Chinese President".
	for k := roleStart; k < roleEnd; k++ {
		if id := st.demonymAt[k]; id != "" && st.free(st.demonymStart[k], k+1) {
			ms.mention(st, st.demonymStart[k], k+1, id, FormDemonym)
		}
	}
	m.Role = ms.span(st, roleStart, roleEnd)
	m.RoleSpan = [2]int{st.toks[roleStart].Start, st.toks[roleEnd-1].End}
	// Targets wait until the whole sentence is read: "owner of AliExpress"
	// may name a company discovered after the person.
	st.roles = append(st.roles, pendingRole{m, roleStart, roleEnd})
}

// pendingRole is a role whose targets are yet to be found.
type pendingRole struct {
	m        *Mention
	from, to int // token range
}

// pickByCountry chooses among bodies sharing a title the one of country,
// or the only one when the role names no country.
func pickByCountry(m *matcher, ps []*pattern, country string) string {
	ids := map[string]bool{}
	for _, p := range ps {
		ids[p.Target.ID] = true
	}
	var only string
	for id := range ids {
		if country != "" && strings.EqualFold(m.entries[id].Country, country) {
			return id
		}
		only = id
	}
	if len(ids) == 1 && country == "" {
		return only
	}
	if len(ids) == 1 && m.entries[only].Country == "" {
		return only
	}
	return ""
}

// companyEndingAt returns the company mention whose last token is toks[k]
// and that the next token follows after a space, or nil.
func (ms *mentionStage) companyEndingAt(st *sentState, k int) *Mention {
	if k < 0 || !st.taken[k] || k+1 >= len(st.toks) || !st.toks[k+1].Space {
		return nil
	}
	for _, m := range st.s.Mentions {
		if m.End == st.toks[k].End && m.Kind == tradegraph.Company {
			return m
		}
	}
	return nil
}

// countryNameAt returns the country mention, by name and without a
// possessive, whose last token is toks[k] and that the next token follows
// after a space, or nil.
func (ms *mentionStage) countryNameAt(st *sentState, k int) *Mention {
	if k < 0 || !st.taken[k] || k+1 >= len(st.toks) || !st.toks[k+1].Space {
		return nil
	}
	for _, m := range st.s.Mentions {
		if m.End == st.toks[k].End && m.Kind == tradegraph.Country && m.Form == FormName {
			return m
		}
	}
	return nil
}

// companyAppositive reports whether toks[j:] is ", a Dutch designer",
// ", the German chipmaker", ", Intel's former NAND flash unit": an
// appositive that calls the name before it a company.
func (ms *mentionStage) companyAppositive(st *sentState, j int) bool {
	toks := st.toks
	if j+2 >= len(toks) || toks[j].Text != "," {
		return false
	}
	k := j + 1
	switch toks[k].Lower {
	case "a", "an", "the":
		k++
	default:
		if !(st.taken[k] && possessiveAfterMention(st, k)) {
			return false
		}
	}
	for n := 0; k < len(toks) && n < 8; k, n = k+1, n+1 {
		t := toks[k]
		if st.taken[k] {
			continue // "the U.S. conglomerate"
		}
		if t.Text == "," || t.Text == "." || t.Text == ";" {
			return false
		}
		if companyAppositives[t.Lower] {
			return true
		}
	}
	return false
}

// possessiveAfterMention reports whether a mention starts at toks[k] and is
// followed by "'s".
func possessiveAfterMention(st *sentState, k int) bool {
	for _, m := range st.s.Mentions {
		if m.Start == st.toks[k].Start {
			for x := k; x < len(st.toks); x++ {
				if st.toks[x].End == m.End {
					return possessiveAt(st.toks, x+1)
				}
			}
		}
	}
	return false
}

// lowerCaseBody finds a known body named in lower case after its country:
// "China's foreign ministry", "the Japanese trade ministry". Only bodies
// the gazetteer knows are taken this way; lower case is too loose a cue
// to discover new ones.
func (ms *mentionStage) lowerCaseBody(st *sentState, i int) {
	toks := st.toks
	if i < 1 || !inCapitalised(bodyHeads, toks[i].Text) || st.taken[i-1] || !toks[i-1].Word {
		return
	}
	country := ms.countryBefore(st, i-1)
	if country == "" {
		return
	}
	if id, ok := ms.m.bodies[bodyKey(country, ms.span(st, i-1, i+1))]; ok {
		ms.ensureActor(id)
		ms.mention(st, i-1, i+1, id, FormName)
	}
}
