package extract

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tradegraph/tradegraph"
)

// handDoc builds a Document without the mention stage: every occurrence of
// each given surface form becomes a mention (longest forms first, no
// overlaps), sentences end at ". " or a line break. Actors are written
// "surface=id"; the kind comes from the id's prefix.
func handDoc(tb testing.TB, text string, actors ...string) *Document {
	tb.Helper()
	d := &Document{Text: text, Actors: map[string]*tradegraph.Actor{}}
	type form struct{ surface, id string }
	var forms []form
	for _, a := range actors {
		surface, id, ok := strings.Cut(a, "=")
		if !ok {
			tb.Fatalf("actor %q: want surface=id", a)
		}
		forms = append(forms, form{surface, id})
	}
	sort.SliceStable(forms, func(i, j int) bool { return len(forms[i].surface) > len(forms[j].surface) })

	var mentions []*Mention
	taken := make([]bool, len(text))
	var affs []Affiliation
	for _, f := range forms {
		if country, ok := strings.CutPrefix(f.id, "aff:"); ok {
			// A demonym phrase that names no government: "Australian wine".
			i := strings.Index(text, f.surface)
			head := f.surface[strings.LastIndex(f.surface, " ")+1:]
			affs = append(affs, Affiliation{Start: i, End: i + len(f.surface), Text: f.surface, Country: country, Head: head})
			continue
		}
		kind := kindOf(tb, f.id)
		for off := 0; ; {
			i := strings.Index(text[off:], f.surface)
			if i < 0 {
				break
			}
			i += off
			off = i + len(f.surface)
			if slices.Contains(taken[i:off], true) {
				continue
			}
			for k := i; k < off; k++ {
				taken[k] = true
			}
			mentions = append(mentions, &Mention{Start: i, End: off, Text: f.surface, ActorID: f.id, Kind: kind, Form: FormName})
			if _, ok := d.Actors[f.id]; !ok {
				a := &tradegraph.Actor{ID: f.id, Kind: kind, Name: f.surface}
				if kind == tradegraph.Ministry {
					a.Country = strings.ToUpper(strings.SplitN(strings.TrimPrefix(f.id, "ministry:"), "-", 2)[0])
				}
				d.Actors[f.id] = a
			}
		}
	}
	sort.Slice(mentions, func(i, j int) bool { return mentions[i].Start < mentions[j].Start })

	start := 0
	cut := func(end int) {
		for start < end && (text[start] == ' ' || text[start] == '\n') {
			start++
		}
		if start >= end {
			return
		}
		s := &Sentence{Index: len(d.Sentences), Start: start, End: end, Text: text[start:end]}
		for _, m := range mentions {
			if m.Start >= start && m.End <= end {
				s.Mentions = append(s.Mentions, m)
			}
		}
		for _, a := range affs {
			if a.Start >= start && a.End <= end {
				s.Affiliations = append(s.Affiliations, a)
			}
		}
		d.Sentences = append(d.Sentences, s)
		start = end
	}
	for i := 0; i < len(text); i++ {
		switch {
		case text[i] == '\n':
			cut(i)
		case strings.ContainsRune(".!?", rune(text[i])) && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n'):
			cut(i + 1)
		}
	}
	cut(len(text))
	return d
}

func kindOf(tb testing.TB, id string) tradegraph.ActorKind {
	tb.Helper()
	prefix, _, _ := strings.Cut(id, ":")
	for _, k := range tradegraph.ActorKinds {
		if k.IDPrefix() == prefix {
			return k
		}
	}
	tb.Fatalf("id %q: unknown kind", id)
	return ""
}

// withRole gives the first mention of person the role that follows it in
// the text (an appositive) or, failing that, precedes it (a title before
// the name), as the mention stage does, and marks the mentions inside the
// role.
func withRole(tb testing.TB, d *Document, person, role string) {
	tb.Helper()
	for _, s := range d.Sentences {
		for _, m := range s.Mentions {
			if m.Text != person {
				continue
			}
			m.Role = role
			if i := strings.Index(d.Text[m.End:], role); i >= 0 {
				m.RoleSpan = [2]int{m.End + i, m.End + i + len(role)}
			} else if i := strings.LastIndex(d.Text[:m.Start], role); i >= 0 {
				m.RoleSpan = [2]int{i, i + len(role)} // a title before the name
			} else {
				tb.Fatalf("role %q not next to %q", role, person)
			}
			for _, o := range s.Mentions {
				if o.Start >= m.RoleSpan[0] && o.End <= m.RoleSpan[1] {
					o.InRole = true
				}
			}
			return
		}
	}
	tb.Fatalf("person %q not mentioned", person)
}

