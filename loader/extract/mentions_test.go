package extract

import (
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader/gazetteer"
)

// testGazetteer is a small gazetteer, so that these tests do not move
// when the embedded data grows.
func testGazetteer(tb testing.TB) *gazetteer.Gazetteer {
	tb.Helper()
	g, err := gazetteer.New([]gazetteer.Entry{
		{ID: "country:US", Kind: tradegraph.Country, Name: "United States", Aliases: []string{"US", "U.S.", "America"},
			Demonyms: []string{"American"}, Capitals: []string{"Washington"}},
		{ID: "country:JP", Kind: tradegraph.Country, Name: "Japan", Demonyms: []string{"Japanese"}, Capitals: []string{"Tokyo"}},
		{ID: "country:CN", Kind: tradegraph.Country, Name: "China", Demonyms: []string{"Chinese"}, Capitals: []string{"Beijing"}},
		{ID: "country:TW", Kind: tradegraph.Country, Name: "Taiwan", Demonyms: []string{"Taiwanese"}, Capitals: []string{"Taipei"}},
		{ID: "country:KR", Kind: tradegraph.Country, Name: "South Korea", Demonyms: []string{"South Korean"}, Capitals: []string{"Seoul"}},
		{ID: "country:IN", Kind: tradegraph.Country, Name: "India", Demonyms: []string{"Indian"}, Capitals: []string{"New Delhi"}},
		{ID: "country:NL", Kind: tradegraph.Country, Name: "Netherlands", Demonyms: []string{"Dutch"}, Capitals: []string{"The Hague"}},
		{ID: "organization:eu", Kind: tradegraph.Organization, Name: "European Union", Country: "EU", Aliases: []string{"EU"},
			Demonyms: []string{"European"}, Capitals: []string{"Brussels"}},
		{ID: "ministry:jp-meti", Kind: tradegraph.Ministry, Name: "Ministry of Economy, Trade and Industry", Country: "JP",
			Aliases: []string{"METI"}, Titles: []string{"Minister of Economy, Trade and Industry", "Economy, Trade and Industry Minister"}},
		{ID: "ministry:us-commerce", Kind: tradegraph.Ministry, Name: "US Department of Commerce", Country: "US",
			Aliases: []string{"Department of Commerce", "Commerce Department"}, Titles: []string{"Secretary of Commerce", "Commerce Secretary"}},
		{ID: "ministry:cn-mofcom", Kind: tradegraph.Ministry, Name: "Ministry of Commerce of China", Country: "CN"},
		{ID: "company:kyodo-news", Kind: tradegraph.Company, Name: "Kyodo News", Country: "JP"},
		{ID: "company:taiwan-international-radio", Kind: tradegraph.Company, Name: "Taiwan International Radio", Country: "TW"},
		{ID: "company:alibaba", Kind: tradegraph.Company, Name: "Alibaba", Country: "CN"},
		{ID: "ministry:cn-mfa", Kind: tradegraph.Ministry, Name: "Ministry of Foreign Affairs of China", Country: "CN",
			Aliases: []string{"Chinese Foreign Ministry"}},
		{ID: "company:intel", Kind: tradegraph.Company, Name: "Intel", Country: "US"},
		{ID: "company:tsmc", Kind: tradegraph.Company, Name: "TSMC", Country: "TW", Aliases: []string{"Taiwan Semiconductor Manufacturing Co."}},
		{ID: "company:tokyo-electron", Kind: tradegraph.Company, Name: "Tokyo Electron", Country: "JP"},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

func testMatcher(tb testing.TB) *matcher {
	tb.Helper()
	return newMatcher(testGazetteer(tb))
}

// mentionsOf runs the mention stage on text and lists its mentions as
// "text=actor/form", with the role when there is one.
func mentionsOf(m *matcher, text string) ([]string, *Document) {
	d := &Document{Article: &tradegraph.Article{Text: text}, Text: text}
	m.findMentions(d)
	var out []string
	for _, s := range d.Sentences {
		for _, mn := range s.Mentions {
			if d.Text[mn.Start:mn.End] != mn.Text {
				out = append(out, fmt.Sprintf("BAD OFFSETS %q", mn.Text))
			}
			line := fmt.Sprintf("%s=%s/%s", mn.Text, mn.ActorID, mn.Form)
			if mn.Role != "" {
				line += fmt.Sprintf(" role=%q", mn.Role)
				if d.Text[mn.RoleSpan[0]:mn.RoleSpan[1]] != mn.Role {
					line += " BAD ROLE SPAN"
				}
			}
			out = append(out, line)
		}
	}
	return out, d
}

func TestMentions(t *testing.T) {
	m := testMatcher(t)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"names and possessives", "Japan’s exports to China and Taiwan's imports fell.",
			[]string{"Japan=country:JP/name", "China=country:CN/name", "Taiwan=country:TW/name"}},
		{"all-caps alias is case-sensitive", "Let us ask the US and the U.S. government.",
			[]string{"US=country:US/name", "U.S. government=country:US/demonym"}},
		{"U.S. at the end of a sentence", "Chips went to the U.S. The move angered Beijing.",
			[]string{"U.S.=country:US/name", "Beijing=country:CN/capital"}},
		{"headline capitals", "JAPAN AND CHINA CLASH", []string{"JAPAN=country:JP/name", "CHINA=country:CN/name"}},
		{"lower-case name does not match", "a japan lacquer box", nil},
		{"demonym government phrases", "The Japanese government, Chinese authorities, US officials, American officials, the Chinese side, Dutch regulators and South Korean negotiators met.",
			[]string{"Japanese government=country:JP/demonym", "Chinese authorities=country:CN/demonym", "US officials=country:US/demonym",
				"American officials=country:US/demonym", "Chinese side=country:CN/demonym", "Dutch regulators=country:NL/demonym",
				"South Korean negotiators=country:KR/demonym"}},
		{"demonym with modifier", "Chinese customs authorities acted.", []string{"Chinese customs authorities=country:CN/demonym"}},
		{"demonym before other nouns is an affiliation", "Japanese firms and Chinese companies sell to the Chinese market.",
			[]string{"Japanese=country:JP/affiliation", "Chinese=country:CN/affiliation", "Chinese=country:CN/affiliation"}},
		{"capitals as governments", "Washington pressed Tokyo, and Seoul, New Delhi and Brussels watched Beijing’s response.",
			[]string{"Washington=country:US/capital", "Tokyo=country:JP/capital", "Seoul=country:KR/capital",
				"New Delhi=country:IN/capital", "Brussels=organization:eu/capital", "Beijing=country:CN/capital"}},
		{"capitals as places", "A Tokyo-based firm based in Tokyo moved to Beijing and flew from Seoul.", nil},
		{"larger places", "Latin America, New Mexico and George Washington did not act; Washington did.",
			[]string{"Washington=country:US/capital"}},
		{"capital in a headline", "Biden Presses Tokyo On Chips", []string{"Tokyo=country:JP/capital"}},
		{"officials in a capital", "Officials in Washington agreed.", []string{"Washington=country:US/capital"}},
		{"longest match wins over a capital", "Tokyo Electron shares rose.", []string{"Tokyo Electron=company:tokyo-electron/name"}},
		{"outlet not split into its country", "Taiwan International Radio and Kyodo News reported it.",
			[]string{"Taiwan International Radio=company:taiwan-international-radio/name", "Kyodo News=company:kyodo-news/name"}},
		{"title before a name", "Commerce Secretary Gina Raimondo and Minister Yasutoshi Nishimura met.",
			[]string{"Commerce=ministry:us-commerce/office", `Gina Raimondo=person:gina-raimondo/name role="Commerce Secretary"`,
				`Yasutoshi Nishimura=person:yasutoshi-nishimura/name role="Minister"`}},
		{"lower-case title", "The deal was signed by chief executive Jane Doe.",
			[]string{`Jane Doe=person:jane-doe/name role="chief executive"`}},
		{"appositive roles", "The request went through Gene Raymond, the US Secretary of Commerce, to Yasutoshi Nishimura, Japan’s Minister of Economy, Trade and Industry.",
			[]string{`Gene Raymond=person:gene-raymond/name role="the US Secretary of Commerce"`, "US=country:US/name",
				"Commerce=ministry:us-commerce/office",
				`Yasutoshi Nishimura=person:yasutoshi-nishimura/name role="Japan’s Minister of Economy, Trade and Industry"`, "Japan=country:JP/name",
				"Economy, Trade and Industry=ministry:jp-meti/office"}},
		{"founder and owner", "Jack Ma, founder of Alibaba and owner of AliExpress, moved.",
			[]string{`Jack Ma=person:jack-ma/name role="founder of Alibaba and owner of AliExpress"`, "Alibaba=company:alibaba/name",
				"AliExpress=company:aliexpress/name"}},
		{"title with of", "Secretary of State Antony Blinken and Minister of Economy, Trade and Industry Yasutoshi Nishimura met.",
			[]string{`Antony Blinken=person:antony-blinken/name role="Secretary of State"`,
				"Economy, Trade and Industry=ministry:jp-meti/office",
				`Yasutoshi Nishimura=person:yasutoshi-nishimura/name role="Minister of Economy, Trade and Industry"`}},
		{"role before the name", "Meanwhile the US Commerce Secretary, Gina Raimondo, said so.",
			[]string{"US=country:US/name", "Commerce=ministry:us-commerce/office",
				`Gina Raimondo=person:gina-raimondo/name role="the US Commerce Secretary"`}},
		{"institution is no person", "The White House said the Entity List grew.", nil},
		{"demonym in a title", "Olaf Scholz said Chinese President Xi Jinping agreed.",
			[]string{"Olaf Scholz=person:olaf-scholz/name", "Chinese=country:CN/demonym",
				`Xi Jinping=person:xi-jinping/name role="Chinese President"`}},
		{"final period of an alias is optional", "Taiwan Semiconductor Manufacturing Co will invest.",
			[]string{"Taiwan Semiconductor Manufacturing Co=company:tsmc/name"}},
		{"rest of a known company's name", "Alibaba Group Holding Ltd said so.",
			[]string{"Alibaba Group Holding Ltd=company:alibaba/name"}},
		{"hyphenated given name", "Trade Minister Ahn Duk-geun met a Seoul-based firm.",
			[]string{`Ahn Duk-geun=person:ahn-duk-geun/name role="Trade Minister"`}},
		{"known title across commas", "Minister of Economy, Trade and Industry Yasutoshi Nishimura spoke.",
			[]string{"Economy, Trade and Industry=ministry:jp-meti/office", `Yasutoshi Nishimura=person:yasutoshi-nishimura/name role="Minister of Economy, Trade and Industry"`}},
		{"known title before the run", "Economy, Trade and Industry Minister Yasutoshi Nishimura spoke.",
			[]string{"Economy, Trade and Industry=ministry:jp-meti/office", `Yasutoshi Nishimura=person:yasutoshi-nishimura/name role="Economy, Trade and Industry Minister"`}},
		{"name particles", "European Commission President Ursula von der Leyen said so.",
			[]string{"European=organization:eu/demonym", `Ursula von der Leyen=person:ursula-von-der-leyen/name role="European Commission President"`}},
		{"body of the one country in the sentence", "China will require licences, the Ministry of Commerce said.",
			[]string{"China=country:CN/name", "Ministry of Commerce=ministry:cn-mofcom/name"}},
		{"known body in lower case", "China's foreign ministry and the Chinese foreign ministry said so; a trade ministry did not.",
			[]string{"China=country:CN/name", "foreign ministry=ministry:cn-mfa/name", "foreign ministry=ministry:cn-mfa/name"}},
		{"company appositives", "Lumen Power Devices, a Dutch designer of chips, and Solidigm, Intel's former NAND flash unit, merged.",
			[]string{"Lumen Power Devices=company:lumen-power-devices/name", "Dutch=country:NL/affiliation",
				"Solidigm=company:solidigm/name", "Intel=company:intel/name"}},
		{"based in front of a company", "Hong Kong-based Brightpath Components shipped parts.",
			[]string{"Brightpath Components=company:brightpath-components/name"}},
		{"He as a surname after a title", "Vice Premier He Lifeng met her.",
			[]string{`He Lifeng=person:he-lifeng/name role="Vice Premier"`}},
		{"association with its country", "The Japan Chip Makers Association objected.",
			[]string{"Japan Chip Makers Association=organization:japan-chip-makers-association/name"}},
		{"speech verb", "Observers said nothing, but Jane Doe said more.", []string{"Jane Doe=person:jane-doe/name"}},
		{"single capitalised word is no person", "Meanwhile, Observers said nothing. In Europe, Officials told us.", nil},
		{"honorific", "Mr. Jack Ma left.", []string{"Jack Ma=person:jack-ma/name"}},
		{"company suffixes", "Acme Semiconductor Corp., Foo Ltd, Bar Holdings, Baz Group and Huawei Technologies Co. agreed.",
			[]string{"Acme Semiconductor Corp.=company:acme-semiconductor/name", "Foo Ltd=company:foo/name",
				"Bar Holdings=company:bar/name", "Baz Group=company:baz/name",
				"Huawei Technologies Co.=company:huawei-technologies/name"}},
		{"company cues", "He bought shares of Zeta and became owner of Omicron. Kappa's chief executive resigned.",
			[]string{"Zeta=company:zeta/name", "Omicron=company:omicron/name", "Kappa=company:kappa/name"}},
		{"ministries with countries", "Japan's Ministry of Foreign Affairs, China's Commerce Ministry and the U.S. Department of Energy spoke; the Bureau of Industry and Security listened.",
			[]string{"Japan=country:JP/name", "Ministry of Foreign Affairs=ministry:jp-ministry-of-foreign-affairs/name",
				"China=country:CN/name", "Commerce Ministry=ministry:cn-commerce-ministry/name",
				"U.S.=country:US/name", "Department of Energy=ministry:us-department-of-energy/name",
				"Bureau of Industry and Security=ministry:bureau-of-industry-and-security/name"}},
		{"known body by country", "China's Ministry of Commerce of China objected.",
			[]string{"China=country:CN/name", "Ministry of Commerce of China=ministry:cn-mofcom/name"}},
		{"short names and titles", "Minister Yasutoshi Nishimura met Gene Raymond, the US Secretary of Commerce. Later Nishimura said the secretary agreed. Mr Nishimura left.",
			[]string{`Yasutoshi Nishimura=person:yasutoshi-nishimura/name role="Minister"`,
				`Gene Raymond=person:gene-raymond/name role="the US Secretary of Commerce"`, "US=country:US/name",
				"Commerce=ministry:us-commerce/office", "Nishimura=person:yasutoshi-nishimura/short", "the secretary=person:gene-raymond/title",
				"Mr Nishimura=person:yasutoshi-nishimura/short"}},
		{"the company", "Acme Holdings cut jobs. The company blamed China.",
			[]string{"Acme Holdings=company:acme/name", "The company=company:acme/title", "China=country:CN/name"}},
		{"pronoun with one person", "Jack Ma said he would stay. His firm grew.",
			[]string{"Jack Ma=person:jack-ma/name", "he=person:jack-ma/pronoun", "His=person:jack-ma/pronoun"}},
		{"pronoun with two persons", "Jack Ma said Jane Doe told him that she would stay.",
			[]string{"Jack Ma=person:jack-ma/name", "Jane Doe=person:jane-doe/name"}},
		{"object pronoun in the same sentence", "Katherine Tai said it. Jane Doe said she met her. Her office agreed.",
			[]string{"Katherine Tai=person:katherine-tai/name", "Jane Doe=person:jane-doe/name", "her=person:katherine-tai/pronoun"}},
		{"possessive her", "Katherine Tai said her office agreed.",
			[]string{"Katherine Tai=person:katherine-tai/name", "her=person:katherine-tai/pronoun"}},
		{"pronoun too far back", "Jack Ma said it. One. Two. He left.", []string{"Jack Ma=person:jack-ma/name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := mentionsOf(m, tt.text)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mentions of %q (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestMentionRoleTargets(t *testing.T) {
	m := testMatcher(t)
	tests := []struct {
		text string
		want []string // "person: actor title" per target
	}{
		{"Gene Raymond, the US Secretary of Commerce, spoke.", []string{"person:gene-raymond: ministry:us-commerce Secretary of Commerce"}},
		{"Yasutoshi Nishimura, Japan's Minister of Economy, Trade and Industry, spoke.",
			[]string{"person:yasutoshi-nishimura: ministry:jp-meti Minister of Economy, Trade and Industry"}},
		{"Jack Ma, founder of Alibaba and owner of AliExpress, moved.",
			[]string{"person:jack-ma: company:alibaba founder", "person:jack-ma: company:aliexpress owner"}},
		{"Fumio Kishida, Japan's prime minister, spoke.", []string{"person:fumio-kishida: country:JP prime minister"}},
		// Japan's trade minister sits in the ministry whose name holds trade.
		{"Japanese Trade Minister Yasutoshi Nishimura spoke.", []string{"person:yasutoshi-nishimura: ministry:jp-meti Trade Minister"}},
		{"Commerce Secretary Gina Raimondo spoke.", []string{"person:gina-raimondo: ministry:us-commerce Commerce Secretary"}},
		{"Jane Doe, an analyst at Nomura, spoke.", nil},
		{"Alibaba's chief executive Jane Doe spoke.", []string{"person:jane-doe: company:alibaba chief executive"}},
		{"Japan's Ministry of Economy, Trade and Industry spokesman Ken Sato spoke.", []string{"person:ken-sato: ministry:jp-meti spokesman"}},
	}
	for _, tt := range tests {
		_, d := mentionsOf(m, tt.text)
		var got []string
		for _, s := range d.Sentences {
			for _, mn := range s.Mentions {
				for _, rt := range mn.RoleTargets {
					got = append(got, mn.ActorID+": "+rt.ActorID+" "+rt.Title)
					if d.Actors[rt.ActorID] == nil {
						t.Errorf("%q: role target %s is not among the document's actors", tt.text, rt.ActorID)
					}
				}
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("role targets of %q (-want +got):\n%s", tt.text, diff)
		}
	}
}

// FuzzMentions checks the invariants of the mention stage on any text:
// sentences in order inside the text, mentions inside their sentence, in
// text order, not overlapping, with Text equal to their span, and every
// mentioned actor known.
func FuzzMentions(f *testing.F) {
	for _, s := range []string{
		"US authorities have asked the Japanese government to join. Officials in Washington agreed.",
		"Gene Raymond, the US Secretary of Commerce, met Mr. Ma. He said the minister left.",
		"Acme Corp. said… “Japan’s Ministry of Foreign Affairs” agreed.\n\nU.S.",
		"Jack Ma, founder of Alibaba and owner of AliExpress, relocated to Japan's",
	} {
		f.Add(s)
	}
	m := testMatcher(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		d := &Document{Text: text}
		m.findMentions(d)
		prevSentEnd := 0
		for _, s := range d.Sentences {
			if s.Start < prevSentEnd || s.End > len(text) || text[s.Start:s.End] != s.Text {
				t.Fatalf("sentence %d [%d,%d) out of order or wrong text", s.Index, s.Start, s.End)
			}
			prevSentEnd = s.End
			prev := s.Start
			for _, mn := range s.Mentions {
				if mn.Start < prev || mn.End > s.End || mn.Start >= mn.End || text[mn.Start:mn.End] != mn.Text {
					t.Fatalf("mention %q [%d,%d) in sentence [%d,%d): out of order, overlapping or wrong text", mn.Text, mn.Start, mn.End, s.Start, s.End)
				}
				prev = mn.End
				if d.Actors[mn.ActorID] == nil {
					t.Fatalf("mention %q of unknown actor %q", mn.Text, mn.ActorID)
				}
			}
		}
	})
}
