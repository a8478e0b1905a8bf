package gazetteer

import (
	"fmt"
	"io"
	"maps"
	"os"
	"strings"

	"github.com/tradegraph/tradegraph"
)

// Addition is one line of a user alias file: an entry that extends a known
// actor or adds a new one, and where it was read, so that an error can
// point at the line.
type Addition struct {
	Entry
	File string // the name given to Load; "" when the entry came from code
	Line int
}

// where returns "file:line: " for error messages, or "" when a is not
// from a file.
func (a Addition) where() string {
	switch {
	case a.File != "" && a.Line > 0:
		return fmt.Sprintf("%s:%d: ", a.File, a.Line)
	case a.File != "":
		return a.File + ": "
	}
	return ""
}

// Load reads a user alias file (the format is in the package doc) from r;
// name is the file's name in error messages. A line that is not one JSON
// object of the Entry fields is an EINVALID error naming name and the
// line. Load does not check the entries against a gazetteer; With does.
func Load(r io.Reader, name string) ([]Addition, error) {
	var adds []Addition
	err := scanLines(r, func(n int) string { return fmt.Sprintf("%s:%d", name, n) }, func(e Entry, n int) {
		adds = append(adds, Addition{Entry: e, File: name, Line: n})
	})
	return adds, err
}

// LoadFile reads the alias file at path with Load.
func LoadFile(path string) ([]Addition, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: alias file: %w", err)
	}
	defer f.Close()
	return Load(f, path)
}

// With returns a new gazetteer holding g's entries and the additions,
// applied in order; g itself does not change. An addition whose id is
// known extends that actor: its aliases, demonyms, capitals and titles
// are added, a name that differs from the known one becomes one more
// alias, and kind and country, when given, must agree with what is known.
// An addition with a new id is a new actor and needs a valid kind, an id
// that starts with the kind's prefix, a name, and for a government body a
// country. A country must be one the gazetteer knows (or "EU"), and no
// surface form may already belong to another actor unless it is listed as
// ambiguous. Errors are EINVALID and start with the addition's file and
// line.
func (g *Gazetteer) With(adds ...Addition) (*Gazetteer, error) {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.with(adds)
}

// with is With for a caller that holds g.mu.
func (g *Gazetteer) with(adds []Addition) (*Gazetteer, error) {
	next := &Gazetteer{byID: maps.Clone(g.byID), ambiguous: g.ambiguous}
	owner := map[string]string{} // folded surface form → id of an entry that has it
	for id, e := range next.byID {
		for _, f := range e.surfaceForms() {
			owner[fold(f)] = id
		}
	}
	for _, a := range adds {
		merged, err := next.apply(a, owner)
		if err != nil {
			return nil, err
		}
		for _, f := range merged.surfaceForms() {
			if _, taken := owner[fold(f)]; !taken {
				owner[fold(f)] = merged.ID
			}
		}
		next.byID[merged.ID] = merged
	}
	// The checks above are made line by line; this one guards the whole.
	if err := next.validate(); err != nil {
		return nil, err
	}
	return next, nil
}

// apply returns the entry that addition a makes: a new entry, or the
// known one extended.
func (g *Gazetteer) apply(a Addition, owner map[string]string) (Entry, error) {
	fail := func(format string, args ...any) (Entry, error) {
		return Entry{}, tradegraph.Errorf(tradegraph.EINVALID, "gazetteer: %s%s", a.where(), fmt.Sprintf(format, args...))
	}
	e := a.Entry
	e.Country = strings.ToUpper(e.Country)
	if strings.TrimSpace(e.ID) == "" {
		return fail("no id; every line needs the id of the actor it adds to or adds")
	}
	if e.Country != "" && !g.knownCountry(e.Country) {
		return fail("%s: country %q is not an ISO code the gazetteer knows (nor EU)", e.ID, e.Country)
	}
	merged, known := g.byID[e.ID]
	if known {
		if e.Kind != "" && e.Kind != merged.Kind {
			return fail("%s is known as kind %s, not %s", e.ID, merged.Kind, e.Kind)
		}
		if e.Country != "" && merged.Country != "" && e.Country != merged.Country {
			return fail("%s belongs to %s, not %s", e.ID, merged.Country, e.Country)
		}
		merged = merged.clone()
		if merged.Country == "" {
			merged.Country = e.Country
		}
		extra := e.Aliases
		if strings.TrimSpace(e.Name) != "" && fold(e.Name) != fold(merged.Name) {
			extra = append([]string{e.Name}, extra...)
		}
		merged.Aliases = addNew(merged.Aliases, extra, merged.Name)
		merged.Demonyms = addNew(merged.Demonyms, e.Demonyms, "")
		merged.Capitals = addNew(merged.Capitals, e.Capitals, "")
		merged.Titles = addNew(merged.Titles, e.Titles, "")
	} else {
		if p := entryProblem(e); p != "" {
			return fail("%s", p)
		}
		if e.Kind == tradegraph.Ministry && e.Country == "" {
			return fail("%s is a government body, so it needs a country", e.ID)
		}
		merged = e.clone()
	}
	for _, f := range merged.surfaceForms() {
		k := fold(f)
		if k == "" {
			return fail("%s has an empty alias, demonym, capital or title", e.ID)
		}
		if prev, taken := owner[k]; taken && prev != merged.ID && !g.ambiguous[k] {
			return fail("%q is claimed by both %s and %s; an alias may name one actor only", f, prev, merged.ID)
		}
	}
	return merged, nil
}

// knownCountry reports whether code is "EU" or the ISO code of a country
// entry.
func (g *Gazetteer) knownCountry(code string) bool {
	if strings.EqualFold(code, "EU") {
		_, ok := g.byID["organization:eu"]
		return ok
	}
	e, ok := g.byID["country:"+strings.ToUpper(code)]
	return ok && e.Kind == tradegraph.Country
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