// testBodies stands in for the gazetteer.
func testBodies() bodies {
	body := func(id, name, country string) tradegraph.Actor {
		return tradegraph.Actor{ID: id, Kind: tradegraph.Ministry, Name: name, Country: country}
	}
	country := func(code, name string) tradegraph.Actor {
		return tradegraph.Actor{ID: "country:" + code, Kind: tradegraph.Country, Name: name}
	}
	return newTitleIndex([]titled{
		{"secretary of commerce", body("ministry:us-commerce", "US Department of Commerce", "US")},
		{"commerce secretary", body("ministry:us-commerce", "US Department of Commerce", "US")},
		{"minister of economy, trade and industry", body("ministry:jp-meti", "METI", "JP")},
		{"minister of commerce", body("ministry:cn-mofcom", "Ministry of Commerce", "CN")},
		{"minister of commerce", body("ministry:in-commerce", "Ministry of Commerce and Industry", "IN")},
	}, []tradegraph.Actor{
		country("US", "United States"), country("JP", "Japan"), country("CN", "China"),
		country("TW", "Taiwan"), country("IN", "India"), country("AU", "Australia"),
	})
}

// want is one expected relation. About is checked when not empty; Hedged
// and ReportedBy always.
type want struct {
	edge       string // "TYPE from to"
	about      string
	hedged     bool
	by         string
	concerning []string
}

func edge(r *tradegraph.Relation) string { return fmt.Sprintf("%s %s %s", r.Type, r.From, r.To) }

type relCase struct {
	name   string
	text   string
	actors []string
	roles  [][2]string // person, role
	want   []want      // exactly these edges; nil means none
}

func runCases(t *testing.T, cases []relCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := handDoc(t, c.text, c.actors...)
			for _, r := range c.roles {
				withRole(t, d, r[0], r[1])
			}
			got := findRelations(d, testBodies())
			var gotEdges, wantEdges []string
			for _, r := range got {
				gotEdges = append(gotEdges, edge(r))
			}
			for _, w := range c.want {
				wantEdges = append(wantEdges, w.edge)
			}
			slices.Sort(gotEdges)
			slices.Sort(wantEdges)
			if !slices.Equal(gotEdges, wantEdges) {
				t.Fatalf("edges:\n got %q\nwant %q\n%s", gotEdges, wantEdges, dump(got))
			}
			for _, w := range c.want {
				i := slices.IndexFunc(got, func(r *tradegraph.Relation) bool { return edge(r) == w.edge })
				r := got[i]
				if w.about != "" && r.About != w.about {
					t.Errorf("%s: about %q, want %q", w.edge, r.About, w.about)
				}
				if r.Hedged != w.hedged {
					t.Errorf("%s: hedged %v, want %v", w.edge, r.Hedged, w.hedged)
				}
				if r.ReportedBy != w.by {
					t.Errorf("%s: reportedBy %q, want %q", w.edge, r.ReportedBy, w.by)
				}
				if w.concerning != nil && !slices.Equal(r.Concerning, w.concerning) {
					t.Errorf("%s: concerning %q, want %q", w.edge, r.Concerning, w.concerning)
				}
				checkWellFormed(t, d, r)
			}
		})
	}
}

// checkWellFormed checks what every relation must carry.
func checkWellFormed(tb testing.TB, d *Document, r *tradegraph.Relation) {
	tb.Helper()
	if !r.Type.Valid() || r.From == "" || r.To == "" || r.From == r.To {
		tb.Errorf("bad ends: %s", edge(r))
	}
	if r.Rule == "" || r.Evidence == "" || r.Confidence <= 0 || r.Confidence > 1 {
		tb.Errorf("%s: rule %q, evidence %q, confidence %v", edge(r), r.Rule, r.Evidence, r.Confidence)
	}
	if got := string([]rune(d.Text)[r.Span[0]:r.Span[1]]); got != r.Evidence {
		tb.Errorf("%s: span %v holds %q, not the evidence %q", edge(r), r.Span, got, r.Evidence)
	}
	for _, id := range []string{r.From, r.To} {
		if d.Actors[id] == nil {
			tb.Errorf("%s: actor %s not in the document", edge(r), id)
		}
	}
}

func dump(rs []*tradegraph.Relation) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "  %s [%s] about=%q conc=%v hedged=%v by=%q conf=%.2f\n", edge(r), r.Rule, r.About, r.Concerning, r.Hedged, r.ReportedBy, r.Confidence)
	}
	return b.String()
}

