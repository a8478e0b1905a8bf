package extract

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"
)

// A sentence regexp is tried anchored at a few places of a sentence
// (sentence_regexp.go), and through the regexp package each try was dear:
// its backtracker clears a bitmap the size of the program times the rest
// of the input before it starts, folds case rune by rune at every step,
// and turns programs of more than 500 instructions away to the slower
// NFA simulation, which the goods phrases' counted repeats ({1,60}) and
// the cue lists exceed. A program runs the instructions the regexp
// package's own compiler (regexp/syntax) makes from the pattern, in the
// same order of preference, so it finds the same match with the same
// submatches; it only tells ASCII runes from a table filled when the
// pattern is compiled, and clears only the memory a try has touched.
// TestSentenceRegexpLikeRegexp holds its answers to the regexp package.

// program is a compiled pattern for anchored tries.
type program struct {
	inst  []progInst
	start uint32
	// ncap is the number of submatch offsets: two per group, the whole
	// match counted.
	ncap int
	// cond holds the zero-width assertions every match begins with.
	cond syntax.EmptyOp
}

// progInst is one instruction of a program.
type progInst struct {
	op       syntax.InstOp
	out, arg uint32
	// ascii says which ASCII runes a rune instruction takes, by bit.
	ascii [2]uint64
	// in is the instruction as compiled, asked about other runes.
	in *syntax.Inst
}

// compileProgram compiles pattern as the regexp package does.
func compileProgram(pattern string) (*program, error) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, err
	}
	ncap := 2 * (re.MaxCap() + 1)
	sp, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil, err
	}
	p := &program{inst: make([]progInst, len(sp.Inst)), start: uint32(sp.Start), ncap: ncap, cond: sp.StartCond()}
	for i := range sp.Inst {
		in := &sp.Inst[i]
		p.inst[i] = progInst{op: in.Op, out: in.Out, arg: in.Arg, ascii: asciiRunes(in), in: in}
	}
	return p, nil
}

// asciiRunes returns the table of the ASCII runes a rune instruction
// takes (none for other instructions). It reads the instruction as
// Inst.MatchRune does, which would cost more than the rest of compiling
// if asked rune by rune; TestASCIIRunes holds the two to the same answers.
func asciiRunes(in *syntax.Inst) (table [2]uint64) {
	set := func(r rune) {
		if 0 <= r && r < utf8.RuneSelf {
			table[r>>6] |= 1 << (r & 63)
		}
	}
	switch in.Op {
	case syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		table = [2]uint64{^uint64(0), ^uint64(0)}
		if in.Op == syntax.InstRuneAnyNotNL {
			table[0] &^= 1 << '\n'
		}
	case syntax.InstRune, syntax.InstRune1:
		if len(in.Rune) == 1 { // a literal, folded when the flag says so
			r0 := in.Rune[0]
			set(r0)
			if syntax.Flags(in.Arg)&syntax.FoldCase != 0 {
				for r := unicode.SimpleFold(r0); r != r0; r = unicode.SimpleFold(r) {
					set(r)
				}
			}
			break
		}
		for i := 0; i+1 < len(in.Rune); i += 2 { // ranges
			for r := in.Rune[i]; r <= min(in.Rune[i+1], utf8.RuneSelf-1); r++ {
				set(r)
			}
		}
	}
	return table
}

// takesRune reports whether rune instruction in matches r.
func takesRune(in *syntax.Inst, r rune) bool {
	switch in.Op {
	case syntax.InstRune, syntax.InstRune1:
		return in.MatchRune(r)
	case syntax.InstRuneAny:
		return true
	case syntax.InstRuneAnyNotNL:
		return r != '\n'
	}
	return false
}

// backtracker is the working memory of tries, kept from one to the next.
type backtracker struct {
	jobs []btJob
	// visited has a bit per instruction and place tried: a place reached
	// again at the same instruction fails as it did the first time.
	visited []uint64
	caps    []int
}

// btJob is a branch left for later, or (restore) a submatch offset to
// put back when the branch that set it fails.
type btJob struct {
	pc      uint32
	restore bool
	pos     int
}

// maxVisitedBits bounds the memory of one try; a longer one goes to the
// regexp package.
const maxVisitedBits = 1 << 24

// fits reports whether p can be tried at q of an input of n bytes.
func (p *program) fits(q, n int) bool {
	return len(p.inst)*(n-q+1) <= maxVisitedBits
}

