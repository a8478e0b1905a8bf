package extract

import (
	"github.com/tradegraph/tradegraph"
	"github.com/tradegraph/tradegraph/loader/gazetteer"
)

// discovered returns the id of a company, organisation or government body
// that discovery found under name. A gazetteer actor of the same kind
// whose name or alias is the same name, give or take case, accents,
// punctuation and legal suffixes, is that actor ("Wingtech Technology Co.,
// Ltd." is the listed Wingtech Technology). A company the gazetteer does
// not know gets an id made from its name without legal suffixes, so that
// "Shenzhen Lianrui Trading Co." and "Shenzhen Lianrui Trading" are one
// actor across articles; it keeps the name the text first gives it.
func (ms *mentionStage) discovered(kind tradegraph.ActorKind, name, country string) string {
	if id := ms.m.known.Resolve(kind, name, country); id != "" {
		ms.ensureActor(id)
		return id
	}
	if kind != tradegraph.Company {
		return ms.addActor(kind, name, country)
	}
	id := tradegraph.ActorID(kind, gazetteer.TrimLegalSuffixes(name))
	if _, ok := ms.m.entries[id]; ok {
		ms.ensureActor(id)
		return id
	}
	if _, ok := ms.actors[id]; !ok {
		ms.actors[id] = &tradegraph.Actor{ID: id, Kind: kind, Name: name}
	}
	return id
}
