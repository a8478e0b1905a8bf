package gazetteer

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/tradegraph/tradegraph"
)

// Entry is one known actor.
type Entry struct {
	ID       string               `json:"id"`
	Kind     tradegraph.ActorKind `json:"kind"`
	Name     string               `json:"name"`
	Country  string               `json:"country,omitempty"`  // ISO alpha-2 it belongs to; "EU" for EU bodies
	Aliases  []string             `json:"aliases,omitempty"`  // other names and abbreviations
	Demonyms []string             `json:"demonyms,omitempty"` // countries (and the EU): "Japanese", "American"
	Capitals []string             `json:"capitals,omitempty"` // countries: seats of government used as metonyms ("Washington", "Tokyo", "Beijing")
	Titles   []string             `json:"titles,omitempty"`   // ministries: titles of office held there ("Secretary of Commerce", "Commerce Secretary")
}

// surfaceForms lists every string by which e may appear in a text.
func (e Entry) surfaceForms() []string {
	forms := []string{e.Name}
	for _, list := range [][]string{e.Aliases, e.Demonyms, e.Capitals, e.Titles} {
		forms = append(forms, list...)
	}
	return forms
}

func (e Entry) clone() Entry {
	e.Aliases = slices.Clone(e.Aliases)
	e.Demonyms = slices.Clone(e.Demonyms)
	e.Capitals = slices.Clone(e.Capitals)
	e.Titles = slices.Clone(e.Titles)
	return e
}

// Gazetteer is a validated set of entries, safe for concurrent use.
type Gazetteer struct {
	mu        sync.RWMutex
	byID      map[string]Entry
	ambiguous map[string]bool // folded surface forms several entries may share
}

var (
	//go:embed data/countries.jsonl
	countriesJSONL []byte
	//go:embed data/actors.jsonl
	actorsJSONL []byte
	//go:embed data/ambiguous.txt
	ambiguousTXT []byte

	defaultOnce    sync.Once
	defaultEntries []Entry
)

// Default returns a gazetteer of the embedded data. The data is parsed once;
// each call returns its own Gazetteer, so that Extend on one caller's copy
// does not change what other callers see. Default panics if the embedded
// data is corrupt, which the package's tests rule out.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		for _, f := range []struct {
			name string
			data []byte
		}{{"countries.jsonl", countriesJSONL}, {"actors.jsonl", actorsJSONL}} {
			entries, err := Parse(bytes.NewReader(f.data))
			if err != nil {
				panic(fmt.Sprintf("gazetteer: embedded %s: %v", f.name, err))
			}
			defaultEntries = append(defaultEntries, entries...)
		}
		if _, err := New(defaultEntries); err != nil {
			panic(fmt.Sprintf("gazetteer: embedded data: %v", err))
		}
	})
	g, err := New(defaultEntries)
	if err != nil {
		panic(fmt.Sprintf("gazetteer: embedded data: %v", err))
	}
	return g
}

// AmbiguousForms returns the surface forms that several entries may share
// (data/ambiguous.txt): "Congo" is both Congos, "Dominican" both Dominican
// Republic and Dominica. A matcher should resolve them from context or not
// at all.
func AmbiguousForms() []string {
	var forms []string
	for line := range strings.Lines(string(ambiguousTXT)) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		forms = append(forms, line)
	}
	return forms
}

// New validates entries and returns a gazetteer of them. It returns an
// EINVALID *tradegraph.Error naming the first problem found: a duplicate
// id, an invalid kind, an id whose prefix does not match its kind, an empty
// name, or a surface form (name, alias, demonym, capital or title) claimed
// by two entries when it is not among AmbiguousForms. Surface forms are
// compared without regard to case or repeated white space, as a matcher
// would see them.
func New(entries []Entry) (*Gazetteer, error) {
	g := &Gazetteer{byID: make(map[string]Entry, len(entries)), ambiguous: map[string]bool{}}
	for _, f := range AmbiguousForms() {
		g.ambiguous[fold(f)] = true
	}
	for _, e := range entries {
		if _, dup := g.byID[e.ID]; dup {
			return nil, tradegraph.Errorf(tradegraph.EINVALID, "gazetteer: duplicate id %q", e.ID)
		}
		g.byID[e.ID] = e.clone()
	}
	if err := g.validate(); err != nil {
		return nil, err
	}
	return g, nil
}

// validate checks every entry and the surface forms across entries.
func (g *Gazetteer) validate() error {
	ids := make([]string, 0, len(g.byID))
	for id := range g.byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	owner := map[string]string{} // folded form → id of the first entry that claims it
	for _, id := range ids {
		e := g.byID[id]
		if err := checkEntry(e); err != nil {
			return err
		}
		for _, form := range e.surfaceForms() {
			k := fold(form)
			if k == "" {
				return tradegraph.Errorf(tradegraph.EINVALID, "gazetteer: %s has an empty alias, demonym, capital or title", id)
			}
			prev, taken := owner[k]
			if !taken {
				owner[k] = id
				continue
			}
			if prev != id && !g.ambiguous[k] {
				return tradegraph.Errorf(tradegraph.EINVALID,
					"gazetteer: %q is claimed by both %s and %s; drop it from one or list it in data/ambiguous.txt", form, prev, id)
			}
		}
	}
	return nil
}