// run tries p at place q of s only, seeing s as the regexp package would
// see its whole input. With caps (ncap offsets) it fills them with the
// match's submatches, -1 for those that took no part; caps may be nil
// when only whether p matches is asked. p must fit (see fits).
func (bt *backtracker) run(p *program, s string, q int, caps []int) bool {
	n := len(p.inst)
	for i := range caps {
		caps[i] = -1
	}
	if len(caps) > 0 {
		caps[0] = q
	}
	if need := (n*(len(s)-q+1) + 63) / 64; len(bt.visited) < need {
		bt.visited = make([]uint64, max(need, 2*len(bt.visited)))
	}
	touched := 0 // visited[:touched] may hold set bits
	matched := false
	bt.jobs = append(bt.jobs[:0], btJob{pc: p.start, pos: q})
	for len(bt.jobs) > 0 && !matched {
		j := bt.jobs[len(bt.jobs)-1]
		bt.jobs = bt.jobs[:len(bt.jobs)-1]
		if j.restore {
			caps[j.pc] = j.pos
			continue
		}
		pc, pos := j.pc, j.pos
	thread:
		for {
			bit := (pos-q)*n + int(pc)
			w := bit >> 6
			if bt.visited[w]&(1<<(bit&63)) != 0 {
				break
			}
			bt.visited[w] |= 1 << (bit & 63)
			touched = max(touched, w+1)
			in := &p.inst[pc]
			switch in.op {
			case syntax.InstAlt, syntax.InstAltMatch:
				bt.jobs = append(bt.jobs, btJob{pc: in.arg, pos: pos})
			case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
				if pos >= len(s) {
					break thread
				}
				if c := s[pos]; c < utf8.RuneSelf {
					if in.ascii[c>>6]&(1<<(c&63)) == 0 {
						break thread
					}
					pos++
				} else {
					r, size := utf8.DecodeRuneInString(s[pos:])
					if !takesRune(in.in, r) {
						break thread
					}
					pos += size
				}
			case syntax.InstCapture:
				if int(in.arg) < len(caps) {
					bt.jobs = append(bt.jobs, btJob{pc: in.arg, restore: true, pos: caps[in.arg]})
					caps[in.arg] = pos
				}
			case syntax.InstEmptyWidth:
				if syntax.EmptyOp(in.arg)&^emptyContext(s, pos) != 0 {
					break thread
				}
			case syntax.InstNop:
			case syntax.InstMatch:
				if len(caps) > 1 {
					caps[1] = pos
				}
				matched = true
				break thread
			default: // InstFail
				break thread
			}
			pc = in.out
		}
	}
	clear(bt.visited[:touched])
	return matched
}

// emptyContext gives the zero-width assertions that hold at pos of s,
// from the runes on either side as the regexp package decodes them.
func emptyContext(s string, pos int) syntax.EmptyOp {
	r1, r2 := rune(-1), rune(-1)
	if pos > 0 {
		r1 = rune(s[pos-1])
		if r1 >= utf8.RuneSelf {
			r1, _ = utf8.DecodeLastRuneInString(s[:pos])
		}
	}
	if pos < len(s) {
		r2 = rune(s[pos])
		if r2 >= utf8.RuneSelf {
			r2, _ = utf8.DecodeRuneInString(s[pos:])
		}
	}
	return syntax.EmptyOpContext(r1, r2)
}

// prefixRegexp is a regular expression every match of which starts where
// the input does (the pattern begins with ^): the relation stage asks
// many such about the text right after or between mentions, and a
// program answers them faster than the regexp package.
type prefixRegexp struct {
	re   *regexp.Regexp
	prog *program
}

// prefixRegexps lists the prefixRegexps of the package, for tests.
var prefixRegexps []*prefixRegexp

// backtrackers holds the memory of prefixRegexp tries.
var backtrackers = sync.Pool{New: func() any { return &backtracker{} }}

// prefixRE compiles pattern, which must match only at the start of its
// input; it panics when the pattern does not compile or may match
// elsewhere.
func prefixRE(pattern string) *prefixRegexp {
	x := &prefixRegexp{re: regexp.MustCompile(pattern)}
	var err error
	if x.prog, err = compileProgram(pattern); err != nil {
		panic("extract: pattern " + pattern + ": " + err.Error())
	}
	if x.prog.cond&syntax.EmptyBeginText == 0 {
		panic("extract: pattern " + pattern + " may match after the start of its input")
	}
	prefixRegexps = append(prefixRegexps, x)
	return x
}

// String returns the pattern as written.
func (x *prefixRegexp) String() string { return x.re.String() }

// MatchString reports whether x matches s.
func (x *prefixRegexp) MatchString(s string) bool {
	if !x.prog.fits(0, len(s)) {
		return x.re.MatchString(s)
	}
	bt := backtrackers.Get().(*backtracker)
	ok := bt.run(x.prog, s, 0, nil)
	backtrackers.Put(bt)
	return ok
}

// FindStringIndex returns the span of the match of x in s, or nil.
func (x *prefixRegexp) FindStringIndex(s string) []int {
	if !x.prog.fits(0, len(s)) {
		return x.re.FindStringIndex(s)
	}
	bt := backtrackers.Get().(*backtracker)
	defer backtrackers.Put(bt)
	bt.caps = slices.Grow(bt.caps[:0], x.prog.ncap)[:x.prog.ncap]
	if !bt.run(x.prog, s, 0, bt.caps) {
		return nil
	}
	return []int{bt.caps[0], bt.caps[1]}
}
