// Package tradegraph holds the domain of the project: the actors that trade
// policy news is about, the relations between them with the evidence that
// supports each one, the articles they come from, and the Store interface
// that every storage backend implements.
//
// The package imports only the standard library. Subpackages talk to each
// other in these terms: loader produces Extractions, store/sqlite and
// store/neo4j persist them, graph serves them over GraphQL.
package tradegraph
