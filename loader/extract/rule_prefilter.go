package extract

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A sentence regexp can only match where one of its possible first words
// stands, and most words of a sentence begin none of them. The starts of
// a pattern are worked out from its parsed form once, and one pass over
// each sentence looks for them (sentence_regexp.go).

// lead is a start as a pattern gives it: the folded string, and whether
// the pattern asks for a word boundary before it.
type lead struct {
	s      string
	atWord bool
}

// newPrefilter derives the starts of a compiled pattern: folded strings
// (see foldRune) one of which every match begins with, as long as literals
// and small character classes allow; nil when they cannot be worked out.
func newPrefilter(re *regexp.Regexp) []string {
	var starts []string
	for _, l := range newLeads(re) {
		starts = append(starts, l.s)
	}
	return slices.Compact(starts)
}

// newLeads is newPrefilter with the word boundaries, sorted by string;
// a string some branch may begin without a word boundary before it is not
// marked atWord.
func newLeads(re *regexp.Regexp) []lead {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	leads, ok := seqStarts([]*syntax.Regexp{tree.Simplify()}, true)
	if !ok || len(leads) == 0 {
		return nil
	}
	for _, l := range leads {
		if l.s == "" {
			return nil // the pattern may start anywhere
		}
	}
	slices.SortFunc(leads, func(a, b lead) int {
		if c := strings.Compare(a.s, b.s); c != 0 {
			return c
		}
		if a.atWord == b.atWord {
			return 0
		}
		if a.atWord {
			return 1
		}
		return -1
	})
	return slices.CompactFunc(leads, func(a, b lead) bool { return a.s == b.s })
}

// maxStarts bounds how many alternatives a prefilter spells out; past it
// the starts are cut back to the shared literal.
const maxStarts = 200

// maxClass is the largest character class spelled out as alternatives
// (counting the runes it holds once folded): "h[oe]ld" starts with "hold"
// or "held", ",\s" with ", " or ",\t" and three more. After the first
// rune of a start a class with white space ends the start, so that
// "ask\s+" starts with "ask", not with five strings of four runes.
const maxClass = 8

// seqStarts returns folded strings one of which every match of the
// sequence seq begins with, as long as literals allow, or false when the
// sequence may begin with something no literal describes. head is set
// while nothing of the starts is spelled out yet.
func seqStarts(seq []*syntax.Regexp, head bool) ([]lead, bool) {
	if len(seq) == 0 {
		return []lead{{}}, true
	}
	first, rest := seq[0], seq[1:]
	switch first.Op {
	case syntax.OpWordBoundary:
		leads, ok := seqStarts(rest, head)
		if head {
			for i := range leads {
				leads[i].atWord = true
			}
		}
		return leads, ok
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpNoWordBoundary:
		return seqStarts(rest, head)
	case syntax.OpLiteral:
		return prefixed([]string{foldString(string(first.Rune))}, rest), true
	case syntax.OpCharClass:
		runes := classRunes(first.Rune, head)
		if runes == nil {
			return nil, false
		}
		return prefixed(runes, rest), true
	case syntax.OpCapture, syntax.OpConcat:
		return seqStarts(append(slices.Clone(first.Sub), rest...), head)
	case syntax.OpAlternate:
		var out []lead
		for _, branch := range first.Sub {
			s, ok := seqStarts(append([]*syntax.Regexp{branch}, rest...), head)
			if !ok {
				return nil, false
			}
			out = append(out, s...)
		}
		return out, true
	case syntax.OpQuest, syntax.OpStar:
		with, ok1 := seqStarts(append([]*syntax.Regexp{first.Sub[0]}, rest...), head)
		without, ok2 := seqStarts(rest, head)
		return append(with, without...), ok1 && ok2
	case syntax.OpRepeat:
		if first.Min == 0 {
			with, ok1 := seqStarts(append([]*syntax.Regexp{first.Sub[0]}, rest...), head)
			without, ok2 := seqStarts(rest, head)
			return append(with, without...), ok1 && ok2
		}
		return seqStarts(first.Sub[:1], head)
	case syntax.OpPlus:
		// One repetition is a prefix of every match; what follows it
		// may be another repetition, so the starts end there.
		return seqStarts(first.Sub[:1], head)
	}
	return nil, false
}

// prefixed returns every head followed by every start of rest, or the
// heads alone when rest's starts are unknown or too many.
func prefixed(heads []string, rest []*syntax.Regexp) []lead {
	tails, ok := seqStarts(rest, false)
	if !ok || len(heads)*len(tails) > maxStarts {
		tails = []lead{{}}
	}
	out := make([]lead, 0, len(heads)*len(tails))
	for _, h := range heads {
		for _, t := range tails {
			out = append(out, lead{s: h + t.s})
		}
	}
	return out
}

// classRunes lists the folded runes of a character class given as
// ranges, each once, or nil when there are more than maxClass, or when
// one is white space and the class is not at the head of a start.
func classRunes(ranges []rune, head bool) []string {
	var out []string
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i+1]-ranges[i] >= 4*maxClass {
			return nil // too many: folding maps at most four runes to one
		}
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			if !head && unicode.IsSpace(r) {
				return nil
			}
			if s := string(foldRune(r)); !slices.Contains(out, s) {
				if len(out) == maxClass {
					return nil
				}
				out = append(out, s)
			}
		}
	}
	return out
}

// foldString folds every rune of s with foldRune.
func foldString(s string) string {
	return strings.Map(foldRune, s)
}

