package extract

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// The trims replace regexps; these are the regexps they stand for.
var (
	trailingNoiseRE = regexp.MustCompile(`[\s.,;:!?"'”’)]+$`)
	roleOfRE        = regexp.MustCompile(`(?i)\s+(?:of|at|for|in)\s*$`)
)

// trimPieces are the pieces the random inputs are made of: the words and
// characters the regexps look at, their look-alikes, and bytes that are
// no UTF-8.
var trimPieces = []string{
	"of", "OF", "At", "for", "fOr", "in", "IN", "on", "or", "if", "f", "n",
	" ", "  ", "\t", "\n", "\v", "\f", "\r", "\u00a0", ".", ",", ";", ":", "!", "?",
	`"`, "'", "”", "’", ")", "(", "minister", "Chief", "é", "\xff", "\xe2\x80",
}

func randomTrimInput(r *rand.Rand) string {
	s := ""
	for range r.IntN(8) {
		s += trimPieces[r.IntN(len(trimPieces))]
	}
	return s
}

func TestTrimsLikeRegexps(t *testing.T) {
	cases := []string{
		"", " ", "of", " of", "Minister of", "Minister of ", "minister OF\t",
		"head  of  ", "Secretary for", "Director in.", "Chief at  ,", "soft", "Prof",
		"trade deal.", `a "deal")`, "deal’s”", "x of\vy", "x\u00a0of", "x of\u00a0",
		"caf\xff", "for", "\tin",
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		cases = append(cases, randomTrimInput(r))
	}
	for _, s := range cases {
		if got, want := trimTrailingNoise(s), trailingNoiseRE.ReplaceAllString(s, ""); got != want {
			t.Errorf("trimTrailingNoise(%q) = %q, the regexp gives %q", s, got, want)
		}
		if got, want := trimRoleOf(s), roleOfRE.ReplaceAllString(s, ""); got != want {
			t.Errorf("trimRoleOf(%q) = %q, the regexp gives %q", s, got, want)
		}
	}
}
