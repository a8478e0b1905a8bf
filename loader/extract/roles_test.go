package extract

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader/gazetteer"
)

// roleGazetteer is a small gazetteer for the tests of roles and
// descriptions: a few countries, the bodies whose offices the tests name,
// and a few companies and organisations.
func roleGazetteer(tb testing.TB) *gazetteer.Gazetteer {
	tb.Helper()
	country := func(code, name, demonym, capital string) gazetteer.Entry {
		return gazetteer.Entry{ID: "country:" + code, Kind: tradegraph.Country, Name: name,
			Demonyms: []string{demonym}, Capitals: []string{capital}}
	}
	ministry := func(id, name string, titles ...string) gazetteer.Entry {
		code := strings.ToUpper(strings.SplitN(strings.TrimPrefix(id, "ministry:"), "-", 2)[0])
		return gazetteer.Entry{ID: id, Kind: tradegraph.Ministry, Name: name, Country: code, Titles: titles}
	}
	company := func(id, name string, aliases ...string) gazetteer.Entry {
		return gazetteer.Entry{ID: id, Kind: tradegraph.Company, Name: name, Aliases: aliases}
	}
	g, err := gazetteer.New([]gazetteer.Entry{
		{ID: "country:US", Kind: tradegraph.Country, Name: "United States", Aliases: []string{"US", "U.S."},
			Demonyms: []string{"American"}, Capitals: []string{"Washington"}},
		country("AU", "Australia", "Australian", "Canberra"),
		country("CA", "Canada", "Canadian", "Ottawa"),
		country("CN", "China", "Chinese", "Beijing"),
		country("HU", "Hungary", "Hungarian", "Budapest"),
		country("IN", "India", "Indian", "New Delhi"),
		country("JP", "Japan", "Japanese", "Tokyo"),
		country("KE", "Kenya", "Kenyan", "Nairobi"),
		country("KR", "South Korea", "South Korean", "Seoul"),
		country("NL", "Netherlands", "Dutch", "The Hague"),
		country("TW", "Taiwan", "Taiwanese", "Taipei"),
		{ID: "organization:eu", Kind: tradegraph.Organization, Name: "European Union", Aliases: []string{"EU"},
			Capitals: []string{"Brussels"}},
		ministry("ministry:au-dfat", "Department of Foreign Affairs and Trade", "Australian Trade Minister"),
		ministry("ministry:ca-finance", "Department of Finance Canada", "Canadian Finance Minister"),
		ministry("ministry:ca-global-affairs", "Global Affairs Canada", "Canadian Trade Minister"),
		ministry("ministry:cn-mofcom", "Ministry of Commerce of China", "Chinese Commerce Minister"),
		{ID: "ministry:cn-mfa", Kind: tradegraph.Ministry, Name: "Ministry of Foreign Affairs of China", Country: "CN",
			Aliases: []string{"China's foreign ministry"}},
		ministry("ministry:in-commerce", "Ministry of Commerce and Industry"),
		ministry("ministry:kr-motie", "Ministry of Trade, Industry and Energy"),
		ministry("ministry:kr-ktc", "Korea Trade Commission"),
		ministry("ministry:nl-foreign", "Ministry of Foreign Affairs of the Netherlands"),
		ministry("ministry:tw-moea", "Ministry of Economic Affairs", "Taiwan's Economic Affairs Minister"),
		ministry("ministry:us-commerce", "US Department of Commerce", "Commerce Secretary"),
		ministry("ministry:us-ita", "International Trade Administration"),
		{ID: "ministry:eu-commission", Kind: tradegraph.Ministry, Name: "European Commission", Country: "EU",
			Titles: []string{"EU Trade Commissioner"}},
		{ID: "ministry:eu-dg-trade", Kind: tradegraph.Ministry, Name: "Directorate-General for Trade", Country: "EU"},
		company("company:ampere-computing", "Ampere Computing"),
		company("company:cleveland-cliffs", "Cleveland-Cliffs"),
		{ID: "company:intel", Kind: tradegraph.Company, Name: "Intel", Country: "US"},
		company("company:micron", "Micron Technology", "Micron"),
		company("company:nikkei", "Nikkei"),
		{ID: "company:nippon-steel", Kind: tradegraph.Company, Name: "Nippon Steel", Country: "JP"},
		company("company:samsung", "Samsung"),
		company("company:softbank", "SoftBank Group", "SoftBank"),
		{ID: "organization:canola-council", Kind: tradegraph.Organization, Name: "Canola Council of Canada"},
		{ID: "organization:usw", Kind: tradegraph.Organization, Name: "United Steelworkers"},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// roleTargetsOf runs the mention stage on text and lists the targets of
// every role as "person: target (title)".
func roleTargetsOf(tb testing.TB, m *matcher, text string) ([]string, *Document) {
	tb.Helper()
	d := &Document{Article: &tradegraph.Article{Text: text}, Text: text}
	m.findMentions(d)
	var out []string
	for _, s := range d.Sentences {
		for _, mn := range s.Mentions {
			for _, rt := range mn.RoleTargets {
				out = append(out, fmt.Sprintf("%s: %s (%s)", mn.ActorID, rt.ActorID, rt.Title))
				if d.Actors[rt.ActorID] == nil {
					tb.Errorf("%q: role target %s is not among the document's actors", text, rt.ActorID)
				}
			}
		}
	}
	return out, d
}

func TestRoleResolution(t *testing.T) {
	m := newMatcher(roleGazetteer(t))
	tests := []struct {
		name, text string
		want       []string
	}{
		{"head of government, country of the dateline",
			"CANBERRA, Aug 4 - Prime Minister Anthony Albanese said he would visit.",
			[]string{"person:anthony-albanese: country:AU (Prime Minister)"}},
		{"a dateline of two countries says nothing",
			"BEIJING/OTTAWA, Oct 8 - Prime Minister Jane Roe said so.", nil},
		{"the country the sentence opens with",
			"Hungary voted against the duties, and Prime Minister Viktor Orban criticised them.",
			[]string{"person:viktor-orban: country:HU (Prime Minister)"}},
		{"the country the sentence before opens with, and the office it holds",
			"Canada began collecting the surtax. Finance Minister Chrystia Freeland defended it.",
			[]string{"person:chrystia-freeland: ministry:ca-finance (Finance Minister)"}},
		{"an office the gazetteer knows in no body named for it",
			"OTTAWA, Oct 8 - Trade Minister Mary Ng said so.",
			[]string{"person:mary-ng: country:CA (Trade Minister)"}},
		{"an office in the body whose name holds the portfolio",
			"CANBERRA - Trade Minister Don Farrell said so.",
			[]string{"person:don-farrell: ministry:au-dfat (Trade Minister)"}},
		{"a ministry before a commission sharing the word",
			"SEOUL - Trade Minister Ahn Duk-geun said so.",
			[]string{"person:ahn-duk-geun: ministry:kr-motie (Trade Minister)"}},
		{"the country of an appositive before the title",
			"Don Farrell had asked his Chinese counterpart, Commerce Minister Wang Wentao, to act.",
			[]string{"person:wang-wentao: ministry:cn-mofcom (Commerce Minister)"}},
		{"a title the gazetteer gives one country, in another's context",
			"NEW DELHI, Nov 1 - \"We have not banned imports,\" Commerce Secretary Sunil Barthwal told reporters.",
			[]string{"person:sunil-barthwal: ministry:in-commerce (Commerce Secretary)"}},
		{"the same title where the text names the gazetteer's body",
			"SEOUL - Samsung signed with the US Department of Commerce. Commerce Secretary Gina Raimondo said so.",
			[]string{"person:gina-raimondo: ministry:us-commerce (Commerce Secretary)"}},
		{"a demonym makes a head of government the country's",
			"Chinese Premier Li Qiang said so.",
			[]string{"person:li-qiang: country:CN (Premier)"}},
		{"a second bare title in a sentence is someone else's",
			"TOKYO - Prime Minister Fumio Kishida met President Yoon Suk Yeol.",
			[]string{"person:fumio-kishida: country:JP (Prime Minister)"}},
		{"an EU commissioner sits in the Commission",
			"EU Trade Commissioner Maros Sefcovic said so.",
			[]string{"person:maros-sefcovic: ministry:eu-commission (EU Trade Commissioner)"}},
		{"a ministry the title names and the gazetteer lacks",
			"Kenyan Agriculture Minister Jane Roe said so.",
			[]string{"person:jane-roe: ministry:ke-agriculture (Agriculture Minister)"}},
		{"no ministry is made up from the context alone",
			"NAIROBI, May 2 - Agriculture Minister Jane Roe said so.",
			[]string{"person:jane-roe: country:KE (Agriculture Minister)"}},
		{"a firm's title goes to the firm the sentence before is about",
			"Micron said it would appeal. Chief Executive Sanjay Mehrotra was more cautious.",
			[]string{"person:sanjay-mehrotra: company:micron (Chief Executive)"}},
		{"its chief executive",
			"Cleveland-Cliffs said it remained ready to bid for U.S. Steel. Its chief executive, Lourenco Goncalves, has said so.",
			[]string{"person:lourenco-goncalves: company:cleveland-cliffs (chief executive)"}},
		{"whose president",
			"The United Steelworkers union, whose president David McCall had objected, praised the decision.",
			[]string{"person:david-mccall: organization:usw (president)"}},
		{"a holder named by a noun before the title",
			"The Canola Council of Canada objected. \"We warned them,\" council president Chris Davison said.",
			[]string{"person:chris-davison: organization:canola-council (president)"}},
		{"the ministry before a spokesperson, and He as a surname",
			"China's Ministry of Commerce banned the export. Ministry spokesperson He Yongqian said so.",
			[]string{"person:he-yongqian: ministry:cn-mofcom (spokesperson)"}},
		{"a former role is no role",
			"Renee James, Ampere Computing's chief executive and a former president of Intel, spoke.",
			[]string{"person:renee-james: company:ampere-computing (chief executive)"}},
		{"ties that share their holder",
			"SoftBank chairman and chief executive Masayoshi Son spoke.",
			[]string{"person:masayoshi-son: company:softbank (chairman)", "person:masayoshi-son: company:softbank (chief executive)"}},
		{"a relative is no title",
			"Samsung, founded by Lee Byung-chul, the grandfather of the current chairman, grew.", nil},
		{"an outlet does not employ the people it reports on",
			"Nikkei reported that vice chairman Takahiro Mori had met them.", nil},
		{"a body named in the title, in the country of the context",
			"BEIJING - China's foreign ministry objected. Foreign ministry spokesperson Guo Jiakun said so.",
			[]string{"person:guo-jiakun: ministry:cn-mfa (Foreign ministry spokesperson)"}},
		{"a relative clause that gives the role",
			"Jane Roe, who heads the Canola Council of Canada, said so.",
			[]string{"person:jane-roe: organization:canola-council (head)"}},
		{"a title across the run, ended by the office vocabulary",
			"Taiwan's Minister of Economic Affairs Lai Yu-chih said so.",
			[]string{"person:lai-yu-chih: ministry:tw-moea (Minister of Economic Affairs)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, d := roleTargetsOf(t, m, tt.text)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("role targets of %q (-want +got):\n%s", tt.text, diff)
				for _, s := range d.Sentences {
					for _, mn := range s.Mentions {
						t.Logf("  %s=%s/%s role=%q", mn.Text, mn.ActorID, mn.Form, mn.Role)
					}
				}
			}
		})
	}
}

// TestMadeUpMinistry checks what a ministry made up from a title is: a
// Ministry of the title's country, named by the title, mentioned there.
func TestMadeUpMinistry(t *testing.T) {
	m := newMatcher(roleGazetteer(t))
	_, d := roleTargetsOf(t, m, "Kenyan Agriculture Minister Jane Roe said so.")
	a := d.Actors["ministry:ke-agriculture"]
	if a == nil {
		t.Fatal("no ministry:ke-agriculture")
	}
	if a.Kind != tradegraph.Ministry || a.Country != "KE" || a.Name != "Agriculture Ministry" {
		t.Errorf("made-up ministry = %+v, want the Agriculture Ministry of KE", a)
	}
	if got := d.ActorAt(strings.Index(d.Text, "Agriculture")); got != a.ID {
		t.Errorf("ActorAt(Agriculture) = %q, want %q", got, a.ID)
	}
}

// TestDescriptions checks references by description: "the ministry",
// "the Dutch chipmaker", "the Commission", and bodies a possessive gives
// their owner's country.
func TestDescriptions(t *testing.T) {
	m := newMatcher(roleGazetteer(t))
	tests := []struct {
		name, text string
		want       []string // "text=actor" of the descriptions
	}{
		{"the ministry: the body named a ministry before the nearer agency",
			"China's Ministry of Commerce and the General Administration of Customs acted. The ministry said so.",
			[]string{"The ministry=ministry:cn-mofcom"}},
		{"the company",
			"Micron Technology objected. The company said it would appeal.",
			[]string{"The company=company:micron"}},
		{"a demonym in the description picks the company of that country",
			"Nippon Steel and Intel talked. Later the Japanese steelmaker said so.",
			[]string{"the Japanese steelmaker=company:nippon-steel"}},
		{"a capitalised head noun of a body",
			"The European Commission imposed duties. The rates vary, the Commission said.",
			[]string{"the Commission=ministry:eu-commission"}},
		{"the bloc",
			"The European Union agreed. The deal needs the bloc's approval.",
			[]string{"the bloc=organization:eu"}},
		{"no description of an actor not named before",
			"The ministry said so. The company agreed.", nil},
		{"a name, not a description",
			"China's Ministry of Commerce acted. The Ministry of Finance did not.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, d := roleTargetsOf(t, m, tt.text)
			var got []string
			for _, s := range d.Sentences {
				for _, mn := range s.Mentions {
					if mn.Form == FormTitle {
						got = append(got, mn.Text+"="+mn.ActorID)
					}
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("descriptions in %q (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestPossessedBody(t *testing.T) {
	m := newMatcher(roleGazetteer(t))
	_, d := roleTargetsOf(t, m, "Taiwan's Ministry of Economic Affairs added the firms. The list is kept by the ministry's International Trade Administration.")
	id := d.ActorAt(strings.Index(d.Text, "International"))
	if a := d.Actors[id]; a == nil || a.Country != "TW" || a.Name != "International Trade Administration" {
		t.Errorf("the ministry's International Trade Administration is %q (%+v), want Taiwan's", id, a)
	}
	if d.Actors["ministry:us-ita"] != nil {
		t.Error("the US agency of that name is still among the actors")
	}
}

// TestPronounOpener checks that a sentence opening with "He" or "She"
// refers to the person the sentence before opened with, even when it
// named another.
func TestPronounOpener(t *testing.T) {
	m := newMatcher(roleGazetteer(t))
	_, d := roleTargetsOf(t, m, "Commerce Secretary Gina Raimondo met Jane Roe, chief executive of Micron, in Washington. She said the talks went well.")
	if got := d.ActorAt(strings.Index(d.Text, "She")); got != "person:gina-raimondo" {
		t.Errorf("She = %q, want person:gina-raimondo", got)
	}
	_, d = roleTargetsOf(t, m, "Commerce Secretary Gina Raimondo met Jane Roe, chief executive of Micron.\n\nShe said the talks went well.")
	if got := d.ActorAt(strings.Index(d.Text, "She")); got != "" {
		t.Errorf("She after a paragraph break = %q, want none", got)
	}
}

// TestDiscovery checks ways of naming people and companies that the
// gazetteer does not know.
func TestDiscovery(t *testing.T) {
	m := newMatcher(roleGazetteer(t))
	tests := []struct {
		name, text string
		want       []string // "text=actor" of the discovered names
	}{
		{"initials", "Economic Affairs Minister J.W. Kuo spoke.", []string{"J.W. Kuo=person:jw-kuo"}},
		{"a parenthesis after the name", "Zhu Fenglian (朱鳳蓮), a spokesperson for the office, spoke.",
			[]string{"Zhu Fenglian=person:zhu-fenglian"}},
		{"name particles do not count as words", "Luiz Inacio Lula da Silva, the president, spoke.",
			[]string{"Luiz Inacio Lula da Silva=person:luiz-inacio-lula-da-silva"}},
		{"the agent of a founding", "The firm was founded in 1995 by Wang Chuanfu, a chemist.",
			[]string{"Wang Chuanfu=person:wang-chuanfu"}},
		{"a speech verb before the name", `"We will appeal," said Jane Roe.`, []string{"Jane Roe=person:jane-roe"}},
		{"who is said of people", "Jane Roe, who joined in 2020, left.", []string{"Jane Roe=person:jane-roe"}},
		{"a long title that the office vocabulary ends",
			"Minister of State for Economic Affairs and Trade Rajeev Mehta spoke.", []string{"Rajeev Mehta=person:rajeev-mehta"}},
		{"a company by the noun before it", "Shares of the data firm Kpler rose.", []string{"Kpler=company:kpler"}},
		{"a list a plural noun opens", "The rules hit chip equipment makers Naura Technology, Piotech and ACM Research.",
			[]string{"Naura Technology=company:naura-technology", "Piotech=company:piotech", "ACM Research=company:acm-research"}},
		{"industry words end company names", "The list grew. Oceanic Crest Shipping and Sea Lark Maritime were named.",
			[]string{"Oceanic Crest Shipping=company:oceanic-crest-shipping", "Sea Lark Maritime=company:sea-lark-maritime"}},
		{"a possessive before a company cue", "Oracle's stake is about 29%.", []string{"Oracle=company:oracle"}},
		{"a short name of a company named in full",
			"SoftBank will buy Ampere Computing. Ampere's chips are used by clouds.", []string{"Ampere=company:ampere-computing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, d := roleTargetsOf(t, m, tt.text)
			var got []string
			for _, s := range d.Sentences {
				for _, mn := range s.Mentions {
					if _, known := m.entries[mn.ActorID]; (!known && mn.Form == FormName || mn.Form == FormShort) && (mn.Kind == tradegraph.Person || mn.Kind == tradegraph.Company) {
						got = append(got, mn.Text+"="+mn.ActorID)
					}
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("discovered in %q (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// TestAffiliationMentions checks that a demonym before a noun that is no
// government names the country without making it an actor of the clause.
func TestAffiliationMentions(t *testing.T) {
	m := newMatcher(roleGazetteer(t))
	_, d := roleTargetsOf(t, m, "Lumen, a Dutch designer of chips, sells South American beef.")
	var got []string
	for _, s := range d.Sentences {
		for _, mn := range s.Mentions {
			if mn.Kind == tradegraph.Country {
				got = append(got, fmt.Sprintf("%s=%s/%s inRole=%v", mn.Text, mn.ActorID, mn.Form, mn.InRole))
			}
		}
	}
	want := []string{"Dutch=country:NL/affiliation inRole=true"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("country mentions (-want +got):\n%s", diff)
	}
}

// TestPartOfEU checks that a body of the European Union is PART_OF the
// Union, and other ministries of their country, once each.
func TestPartOfEU(t *testing.T) {
	x, err := New(Options{Gazetteer: roleGazetteer(t)})
	if err != nil {
		t.Fatal(err)
	}
	text := "The European Commission imposed duties. China's Ministry of Commerce objected, and the Commission replied."
	ex, err := x.Extract(t.Context(), &tradegraph.Article{Title: "t", Text: text})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range ex.Relations {
		if r.Type == tradegraph.PartOf {
			got = append(got, r.From+" "+r.To+" | "+r.Evidence)
		}
	}
	slices.Sort(got)
	want := []string{
		"ministry:cn-mofcom country:CN | China's Ministry of Commerce objected, and the Commission replied.",
		"ministry:eu-commission organization:eu | The European Commission imposed duties.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("PART_OF (-want +got):\n%s", diff)
	}
}

// TestActorAt checks the Document's resolver for the relation stage on
// names, descriptions, pronouns and text between mentions.
func TestActorAt(t *testing.T) {
	m := newMatcher(roleGazetteer(t))
	text := "Micron Technology objected. The company said Jane Roe, its chief executive, would appeal. She left."
	_, d := roleTargetsOf(t, m, text)
	for _, c := range []struct{ at, want string }{
		{"Micron", "company:micron"},
		{"company said", "company:micron"},
		{"Jane", "person:jane-roe"},
		{"She", "person:jane-roe"},
		{"objected", ""},
		{"appeal", ""},
	} {
		if got := d.ActorAt(strings.Index(text, c.at)); got != c.want {
			t.Errorf("ActorAt(%q) = %q, want %q", c.at, got, c.want)
		}
	}
	if d.ActorAt(-1) != "" || d.ActorAt(len(text)+5) != "" {
		t.Error("ActorAt outside the text is not empty")
	}
}
