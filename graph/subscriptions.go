package graph

import (
	"context"

	"github.com/tradegraph/tradegraph"
)

// relationAdded streams the relations saved from now on.
// TODO(issue 5): placeholder until the event broker lands.
func (r *Resolver) relationAdded(ctx context.Context, types []tradegraph.RelationType) (<-chan *tradegraph.Relation, error) {
	return nil, tradegraph.Errorf(tradegraph.EINTERNAL, "subscriptions are not built yet")
}
