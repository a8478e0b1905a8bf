// Package apibench measures the read API of issue 5 on a synthetic corpus:
// five queries a frontend makes all the time (a type-ahead search, an
// actor's profile with 50 relations, a two-hop neighbourhood, a path, a
// timeline), each asked two ways in the same run —
//
//   - graphql: the GraphQL document sent through the whole handler of
//     `tradegraph serve` (server.New), in process, on a recorded response,
//     so routing, middleware, dataloaders, execution and JSON encoding are
//     all paid, the network is not;
//   - direct: the Store calls a careful Go caller would make for the same
//     answer (independent calls at once, the actors and articles of a page
//     in one call each), encoded to the same JSON.
//
// Before measuring, every input is asked both ways and the two answers
// must be the same JSON (Runner.Agree), so the comparison is of equal
// work. Latencies of every request are kept; a Cell reports p50, p99 and
// throughput at one concurrency, and WriteTable the ratios GraphQL/direct.
//
// The corpus (internal/synth through internal/loadbench, seed 1) is loaded
// once per store and size and reused: SQLite into a file under DefaultDir
// with a marker written after the load, Neo4j into the server NEO4J_URI
// names, which must be one of the benchmark's own. cmd/apibench is the
// command that loads and measures.
package apibench
