// Package neo4j is the Store of tradegraph kept in Neo4j (5.26 or later,
// community or enterprise), through the official Go driver. It is what analysts query with Cypher and what
// production runs; store/sqlite is the zero-setup alternative, and both
// pass store/storetest.
//
// The graph, as an analyst sees it in Neo4j Browser:
//
//	(:Actor:Person|Ministry|Country|Company|Organization
//	    {id, kind, name, aliases: [..], country})
//	(:Article {id, title, url, outlet, published: date, text, source})
//	(:Article)-[:MENTIONS {texts: [..], starts: [..], ends: [..]}]->(:Actor)
//	(:Actor)-[:REQUESTED|BANNED|...|OWNS {id, article, evidence, spanStart,
//	    spanEnd, about, concerning: [..], hedged, confidence, reportedBy,
//	    date: date, cameo, rule}]->(:Actor)
//	(:ActorMerge {id, into})
//
// Every actor carries :Actor and the label of its kind. An article has one
// MENTIONS relationship to every actor its extraction lists, holding the
// surface forms and code-point offsets of the places it names the actor
// (empty lists are left out). A relation is one relationship of its type per
// (type, from, to, article), so the same claim in two articles is two
// relationships. Properties with nothing to say (no date, no outlet) are
// absent rather than empty. Dates are Neo4j dates. An ActorMerge node
// records that the actor id was merged into the actor into (curation,
// Store.MergeActors); saves read actor ids through these records, and they
// are kept one hop long, so into always names an actor.
//
// Schema, created at Open with IF NOT EXISTS: uniqueness constraints on
// Actor.id, Article.id and ActorMerge.id, and a range index on
// ActorMerge.into; a uniqueness constraint on id and range indexes
// on article and date for every relation type; range indexes on
// Actor.country and Article.published; and the full-text index
// actor_names over Actor name and aliases.
//
// Labels and relationship types are only ever taken from
// tradegraph.ActorKinds and tradegraph.RelationTypes; every value from
// outside goes into a query as a parameter.
//
// A process should open one Store and share it: it holds the driver, whose
// connection pool and routing table serve every goroutine. Writes run in
// managed transactions, which the driver retries on transient errors
// (deadlocks, leader changes); reads are routed to readers in a cluster,
// and a bookmark manager shared by the Store's sessions makes every read see
// the writes the Store made before it.
package neo4j
