package synth

import (
	"strings"

	"github.com/tradegraph/tradegraph"
)

// Invented people and firms are functions of a key, not entries of a
// table: the same key always gives the same name and the same post, so a
// corpus names a person consistently across articles while the generator
// keeps nothing per person in memory.

// person is what the text needs to know about an invented person.
type person struct {
	// later is how sentences after the first name them: the family name
	// where wires do that, else the full name.
	later  string
	female bool
	role   roleKind
	post   *post  // roleOfficial
	title  string // roleDeputy: "deputy trade minister"
	firm   *actor // roleExecutive, roleFounder
}

type roleKind int

const (
	roleOfficial  roleKind = iota // holds a titled post of a ministry
	roleDeputy                    // holds a post the text ties to the country only
	roleExecutive                 // runs an invented firm
	roleFounder                   // founded, and owns, an invented firm
)

// deputyTitles are posts below the titled ones. The text gives them with
// the country ("South Korea's deputy trade minister"), which is what the
// extractor ties them to.
var deputyTitles = []string{
	"deputy trade minister", "vice commerce minister", "chief trade negotiator",
	"deputy foreign minister", "deputy economy minister", "trade envoy",
	"deputy industry minister", "senior trade negotiator",
}

// mix is SplitMix64's finaliser over the words of a key: a cheap hash whose
// output bits all depend on every input bit.
func mix(words ...uint64) uint64 {
	var h uint64 = 0x9e3779b97f4a7c15
	for _, w := range words {
		h ^= w + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2)
		h ^= h >> 30
		h *= 0xbf58476d1ce4e5b9
		h ^= h >> 27
		h *= 0x94d049bb133111eb
		h ^= h >> 31
	}
	return h
}

// hash turns a string (a country code, an id) into a key word with
// 64-bit FNV-1a.
func hash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func (cu *culture) families() int {
	if len(cu.familyHeads) > 0 {
		return len(cu.familyHeads) * len(cu.familyTails)
	}
	return len(cu.family)
}

func (cu *culture) familyName(i int) string {
	if len(cu.familyHeads) > 0 {
		return cu.familyHeads[i%len(cu.familyHeads)] + cu.familyTails[i/len(cu.familyHeads)]
	}
	return cu.family[i]
}

func (cu *culture) givens() int {
	switch {
	case len(cu.syllables) > 0:
		return len(cu.syllables) * (len(cu.syllables) - 1)
	case len(cu.givenHeads) > 0:
		return len(cu.givenHeads) * len(cu.givenTails)
	}
	return len(cu.male) + len(cu.female)
}

// given returns given name i and whether it is a woman's; h decides where
// the name does not.
func (cu *culture) givenName(i int, h uint64) (string, bool) {
	switch {
	case len(cu.syllables) > 0:
		// Two different syllables: "Seo-yeon", never "Seo-seo".
		n := len(cu.syllables)
		a, b := i%n, i/n
		return cu.syllables[a] + "-" + strings.ToLower(cu.syllables[(a+1+b)%n]), h&1 == 1
	case len(cu.givenHeads) > 0:
		n := len(cu.givenHeads)
		return cu.givenHeads[i%n] + cu.givenTails[i/n], h&1 == 1
	case i < len(cu.male):
		return cu.male[i], false
	}
	return cu.female[i-len(cu.male)], true
}

// nameSpace is the number of distinct names of people of country c.
func nameSpace(c string) int {
	cu := cultureFor(c)
	return cu.families() * cu.givens()
}

func cultureFor(c string) *culture {
	if cu, ok := cultures[cultureOf[c]]; ok {
		return cu
	}
	return cultures["en"]
}

// newPerson names person k (0 <= k < nameSpace(c)) of country c. Distinct
// k give distinct names.
func newPerson(c string, k int) *actor {
	cu := cultureFor(c)
	k %= cu.families() * cu.givens()
	fam := cu.familyName(k % cu.families())
	given, female := cu.givenName(k/cu.families(), mix(hash(c), uint64(k)))
	if female && cu.feminine != "" {
		fam += cu.feminine
	}
	p := &person{female: female}
	var name string
	if cu.familyFirst {
		name = fam + " " + given
		p.later = name
	} else {
		name = given + " " + fam
		p.later = fam
		if strings.Contains(fam, " ") {
			p.later = name // "de Vries" cannot open a sentence alone
		}
	}
	return &actor{id: tradegraph.ActorID(tradegraph.Person, name), kind: tradegraph.Person, name: name, country: c, person: p}
}

// termOf is the index of the 30-month term a date falls in, counted from
// January 2019: posts change hands on that clock.
func termOf(year, month int) int { return ((year-2019)*12 + month - 1) / 30 }

// holder returns who holds post i in term t.
func (c *cast) holder(i, t int) *actor {
	po := &c.posts[i]
	a := newPerson(po.country, int(mix(uint64(i), uint64(t), 1)%uint64(nameSpace(po.country))))
	a.person.role, a.person.post = roleOfficial, po
	return a
}

// deputy returns deputy official k of country c.
func deputy(c string, k int) *actor {
	a := newPerson(c, k)
	a.person.role = roleDeputy
	a.person.title = deputyTitles[mix(hash(c), uint64(k), 2)%uint64(len(deputyTitles))]
	return a
}

// firm returns invented firm j of country code.
func (c *cast) firm(code string, j int) *actor {
	h := mix(hash(code), uint64(j), 3)
	var b strings.Builder
	if cities := firmCities[code]; len(cities) > 0 && h%10 < 7 {
		b.WriteString(cities[(h>>8)%uint64(len(cities))])
		b.WriteByte(' ')
	}
	b.WriteString(c.stem(h >> 16))
	sec := firmSectors[(h>>32)%uint64(len(firmSectors))]
	b.WriteByte(' ')
	b.WriteString(sec.word)
	suffixes := firmSuffixes[code]
	if len(suffixes) == 0 {
		suffixes = defaultFirmSuffixes
	}
	b.WriteByte(' ')
	b.WriteString(suffixes[(h>>40)%uint64(len(suffixes))])
	name := b.String()
	return &actor{id: tradegraph.ActorID(tradegraph.Company, name), kind: tradegraph.Company, name: name, country: code, product: sec.product}
}

// stem makes the coined word of a firm's name from h, passing over words
// the gazetteer knows ("Novatek" is a real company).
func (c *cast) stem(h uint64) string {
	n := uint64(len(stemHeads) * len(stemTails))
	for i := uint64(0); i < n; i++ {
		k := (h + i) % n
		s := stemHeads[k%uint64(len(stemHeads))] + stemTails[k/uint64(len(stemHeads))]
		if !c.forms[strings.ToLower(s)] {
			return s
		}
	}
	return "Synthetic"
}

// chief returns the chief executive of a firm in term t.
func chief(f *actor, t int) *actor {
	a := newPerson(f.country, int(mix(hash(f.id), uint64(t), 4)%uint64(nameSpace(f.country))))
	a.person.role, a.person.firm = roleExecutive, f
	return a
}

// founder returns the founder of a firm, who also owns it.
func founder(f *actor) *actor {
	a := newPerson(f.country, int(mix(hash(f.id), 5)%uint64(nameSpace(f.country))))
	a.person.role, a.person.firm = roleFounder, f
	return a
}