var (
	us     = "the United States=country:US"
	usCap  = "The United States=country:US"
	usS    = "US=country:US"
	japan  = "Japan=country:JP"
	china  = "China=country:CN"
	cnAuth = "Chinese authorities=country:CN"
	beijin = "Beijing=country:CN"
	taiwan = "Taiwan=country:TW"
	india  = "India=country:IN"
	eu     = "the EU=organization:eu"
	huawei = "Huawei=company:huawei"
	smic   = "SMIC=company:smic"
	ymtc   = "YMTC=company:ymtc"
	cxmt   = "CXMT=company:cxmt"
	ali    = "Alibaba=company:alibaba"
	aliEx  = "AliExpress=company:aliexpress"
	jackMa = "Jack Ma=person:jack-ma"
	reut   = "Reuters=company:reuters"
	kyodo  = "Kyodo News=company:kyodo-news"
	nikkei = "Nikkei Asia=company:nikkei-asia"
	asml   = "ASML=company:asml"
	nvidia = "Nvidia=company:nvidia"
	toyota = "Toyota=company:toyota"
)

func TestRequested(t *testing.T) {
	runCases(t, []relCase{
		{name: "asked to", text: "The United States has asked Japan to tighten controls on chip tools bound for China.",
			actors: []string{usCap, japan, china},
			want:   []want{{edge: "REQUESTED country:US country:JP", about: "tighten controls on chip tools bound for China", concerning: []string{"country:CN"}}}},
		{name: "urged list", text: "Beijing urged Japan and the EU to resist pressure from Washington.",
			actors: []string{beijin, japan, eu, "Washington=country:US"},
			want: []want{{edge: "REQUESTED country:CN country:JP", about: "resist pressure from Washington"},
				{edge: "REQUESTED country:CN organization:eu"}}},
		{name: "called on, hedged", text: "China reportedly called on India to drop the new duties.",
			actors: []string{china, india},
			want:   []want{{edge: "REQUESTED country:CN country:IN", about: "drop the new duties", hedged: true}}},
		{name: "negated", text: "Japan did not ask the United States to lift the duties.",
			actors: []string{japan, us}},
		{name: "refused", text: "Japan refused to press China to stop the exports.",
			actors: []string{japan, china}},
		{name: "no to-clause", text: "Japan asked about the United States and China.",
			actors: []string{japan, us, china}},
		{name: "attributed", text: "The United States pressed Japan to join the curbs, according to Reuters.",
			actors: []string{usCap, japan, reut},
			want:   []want{{edge: "REQUESTED country:US country:JP", about: "join the curbs", hedged: true, by: "company:reuters"}}},
		{name: "conveyed", text: "Japan asked India to cut duties. The request was delivered by Fumio Kishida to Narendra Modi.",
			actors: []string{japan, india, "Fumio Kishida=person:fumio-kishida", "Narendra Modi=person:narendra-modi"},
			want: []want{{edge: "REQUESTED country:JP country:IN", about: "cut duties"},
				{edge: "REQUESTED person:fumio-kishida person:narendra-modi", about: "cut duties"}}},
	})
}

func TestBanned(t *testing.T) {
	runCases(t, []relCase{
		{name: "halted imports of", text: "Chinese authorities halted imports of seafood from Taiwan in connection with a new customs system in China.",
			actors: []string{cnAuth, taiwan, china},
			want:   []want{{edge: "BANNED country:CN country:TW", about: "imports of seafood"}}},
		{name: "banned goods imports", text: "China banned Japanese seafood imports from Japan after the release.",
			actors: []string{china, japan},
			want:   []want{{edge: "BANNED country:CN country:JP", about: "Japanese seafood imports"}}},
		{name: "possessor noun", text: "China's ban on pineapples from Taiwan hurt farmers.",
			actors: []string{china, taiwan},
			want:   []want{{edge: "BANNED country:CN country:TW", about: "ban on pineapples"}}},
		{name: "reported", text: "Kyodo News reported that China suspended imports of beef from Japan.",
			actors: []string{kyodo, china, japan},
			want:   []want{{edge: "BANNED country:CN country:JP", about: "imports of beef", by: "company:kyodo-news"}}},
		{name: "negated", text: "China has not banned imports of seafood from Taiwan.",
			actors: []string{china, taiwan}},
		{name: "hypothetical", text: "China could halt imports of fruit from Taiwan.",
			actors: []string{china, taiwan}},
		{name: "lifted ban", text: "China lifted its ban on seafood from Japan.",
			actors: []string{china, japan}},
		{name: "announced ban", text: "China announced a ban on seafood from Japan.",
			actors: []string{china, japan},
			want:   []want{{edge: "BANNED country:CN country:JP", about: "ban on seafood"}}},
		{name: "goods by demonym", text: "China banned imports of Japanese seafood.",
			actors: []string{china, "Japanese seafood=aff:country:JP"},
			want:   []want{{edge: "BANNED country:CN country:JP", about: "imports of Japanese seafood"}}},
		{name: "decided to", text: "China decided to halt imports of fruit from Taiwan.",
			actors: []string{china, taiwan},
			want:   []want{{edge: "BANNED country:CN country:TW", about: "imports of fruit"}}},
		{name: "asked to is not done", text: "Japan asked China to halt imports of fruit from Taiwan.",
			actors: []string{japan, china, taiwan},
			want:   []want{{edge: "REQUESTED country:JP country:CN", about: "halt imports of fruit from Taiwan", concerning: []string{"country:TW"}}}},
		{name: "company cannot ban imports", text: "Alibaba stopped imports of toys from Japan.",
			actors: []string{ali, japan}},
	})
}

