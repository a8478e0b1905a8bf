package synth

import (
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader/gazetteer"
)

// actor is somebody an article can name, with the forms the text may use
// for it. id is the id the extractor is expected to give it.
type actor struct {
	id      string
	kind    tradegraph.ActorKind
	name    string // the form of a first mention
	country string // ISO alpha-2, "EU" for EU bodies, "" when unknown

	// Countries and the EU.
	the     bool   // the name takes "the" ("the Netherlands")
	short   string // an abbreviation wires use ("US", "UK"), or ""
	demonym string // "Chinese", or ""
	capital string // a capital that stands for the government ("Beijing"), or ""

	// Ministries: the abbreviation for later mentions ("METI"), and the
	// titles of office held there ("Commerce Secretary").
	abbrev string
	titles []string
	// invented marks a ministry the gazetteer does not know.
	invented bool

	// Invented firms: what they make.
	product string
	// Invented people: the post they hold, and how later sentences name
	// them.
	person *person
}

// cast is every actor the generator may draw, built once from the
// gazetteer and shared read-only by all generators.
type cast struct {
	// countries in order of prominence in trade news; index 0 is drawn
	// most often.
	countries []*actor
	byCode    map[string]*actor
	// ministries of each country, the trade-minded ones first.
	ministries map[string][]*actor
	// posts are titled offices; their holders are invented per term.
	posts     []post
	postsBy   map[string][]int // country → indexes into posts
	companies []*actor         // real companies, by prominence
	outlets   []*actor         // news outlets the text cites
	orgs      []*actor         // international organisations, by prominence
	eu        *actor
	// forms holds every surface form of the gazetteer, lower case, which
	// invented names must avoid.
	forms map[string]bool
	// demonyms holds every country's demonyms, to tell "Dutch Economy
	// Ministry" (which takes "the") from "China's Commerce Ministry".
	demonyms map[string]bool
	// cultures and countries that invented people and firms come from,
	// weighted towards those in the news.
	firmCountries []string
}

// post is an office whose holder the text names with its title:
// "Commerce Secretary", "Japan's Minister of Economy, Trade and Industry".
type post struct {
	body    *actor
	title   string
	country string
}

// Prominence orders. Actors not listed follow in id order; the ones listed
// but missing from the gazetteer are skipped, so that the gazetteer may
// change under the generator.
var (
	countryOrder = strings.Fields(`US CN JP KR TW DE NL GB IN FR AU RU CA MX VN IT BR SG MY TH ID SA AE TR
		ZA CH SE PL ES IL HK PH CL NZ BE AR NO FI DK IE AT KZ UA EG NG PK BD CZ HU PT GR RO QA KW`)
	companyOrder = strings.Fields(`huawei tsmc nvidia samsung-electronics asml smic apple intel sk-hynix
		tokyo-electron micron byd catl tesla alibaba tiktok bytedance zte ymtc applied-materials
		lam-research qualcomm foxconn toyota volkswagen infineon sony cxmt hikvision dji lenovo xiaomi
		tencent amd kla broadcom nxp renesas shin-etsu sumco nippon-steel us-steel baowu posco bhp
		rio-tinto glencore general-motors ford hyundai-motor lg-energy-solution panasonic boeing airbus`)
	orgOrder   = strings.Fields(`wto g7 g20 asean apec un oecd imf world-bank rcep cptpp wassenaar-arrangement`)
	outletIDs  = strings.Fields(`reuters bloomberg kyodo-news nikkei nikkei-asia yonhap xinhua afp associated-press financial-times wall-street-journal scmp global-times caixin focus-taiwan taiwan-international-radio korea-herald japan-times politico cnbc bbc nhk new-york-times the-economist`)
	tradeWords = []string{"commerce", "trade", "mofcom", "meti", "motie", "bis", "ustr", "dbt", "economy", "economia", "mdic", "moea", "customs", "ofac", "economic-affairs", "dg-trade"}
)

