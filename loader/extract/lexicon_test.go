package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph/loader/gazetteer"
)

// TestLexiconMatches holds the lexicon to the definition of a match
// (pattern.matchLen): at every token of the example articles, and of
// texts made to trip the optional final period or to match several
// patterns alike, longestAt and allAt give what trying every pattern in
// the order added gives.
func TestLexiconMatches(t *testing.T) {
	m := newMatcher(gazetteer.Default())
	texts := []string{
		"Acme Co. and Acme Co met the U.S. and the U.S in Washington, D.C. on Monday.",
		"CHINA's Ministry of Commerce and the MINISTRY OF COMMERCE of China, U. S. trade",
		"The Minister of Foreign Affairs met the Minister of Commerce, the Minister of Finance and the Trade Minister.",
	}
	for _, a := range benchArticles(t) {
		texts = append(texts, a.Text)
	}
	// A large group with a form that ends in a period, as "U.S." is.
	acme := newLexicon()
	for _, form := range []string{"Acme", "Acme Co.", "Acme Corp", "Acme Co. Ltd", "Acme Group",
		"Acme Power", "Acme Power Co.", "Acme Chips", "Acme Steel", "Acme Co", "Acme ."} {
		acme.add(form, target{ID: "company:" + form})
	}
	texts = append(texts, "Acme Co met Acme Co. and Acme Power Co and Acme. ACME CO. Acme Steel Acme")
	for _, l := range []*lexicon{m.names, m.demonyms, m.titles, acme} {
		var all []*pattern
		for _, g := range l.byFirst {
			all = append(all, g.all...)
		}
		slices.SortFunc(all, func(a, b *pattern) int { return a.seq - b.seq })
		byFirst := map[string][]*pattern{} // a match begins with the first token
		forms := map[string]int{}
		for _, p := range all {
			byFirst[p.Toks[0]] = append(byFirst[p.Toks[0]], p)
			forms[strings.Join(p.Toks, " ")]++
		}
		texts := slices.Clone(texts)
		for form, n := range forms { // forms that several patterns share
			if n > 1 {
				texts = append(texts, "x "+form+" x")
			}
		}
		for _, text := range texts {
			toks := tokenize(text, 0)
			for i := range toks {
				var want []*pattern
				n := 0
				for _, p := range byFirst[toks[i].Text] {
					switch k := p.matchLen(toks, i); {
					case k > n:
						want, n = []*pattern{p}, k
					case k == n && k > 0:
						want = append(want, p)
					}
				}
				got, gn := l.allAt(toks, i)
				if gn != n || !slices.Equal(got, want) {
					t.Fatalf("allAt at %q: %d patterns of %d tokens, want %d of %d", toks[i].Text, len(got), gn, len(want), n)
				}
				best, bn := l.longestAt(toks, i)
				if bn != n || n > 0 && best != want[0] || n == 0 && best != nil {
					t.Fatalf("longestAt at %q: %v (%d tokens), want %v (%d)", toks[i].Text, best, bn, want, n)
				}
			}
		}
	}
}