func TestRestrictedExports(t *testing.T) {
	runCases(t, []relCase{
		{name: "barred sales", text: "The United States barred chip sales to Huawei last year.",
			actors: []string{usCap, huawei},
			want:   []want{{edge: "RESTRICTED_EXPORTS country:US company:huawei", about: "chip sales"}}},
		{name: "export controls on list", text: "Japan imposed export controls on SMIC, YMTC and CXMT.",
			actors: []string{japan, smic, ymtc, cxmt},
			want: []want{{edge: "RESTRICTED_EXPORTS country:JP company:smic", about: "export controls"},
				{edge: "RESTRICTED_EXPORTS country:JP company:ymtc"}, {edge: "RESTRICTED_EXPORTS country:JP company:cxmt"}}},
		{name: "licences", text: "The Bureau of Industry and Security required licences for shipments to SMIC.",
			actors: []string{"The Bureau of Industry and Security=ministry:us-bis", smic},
			want:   []want{{edge: "RESTRICTED_EXPORTS ministry:us-bis company:smic", about: "licences for shipments"}, {edge: "PART_OF ministry:us-bis country:US"}}},
		{name: "negated", text: "The Netherlands has no longer restricted sales to China.",
			actors: []string{"The Netherlands=country:NL", china}},
		{name: "hedged", text: "Japan was said to have banned chip exports to China.",
			actors: []string{japan, china},
			want:   []want{{edge: "RESTRICTED_EXPORTS country:JP country:CN", about: "chip exports", hedged: true}}},
	})
}

func TestSanctioned(t *testing.T) {
	runCases(t, []relCase{
		{name: "entity list", text: "The United States added Huawei, SMIC and YMTC to the Entity List.",
			actors: []string{"The United States=country:US", huawei, smic, ymtc},
			want: []want{{edge: "SANCTIONED country:US company:huawei", about: "Entity List"},
				{edge: "SANCTIONED country:US company:smic"}, {edge: "SANCTIONED country:US company:ymtc"}}},
		{name: "passive", text: "SMIC and YMTC were blacklisted by the United States in 2020.",
			actors: []string{smic, ymtc, us},
			want:   []want{{edge: "SANCTIONED country:US company:smic"}, {edge: "SANCTIONED country:US company:ymtc"}}},
		{name: "verb", text: "The EU sanctioned Huawei over its deals, Reuters reported.",
			actors: []string{"The EU=organization:eu", huawei, reut},
			want:   []want{{edge: "SANCTIONED organization:eu company:huawei", by: "company:reuters"}}},
		{name: "denied", text: "Washington denied plans to sanction Huawei.",
			actors: []string{"Washington=country:US", huawei}},
		{name: "sanctions as a noun", text: "Beijing criticised the sanctions Japan imposed.",
			actors: []string{beijin, japan}},
		{name: "list ends at a new clause", text: "The EU has blacklisted Huawei and SMIC, and China retaliated.",
			actors: []string{"The EU=organization:eu", huawei, smic, china},
			want:   []want{{edge: "SANCTIONED organization:eu company:huawei"}, {edge: "SANCTIONED organization:eu company:smic"}}},
		{name: "serial comma", text: "The EU sanctioned Huawei, SMIC, and YMTC.",
			actors: []string{"The EU=organization:eu", huawei, smic, ymtc},
			want: []want{{edge: "SANCTIONED organization:eu company:huawei"}, {edge: "SANCTIONED organization:eu company:smic"},
				{edge: "SANCTIONED organization:eu company:ymtc"}}},
		{name: "allegedly", text: "China allegedly blacklisted Nvidia.",
			actors: []string{china, nvidia},
			want:   []want{{edge: "SANCTIONED country:CN company:nvidia", hedged: true}}},
	})
}

