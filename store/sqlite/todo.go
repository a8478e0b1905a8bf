package sqlite

// Placeholders for the issue 5 contract, replaced while it is built.
// TODO(issue 5): remove this file.

import (
	"context"

	"github.com/tradegraph/tradegraph"
)

func (s *Store) DeleteArticle(ctx context.Context, id string) (*tradegraph.Deletion, error) {
	return nil, tradegraph.Errorf(tradegraph.EINTERNAL, "sqlite: DeleteArticle is not built yet")
}

func (s *Store) FindActorPages(ctx context.Context, fs []tradegraph.ActorFilter) ([]*tradegraph.Page[*tradegraph.Actor], error) {
	out := make([]*tradegraph.Page[*tradegraph.Actor], len(fs))
	for i, f := range fs {
		p, err := s.FindActors(ctx, f)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

func (s *Store) FindRelationPages(ctx context.Context, fs []tradegraph.RelationFilter) ([]*tradegraph.Page[*tradegraph.Relation], error) {
	out := make([]*tradegraph.Page[*tradegraph.Relation], len(fs))
	for i, f := range fs {
		p, err := s.FindRelations(ctx, f)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

func (s *Store) FindArticlePages(ctx context.Context, fs []tradegraph.ArticleFilter) ([]*tradegraph.Page[*tradegraph.Article], error) {
	out := make([]*tradegraph.Page[*tradegraph.Article], len(fs))
	for i, f := range fs {
		p, err := s.FindArticles(ctx, f)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

func (s *Store) RelationFacets(ctx context.Context, f tradegraph.RelationFilter) (*tradegraph.Facets, error) {
	return nil, tradegraph.Errorf(tradegraph.EINTERNAL, "sqlite: RelationFacets is not built yet")
}

func (s *Store) FindMentions(ctx context.Context, articleIDs []string) (map[string][]tradegraph.Mention, error) {
	return nil, tradegraph.Errorf(tradegraph.EINTERNAL, "sqlite: FindMentions is not built yet")
}
