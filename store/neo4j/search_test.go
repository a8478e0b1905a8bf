package neo4j

import (
	"strings"
	"testing"
)

func TestLuceneQuery(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Jack Ma", `+jack* +ma*`},
		{"  JAPAN ", `+japan*`},
		{"O'Neil", `+o'neil*`},
		{"U.S.", `+u.s*`},
		{"Ünïcödé", `+ünïcödé*`},
		{`"jack" OR "taiwan"`, `+jack* +or* +taiwan*`},
		{`jack AND ma`, `+jack* +and* +ma*`},
		{`jack~2 ma^3`, `+jack* +2* +ma* +3*`},
		{`name:jack`, `+name* +jack*`},
		{`(a) [b TO c] {d}`, `+a* +b* +to* +c* +d*`},
		{`\ * ? ~ ) ( ! && || / - +`, ``},
		{`'quoted'`, `+quoted*`},
		{"a\x00b", `+a* +b*`},
		{"", ``},
		{strings.Repeat("a", 100_000), "+" + strings.Repeat("a", maxSearchWordRunes) + "*"},
		{strings.Repeat("ma ", 5_000), strings.TrimSpace(strings.Repeat("+ma* ", maxSearchWords))},
	}
	for _, tt := range tests {
		if got := luceneQuery(tt.text); got != tt.want {
			t.Errorf("luceneQuery(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestEscapeLucene(t *testing.T) {
	const special = `\+-!():^[]"{}~*?|&/`
	for _, r := range special {
		got := escapeLucene("a" + string(r) + "b")
		if want := `a\` + string(r) + "b"; got != want {
			t.Errorf("escapeLucene(%q) = %q, want %q", "a"+string(r)+"b", got, want)
		}
	}
	if got := escapeLucene("plain words ünïcödé"); got != "plain words ünïcödé" {
		t.Errorf("escapeLucene changed text without special characters: %q", got)
	}
	// Every word searchWords cuts passes escapeLucene unchanged: the escape
	// is a guard, not a rewrite.
	for _, w := range searchWords(`O'Neil U.S. "x" a\b *c* d~ e) AND f:g ` + special) {
		if strings.ContainsAny(w, special) {
			t.Errorf("searchWords left special characters in %q", w)
		}
	}
}