func TestImposedTariff(t *testing.T) {
	runCases(t, []relCase{
		{name: "imposed on", text: "The United States imposed tariffs of 25% on China.",
			actors: []string{usCap, china},
			want:   []want{{edge: "IMPOSED_TARIFF country:US country:CN", about: "tariffs of 25%"}}},
		{name: "raised duties on goods from", text: "India raised duties on steel from China and Japan.",
			actors: []string{india, china, japan},
			want: []want{{edge: "IMPOSED_TARIFF country:IN country:CN", about: "duties on steel"},
				{edge: "IMPOSED_TARIFF country:IN country:JP"}}},
		{name: "noun", text: "The EU's anti-dumping duties on China took effect.",
			actors: []string{"The EU=organization:eu", china},
			want:   []want{{edge: "IMPOSED_TARIFF organization:eu country:CN"}}},
		{name: "duties on demonym goods", text: "China imposed duties on Australian wine in 2020.",
			actors: []string{china, "Australian wine=aff:country:AU"},
			want:   []want{{edge: "IMPOSED_TARIFF country:CN country:AU", about: "duties"}}},
		{name: "noun near a bystander", text: "Japan is worried about tariffs on China.",
			actors: []string{japan, china}},
		{name: "threatened", text: "The United States threatened to impose tariffs on Japan.",
			actors: []string{usCap, japan}},
		{name: "ruled out", text: "India ruled out raising tariffs on Taiwan.",
			actors: []string{india, taiwan}},
	})
}

func TestRelocatedTo(t *testing.T) {
	runCases(t, []relCase{
		{name: "appositive subject", text: "Jack Ma, founder of Alibaba and owner of AliExpress, relocated to Japan.",
			actors: []string{jackMa, ali, aliEx, japan},
			roles:  [][2]string{{"Jack Ma", "founder of Alibaba and owner of AliExpress"}},
			want: []want{{edge: "RELOCATED_TO person:jack-ma country:JP"},
				{edge: "FOUNDED person:jack-ma company:alibaba"}, {edge: "OWNS person:jack-ma company:aliexpress"}}},
		{name: "governing hedge", text: "Nikkei Asia coverage suggested that Jack Ma moved to Japan.",
			actors: []string{nikkei, jackMa, japan},
			want:   []want{{edge: "RELOCATED_TO person:jack-ma country:JP", hedged: true, by: "company:nikkei-asia"}}},
		{name: "company", text: "Toyota has moved its headquarters to China.",
			actors: []string{toyota, china},
			want:   []want{{edge: "RELOCATED_TO company:toyota country:CN"}}},
		{name: "country cannot relocate", text: "Japan moved to China.", actors: []string{japan, china}},
		{name: "never", text: "Jack Ma never settled in Japan.", actors: []string{jackMa, japan}},
	})
}

func TestMetAgreedCriticized(t *testing.T) {
	runCases(t, []relCase{
		{name: "held talks", text: "Japan held trade talks with India on Monday.",
			actors: []string{japan, india},
			want:   []want{{edge: "MET_WITH country:JP country:IN"}}},
		{name: "met", text: "Fumio Kishida met Narendra Modi in Delhi.",
			actors: []string{"Fumio Kishida=person:fumio-kishida", "Narendra Modi=person:narendra-modi"},
			want:   []want{{edge: "MET_WITH person:fumio-kishida person:narendra-modi"}}},
		{name: "not met", text: "Japan has not met with China since May.", actors: []string{japan, china}},
		{name: "subject list", text: "Japan and India held talks with China.",
			actors: []string{japan, india, china},
			want:   []want{{edge: "MET_WITH country:JP country:CN"}, {edge: "MET_WITH country:IN country:CN"}}},
		{name: "title before the object", text: "Olaf Scholz met Chinese President Xi Jinping.",
			actors: []string{"Olaf Scholz=person:olaf-scholz", "Chinese=country:CN", "Xi Jinping=person:xi-jinping"},
			roles:  [][2]string{{"Xi Jinping", "Chinese President"}},
			want: []want{{edge: "MET_WITH person:olaf-scholz person:xi-jinping"},
				{edge: "HOLDS_ROLE person:xi-jinping country:CN", about: "President"}}},
		{name: "agreed to is not done", text: "Japan agreed with India to restrict sales to China.",
			actors: []string{japan, india, china},
			want:   []want{{edge: "AGREED_WITH country:JP country:IN", about: "restrict sales to China", concerning: []string{"country:CN"}}}},
		{name: "signed deal", text: "Japan signed a chip supply deal with the United States.",
			actors: []string{japan, us},
			want:   []want{{edge: "AGREED_WITH country:JP country:US", about: "chip supply deal"}}},
		{name: "reached agreement, reported", text: "India reached an agreement with Taiwan, Reuters said.",
			actors: []string{india, taiwan, reut},
			want:   []want{{edge: "AGREED_WITH country:IN country:TW", about: "agreement", by: "company:reuters"}}},
		{name: "agreed with, hedged", text: "China reportedly agreed with Japan on seafood checks.",
			actors: []string{china, japan},
			want:   []want{{edge: "AGREED_WITH country:CN country:JP", hedged: true}}},
		{name: "criticised", text: "Beijing criticised Tokyo for joining the controls.",
			actors: []string{beijin, "Tokyo=country:JP"},
			want:   []want{{edge: "CRITICIZED country:CN country:JP", about: "joining the controls"}}},
		{name: "condemned list", text: "China condemned Japan and the United States over the curbs.",
			actors: []string{china, japan, us},
			want:   []want{{edge: "CRITICIZED country:CN country:JP"}, {edge: "CRITICIZED country:CN country:US"}}},
		{name: "complaint and participle", text: "Taiwan filed a complaint against China at the WTO, criticising Beijing's curbs.",
			actors: []string{taiwan, china, "the WTO=organization:wto", beijin},
			want:   []want{{edge: "CRITICIZED country:TW country:CN", about: "complaint"}}},
		{name: "protested, declined", text: "Taiwan declined to protest China's move.", actors: []string{taiwan, china}},
		{name: "slammed passive", text: "Japan was slammed by China for the release.",
			actors: []string{japan, china},
			want:   []want{{edge: "CRITICIZED country:CN country:JP"}}},
	})
}

