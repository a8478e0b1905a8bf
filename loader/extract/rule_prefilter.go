package extract

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
)

// A trigger can only match where one of its possible first words stands,
// and most sentences contain none of them. Looking for those words with
// strings.Contains before running the regexp spares the backtracking
// matcher almost every sentence: the rules were 93% of extraction time.

// prefilter is a rule's possible match starts, lower-cased; nil when they
// cannot be worked out, and then the rule always runs.
type prefilter []string

// mayMatch reports whether lower (a lower-cased sentence) contains one of
// the starts.
func (p prefilter) mayMatch(lower string) bool {
	if p == nil {
		return true
	}
	for _, s := range p {
		if strings.Contains(lower, s) {
			return true
		}
	}
	return false
}

// newPrefilter derives the prefilter of a compiled pattern.
func newPrefilter(re *regexp.Regexp) prefilter {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	starts, ok := seqStarts([]*syntax.Regexp{tree.Simplify()})
	if !ok || len(starts) == 0 {
		return nil
	}
	for _, s := range starts {
		if s == "" {
			return nil // the pattern may start anywhere
		}
	}
	return starts
}

// maxStarts bounds how many alternatives a prefilter spells out; past it
// the starts are cut back to the shared literal.
const maxStarts = 200

// seqStarts returns lower-cased strings one of which every match of the
// sequence seq begins with, as long as literals allow, or false when the
// sequence may begin with something no literal describes.
func seqStarts(seq []*syntax.Regexp) ([]string, bool) {
	if len(seq) == 0 {
		return []string{""}, true
	}
	first, rest := seq[0], seq[1:]
	switch first.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return seqStarts(rest)
	case syntax.OpLiteral:
		lit := strings.ToLower(string(first.Rune))
		tails, ok := seqStarts(rest)
		if !ok || len(tails) > maxStarts {
			return []string{lit}, true
		}
		out := make([]string, len(tails))
		for i, t := range tails {
			out[i] = lit + t
		}
		return out, true
	case syntax.OpCapture, syntax.OpConcat:
		return seqStarts(append(slices.Clone(first.Sub), rest...))
	case syntax.OpAlternate:
		var out []string
		for _, branch := range first.Sub {
			s, ok := seqStarts(append([]*syntax.Regexp{branch}, rest...))
			if !ok {
				return nil, false
			}
			out = append(out, s...)
		}
		return out, true
	case syntax.OpQuest, syntax.OpStar:
		with, ok1 := seqStarts(append([]*syntax.Regexp{first.Sub[0]}, rest...))
		without, ok2 := seqStarts(rest)
		return append(with, without...), ok1 && ok2
	case syntax.OpRepeat:
		if first.Min == 0 {
			with, ok1 := seqStarts(append([]*syntax.Regexp{first.Sub[0]}, rest...))
			without, ok2 := seqStarts(rest)
			return append(with, without...), ok1 && ok2
		}
		return seqStarts(first.Sub[:1])
	case syntax.OpPlus:
		// One repetition is a prefix of every match; what follows it
		// may be another repetition, so the starts end there.
		return seqStarts(first.Sub[:1])
	}
	return nil, false
}

// rulePrefilters holds the prefilter of rules[i] at index i.
var rulePrefilters = func() []prefilter {
	out := make([]prefilter, len(rules))
	for i := range rules {
		out[i] = newPrefilter(rules[i].Trigger)
	}
	return out
}()