var (
	defaultCastOnce sync.Once
	defaultCast     *cast
)

// theCast returns the cast of the embedded gazetteer.
func theCast() *cast {
	defaultCastOnce.Do(func() { defaultCast = newCast(gazetteer.Default()) })
	return defaultCast
}

func newCast(g *gazetteer.Gazetteer) *cast {
	c := &cast{
		byCode:     map[string]*actor{},
		ministries: map[string][]*actor{},
		postsBy:    map[string][]int{},
		demonyms:   map[string]bool{},
		forms:      map[string]bool{},
	}
	outlet := map[string]bool{}
	for _, id := range outletIDs {
		outlet["company:"+id] = true
	}
	var countries, companies, orgs []*actor
	for _, e := range g.Entries() {
		for _, list := range [][]string{{e.Name}, e.Aliases, e.Demonyms, e.Capitals, e.Titles} {
			for _, f := range list {
				c.forms[strings.ToLower(f)] = true
			}
		}
		switch {
		case e.ID == "organization:eu":
			c.eu = countryActor(e)
			c.eu.country = "EU"
		case e.Kind == tradegraph.Country:
			if len(e.ID) == len("country:XX") && !ambiguousCountry(g, e) {
				countries = append(countries, countryActor(e))
			}
		case e.Kind == tradegraph.Ministry:
			a := ministryActor(g, e)
			c.ministries[a.country] = append(c.ministries[a.country], a)
		case e.Kind == tradegraph.Company && outlet[e.ID]:
			c.outlets = append(c.outlets, &actor{id: e.ID, kind: e.Kind, name: e.Name, country: e.Country})
		case e.Kind == tradegraph.Company:
			companies = append(companies, &actor{id: e.ID, kind: e.Kind, name: companyName(e), country: e.Country})
		case e.Kind == tradegraph.Organization:
			orgs = append(orgs, &actor{id: e.ID, kind: e.Kind, name: e.Name, short: shortForm(e)})
		}
	}
	c.countries = byProminence(countries, "country:", countryOrder)
	c.companies = byProminence(companies, "company:", companyOrder)
	c.orgs = byProminence(orgs, "organization:", orgOrder)
	for _, a := range c.countries {
		c.byCode[a.country] = a
		if a.demonym != "" {
			c.demonyms[a.demonym] = true
		}
	}
	if c.eu != nil {
		c.byCode["EU"] = c.eu
	}
	// Posts are numbered in a fixed order (holders are drawn by number),
	// so countries go in code order, not map order.
	codes := slices.Sorted(maps.Keys(c.ministries))
	for _, code := range codes {
		ms := c.ministries[code]
		// Trade-minded bodies first: they are the ones that ban, license
		// and tax.
		slices.SortStableFunc(ms, func(a, b *actor) int { return tradeRank(a) - tradeRank(b) })
		for _, m := range ms {
			for _, t := range m.titles {
				c.postsBy[code] = append(c.postsBy[code], len(c.posts))
				c.posts = append(c.posts, post{body: m, title: t, country: code})
			}
		}
	}
	for _, code := range countryOrder {
		if _, ok := firmCities[code]; ok {
			c.firmCountries = append(c.firmCountries, code)
		}
	}
	return c
}

// ambiguousCountry reports whether a country's name or demonym is a form
// several entries share ("Congo"): the text would not say whom it means.
func ambiguousCountry(g *gazetteer.Gazetteer, e gazetteer.Entry) bool {
	if g.Ambiguous(e.Name) {
		return true
	}
	for _, d := range e.Demonyms {
		if g.Ambiguous(d) {
			return true
		}
	}
	return false
}

// companyName is the name of a company as the text gives it: not one that
// ends in an abbreviation's period ("HP Inc."), which ends sentences
// badly.
func companyName(e gazetteer.Entry) string {
	if !strings.HasSuffix(e.Name, ".") {
		return e.Name
	}
	for _, al := range e.Aliases {
		if !strings.HasSuffix(al, ".") {
			return al
		}
	}
	return strings.TrimSuffix(e.Name, ".")
}

