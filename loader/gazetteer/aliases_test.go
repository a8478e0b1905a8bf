package gazetteer_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader/gazetteer"
)

func aliasBase(tb testing.TB) *gazetteer.Gazetteer {
	tb.Helper()
	g, err := gazetteer.New([]gazetteer.Entry{
		{ID: "country:JP", Kind: tradegraph.Country, Name: "Japan", Demonyms: []string{"Japanese"}},
		{ID: "country:NL", Kind: tradegraph.Country, Name: "Netherlands"},
		{ID: "country:CG", Kind: tradegraph.Country, Name: "Republic of the Congo", Aliases: []string{"Congo"}},
		{ID: "organization:eu", Kind: tradegraph.Organization, Name: "European Union", Aliases: []string{"EU"}},
		{ID: "ministry:jp-meti", Kind: tradegraph.Ministry, Name: "Ministry of Economy, Trade and Industry", Country: "JP", Aliases: []string{"METI"}},
		{ID: "company:tsmc", Kind: tradegraph.Company, Name: "TSMC"},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

func TestLoadAndWith(t *testing.T) {
	const file = `# Names our analysts use.
{"id": "ministry:jp-meti", "aliases": ["Japan's economy ministry", "METI"]}

{"id": "company:tsmc", "kind": "Company", "name": "Taiwan Semiconductor Manufacturing Co.", "country": "tw"}
{"id": "company:acme-chips", "kind": "Company", "name": "Acme Chips", "country": "nl", "aliases": ["Acme"]}
{"id": "company:acme-chips", "aliases": ["Acme Chips B.V."]}
{"id": "ministry:eu-dg-grow", "kind": "Ministry", "name": "DG GROW", "country": "EU"}
{"id": "company:congo-mining", "kind": "Company", "name": "Congo Mining", "aliases": ["Congo"]}
`
	adds, err := gazetteer.Load(strings.NewReader(file), "aliases.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(adds) != 6 || adds[0].File != "aliases.jsonl" || adds[0].Line != 2 || adds[2].Line != 5 {
		t.Fatalf("Load = %+v, want 6 additions from lines 2, 4, 5, ...", adds)
	}
	base := aliasBase(t)
	// The country code "tw" names no country this gazetteer knows; the
	// rest of the file is fine.
	if _, err := base.With(adds...); err == nil || !strings.Contains(err.Error(), "aliases.jsonl:4:") {
		t.Fatalf("With error = %v, want one naming aliases.jsonl:4", err)
	}
	adds[1].Country = ""
	g, err := base.With(adds...)
	if err != nil {
		t.Fatal(err)
	}

	meti, _ := g.ByID("ministry:jp-meti")
	if diff := cmp.Diff([]string{"METI", "Japan's economy ministry"}, meti.Aliases); diff != "" {
		t.Errorf("METI aliases (-want +got):\n%s", diff)
	}
	tsmc, _ := g.ByID("company:tsmc")
	if diff := cmp.Diff([]string{"Taiwan Semiconductor Manufacturing Co."}, tsmc.Aliases); diff != "" {
		t.Errorf("a second name becomes an alias (-want +got):\n%s", diff)
	}
	acme, ok := g.ByID("company:acme-chips")
	want := gazetteer.Entry{ID: "company:acme-chips", Kind: tradegraph.Company, Name: "Acme Chips", Country: "NL", Aliases: []string{"Acme", "Acme Chips B.V."}}
	if diff := cmp.Diff(want, acme); !ok || diff != "" {
		t.Errorf("new actor extended by a later line (-want +got):\n%s", diff)
	}
	if dg, ok := g.ByID("ministry:eu-dg-grow"); !ok || dg.Country != "EU" {
		t.Errorf("EU body = %+v, %v", dg, ok)
	}
	if _, ok := g.ByID("company:congo-mining"); !ok {
		t.Error("a form listed as ambiguous was refused")
	}

	// With leaves the gazetteer it was called on alone.
	if _, ok := base.ByID("company:acme-chips"); ok {
		t.Error("With changed its receiver")
	}
	if meti, _ := base.ByID("ministry:jp-meti"); len(meti.Aliases) != 1 {
		t.Errorf("With changed its receiver's entry: %+v", meti)
	}
	// And the resolver of the new one knows the new names.
	if got := g.Resolver().Resolve(tradegraph.Company, "Acme Chips Holding N.V.", ""); got != "company:acme-chips" {
		t.Errorf("Resolve after With = %q", got)
	}
}

func TestWithRejects(t *testing.T) {
	tests := []struct {
		name string
		file string
		want string // the error must contain it
	}{
		{"not JSON", `{"id": "company:a", "kind": "Company", "name": "A"}` + "\n" + `{"id": oops}`, "aliases.jsonl:2:"},
		{"unknown field", `{"id": "company:a", "kind": "Company", "nmae": "A"}`, `aliases.jsonl:1: json: unknown field "nmae"`}, //nolint:misspell
		{"no id", `{"kind": "Company", "name": "A"}`, "aliases.jsonl:1: no id"},
		{"new actor without kind", `{"id": "company:a", "name": "A"}`, `aliases.jsonl:1: company:a has invalid kind ""`},
		{"unknown kind", `{"id": "company:a", "kind": "Firm", "name": "A"}`, `aliases.jsonl:1: company:a has invalid kind "Firm"`},
		{"prefix and kind disagree", `{"id": "company:meti2", "kind": "Ministry", "name": "Other METI", "country": "JP"}`,
			`aliases.jsonl:1: company:meti2 has kind Ministry, so its id must start with "ministry:"`},
		{"new actor without name", `{"id": "company:a", "kind": "Company"}`, "aliases.jsonl:1: company:a has no name"},
		{"body without country", `{"id": "ministry:x", "kind": "Ministry", "name": "Office of X"}`, "aliases.jsonl:1: ministry:x is a government body, so it needs a country"},
		{"unknown country", `{"id": "company:a", "kind": "Company", "name": "A", "country": "XX"}`, `aliases.jsonl:1: company:a: country "XX"`},
		{"alias of an embedded actor", "# c\n" + `{"id": "company:a", "kind": "Company", "name": "A", "aliases": ["meti"]}`,
			`aliases.jsonl:2: "meti" is claimed by both ministry:jp-meti and company:a`},
		{"name of an embedded actor", `{"id": "company:japan", "kind": "Company", "name": "Japanese"}`,
			`aliases.jsonl:1: "Japanese" is claimed by both country:JP and company:japan`},
		{"alias of an earlier line", `{"id": "company:a", "kind": "Company", "name": "A", "aliases": ["Acme"]}` + "\n" +
			`{"id": "company:b", "kind": "Company", "name": "B", "aliases": ["ACME"]}`,
			`aliases.jsonl:2: "ACME" is claimed by both company:a and company:b`},
		{"known alias given to a known actor", `{"id": "company:tsmc", "aliases": ["METI"]}`,
			`aliases.jsonl:1: "METI" is claimed by both ministry:jp-meti and company:tsmc`},
		{"kind change", `{"id": "company:tsmc", "kind": "Organization"}`, "aliases.jsonl:1: company:tsmc is known as kind Company, not Organization"},
		{"country change", `{"id": "ministry:jp-meti", "country": "NL"}`, "aliases.jsonl:1: ministry:jp-meti belongs to JP, not NL"},
		{"empty alias", `{"id": "company:tsmc", "aliases": [" "]}`, "aliases.jsonl:1: company:tsmc has an empty alias"},
	}
	base := aliasBase(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			adds, err := gazetteer.Load(strings.NewReader(tt.file), "aliases.jsonl")
			if err == nil {
				_, err = base.With(adds...)
			}
			if err == nil {
				t.Fatal("accepted")
			}
			if tradegraph.ErrorCode(err) != tradegraph.EINVALID || !strings.Contains(tradegraph.ErrorMessage(err), tt.want) {
				t.Errorf("error = %v, want EINVALID containing %q", err, tt.want)
			}
		})
	}
}

func TestLoadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.jsonl")
	if err := os.WriteFile(path, []byte(`{"id": "company:tsmc", "aliases": ["Taiwan Semi"]}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	adds, err := gazetteer.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.Default().With(adds...)
	if err != nil {
		t.Fatal(err)
	}
	if tsmc, _ := g.ByID("company:tsmc"); !slices.Contains(tsmc.Aliases, "Taiwan Semi") {
		t.Errorf("company:tsmc = %+v", tsmc)
	}
	if tsmc, _ := gazetteer.Default().ByID("company:tsmc"); slices.Contains(tsmc.Aliases, "Taiwan Semi") {
		t.Error("With on a Default changed the embedded data")
	}
	if _, err := gazetteer.LoadFile(filepath.Join(t.TempDir(), "missing.jsonl")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("LoadFile(missing) error = %v, want fs.ErrNotExist", err)
	}
}
