package extract

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPrefilter(t *testing.T) {
	tests := []struct {
		pattern string
		want    []string // nil: no starts
	}{
		{`(?i)\bbann(?:ed|ing)`, []string{"banned", "banning"}},
		{`(?i)\b(?:asked|urged|pressed)\s+`, []string{"asked", "pressed", "urged"}},
		{`(?i)\b(?P<v>halt(?:ed|s)?)\s+imports`, []string{"halt"}}, // "\s" ends every start, "halt" is all they share
		{`(?i)\b(?:the\s+)?ban`, []string{"ban", "the"}},
		{`(?i)\bh[oe]ld\s+talks`, []string{"held", "hold"}},
		{`(?i)\bLICEN[CS]E`, []string{"licence", "license"}},
		{`(?i)\b(?:co-?)?found`, []string{"co-found", "cofound", "found"}},
		{`(?i)\b(?:seek|[a-z]ought)`, nil}, // a branch may begin with any letter
		{`(?i)\bput\s*[^x]`, []string{"put"}},
		{`(?i)\b\w+ed\b`, nil},
	}
	for _, tt := range tests {
		got := newPrefilter(regexp.MustCompile(tt.pattern))
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: starts (-want +got):\n%s", tt.pattern, diff)
		}
	}
}

func TestFoldRune(t *testing.T) {
	for in, want := range map[rune]rune{'a': 'a', 'A': 'a', 'k': 'k', '\u212a': 'k', '\u017f': 's', '-': '-', 'É': 'É', 'é': 'É', 'Σ': 'Σ', 'ς': 'Σ'} {
		if got := foldRune(in); got != want {
			t.Errorf("foldRune(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEveryRuleHasStarts keeps the rules and cues on the fast path: a
// pattern whose starts cannot be worked out is run over the whole text
// asked about. Begin a pattern with literal words ("(?:ask|urge)d\s+")
// rather than with a large class ("\w+ed").
func TestEveryRuleHasStarts(t *testing.T) {
	for _, x := range append(slices.Clone(sentenceRegexps.list), nameRegexps.list...) {
		if len(x.starts) == 0 {
			t.Errorf("no starts can be derived from %s", x)
		}
	}
}

// TestSentenceRegexpLikeRegexp holds the sentence regexps to their
// promise: every question about a part of a sentence gets the answer the
// regexp gives on that part of the text.
func TestSentenceRegexpLikeRegexp(t *testing.T) {
	corpus := readCorpusSentences(t)
	if len(corpus) > 300 { // the corpus grows; the test need not
		corpus = corpus[:300]
	}
	sentences := append(slices.Clone(corpus), jumbles(100)...)
	sentences = append(sentences, trickySentences...)
	r := rand.New(rand.NewPCG(1, 2))
	for k, s := range sentences {
		// The prefixes and suffixes of some sentences that end or start
		// next to a word's edge (the relation stage asks mostly about
		// those), random parts of all.
		var parts [][2]int
		if k < len(corpus) && k%100 == 0 || k >= len(sentences)-len(trickySentences) {
			for p := 0; p <= len(s); p++ {
				if p == 0 || p == len(s) || !isWordByte(s[p-1]) || !isWordByte(s[p]) {
					parts = append(parts, [2]int{0, p}, [2]int{p, len(s)})
				}
			}
		}
		for range 4 {
			a := r.IntN(len(s) + 1)
			parts = append(parts, [2]int{a, a + r.IntN(len(s)-a+1)})
		}
		checkSet(t, &sentenceRegexps, s, parts)
		checkSet(t, &nameRegexps, s, nil)
		if t.Failed() {
			t.Fatalf("sentence %q", s)
		}
	}
}

// TestSentenceRegexpKinds covers patterns the package does not use yet: no
// starts, anchors, branches with and without \b, and non-ASCII starts.
func TestSentenceRegexpKinds(t *testing.T) {
	var set regexpSet
	for _, p := range []string{
		`\w+ed\s+(?P<about>\w+)\s+to\b`, // no starts
		`(?i)\bban(?:s|ned)?\b`,
		`(?i)\b(?:not|never)\b|n['’]t\b`,
		`(?i)\bto\s+(?:the\s+)?$`,
		`(?i)^\s+by\b`,
		`(?i)éTAT|\bÜber`,
		`\s[—–]\s|;`,
		`(?i)\bk[a-z]+`,
	} {
		set.add(p)
	}
	if set.list[0].starts != nil {
		t.Errorf("starts %q of %s: want none", set.list[0].starts, set.list[0])
	}
	sentences := append(slices.Clone(trickySentences), "Japan asked China to stop, then banned and pledged funds to Taiwan.",
		"He didn’t ban it; she won't — not to the ÉTAT or über-rich, étatiste", "ſ KELVIN \u212aelvin kilo")
	for _, s := range sentences {
		var parts [][2]int
		for a := 0; a <= len(s); a++ {
			if len(s) > 40 { // every prefix and suffix
				parts = append(parts, [2]int{0, a}, [2]int{a, len(s)})
				continue
			}
			for b := a; b <= len(s); b++ { // every part
				parts = append(parts, [2]int{a, b})
			}
		}
		checkSet(t, &set, s, parts)
		if t.Failed() {
			t.Fatalf("sentence %q", s)
		}
	}
}

func TestRegexpSetRejectsEmptyMatch(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a pattern matching the empty string was accepted")
		}
	}()
	var set regexpSet
	set.add(`(?:ban)?`)
}

// checkSet compares, for every pattern of set, the answers about s and
// its parts with those of the pattern's regexp.
func checkSet(t *testing.T, set *regexpSet, s string, parts [][2]int) {
	t.Helper()
	var h sentenceHits
	h.scan(set, s, nil)
	for _, x := range set.list {
		parts := append(parts, [2]int{0, len(s)})
		for k, p := range parts {
			a, b := p[0], p[1]
			var got [][]int
			h.each(x, a, b, func(loc []int) bool { got = append(got, loc); return true })
			var want [][]int
			for _, loc := range x.re.FindAllStringSubmatchIndex(s[a:b], -1) {
				want = append(want, shift(loc, a))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s on %q[%d:%d] (-regexp +sentence regexp):\n%s", x, s, a, b, diff)
				continue
			}
			// The regexp's first match is the first of all its matches.
			if got := h.match(x, a, b); got != (len(want) > 0) {
				t.Errorf("%s on %q[%d:%d]: match %v, regexp %v", x, s, a, b, got, len(want) > 0)
			}
			if k%4 != 0 && k != len(parts)-1 {
				continue // first and lastEnd are each, stopped or not
			}
			var first []int
			end := a
			if len(want) > 0 {
				first, end = want[0], want[len(want)-1][1]
			}
			if diff := cmp.Diff(first, h.first(x, a, b)); diff != "" {
				t.Errorf("%s on %q[%d:%d]: first (-regexp +sentence regexp):\n%s", x, s, a, b, diff)
			}
			if got := h.lastEnd(x, a, b); got != end {
				t.Errorf("%s on %q[%d:%d]: last end %d, regexp %d", x, s, a, b, got, end)
			}
		}
	}
}

// trickySentences probe word boundaries, case folding, repeated and
// overlapping triggers, and text that is not ASCII.
var trickySentences = []string{
	"",
	"asked",
	"ASKED JAPAN TO JOIN",
	"Washington tasked Tokyo to act, then asked Tokyo to act, and asked again.",
	"the \u212aelvin-signed bans and the \u017fanctioned firms", // Kelvin sign, long s
	"Beijing \u017fought Tokyo’s help; X\u017fought Y's help.",
	"Ünïcode: Japan halted imports of seafood from China; Chinese authorities held held talks with Japan.",
	"They added A, B and C to the Entity List and added D to the entity list.",
	"Japan banned banned imports of fish from China.",
	"put_put put puts putting tariffs on steel from China",
	"co-founded cofounded founded set up co-set up",
	"The US imposed tariffs of 25% on steel from China, imposed export controls on chips to China.",
	"held\ttalks with\nJapan; hold\u00a0talks with Korea",
	"café-banned imports of wine from France",
	"9banned imports from Japan; _banned imports from Japan",
}

// jumbles are random strings of trigger words, names and punctuation.
func jumbles(n int) []string {
	vocab := []string{"asked", "Asked", "ASK", "to", "Japan", "China", "’s", "'s", ",", ".", ";", " ", "  ",
		"the", "banned", "imports", "of", "seafood", "from", "halted", "export", "controls", "on", "tariffs",
		"duties", "added", "Entity List", "held", "talks", "with", "met", "took", "over", "a", "stake", "in",
		"invested", "signed", "deal", "agreement", "criticised", "rejected", "request", "was", "conveyed",
		"by", "moved", "set", "up", "owns", "co-founded", "h", "sanctioned", "\u212a", "\u017f", "é", "—"}
	r := rand.New(rand.NewPCG(3, 5))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for k := r.IntN(30); k > 0; k-- {
			b.WriteString(vocab[r.IntN(len(vocab))])
			if r.IntN(3) > 0 {
				b.WriteString(" ")
			}
		}
		out[i] = b.String()
	}
	return out
}

func readCorpusSentences(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, a := range benchArticles(t) {
		for _, s := range splitSentences(a.Text) {
			out = append(out, s.Text)
		}
	}
	if len(out) < 100 {
		t.Fatalf("only %d sentences in the corpus", len(out))
	}
	return out
}

// BenchmarkSentenceScan measures the pass that finds the starts of the
// triggers and cues in each sentence of the example articles.
func BenchmarkSentenceScan(b *testing.B) {
	var sentences []string
	size := 0
	for _, a := range benchArticles(b) {
		for _, s := range splitSentences(a.Text) {
			sentences = append(sentences, s.Text)
			size += len(s.Text)
		}
	}
	b.SetBytes(int64(size))
	var h sentenceHits
	var scratch []hit
	for b.Loop() {
		for _, s := range sentences {
			scratch = h.scan(&sentenceRegexps, s, scratch)
		}
	}
}
