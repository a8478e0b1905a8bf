package gazetteer_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader/gazetteer"
)

// unMembers are the alpha-2 codes of the 193 UN member states.
var unMembers = strings.Fields(`AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI
CV KH CM CA CF TD CL CN CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR
GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP KR KW KG LA LV LB LS LR LY LI LT LU MG MW MY MV
ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA RO RU RW KN
LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV UG UA AE GB US
UY UZ VU VE VN YE ZM ZW`)

func TestDefaultHasEveryCountry(t *testing.T) {
	if len(unMembers) != 193 {
		t.Fatalf("test list has %d UN members, want 193", len(unMembers))
	}
	g := gazetteer.Default()
	want := append(slices.Clone(unMembers), "TW", "HK", "MO", "PS", "VA")
	for _, code := range want {
		e, ok := g.ByID("country:" + code)
		if !ok {
			t.Errorf("country:%s missing", code)
			continue
		}
		if e.Kind != tradegraph.Country {
			t.Errorf("country:%s has kind %s", code, e.Kind)
		}
		if len(e.Demonyms) == 0 && code != "VA" {
			t.Errorf("country:%s (%s) has no demonym", code, e.Name)
		}
	}
	eu, ok := g.ByID("organization:eu")
	if !ok || eu.Kind != tradegraph.Organization || eu.Name != "European Union" {
		t.Fatalf("organization:eu = %+v, %v", eu, ok)
	}
	if !slices.Contains(eu.Aliases, "EU") || !slices.Contains(eu.Capitals, "Brussels") || len(eu.Demonyms) != 0 {
		t.Errorf("organization:eu = %+v", eu)
	}
}

func TestDefaultSpotChecks(t *testing.T) {
	g := gazetteer.Default()
	get := func(id string) gazetteer.Entry {
		t.Helper()
		e, ok := g.ByID(id)
		if !ok {
			t.Fatalf("%s missing", id)
		}
		return e
	}
	us := get("country:US")
	if us.Name != "United States" || !slices.Contains(us.Aliases, "U.S.") || !slices.Contains(us.Capitals, "Washington") || !slices.Contains(us.Demonyms, "American") {
		t.Errorf("country:US = %+v", us)
	}
	jp := get("country:JP")
	if !slices.Contains(jp.Demonyms, "Japanese") || !slices.Contains(jp.Capitals, "Tokyo") {
		t.Errorf("country:JP = %+v", jp)
	}
	names := map[string]string{"KR": "South Korea", "RU": "Russia", "IR": "Iran", "TW": "Taiwan", "VN": "Vietnam", "CN": "China", "GB": "United Kingdom"}
	for code, name := range names {
		if e := get("country:" + code); e.Name != name {
			t.Errorf("country:%s name = %q, want %q", code, e.Name, name)
		}
	}
	meti := get("ministry:jp-meti")
	if meti.Kind != tradegraph.Ministry || meti.Country != "JP" || !slices.Contains(meti.Aliases, "METI") || !slices.Contains(meti.Titles, "Minister of Economy, Trade and Industry") {
		t.Errorf("ministry:jp-meti = %+v", meti)
	}
	commerce := get("ministry:us-commerce")
	if commerce.Country != "US" || !slices.Contains(commerce.Titles, "Secretary of Commerce") {
		t.Errorf("ministry:us-commerce = %+v", commerce)
	}
	if ec := get("ministry:eu-commission"); ec.Country != "EU" {
		t.Errorf("ministry:eu-commission country = %q", ec.Country)
	}
	for _, id := range []string{"company:kyodo-news", "company:financial-times", "company:alibaba", "company:aliexpress", "company:taiwan-international-radio", "organization:wto"} {
		get(id)
	}
}

func TestDefaultCounts(t *testing.T) {
	counts := map[tradegraph.ActorKind]int{}
	for _, e := range gazetteer.Default().Entries() {
		counts[e.Kind]++
	}
	// Issue 4: at least 150 companies besides the few dozen media outlets,
	// and 25 organisations.
	minimum := map[tradegraph.ActorKind]int{tradegraph.Country: 196, tradegraph.Ministry: 150, tradegraph.Company: 190, tradegraph.Organization: 30}
	for k, n := range minimum {
		if counts[k] < n {
			t.Errorf("%d entries of kind %s, want at least %d", counts[k], k, n)
		}
	}
	t.Logf("entries by kind: %v", counts)
}