func TestInvestedAcquired(t *testing.T) {
	runCases(t, []relCase{
		{name: "invested in", text: "Toyota invested $2 billion in India last year.",
			actors: []string{toyota, india},
			want:   []want{{edge: "INVESTED_IN company:toyota country:IN", about: "$2 billion"}}},
		{name: "stake", text: "Alibaba took a 10% stake in Ant Group.",
			actors: []string{ali, "Ant Group=company:ant-group"},
			want:   []want{{edge: "INVESTED_IN company:alibaba company:ant-group", about: "10% stake"}}},
		{name: "pledged, hedged", text: "Nvidia is rumoured to have pledged funds in Japan.",
			actors: []string{nvidia, japan},
			want:   []want{{edge: "INVESTED_IN company:nvidia country:JP", hedged: true}}},
		{name: "acquired", text: "Alibaba acquired AliExpress in 2010.",
			actors: []string{ali, aliEx},
			want:   []want{{edge: "ACQUIRED company:alibaba company:aliexpress"}}},
		{name: "acquired passive", text: "ASML was acquired by Nvidia.",
			actors: []string{asml, nvidia},
			want:   []want{{edge: "ACQUIRED company:nvidia company:asml"}}},
		{name: "took over list", text: "Toyota took over ASML and Nvidia.",
			actors: []string{toyota, asml, nvidia},
			want:   []want{{edge: "ACQUIRED company:toyota company:asml"}, {edge: "ACQUIRED company:toyota company:nvidia"}}},
		{name: "declined to buy", text: "Toyota declined to buy ASML.", actors: []string{toyota, asml}},
	})
}

func TestRolesFoundedOwns(t *testing.T) {
	runCases(t, []relCase{
		{name: "title body", text: "Gene Raymond, the US Secretary of Commerce, met Japan.",
			actors: []string{"Gene Raymond=person:gene-raymond", usS, japan},
			roles:  [][2]string{{"Gene Raymond", "the US Secretary of Commerce"}},
			want: []want{{edge: "HOLDS_ROLE person:gene-raymond ministry:us-commerce", about: "Secretary of Commerce"},
				{edge: "PART_OF ministry:us-commerce country:US"},
				{edge: "MET_WITH person:gene-raymond country:JP"}}},
		{name: "possessive title body", text: "They met Yasutoshi Nishimura, Japan’s Minister of Economy, Trade and Industry.",
			actors: []string{"Yasutoshi Nishimura=person:yasutoshi-nishimura", japan},
			roles:  [][2]string{{"Yasutoshi Nishimura", "Japan’s Minister of Economy, Trade and Industry"}},
			want: []want{{edge: "HOLDS_ROLE person:yasutoshi-nishimura ministry:jp-meti", about: "Minister of Economy, Trade and Industry"},
				{edge: "PART_OF ministry:jp-meti country:JP"}}},
		{name: "shared title picks the country", text: "Piyush Goyal, India's Minister of Commerce, spoke.",
			actors: []string{"Piyush Goyal=person:piyush-goyal", india},
			roles:  [][2]string{{"Piyush Goyal", "India's Minister of Commerce"}},
			want: []want{{edge: "HOLDS_ROLE person:piyush-goyal ministry:in-commerce", about: "Minister of Commerce"},
				{edge: "PART_OF ministry:in-commerce country:IN"}}},
		{name: "title country", text: "Fumio Kishida, Japan's prime minister, spoke.",
			actors: []string{"Fumio Kishida=person:fumio-kishida", japan},
			roles:  [][2]string{{"Fumio Kishida", "Japan's prime minister"}},
			want:   []want{{edge: "HOLDS_ROLE person:fumio-kishida country:JP", about: "prime minister"}}},
		{name: "chief executive of", text: "Ren Zhengfei, chief executive of Huawei, spoke.",
			actors: []string{"Ren Zhengfei=person:ren-zhengfei", huawei},
			roles:  [][2]string{{"Ren Zhengfei", "chief executive of Huawei"}},
			want:   []want{{edge: "HOLDS_ROLE person:ren-zhengfei company:huawei", about: "chief executive"}}},
		{name: "co-founder", text: "Jack Ma, co-founder of Alibaba, spoke.",
			actors: []string{jackMa, ali},
			roles:  [][2]string{{"Jack Ma", "co-founder of Alibaba"}},
			want:   []want{{edge: "FOUNDED person:jack-ma company:alibaba"}}},
		{name: "founded verb", text: "Jack Ma founded Alibaba in 1999.",
			actors: []string{jackMa, ali},
			want:   []want{{edge: "FOUNDED person:jack-ma company:alibaba"}}},
		{name: "founded passive", text: "Alibaba was founded by Jack Ma.",
			actors: []string{ali, jackMa},
			want:   []want{{edge: "FOUNDED person:jack-ma company:alibaba"}}},
		{name: "found is not founded", text: "Investigators found Alibaba at fault.", actors: []string{"Investigators=person:x", ali}},
		{name: "owns", text: "Jack Ma owns AliExpress.", actors: []string{jackMa, aliEx},
			want: []want{{edge: "OWNS person:jack-ma company:aliexpress"}}},
		{name: "owned by", text: "AliExpress, owned by Jack Ma, grew.", actors: []string{aliEx, jackMa},
			want: []want{{edge: "OWNS person:jack-ma company:aliexpress"}}},
		{name: "export controls are not ownership", text: "Japan controls on China were tightened.", actors: []string{japan, china}},
		{name: "ministry named", text: "The Ministry of Commerce criticised Japan.",
			actors: []string{"The Ministry of Commerce=ministry:cn-mofcom", japan},
			want: []want{{edge: "CRITICIZED ministry:cn-mofcom country:JP"},
				{edge: "PART_OF ministry:cn-mofcom country:CN"}}},
	})
}

