// Package eval scores what the extractor found in articles against gold
// annotations written by hand in the same shape (loader.OutputArticle).
//
// Actors are aligned first, article by article. A gold actor and an
// extracted one can be paired only when their kinds are the same and one of
// the names either gives it (its name or any of its mentions) equals one of
// the other's once both are normalised (see Normalize). Ids are not required
// to agree, since an actor the gazetteer does not know gets an id made up by
// the extractor, but pairs whose ids agree are made first, then pairs whose
// names agree, then pairs that share the most names; ties go to the earlier
// gold actor and then the earlier extracted one, so the alignment is the
// same on every run. Each actor is paired at most once.
//
// Relations are then compared as sets of (type, from, to) per article, with
// both ends read through the alignment: an extracted relation is a hit when
// its ends are the actors paired with the gold relation's ends. Direction
// matters, except for symmetric types (tradegraph.RelationType.Symmetric),
// where either order is the same relation. A second, stricter score also
// asks the hedged flag to agree. A relation listed twice on one side of an
// article counts once.
//
// Scores are micro-averaged: true positives, false positives and false
// negatives are summed over all articles before precision, recall and F1
// are taken, overall and per actor kind or relation type.
package eval