// A trigger's starts say where a match may begin; most candidates still
// fail further on ("ban" without "sales" or "imports" after it), and a
// failing attempt of the backtracking matcher is not cheap. The needs of
// a pattern are words one of which every match holds after its first
// part: a candidate whose rest of the sentence holds none of them is not
// tried.

// minNeed is the shortest need worth looking for: shorter words are in
// almost every sentence.
const minNeed = 3

// maxNeeds bounds how many alternative words make one need.
const maxNeeds = 16

// newNeeds derives the needs of a compiled pattern with the given
// starts: folded strings one of which every match holds, preferably after
// the first element of the pattern (the one the starts come from); nil
// when no such words are known, or when every start holds one anyway.
func newNeeds(re *regexp.Regexp, starts []string) []string {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	tree = tree.Simplify()
	seq := []*syntax.Regexp{tree}
	if tree.Op == syntax.OpConcat {
		seq = tree.Sub
	}
	i := 0
	for i < len(seq) && zeroWidth(seq[i]) {
		i++
	}
	if i == len(seq) {
		return nil
	}
	if later, ok := bestFactors(seq[i+1:]); ok {
		return later
	}
	// The first element's words ("report" in "(?:a|the) report by")
	// help only where a start may stand without one.
	first, ok := bestFactors(seq[i : i+1])
	if !ok || starts != nil && !slices.ContainsFunc(starts, func(s string) bool {
		return !slices.ContainsFunc(first, func(w string) bool { return strings.HasPrefix(s, w) })
	}) {
		return nil
	}
	return first
}

// zeroWidth reports whether re matches only the empty string, as \b does.
func zeroWidth(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true
	}
	return false
}

// factors returns folded strings one of which every match of re holds,
// or false when there are none to name.
func factors(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		// Only ASCII: the text is searched with its ASCII letters folded.
		f := foldString(string(re.Rune))
		for i := range len(f) {
			if f[i] >= utf8.RuneSelf {
				return nil, false
			}
		}
		return []string{f}, true
	case syntax.OpCapture, syntax.OpPlus:
		return factors(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return factors(re.Sub[0])
		}
	case syntax.OpConcat:
		return bestFactors(re.Sub)
	case syntax.OpAlternate:
		var out []string
		for _, branch := range re.Sub {
			f, ok := factors(branch)
			if !ok {
				return nil, false
			}
			out = append(out, f...)
		}
		// A word that holds another adds nothing: "controls" has "control".
		slices.Sort(out)
		out = slices.Compact(out)
		var kept []string
		for _, s := range out {
			if !slices.ContainsFunc(out, func(o string) bool { return o != s && strings.Contains(s, o) }) {
				kept = append(kept, s)
			}
		}
		if len(kept) > maxNeeds {
			return nil, false
		}
		return kept, true
	}
	return nil, false
}

// bestFactors returns the factors of the element of seq whose shortest
// word is longest, when that is at least minNeed long.
func bestFactors(seq []*syntax.Regexp) ([]string, bool) {
	var best []string
	score := minNeed - 1
	for _, re := range seq {
		f, ok := factors(re)
		if !ok {
			continue
		}
		shortest := len(f[0])
		for _, s := range f {
			shortest = min(shortest, len(s))
		}
		if shortest > score {
			best, score = f, shortest
		}
	}
	return best, best != nil
}

// A match holds only characters its pattern can match: most triggers
// never match a comma or a full stop, so a match that starts at a place
// ends before the next one. The backtracking matcher's work grows with
// the length of its input, and a trigger is tried on the rest of the
// sentence from the place on, so cutting the input there pays.

// stops marks the ASCII characters no match of a pattern can hold;
// other, when set, says the same of every rune outside ASCII.
type stops struct {
	ascii [utf8.RuneSelf]bool
	other bool
}

// newStops works out the stops of a compiled pattern, or nil when every
// character may occur in a match.
func newStops(re *regexp.Regexp) *stops {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	var can [utf8.RuneSelf]bool
	canOther := false
	var walk func(re *syntax.Regexp)
	walk = func(re *syntax.Regexp) {
		mark := func(lo, hi rune) {
			for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
				can[r] = true
			}
			if hi >= utf8.RuneSelf {
				canOther = true
			}
		}
		switch re.Op {
		case syntax.OpLiteral:
			for _, r := range re.Rune {
				mark(r, r)
				if re.Flags&syntax.FoldCase != 0 {
					for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
						mark(f, f)
					}
				}
			}
		case syntax.OpCharClass:
			for i := 0; i+1 < len(re.Rune); i += 2 {
				mark(re.Rune[i], re.Rune[i+1])
			}
		case syntax.OpAnyCharNotNL:
			mark(0, '\n'-1)
			mark('\n'+1, unicode.MaxRune)
		case syntax.OpAnyChar:
			mark(0, unicode.MaxRune)
		}
		for _, sub := range re.Sub {
			walk(sub)
		}
	}
	walk(tree)
	st := &stops{other: !canOther}
	none := true
	for r := range st.ascii {
		st.ascii[r] = !can[r]
		none = none && can[r]
	}
	if none && canOther {
		return nil
	}
	return st
}

// next returns the place of the first stop in t[q:b], or b.
func (st *stops) next(t string, q, b int) int {
	for i := q; i < b; i++ {
		if c := t[i]; c < utf8.RuneSelf && st.ascii[c] || c >= utf8.RuneSelf && st.other {
			return i
		}
	}
	return b
}
