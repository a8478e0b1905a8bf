package tradegraph

// The GraphQL layer is generated from schema.graphqls by gqlgen (pinned as a
// tool in go.mod); the output lands in graph/ and is committed.
//go:generate go tool gqlgen generate --config gqlgen.yml