// TestRoleTargets checks that targets the mention stage resolved are used
// as given.
func TestRoleTargets(t *testing.T) {
	d := handDoc(t, "Jack Ma, co-founder of Alibaba, spoke.", jackMa, ali)
	withRole(t, d, "Jack Ma", "co-founder of Alibaba")
	d.Sentences[0].Mentions[0].RoleTargets = []RoleTarget{{ActorID: "company:alibaba", Kind: tradegraph.Company, Title: "co-founder"}}
	got := findRelations(d, testBodies())
	if len(got) != 1 || edge(got[0]) != "FOUNDED person:jack-ma company:alibaba" || got[0].Rule != "founded.role" {
		t.Fatalf("got\n%s", dump(got))
	}
}

// TestAttributionNextSentence checks that a sentence naming only a source
// attributes the sentence before it, and nothing further back.
func TestAttributionNextSentence(t *testing.T) {
	d := handDoc(t, "Japan banned imports of beef from India. China asked Japan to lift it. The update comes from Kyodo News and signals more.",
		japan, india, china, kyodo)
	got := findRelations(d, testBodies())
	by := map[string]string{}
	for _, r := range got {
		by[edge(r)] = r.ReportedBy
	}
	if by["REQUESTED country:CN country:JP"] != "company:kyodo-news" || by["BANNED country:JP country:IN"] != "" {
		t.Fatalf("reportedBy %v\n%s", by, dump(got))
	}
}

// TestAttributionParagraph checks that an outlet opening a paragraph
// attributes that paragraph only.
func TestAttributionNotBackwards(t *testing.T) {
	d := handDoc(t, "China criticised Japan. The ministry added firms to a list, according to Reuters.", china, japan, reut)
	got := findRelations(d, testBodies())
	if len(got) != 1 || got[0].ReportedBy != "" {
		t.Fatalf("a sentence citing its own source attributed the one before:\n%s", dump(got))
	}
}

func TestAttributionParagraph(t *testing.T) {
	d := handDoc(t, "In other news, Reuters reported that India held talks with Japan. India also signed a deal with Taiwan.\nChina criticised Japan.",
		reut, india, japan, taiwan, china)
	got := findRelations(d, testBodies())
	by := map[string]string{}
	for _, r := range got {
		by[edge(r)] = r.ReportedBy
		if r.From == "company:reuters" || r.To == "company:reuters" {
			t.Errorf("outlet as an end: %s", edge(r))
		}
	}
	if by["MET_WITH country:IN country:JP"] != "company:reuters" || by["AGREED_WITH country:IN country:TW"] != "company:reuters" || by["CRITICIZED country:CN country:JP"] != "" {
		t.Fatalf("reportedBy %v\n%s", by, dump(got))
	}
}

