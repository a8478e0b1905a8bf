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
	if p := entryProblem(e); p != "" {
		return tradegraph.Errorf(tradegraph.EINVALID, "gazetteer: %s", p)
	}
	return nil
}

// entryProblem says what is wrong with e on its own, or "".
func entryProblem(e Entry) string {
	if e.ID == "" {
		return fmt.Sprintf("entry %q has no id", e.Name)
	}
	if !e.Kind.Valid() {
		return fmt.Sprintf("%s has invalid kind %q", e.ID, e.Kind)
	}
	prefix := e.Kind.IDPrefix() + ":"
	if !strings.HasPrefix(e.ID, prefix) || len(e.ID) == len(prefix) {
		return fmt.Sprintf("%s has kind %s, so its id must start with %q", e.ID, e.Kind, prefix)
	}
	if strings.TrimSpace(e.Name) == "" {
		return fmt.Sprintf("%s has no name", e.ID)
	}
	return ""
}

// fold is the key under which surface forms are compared.
func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Parse reads entries in JSON Lines, one Entry per line. Blank lines and
// lines starting with # are skipped. Errors name the line number. Parse does
// not validate the entries against each other; New does.
func Parse(r io.Reader) ([]Entry, error) {
	var entries []Entry
	err := scanLines(r, func(n int) string { return fmt.Sprintf("line %d", n) }, func(e Entry, _ int) {
		entries = append(entries, e)
	})
	return entries, err
}

// scanLines decodes one Entry from each line of r that is neither blank
// nor a # comment and hands it to add with its line number. Errors are
// EINVALID and start with where(line).
func scanLines(r io.Reader, where func(line int) string, add func(e Entry, line int)) error {
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
			return tradegraph.Errorf(tradegraph.EINVALID, "gazetteer: %s: %v", where(n), err)
		}
		if dec.More() {
			return tradegraph.Errorf(tradegraph.EINVALID, "gazetteer: %s: more than one JSON value", where(n))
		}
		add(e, n)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gazetteer: read: %w", err)
	}
	return nil
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

// Extend merges user entries (an alias file) into g, as With does, but in
// place. Either every entry is merged or, on an EINVALID error, none is.
func (g *Gazetteer) Extend(entries []Entry) error {
	adds := make([]Addition, len(entries))
	for i, e := range entries {
		adds[i] = Addition{Entry: e}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	next, err := g.with(adds)
	if err != nil {
		return err
	}
	g.byID = next.byID
	return nil
}