// The government bodies of the 20 largest trading economies and the EU
// are known: at least three each, one of them a trade, commerce or economy
// body.
func TestDefaultCoversLargestTraders(t *testing.T) {
	largest := strings.Fields("CN US DE NL JP FR KR IT HK GB MX CA BE IN SG ES CH TW AE VN EU")
	byCountry := map[string][]gazetteer.Entry{}
	for _, e := range gazetteer.Default().Entries() {
		if e.Kind == tradegraph.Ministry {
			byCountry[e.Country] = append(byCountry[e.Country], e)
		}
	}
	for _, code := range largest {
		bodies := byCountry[code]
		if len(bodies) < 3 {
			t.Errorf("%s: %d government bodies, want at least 3", code, len(bodies))
		}
		trade := false
		for _, e := range bodies {
			for _, form := range append([]string{e.Name}, e.Aliases...) {
				lf := strings.ToLower(form)
				if strings.Contains(lf, "trade") || strings.Contains(lf, "commerce") || strings.Contains(lf, "econom") || strings.Contains(lf, "enterprises") {
					trade = true
				}
			}
		}
		if !trade {
			t.Errorf("%s: no trade, commerce or economy body among %d", code, len(bodies))
		}
	}
}

// Default hands out copies, so one caller's Extend cannot leak into another's.
func TestDefaultIsolated(t *testing.T) {
	g := gazetteer.Default()
	if err := g.Extend([]gazetteer.Entry{{ID: "company:acme-widgets", Kind: tradegraph.Company, Name: "Acme Widgets"}}); err != nil {
		t.Fatal(err)
	}
	if _, ok := gazetteer.Default().ByID("company:acme-widgets"); ok {
		t.Error("Extend on one Default leaked into another")
	}
}

// The data files are kept sorted by id so that diffs read well.
func TestDataFilesSorted(t *testing.T) {
	for _, name := range []string{"countries.jsonl", "actors.jsonl"} {
		f, err := os.Open(filepath.Join("data", name))
		if err != nil {
			t.Fatal(err)
		}
		entries, err := gazetteer.Parse(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !slices.IsSortedFunc(entries, func(a, b gazetteer.Entry) int { return strings.Compare(a.ID, b.ID) }) {
			t.Errorf("%s is not sorted by id", name)
		}
	}
}

func TestEntriesSorted(t *testing.T) {
	g, err := gazetteer.New([]gazetteer.Entry{
		{ID: "country:JP", Kind: tradegraph.Country, Name: "Japan"},
		{ID: "company:sony", Kind: tradegraph.Company, Name: "Sony"},
		{ID: "company:apple", Kind: tradegraph.Company, Name: "Apple"},
	})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range g.Entries() {
		ids = append(ids, e.ID)
	}
	if diff := cmp.Diff([]string{"company:apple", "company:sony", "country:JP"}, ids); diff != "" {
		t.Errorf("Entries ids (-want +got):\n%s", diff)
	}
}

func TestNewRejects(t *testing.T) {
	apple := gazetteer.Entry{ID: "company:apple", Kind: tradegraph.Company, Name: "Apple", Aliases: []string{"Apple Inc."}}
	tests := []struct {
		name    string
		entries []gazetteer.Entry
		want    string
	}{
		{"duplicate id", []gazetteer.Entry{apple, apple}, `duplicate id "company:apple"`},
		{"bad kind", []gazetteer.Entry{{ID: "company:x", Kind: "Firm", Name: "X"}}, `company:x has invalid kind "Firm"`},
		{"wrong prefix", []gazetteer.Entry{{ID: "company:meti", Kind: tradegraph.Ministry, Name: "METI"}}, `id must start with "ministry:"`},
		{"empty name", []gazetteer.Entry{{ID: "company:x", Kind: tradegraph.Company, Name: " "}}, "company:x has no name"},
		{"alias collision", []gazetteer.Entry{apple, {ID: "company:apple-records", Kind: tradegraph.Company, Name: "Apple Records", Aliases: []string{"apple inc."}}},
			`"apple inc." is claimed by both company:apple and company:apple-records`},
		{"name vs demonym", []gazetteer.Entry{{ID: "country:JP", Kind: tradegraph.Country, Name: "Japan", Demonyms: []string{"Japanese"}}, {ID: "company:japanese", Kind: tradegraph.Company, Name: "Japanese"}},
			`"Japanese" is claimed by both`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := gazetteer.New(tt.entries)
			if err == nil {
				t.Fatal("New accepted invalid entries")
			}
			if tradegraph.ErrorCode(err) != tradegraph.EINVALID || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want EINVALID containing %q", err, tt.want)
			}
		})
	}
}

