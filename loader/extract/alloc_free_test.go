package extract

import (
	"strings"
	"testing"
)

// TestInCapitalised checks the allocation-free look-up against the
// expression it replaces, on every kind of first byte.
func TestInCapitalised(t *testing.T) {
	set := setOf("Ministry", "Agency", "ministry", "\uFFFDgency", "7Bureau", strings.Repeat("Long", 10))
	words := []string{"", "m", "ministry", "Ministry", "mINISTRY", "agency", "Agency", "éagency", "\xffgency",
		"7bureau", "7Bureau", "bureau", "ministry ", strings.Repeat("long", 10), "l" + strings.Repeat("Long", 10)[1:]}
	for _, w := range words {
		want := false
		if w != "" {
			want = set[strings.ToUpper(w[:1])+w[1:]]
		} else {
			want = set[""]
		}
		if got := inCapitalised(set, w); got != want {
			t.Errorf("inCapitalised(%q) = %v, want %v", w, got, want)
		}
	}
	if !inCapitalised(set, "agency") || inCapitalised(set, "bureau") {
		t.Error("the look-up does not find what it should")
	}
	if n := testing.AllocsPerRun(100, func() { inCapitalised(set, "ministry") }); n != 0 {
		t.Errorf("%v allocations per look-up", n)
	}
}
