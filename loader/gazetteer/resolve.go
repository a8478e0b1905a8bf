package gazetteer

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/tradegraph/tradegraph"
)

// legalSuffixes are the words, lower case and without dots, that state a
// firm's legal form or its place in a group rather than which firm it is:
// "Co., Ltd.", "Inc.", "N.V.", "Holdings". The same firm appears with and
// without them, so names are compared without them.
var legalSuffixes = map[string]bool{
	"co": true, "company": true, "corp": true, "corporation": true, "inc": true,
	"incorporated": true, "ltd": true, "limited": true, "llc": true, "lp": true, "llp": true,
	"plc": true, "ag": true, "se": true, "sa": true, "sas": true, "spa": true, "srl": true,
	"nv": true, "bv": true, "gmbh": true, "kk": true, "ab": true, "asa": true, "oyj": true,
	"pte": true, "pty": true, "bhd": true, "berhad": true, "tbk": true, "jsc": true,
	"pjsc": true, "holdings": true, "holding": true, "group": true,
}

// TrimLegalSuffixes returns name without the legal-form words at its end
// ("Shenzhen Lianrui Trading Co., Ltd." → "Shenzhen Lianrui Trading",
// "ASML Holding N.V." → "ASML"). The result is a prefix of name, so it
// keeps the writer's spelling. A name made only of such words, or one
// that would be left with nothing but "The", is returned as it is.
func TrimLegalSuffixes(name string) string {
	s := strings.TrimRight(name, " ,;")
	cut := false
	for {
		i := strings.LastIndexAny(s, " ,") + 1
		w := strings.ToLower(strings.ReplaceAll(s[i:], ".", ""))
		if i == 0 || !(legalSuffixes[w] || cut && (w == "&" || w == "and")) {
			break
		}
		rest := strings.TrimRight(s[:i], " ,;")
		if k := NameKey(rest); k == "" || k == "the" {
			break
		}
		s, cut = rest, true
	}
	return s
}

// NameKey is the form under which Resolver compares names: letters
// without accents, lower case, "&" read as "and", dots and apostrophes
// dropped ("U.S." is "us", "People's" is "peoples"), other punctuation
// read as a space, and a leading "the" dropped. Legal suffixes stay; see
// TrimLegalSuffixes.
func NameKey(name string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '.', r == '\'', r == '’':
			continue
		case r == '&':
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString("and")
			space = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return strings.TrimPrefix(b.String(), "the ")
}

// resolveKey is the key under which a name of an actor that is not a
// person is looked up: NameKey of the name without its legal suffixes.
func resolveKey(name string) string {
	k := NameKey(TrimLegalSuffixes(name))
	if k == "the" {
		return ""
	}
	return k
}

// Resolver finds the gazetteer actor that the name of a discovered
// company, organisation or government body stands for. It is read-only
// once built and so safe for concurrent use.
type Resolver struct {
	// byKey maps kind and key to the ids of the entries that have a name
	// or alias with that key.
	byKey   map[tradegraph.ActorKind]map[string][]string
	country map[string]string // entry id → its country
}

// Resolver returns a Resolver over the companies, organisations and
// government bodies of g, as g holds them now.
func (g *Gazetteer) Resolver() *Resolver {
	g.mu.RLock()
	defer g.mu.RUnlock()
	r := &Resolver{byKey: map[tradegraph.ActorKind]map[string][]string{}, country: map[string]string{}}
	for id, e := range g.byID {
		switch e.Kind {
		case tradegraph.Company, tradegraph.Organization, tradegraph.Ministry:
		default:
			continue
		}
		r.country[id] = e.Country
		keys := r.byKey[e.Kind]
		if keys == nil {
			keys = map[string][]string{}
			r.byKey[e.Kind] = keys
		}
		for _, form := range append([]string{e.Name}, e.Aliases...) {
			k := resolveKey(form)
			if k != "" && !slices.Contains(keys[k], id) {
				keys[k] = append(keys[k], id)
			}
		}
	}
	return r
}

// Resolve returns the id of the one entry of kind whose name or alias
// equals name once both are put through NameKey and stripped of legal
// suffixes: "Wingtech Technology Co., Ltd." finds "Wingtech Technology".
// It never crosses kinds, never matches on a part of a name ("Samsung
// Biologics" is not "Samsung"), and returns "" when no entry or more than
// one qualifies. For a government body, country (an ISO code or "EU"),
// when given, must be the body's country. Persons and countries are not
// resolved here.
func (r *Resolver) Resolve(kind tradegraph.ActorKind, name, country string) string {
	if r == nil {
		return ""
	}
	k := resolveKey(name)
	if k == "" {
		return ""
	}
	found := ""
	for _, id := range r.byKey[kind][k] {
		if kind == tradegraph.Ministry && country != "" && !strings.EqualFold(r.country[id], country) {
			continue
		}
		if found != "" {
			return ""
		}
		found = id
	}
	return found
}
