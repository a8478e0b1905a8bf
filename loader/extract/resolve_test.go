package extract

import (
	"testing"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader/gazetteer"
)

// resolveMatcher is testGazetteer with a few names that the gazetteer pass
// cannot match as written, so that discovery and resolution get to them.
func resolveMatcher(tb testing.TB) *matcher {
	tb.Helper()
	g, err := testGazetteer(tb).With(
		gazetteer.Addition{Entry: gazetteer.Entry{ID: "company:cleveland-cliffs", Kind: tradegraph.Company, Name: "Cleveland-Cliffs", Country: "US"}},
		gazetteer.Addition{Entry: gazetteer.Entry{ID: "company:nestle", Kind: tradegraph.Company, Name: "Nestlé"}},
		gazetteer.Addition{Entry: gazetteer.Entry{ID: "company:wingtech", Kind: tradegraph.Company, Name: "Wingtech Technology", Country: "CN"}},
		gazetteer.Addition{Entry: gazetteer.Entry{ID: "organization:acme-lux", Kind: tradegraph.Organization, Name: "Acme-Lux Association"}},
	)
	if err != nil {
		tb.Fatal(err)
	}
	return newMatcher(g)
}

// actorOf runs the mention stage on text and returns the id of the actor
// of the mention that starts with prefix, or "" when there is none.
func actorOf(m *matcher, text, prefix string) string {
	d := &Document{Article: &tradegraph.Article{Text: text}, Text: text}
	m.findMentions(d)
	for _, s := range d.Sentences {
		for _, mn := range s.Mentions {
			if len(mn.Text) >= len(prefix) && mn.Text[:len(prefix)] == prefix {
				return mn.ActorID
			}
		}
	}
	return ""
}

func TestDiscoveredNamesResolve(t *testing.T) {
	m := resolveMatcher(t)
	tests := []struct {
		name, text, mention, want string
	}{
		// Known actors under another spelling and legal form.
		{"hyphen and suffix", "Shares of Cleveland Cliffs Inc. fell on Monday.", "Cleveland Cliffs", "company:cleveland-cliffs"},
		{"accent and suffix", "Analysts said Nestle Holdings Inc. would gain.", "Nestle", "company:nestle"},
		{"ministry without its comma", "Tokyo will tighten the rules, the Ministry of Economy Trade and Industry said.",
			"Ministry of Economy Trade", "ministry:jp-meti"},

		// Unknown companies get one id with and without a legal suffix.
		{"unknown with suffix", "Shenzhen Lianrui Trading Co. was added to the list, the Commerce Department said.",
			"Shenzhen Lianrui", "company:shenzhen-lianrui-trading"},
		{"unknown with two suffixes", "Regulators fined Shenzhen Lianrui Trading Co., Ltd. on Monday.",
			"Shenzhen Lianrui", "company:shenzhen-lianrui-trading"},
		{"unknown without suffix", "Shares of Shenzhen Lianrui Trading fell on Monday.",
			"Shenzhen Lianrui", "company:shenzhen-lianrui-trading"},

		// Near misses stay apart.
		{"shares the first word", "Shares of Wingtech Semiconductor Inc. fell on Monday.", "Wingtech", "company:wingtech-semiconductor"},
		{"same words, other kind", "Shares of Acme Lux Association Inc. fell on Monday.", "Acme Lux", "company:acme-lux-association"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := actorOf(m, tt.text, tt.mention); got != tt.want {
				t.Errorf("mention %q in %q is %q, want %q", tt.mention, tt.text, got, tt.want)
			}
		})
	}
}
