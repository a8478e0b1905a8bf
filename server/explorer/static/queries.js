// Every GraphQL document the explorer sends lives in this file, each as one
// exported template literal without substitutions, so that the Go tests can
// pull them out and validate them against schema.graphqls.

// SEARCH feeds the type-ahead box.
export const SEARCH = `
query ExplorerSearch($text: String!, $first: Int) {
  search(text: $text, first: $first) {
    id
    kind
    name
    country
  }
}
`;

// EXPLORE fetches the centre actor with its own relations (for the table)
// and the neighbourhood around it (for the drawing) in one round trip.
export const EXPLORE = `
query ExplorerNeighborhood($id: ID!, $depth: Int, $types: [RelationType!], $limit: Int, $first: Int) {
  actor(id: $id) {
    id
    kind
    name
    aliases
    country
    relations(types: $types, first: $first) {
      totalCount
      nodes {
        ...ExplorerRelation
      }
    }
  }
  neighborhood(id: $id, depth: $depth, types: $types, limit: $limit) {
    truncated
    actors {
      id
      kind
      name
    }
    relations {
      ...ExplorerRelation
    }
  }
}

fragment ExplorerRelation on Relation {
  id
  type
  from { id kind name }
  to { id kind name }
  about
  hedged
  confidence
  date
  cameo
  rule
  reportedBy { id name }
  concerning { id name }
  evidence { sentence }
  article { id title url outlet published }
}
`;
