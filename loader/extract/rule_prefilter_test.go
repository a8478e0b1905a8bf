package extract

import (
	"regexp"
	"strings"
	"testing"
)

func TestPrefilter(t *testing.T) {
	tests := []struct {
		pattern string
		want    []string // nil: no prefilter
	}{
		{`(?i)\bbann(?:ed|ing)`, []string{"banned", "banning"}},
		{`(?i)\b(?:asked|urged|pressed)\s+`, []string{"asked", "urged", "pressed"}},
		{`(?i)\b(?P<v>halt(?:ed|s)?)\s+imports`, []string{"halt"}},
		{`(?i)\b(?:the\s+)?ban`, []string{"the", "ban"}},
		{`(?i)\b\w+ed\b`, nil},
	}
	for _, tt := range tests {
		got := newPrefilter(regexp.MustCompile(tt.pattern))
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || (got == nil) != (tt.want == nil) {
			t.Errorf("%s: prefilter %q, want %q", tt.pattern, got, tt.want)
		}
	}
}

// TestPrefilterKeepsEveryMatch checks the promise the prefilter makes: a
// sentence it skips for a rule is one the rule's regexp does not match.
func TestPrefilterKeepsEveryMatch(t *testing.T) {
	sentences := readCorpusSentences(t)
	for i := range rules {
		for _, s := range sentences {
			if rules[i].Trigger.MatchString(s) && !rulePrefilters[i].mayMatch(strings.ToLower(s)) {
				t.Errorf("rule %s matches %q but its prefilter %q skips it", rules[i].ID, s, rulePrefilters[i])
			}
		}
	}
	withFilter := 0
	for _, p := range rulePrefilters {
		if p != nil {
			withFilter++
		}
	}
	t.Logf("%d of %d rules have a prefilter", withFilter, len(rules))
}

func readCorpusSentences(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, a := range benchArticles(t) {
		for _, s := range splitSentences(a.Text) {
			out = append(out, s.Text)
		}
	}
	if len(out) < 100 {
		t.Fatalf("only %d sentences in the corpus", len(out))
	}
	return out
}
