package gazetteer_test

import (
	"testing"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader/gazetteer"
)

func TestTrimLegalSuffixes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Shenzhen Lianrui Trading Co.", "Shenzhen Lianrui Trading"},
		{"Shenzhen Lianrui Trading Co., Ltd.", "Shenzhen Lianrui Trading"},
		{"Shenzhen Lianrui Trading Co.,Ltd", "Shenzhen Lianrui Trading"},
		{"Shenzhen Lianrui Trading", "Shenzhen Lianrui Trading"},
		{"ASML Holding N.V.", "ASML"},
		{"Vale S.A.", "Vale"},
		{"Airbus SE", "Airbus"},
		{"Alibaba Group Holding Limited", "Alibaba"},
		{"Mitsui & Co.", "Mitsui"},
		{"Deere & Company", "Deere"},
		{"Samsung Electronics Co Ltd", "Samsung Electronics"},
		// Not a legal suffix: "and" only goes with a suffix after it.
		{"Johnson & Johnson", "Johnson & Johnson"},
		{"Tata Steel", "Tata Steel"},
		{"Wingtech Technology", "Wingtech Technology"},
		// Nothing would be left.
		{"Group", "Group"},
		{"The Group", "The Group"},
		{"Holdings Inc.", "Holdings"},
	}
	for _, tt := range tests {
		if got := gazetteer.TrimLegalSuffixes(tt.in); got != tt.want {
			t.Errorf("TrimLegalSuffixes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNameKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Nestlé", "nestle"},
		{"U.S. Steel", "us steel"},
		{"Johnson & Johnson", "johnson and johnson"},
		{"People's Daily", "peoples daily"},
		{"  The  Cleveland-Cliffs ", "cleveland cliffs"},
		{"Ministry of Economy, Trade and Industry", "ministry of economy trade and industry"},
		{"Theta Labs", "theta labs"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := gazetteer.NameKey(tt.in); got != tt.want {
			t.Errorf("NameKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func resolverGazetteer(tb testing.TB) *gazetteer.Gazetteer {
	tb.Helper()
	g, err := gazetteer.New([]gazetteer.Entry{
		{ID: "company:wingtech", Kind: tradegraph.Company, Name: "Wingtech Technology", Country: "CN", Aliases: []string{"Wingtech"}},
		{ID: "company:samsung-electronics", Kind: tradegraph.Company, Name: "Samsung Electronics", Country: "KR", Aliases: []string{"Samsung"}},
		{ID: "company:asml", Kind: tradegraph.Company, Name: "ASML", Country: "NL", Aliases: []string{"ASML Holding"}},
		{ID: "company:johnson-and-johnson", Kind: tradegraph.Company, Name: "Johnson & Johnson", Country: "US"},
		{ID: "company:nestle", Kind: tradegraph.Company, Name: "Nestlé", Country: "CH"},
		{ID: "company:apple", Kind: tradegraph.Company, Name: "Apple", Country: "US"},
		// Two companies whose names differ only in a legal suffix: a
		// name that drops it cannot say which one it means.
		{ID: "company:acme-holdings", Kind: tradegraph.Company, Name: "Acme Holdings"},
		{ID: "company:acme-group", Kind: tradegraph.Company, Name: "Acme Group"},
		{ID: "organization:sia", Kind: tradegraph.Organization, Name: "Semiconductor Industry Association", Aliases: []string{"SIA"}},
		{ID: "ministry:jp-meti", Kind: tradegraph.Ministry, Name: "Ministry of Economy, Trade and Industry", Country: "JP", Aliases: []string{"METI"}},
		{ID: "ministry:tw-moea", Kind: tradegraph.Ministry, Name: "Ministry of Economic Affairs", Country: "TW"},
		{ID: "country:JP", Kind: tradegraph.Country, Name: "Japan"},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

func TestResolve(t *testing.T) {
	r := resolverGazetteer(t).Resolver()
	tests := []struct {
		kind          tradegraph.ActorKind
		name, country string
		want          string
	}{
		// The same actor under another legal form, case or spelling.
		{tradegraph.Company, "Wingtech Technology Co., Ltd.", "", "company:wingtech"},
		{tradegraph.Company, "WINGTECH TECHNOLOGY CO LTD", "", "company:wingtech"},
		{tradegraph.Company, "Wingtech Technology Company Limited", "", "company:wingtech"},
		{tradegraph.Company, "Wingtech Group", "", "company:wingtech"},
		{tradegraph.Company, "ASML Holding N.V.", "", "company:asml"},
		{tradegraph.Company, "Samsung Electronics Co., Ltd", "", "company:samsung-electronics"},
		{tradegraph.Company, "Johnson and Johnson Inc.", "", "company:johnson-and-johnson"},
		{tradegraph.Company, "Nestle S.A.", "", "company:nestle"},
		{tradegraph.Organization, "the Semiconductor Industry Association", "", "organization:sia"},
		{tradegraph.Ministry, "Ministry of Economy Trade and Industry", "JP", "ministry:jp-meti"},
		{tradegraph.Ministry, "ministry of economy, trade & industry", "", "ministry:jp-meti"},
		{tradegraph.Ministry, "Ministry of Economic Affairs", "tw", "ministry:tw-moea"},

		// Near misses that must stay apart.
		{tradegraph.Company, "Samsung Biologics", "", ""},                               // shares a word, not the name
		{tradegraph.Company, "Samsung Biologics Co., Ltd.", "", ""},                     // the suffix goes, "Biologics" stays
		{tradegraph.Company, "Wingtech Tech", "", ""},                                   // a prefix of the name
		{tradegraph.Company, "Wingtech Technology Semiconductor Co.", "", ""},           // the name is a prefix of it
		{tradegraph.Company, "Wing", "", ""},                                            // a prefix of the alias
		{tradegraph.Company, "Apple Records", "", ""},                                   // another firm with the same first word
		{tradegraph.Company, "Acme Inc.", "", ""},                                       // two companies fit
		{tradegraph.Company, "Inc.", "", ""},                                            // a suffix alone is no name
		{tradegraph.Organization, "Wingtech Technology", "", ""},                        // never across kinds
		{tradegraph.Company, "Semiconductor Industry Association Inc.", "", ""},         // an organisation, not a company
		{tradegraph.Company, "METI Co.", "", ""},                                        // a ministry's alias
		{tradegraph.Person, "Wingtech Technology", "", ""},                              // persons are not resolved
		{tradegraph.Country, "Japan", "", ""},                                           // nor countries
		{tradegraph.Ministry, "Ministry of Economy, Trade and Industry", "KR", ""},      // another country's body
		{tradegraph.Ministry, "Ministry of Economic Affairs", "NL", ""},                 // same words, other country
		{tradegraph.Ministry, "Ministry of Economy, Trade and Industry Agency", "", ""}, // longer than the name
	}
	for _, tt := range tests {
		if got := r.Resolve(tt.kind, tt.name, tt.country); got != tt.want {
			t.Errorf("Resolve(%s, %q, %q) = %q, want %q", tt.kind, tt.name, tt.country, got, tt.want)
		}
	}
	var none *gazetteer.Resolver
	if got := none.Resolve(tradegraph.Company, "Wingtech", ""); got != "" {
		t.Errorf("nil Resolver resolved to %q", got)
	}
}

// The embedded data must not hold two entries of one kind that only legal
// suffixes tell apart: Resolve could name neither, and a curator should
// know.
func TestDefaultResolverKeysUnique(t *testing.T) {
	g := gazetteer.Default()
	r := g.Resolver()
	for _, e := range g.Entries() {
		switch e.Kind {
		case tradegraph.Company, tradegraph.Organization, tradegraph.Ministry:
		default:
			continue
		}
		for _, form := range append([]string{e.Name}, e.Aliases...) {
			if got := r.Resolve(e.Kind, form, e.Country); got != e.ID {
				t.Errorf("Resolve(%s, %q) = %q, want %s", e.Kind, form, got, e.ID)
			}
		}
	}
}