func countryActor(e gazetteer.Entry) *actor {
	a := &actor{id: e.ID, kind: e.Kind, name: e.Name, country: strings.TrimPrefix(e.ID, "country:")}
	a.the = takesThe(e.Name)
	a.short = shortForm(e)
	if len(e.Demonyms) > 0 {
		a.demonym = e.Demonyms[0]
	}
	// A capital that is also the country's name ("Singapore") or that has
	// a comma ("Washington, D.C.") would not read as a government.
	if len(e.Capitals) > 0 && e.Capitals[0] != e.Name && !strings.ContainsAny(e.Capitals[0], ",.") {
		a.capital = e.Capitals[0]
	}
	return a
}

// shortForm is the first alias that is a short all-capital abbreviation
// ("US", "U.S.", "WTO"), or "".
func shortForm(e gazetteer.Entry) string {
	for _, al := range e.Aliases {
		if len(al) <= 5 && al == strings.ToUpper(al) && strings.ContainsAny(al, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			return al
		}
	}
	return ""
}

// takesThe reports whether a country's name needs "the" in running text.
func takesThe(name string) bool {
	first, _, _ := strings.Cut(name, " ")
	switch first {
	case "United", "Republic", "Democratic", "Central", "Czech", "Dominican":
		return true
	}
	for _, end := range []string{"Islands", "Netherlands", "Philippines", "Bahamas", "Maldives", "Comoros", "Seychelles", "Gambia"} {
		if strings.HasSuffix(name, end) {
			return true
		}
	}
	return false
}

func ministryActor(g *gazetteer.Gazetteer, e gazetteer.Entry) *actor {
	a := &actor{id: e.ID, kind: e.Kind, name: e.Name, country: e.Country, titles: e.Titles}
	// "Ministry of Commerce of China" is how a registry spells it; wires
	// write "China's Commerce Ministry" or "the Chinese Commerce Ministry".
	if c, ok := g.ByID("country:" + e.Country); ok && (strings.HasSuffix(e.Name, " of "+c.Name) || strings.HasSuffix(e.Name, " of the "+c.Name)) {
		prefixes := []string{c.Name + "'s "}
		for _, d := range c.Demonyms {
			prefixes = append(prefixes, d+" ")
		}
		for _, al := range e.Aliases {
			if slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(al, p) }) && strings.ContainsAny(al[1:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				a.name = al
				break
			}
		}
	}
	for _, al := range e.Aliases {
		if len(al) >= 3 && al == strings.ToUpper(al) && !strings.ContainsAny(al, " .") {
			a.abbrev = al
			break
		}
	}
	return a
}

func tradeRank(a *actor) int {
	for _, w := range tradeWords {
		if strings.Contains(a.id, w) {
			return 0
		}
	}
	return 1
}

// byProminence puts the actors named in order first, in that order, and
// the rest after them in id order.
func byProminence(as []*actor, prefix string, order []string) []*actor {
	rank := map[string]int{}
	for i, id := range order {
		rank[prefix+id] = i + 1
	}
	out := slices.Clone(as)
	slices.SortStableFunc(out, func(a, b *actor) int {
		ra, rb := rank[a.id], rank[b.id]
		switch {
		case ra > 0 && rb > 0:
			return ra - rb
		case ra > 0:
			return -1
		case rb > 0:
			return 1
		}
		return strings.Compare(a.id, b.id)
	})
	return out
}

// Forms of a country in running text.

// ref is the plain name, with "the" where it takes one.
func (a *actor) ref() string {
	if a.the {
		return "the " + a.name
	}
	return a.name
}

// possessive is "China's", "the Netherlands'".
func (a *actor) possessive() string {
	r := a.ref()
	if strings.HasSuffix(r, "s") {
		return r + "'"
	}
	return r + "'s"
}
