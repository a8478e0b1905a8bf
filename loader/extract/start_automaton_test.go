package extract

import (
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// TestStartAutomaton compares the places the automaton finds with those
// found by trying every start at every place of the text.
func TestStartAutomaton(t *testing.T) {
	corpus := readCorpusSentences(t)
	if len(corpus) > 200 {
		corpus = corpus[:200]
	}
	texts := append(slices.Clone(corpus), jumbles(100)...)
	texts = append(texts, trickySentences...)
	texts = append(texts, "x\xffasked\xe2\x80 n’t—ſigned, \u212aelvin;\tthat", "didn't", "un-signed")
	for _, set := range []*regexpSet{&sentenceRegexps, &nameRegexps} {
		a := set.automaton()
		for _, text := range texts {
			got := a.find(text, nil)
			slices.SortFunc(got, cmpHit)
			got = slices.Compact(got)
			want := startsByTrying(set, text)
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(hit{})); diff != "" {
				t.Fatalf("%q (-tried +automaton):\n%s", text, diff)
			}
		}
	}
}

func cmpHit(x, y hit) int {
	if x.id != y.id {
		return x.id - y.id
	}
	return x.at - y.at
}

// startsByTrying finds the starts of set in text the slow way.
func startsByTrying(set *regexpSet, text string) []hit {
	var out []hit
	prevWord := false
	for p := 0; p < len(text); {
		r, size := utf8.DecodeRuneInString(text[p:])
		word := r < utf8.RuneSelf && isWordByte(byte(r))
		boundary := word != prevWord
		for k, s := range set.starts {
			if set.atWord[k] && !boundary {
				continue
			}
			q, ok := p, true
			for _, want := range s.s {
				if q >= len(text) {
					ok = false
					break
				}
				r, n := utf8.DecodeRuneInString(text[q:])
				if foldRune(r) != want {
					ok = false
					break
				}
				q += n
			}
			if ok {
				out = append(out, hit{s.id, p})
			}
		}
		prevWord = word
		p += size
	}
	slices.SortFunc(out, cmpHit)
	return slices.Compact(out)
}
