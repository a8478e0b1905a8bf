package eval

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize puts a name into the form names are compared in: accents
// dropped, lower case, dots taken out ("U.S." is "us"), possessive 's
// dropped from every word, other punctuation and symbols read as spaces,
// "&" read as "and", leading "the" dropped and white space folded to
// single spaces. Normalize of a name made of nothing but such marks is "".
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// The accents NFKD split off their letters.
		case r == '\'' || r == '’' || r == '‘' || r == 'ʼ' || r == '′':
			b.WriteByte('\'')
		case r == '.':
			b.WriteByte('.')
		case r == '&':
			b.WriteString(" and ")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			// Hyphens, commas, brackets, quotes, symbols and spaces all
			// separate words.
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	out := words[:0]
	for _, w := range words {
		// The possessive goes before the other apostrophes and the dots,
		// so that "U.S.'s" and "Macy's" lose only their 's.
		w = strings.TrimSuffix(w, "'s")
		w = strings.ReplaceAll(w, "'", "")
		w = strings.ReplaceAll(w, ".", "")
		if w != "" {
			out = append(out, w)
		}
	}
	for len(out) > 1 && out[0] == "the" {
		out = out[1:]
	}
	return strings.Join(out, " ")
}