func checkEntry(e Entry) error {
	if e.ID == "" {
		return tradegraph.Errorf(tradegraph.EINVALID, "gazetteer: entry %q has no id", e.Name)
	}
	if !e.Kind.Valid() {
		return tradegraph.Errorf(tradegraph.EINVALID, "gazetteer: %s has invalid kind %q", e.ID, e.Kind)
	}
	prefix := e.Kind.IDPrefix() + ":"
	if !strings.HasPrefix(e.ID, prefix) || len(e.ID) == len(prefix) {
		return tradegraph.Errorf(tradegraph.EINVALID, "gazetteer: %s has kind %s, so its id must start with %q", e.ID, e.Kind, prefix)
	}
	if strings.TrimSpace(e.Name) == "" {
		return tradegraph.Errorf(tradegraph.EINVALID, "gazetteer: %s has no name", e.ID)
	}
	return nil
}

// fold is the key under which surface forms are compared.
func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Parse reads entries in JSON Lines, one Entry per line. Blank lines and
// lines starting with # are skipped. Errors name the line number. Parse does
// not validate the entries against each other; New does.
func Parse(r io.Reader) ([]Entry, error) {
	var entries []Entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		var e Entry
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			return nil, tradegraph.Errorf(tradegraph.EINVALID, "gazetteer: line %d: %v", n, err)
		}
		if dec.More() {
			return nil, tradegraph.Errorf(tradegraph.EINVALID, "gazetteer: line %d: more than one JSON value", n)
		}
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gazetteer: read: %w", err)
	}
	return entries, nil
}

// Entries returns a copy of every entry, sorted by id.
func (g *Gazetteer) Entries() []Entry {
	g.mu.RLock()
	defer g.mu.RUnlock()
	out := make([]Entry, 0, len(g.byID))
	for _, e := range g.byID {
		out = append(out, e.clone())
	}
	slices.SortFunc(out, func(a, b Entry) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// ByID returns the entry with the given id.
func (g *Gazetteer) ByID(id string) (Entry, bool) {
	g.mu.RLock()
	defer g.mu.RUnlock()
	e, ok := g.byID[id]
	return e.clone(), ok
}

// Ambiguous reports whether form is a surface form several entries may
// share.
func (g *Gazetteer) Ambiguous(form string) bool { return g.ambiguous[fold(form)] }

// Extend merges user entries (an alias file) into g. An entry with a known
// id adds its aliases, demonyms, capitals and titles to the known entry; its
// kind, if given, must match, and its name, if it differs, becomes one more
// alias. An entry with an unknown id is added. Either every entry is merged
// or, on an EINVALID error (the same checks as New), none is.
func (g *Gazetteer) Extend(entries []Entry) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	next := &Gazetteer{byID: make(map[string]Entry, len(g.byID)+len(entries)), ambiguous: g.ambiguous}
	for id, e := range g.byID {
		next.byID[id] = e
	}
	for _, e := range entries {
		old, known := next.byID[e.ID]
		if !known {
			next.byID[e.ID] = e.clone()
			continue
		}
		if e.Kind != "" && e.Kind != old.Kind {
			return tradegraph.Errorf(tradegraph.EINVALID, "gazetteer: extend %s: kind %s, but it is known as %s", e.ID, e.Kind, old.Kind)
		}
		if e.Country != "" && old.Country != "" && e.Country != old.Country {
			return tradegraph.Errorf(tradegraph.EINVALID, "gazetteer: extend %s: country %s, but it is known as %s", e.ID, e.Country, old.Country)
		}
		merged := old.clone()
		if merged.Country == "" {
			merged.Country = e.Country
		}
		extra := e.Aliases
		if e.Name != "" && fold(e.Name) != fold(old.Name) {
			extra = append([]string{e.Name}, extra...)
		}
		merged.Aliases = addNew(merged.Aliases, extra, old.Name)
		merged.Demonyms = addNew(merged.Demonyms, e.Demonyms, "")
		merged.Capitals = addNew(merged.Capitals, e.Capitals, "")
		merged.Titles = addNew(merged.Titles, e.Titles, "")
		next.byID[e.ID] = merged
	}
	if err := next.validate(); err != nil {
		return err
	}
	g.byID = next.byID
	return nil
}

// addNew appends the forms of extra that list does not hold yet (and that
// are not name), compared as fold compares them.
func addNew(list, extra []string, name string) []string {
	seen := map[string]bool{fold(name): name != ""}
	for _, s := range list {
		seen[fold(s)] = true
	}
	for _, s := range extra {
		if k := fold(s); !seen[k] {
			seen[k] = true
			list = append(list, s)
		}
	}
	return list
}
