package extract

import (
	"slices"
	"strings"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader/gazetteer"
)

// Offices. A person's title names an office, and the office belongs to a
// body or, when no body of the title's country holds it, to the country
// itself ("Prime Minister" → the country). officeIndex answers, for a
// country and a title as the text writes it without the country ("Trade
// Minister" once "Australian" is set aside), which gazetteer body holds
// the office.

// officeNouns are the words that make a title a government office, and
// the words of a body's name that go with each: a commissioner sits in a
// commission, a secretary may head a secretariat.
var officeNouns = map[string]string{
	"minister": "", "ministers": "", "secretary": "secretariat", "commissioner": "commission",
	"representative": "", "envoy": "", "ambassador": "", "spokesperson": "", "spokesman": "",
	"spokeswoman": "", "governor": "", "negotiator": "", "chief": "",
}

// headTitles are the offices of a head of state or government: they
// belong to the country, never to a body ("Prime Minister", "Premier").
// Ranks before them ("Vice Premier", "Deputy Prime Minister") keep them
// what they are.
var headTitles = setOf("president", "prime minister", "premier", "chancellor", "king", "queen",
	"emir", "crown prince", "head of state", "head of government", "taoiseach", "president-elect")

// rankWords qualify an office without changing whose it is.
var rankWords = setOf("deputy", "vice", "junior", "senior", "acting", "under", "assistant",
	"parliamentary", "chief", "first", "co", "associate", "principal", "interim")

// portfolioStop are the words of a title that name no portfolio,
// holder nouns among them ("ministry" of "ministry spokesperson").
var portfolioStop = setOf("of", "for", "and", "the", "state", "&", ",", "-", "'", "’", "s",
	"ministry", "department", "office", "agency", "bureau", "government", "federal", "national")

// officeIndex finds the body that holds an office.
type officeIndex struct {
	// titles maps country and folded title, without the country's own
	// name or demonym, to the bodies whose gazetteer titles read so.
	titles map[string][]string
	// bodies lists each country's ministries with the words of their
	// names and aliases.
	bodies map[string][]officeBody
	// vocabulary holds the lower-case words of every ministry's names and
	// titles: the words offices are made of ("trade", "electronics"),
	// which tell where a long title ends and a name begins.
	vocabulary map[string]bool
}

// officeBody is one ministry of a country and the words naming it.
type officeBody struct {
	id    string
	words map[string]bool
}

// foldTitle is the form titles are compared in: lower case, straight
// apostrophes, single spaces, without a leading article.
func foldTitle(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	s = strings.Join(strings.Fields(s), " ")
	for _, a := range []string{"the ", "a ", "an "} {
		s = strings.TrimPrefix(s, a)
	}
	return s
}

func officeKey(country, title string) string {
	return strings.ToUpper(country) + "|" + foldTitle(title)
}

// newOfficeIndex indexes the ministries of g and their titles.
func newOfficeIndex(g *gazetteer.Gazetteer) *officeIndex {
	ix := &officeIndex{titles: map[string][]string{}, bodies: map[string][]officeBody{}, vocabulary: map[string]bool{}}
	countryForms := map[string][]string{}
	entries := g.Entries()
	for _, e := range entries {
		if e.Kind == tradegraph.Country || e.ID == "organization:eu" {
			code := strings.ToUpper(strings.TrimPrefix(e.ID, "country:"))
			if e.Kind != tradegraph.Country {
				code = "EU"
			}
			forms := append([]string{e.Name, "the " + e.Name}, e.Aliases...)
			countryForms[code] = append(forms, e.Demonyms...)
		}
	}
	for _, e := range entries {
		if e.Kind != tradegraph.Ministry || e.Country == "" {
			continue
		}
		code := strings.ToUpper(e.Country)
		words := map[string]bool{}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			for _, t := range tokenize(strings.ToLower(n), 0) {
				if t.Word {
					words[t.Text] = true
					ix.vocabulary[t.Text] = true
				}
			}
		}
		for _, n := range e.Titles {
			for _, w := range titleWords(n) {
				ix.vocabulary[w] = true
			}
		}
		ix.bodies[code] = append(ix.bodies[code], officeBody{id: e.ID, words: words})
		for _, t := range e.Titles {
			bare := foldTitle(t)
			for _, c := range countryForms[code] {
				c = foldTitle(c)
				for _, p := range []string{c + "'s ", c + " "} {
					if rest, ok := strings.CutPrefix(bare, p); ok && rest != "" {
						bare = rest
					}
				}
				for _, s := range []string{" of " + c, " of the " + c} {
					if rest, ok := strings.CutSuffix(bare, s); ok && rest != "" {
						bare = rest
					}
				}
			}
			k := officeKey(code, bare)
			if !slices.Contains(ix.titles[k], e.ID) {
				ix.titles[k] = append(ix.titles[k], e.ID)
			}
		}
	}
	for code := range ix.bodies {
		slices.SortFunc(ix.bodies[code], func(a, b officeBody) int { return strings.Compare(a.id, b.id) })
	}
	return ix
}

