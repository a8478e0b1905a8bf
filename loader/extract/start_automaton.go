package extract

import (
	"slices"
	"unicode/utf8"
)

// The pass over a sentence used to walk a trie of the starts from every
// place a start could begin, several steps at most places: spaces begin
// the clause cues (" that", " which"), and letters begin starts that may
// stand inside words ("n't", "signed"). An Aho–Corasick automaton finds
// the same occurrences in one step per rune: its states are the trie's
// nodes, and the step from a node on a rune that leaves the trie goes to
// the node of the longest start prefix the text then ends with, worked
// out once. Runes are folded as foldRune folds them and sorted into the
// few classes the starts tell apart.

// startAutomaton finds every occurrence of a set's starts in a text.
type startAutomaton struct {
	// classes maps folded ASCII runes, and others (byRune), to the class
	// of runes the starts tell apart; class 0 is every rune no start
	// holds.
	classes [utf8.RuneSelf]uint8
	byRune  map[rune]uint8
	nClass  int
	// next is the transition table, state 0 being the root. A state is
	// kept as the offset of its row, s*nClass, shifted left by one, the
	// low bit set when starts end there: state s on class c goes to
	// next[s*nClass+c]>>1.
	next []int32
	// outs lists the starts ending at each state: those of state s are
	// outList[outs[s]:outs[s+1]].
	outs    []int32
	outList []startEnd
	// maxRunes is the length of the longest start, in runes, and
	// ringMask one less than the power of two at least as large.
	maxRunes, ringMask int
}

// startEnd is a start that ends where the automaton stands: pattern id,
// its length in runes, and whether it counts only at a word boundary.
type startEnd struct {
	id, runes int32
	atWord    bool
}

// newStartAutomaton builds the automaton of a set's starts.
func newStartAutomaton(starts []start, atWord []bool) *startAutomaton {
	a := &startAutomaton{byRune: map[rune]uint8{}}
	// Classes: one per folded rune some start holds.
	nClass := 1
	for _, s := range starts {
		for _, r := range s.s {
			if r < utf8.RuneSelf {
				if a.classes[r] == 0 {
					a.classes[r] = uint8(nClass)
					nClass++
				}
			} else if _, ok := a.byRune[r]; !ok {
				a.byRune[r] = uint8(nClass)
				nClass++
			}
		}
	}
	if nClass > 255 {
		panic("extract: too many kinds of runes in the starts")
	}
	a.nClass = nClass
	// The trie, as a goto function with missing edges -1.
	gotoFn := []int32{}
	newState := func() int32 {
		gotoFn = append(gotoFn, slices.Repeat([]int32{-1}, nClass)...)
		return int32(len(gotoFn)/nClass - 1)
	}
	newState()
	var ends [][]startEnd
	for i, s := range starts {
		st := int32(0)
		for _, r := range s.s {
			c := int32(a.class(r))
			if gotoFn[st*int32(nClass)+c] < 0 {
				n := newState()
				gotoFn[st*int32(nClass)+c] = n
			}
			st = gotoFn[st*int32(nClass)+c]
		}
		for int(st) >= len(ends) {
			ends = append(ends, nil)
		}
		e := startEnd{int32(s.id), int32(len(s.s)), atWord[i]}
		if !slices.Contains(ends[st], e) {
			ends[st] = append(ends[st], e)
		}
		a.maxRunes = max(a.maxRunes, len(s.s))
	}
	nStates := len(gotoFn) / nClass
	ends = append(ends, make([][]startEnd, nStates-len(ends))...)
	// Breadth first: a state's fallback (the longest proper suffix of its
	// string that is a trie node) is nearer the root, so its transitions
	// and outputs are complete when the state is reached.
	a.next = make([]int32, len(gotoFn))
	fail := make([]int32, nStates)
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		if s != 0 {
			ends[s] = append(ends[s], ends[fail[s]]...)
		}
		for c := range int32(nClass) {
			t := gotoFn[s*int32(nClass)+c]
			switch {
			case t >= 0:
				if s == 0 {
					fail[t] = 0
				} else {
					fail[t] = a.next[fail[s]*int32(nClass)+c]
				}
				a.next[s*int32(nClass)+c] = t
				queue = append(queue, t)
			case s == 0:
				a.next[c] = 0
			default:
				a.next[s*int32(nClass)+c] = a.next[fail[s]*int32(nClass)+c]
			}
		}
	}
	a.outs = make([]int32, nStates+1)
	for s, e := range ends {
		a.outList = append(a.outList, e...)
		a.outs[s+1] = int32(len(a.outList))
	}
	for i, t := range a.next {
		a.next[i] = t * int32(nClass) << 1
		if len(ends[t]) > 0 {
			a.next[i] |= 1
		}
	}
	for ringSize := 1; ; ringSize *= 2 {
		if ringSize >= a.maxRunes {
			a.ringMask = ringSize - 1
			break
		}
	}
	return a
}

// class returns the class of folded rune r.
func (a *startAutomaton) class(r rune) uint8 {
	if r < utf8.RuneSelf {
		return a.classes[r]
	}
	return a.byRune[r]
}

// runeAt is a rune the pass has read: where it starts, and whether a
// word boundary (in the regexp package's sense) stands before it.
type runeAt struct {
	at       int
	boundary bool
}

// find appends the places of the starts in t as (pattern, place) pairs,
// in the order the starts end, a place perhaps twice.
func (a *startAutomaton) find(t string, pairs []hit) []hit {
	if a.maxRunes == 0 {
		return pairs
	}
	var buf [32]runeAt // the last runes read, as many as a start may span
	ring := buf[:]
	if a.ringMask >= len(buf) {
		ring = make([]runeAt, a.ringMask+1)
	}
	mask := a.ringMask
	row := int32(0) // of the state
	prevWord := false
	for p, i := 0, 0; p < len(t); i++ {
		c := t[p]
		var class uint8
		if c < utf8.RuneSelf {
			class = a.classes[lowerASCII[c]]
			word := isWordByte(c)
			ring[i&mask] = runeAt{p, word != prevWord}
			prevWord = word
			p++
		} else {
			r, size := utf8.DecodeRuneInString(t[p:])
			class = a.class(foldRune(r))
			// Runes outside ASCII are no word characters to \b.
			ring[i&mask] = runeAt{p, prevWord}
			prevWord = false
			p += size
		}
		v := a.next[row+int32(class)]
		row = v >> 1
		if v&1 != 0 {
			s := row / int32(a.nClass)
			for _, e := range a.outList[a.outs[s]:a.outs[s+1]] {
				r := ring[(i+1-int(e.runes))&mask]
				if !e.atWord || r.boundary {
					pairs = append(pairs, hit{int(e.id), r.at})
				}
			}
		}
	}
	return pairs
}