func TestNewAllowsListedAmbiguity(t *testing.T) {
	if !slices.Contains(gazetteer.AmbiguousForms(), "Congo") {
		t.Fatal("Congo is not listed as ambiguous")
	}
	g, err := gazetteer.New([]gazetteer.Entry{
		{ID: "country:CG", Kind: tradegraph.Country, Name: "Republic of the Congo", Aliases: []string{"Congo"}},
		{ID: "country:CD", Kind: tradegraph.Country, Name: "Democratic Republic of the Congo", Aliases: []string{"Congo"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !g.Ambiguous("congo") || g.Ambiguous("Japan") {
		t.Error("Ambiguous disagrees with data/ambiguous.txt")
	}
}

func TestParse(t *testing.T) {
	in := "# comment\n\n{\"id\":\"company:sony\",\"kind\":\"Company\",\"name\":\"Sony\"}\n"
	entries, err := gazetteer.Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]gazetteer.Entry{{ID: "company:sony", Kind: tradegraph.Company, Name: "Sony"}}, entries); diff != "" {
		t.Errorf("Parse (-want +got):\n%s", diff)
	}
	for _, bad := range []string{
		"{\"id\":\"company:a\",\"kind\":\"Company\",\"name\":\"A\"}\n\n{\"id\": oops}\n",
		// A misspelt field name must be refused, not ignored.
		"# one\n{\"id\":\"company:a\",\"kind\":\"Company\",\"name\":\"A\"}\n{\"id\":\"company:b\",\"nmae\":\"B\"}\n", //nolint:misspell
	} {
		_, err := gazetteer.Parse(strings.NewReader(bad))
		if err == nil || !strings.Contains(err.Error(), "line 3") {
			t.Errorf("Parse(%q) error = %v, want it to name line 3", bad, err)
		}
	}
}

func TestExtend(t *testing.T) {
	g, err := gazetteer.New([]gazetteer.Entry{
		{ID: "country:JP", Kind: tradegraph.Country, Name: "Japan"},
		{ID: "company:sony", Kind: tradegraph.Company, Name: "Sony"},
	})
	if err != nil {
		t.Fatal(err)
	}
	err = g.Extend([]gazetteer.Entry{
		{ID: "country:JP", Aliases: []string{"Nippon", "Japan"}},
		{ID: "person:jack-ma", Kind: tradegraph.Person, Name: "Jack Ma", Aliases: []string{"Ma Yun"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	jp, _ := g.ByID("country:JP")
	if diff := cmp.Diff([]string{"Nippon"}, jp.Aliases); diff != "" {
		t.Errorf("JP aliases (-want +got):\n%s", diff)
	}
	if _, ok := g.ByID("person:jack-ma"); !ok {
		t.Error("unknown id not added")
	}
	// A failed Extend changes nothing.
	err = g.Extend([]gazetteer.Entry{
		{ID: "company:sony", Aliases: []string{"Sony Group"}},
		{ID: "company:nippon-ltd", Kind: tradegraph.Company, Name: "Nippon Ltd", Aliases: []string{"Nippon"}},
	})
	if err == nil || !strings.Contains(err.Error(), `"Nippon" is claimed by both`) {
		t.Fatalf("Extend error = %v, want an alias collision", err)
	}
	if sony, _ := g.ByID("company:sony"); len(sony.Aliases) != 0 {
		t.Errorf("failed Extend still changed sony: %+v", sony)
	}
	if err := g.Extend([]gazetteer.Entry{{ID: "company:sony", Kind: tradegraph.Person}}); err == nil {
		t.Error("Extend accepted a kind change")
	}
}

// TestGeneratedUpToDate reruns the generator and fails when the committed
// countries.jsonl differs from what it writes now.
func TestGeneratedUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the generator")
	}
	out := filepath.Join(t.TempDir(), "countries.jsonl")
	cmd := exec.CommandContext(t.Context(), "go", "run", "./internal/gen", "-overlay", "data/country_overlay.tsv", "-out", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generator: %v\n%s", err, b)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("data", "countries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("data/countries.jsonl is stale; run go generate ./loader/gazetteer (-committed +generated):\n%s", diff)
	}
}

// Country fields must point at an entry the gazetteer has, and every
// government body must belong somewhere, or PART_OF edges dangle.
func TestCountryFieldsResolve(t *testing.T) {
	g := gazetteer.Default()
	for _, e := range g.Entries() {
		if e.Kind == tradegraph.Ministry && e.Country == "" {
			t.Errorf("%s has no country", e.ID)
		}
		switch e.Country {
		case "":
		case "EU":
			if _, ok := g.ByID("organization:eu"); !ok {
				t.Errorf("%s: organization:eu missing", e.ID)
			}
		default:
			if _, ok := g.ByID("country:" + e.Country); !ok {
				t.Errorf("%s: country %q is not in the gazetteer", e.ID, e.Country)
			}
		}
	}
}
