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
//
// # User alias files
//
// Users add their own actors and names without rebuilding tradegraph: an
// alias file is read with Load (or LoadFile) and merged with With, which
// returns a new Gazetteer and leaves the embedded data alone. The commands
// take one with --aliases FILE.
//
// An alias file has the shape of data/actors.jsonl: UTF-8 JSON Lines, one
// object per line with the fields of Entry (id, kind, name, country,
// aliases, demonyms, capitals, titles). Blank lines and lines that start
// with # are skipped; a field the format does not have is an error, so
// that a misspelt one is not silently ignored.
//
//	# More names for actors tradegraph knows.
//	{"id": "ministry:jp-meti", "aliases": ["Japan's economy ministry"]}
//	{"id": "company:tsmc", "aliases": ["Taiwan Semi"]}
//	# Actors it does not know.
//	{"id": "company:acme-chips", "kind": "Company", "name": "Acme Chips", "country": "NL", "aliases": ["Acme"]}
//	{"id": "ministry:nz-mfat", "kind": "Ministry", "name": "Ministry of Foreign Affairs and Trade", "country": "NZ", "aliases": ["MFAT"]}
//
// A line whose id the gazetteer already holds (or an earlier line added)
// extends that actor: its aliases, demonyms, capitals and titles are
// added, and a name other than the known one becomes one more alias. Kind
// and country may be left out there; if given, they must agree with what
// is known. A line with a new id adds an actor and needs a kind (Person,
// Ministry, Country, Company or Organization), an id that starts with the
// kind's prefix and a colon ("company:", "ministry:", "organization:",
// "person:", "country:"), and a name; a Ministry also needs its country.
// A country is an ISO 3166 alpha-2 code the gazetteer knows, or "EU".
//
// No surface form may belong to two actors, in the file or across the file
// and the embedded data, unless data/ambiguous.txt lists it: to give a new
// actor a name an embedded one uses, the embedded data has to change
// first. Errors name the file and line ("aliases.jsonl:3: ...") and nothing
// of the file is used when any line is wrong.
//
// # Resolving discovered names
//
// The extractor also finds companies, organisations and government bodies
// the gazetteer does not list by name. Resolver maps such a name to a
// listed actor of the same kind when the two are equal once case, accents,
// punctuation and legal suffixes ("Co., Ltd.", "Inc.", "N.V.",
// "Holdings") are set aside: "Wingtech Technology Co., Ltd." is the listed
// Wingtech Technology. It never matches part of a name and never crosses
// kinds.
package gazetteer

//go:generate go run ./internal/gen -overlay data/country_overlay.tsv -out data/countries.jsonl
