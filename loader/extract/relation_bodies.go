package extract

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader/gazetteer"
)

// bodies is what the relation stage needs to know about actors the text
// may not name: the government body a title belongs to ("Secretary of
// Commerce" → the US Department of Commerce) and a country by its code
// (for PART_OF).
type bodies interface {
	// byTitle finds the body whose title occurs in role, preferring one of
	// country when country is not "". It returns the body and the title as
	// written in role.
	byTitle(role, country string) (tradegraph.Actor, string, bool)
	// country returns the country actor with ISO code code, or for "EU"
	// the European Union.
	country(code string) (tradegraph.Actor, bool)
}

// titled is one title of office and the body it belongs to.
type titled struct {
	title string // lower case
	body  tradegraph.Actor
}

// titleIndex implements bodies over a list of titles and countries.
type titleIndex struct {
	titles    []titled // longest title first, so "Deputy Minister of X" beats "Minister of X"
	countries map[string]tradegraph.Actor
}

func newTitleIndex(titles []titled, countries []tradegraph.Actor) *titleIndex {
	ix := &titleIndex{titles: titles, countries: map[string]tradegraph.Actor{}}
	slices.SortStableFunc(ix.titles, func(a, b titled) int {
		return cmp.Compare(len(b.title), len(a.title))
	})
	for _, c := range countries {
		code := strings.TrimPrefix(c.ID, "country:")
		if c.Kind != tradegraph.Country {
			code = "EU" // the European Union
		}
		ix.countries[code] = c
	}
	return ix
}

func (ix *titleIndex) byTitle(role, country string) (tradegraph.Actor, string, bool) {
	low := strings.ToLower(role)
	var found *titled
	at := -1
	for i := range ix.titles {
		t := &ix.titles[i]
		j := wordIndex(low, t.title)
		if j < 0 {
			continue
		}
		if found == nil {
			found, at = t, j
			if country == "" {
				break
			}
			continue
		}
		// Same title held in several countries: the role's country decides.
		if len(t.title) == len(found.title) && t.body.Country == country && found.body.Country != country {
			found, at = t, j
		}
	}
	if found == nil {
		return tradegraph.Actor{}, "", false
	}
	if country != "" && found.body.Country != country {
		return tradegraph.Actor{}, "", false
	}
	return found.body, role[at : at+len(found.title)], true
}

func (ix *titleIndex) country(code string) (tradegraph.Actor, bool) {
	c, ok := ix.countries[code]
	return c, ok
}

// wordIndex is strings.Index of sub in s at word boundaries.
func wordIndex(s, sub string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(sub)
		if (i == 0 || !isWordByte(s[i-1])) && (end == len(s) || !isWordByte(s[end])) {
			return i
		}
		off = i + 1
	}
}

func isWordByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

var (
	defaultBodiesOnce sync.Once
	defaultBodiesIx   *titleIndex
)

// defaultBodies indexes the titles and countries of the embedded gazetteer.
func defaultBodies() bodies {
	defaultBodiesOnce.Do(func() {
		defaultBodiesIx = gazetteerBodies(gazetteer.Default())
	})
	return defaultBodiesIx
}

// gazetteerBodies indexes the titles and countries of g.
func gazetteerBodies(g *gazetteer.Gazetteer) *titleIndex {
	var titles []titled
	var countries []tradegraph.Actor
	for _, e := range g.Entries() {
		a := tradegraph.Actor{ID: e.ID, Kind: e.Kind, Name: e.Name, Country: e.Country}
		// EU bodies belong to the Union as ministries to their country.
		if e.Kind == tradegraph.Country || e.ID == "organization:eu" {
			countries = append(countries, a)
		}
		for _, t := range e.Titles {
			titles = append(titles, titled{title: strings.ToLower(t), body: a})
		}
	}
	return newTitleIndex(titles, countries)
}
