package extract

import (
	"math/rand/v2"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// TestASCIIRunes checks the ASCII tables of every program of the package,
// and of patterns made to probe them, against Inst.MatchRune.
func TestASCIIRunes(t *testing.T) {
	var progs []*program
	for _, x := range append(slices.Clone(sentenceRegexps.list), nameRegexps.list...) {
		progs = append(progs, x.prog)
	}
	for _, x := range prefixRegexps {
		progs = append(progs, x.prog)
	}
	for _, p := range []string{`(?i)kelvin ſ é[a-fK-M\x00-\x1f]`, `(?s).x.`, `[^\n.;,]+`, `(?i)[^a-c\d]`, `(?i)\w+\S\W`} {
		prog, err := compileProgram(p)
		if err != nil {
			t.Fatal(err)
		}
		progs = append(progs, prog)
	}
	for _, p := range progs {
		for _, in := range p.inst {
			if in.op != syntax.InstRune && in.op != syntax.InstRune1 && in.op != syntax.InstRuneAny && in.op != syntax.InstRuneAnyNotNL {
				continue
			}
			for c := range rune(utf8.RuneSelf) {
				if got, want := in.ascii[c>>6]&(1<<(c&63)) != 0, takesRune(in.in, c); got != want {
					t.Errorf("instruction %v takes %q: table says %v, MatchRune %v", in.in, c, got, want)
				}
			}
		}
	}
}

// TestPrefixRegexpLikeRegexp checks every prefixRegexp of the package
// against the regexp package on the starts and ends of the corpus
// sentences and on random parts of them.
func TestPrefixRegexpLikeRegexp(t *testing.T) {
	corpus := readCorpusSentences(t)
	if len(corpus) > 300 {
		corpus = corpus[:300]
	}
	sentences := append(slices.Clone(corpus), jumbles(100)...)
	sentences = append(sentences, trickySentences...)
	r := rand.New(rand.NewPCG(7, 11))
	for k, s := range sentences {
		var inputs []string
		for p := 0; p <= len(s); p++ {
			// Every start and end next to a word's edge of some sentences.
			if k%3 == 0 && (p == 0 || p == len(s) || !isWordByte(s[p-1]) || !isWordByte(s[p])) {
				inputs = append(inputs, s[p:], s[:p])
			}
		}
		for range 8 {
			a := r.IntN(len(s) + 1)
			inputs = append(inputs, s[a:a+r.IntN(len(s)-a+1)])
		}
		for _, x := range prefixRegexps {
			checkPrefix(t, x, inputs)
		}
		if t.Failed() {
			t.Fatalf("sentence %q", s)
		}
	}
}

// TestPrefixRegexpKinds covers what the package's patterns use little:
// submatches, lazy and counted repeats, assertions in the middle, case
// folding outside ASCII, and text that is not valid UTF-8.
func TestPrefixRegexpKinds(t *testing.T) {
	patterns := []string{
		`^(?P<a>\w+?)(?:\s+(?P<b>[^.;,]{1,6}?))?\s*(?:,|$)`,
		`(?i)^\s*(?:ſ|k|é)+\b(?:x|\B.)?`,
		`^(?:a|ab)(?:c|bcd)(?:d*)$`,
		`^[^\n]{0,3}?\n?.`,
		`(?s)^.{2}(?:\b|$)`,
		`(?i)^(?:(?:the|a)\s+){0,2}(?:[A-Z][\w-]*\s+){1,3}?(?:makers?|firms?)(?:\s+|,\s*)$`,
		`^(?:(a*)*b|a+c)`,
	}
	inputs := []string{"", "a", "ab", "abcd", "abcdd", "aaab", "aaac", "the a Chip Makers ", "The big firm,", "\n\nx", "ſK é", "KÉ x",
		"hello  wor, ld", "x\xffy", "\xe2\x80", "é\xe2\x80é", "word,", "two words ok;"}
	for _, p := range patterns {
		x := prefixRE(p)
		prefixRegexps = prefixRegexps[:len(prefixRegexps)-1]
		var all []string
		for _, s := range inputs {
			for i := 0; i <= len(s); i++ {
				all = append(all, s[i:], s[:i])
			}
		}
		checkPrefix(t, x, all)
		for _, s := range all {
			got := x.findSubmatch(s)
			if diff := cmp.Diff(x.re.FindStringSubmatchIndex(s), got); diff != "" {
				t.Errorf("%s on %q: submatches (-regexp +program):\n%s", x, s, diff)
			}
		}
	}
}

// TestPrefixREPanics rejects a pattern that may match after its input's
// start.
func TestPrefixREPanics(t *testing.T) {
	for _, p := range []string{`\s+by\b`, `(?m)^by`, `^a|b`} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("prefixRE(%q) was accepted", p)
				}
			}()
			prefixRE(p)
		}()
	}
}

// TestLongInputs runs patterns on texts too long for a program's memory,
// where the regexp package answers instead, and on some just short
// enough.
func TestLongInputs(t *testing.T) {
	long := "Japan banned imports of " + strings.Repeat("fish and ", 3000) + "seafood from China, and " +
		strings.Repeat("x", 100) + " imposed tariffs on steel from Korea"
	var set regexpSet
	for _, x := range sentenceRegexps.list {
		if len(x.prog.inst) > 1000 {
			set.add(x.re.String())
		}
	}
	if len(set.list) == 0 {
		t.Fatal("no large program to test")
	}
	if set.list[0].prog.fits(0, len(long)) {
		t.Fatalf("%d instructions fit %d bytes: make the text longer", len(set.list[0].prog.inst), len(long))
	}
	checkSet(t, &set, long, [][2]int{{len(long) - 200, len(long)}, {len(long) / 2, len(long)}})
	x := prefixRE(`^(?:\w+\s+){0,100}?from\b`)
	prefixRegexps = prefixRegexps[:len(prefixRegexps)-1]
	checkPrefix(t, x, []string{long, long[len(long)-300:], long[len(long)/2:]})
}

func checkPrefix(t *testing.T, x *prefixRegexp, inputs []string) {
	t.Helper()
	for _, s := range inputs {
		if got, want := x.MatchString(s), x.re.MatchString(s); got != want {
			t.Errorf("%s on %q: match %v, regexp %v", x, s, got, want)
		}
		if diff := cmp.Diff(x.re.FindStringIndex(s), x.FindStringIndex(s)); diff != "" {
			t.Errorf("%s on %q: (-regexp +program):\n%s", x, s, diff)
		}
	}
}

// findSubmatch is FindStringSubmatchIndex for the tests of submatches.
func (x *prefixRegexp) findSubmatch(s string) []int {
	if !x.prog.fits(0, len(s)) {
		return x.re.FindStringSubmatchIndex(s)
	}
	var bt backtracker
	caps := make([]int, x.prog.ncap)
	if !bt.run(x.prog, s, 0, caps) {
		return nil
	}
	return caps
}
