// Package gazetteer holds the actors tradegraph knows before it reads an
// article: every country (with the aliases, demonyms and capitals news uses
// for it), the European Union, and a hand-curated list of government bodies,
// companies, media outlets and international organisations.
//
// The matcher in loader/extract turns these surface forms into actor ids, so
// the data has to be unambiguous: New refuses two entries that claim the
// same surface form unless the form is listed in data/ambiguous.txt, where
// the matcher knows to ask the context instead of guessing.
//
// data/countries.jsonl is generated from github.com/biter777/countries and
// the hand-kept table data/country_overlay.tsv by `go generate`; never edit
// it by hand. data/actors.jsonl is edited by hand and kept sorted by id.
package gazetteer

//go:generate go run ./internal/gen -overlay data/country_overlay.tsv -out data/countries.jsonl
