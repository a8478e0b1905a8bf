package eval

import (
	"cmp"
	"slices"

	"github.com/tradegraph/tradegraph/loader"
)

// forms returns the distinct normalised names of an actor: its name and
// its mentions.
func forms(a loader.OutputActor) []string {
	var out []string
	for _, s := range append([]string{a.Name}, a.Mentions...) {
		if n := Normalize(s); n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// align pairs gold actors with extracted ones (see the package comment). It
// returns, for each gold actor, the index of its extracted actor or -1, and
// the same the other way round.
func align(gold, got []loader.OutputActor) (goldTo, gotTo []int) {
	type candidate struct {
		g, x             int
		sameID, sameName bool
		shared           int
	}
	goldForms := make([][]string, len(gold))
	for i, a := range gold {
		goldForms[i] = forms(a)
	}
	var cands []candidate
	for j, b := range got {
		bf := forms(b)
		for i, a := range gold {
			if a.Kind != b.Kind {
				continue
			}
			shared := 0
			for _, f := range goldForms[i] {
				if slices.Contains(bf, f) {
					shared++
				}
			}
			if shared == 0 {
				continue
			}
			an := Normalize(a.Name)
			cands = append(cands, candidate{
				g: i, x: j, shared: shared,
				sameID:   a.ID != "" && a.ID == b.ID,
				sameName: an != "" && an == Normalize(b.Name),
			})
		}
	}
	slices.SortFunc(cands, func(p, q candidate) int {
		return cmp.Or(
			compareTrueFirst(p.sameID, q.sameID),
			compareTrueFirst(p.sameName, q.sameName),
			cmp.Compare(q.shared, p.shared),
			cmp.Compare(p.g, q.g),
			cmp.Compare(p.x, q.x),
		)
	})
	goldTo, gotTo = filled(len(gold), -1), filled(len(got), -1)
	for _, c := range cands {
		if goldTo[c.g] < 0 && gotTo[c.x] < 0 {
			goldTo[c.g], gotTo[c.x] = c.x, c.g
		}
	}
	return goldTo, gotTo
}

func compareTrueFirst(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

func filled(n, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}