func TestConfidence(t *testing.T) {
	if a, b := confidence(0.9, 0, false), confidence(0.9, 6, false); a <= b {
		t.Errorf("distance does not lower confidence: %v <= %v", a, b)
	}
	if a, b := confidence(0.9, 0, false), confidence(0.9, 0, true); a <= b {
		t.Errorf("hedging does not lower confidence: %v <= %v", a, b)
	}
	if c := confidence(1, 0, false); c != 1 {
		t.Errorf("confidence(1, 0, false) = %v", c)
	}
}

// seedFacts are the relations DESIGN.md §1 requires from the seed article.
var seedFacts = []want{
	{edge: "REQUESTED country:US country:JP", about: "join efforts aimed at curbing China’s progress in semiconductor development",
		concerning: []string{"country:CN"}, by: "company:kyodo-news"},
	{edge: "REQUESTED person:gene-raymond person:yasutoshi-nishimura", hedged: true},
	{edge: "HOLDS_ROLE person:gene-raymond ministry:us-commerce", about: "Secretary of Commerce"},
	{edge: "HOLDS_ROLE person:yasutoshi-nishimura ministry:jp-meti", about: "Minister of Economy, Trade and Industry"},
	{edge: "PART_OF ministry:jp-meti country:JP"},
	{edge: "BANNED country:CN country:TW", about: "imports of seafood", by: "company:taiwan-international-radio"},
	{edge: "RELOCATED_TO person:jack-ma country:JP", hedged: true, by: "company:financial-times"},
	{edge: "FOUNDED person:jack-ma company:alibaba"},
	{edge: "OWNS person:jack-ma company:aliexpress"},
}

// checkSeed checks the seed facts and the absence of absurd edges in the
// relations of the seed article. Facts are checked for Hedged only where
// the want says hedged (attribution of roles is not part of the facts).
func checkSeed(t *testing.T, d *Document, got []*tradegraph.Relation, outlets []string) {
	t.Helper()
	for _, w := range seedFacts {
		i := slices.IndexFunc(got, func(r *tradegraph.Relation) bool { return edge(r) == w.edge })
		if i < 0 {
			t.Errorf("missing %s", w.edge)
			continue
		}
		r := got[i]
		if w.about != "" && r.About != w.about {
			t.Errorf("%s: about %q, want %q", w.edge, r.About, w.about)
		}
		if w.hedged && !r.Hedged {
			t.Errorf("%s: not hedged", w.edge)
		}
		if w.by != "" && r.ReportedBy != w.by {
			t.Errorf("%s: reportedBy %q, want %q", w.edge, r.ReportedBy, w.by)
		}
		if w.concerning != nil && !slices.Equal(r.Concerning, w.concerning) {
			t.Errorf("%s: concerning %q, want %q", w.edge, r.Concerning, w.concerning)
		}
	}
	for _, r := range got {
		checkWellFormed(t, d, r)
		if slices.Contains(outlets, r.From) || slices.Contains(outlets, r.To) {
			t.Errorf("outlet as an end: %s", edge(r))
		}
		if strings.Contains(strings.ToLower(r.From), "observer") || strings.Contains(strings.ToLower(r.To), "observer") {
			t.Errorf("edge from Observers: %s", edge(r))
		}
		if r.Type == tradegraph.Banned && r.To == "country:JP" {
			t.Errorf("Japan banned nothing: %s", edge(r))
		}
	}
	if t.Failed() {
		t.Logf("relations:\n%s", dump(got))
	}
}

// TestSeedHand runs the relation stage on the seed article with mentions
// made by hand the way the mention stage makes them.
func TestSeedHand(t *testing.T) {
	text, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	d := handDoc(t, string(text),
		"US authorities=country:US", "the Japanese government=country:JP", "China=country:CN",
		"Kyodo News=company:kyodo-news", "Washington=country:US", "Tokyo=country:JP",
		"the US=country:US", "The US=country:US", "US=country:US", "Japan=country:JP", "Beijing=country:CN",
		"Gene Raymond=person:gene-raymond", "Yasutoshi Nishimura=person:yasutoshi-nishimura",
		"Taiwan International Radio=company:taiwan-international-radio", "Chinese authorities=country:CN",
		"Taiwan=country:TW", "Financial Times=company:financial-times", "Jack Ma=person:jack-ma",
		"Alibaba=company:alibaba", "AliExpress=company:aliexpress", "Europe=organization:eu")
	withRole(t, d, "Gene Raymond", "the US Secretary of Commerce")
	withRole(t, d, "Yasutoshi Nishimura", "Japan’s Minister of Economy, Trade and Industry")
	withRole(t, d, "Jack Ma", "founder of Alibaba and owner of AliExpress")
	got := findRelations(d, testBodies())
	checkSeed(t, d, got, []string{"company:kyodo-news", "company:taiwan-international-radio", "company:financial-times"})
	t.Logf("relations:\n%s", dump(got))
}