// titleWords splits a title into lower-case words.
func titleWords(title string) []string {
	var out []string
	for _, t := range tokenize(strings.ToLower(strings.ReplaceAll(title, "’", "'")), 0) {
		if t.Word {
			out = append(out, t.Text)
		}
	}
	return out
}

// isHeadTitle reports whether title, ranks aside, is the office of a head
// of state or government.
func isHeadTitle(title string) bool {
	words := titleWords(title)
	for len(words) > 1 && rankWords[words[0]] {
		words = words[1:]
	}
	return headTitles[strings.Join(words, " ")]
}

// officeNoun returns the word of title that makes it a government office
// ("minister" in "Trade Minister"), or "".
func officeNoun(title string) string {
	for _, w := range titleWords(title) {
		if _, ok := officeNouns[w]; ok && w != "chief" {
			return w
		}
	}
	return ""
}

// portfolio returns the words of a government title that name its field:
// "Trade Minister" → trade; "Minister of State for Electronics and
// Information Technology" → electronics, information, technology.
func portfolio(title string) []string {
	var out []string
	for _, w := range titleWords(title) {
		if _, office := officeNouns[w]; office || rankWords[w] || portfolioStop[w] {
			continue
		}
		out = append(out, w)
	}
	return out
}

// byTitle returns the bodies of country whose titles read as title.
func (ix *officeIndex) byTitle(country, title string) []string {
	return ix.titles[officeKey(country, title)]
}

// names reports whether body's names carry every word of p, or the body
// is what the title's office noun belongs to ("commissioner" and a
// commission).
func (b officeBody) names(p []string, noun string) bool {
	if body := officeNouns[noun]; body != "" && b.words[body] {
		return true
	}
	if len(p) == 0 {
		return false
	}
	for _, w := range p {
		if !b.words[w] {
			return false
		}
	}
	return true
}

// body returns the body of country named id, if the index holds it.
func (ix *officeIndex) body(country, id string) (officeBody, bool) {
	for _, b := range ix.bodies[strings.ToUpper(country)] {
		if b.id == id {
			return b, true
		}
	}
	return officeBody{}, false
}

// officeBodies are the words of a body's name that fit each office
// noun best: a minister's portfolio is a ministry's, not a commission's
// that carries the same word.
var officeBodies = map[string][]string{
	"minister":     {"ministry", "department"},
	"secretary":    {"department", "secretariat", "ministry"},
	"commissioner": {"commission"},
}

// byPortfolio returns the body of country whose names carry every word
// of p; when several do, one whose name fits the office noun ("ministry"
// for "minister"), then the one with the fewest words, and "" on a tie.
func (ix *officeIndex) byPortfolio(country string, p []string, noun string) string {
	if len(p) == 0 {
		return ""
	}
	fits := func(b officeBody) int {
		for _, w := range officeBodies[noun] {
			if b.words[w] {
				return 1
			}
		}
		return 0
	}
	best, bestFit, bestWords, tie := "", 0, 0, false
	for _, b := range ix.bodies[strings.ToUpper(country)] {
		if !b.names(p, "") {
			continue
		}
		f, n := fits(b), len(b.words)
		switch {
		case best == "" || f > bestFit || f == bestFit && n < bestWords:
			best, bestFit, bestWords, tie = b.id, f, n, false
		case f == bestFit && n == bestWords:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// sharesPortfolio reports whether some body of country carries one of the
// words of p: the gazetteer then knows where that field sits, and a body
// made up from the title would duplicate it.
func (ix *officeIndex) sharesPortfolio(country string, p []string) bool {
	for _, b := range ix.bodies[strings.ToUpper(country)] {
		for _, w := range p {
			if b.words[w] {
				return true
			}
		}
	}
	return false
}
